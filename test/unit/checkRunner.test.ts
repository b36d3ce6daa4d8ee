/**
 * The CLI runner's pure parts: runCheck in parallel (order kept), its budget and write-failure
 * problems, the result cache, naming who ended a worker, and atomic writes.
 */
import { after, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import { TextDocument } from "vscode-languageserver-textdocument";
import * as path from "node:path";
import { runCheck, type CheckIo, type CheckLinter, type StoppedOutcome } from "../../server/src/core/check/check";
import { CheckCache, withCache } from "../../server/src/core/check/checkCache";
import { TOO_LARGE, TOO_SLOW, WRITE_FAILED } from "../../server/src/core/check/checkProblems";
import { culpritOf } from "../../server/src/core/check/culprit";
import type { ConfigChoice } from "../../server/src/core/lint/configResolution";
import type { FixOutcome, LintOutcome, LintProblem } from "../../server/src/core/lint/lintEngine";
import { normalizeSettings } from "../../server/src/core/settings";
import { writeFileAtomic } from "../../server/src/cli/atomicWrite";

const CWD = path.resolve("/work/blog");
const settings = normalizeSettings({ textlint: { configMode: "bundled" } });
const f = (name: string): string => path.join(CWD, name);
const config = { kind: "bundled" as const, label: "fake" };

function problem(ruleId: string, severity = 2): LintProblem {
  return { ruleId, message: `${ruleId} says`, severity, range: [0, 1], line: 1, column: 1, endLine: 1, endColumn: 2 };
}

/** A linter whose outcome per file is given; it records calls and how many were in flight at once. */
function fakeLinter(outcomes: Record<string, LintOutcome | StoppedOutcome>, fixed: Record<string, string> = {}, delayMs: (file: string) => number = () => 0) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const wait = async (file: string) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // A real wait (not a stand-in for a condition): the lints must overlap for the order to be tested.
    await new Promise((r) => setTimeout(r, delayMs(file)));
    inFlight--;
  };
  const linter: CheckLinter = {
    resolve: (input): ConfigChoice => ({ kind: "bundled", key: "k", reason: "setting", baseDir: input.workspaceFolder ?? CWD }),
    async lint(_text, filePath) {
      calls.push(`lint ${path.basename(filePath)}`);
      await wait(filePath);
      const outcome = outcomes[filePath];
      if (!outcome) throw new Error(`unexpected ${filePath}`);
      return outcome;
    },
    async fix(text, filePath): Promise<FixOutcome | StoppedOutcome> {
      calls.push(`fix ${path.basename(filePath)}`);
      await wait(filePath);
      const outcome = outcomes[filePath];
      if (!outcome) throw new Error(`unexpected ${filePath}`);
      if (outcome.status !== "ok") return outcome;
      return { status: "ok", output: fixed[filePath] ?? text, applied: [], remaining: outcome.problems, config };
    },
  };
  return { linter, calls, maxInFlight: () => maxInFlight };
}

function memoryIo(files: Record<string, string>, options: { tooLarge?: string[]; unwritable?: Record<string, Error> } = {}) {
  const writes: string[] = [];
  const io: CheckIo = {
    read(filePath) {
      const text = files[filePath];
      if (text === undefined) return { ok: false, reason: "cannot read: ENOENT" };
      return options.tooLarge?.includes(filePath) ? { ok: true, text, tooLarge: { bytes: 3 * 1024 * 1024, limitBytes: 1024 * 1024 } } : { ok: true, text };
    },
    write(filePath) {
      const error = options.unwritable?.[filePath];
      if (error) throw error;
      writes.push(path.basename(filePath));
    },
    lineIndex: (text) => TextDocument.create("file:///memory", "markdown", 0, text),
  };
  return { io, writes };
}

describe("runCheck with several files in flight", () => {
  it("keeps the files' order whatever order the lints finish in, with at most `concurrency` at once", async () => {
    const names = ["a", "b", "c", "d", "e", "f", "g"];
    const outcomes = Object.fromEntries(names.map((n) => [f(`${n}.md`), { status: "ok" as const, problems: [problem(`rule-${n}`)], config }]));
    // The first files are the slowest: they finish last.
    const { linter, maxInFlight } = fakeLinter(outcomes, {}, (file) => 5 * (names.length - names.indexOf(path.basename(file, ".md"))));
    const { io } = memoryIo(Object.fromEntries(names.map((n) => [f(`${n}.md`), n])));
    const report = await runCheck(linter, io, { files: names.map((n) => f(`${n}.md`)), cwd: CWD, fix: false, settings, concurrency: 3 });
    assert.deepEqual(report.results.map((r) => r.messages[0]?.ruleId), names.map((n) => `rule-${n}`));
    assert.equal(maxInFlight(), 3);
    assert.equal(report.errorCount, names.length);
  });
});

describe("runCheck's own problems", () => {
  it("a stopped lint is a too-slow problem of the file (with its frontmatter's), in the CLI's language, and the run goes on", async () => {
    const { linter } = fakeLinter({
      [f("slow.md")]: { status: "stopped", reason: "timeout", limitSeconds: 2 },
      [f("ok.md")]: { status: "ok", problems: [problem("x", 1)], config },
    });
    const { io } = memoryIo({ [f("slow.md")]: "S", [f("ok.md")]: "O" });
    io.frontmatter = (filePath) => (filePath === f("slow.md") ? [problem("frontmatter/title")] : []);
    for (const lang of ["en", "ja"] as const) {
      const report = await runCheck(linter, io, { files: [f("slow.md"), f("ok.md")], cwd: CWD, fix: false, settings, lang });
      assert.deepEqual(report.results.map((r) => r.messages.map((m) => m.ruleId)), [[TOO_SLOW, "frontmatter/title"], ["x"]]);
      const message = report.results[0]?.messages[0]?.message ?? "";
      assert.match(message, lang === "en" ? /Not checked: .*2 s \(--timeout\)/ : /チェックしていません: 2 秒（--timeout）/);
      assert.equal(report.errorCount, 2);
      assert.equal(report.warningCount, 1);
    }
  });

  it("a file over the size budget is not linted and gets a too-large problem, also with --fix (and is not written)", async () => {
    const { linter, calls } = fakeLinter({ [f("ok.md")]: { status: "ok", problems: [], config } }, { [f("ok.md")]: "fixed" });
    const { io, writes } = memoryIo({ [f("big.md")]: "B", [f("ok.md")]: "O" }, { tooLarge: [f("big.md")] });
    const report = await runCheck(linter, io, { files: [f("big.md"), f("ok.md")], cwd: CWD, fix: true, settings });
    assert.deepEqual(calls, ["fix ok.md"]);
    assert.deepEqual(writes, ["ok.md"]);
    assert.deepEqual(report.fixResults.map((r) => r.remainingMessages.map((m) => m.ruleId)), [[TOO_LARGE], []]);
    assert.equal(report.fixResults[0]?.output, "B", "the output of a file not checked is its text");
    assert.match(report.fixResults[0]?.messages[0]?.message ?? "", /3,072 KB, over the size budget of 1,024 KB \(--max-size\)/);
  });

  it("a file that cannot be written is a write-failed problem; the others are written", async () => {
    const outcomes = Object.fromEntries(["a", "ro", "gone", "b"].map((n) => [f(`${n}.md`), { status: "ok" as const, problems: [], config }]));
    const fixedTexts = Object.fromEntries(["a", "ro", "gone", "b"].map((n) => [f(`${n}.md`), `${n} fixed`]));
    const { linter } = fakeLinter(outcomes, fixedTexts);
    const readOnly = Object.assign(new Error("read-only: no write permission"), { code: "TSUZURI_READ_ONLY" });
    const isDir = Object.assign(new Error("EISDIR: illegal operation on a directory"), { code: "EISDIR" });
    const { io, writes } = memoryIo(Object.fromEntries(["a", "ro", "gone", "b"].map((n) => [f(`${n}.md`), n])), { unwritable: { [f("ro.md")]: readOnly, [f("gone.md")]: isDir } });
    const report = await runCheck(linter, io, { files: ["a", "ro", "gone", "b"].map((n) => f(`${n}.md`)), cwd: CWD, fix: true, settings, lang: "ja" });
    assert.deepEqual(writes, ["a.md", "b.md"]);
    assert.deepEqual(report.fixResults.map((r) => r.remainingMessages.map((m) => m.ruleId)), [[], [WRITE_FAILED], [WRITE_FAILED], []]);
    assert.match(report.fixResults[1]?.messages[0]?.message ?? "", /修正を書き込めませんでした: ファイルが読み取り専用です/);
    assert.match(report.fixResults[2]?.messages[0]?.message ?? "", /フォルダーに置き換えられています/);
    assert.equal(report.fixResults[1]?.output, "ro", "the output says what the file still holds");
    assert.deepEqual(report.changes.map((c) => path.basename(c.filePath)), ["a.md", "b.md"]);
    assert.equal(report.errorCount, 2);
  });
});

describe("the result cache", () => {
  const choice: ConfigChoice = { kind: "bundled", key: "k", reason: "setting", baseDir: CWD };
  const outcomes = { [f("a.md")]: { status: "ok" as const, problems: [problem("x")], config }, [f("b.md")]: { status: "ok" as const, problems: [], config } };

  it("returns the stored outcome for the same text and fingerprint, and lints again when either changes", async () => {
    const { linter, calls } = fakeLinter(outcomes);
    const cache = CheckCache.empty();
    let fingerprint = "config v1";
    const cached = withCache(linter, cache, () => fingerprint);
    const first = await cached.lint("A", f("a.md"), choice);
    assert.deepEqual(await cached.lint("A", f("a.md"), choice), first);
    assert.deepEqual(calls, ["lint a.md"]);
    await cached.lint("A changed", f("a.md"), choice);
    assert.deepEqual(calls, ["lint a.md", "lint a.md"], "new text: a miss");
    fingerprint = "config v2";
    await cached.lint("A changed", f("a.md"), choice);
    assert.equal(calls.length, 3, "new config fingerprint: a miss");
    assert.equal(cache.hits, 1);
    assert.equal(cache.misses, 3);
  });

  it("keeps lint and fix apart, survives serialization, and forgets files that are gone", async () => {
    const { linter, calls } = fakeLinter(outcomes, { [f("a.md")]: "A fixed" });
    const cache = CheckCache.empty();
    const cached = withCache(linter, cache, () => "fp");
    await cached.lint("A", f("a.md"), choice);
    const fixed = await cached.fix("A", f("a.md"), choice);
    const unchanged = await cached.fix("B", f("b.md"), choice);
    assert.deepEqual(calls, ["lint a.md", "fix a.md", "fix b.md"]);
    const reloaded = withCache(linter, CheckCache.parse(cache.serialize()), () => "fp");
    assert.deepEqual(await reloaded.fix("A", f("a.md"), choice), fixed);
    assert.deepEqual(await reloaded.fix("B", f("b.md"), choice), unchanged, "an output equal to the text comes back as the text");
    assert.equal(calls.length, 3, "all three from the reloaded cache");
    const pruned = CheckCache.parse(cache.serialize());
    pruned.prune((file) => file === f("b.md"));
    assert.equal(pruned.get(f("a.md"), "any"), undefined);
    assert.match(pruned.serialize(), /b\.md/);
    assert.doesNotMatch(pruned.serialize(), /a\.md/);
    assert.throws(() => CheckCache.parse("{\"format\":0,\"entries\":{}}"), /not a cache/);
  });

  it("does not store stopped lints or errors", async () => {
    const { linter, calls } = fakeLinter({ [f("a.md")]: { status: "stopped", reason: "timeout", limitSeconds: 1 } });
    const cached = withCache(linter, CheckCache.empty(), () => "fp");
    await cached.lint("A", f("a.md"), choice);
    await cached.lint("A", f("a.md"), choice);
    assert.deepEqual(calls, ["lint a.md", "lint a.md"]);
  });
});

describe("culpritOf", () => {
  const own = (file: string) => file.startsWith("/opt/tsuzuri/dist/");
  it("names the rule package under node_modules, skipping Tsuzuri's and textlint's frames", () => {
    const stack = [
      "Error: process.exit() called",
      "    at process.exit (/opt/tsuzuri/dist/lint-worker.js:10:3)",
      "    at Object.Str (/blog/node_modules/@acme/textlint-rule-exit/lib/index.js:5:13)",
      "    at /blog/node_modules/@textlint/kernel/lib/src/task.js:3:1",
    ].join("\n");
    assert.equal(culpritOf(stack, own), "@acme/textlint-rule-exit");
    const unscoped = stack.replace("@acme/textlint-rule-exit", "textlint-rule-exit");
    assert.equal(culpritOf(unscoped, own), "textlint-rule-exit");
  });
  it("names a config file, and nothing when only Node and Tsuzuri are on the stack", () => {
    assert.equal(culpritOf("Error\n    at process.exit (/opt/tsuzuri/dist/lint-worker.js:1:1)\n    at Object.<anonymous> (/blog/.textlintrc.js:2:9)\n    at Module._compile (node:internal/modules/cjs/loader:1:1)", own), "/blog/.textlintrc.js");
    assert.equal(culpritOf("Error\n    at process.exit (/opt/tsuzuri/dist/lint-worker.js:1:1)\n    at node:internal/x:1:1", own), undefined);
    assert.equal(culpritOf(undefined, own), undefined);
  });
});

describe("writeFileAtomic", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-atomic-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("replaces the text, keeps the mode and leaves no temporary file", () => {
    const file = path.join(dir, "post.md");
    fs.writeFileSync(file, "old");
    fs.chmodSync(file, 0o640);
    writeFileAtomic(file, "new");
    assert.equal(fs.readFileSync(file, "utf8"), "new");
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(dir), ["post.md"]);
  });

  it("refuses a read-only file (even as root) and a folder, leaving them as they were", () => {
    const file = path.join(dir, "ro.md");
    fs.writeFileSync(file, "old");
    fs.chmodSync(file, 0o444);
    assert.throws(() => writeFileAtomic(file, "new"), { code: "TSUZURI_READ_ONLY" });
    assert.equal(fs.readFileSync(file, "utf8"), "old");
    const folder = path.join(dir, "folder.md");
    fs.mkdirSync(folder);
    assert.throws(() => writeFileAtomic(folder, "new"), { code: "EISDIR" });
    assert.throws(() => writeFileAtomic(path.join(dir, "gone.md"), "new"), { code: "ENOENT" });
    assert.ok(fs.statSync(folder).isDirectory());
    assert.ok(!fs.readdirSync(dir).some((n) => n.endsWith(".tmp")), "no temporary file left behind");
  });

  it("creates a missing file only when asked", () => {
    const file = path.join(dir, "new.json");
    assert.throws(() => writeFileAtomic(file, "{}"), { code: "ENOENT" });
    writeFileAtomic(file, "{}", { create: true });
    assert.equal(fs.readFileSync(file, "utf8"), "{}");
  });
});
