import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { TextDocument } from "vscode-languageserver-textdocument";
import { DiagnosticSeverity } from "vscode-languageserver-types";
import { DIAGNOSTIC_SOURCE, toDiagnostic, toSeverity } from "../../server/src/core/lint/diagnostics";
import type { LintProblem } from "../../server/src/core/lint/lintEngine";

function problem(range: [number, number], extra: Partial<LintProblem> = {}): LintProblem {
  return {
    ruleId: "ja-technical-writing/no-dropping-the-ra",
    message: "ら抜き言葉を使用しています。",
    severity: 2,
    range,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    ...extra,
  };
}

/** Where `needle` (the n-th occurrence) sits as the editor counts: line index, and UTF-16 character in that line. */
function editorPosition(lines: string[], needle: string, nth = 0): { line: number; character: number } {
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    let from = 0;
    for (;;) {
      const character = (lines[line] ?? "").indexOf(needle, from);
      if (character < 0) break;
      if (seen++ === nth) return { line, character };
      from = character + 1;
    }
  }
  throw new Error(`${needle} not found`);
}

describe("toSeverity", () => {
  it("maps textlint's levels to LSP severities", () => {
    assert.equal(toSeverity(2), DiagnosticSeverity.Error);
    assert.equal(toSeverity(1), DiagnosticSeverity.Warning);
    assert.equal(toSeverity(3), DiagnosticSeverity.Information);
  });

  it("treats anything unexpected as an error rather than hiding it", () => {
    assert.equal(toSeverity(0), DiagnosticSeverity.Error);
    assert.equal(toSeverity(7), DiagnosticSeverity.Error);
  });
});

describe("toDiagnostic", () => {
  it("places the range by UTF-16 offsets after surrogate pairs and ZWJ sequences", () => {
    const lines = ["# 家族", "", "👨‍👩‍👧‍👦家族で見れる映画を探しています。𠮷野家で食べれる。"];
    const text = lines.join("\n");
    const doc = TextDocument.create("file:///post.md", "markdown", 1, text);
    for (const [needle, nth] of [["れ", 0], ["れ", 1]] as const) {
      const offset = text.split("れ").slice(0, nth + 1).join("れ").length;
      const d = toDiagnostic(problem([offset, offset + 1]), doc);
      const want = editorPosition(lines, needle, nth);
      assert.deepEqual(d.range.start, want);
      assert.deepEqual(d.range.end, { line: want.line, character: want.character + 1 });
      assert.equal((lines[want.line] ?? "").slice(d.range.start.character, d.range.end.character), "れ");
    }
  });

  it("counts CRLF and a lone CR as one line break each", () => {
    const lines = ["タイトル", "", "本文は見れる。", "次の行で来れる。"];
    for (const eol of ["\r\n", "\r", "\n"]) {
      const text = lines.join(eol);
      const doc = TextDocument.create("file:///crlf.md", "markdown", 1, text);
      const start = text.indexOf("来れる");
      const d = toDiagnostic(problem([start + 1, start + 2]), doc);
      const want = editorPosition(lines, "れる", 1);
      assert.equal(want.line, 3);
      assert.deepEqual(d.range, { start: want, end: { line: 3, character: want.character + 1 } }, JSON.stringify(eol));
    }
  });

  it("spans several lines when the problem does", () => {
    const text = "一行目\r\n二行目\r\n三行目";
    const doc = TextDocument.create("file:///multi.md", "markdown", 1, text);
    const d = toDiagnostic(problem([text.indexOf("目"), text.lastIndexOf("三")]), doc);
    assert.deepEqual(d.range, { start: { line: 0, character: 2 }, end: { line: 2, character: 0 } });
  });

  it("carries the rule id, source, message and severity", () => {
    const doc = TextDocument.create("file:///a.md", "markdown", 1, "abc");
    const d = toDiagnostic(problem([0, 1], { severity: 1, ruleId: "ja-spacing/ja-space-around-code", message: "m" }), doc);
    assert.equal(d.source, DIAGNOSTIC_SOURCE);
    assert.equal(d.source, "textlint");
    assert.equal(d.code, "ja-spacing/ja-space-around-code");
    assert.equal(d.message, "m");
    assert.equal(d.severity, DiagnosticSeverity.Warning);
  });

  it("links the rule's documentation only when there is a URL", () => {
    const doc = TextDocument.create("file:///a.md", "markdown", 1, "abc");
    const linked = toDiagnostic(problem([0, 1], { docUrl: "https://github.com/textlint-ja/textlint-rule-no-dropping-the-ra" }), doc);
    assert.deepEqual(linked.codeDescription, { href: "https://github.com/textlint-ja/textlint-rule-no-dropping-the-ra" });
    const bare = toDiagnostic(problem([0, 1]), doc);
    assert.ok(!("codeDescription" in bare), "no codeDescription key at all (an empty href is invalid LSP)");
    const empty = toDiagnostic(problem([0, 1], { docUrl: "" }), doc);
    assert.ok(!("codeDescription" in empty));
  });

  it("keeps the rule's fix and the linted version in data for code actions", () => {
    const doc = TextDocument.create("file:///a.md", "markdown", 7, "テスト\u200bです");
    const fix = { range: [3, 4] as [number, number], text: "" };
    assert.deepEqual(toDiagnostic(problem([3, 4], { fix }), doc).data, { fix, version: 7 });
    assert.deepEqual(toDiagnostic(problem([3, 4]), doc).data, { version: 7 });
  });

  it("clamps a range past the end of an edited document instead of failing", () => {
    const doc = TextDocument.create("file:///a.md", "markdown", 2, "短い");
    const d = toDiagnostic(problem([10, 12]), doc);
    assert.deepEqual(d.range, { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } });
  });
});
