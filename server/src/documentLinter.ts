/**
 * Per-document lint scheduling for the server: debounce, one lint in flight per document with the
 * newest version queued behind it, stale results dropped, a time budget that turns the status to
 * "slow", and publication of diagnostics and status.
 *
 * Two holds keep a post that is too much for the lint worker from costing more than one try: a post
 * longer than `lint.maxLiveLength` is linted only when saved, and a post the worker stopped on (out
 * of memory, past the hard time limit) is linted again only when saved or when configs or packages
 * change. Either way the writer gets one message, and the status says what the shown problems are.
 */
import { isZennBookConfig } from "./core/frontmatter/checks/zennBook";
import * as l10n from "@vscode/l10n";
import { DiagnosticSeverity, type Diagnostic, type PublishDiagnosticsParams } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import type { ConfigChoice } from "./core/lint/configResolution";
import { toDiagnostic } from "./core/lint/diagnostics";
import { outcomeAtRuleLevels } from "./core/lint/ruleLevels";
import type { LintOptions, LintOutcome, LintProblem } from "./core/lint/lintEngine";
import type { ConfigError } from "./core/lint/linterLoader";
import type { TsuzuriSettings } from "./core/settings";
import type { StatusParams } from "./protocol";
import type { FrontmatterResult } from "./core/frontmatter/check";
import { frontmatterDiagnostic } from "./core/frontmatter/diagnostics";
import type { Lang } from "./core/shared/i18n";
import { WorkerRestarted, WorkerStopped, type LintWorkerClient, type StopReason } from "./node/lintWorkerClient";
import { SECOND_WORKER_MIN_CHARS, type SecondWorker } from "./node/secondWorker";

/**
 * Why a lint is asked for. `save` also lints a post under a hold; `refresh` (configs, packages, trust
 * or folders changed) releases a post the worker stopped on.
 */
export type LintReason = "edit" | "save" | "refresh";

/** Below this length a post is linted whole at once: the visible part would not come sooner. */
export const VISIBLE_FIRST_MIN_CHARS = 8_000;
/** What a newly opened editor shows before it reports its visible ranges: the top of the post. */
const DEFAULT_VISIBLE_LINES: [number, number] = [1, 60];

interface DocState {
  timer?: NodeJS.Timeout;
  running: boolean;
  rerun: boolean;
  /** The lines in view (1-based, both included), as the client last said. */
  visible?: [number, number];
  /** Whether anything was linted for this document yet (the first lint shows the visible part first). */
  linted?: boolean;
  /** A save asked for the next lint (so it runs even under a hold). */
  saveRequested: boolean;
  /** What the last published lint found, for code actions. */
  last?: LastLint;
  /** The worker stopped while linting this post: no lint until it is saved or configs change. */
  stopped?: StopReason;
}

/** The code of the notice on a post too long to lint as the writer types. */
export const TOO_LONG_CODE = "lint/too-long";

/** The first lint of a post, as `run` asks for it. */
interface FirstLint {
  text: string;
  version: number;
  choice: ConfigChoice;
  options: LintOptions;
  hardLimitMs: number;
  visible: [number, number];
}

export interface LastLint {
  version: number;
  problems: readonly LintProblem[];
  config: LintOutcome["config"];
}

export interface DocumentLinterDeps {
  /** Sends a post's diagnostics to the client (textDocument/publishDiagnostics). */
  publish(params: PublishDiagnosticsParams): void;
  /** Sends the post's lint state to the client (tsuzuri/status). */
  status(params: StatusParams): void;
  log: { info(message: string): void; error(message: string): void };
  worker: LintWorkerClient;
  /** Shares the first lint of long posts (absent: the main worker alone). */
  secondWorker?: SecondWorker;
  getDocument(uri: string): TextDocument | undefined;
  settingsFor(uri: string): Promise<TsuzuriSettings>;
  choiceFor(uri: string, settings: TsuzuriSettings, text: string): ConfigChoice;
  /**
   * Logs an error and shows it to the writer once per distinct `key` (default: the message);
   * `show` false: only logs (the client tells the writer itself).
   */
  reportError(message: string, detail: string, key?: string, show?: boolean): void;
  now(): number;
  /** Frontmatter checks of the same text (undefined: off for this post). */
  frontmatter(uri: string, text: string, settings: TsuzuriSettings): FrontmatterResult | undefined;
  /** The editor's display language, for frontmatter messages. */
  lang(): Lang;
}

/** A post Tsuzuri lints: Markdown by language, or by name (an editor that says plaintext for .md). */
export function isMarkdown(uri: string, languageId: string): boolean {
  return languageId === "markdown" || /\.(md|markdown)$/i.test(uri);
}

/** What Tsuzuri checks: posts, and Zenn books' config.yaml (its frontmatter checks only). */
const isChecked = (uri: string, languageId: string): boolean => isMarkdown(uri, languageId) || isZennBookConfig(URI.parse(uri).fsPath);

export class DocumentLinter {
  private readonly states = new Map<string, DocState>();
  /** TextDocuments reports an open as a change too: the open itself already lints. */
  private readonly justOpened = new Set<string>();

  constructor(private readonly deps: DocumentLinterDeps) {}

  /** The editor opened a document: a post is linted at once. */
  opened(uri: string, languageId: string): void {
    if (!isChecked(uri, languageId)) return;
    this.justOpened.add(uri);
    this.schedule(uri, 0);
  }

  /** Its text changed: linted after the debounce when `tsuzuri.lint.run` is onType. */
  async changed(uri: string, languageId: string): Promise<void> {
    if (this.justOpened.delete(uri) || !isChecked(uri, languageId)) return;
    const settings = await this.deps.settingsFor(uri);
    if (settings.lint.run === "onType") this.schedule(uri, settings.lint.debounceMs);
  }

  /** It was saved: linted at once (also when onSave, or when the worker stopped on it). */
  saved(uri: string, languageId: string): void {
    if (isChecked(uri, languageId)) this.schedule(uri, 0, "save");
  }

  /** Lints after `delayMs` of quiet (0: at once). */
  schedule(uri: string, delayMs: number, reason: LintReason = "edit"): void {
    const state = this.state(uri);
    if (reason === "save") state.saveRequested = true;
    if (reason === "save" || reason === "refresh") state.stopped = undefined;
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    if (delayMs <= 0) this.trigger(uri);
    else state.timer = setTimeout(() => this.trigger(uri), delayMs);
  }

  /** The lines in view of a document's editor (0-based, end included). */
  setVisible(uri: string, ranges: readonly { start: number; end: number }[]): void {
    if (ranges.length === 0) return;
    const start = Math.min(...ranges.map((r) => r.start));
    const end = Math.max(...ranges.map((r) => r.end));
    this.state(uri).visible = [start + 1, end + 1];
  }

  /** The last lint published for a document (its version, problems and config). */
  lastLint(uri: string): LastLint | undefined {
    return this.states.get(uri)?.last;
  }

  close(uri: string): void {
    this.justOpened.delete(uri);
    const state = this.states.get(uri);
    if (state?.timer) clearTimeout(state.timer);
    this.states.delete(uri);
    this.deps.worker.forget(URI.parse(uri).fsPath);
    this.deps.publish({ uri, diagnostics: [] });
  }

  private state(uri: string): DocState {
    let state = this.states.get(uri);
    if (!state) {
      state = { running: false, rerun: false, saveRequested: false };
      this.states.set(uri, state);
    }
    return state;
  }

  private trigger(uri: string): void {
    const state = this.state(uri);
    state.timer = undefined;
    if (state.running) {
      state.rerun = true;
      return;
    }
    state.running = true;
    this.run(uri)
      .catch((e: Error) => this.deps.log.error(`lint of ${uri} failed: ${e.stack ?? e.message}`))
      .finally(() => {
        state.running = false;
        if (state.rerun && this.states.get(uri) === state) {
          state.rerun = false;
          this.trigger(uri);
        }
      });
  }

  private async run(uri: string): Promise<void> {
    const document = this.deps.getDocument(uri);
    if (!document) return;
    const settings = await this.deps.settingsFor(uri);
    if (settings.lint.run === "off") {
      this.deps.publish({ uri, diagnostics: [] });
      return;
    }
    const state = this.state(uri);
    const saved = state.saveRequested;
    state.saveRequested = false;
    const { version } = document;
    const text = document.getText();
    if (!isMarkdown(uri, document.languageId)) {
      // A Zenn book's config.yaml: the book's checks only, no textlint.
      this.publishWithoutLint(uri, document, this.checkFrontmatter(uri, text, settings), []);
      return;
    }
    const choice = this.deps.choiceFor(uri, settings, text);
    const frontmatter = this.checkFrontmatter(uri, text, settings);
    // Every status carries the platform, so the status item never says "not checked" beside results.
    const base = { ...statusBase(uri, choice), ...this.platformOf(frontmatter) };
    // What the editor shows: the problems of an earlier version, or none yet.
    const stale = state.last !== undefined;
    if (state.stopped && !saved) {
      this.sendStatus({ ...base, state: "stopped", stopReason: state.stopped, stale });
      return;
    }
    const maxLength = settings.lint.maxLiveLength;
    const tooLong = maxLength > 0 && text.length > maxLength ? { length: text.length, maxLength } : undefined;
    const notice = tooLong ? [tooLongNotice(tooLong.length, tooLong.maxLength)] : [];
    if (tooLong && !saved) {
      // Linted when saved. The first time, the notice and the frontmatter checks; after that the
      // problems of the last save stay as they are, and the status says they are from then.
      if (!stale) this.publishWithoutLint(uri, document, frontmatter, notice);
      this.sendStatus({ ...base, state: "tooLong", ...tooLong, stale });
      return;
    }
    const started = this.deps.now();
    const budget = settings.lint.timeBudgetMs;
    const slowTimer = budget > 0 ? setTimeout(() => this.sendStatus({ ...base, state: "slow" }), budget) : undefined;
    const hardLimitMs = Math.max(30_000, budget * 10);
    let outcome: LintOutcome;
    try {
      const options = { incremental: settings.lint.incremental, localRules: settings.lint.localRules };
      const first = !state.linted && settings.lint.incremental;
      state.linted = true;
      if (first) await this.firstLint(uri, { text, version, choice, options, hardLimitMs, visible: state.visible ?? DEFAULT_VISIBLE_LINES }, settings);
      outcome = await this.lintAtLevels(uri, text, choice, options, hardLimitMs, settings);
    } catch (e) {
      // A restart we asked for (packages installed): the lints it triggers replace this one.
      if (e instanceof WorkerRestarted) return;
      const error = e as Error;
      if (error instanceof WorkerStopped) {
        // Held until saved: linting it again on the next keystroke would only stop the worker again.
        state.stopped = error.reason;
        const filePath = URI.parse(uri).fsPath;
        this.deps.reportError(stoppedMessage(error.reason, filePath, hardLimitMs), error.stack ?? error.message, "worker-stopped");
        if (!stale) this.publishWithoutLint(uri, document, frontmatter, notice);
        this.sendStatus({ ...base, state: "stopped", stopReason: error.reason, stale });
        return;
      }
      const message = `Linting ${URI.parse(uri).fsPath} stopped: ${error.message}`;
      this.deps.reportError(message, error.stack ?? message);
      this.sendStatus({ ...base, state: "error", message });
      return;
    } finally {
      if (slowTimer) clearTimeout(slowTimer);
    }
    const elapsed = Math.round(this.deps.now() - started);
    const current = this.deps.getDocument(uri);
    // A newer version arrived while this one was linting: its own lint will publish.
    if (!current || current.version !== version) return;
    this.publish(uri, current, outcome, elapsed, frontmatter, notice, tooLong);
  }

  /**
   * What comes before the first full lint of a long post: the visible part first, and the blocks
   * shared with a second worker (node/secondWorker.ts); the full lint then finds them in the cache.
   */
  private async firstLint(uri: string, lint: FirstLint, settings: TsuzuriSettings): Promise<void> {
    const { text, version, choice, options, hardLimitMs } = lint;
    const visibleFirst = () =>
      settings.lint.visibleFirst && text.length >= VISIBLE_FIRST_MIN_CHARS
        ? this.lintVisibleFirst(uri, version, () => this.lintAtLevels(uri, text, choice, { ...options, lines: lint.visible }, hardLimitMs, settings))
        : Promise.resolve();
    const second = this.deps.secondWorker;
    if (!second?.wanted(settings.lint.secondWorker) || text.length < SECOND_WORKER_MIN_CHARS) return visibleFirst();
    const filePath = URI.parse(uri).fsPath;
    const started = this.deps.now();
    const counts = await second.share(this.deps.worker, { text, filePath, choice, options, hardLimitMs }, visibleFirst);
    const ms = Math.round(this.deps.now() - started);
    this.deps.log.info(`first lint of ${filePath}: blocks in ${ms} ms, chunks ${counts.main} on the main worker, ${counts.second} on the second`);
  }

  /** The worker's lint of the post, at the writer's rule levels (tsuzuri.textlint.severity). */
  private async lintAtLevels(uri: string, text: string, choice: ConfigChoice, options: LintOptions, hardLimitMs: number, settings: TsuzuriSettings): Promise<LintOutcome> {
    return outcomeAtRuleLevels(await this.deps.worker.lint(text, URI.parse(uri).fsPath, choice, options, hardLimitMs), settings.textlint.severity);
  }

  /**
   * The first lint of a long post: the blocks on the visible lines first (local and window rules,
   * through the config's filters), published at once; the full lint follows and replaces them.
   */
  private async lintVisibleFirst(uri: string, version: number, lint: () => Promise<LintOutcome>): Promise<void> {
    const outcome = await lint();
    const current = this.deps.getDocument(uri);
    if (outcome.status !== "ok" || !outcome.partial || !current || current.version !== version) return;
    const diagnostics = outcome.problems.map((p) => toDiagnostic(p, current));
    this.deps.publish({ uri, version, diagnostics });
  }

  private checkFrontmatter(uri: string, text: string, settings: TsuzuriSettings): FrontmatterResult | undefined {
    try {
      return this.deps.frontmatter(uri, text, settings);
    } catch (e) {
      this.deps.log.error(`frontmatter check of ${uri} failed: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
  }

  /**
   * The frontmatter part of every status, from the check whose problems are published with it: the
   * platform, or explicitly "not checked" (so a status never leaves the client guessing).
   */
  private platformOf(frontmatter: FrontmatterResult | undefined): Pick<StatusParams, "platform" | "platformReason" | "frontmatterChecked"> {
    return frontmatter?.detection.platform
      ? { platform: frontmatter.detection.platform, platformReason: frontmatter.detection.reason[this.deps.lang()], frontmatterChecked: true }
      : { frontmatterChecked: false };
  }

  /** Diagnostics of a post that was not linted: the frontmatter checks and the notice, if any. */
  private publishWithoutLint(uri: string, document: TextDocument, frontmatter: FrontmatterResult | undefined, notice: Diagnostic[]): void {
    const lang = this.deps.lang();
    const extra = frontmatter ? frontmatter.problems.map((p) => frontmatterDiagnostic(p, document, lang)) : [];
    this.deps.publish({ uri, version: document.version, diagnostics: [...notice, ...extra] });
  }

  private publish(
    uri: string,
    document: TextDocument,
    outcome: LintOutcome,
    elapsed: number,
    frontmatter: FrontmatterResult | undefined,
    notice: Diagnostic[],
    tooLong: { length: number; maxLength: number } | undefined,
  ): void {
    const lang = this.deps.lang();
    const extra = [...notice, ...(frontmatter ? frontmatter.problems.map((p) => frontmatterDiagnostic(p, document, lang)) : [])];
    const platform = this.platformOf(frontmatter);
    const config = {
      configKind: outcome.config.kind,
      configLabel: outcome.config.label,
      ...(outcome.config.reason ? { bundledReason: outcome.config.reason as StatusParams["bundledReason"] } : {}),
      ...(outcome.config.ignoredConfigFile ? { ignoredConfigFile: outcome.config.ignoredConfigFile } : {}),
    };
    if (outcome.status === "error") {
      const { error } = outcome;
      // The Problems panel must not read "no problems": a note on line 1 says nothing was checked.
      const diagnostics = [configNotice(error), ...extra];
      this.deps.publish({ uri, version: document.version, diagnostics });
      if (error.missing) {
        // The client notifies once per config, with the install command to copy or run.
        this.deps.reportError(error.message, error.detail, `missing:${error.configFile ?? ""}`, false);
        const { packages, install } = error.missing;
        this.sendStatus({ uri, ...config, ...platform, state: "needsInstall", message: error.message, missingPackages: packages, installCommand: install.command, installCwd: install.cwd });
        return;
      }
      this.deps.reportError(error.message, error.detail);
      this.sendStatus({ uri, ...config, ...platform, state: "error", message: error.message });
      return;
    }
    const problems = outcome.status === "ok" ? outcome.problems : [];
    const state = this.states.get(uri);
    if (state) state.last = { version: document.version, problems, config: outcome.config };
    const diagnostics = [...problems.map((p) => toDiagnostic(p, document)), ...extra];
    this.deps.publish({ uri, version: document.version, diagnostics });
    // A long post linted on save stays "too long" (the next keystroke is not linted), now fresh.
    const status = tooLong && outcome.status === "ok" ? { state: "tooLong" as const, ...tooLong, stale: false } : { state: outcome.status };
    this.sendStatus({ uri, ...config, ...platform, ...status, lastLintMs: elapsed });
  }

  private sendStatus(params: StatusParams): void {
    this.deps.status(params);
  }
}

/** The information diagnostic on the first line of a post too long to lint as the writer types. */
function tooLongNotice(length: number, maxLength: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: "tsuzuri",
    code: TOO_LONG_CODE,
    message: l10n.t(
      "This post is too long to check as you type ({0} characters; the limit is {1}, setting tsuzuri.lint.maxLiveLength). It is checked when you save it.",
      length,
      maxLength,
    ),
  };
}

/** The codes of the note on line 1 of a post that textlint could not check. */
export const CONFIG_ERROR_CODE = "config/error";
export const MISSING_PACKAGES_CODE = "config/missing-packages";

/** An information diagnostic on line 1: textlint checked nothing, and why (the config, or a rule). */
export function configNotice(error: ConfigError): Diagnostic {
  const message = error.missing
    ? l10n.t(
        "textlint checked nothing: {0} names packages that are not installed: {1}. Run {2} in {3}.",
        error.configFile ?? "",
        error.missing.packages.join(", "),
        error.missing.install.command,
        error.missing.install.cwd,
      )
    : l10n.t("textlint could not check this post: {0}", error.message);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: "tsuzuri",
    code: error.missing ? MISSING_PACKAGES_CODE : CONFIG_ERROR_CODE,
    message,
  };
}

/** The one message the writer gets when the worker stops on a post (once per session). */
function stoppedMessage(reason: StopReason, filePath: string, hardLimitMs: number): string {
  switch (reason) {
    case "memory":
      return l10n.t("The lint worker ran out of memory while checking {0}. Tsuzuri checks this post again when you save it; the output has the details.", filePath);
    case "timeout":
      return l10n.t("Checking {0} took longer than {1} seconds and was stopped. Tsuzuri checks this post again when you save it.", filePath, Math.round(hardLimitMs / 1000));
    case "crash":
      return l10n.t("The lint worker stopped unexpectedly while checking {0}. Tsuzuri checks this post again when you save it; the output has the details.", filePath);
  }
}

function statusBase(uri: string, choice: ConfigChoice): Omit<StatusParams, "state"> {
  return choice.kind === "project"
    ? { uri, configKind: "project", configLabel: choice.configFile }
    : { uri, configKind: "bundled", configLabel: "bundled", bundledReason: choice.reason };
}
