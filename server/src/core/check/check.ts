/**
 * `tsuzuri check`: lint (or fix) a set of files with the same engine as the language server, each
 * file with its own nearest config, and collect textlint-shaped results. I/O is passed in; so is
 * the linter (the engine itself, or the CLI's pool of worker threads with its cache in front).
 */
import type { TextlintFixResult, TextlintResult } from "@textlint/types";
import type { FixOptions, FixOutcome, LintOutcome, LintProblem } from "../lint/lintEngine";
import type { ConfigChoice, ResolveInput } from "../lint/configResolution";
import type { ConfigError } from "../lint/linterLoader";
import type { RuleLevel, TsuzuriSettings } from "../settings";
import { atRuleLevels, HINT_SEVERITY } from "../lint/ruleLevels";
import type { NotationPlatform } from "../lint/platformNotations";
import { toTextlintFixResult, toTextlintResult } from "../lint/textlintShape";
import { outOfMemoryProblem, tooLargeProblem, tooSlowProblem, writeFailedProblem, type CheckLang } from "./checkProblems";
import { atEditorPositions, EditorPositions, type LineIndexOf } from "../report/positions";
import * as path from "node:path";

export interface CheckIo {
  /**
   * The file's text, or an explanation of why it cannot be linted (binary, unreadable); a file
   * over the size budget says so with `tooLarge` (reported as a problem of the file, not linted).
   */
  read(filePath: string): { ok: true; text: string; tooLarge?: { bytes: number; limitBytes: number } } | { ok: false; reason: string };
  /** Writes the fixed text; throws when it cannot (reported as a problem of the file). */
  write(filePath: string, text: string): void;
  /** Frontmatter problems of a post (in textlint's shape), checked on the text as written. */
  frontmatter?(filePath: string, text: string, root: string | undefined): LintProblem[];
  /** Files checked by the frontmatter checks alone, without textlint (a Zenn book's config.yaml). */
  frontmatterOnly?(filePath: string): boolean;
  /** The post's platform when its notations are not prose (Zenn, Qiita), for the bundled config. */
  notations?(filePath: string, text: string, root: string | undefined): NotationPlatform | undefined;
  /** The editor's line index of a text: reported lines and columns are the editor's (report/positions.ts). */
  lineIndex: LineIndexOf;
}

/** A lint that was stopped: past the time budget, or out of memory. The file is not checked. */
export interface StoppedOutcome {
  status: "stopped";
  reason: "timeout" | "memory";
  limitSeconds: number;
}

/** What lints the files: the LintEngine itself, or the CLI's worker pool (which may stop a lint). */
export interface CheckLinter {
  resolve(input: ResolveInput): ConfigChoice;
  lint(text: string, filePath: string, choice: ConfigChoice): Promise<LintOutcome | StoppedOutcome>;
  /** With `options.levels`, the rules at `off` are not fixed (tsuzuri.textlint.severity). */
  fix(text: string, filePath: string, choice: ConfigChoice, options?: FixOptions): Promise<FixOutcome | StoppedOutcome>;
}

export interface CheckOptions {
  files: string[];
  cwd: string;
  fix: boolean;
  /** With fix: compute the same fixes but write nothing; `changes` says what would be written. */
  dryRun?: boolean;
  settings: TsuzuriSettings;
  /** The settings for one file (tsuzuri.overrides); default: `settings` for every file. */
  settingsFor?(filePath: string): TsuzuriSettings;
  /** Files in flight at once (the pool's workers); results keep the files' order. Default 1. */
  concurrency?: number;
  /** The language of Tsuzuri's own problems (too large, too slow, not written). Default en. */
  lang?: CheckLang;
}

/** A file the fixes change: its text as read and as fixed (written, unless a dry run). */
export interface FileChange {
  filePath: string;
  before: string;
  after: string;
}

export interface CheckReport {
  results: TextlintResult[];
  fixResults: TextlintFixResult[];
  /** Config or rule failures: the run cannot be trusted (exit code 2). */
  configErrors: ConfigError[];
  /** Files skipped with a reason (binary, unreadable). */
  skipped: { filePath: string; reason: string }[];
  /** With fix: the files whose text the fixes change, in order. */
  changes: FileChange[];
  errorCount: number;
  warningCount: number;
  /** The text each result's offsets refer to, by file: as read, or as fixed with fix. */
  texts: Map<string, string>;
  /** Documentation URL of each reported rule whose documentation is known. */
  ruleDocs: Map<string, string>;
}

/** One file's part of the report, computed independently of the others (so files can run in parallel). */
type FileReport =
  | { kind: "skipped"; reason: string }
  | { kind: "ignored" }
  | { kind: "error"; error: ConfigError }
  | { kind: "lint"; result: TextlintResult; problems: LintProblem[]; text: string }
  | { kind: "fix"; result: TextlintFixResult; problems: LintProblem[]; text: string; change?: FileChange };

export async function runCheck(linter: CheckLinter, io: CheckIo, options: CheckOptions): Promise<CheckReport> {
  const report: CheckReport = { results: [], fixResults: [], configErrors: [], skipped: [], changes: [], errorCount: 0, warningCount: 0, texts: new Map(), ruleDocs: new Map() };
  const cwd = path.resolve(options.cwd);
  const files = await mapInOrder(options.files, options.concurrency ?? 1, (filePath) => checkFile(linter, io, options, cwd, filePath));
  const seenErrors = new Set<string>();
  options.files.forEach((filePath, i) => {
    const file = files[i];
    if (!file || file.kind === "ignored") return;
    if (file.kind === "skipped") return void report.skipped.push({ filePath, reason: file.reason });
    if (file.kind === "error") {
      if (!seenErrors.has(file.error.message)) report.configErrors.push(file.error);
      seenErrors.add(file.error.message);
      return;
    }
    for (const p of file.problems) {
      if (p.severity === 2) report.errorCount++;
      else if (p.severity === 1) report.warningCount++;
      if (p.docUrl) report.ruleDocs.set(p.ruleId, p.docUrl);
    }
    report.texts.set(filePath, file.text);
    if (file.kind === "lint") report.results.push(file.result);
    else {
      report.fixResults.push(file.result);
      if (file.change) report.changes.push(file.change);
    }
  });
  return report;
}

async function checkFile(linter: CheckLinter, io: CheckIo, options: CheckOptions, cwd: string, filePath: string): Promise<FileReport> {
  const lang = options.lang ?? "en";
  const read = io.read(filePath);
  if (!read.ok) return { kind: "skipped", reason: read.reason };
  const inCwd = filePath.startsWith(cwd + path.sep);
  const root = inCwd ? cwd : undefined;
  /**
   * The file's problems at the editor's positions (from the offsets, see report/positions.ts): ours
   * first (textlint reports nothing inside the frontmatter, which comes first), then textlint's in
   * textlint's order (by line and column) of the corrected positions.
   */
  const located = (text: string, ours: readonly LintProblem[], textlint: readonly LintProblem[] = []): LintProblem[] => {
    const positions = new EditorPositions(text, io.lineIndex);
    const at = (list: readonly LintProblem[]) => list.map((p) => atEditorPositions(p, positions));
    return [...at(ours), ...byPosition(at(textlint))];
  };
  /** A file not linted (too large, stopped, not written): its problems on the text as read. */
  const unchecked = (ours: LintProblem[]): FileReport => {
    const problems = located(read.text, ours);
    return options.fix
      ? { kind: "fix", result: toTextlintFixResult(filePath, read.text, [], problems), problems, text: read.text }
      : { kind: "lint", result: toTextlintResult(filePath, problems), problems, text: read.text };
  };
  // Not checked at all (frontmatter included): one problem says why, in every output format.
  if (read.tooLarge) return unchecked([tooLargeProblem(read.tooLarge.bytes, read.tooLarge.limitBytes, lang)]);
  if (io.frontmatterOnly?.(filePath)) return unchecked(io.frontmatter?.(filePath, read.text, root) ?? []);
  const notations = io.notations?.(filePath, read.text, root);
  const settings = options.settingsFor?.(filePath) ?? options.settings;
  const choice = linter.resolve({ filePath, workspaceFolder: root, settings, trusted: true, ...(notations ? { notations } : {}) });
  const levels = settings.textlint.severity;
  const fixOptions = Object.keys(levels).length > 0 ? { levels } : {};
  const outcome = atCliLevels(options.fix ? await linter.fix(read.text, filePath, choice, fixOptions) : await linter.lint(read.text, filePath, choice), levels);
  if (outcome.status === "ignored") return { kind: "ignored" };
  if (outcome.status === "error") return { kind: "error", error: outcome.error };
  if (outcome.status === "stopped") {
    const stopped = outcome.reason === "timeout" ? tooSlowProblem(outcome.limitSeconds, lang) : outOfMemoryProblem(lang);
    // The file's own frontmatter problems still count: they need no textlint.
    return unchecked([stopped, ...(io.frontmatter?.(filePath, read.text, root) ?? [])]);
  }
  if (!("output" in outcome)) {
    const problems = located(read.text, io.frontmatter?.(filePath, read.text, root) ?? [], outcome.problems);
    return { kind: "lint", result: toTextlintResult(filePath, problems), problems, text: read.text };
  }
  const changed = outcome.output !== read.text;
  if (changed && !options.dryRun) {
    try {
      io.write(filePath, outcome.output);
    } catch (e) {
      // Reported on the file, and the run goes on with the others; the file keeps its text.
      const error = e instanceof Error ? e : new Error(String(e));
      return unchecked([writeFailedProblem(error, lang), ...(io.frontmatter?.(filePath, read.text, root) ?? [])]);
    }
  }
  // Frontmatter problems: on the text as it ends up (after fixing).
  const problems = located(outcome.output, io.frontmatter?.(filePath, outcome.output, root) ?? [], outcome.remaining);
  // The applied fixes keep textlint's positions: each refers to the text of its own fixing pass.
  const result = toTextlintFixResult(filePath, outcome.output, outcome.applied, problems);
  return { kind: "fix", result, problems, text: outcome.output, ...(changed ? { change: { filePath, before: read.text, after: outcome.output } } : {}) };
}

/**
 * An outcome at the writer's rule levels (`tsuzuri.textlint.severity`), as the editor shows it;
 * hints are the editor's faint dots and are not reported, as for the frontmatter's hints.
 */
function atCliLevels<T extends LintOutcome | FixOutcome | StoppedOutcome>(outcome: T, levels: Readonly<Record<string, RuleLevel>>): T {
  if (outcome.status !== "ok" || Object.keys(levels).length === 0) return outcome;
  const levelled = (problems: readonly LintProblem[]) => atRuleLevels(problems, levels).filter((p) => p.severity !== HINT_SEVERITY);
  if ("remaining" in outcome) return { ...outcome, remaining: levelled(outcome.remaining) };
  return "problems" in outcome ? { ...outcome, problems: levelled(outcome.problems) } : outcome;
}

/** Sorted by line, then column (stable): textlint's own message order. */
function byPosition(problems: LintProblem[]): LintProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * `fn` over `items` with at most `limit` calls in flight, results in the items' order. Written
 * here rather than taken from p-map/p-limit: eight lines, and no new dependency for them.
 */
export async function mapInOrder<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  });
  await Promise.all(lanes);
  return results;
}
