/**
 * prh dictionaries parsed once (prhMemo.ts), on the real prh: the memoized engines give the same
 * results as fresh ones, a caller's merge never reaches the next caller, and a changed dictionary
 * file (or a file it imports) is read again.
 */
import { afterEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { clearPrhMemo, memoizePrh, prhMemoStats } from "../../server/src/node/prhMemo";
import { makeWorkspace, removeWorkspace, repoRoot, write } from "../helpers/workspace";

interface Engine {
  rules: { expected: string }[];
  sourcePaths: string[];
  merge(other: Engine): void;
  replaceByRule(filePath: string, content: string): string;
}
interface Prh {
  fromYAML(configPath: string, content: string): Engine;
  fromYAMLFilePath(configPath: string): Engine;
}

/** A fresh copy of the real prh module (its own exports, so wrapping it touches no other test). */
function freshPrh(): Prh {
  const requireHere = createRequire(path.join(repoRoot, "package.json"));
  const id = requireHere.resolve("prh");
  const dir = path.dirname(id);
  for (const key of Object.keys(require.cache)) if (key.startsWith(dir + path.sep)) delete require.cache[key];
  return requireHere("prh") as Prh;
}

const DICT = "version: 1\nrules:\n  - expected: ください\n    pattern: 下さい\n  - expected: すでに\n    pattern: 既に\n";
const OTHER = "version: 1\nrules:\n  - expected: すべて\n    pattern: 全て\n";
const TEXT = "既に設定がある場合は全て追記して下さい。";

const workspaces: string[] = [];
afterEach(() => {
  clearPrhMemo();
  workspaces.splice(0).forEach(removeWorkspace);
});

describe("prh dictionaries parsed once", () => {
  it("gives the same engine as prh itself, built once", () => {
    const plain = freshPrh();
    const memo = freshPrh();
    assert.equal(memoizePrh(memo), true);
    assert.equal(memoizePrh(memo), false, "wrapping twice is a no-op");
    const expected = plain.fromYAML("", DICT).replaceByRule("post.md", TEXT);
    for (let i = 0; i < 5; i++) assert.equal(memo.fromYAML("", DICT).replaceByRule("post.md", TEXT), expected);
    assert.equal(expected, "すでに設定がある場合は全て追記してください。");
    assert.deepEqual(prhMemoStats, { builds: 1, hits: 4 });
  });

  it("hands out copies: what one caller merges in, the next one does not see", () => {
    const memo = freshPrh();
    memoizePrh(memo);
    const first = memo.fromYAML("", DICT);
    first.merge(memo.fromYAML("", OTHER));
    assert.equal(first.replaceByRule("post.md", TEXT), "すでに設定がある場合はすべて追記してください。");
    const second = memo.fromYAML("", DICT);
    assert.deepEqual(second.rules.map((r) => r.expected), ["ください", "すでに"]);
    assert.equal(second.replaceByRule("post.md", TEXT), "すでに設定がある場合は全て追記してください。");
  });

  it("reads a dictionary file again when it changes, and when a file it imports changes", () => {
    const memo = freshPrh();
    memoizePrh(memo);
    const ws = makeWorkspace({ "prh.yml": `${DICT}imports:\n  - other.yml\n`, "other.yml": OTHER });
    workspaces.push(ws);
    const file = path.join(ws, "prh.yml");
    const expectedOf = (): string[] => memo.fromYAMLFilePath(file).rules.map((r) => r.expected);
    assert.deepEqual(expectedOf(), ["ください", "すでに", "すべて"]);
    assert.deepEqual(expectedOf(), ["ください", "すでに", "すべて"]);
    assert.equal(prhMemoStats.builds, 1);

    write(ws, "other.yml", "version: 1\nrules:\n  - expected: さまざま\n    pattern: 様々\n");
    bumpMtime(path.join(ws, "other.yml"));
    assert.deepEqual(expectedOf(), ["ください", "すでに", "さまざま"]);

    write(ws, "prh.yml", "version: 1\nrules:\n  - expected: できる\n    pattern: 出来る\n");
    bumpMtime(file);
    assert.deepEqual(expectedOf(), ["できる"]);
    assert.equal(prhMemoStats.builds, 3);
  });

  it("does not remember a dictionary prh refuses", () => {
    const memo = freshPrh();
    memoizePrh(memo);
    const broken = "version: 1\nrules:\n  - expected: ください\n    pattern: 下さい\n    specs:\n      - from: 下さい\n        to: 下さい\n";
    assert.throws(() => memo.fromYAML("", broken), /spec failed/);
    assert.throws(() => memo.fromYAML("", broken), /spec failed/);
    assert.equal(prhMemoStats.builds, 0);
  });
});

/** Some file systems keep mtimes in whole seconds: make the change visible whatever the clock did. */
function bumpMtime(file: string): void {
  const later = new Date(fs.statSync(file).mtimeMs + 5000);
  fs.utimesSync(file, later, later);
}
