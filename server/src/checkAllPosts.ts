/**
 * "Tsuzuri: Check All Posts" on the server: lists the workspace's posts as `tsuzuri check` does,
 * lints those not open in the editor with a small pool of lint workers (the CLI's) behind the
 * CLI's result cache, adds the frontmatter checks and publishes their diagnostics; afterwards keeps
 * them fresh as files change, are deleted, or their editor closes. Open posts are the
 * DocumentLinter's. The run itself and the freshness rules are core/check/workspaceCheck.ts.
 */
import * as l10n from "@vscode/l10n";
import type { CancellationToken, Diagnostic, FileEvent, WorkDoneProgressReporter } from "vscode-languageserver";
import { DiagnosticSeverity, FileChangeType } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import { CheckCache, withCache } from "./core/check/checkCache";
import type { CheckLinter, StoppedOutcome } from "./core/check/check";
import { outOfMemoryProblem, tooLargeProblem, tooSlowProblem } from "./core/check/checkProblems";
import { actionFor, isWorkspacePost, runPosts, type PostEvent } from "./core/check/workspaceCheck";
import type { ConfigChoice } from "./core/lint/configResolution";
import { toDiagnostic } from "./core/lint/diagnostics";
import type { LintOutcome } from "./core/lint/lintEngine";
import { frontmatterDiagnostic } from "./core/frontmatter/diagnostics";
import { isZennBookConfig } from "./core/frontmatter/checks/zennBook";
import type { FrontmatterResult } from "./core/frontmatter/check";
import type { TsuzuriSettings } from "./core/settings";
import type { Lang } from "./core/shared/i18n";
import { listFiles, readForLint } from "./cli/files";
import { fingerprintMemo } from "./cli/fingerprint";
import { WorkerPool } from "./cli/pool";
import { loadCache, saveCache } from "./cli/runner";
import { configNotice } from "./documentLinter";
import { WorkerStopped, type LintWorkerClient } from "./node/lintWorkerClient";
import type { CheckAllParams, CheckAllResult } from "./protocol";

/** Per post, as `tsuzuri check`'s defaults: a lint stopped after 30 s, a post over 1 MB not linted. */
const TIMEOUT_MS = 30_000;
const MAX_BYTES = 1024 * 1024;
/** At most this many extra lint workers for a run (each holds its own rules and dictionary, ~350 MB). */
const MAX_JOBS = 2;
/** One worker per this many posts (a worker costs a second or two to start), as the CLI. */
const POSTS_PER_WORKER = 4;

declare const TSUZURI_VERSION: string | undefined;
const tsuzuriVersion = typeof TSUZURI_VERSION === "string" ? TSUZURI_VERSION : "dev";

export interface CheckAllDeps {
  publish(uri: string, diagnostics: Diagnostic[]): void;
  isOpen(uri: string): boolean;
  folders(): readonly string[];
  /** The innermost workspace folder of a file: its settings are the folder's. */
  folderFor(filePath: string): string | undefined;
  /** The live lint worker: re-lints single posts after a run (warm, and idle between edits). */
  worker: LintWorkerClient;
  cores: number;
  settingsFor(uri: string): Promise<TsuzuriSettings>;
  choiceFor(uri: string, settings: TsuzuriSettings, text: string): ConfigChoice;
  frontmatter(uri: string, text: string, settings: TsuzuriSettings): FrontmatterResult | undefined;
  lang(): Lang;
  log: { info(message: string): void; error(message: string): void };
}

export class WorkspaceChecker {
  private cache = CheckCache.empty();
  private cacheFile: string | undefined;
  /** Posts whose diagnostics this checker published (file paths). */
  private readonly published = new Set<string>();
  private checked = false;
  private running = false;
  /** Posts waiting to be linted again after a file event, and the chain that lints them in turn. */
  private readonly relints = new Set<string>();
  private relinting: Promise<void> = Promise.resolve();

  constructor(private readonly deps: CheckAllDeps) {}

  async run(params: CheckAllParams, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<CheckAllResult> {
    if (this.running) return { total: 0, done: 0, published: 0, fromCache: 0, cancelled: false, errors: 0, warnings: 0, postsWithProblems: 0, busy: true };
    this.running = true;
    this.checked = true;
    const started = performance.now();
    this.useCacheFile(params.cacheFile);
    const files = await this.listPosts();
    const jobs = Math.min(MAX_JOBS, Math.max(1, this.deps.cores - 1), Math.ceil(files.length / POSTS_PER_WORKER));
    const pool = new WorkerPool({ jobs: Math.max(1, jobs), timeoutMs: TIMEOUT_MS, lang: this.deps.lang(), log: (m) => this.deps.log.info(`check all: ${m}`) });
    // Cancelling stops the workers at once: the posts they were linting are dropped, not waited for.
    const onCancel = token.onCancellationRequested(() => pool.dispose());
    const hitsBefore = this.cache.hits;
    const counts = { errors: 0, warnings: 0, postsWithProblems: 0 };
    progress.begin(l10n.t("Checking all posts"), 0, `0/${files.length}`, true);
    try {
      const linter = withCache(pool, this.cache, fingerprintMemo(tsuzuriVersion));
      const summary = await runPosts({
        files,
        concurrency: Math.max(1, jobs),
        isCancelled: () => token.isCancellationRequested,
        check: (filePath) => this.diagnosticsOf(filePath, linter, () => token.isCancellationRequested),
        publish: (filePath, diagnostics) => {
          const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length;
          const warnings = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length;
          counts.errors += errors;
          counts.warnings += warnings;
          if (errors + warnings > 0) counts.postsWithProblems++;
          this.publish(filePath, diagnostics);
        },
        progress: (done, total) => progress.report(Math.floor((done / total) * 100), `${done}/${total}`),
      });
      const fromCache = this.cache.hits - hitsBefore;
      if (this.cacheFile) saveCache(this.cacheFile, this.cache, (m) => this.deps.log.error(m), this.deps.lang());
      const ms = Math.round(performance.now() - started);
      this.deps.log.info(`check all: ${summary.done}/${summary.total} posts in ${ms} ms, ${fromCache} from the cache${summary.cancelled ? ", cancelled" : ""}`);
      return { total: summary.total, done: summary.done, published: summary.published, fromCache, cancelled: summary.cancelled, ...counts };
    } finally {
      onCancel.dispose();
      pool.dispose();
      progress.done();
      this.running = false;
    }
  }

  /** Watched files changed: posts linted again or cleared (see actionFor). */
  filesChanged(changes: readonly FileEvent[]): void {
    for (const change of changes) {
      const event: PostEvent = change.type === FileChangeType.Deleted ? "deleted" : change.type === FileChangeType.Created ? "created" : "changed";
      this.handle(event, change.uri);
    }
  }

  /** An editor closed: the DocumentLinter cleared its diagnostics; the post's workspace result returns. */
  closed(uri: string): void {
    this.handle("closed", uri);
  }

  private handle(event: PostEvent, uri: string): void {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== "file") return;
    const filePath = parsed.fsPath;
    const facts = { checked: this.checked, post: isWorkspacePost(filePath, this.deps.folders()), open: this.deps.isOpen(uri), published: this.published.has(filePath) };
    const action = actionFor(event, facts);
    if (action === "clear") {
      this.published.delete(filePath);
      this.deps.publish(uri, []);
    } else if (action === "lint") this.relint(filePath);
  }

  /**
   * One post at a time on the editor's worker, so that a `git pull` of many posts never queues more
   * than one of them ahead of the lint of the post being typed.
   */
  private relint(filePath: string): void {
    if (this.relints.has(filePath)) return;
    this.relints.add(filePath);
    this.relinting = this.relinting.then(async () => {
      this.relints.delete(filePath);
      const linter = withCache(liveLinter(this.deps.worker), this.cache, fingerprintMemo(tsuzuriVersion));
      const diagnostics = await this.diagnosticsOf(filePath, linter);
      if (diagnostics) this.publish(filePath, diagnostics);
    });
  }

  /** The cache of the client's file, read on the first run that names it (or when it names another). */
  private useCacheFile(cacheFile: string | undefined): void {
    if (!cacheFile || cacheFile === this.cacheFile) return;
    this.cacheFile = cacheFile;
    this.cache = loadCache(cacheFile, (m) => this.deps.log.error(m), this.deps.lang());
  }

  /** The Markdown files (and Zenn books' config.yaml) of every workspace folder, as `tsuzuri check <folder>` lists them. */
  private async listPosts(): Promise<string[]> {
    const found = new Set<string>();
    for (const folder of this.deps.folders()) for (const file of await listFiles([folder], folder)) found.add(file);
    return [...found].sort();
  }

  private publish(filePath: string, diagnostics: Diagnostic[]): void {
    const uri = URI.file(filePath).toString();
    // Opened while it was being linted: the live lint's diagnostics win.
    if (this.deps.isOpen(uri)) return;
    this.published.add(filePath);
    this.deps.publish(uri, diagnostics);
  }

  /** One post's diagnostics: textlint's (through the cache) and the frontmatter checks'. Undefined: open or unreadable. */
  private async diagnosticsOf(filePath: string, linter: CheckLinter, cancelled = () => false): Promise<Diagnostic[] | undefined> {
    const uri = URI.file(filePath).toString();
    if (this.deps.isOpen(uri)) return undefined;
    const read = readForLint(filePath);
    if (!read.ok) return undefined;
    const { text } = read;
    const document = TextDocument.create(uri, "markdown", 0, text);
    const lang = this.deps.lang();
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_BYTES) return [toDiagnostic(tooLargeProblem(bytes, MAX_BYTES, lang), document)];
    try {
      const settings = await this.deps.settingsFor(URI.file(this.deps.folderFor(filePath) ?? filePath).toString());
      // Cancelled while the settings came: no lint starts (a stopped pool would start a new worker).
      if (cancelled()) return undefined;
      const frontmatter = this.deps.frontmatter(uri, text, settings);
      const extra = frontmatter ? frontmatter.problems.map((p) => frontmatterDiagnostic(p, document, lang)) : [];
      // A Zenn book's config.yaml: the book's checks only, no textlint.
      if (isZennBookConfig(filePath)) return extra;
      const outcome = await linter.lint(text, filePath, this.deps.choiceFor(uri, settings, text));
      return [...textlintDiagnostics(outcome, document, lang), ...extra];
    } catch (e) {
      this.deps.log.error(`check all: ${filePath}: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
  }
}

function textlintDiagnostics(outcome: LintOutcome | StoppedOutcome, document: TextDocument, lang: Lang): Diagnostic[] {
  switch (outcome.status) {
    case "ok":
      return outcome.problems.map((p) => toDiagnostic(p, document));
    case "ignored":
      return [];
    case "error":
      return [configNotice(outcome.error)];
    case "stopped":
      return [toDiagnostic(outcome.reason === "timeout" ? tooSlowProblem(outcome.limitSeconds, lang) : outOfMemoryProblem(lang), document)];
  }
}

/** The live lint worker as a CheckLinter, for single posts: whole-file lints, a stop as the CLI reports it. */
function liveLinter(worker: LintWorkerClient): CheckLinter {
  return {
    resolve: () => {
      throw new Error("configs are resolved by the server");
    },
    lint: (text, filePath, choice) =>
      worker.lint(text, filePath, choice, {}, TIMEOUT_MS).catch((e: Error): StoppedOutcome => {
        if (e instanceof WorkerStopped && e.reason !== "crash") return { status: "stopped", reason: e.reason, limitSeconds: TIMEOUT_MS / 1000 };
        throw e;
      }),
    fix: () => Promise.reject(new Error("the workspace check does not fix")),
  };
}
