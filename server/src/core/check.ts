/**
 * `tsuzuri check`: lint (or fix) a set of files with the same engine as the language server, each
 * file with its own nearest config, and collect textlint-shaped results. I/O is passed in.
 */
import type { TextlintFixResult, TextlintResult } from "@textlint/types";
import type { LintEngine, LintProblem } from "./lintEngine";
import type { ConfigError } from "./linterLoader";
import type { TsuzuriSettings } from "./settings";
import type { NotationPlatform } from "./textlint/platformNotations";
import { toTextlintFixResult, toTextlintResult } from "./textlintShape";
import { atEditorPositions, EditorPositions, type LineIndexOf } from "./report/positions";
import * as path from "node:path";

export interface CheckIo {
  /** The file's text, or an explanation of why it cannot be linted (binary, unreadable). */
  read(filePath: string): { ok: true; text: string } | { ok: false; reason: string };
  write(filePath: string, text: string): void;
  /** Frontmatter problems of a post (in textlint's shape), checked on the text as written. */
  frontmatter?(filePath: string, text: string, root: string | undefined): LintProblem[];
  /** The post's platform when its notations are not prose (Zenn, Qiita), for the bundled config. */
  notations?(filePath: string, text: string, root: string | undefined): NotationPlatform | undefined;
  /** The editor's line index of a text: reported lines and columns are the editor's (report/positions.ts). */
  lineIndex: LineIndexOf;
}

export interface CheckOptions {
  files: string[];
  cwd: string;
  fix: boolean;
  /** With fix: compute the same fixes but write nothing; `changes` says what would be written. */
  dryRun?: boolean;
  settings: TsuzuriSettings;
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

export async function runCheck(engine: LintEngine, io: CheckIo, options: CheckOptions): Promise<CheckReport> {
  const report: CheckReport = { results: [], fixResults: [], configErrors: [], skipped: [], changes: [], errorCount: 0, warningCount: 0, texts: new Map(), ruleDocs: new Map() };
  const seenErrors = new Set<string>();
  const cwd = path.resolve(options.cwd);
  for (const filePath of options.files) {
    const read = io.read(filePath);
    if (!read.ok) {
      report.skipped.push({ filePath, reason: read.reason });
      continue;
    }
    const inCwd = filePath.startsWith(cwd + path.sep);
    const notations = io.notations?.(filePath, read.text, inCwd ? cwd : undefined);
    const choice = engine.resolve({ filePath, workspaceFolder: inCwd ? cwd : undefined, settings: options.settings, trusted: true, ...(notations ? { notations } : {}) });
    const outcome = options.fix ? await engine.fix(read.text, filePath, choice) : await engine.lint(read.text, filePath, choice);
    if (outcome.status === "ignored") continue;
    if (outcome.status === "error") {
      if (!seenErrors.has(outcome.error.message)) report.configErrors.push(outcome.error);
      seenErrors.add(outcome.error.message);
      continue;
    }
    // Frontmatter problems: on the text as it ends up (after fixing, with --fix).
    const finalText = "output" in outcome ? outcome.output : read.text;
    const frontmatter = io.frontmatter?.(filePath, finalText, inCwd ? cwd : undefined) ?? [];
    // Lines and columns as the editor shows them, from the offsets (see report/positions.ts).
    const positions = new EditorPositions(finalText, io.lineIndex);
    const located = (list: readonly LintProblem[]): LintProblem[] => list.map((p) => atEditorPositions(p, positions));
    // textlint reports nothing inside the frontmatter, which comes first: ours go first, textlint's
    // follow in textlint's order (by line and column), now of the corrected positions.
    const problems = [...located(frontmatter), ...byPosition(located("problems" in outcome ? outcome.problems : outcome.remaining))];
    for (const p of problems) {
      if (p.severity === 2) report.errorCount++;
      else if (p.severity === 1) report.warningCount++;
      if (p.docUrl) report.ruleDocs.set(p.ruleId, p.docUrl);
    }
    report.texts.set(filePath, finalText);
    if ("output" in outcome) {
      if (outcome.output !== read.text) {
        report.changes.push({ filePath, before: read.text, after: outcome.output });
        if (!options.dryRun) io.write(filePath, outcome.output);
      }
      // The applied fixes keep textlint's positions: each refers to the text of its own fixing pass.
      report.fixResults.push(toTextlintFixResult(filePath, outcome.output, outcome.applied, problems));
    } else {
      report.results.push(toTextlintResult(filePath, problems));
    }
  }
  return report;
}

/** Sorted by line, then column (stable): textlint's own message order. */
function byPosition(problems: LintProblem[]): LintProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
