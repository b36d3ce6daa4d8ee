import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { runCheck, type CheckIo } from "../../server/src/core/check/check";
import type { ConfigChoice, ResolveInput } from "../../server/src/core/lint/configResolution";
import type { FixOutcome, LintEngine, LintOutcome, LintProblem } from "../../server/src/core/lint/lintEngine";
import { normalizeSettings } from "../../server/src/core/settings";
import { TextDocument } from "vscode-languageserver-textdocument";

const CWD = path.resolve("/work/blog");
const settings = normalizeSettings({ textlint: { configMode: "bundled" } });

function problem(severity: number, ruleId = "r", extra: Partial<LintProblem> = {}): LintProblem {
  return { ruleId, message: `${ruleId} says`, severity, range: [0, 1], line: 1, column: 1, endLine: 1, endColumn: 2, ...extra };
}

type Behaviour =
  | { status: "ok"; problems: LintProblem[]; fixed?: string; applied?: LintProblem[] }
  | { status: "ignored" }
  | { status: "error"; message: string };

/** A stand-in engine: each file behaves as told; every call is recorded. */
function fakeEngine(behaviours: Record<string, Behaviour>) {
  const calls: { op: string; filePath: string; text?: string; input?: ResolveInput }[] = [];
  const config = { kind: "bundled" as const, label: "fake" };
  const engine = {
    resolve(input: ResolveInput): ConfigChoice {
      calls.push({ op: "resolve", filePath: input.filePath, input });
      return { kind: "bundled", key: "k", reason: "setting", baseDir: CWD };
    },
    async lint(text: string, filePath: string): Promise<LintOutcome> {
      calls.push({ op: "lint", filePath, text });
      const b = behaviours[filePath];
      if (!b) throw new Error(`unexpected lint of ${filePath}`);
      if (b.status === "error") return { status: "error", error: { message: b.message, detail: "stack" }, config };
      if (b.status === "ignored") return { status: "ignored", config };
      return { status: "ok", problems: b.problems, config };
    },
    async fix(text: string, filePath: string): Promise<FixOutcome> {
      calls.push({ op: "fix", filePath, text });
      const b = behaviours[filePath];
      if (!b) throw new Error(`unexpected fix of ${filePath}`);
      if (b.status === "error") return { status: "error", error: { message: b.message, detail: "stack" }, config };
      if (b.status === "ignored") return { status: "ignored", config };
      return { status: "ok", output: b.fixed ?? text, applied: b.applied ?? [], remaining: b.problems, config };
    },
  };
  return { engine: engine as unknown as LintEngine, calls };
}

function memoryIo(files: Record<string, string | null>) {
  const writes: [string, string][] = [];
  const io: CheckIo = {
    lineIndex: (text) => TextDocument.create("file:///memory", "markdown", 0, text),
    read(filePath) {
      const text = files[filePath];
      if (text === undefined) return { ok: false, reason: "cannot read: ENOENT" };
      if (text === null) return { ok: false, reason: "binary file (contains NUL bytes), not linted" };
      return { ok: true, text };
    },
    write(filePath, text) {
      writes.push([filePath, text]);
    },
  };
  return { io, writes };
}

const f = (name: string): string => path.join(CWD, name);

describe("runCheck", () => {
  it("counts errors and warnings over all files and returns textlint-shaped results in order", async () => {
    const { engine } = fakeEngine({
      [f("a.md")]: { status: "ok", problems: [problem(2, "x"), problem(1, "y"), problem(3, "z")] },
      [f("b.md")]: { status: "ok", problems: [problem(2, "x"), problem(2, "w")] },
      [f("c.md")]: { status: "ok", problems: [] },
    });
    const { io, writes } = memoryIo({ [f("a.md")]: "A", [f("b.md")]: "B", [f("c.md")]: "C" });
    const report = await runCheck(engine, io, { files: [f("a.md"), f("b.md"), f("c.md")], cwd: CWD, fix: false, settings });
    assert.equal(report.errorCount, 3);
    assert.equal(report.warningCount, 1, "severity 3 (info) is neither");
    assert.deepEqual(report.results.map((r) => [r.filePath, r.messages.map((m) => m.ruleId)]), [
      [f("a.md"), ["x", "y", "z"]],
      [f("b.md"), ["x", "w"]],
      [f("c.md"), []],
    ]);
    assert.equal(report.results[0]?.messages[0]?.type, "lint");
    assert.deepEqual(report.fixResults, []);
    assert.deepEqual(writes, []);
  });

  it("leaves ignored files out of the results", async () => {
    const { engine } = fakeEngine({ [f("drafts/wip.md")]: { status: "ignored" }, [f("post.md")]: { status: "ok", problems: [problem(2)] } });
    const { io } = memoryIo({ [f("drafts/wip.md")]: "W", [f("post.md")]: "P" });
    const report = await runCheck(engine, io, { files: [f("drafts/wip.md"), f("post.md")], cwd: CWD, fix: false, settings });
    assert.deepEqual(report.results.map((r) => r.filePath), [f("post.md")]);
    assert.deepEqual(report.skipped, []);
    assert.equal(report.errorCount, 1);
  });

  it("skips binary and unreadable files with a reason, without linting them", async () => {
    const { engine, calls } = fakeEngine({ [f("post.md")]: { status: "ok", problems: [] } });
    const { io } = memoryIo({ [f("image.md")]: null, [f("post.md")]: "P" });
    const report = await runCheck(engine, io, { files: [f("image.md"), f("gone.md"), f("post.md")], cwd: CWD, fix: false, settings });
    assert.deepEqual(report.skipped.map((s) => s.filePath), [f("image.md"), f("gone.md")]);
    assert.match(report.skipped[0]?.reason ?? "", /binary/);
    assert.match(report.skipped[1]?.reason ?? "", /cannot read/);
    assert.deepEqual(calls.filter((c) => c.op === "lint").map((c) => c.filePath), [f("post.md")]);
    assert.deepEqual(report.results.map((r) => r.filePath), [f("post.md")]);
  });

  it("reports each distinct config error once, however many files hit it", async () => {
    const broken = "textlint cannot read /work/blog/.textlintrc.json: Unexpected token. Fix the file's syntax.";
    const missing = "textlint-rule-foo is not installed in /work/blog/node_modules; run npm install";
    const { engine } = fakeEngine({
      [f("a.md")]: { status: "error", message: broken },
      [f("b.md")]: { status: "error", message: broken },
      [f("c.md")]: { status: "error", message: missing },
      [f("d.md")]: { status: "ok", problems: [problem(1)] },
      [f("e.md")]: { status: "error", message: broken },
    });
    const { io } = memoryIo(Object.fromEntries(["a", "b", "c", "d", "e"].map((n) => [f(`${n}.md`), n])));
    const files = ["a", "b", "c", "d", "e"].map((n) => f(`${n}.md`));
    const report = await runCheck(engine, io, { files, cwd: CWD, fix: false, settings });
    assert.deepEqual(report.configErrors.map((e) => e.message), [broken, missing]);
    assert.deepEqual(report.results.map((r) => r.filePath), [f("d.md")], "files that could not be checked have no result");
    assert.equal(report.warningCount, 1);
    assert.equal(report.errorCount, 0);
  });

  it("asks for each file's config with the cwd as workspace folder only for files inside it", async () => {
    const outside = path.resolve("/elsewhere/notes.md");
    const sibling = path.resolve("/work/blog-old/post.md");
    const { engine, calls } = fakeEngine({ [f("post.md")]: { status: "ok", problems: [] }, [outside]: { status: "ok", problems: [] }, [sibling]: { status: "ok", problems: [] } });
    const { io } = memoryIo({ [f("post.md")]: "P", [outside]: "O", [sibling]: "S" });
    await runCheck(engine, io, { files: [f("post.md"), outside, sibling], cwd: CWD + path.sep, fix: false, settings });
    const inputs = calls.filter((c) => c.op === "resolve").map((c) => c.input);
    assert.deepEqual(inputs.map((i) => i?.workspaceFolder), [CWD, undefined, undefined], "a folder that merely starts with the cwd's name is outside it");
    for (const i of inputs) {
      assert.equal(i?.trusted, true, "the CLI runs the project's own code, like textlint");
      assert.equal(i?.settings, settings);
    }
  });

  it("with fix, writes only files whose text changed and reports applied and remaining problems", async () => {
    const zw = problem(2, "no-zero-width-spaces");
    const ra = problem(2, "no-dropping-the-ra");
    const { engine, calls } = fakeEngine({
      [f("fixable.md")]: { status: "ok", problems: [ra], fixed: "テストです。見れる。", applied: [zw] },
      [f("unfixable.md")]: { status: "ok", problems: [ra] },
      [f("clean.md")]: { status: "ok", problems: [] },
    });
    const { io, writes } = memoryIo({ [f("fixable.md")]: "テスト\u200bです。見れる。", [f("unfixable.md")]: "見れる。", [f("clean.md")]: "です。" });
    const report = await runCheck(engine, io, { files: [f("fixable.md"), f("unfixable.md"), f("clean.md")], cwd: CWD, fix: true, settings });
    assert.deepEqual(writes, [[f("fixable.md"), "テストです。見れる。"]]);
    assert.deepEqual(calls.filter((c) => c.op === "lint"), [], "fix mode does not lint separately");
    assert.deepEqual(report.results, []);
    assert.equal(report.fixResults.length, 3);
    const fixed = report.fixResults[0];
    assert.equal(fixed?.output, "テストです。見れる。");
    assert.deepEqual(fixed?.applyingMessages.map((m) => m.ruleId), ["no-zero-width-spaces"]);
    assert.deepEqual(fixed?.remainingMessages.map((m) => m.ruleId), ["no-dropping-the-ra"]);
    assert.equal(report.errorCount, 2, "only problems that remain after fixing count");
  });

  it("reports lines and columns as the editor shows them, from the offsets, not textlint's own", async () => {
    const text = "# 見出し\n\n短い文。長い文がここにあります。\n";
    const start = text.indexOf("長い");
    const end = text.indexOf("\n", start);
    // As sentence-length reports it: the offsets are right, its column lies past the end of the line.
    const lying = problem(2, "sentence-length", { range: [start, end], line: 3, column: 2208, endLine: 3, endColumn: 2230, docUrl: "https://example.invalid/sentence-length" });
    const first = problem(1, "early", { range: [2, 3], line: 9, column: 9, endLine: 9, endColumn: 10 });
    const { engine } = fakeEngine({ [f("a.md")]: { status: "ok", problems: [lying, first] } });
    const { io } = memoryIo({ [f("a.md")]: text });
    const report = await runCheck(engine, io, { files: [f("a.md")], cwd: CWD, fix: false, settings });
    const [a, b] = report.results[0]?.messages ?? [];
    assert.deepEqual([a?.ruleId, a?.line, a?.column, a?.loc], ["early", 1, 3, { start: { line: 1, column: 3 }, end: { line: 1, column: 4 } }], "re-sorted by the corrected position");
    assert.deepEqual([b?.line, b?.column, b?.loc.end], [3, 5, { line: 3, column: 17 }]);
    assert.deepEqual(b?.range, [start, end], "the offsets stay textlint's");
    assert.equal(report.texts.get(f("a.md")), text);
    assert.deepEqual([...report.ruleDocs], [["sentence-length", "https://example.invalid/sentence-length"]]);
  });

  it("counts a BOM in the offsets but not in the columns, and clamps a range past the end with CR-only line ends", async () => {
    const text = "\uFEFF---\rtitle: x\r---\r本文。";
    const { engine } = fakeEngine({ [f("a.md")]: { status: "ok", problems: [problem(2, "r", { range: [18, 19] })] } });
    const { io } = memoryIo({ [f("a.md")]: text });
    const pastEnd = problem(2, "frontmatter/title", { range: [1, text.length + 5], endLine: 1, endColumn: 99 });
    const report = await runCheck(engine, { ...io, frontmatter: () => [pastEnd] }, { files: [f("a.md")], cwd: CWD, fix: false, settings });
    const [fm, body] = report.results[0]?.messages ?? [];
    assert.deepEqual(fm?.loc, { start: { line: 1, column: 1 }, end: { line: 4, column: 4 } }, "the end of the text, where the editor puts it");
    assert.deepEqual([body?.line, body?.column], [4, 1]);
  });

  it("with fix, remaining problems are placed in the fixed text; applied ones keep textlint's positions", async () => {
    const applied = problem(2, "no-zero-width-spaces", { range: [3, 4], line: 7, column: 7 });
    const remaining = problem(2, "no-dropping-the-ra", { range: [7, 10], line: 1, column: 8 });
    const { engine } = fakeEngine({ [f("a.md")]: { status: "ok", problems: [remaining], fixed: "テスト\nです。見れる。", applied: [applied] } });
    const { io } = memoryIo({ [f("a.md")]: "テスト\u200b\nです。見れる。" });
    const report = await runCheck(engine, io, { files: [f("a.md")], cwd: CWD, fix: true, settings, dryRun: true });
    const result = report.fixResults[0];
    assert.deepEqual(result?.remainingMessages.map((m) => [m.line, m.column]), [[2, 4]]);
    assert.deepEqual(result?.applyingMessages.map((m) => [m.line, m.column]), [[7, 7]]);
    assert.equal(report.texts.get(f("a.md")), "テスト\nです。見れる。");
  });

  it("does not write a file whose config failed, even in fix mode", async () => {
    const { engine } = fakeEngine({ [f("a.md")]: { status: "error", message: "broken" } });
    const { io, writes } = memoryIo({ [f("a.md")]: "A" });
    const report = await runCheck(engine, io, { files: [f("a.md")], cwd: CWD, fix: true, settings });
    assert.deepEqual(writes, []);
    assert.equal(report.configErrors.length, 1);
    assert.deepEqual(report.fixResults, []);
  });
});
