import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { TextlintMessage, TextlintResult } from "@textlint/types";
import { countProblems, onChangedLines, parseUnifiedDiff, unquote } from "../../server/src/core/check/changedLines";

/** A `git diff --unified=0 -M --src-prefix=a/ --dst-prefix=b/` as git 2.39 prints it (written here, line by line). */
const DIFF = [
  "diff --git a/posts/edited.md b/posts/edited.md",
  "index 1111111..2222222 100644",
  "--- a/posts/edited.md",
  "+++ b/posts/edited.md",
  "@@ -3 +3 @@ 見出し",
  "-古い行",
  "+新しい行",
  "@@ -10,2 +10,0 @@",
  "-消した行",
  "--- a/evil.md",
  "@@ -20,0 +19,3 @@",
  "+足した行1",
  "+++ b/not-a-header.md",
  "+足した行3",
  "@@ -30 +31 @@",
  "-最後",
  "\\ No newline at end of file",
  "+最後。",
  "\\ No newline at end of file",
  "diff --git a/old.md b/renamed.md",
  "similarity index 90%",
  "rename from old.md",
  "rename to renamed.md",
  "index 3333333..4444444 100644",
  "--- a/old.md",
  "+++ b/renamed.md",
  "@@ -5 +5,2 @@",
  "-a",
  "+b",
  "+c",
  "diff --git a/moved.md b/moved-only.md",
  "similarity index 100%",
  "rename from moved.md",
  "rename to moved-only.md",
  "diff --git a/gone.md b/gone.md",
  "deleted file mode 100644",
  "index 5555555..0000000",
  "--- a/gone.md",
  "+++ /dev/null",
  "@@ -1 +0,0 @@",
  "-bye",
  "diff --git a/new.md b/new.md",
  "new file mode 100644",
  "index 0000000..6666666",
  "--- /dev/null",
  "+++ b/new.md",
  "@@ -0,0 +1,2 @@",
  "+one",
  "+two",
  'diff --git "a/\\346\\227\\245\\346\\234\\254 \\"q\\".md" "b/\\346\\227\\245\\346\\234\\254 \\"q\\".md"',
  "index 7777777..8888888 100644",
  '--- "a/\\346\\227\\245\\346\\234\\254 \\"q\\".md"\t',
  '+++ "b/\\346\\227\\245\\346\\234\\254 \\"q\\".md"\t',
  "@@ -1 +1 @@",
  "-x",
  "+y",
  "diff --git a/with space.md b/with space.md",
  "index 9999999..aaaaaaa 100644",
  "--- a/with space.md\t",
  "+++ b/with space.md\t",
  "@@ -2,0 +3 @@",
  "+z",
  "",
].join("\n");

describe("parseUnifiedDiff", () => {
  const files = parseUnifiedDiff(DIFF);

  it("gives each file's added and changed lines under its new path; deletions add none", () => {
    assert.deepEqual(files.get("posts/edited.md"), [[3, 3], [19, 21], [31, 31]]);
    assert.deepEqual(files.get("new.md"), [[1, 2]]);
  });

  it("reads a hunk's own lines as lines, even one that looks like a header", () => {
    assert.equal(files.has("evil.md"), false);
    assert.equal(files.has("not-a-header.md"), false);
  });

  it("follows renames: the new name with its edited lines only, or none for a pure rename", () => {
    assert.deepEqual(files.get("renamed.md"), [[5, 6]]);
    assert.equal(files.has("old.md"), false);
    assert.deepEqual(files.get("moved-only.md"), []);
  });

  it("leaves deleted files out and reads quoted and spaced names", () => {
    assert.equal(files.has("gone.md"), false);
    assert.deepEqual(files.get('日本 "q".md'), [[1, 1]]);
    assert.deepEqual(files.get("with space.md"), [[3, 3]]);
    assert.deepEqual([...files.keys()].sort(), ["moved-only.md", "new.md", "posts/edited.md", "renamed.md", "with space.md", '日本 "q".md'].sort());
  });

  it("unquotes C-style escapes and octal UTF-8 bytes; leaves plain names alone", () => {
    assert.equal(unquote('"a\\tb\\\\c\\"d"'), 'a\tb\\c"d');
    assert.equal(unquote('"\\360\\237\\230\\200.md"'), "😀.md");
    assert.equal(unquote("plain name.md"), "plain name.md");
  });
});

function message(ruleId: string, range: [number, number], severity: TextlintMessage["severity"] = 2): TextlintMessage {
  return { type: "lint", ruleId, message: ruleId, index: range[0], line: 0, column: 0, range, loc: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }, severity };
}

describe("onChangedLines", () => {
  // Lines as git counts them (after each "\n"): 1 "a\r\n", 2 "bb\r" + "cc" (a lone CR is no line end for git), 3 "dd".
  const text = "a\r\nbb\rcc\ndd";
  const result: TextlintResult = {
    filePath: "/r/p.md",
    messages: [message("on-1", [0, 1]), message("on-cr-line", [6, 8]), message("spans-2-3", [4, 10], 1), message("on-3", [9, 11]), message("end-of-text", [11, 11])],
  };
  const texts = new Map([["/r/p.md", text]]);
  const kept = (lines: readonly (readonly [number, number])[] | "all"): string[] =>
    onChangedLines([result], texts, new Map([["/r/p.md", lines]]))[0]?.messages.map((m) => m.ruleId) ?? [];

  it("keeps the messages that touch a changed line, by offsets (CR-only text is one git line)", () => {
    assert.deepEqual(kept([[2, 2]]), ["on-cr-line", "spans-2-3"]);
    assert.deepEqual(kept([[3, 3]]), ["spans-2-3", "on-3", "end-of-text"]);
    assert.deepEqual(kept([[1, 1]]), ["on-1"]);
    assert.deepEqual(kept([]), []);
    assert.deepEqual(kept("all"), ["on-1", "on-cr-line", "spans-2-3", "on-3", "end-of-text"]);
  });

  it("drops every message of a file git reports no change for, and recounts", () => {
    const filtered = onChangedLines([result], texts, new Map());
    assert.deepEqual(filtered[0]?.messages, []);
    assert.deepEqual(countProblems(filtered), { errorCount: 0, warningCount: 0 });
    assert.deepEqual(countProblems([result]), { errorCount: 4, warningCount: 1 });
  });
});
