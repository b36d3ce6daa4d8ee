/**
 * One sentence split per paragraph (splitMemo.ts), on the real sentence-splitter and real-shaped
 * posts: a remembered split equals a fresh one, rules whose separator lists are the same set share
 * it, each caller gets its own root, a node changed in place is split again, and options that are
 * not plain data are called through.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { createRequire } from "node:module";
import { parse } from "@textlint/markdown-to-ast";
import { memoizeSplit, optionsKey, splitMemoStats } from "../../server/src/node/splitMemo";
import { makeRealPost } from "../helpers/realPost";
import { repoRoot } from "../helpers/workspace";

interface AstNode {
  type: string;
  raw: string;
  range: [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
  children?: AstNode[];
}
interface Splitter {
  splitAST(node: AstNode, options?: unknown): { type: string; children: AstNode[] };
  DefaultSentenceSplitterOptions: { separatorCharacters: string[] };
}

/** A fresh copy of the real module (its own exports, so wrapping it touches no other test). */
function freshSplitter(): Splitter {
  const requireHere = createRequire(path.join(repoRoot, "package.json"));
  const id = requireHere.resolve("sentence-splitter");
  delete require.cache[id];
  return requireHere("sentence-splitter") as Splitter;
}

function paragraphsOf(text: string): AstNode[] {
  const found: AstNode[] = [];
  const walk = (node: AstNode) => {
    if (node.type === "Paragraph") found.push(node);
    node.children?.forEach(walk);
  };
  walk(parse(text) as unknown as AstNode);
  return found;
}

const DEFAULT_LIST = [".", "．", "。", "?", "!", "？", "！"];
// textlint-rule-max-ten's list: no periods.
const MAX_TEN_LIST = ["?", "!", "？", "！", "。"];

function counts(): { splits: number; hits: number } {
  return { ...splitMemoStats };
}

describe("splitMemo", () => {
  it("splits each paragraph of real-shaped posts once per separator set, as a fresh split does", () => {
    const reference = freshSplitter();
    const mod = freshSplitter();
    assert.equal(memoizeSplit(mod), true);
    assert.equal(memoizeSplit(mod), false, "wrapped once");
    const before = counts();
    let paragraphs = 0;
    for (const seed of [1, 2]) {
      for (const node of paragraphsOf(makeRealPost(6000, seed).text)) {
        paragraphs++;
        const plain = reference.splitAST(node);
        const maxTen = reference.splitAST(node, { SeparatorParser: { separatorCharacters: MAX_TEN_LIST } });
        // The rules' ways of asking: no options, the default list, the same list reordered.
        assert.deepEqual(mod.splitAST(node), plain);
        assert.deepEqual(mod.splitAST(node, { SeparatorParser: { separatorCharacters: DEFAULT_LIST } }), plain);
        assert.deepEqual(mod.splitAST(node, { SeparatorParser: { separatorCharacters: [...DEFAULT_LIST].reverse() } }), plain);
        assert.deepEqual(mod.splitAST(node, { SeparatorParser: { separatorCharacters: MAX_TEN_LIST } }), maxTen);
      }
    }
    assert.ok(paragraphs > 20, `${paragraphs} paragraphs`);
    const after = counts();
    assert.equal(after.splits - before.splits, 2 * paragraphs, "one split per paragraph and separator set");
    assert.equal(after.hits - before.hits, 2 * paragraphs);
  });

  it("gives each caller its own root and children, and splits a node changed in place again", () => {
    const mod = freshSplitter();
    memoizeSplit(mod);
    const [node] = paragraphsOf("Tsuzuri is here. 今日は晴れ。\n");
    assert.ok(node);
    const first = mod.splitAST(node);
    const second = mod.splitAST(node);
    assert.notEqual(first, second);
    assert.notEqual(first.children, second.children);
    first.children.pop();
    assert.equal(mod.splitAST(node).children.length, second.children.length, "a caller's change reaches no one else");
    const sentences = (tree: { children: AstNode[] }) => tree.children.filter((c) => c.type === "Sentence").length;
    assert.equal(sentences(second), 2);
    // A rule (or our incremental parser) that rewrites a node keeps the object: its text decides.
    const [other] = paragraphsOf("一文だけ\n");
    assert.ok(other);
    Object.assign(node, { raw: other.raw, range: other.range, loc: other.loc, children: other.children });
    assert.equal(sentences(mod.splitAST(node)), 1);
  });

  it("calls through for options that are not plain data", () => {
    const mod = freshSplitter();
    memoizeSplit(mod);
    const [node] = paragraphsOf("一文。二文。\n");
    assert.ok(node);
    class Options {
      SeparatorParser = { separatorCharacters: ["。"] };
    }
    const before = counts();
    mod.splitAST(node, new Options());
    mod.splitAST(node, new Options());
    assert.deepEqual(counts(), before);
    assert.equal(optionsKey({ SeparatorParser: { separatorCharacters: ["。", "."] } }, undefined), optionsKey({ SeparatorParser: { separatorCharacters: [".", "。", "。"] } }, undefined));
    assert.notEqual(optionsKey(undefined, DEFAULT_LIST), optionsKey({ SeparatorParser: { separatorCharacters: MAX_TEN_LIST } }, DEFAULT_LIST));
    assert.equal(optionsKey({ SeparatorParser: { separatorCharacters: ["。"] }, AbbrMarker: { abbreviations: [] } }, DEFAULT_LIST)?.startsWith("j"), true, "other parsers' options: as JSON");
  });
});
