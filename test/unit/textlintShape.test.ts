import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { loadFixerFormatter, loadLinterFormatter } from "textlint";
import { toTextlintFixResult, toTextlintMessage, toTextlintResult } from "../../server/src/core/lint/textlintShape";
import type { LintProblem } from "../../server/src/core/lint/lintEngine";

const ra: LintProblem = {
  ruleId: "ja-technical-writing/no-dropping-the-ra",
  message: "ら抜き言葉を使用しています。",
  severity: 2,
  range: [14, 15],
  line: 3,
  column: 9,
  endLine: 3,
  endColumn: 10,
  docUrl: "https://github.com/textlint-ja/textlint-rule-no-dropping-the-ra",
};
const zwsp: LintProblem = {
  ruleId: "ja-technical-writing/no-zero-width-spaces",
  message: "Disallow zero width spaces",
  severity: 1,
  range: [20, 21],
  line: 4,
  column: 4,
  endLine: 4,
  endColumn: 5,
  fix: { range: [20, 21], text: "" },
};

describe("toTextlintMessage", () => {
  it("has exactly the fields of a textlint lint message", () => {
    assert.deepEqual(toTextlintMessage(ra), {
      type: "lint",
      ruleId: "ja-technical-writing/no-dropping-the-ra",
      message: "ら抜き言葉を使用しています。",
      index: 14,
      line: 3,
      column: 9,
      range: [14, 15],
      loc: { start: { line: 3, column: 9 }, end: { line: 3, column: 10 } },
      severity: 2,
    });
  });

  it("keeps a fix and drops Tsuzuri's own docUrl", () => {
    const m = toTextlintMessage(zwsp);
    assert.deepEqual(m.fix, { range: [20, 21], text: "" });
    assert.equal(m.severity, 1);
    assert.ok(!("docUrl" in toTextlintMessage(ra)));
    assert.ok(!("fix" in toTextlintMessage(ra)));
  });
});

describe("textlint's formatters read our results", () => {
  it("json prints them as textlint would", async () => {
    const results = [toTextlintResult("/blog/post.md", [ra, zwsp]), toTextlintResult("/blog/clean.md", [])];
    const json = (await loadLinterFormatter({ formatterName: "json", color: false })).format(results);
    const parsed = JSON.parse(json) as { filePath: string; messages: Record<string, unknown>[] }[];
    assert.deepEqual(parsed.map((r) => r.filePath), ["/blog/post.md", "/blog/clean.md"]);
    assert.deepEqual(parsed[0]?.messages.map((m) => [m["ruleId"], m["line"], m["column"], m["severity"]]), [
      ["ja-technical-writing/no-dropping-the-ra", 3, 9, 2],
      ["ja-technical-writing/no-zero-width-spaces", 4, 4, 1],
    ]);
  });

  it("stylish counts errors and warnings from our severities", async () => {
    const out = (await loadLinterFormatter({ formatterName: "stylish", color: false })).format([toTextlintResult("/blog/post.md", [ra, zwsp])]);
    assert.match(out, /3:9\s+error\s+ら抜き言葉を使用しています。\s+ja-technical-writing\/no-dropping-the-ra/);
    assert.match(out, /4:4\s+(✓ )?warning/);
    assert.match(out, /2 problems \(1 error, 1 warning/);
  });

  it("a fix result separates applied from remaining messages and lists both", async () => {
    const r = toTextlintFixResult("/blog/post.md", "fixed text", [zwsp], [ra]);
    assert.equal(r.output, "fixed text");
    assert.deepEqual(r.applyingMessages.map((m) => m.ruleId), [zwsp.ruleId]);
    assert.deepEqual(r.remainingMessages.map((m) => m.ruleId), [ra.ruleId]);
    assert.deepEqual(r.messages.map((m) => m.ruleId).sort(), [ra.ruleId, zwsp.ruleId].sort());
    const out = (await loadFixerFormatter({ formatterName: "stylish", color: false })).format([r]);
    assert.match(out, /Fixed 1 problem/);
    assert.match(out, /no-zero-width-spaces/);
  });
});
