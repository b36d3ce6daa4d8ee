import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { LintProblem } from "../../server/src/core/lint/lintEngine";
import { toTextlintMessage } from "../../server/src/core/lint/textlintShape";
import { atEditorPositions, EditorPositions, type LineIndexOf } from "../../server/src/core/report/positions";
import type { FileReport, ReportContext } from "../../server/src/core/report/files";
import { formatSarif, toSarif } from "../../server/src/core/report/sarif";
import { formatRdjson, formatRdjsonl } from "../../server/src/core/report/rdjson";
import { formatCheckstyle, xmlAttribute } from "../../server/src/core/report/checkstyle";
import { escapeData, escapeProperty, formatGithub } from "../../server/src/core/report/github";
import { invalidXmlCharacter } from "../../server/src/core/publish/hatenaXml";
import type { TextlintMessage } from "@textlint/types";
import { sarifValidator, rdjsonValidators } from "../helpers/schemas";
import { parseXml as parse } from "../helpers/xml";

const lineIndex: LineIndexOf = (text) => TextDocument.create("file:///t.md", "markdown", 0, text);
const CWD = path.resolve("/work/blog");

/** A post with an emoji before a problem, CRLF and a lone CR, and a BOM. */
const TEXT = "\uFEFF# タイトル\n\n絵文字😀のあと見れる。\r\nCRLF の行です。\rCR の行。\n";
const at = (s: string): number => TEXT.indexOf(s);

function problem(ruleId: string, severity: number, start: number, end: number, extra: Partial<LintProblem> = {}): LintProblem {
  return { ruleId, message: `${ruleId} says`, severity, range: [start, end], line: 0, column: 0, endLine: 0, endColumn: 0, ...extra };
}

function fileReport(filePath: string, problems: LintProblem[]): FileReport {
  const positions = new EditorPositions(TEXT, lineIndex);
  return { filePath, positions, messages: problems.map((p) => toTextlintMessage(atEditorPositions(p, positions))) };
}

const RA = problem("ja-technical-writing/no-dropping-the-ra", 2, at("見れる"), at("見れる") + 3, { fix: { range: [at("見れる"), at("見れる") + 3], text: "見られる" } });
const LONG = problem("ja-technical-writing/sentence-length", 1, at("CRLF"), at("CR の"), { message: 'Line 4 sentence length(120) exceeds the maximum sentence length of 100.\nOver 20 characters <"&\'>.' });
const INFO = problem("frontmatter/topics", 3, at("CR の"), at("CR の") + 2);
const FILES = [
  fileReport(path.join(CWD, "posts", "記事 1#.md"), [RA, LONG, INFO]),
  fileReport(path.join(CWD, "clean.md"), []),
  fileReport(path.resolve("/elsewhere/notes.md"), [problem("ja-technical-writing/no-dropping-the-ra", 2, 1, 2)]),
];
const CONTEXT: ReportContext = { cwd: CWD, version: "9.9.9", ruleDocs: new Map([["ja-technical-writing/no-dropping-the-ra", "https://example.invalid/ra"]]) };

describe("EditorPositions", () => {
  const positions = new EditorPositions(TEXT, lineIndex);
  it("counts lines at LF, CRLF and a lone CR, columns in UTF-16 units, without the BOM", () => {
    assert.deepEqual(positions.at(at("#")), { line: 1, column: 1 });
    assert.deepEqual(positions.at(at("見れる")), { line: 3, column: 9 }, "😀 is two units");
    assert.deepEqual(positions.at(at("CRLF")), { line: 4, column: 1 });
    assert.deepEqual(positions.at(at("CR の")), { line: 5, column: 1 });
    assert.deepEqual(positions.at(TEXT.length + 100), { line: 6, column: 1 }, "past the end: the end");
  });
  it("counts UTF-8 bytes for reviewdog", () => {
    // 絵文字 9 bytes, 😀 4, のあと 9.
    assert.equal(positions.utf8Column(at("見れる")), 23);
    assert.equal(positions.utf8Column(at("見れる") + 3), 32);
    assert.equal(positions.utf8Column(at("#") + 2), 3, "the BOM is not on the line");
  });
});

describe("--format sarif", () => {
  const log = toSarif(FILES, CONTEXT);

  it("is valid SARIF 2.1.0 by the official schema", () => {
    const validate = sarifValidator();
    assert.ok(validate(JSON.parse(formatSarif(FILES, CONTEXT))), JSON.stringify(validate.errors, null, 2));
  });

  it("the schema catches a broken log (the validation can fail)", () => {
    const validate = sarifValidator();
    const broken = JSON.parse(formatSarif(FILES, CONTEXT)) as { runs: { results: { level: string }[] }[] };
    const first = broken.runs[0]?.results[0];
    assert.ok(first);
    first.level = "fatal";
    assert.equal(validate(broken), false);
  });

  it("names the tool and each rule once, with its documentation where known", () => {
    const driver = log.runs[0]?.tool.driver;
    assert.equal(driver?.name, "Tsuzuri");
    assert.equal(driver?.version, "9.9.9");
    assert.deepEqual(driver?.rules, [
      { id: "frontmatter/topics" },
      { id: "ja-technical-writing/no-dropping-the-ra", helpUri: "https://example.invalid/ra" },
      { id: "ja-technical-writing/sentence-length" },
    ]);
    for (const r of log.runs[0]?.results ?? []) assert.equal(driver?.rules[r.ruleIndex]?.id, r.ruleId);
  });

  it("places results relative to the folder the CLI ran in, percent-encoded; outside it, an absolute file URI", () => {
    const run = log.runs[0];
    assert.deepEqual(run?.originalUriBaseIds, { "%SRCROOT%": { uri: `${pathToFileURL(CWD).href}/` } });
    const locations = run?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation);
    assert.deepEqual(locations?.[0], { uri: "posts/%E8%A8%98%E4%BA%8B%201%23.md", uriBaseId: "%SRCROOT%" });
    assert.deepEqual(locations?.[3], { uri: pathToFileURL(path.resolve("/elsewhere/notes.md")).href });
  });

  it("has the editor's lines and UTF-16 columns, levels from severities, and the fix", () => {
    const [ra, long, info] = log.runs[0]?.results ?? [];
    assert.equal(log.runs[0]?.columnKind, "utf16CodeUnits");
    assert.deepEqual(ra?.locations[0]?.physicalLocation.region, { startLine: 3, startColumn: 9, endLine: 3, endColumn: 12 });
    assert.deepEqual([ra?.level, long?.level, info?.level], ["error", "warning", "note"]);
    assert.deepEqual(long?.locations[0]?.physicalLocation.region, { startLine: 4, startColumn: 1, endLine: 5, endColumn: 1 });
    assert.equal(long?.message.text, LONG.message);
    assert.deepEqual(ra?.fixes, [
      {
        artifactChanges: [
          {
            artifactLocation: { uri: "posts/%E8%A8%98%E4%BA%8B%201%23.md", uriBaseId: "%SRCROOT%" },
            replacements: [{ deletedRegion: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 12 }, insertedContent: { text: "見られる" } }],
          },
        ],
      },
    ]);
    assert.equal(long?.fixes, undefined);
  });
});

describe("--format rdjson / rdjsonl", () => {
  it("rdjson is a valid DiagnosticResult by reviewdog's schema, and the schema can fail", () => {
    const { result } = rdjsonValidators();
    const parsed = JSON.parse(formatRdjson(FILES, CONTEXT)) as { diagnostics: { location: unknown }[] };
    assert.ok(result(parsed), JSON.stringify(result.errors, null, 2));
    const broken = { ...parsed, diagnostics: [{ ...parsed.diagnostics[0], location: { path: 7 } }] };
    assert.equal(result(broken), false);
  });

  it("rdjsonl is one valid Diagnostic per line, the same as rdjson's", () => {
    const { diagnostic } = rdjsonValidators();
    const lines = formatRdjsonl(FILES, CONTEXT).trimEnd().split("\n");
    const all = (JSON.parse(formatRdjson(FILES, CONTEXT)) as { diagnostics: unknown[] }).diagnostics;
    assert.equal(lines.length, 4);
    lines.forEach((line, i) => {
      const d: unknown = JSON.parse(line);
      assert.ok(diagnostic(d), JSON.stringify(diagnostic.errors));
      assert.deepEqual(d, all[i]);
    });
    assert.equal(formatRdjsonl([FILES[1] as FileReport], CONTEXT), "", "nothing to say: no line at all");
  });

  it("has relative paths, UTF-8 byte columns, severities, rule codes and fixes as suggestions", () => {
    const { diagnostics, source } = JSON.parse(formatRdjson(FILES, CONTEXT)) as { diagnostics: Record<string, unknown>[]; source: unknown };
    assert.deepEqual(source, { name: "tsuzuri" });
    const [ra, long, info, outside] = diagnostics;
    assert.deepEqual(ra, {
      message: RA.message,
      location: { path: "posts/記事 1#.md", range: { start: { line: 3, column: 23 }, end: { line: 3, column: 32 } } },
      severity: "ERROR",
      source: { name: "tsuzuri" },
      code: { value: "ja-technical-writing/no-dropping-the-ra", url: "https://example.invalid/ra" },
      suggestions: [{ range: { start: { line: 3, column: 23 }, end: { line: 3, column: 32 } }, text: "見られる" }],
    });
    assert.deepEqual([long?.["severity"], info?.["severity"]], ["WARNING", "INFO"]);
    assert.equal(long?.["suggestions"], undefined);
    assert.deepEqual(long?.["code"], { value: "ja-technical-writing/sentence-length" });
    assert.equal((outside?.["location"] as { path: string }).path, path.resolve("/elsewhere/notes.md"));
  });
});

describe("--format checkstyle", () => {
  it("is well-formed XML whose attributes read back as the messages, line breaks and all", () => {
    const elements = parse(formatCheckstyle(FILES));
    assert.deepEqual(elements.map((e) => e.name), ["checkstyle", "file", "error", "error", "error", "file", "file", "error"]);
    assert.equal(elements[1]?.attributes["name"], path.join(CWD, "posts", "記事 1#.md"));
    assert.deepEqual(elements[3]?.attributes, { line: "4", column: "1", severity: "warning", message: LONG.message, source: "ja-technical-writing/sentence-length" });
    assert.deepEqual([elements[2]?.attributes["line"], elements[2]?.attributes["column"], elements[4]?.attributes["severity"]], ["3", "9", "info"]);
  });

  it("writes what XML cannot hold as visible escapes, so the XML has none of it", () => {
    const nasty = "制御文字\u0008と\u0000、孤立サロゲート\uD800、タブ\tと<&>";
    assert.ok(invalidXmlCharacter(nasty), "the message has characters XML 1.0 cannot hold");
    const xml = formatCheckstyle([{ ...(FILES[0] as FileReport), messages: [{ ...(FILES[0]?.messages[0] as TextlintMessage), message: nasty }] }]);
    assert.equal(invalidXmlCharacter(xml), undefined);
    const error = parse(xml).find((e) => e.name === "error");
    assert.equal(error?.attributes["message"], "制御文字\\u0008と\\u0000、孤立サロゲート\\uD800、タブ\tと<&>");
    assert.equal(parse(`<a m="${xmlAttribute("a\r\nb")}"/>`)[0]?.attributes["m"], "a\r\nb", "CR and LF survive attribute normalisation");
  });
});

describe("--format github", () => {
  const plain = FILES.map((f) => ({ filePath: f.filePath, messages: f.messages.filter((m) => !m.message.includes("\n")) }));

  it("prints what textlint's github formatter prints where nothing needs escaping", async () => {
    const { loadLinterFormatter } = await import("textlint");
    const textlint = (await loadLinterFormatter({ formatterName: "github", color: false })).format(plain.map((r) => ({ ...r, filePath: r.filePath.replace(/[#\s]/g, "_") })));
    assert.equal(formatGithub(plain.map((r) => ({ ...r, filePath: r.filePath.replace(/[#\s]/g, "_") }))), textlint);
    assert.match(textlint, /^::error file=/m);
  });

  it("escapes line breaks and % in messages, and , : in properties, so each problem is one whole annotation", () => {
    const out = formatGithub([{ filePath: "/blog/a,b:c.md", messages: [...(FILES[0]?.messages ?? [])] }]);
    const lines = out.trimEnd().split("\n");
    assert.equal(lines.length, 2 + 3, "group, three annotations, endgroup");
    const long = lines.find((l) => l.includes("sentence-length")) ?? "";
    assert.ok(long.startsWith("::warning file=/blog/a%2Cb%3Ac.md,line=4,endLine=5,col=1,endColumn=1,title=TextLint [ja-technical-writing/sentence-length]::"), long);
    const message = long.slice(long.indexOf("]::") + 3, long.lastIndexOf(" | "));
    // What the Actions runner does with a command's message: undo the escapes.
    assert.equal(message.replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%25/g, "%"), LONG.message);
    assert.equal(escapeData("100%\r\n"), "100%25%0D%0A");
    assert.equal(escapeProperty("a,b:c%"), "a%2Cb%3Ac%25");
    assert.match(lines[3] ?? "", /^::notice /, "info is a notice");
  });
});

describe("a rule's suggestions (textlint ≥ 15.3) in SARIF and rdjson", () => {
  const start = at("見れる");
  const candidates = [
    { id: "rareru", message: "「見られる」にする", fix: { range: [start, start + 3] as [number, number], text: "見られる" } },
    { id: "kaeru", message: "「見ることができる」にする", fix: { range: [start, start + 3] as [number, number], text: "見ることができる" } },
  ];
  const files = [fileReport(path.join(CWD, "post.md"), [problem("ja/suggests", 2, start, start + 3, { suggestions: candidates })])];

  it("SARIF: one fix per candidate, described by the rule's words, valid by the schema", () => {
    const text = formatSarif(files, CONTEXT);
    const validate = sarifValidator();
    assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors, null, 2));
    const fixes = toSarif(files, CONTEXT).runs[0]?.results[0]?.fixes ?? [];
    assert.deepEqual(
      fixes.map((f) => [f.description?.text, f.artifactChanges[0]?.replacements[0]?.insertedContent.text]),
      [["「見られる」にする", "見られる"], ["「見ることができる」にする", "見ることができる"]],
    );
  });

  it("rdjson: every candidate as a suggestion, valid by reviewdog's schema", () => {
    const { result } = rdjsonValidators();
    const parsed = JSON.parse(formatRdjson(files, CONTEXT)) as { diagnostics: { suggestions?: { text: string }[] }[] };
    assert.ok(result(parsed), JSON.stringify(result.errors, null, 2));
    assert.deepEqual(parsed.diagnostics[0]?.suggestions?.map((s) => s.text), ["見られる", "見ることができる"]);
  });
});
