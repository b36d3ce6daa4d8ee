/**
 * Per-document lint scheduling for the server: debounce, one lint in flight per document with the
 * newest version queued behind it, stale results dropped, a time budget that turns the status to
 * "slow", and publication of diagnostics and status.
 */
import type { Connection } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import type { ConfigChoice } from "./core/configResolution";
import { toDiagnostic } from "./core/diagnostics";
import type { LintOptions, LintOutcome, LintProblem } from "./core/lintEngine";
import type { TsuzuriSettings } from "./core/settings";
import { STATUS_METHOD, type StatusParams } from "./protocol";
import type { FrontmatterResult } from "./core/frontmatter/check";
import { frontmatterDiagnostic, type Lang } from "./core/frontmatter/diagnostics";
import { WorkerRestarted, type LintWorkerClient } from "./lintWorkerClient";

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
  /** What the last published lint found, for code actions. */
  last?: LastLint;
}

export interface LastLint {
  version: number;
  problems: readonly LintProblem[];
  config: LintOutcome["config"];
}

export interface DocumentLinterDeps {
  connection: Connection;
  worker: LintWorkerClient;
  getDocument(uri: string): TextDocument | undefined;
  settingsFor(uri: string): Promise<TsuzuriSettings>;
  choiceFor(uri: string, settings: TsuzuriSettings, text: string): ConfigChoice;
  /** Reports a config error to the writer once per distinct message. */
  reportError(message: string, detail: string): void;
  now(): number;
  /** Frontmatter checks of the same text (undefined: off for this post). */
  frontmatter(uri: string, text: string, settings: TsuzuriSettings): FrontmatterResult | undefined;
  /** The editor's display language, for frontmatter messages. */
  lang(): Lang;
}

export class DocumentLinter {
  private readonly states = new Map<string, DocState>();

  constructor(private readonly deps: DocumentLinterDeps) {}

  /** Lints after `delayMs` of quiet (0: at once). */
  schedule(uri: string, delayMs: number): void {
    const state = this.state(uri);
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
    const state = this.states.get(uri);
    if (state?.timer) clearTimeout(state.timer);
    this.states.delete(uri);
    this.deps.worker.forget(URI.parse(uri).fsPath);
    void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private state(uri: string): DocState {
    let state = this.states.get(uri);
    if (!state) {
      state = { running: false, rerun: false };
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
      .catch((e: Error) => this.deps.connection.console.error(`lint of ${uri} failed: ${e.stack ?? e.message}`))
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
      void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const { version } = document;
    const text = document.getText();
    const choice = this.deps.choiceFor(uri, settings, text);
    const base = statusBase(uri, choice);
    const started = this.deps.now();
    const budget = settings.lint.timeBudgetMs;
    const slowTimer = budget > 0 ? setTimeout(() => this.sendStatus({ ...base, state: "slow" }), budget) : undefined;
    let outcome: LintOutcome;
    try {
      const options = { incremental: settings.lint.incremental, localRules: settings.lint.localRules };
      const state = this.state(uri);
      if (!state.linted && settings.lint.incremental && settings.lint.visibleFirst && text.length >= VISIBLE_FIRST_MIN_CHARS) {
        state.linted = true;
        await this.lintVisibleFirst(uri, text, version, choice, { ...options, lines: state.visible ?? DEFAULT_VISIBLE_LINES }, settings);
      }
      state.linted = true;
      outcome = await this.deps.worker.lint(text, URI.parse(uri).fsPath, choice, options, Math.max(30_000, budget * 10));
    } catch (e) {
      // A restart we asked for (packages installed): the lints it triggers replace this one.
      if (e instanceof WorkerRestarted) return;
      const message = `Linting ${URI.parse(uri).fsPath} stopped: ${(e as Error).message}`;
      this.deps.reportError(message, (e as Error).stack ?? message);
      this.sendStatus({ ...base, state: "error", message });
      return;
    } finally {
      if (slowTimer) clearTimeout(slowTimer);
    }
    const elapsed = Math.round(this.deps.now() - started);
    const current = this.deps.getDocument(uri);
    // A newer version arrived while this one was linting: its own lint will publish.
    if (!current || current.version !== version) return;
    let frontmatter: FrontmatterResult | undefined;
    try {
      frontmatter = this.deps.frontmatter(uri, text, settings);
    } catch (e) {
      this.deps.connection.console.error(`frontmatter check of ${uri} failed: ${(e as Error).stack ?? String(e)}`);
    }
    this.publish(uri, current, outcome, elapsed, frontmatter);
  }

  /**
   * The first lint of a long post: the blocks on the visible lines first (local and window rules,
   * through the config's filters), published at once; the full lint follows and replaces them.
   */
  private async lintVisibleFirst(uri: string, text: string, version: number, choice: ConfigChoice, options: LintOptions, settings: TsuzuriSettings): Promise<void> {
    const outcome = await this.deps.worker.lint(text, URI.parse(uri).fsPath, choice, options, Math.max(30_000, settings.lint.timeBudgetMs * 10));
    const current = this.deps.getDocument(uri);
    if (outcome.status !== "ok" || !outcome.partial || !current || current.version !== version) return;
    const diagnostics = outcome.problems.map((p) => toDiagnostic(p, current));
    void this.deps.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  private publish(uri: string, document: TextDocument, outcome: LintOutcome, elapsed: number, frontmatter: FrontmatterResult | undefined): void {
    const lang = this.deps.lang();
    const extra = frontmatter ? frontmatter.problems.map((p) => frontmatterDiagnostic(p, document, lang)) : [];
    const platform = frontmatter?.detection.platform
      ? { platform: frontmatter.detection.platform, platformReason: frontmatter.detection.reason[lang] }
      : {};
    const config = {
      configKind: outcome.config.kind,
      configLabel: outcome.config.label,
      ...(outcome.config.reason ? { bundledReason: outcome.config.reason as StatusParams["bundledReason"] } : {}),
      ...(outcome.config.ignoredConfigFile ? { ignoredConfigFile: outcome.config.ignoredConfigFile } : {}),
    };
    if (outcome.status === "error") {
      this.deps.reportError(outcome.error.message, outcome.error.detail);
      void this.deps.connection.sendDiagnostics({ uri, version: document.version, diagnostics: extra });
      this.sendStatus({ uri, ...config, ...platform, state: "error", message: outcome.error.message });
      return;
    }
    const problems = outcome.status === "ok" ? outcome.problems : [];
    const state = this.states.get(uri);
    if (state) state.last = { version: document.version, problems, config: outcome.config };
    const diagnostics = [...problems.map((p) => toDiagnostic(p, document)), ...extra];
    void this.deps.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    this.sendStatus({ uri, ...config, ...platform, state: outcome.status, lastLintMs: elapsed });
  }

  private sendStatus(params: StatusParams): void {
    void this.deps.connection.sendNotification(STATUS_METHOD, params);
  }
}

function statusBase(uri: string, choice: ConfigChoice): Omit<StatusParams, "state"> {
  return choice.kind === "project"
    ? { uri, configKind: "project", configLabel: choice.configFile }
    : { uri, configKind: "bundled", configLabel: "bundled", bundledReason: choice.reason };
}
