/**
 * The CI formats through the built CLI (dist/cli.js): SARIF validated by the official SARIF 2.1.0
 * schema, rdjson/rdjsonl by reviewdog's, checkstyle read back by an XML parser; every one says what
 * `--format json` says, at the same (editor's) positions; stylish keeps multi-line messages tidy.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { TextlintMessage } from "@textlint/types";
import { bundledRuleDocs } from "../../server/src/core/lint/bundledRuleDocs";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";
import { sarifValidator, rdjsonValidators } from "../helpers/schemas";
import { parseXml } from "../helpers/xml";
import { jsonResults, tsuzuri, type Run } from "./harness";

const LONG = `この文はとても長い文であり、${"いくつもの読点と言葉を重ねながら".repeat(8)}最後まで一度も句点を打たずに続いていきます。`;
const POST = [
  "# 形式の確認",
  "",
  "この映画は家族で見れる。",
  "",
  "🎉絵文字のあとでもこの映画は家族で見れる。",
  "",
  "この機能を使用することができます。",
  "",
  `短い文です。${LONG}`,
  "",
  "ｶﾀｶﾅの見出しも直せます。",
  "",
].join("\n");

interface Diagnostic {
  message: string;
  location: { path: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } };
  severity: string;
  code: { value: string; url?: string };
  suggestions?: { range: Diagnostic["location"]["range"]; text: string }[];
}

let dir: string;
const runs: Record<string, Run> = {};
const file = () => path.join(dir, "記事 1.md");

before(async () => {
  dir = makeWorkspace({ "記事 1.md": POST });
  // Two processes at a time (each loads the morphological dictionary).
  const formats = ["json", "sarif", "rdjson", "rdjsonl", "checkstyle", "stylish"];
  for (let i = 0; i < formats.length; i += 2) {
    const pair = formats.slice(i, i + 2);
    const done = await Promise.all(pair.map((f) => tsuzuri(["check", "--format", f, "--platform", "off"], dir)));
    pair.forEach((f, k) => (runs[f] = done[k] as Run));
  }
});
after(() => removeWorkspace(dir));

function json(): TextlintMessage[] {
  const results = jsonResults(runs["json"] as Run);
  assert.equal(results.length, 1);
  const messages = results[0]?.messages ?? [];
  assert.ok(messages.length >= 5, "the post has problems of several rules");
  return messages;
}

/** The UTF-8 bytes of `text` between two rdjson positions (1-based lines, 1-based byte columns). */
function bytesBetween(text: string, range: Diagnostic["location"]["range"]): string {
  const lines = text.split("\n").map((l) => Buffer.from(l, "utf8"));
  assert.equal(range.start.line, range.end.line, "single-line ranges in this post");
  return (lines[range.start.line - 1] ?? Buffer.alloc(0)).subarray(range.start.column - 1, range.end.column - 1).toString("utf8");
}

describe("CI formats through the CLI", () => {
  it("every run exits 1 (errors found) and prints to stdout only", () => {
    for (const [format, run] of Object.entries(runs)) {
      assert.equal(run.code, 1, `${format}: ${run.describe()}`);
      assert.equal(run.stderr, "", `${format}: ${run.describe()}`);
    }
  });

  it("sarif: valid SARIF 2.1.0, the JSON's messages at the JSON's positions, rule docs as helpUri", () => {
    const log = JSON.parse((runs["sarif"] as Run).stdout) as {
      runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[] }[] }[];
    };
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0];
    const levels: Record<number, string> = { 1: "warning", 2: "error", 3: "note" };
    assert.deepEqual(
      run?.results.map((r) => [r.ruleId, r.level, r.message.text, r.locations[0]?.physicalLocation.region]),
      json().map((m) => [m.ruleId, levels[m.severity], m.message, { startLine: m.loc.start.line, startColumn: m.loc.start.column, endLine: m.loc.end.line, endColumn: m.loc.end.column }]),
    );
    for (const r of run?.results ?? []) assert.deepEqual(r.locations[0]?.physicalLocation.artifactLocation, { uri: "%E8%A8%98%E4%BA%8B%201.md", uriBaseId: "%SRCROOT%" });
    const ra = run?.tool.driver.rules.find((r) => r.id.endsWith("/no-dropping-the-ra"));
    assert.equal(ra?.helpUri, bundledRuleDocs[ra?.id ?? ""]);
    assert.ok(ra?.helpUri);
  });

  it("a sentence after a paragraph's first is placed where it starts (textlint's own column lies past it)", () => {
    const long = json().find((m) => m.ruleId.endsWith("/sentence-length"));
    const lines = POST.split("\n");
    const line = lines.findIndex((l) => l.includes(LONG)) + 1;
    assert.deepEqual([long?.line, long?.column], [line, (lines[line - 1] ?? "").indexOf(LONG) + 1]);
    assert.equal(POST.slice(long?.range[0], long?.range[1]), LONG);
  });

  it("rdjson: valid by reviewdog's schema; each range and suggestion covers, in UTF-8 bytes, the text of the JSON's offsets", () => {
    const result = JSON.parse((runs["rdjson"] as Run).stdout) as { diagnostics: Diagnostic[] };
    const { result: validate } = rdjsonValidators();
    assert.ok(validate(result), JSON.stringify(validate.errors, null, 2));
    const messages = json();
    assert.equal(result.diagnostics.length, messages.length);
    let suggestions = 0;
    result.diagnostics.forEach((d, i) => {
      const m = messages[i] as TextlintMessage;
      assert.deepEqual([d.code.value, d.message, d.location.path], [m.ruleId, m.message, "記事 1.md"]);
      assert.equal(d.location.range.start.line, m.line);
      if (d.location.range.start.line === d.location.range.end.line) assert.equal(bytesBetween(POST, d.location.range), POST.slice(m.range[0], m.range[1]), m.ruleId);
      if (m.fix) {
        suggestions++;
        assert.equal(d.suggestions?.[0]?.text, m.fix.text);
        assert.equal(bytesBetween(POST, d.suggestions?.[0]?.range ?? d.location.range), POST.slice(m.fix.range[0], m.fix.range[1]));
      } else {
        assert.equal(d.suggestions, undefined);
      }
    });
    assert.ok(suggestions >= 2, "fixable problems come with suggestions");
  });

  it("rdjsonl: one valid Diagnostic per line, the same as rdjson's", () => {
    const { diagnostic } = rdjsonValidators();
    const lines = (runs["rdjsonl"] as Run).stdout.trimEnd().split("\n");
    const all = (JSON.parse((runs["rdjson"] as Run).stdout) as { diagnostics: unknown[] }).diagnostics;
    assert.deepEqual(lines.map((l) => JSON.parse(l) as unknown), all);
    for (const l of lines) assert.ok(diagnostic(JSON.parse(l)), l);
  });

  it("checkstyle: well-formed XML with the JSON's messages (line breaks kept), lines and columns", () => {
    const elements = parseXml((runs["checkstyle"] as Run).stdout);
    const errors = elements.filter((e) => e.name === "error").map((e) => e.attributes);
    const names = elements.filter((e) => e.name === "file").map((e) => e.attributes["name"]);
    assert.deepEqual(names, [file()]);
    const severities: Record<number, string> = { 1: "warning", 2: "error", 3: "info" };
    assert.deepEqual(errors, json().map((m) => ({ line: String(m.line), column: String(m.column), severity: severities[m.severity], message: m.message, source: m.ruleId })));
    assert.ok(errors.some((e) => (e["message"] ?? "").includes("\n")), "a multi-line message came through whole");
  });

  it("stylish: the lines after a message's first are indented under it, none at the margin", () => {
    const out = (runs["stylish"] as Run).stdout.split("\n");
    const long = json().find((m) => m.ruleId.endsWith("/sentence-length"));
    assert.ok(long, "the long sentence is reported");
    const [first = "", second = ""] = long.message.split("\n");
    const row = out.findIndex((l) => l.includes(first.replace(/\.$/, "")));
    assert.ok(row > 0, (runs["stylish"] as Run).stdout);
    const column = (out[row] ?? "").indexOf(first.replace(/\.$/, ""));
    assert.equal(out[row + 1], " ".repeat(column) + second.replace(/\.$/, ""));
    assert.match(out[row] ?? "", /ja-technical-writing\/sentence-length$/);
    assert.ok(!out.some((l) => /^Over \d+ characters/.test(l)));
  });

  it("--fix --dry-run with a CI format prints that format of what would remain (as the --fix JSON says), and writes nothing", async () => {
    const args = ["check", "--fix", "--dry-run", "--platform", "off"];
    const [sarif, fixJson] = await Promise.all([tsuzuri([...args, "--format", "sarif"], dir), tsuzuri([...args, "--format", "json"], dir)]);
    assert.equal(fs.readFileSync(file(), "utf8"), POST);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[] };
    assert.ok(sarifValidator()(log), sarif.describe());
    const remaining = (JSON.parse(fixJson.stdout) as { remainingMessages: TextlintMessage[] }[])[0]?.remainingMessages ?? [];
    const applied = (JSON.parse(fixJson.stdout) as { applyingMessages: TextlintMessage[] }[])[0]?.applyingMessages ?? [];
    assert.ok(applied.some((m) => m.ruleId.endsWith("/no-hankaku-kana")), "something is fixed");
    assert.deepEqual(
      log.runs[0]?.results.map((x) => [x.ruleId, x.locations[0]?.physicalLocation.region.startLine, x.locations[0]?.physicalLocation.region.startColumn]),
      remaining.map((m) => [m.ruleId, m.line, m.column]),
    );
    assert.match(sarif.stderr, /dry run, no file written/);
  });
});
