/**
 * Parsing only the blocks an edit touched gives the very AST a full parse gives (node for node),
 * and it does parse partially for ordinary edits in long posts.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { parse } from "@textlint/markdown-to-ast";
import { parseIncrementally, type IncrementalParse, type ParsedText } from "../../server/src/core/incremental/incrementalParse";
import { shapeOf } from "../../server/src/core/incremental/units";

const root = path.resolve(__dirname, "..", "..", "..");
const dir = path.join(root, "test/fixtures/posts");
const posts = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
const documents = [...posts, ...posts.map((p) => p.replace(/^---[\s\S]*?\n---\n/, "はじめに。\n\n")), (posts[0] ?? "").replace(/\n/g, "\r\n")];

const PIECES = ["この映画は見れる。", "\n\n", "\n", "\r\n", "```\n", "- ", "1. ", "| a | b |\n", "---\n", "===\n", "# 見出し\n", "> 引用\n", "    code\n", "<div>\n", "😀", "**強", "`", "[x]: https://e.x\n", "[^1]"];

/** The blocks a parse says it kept are the previous ones: the first the same nodes, the last moved only. */
function assertKept(previous: ParsedText, result: IncrementalParse): void {
  const before = previous.ast.children;
  const now = result.ast.children;
  const { head, tail } = result.kept;
  assert.ok(head + tail <= Math.min(before.length, now.length), `${head} + ${tail} kept of ${before.length} → ${now.length}`);
  for (let i = 0; i < head; i++) assert.equal(now[i], before[i], `block ${i} is the same node`);
  for (let k = 1; k <= tail; k++) {
    const was = before[before.length - k]!;
    const is = now[now.length - k]!;
    assert.equal(is.raw, was.raw);
    assert.equal(shapeOf(is), shapeOf(was));
    assert.equal(is.range[0] - was.range[0], result.ast.range[1] - previous.ast.range[1], "moved by the edit's length");
  }
}

describe("incremental Markdown parse", () => {
  it("equals a full parse after every random edit (seeded)", () => {
    let partial = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...documents.keys()),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constantFrom(...PIECES), fc.integer({ min: 1, max: 20 }))), { minLength: 30, maxLength: 30 }),
        (docIndex, edits) => {
          let text = documents[docIndex] ?? "";
          let previous: ParsedText = { text, ast: parse(text) };
          for (const [at, edit] of edits) {
            const pos = Math.floor(at * text.length);
            text = typeof edit === "string" ? text.slice(0, pos) + edit + text.slice(pos) : text.slice(0, pos) + text.slice(pos + edit);
            const result = parseIncrementally(previous, text, parse);
            if (result.partial) partial++;
            assert.deepEqual(result.ast, parse(text));
            assertKept(previous, result);
            previous = { text, ast: result.ast };
          }
        },
      ),
      { seed: 20261122, numRuns: 40 },
    );
    assert.ok(partial > 0);
  });

  it("parses ordinary edits in the middle of a long post partially", () => {
    let text = Array.from({ length: 8 }, (_, i) => (posts[i % posts.length] ?? "").replace(/^---[\s\S]*?\n---\n/, `第${i}章。\n\n`)).join("\n\n");
    let previous: ParsedText = { text, ast: parse(text) };
    let partial = 0;
    for (let i = 0; i < 50; i++) {
      const at = text.indexOf("。", Math.floor(text.length / 3) + i * 37);
      text = text.slice(0, at) + "あ" + text.slice(at);
      const result = parseIncrementally(previous, text, parse);
      if (result.partial) partial++;
      assert.deepEqual(result.ast, parse(text));
      assertKept(previous, result);
      if (result.partial) assert.ok(result.kept.head + result.kept.tail >= result.ast.children.length - 4, `kept ${JSON.stringify(result.kept)} of ${result.ast.children.length}`);
      previous = { text, ast: result.ast };
    }
    assert.ok(partial >= 45, `only ${partial} of 50 one-character edits parsed partially`);
  });

  it("an opened code fence swallows later blocks: the splice is refused, the result still exact", () => {
    const blocks = Array.from({ length: 12 }, (_, i) => `段落${i}です。`);
    blocks.splice(8, 0, "```js\nconst a = 1;\n```");
    const text = `${blocks.join("\n\n")}\n`;
    const previous = { text, ast: parse(text) };
    for (const piece of ["```\n", "===\n", "- a\n", "> 引用\n", "<div>\n"]) {
      const at = text.indexOf("段落5");
      const edited = text.slice(0, at) + piece + text.slice(at);
      assert.deepEqual(parseIncrementally(previous, edited, parse).ast, parse(edited), JSON.stringify(piece));
    }
  });

  it("falls back to a full parse when a definition changes", () => {
    const text = `はじめに。\n\n${posts[1] ?? ""}\n\n詳しくは[ここ][x]。\n`;
    const previous = { text, ast: parse(text) };
    const edited = `${text}\n[x]: https://example.com\n`;
    const result = parseIncrementally(previous, edited, parse);
    assert.equal(result.partial, false);
    assert.deepEqual(result.ast, parse(edited));
  });

  it("a post with footnotes and link definitions keeps the fast path, and stays exact", () => {
    const body = Array.from({ length: 10 }, (_, i) => `段落${i}では[公式][DOCS]と[公式  ガイド][]を引きます[^${(i % 3) + 1}]。[^x]や[未定義][nope]は参照ではありません。`);
    const defs = "[docs]: https://example.com/docs\n\n[公式 ガイド]: https://example.com/guide\n\n[^1]: 一つ目の脚注です。\n[^2]: 二つ目。\n\n    続きの段落。\n\n[^3]: 三つ目。\n";
    let text = `${body.join("\n\n")}\n\n${defs}`;
    let previous: ParsedText = { text, ast: parse(text) };
    let partial = 0;
    for (let i = 0; i < 20; i++) {
      const at = text.indexOf("引きます", text.indexOf(`段落${(i % 7) + 2}`));
      text = text.slice(0, at) + "よ" + text.slice(at);
      const result = parseIncrementally(previous, text, parse);
      if (result.partial) partial++;
      assert.deepEqual(result.ast, parse(text));
      previous = { text, ast: result.ast };
    }
    assert.equal(partial, 20);
    // Typing in a definition's text (its label stays) keeps the fast path too, the last one included.
    for (const [from, to] of [["一つ目の脚注", "一つ目の長い脚注"], ["三つ目。", "三つ目です。"], ["続きの段落。", "続きの長い段落。"]] as const) {
      const inDef = previous.text.replace(from, to);
      const result = parseIncrementally(previous, inDef, parse);
      assert.equal(result.partial, true, from);
      assert.deepEqual(result.ast, parse(inDef));
      previous = { text: inDef, ast: result.ast };
    }
    text = previous.text;
    // A label that changes, or a definition nested in a quote, still parses in full.
    const relabelled = text.replace("[^3]: 三つ目", "[^4]: 三つ目");
    assert.equal(parseIncrementally(previous, relabelled, parse).partial, false);
    const quoted = text.replace("段落9では", "> [q]: https://example.com/q\n\n段落9では");
    const quotedPrevious = { text: quoted, ast: parse(quoted) };
    const quotedEdit = quoted.replace("段落4では", "段落4ではね");
    const result = parseIncrementally(quotedPrevious, quotedEdit, parse);
    assert.equal(result.partial, false);
    assert.deepEqual(result.ast, parse(quotedEdit));
  });

  it("a region that reaches the end of the post and starts at a thematic break is parsed in full (`---` would open frontmatter)", () => {
    const before = "# 見出し\n\n本文です[^1]。\n\n| a | b |\n| --- | --- |\n\n---\n- 箇条書き\n  - 入れ子\n\n[^1]: 脚注です。\n";
    const after = before.replace("入れ子\n\n", "入れ子\n\r\n\n");
    const result = parseIncrementally({ text: before, ast: parse(before) }, after, parse);
    assert.deepEqual(result.ast, parse(after));
    // And a plain edit in the last footnote definition stays partial.
    const edited = before.replace("脚注です", "長い脚注です");
    const partial = parseIncrementally({ text: before, ast: parse(before) }, edited, parse);
    assert.equal(partial.partial, true);
    assert.deepEqual(partial.ast, parse(edited));
  });
});
