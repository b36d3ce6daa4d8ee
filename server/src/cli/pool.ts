/**
 * The CLI's lint workers: `jobs` worker threads (the language server's lint worker, one request at
 * a time each), every lint and fix under a time budget. A worker past its budget is terminated and
 * replaced, and the file gets a "too slow" outcome; a worker that dies (a rule or a JavaScript
 * config calling process.exit(), an uncaught error) is replaced too, and the failure names the rule
 * or config where its stack shows it. Configs are resolved here, on the main thread, without
 * running any project code: only the workers load configs and rules.
 */
import * as path from "node:path";
import { resolveConfig, type ConfigChoice, type ResolveInput } from "../core/lint/configResolution";
import type { ConfigSummary, FixOptions, FixOutcome, LintOutcome } from "../core/lint/lintEngine";
import type { ConfigError } from "../core/lint/linterLoader";
import type { CheckLinter, StoppedOutcome } from "../core/check/check";
import { culpritOf } from "../core/check/culprit";
import { LintWorkerClient, WorkerStopped } from "../node/lintWorkerClient";
import { nodeConfigFs } from "../node/nodeFs";
import { stoppedError } from "./runnerMessages";
import type { CheckLang } from "../core/check/checkProblems";

export interface PoolOptions {
  jobs: number;
  /** Per file: a lint or fix that takes longer is stopped. */
  timeoutMs: number;
  lang: CheckLang;
  /** The worker script (dist/lint-worker.js beside the CLI). */
  script?: string;
  log?: (message: string) => void;
}

interface Slot {
  client: LintWorkerClient;
  busy: boolean;
  /** Config keys this slot's current worker has loaded (a replaced worker loads them again). */
  warmed: Set<string>;
}

/**
 * Loading a config (its rules, and the analyser's dictionary on a worker's first file) is not the
 * file's time: it gets its own budget, at least a minute, so that a short --timeout does not
 * stop a worker that is only starting on a busy machine; a config that loops still ends.
 */
const MIN_LOAD_BUDGET_MS = 60_000;

export class WorkerPool implements CheckLinter {
  private readonly slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  /** Configs whose loading killed or outlasted a worker: their files fail at once, with the same error. */
  private readonly failedConfigs = new Map<string, ConfigError>();
  private readonly bundleDir: string;

  constructor(private readonly options: PoolOptions) {
    this.bundleDir = path.dirname(options.script ?? path.join(__dirname, "lint-worker.js"));
  }

  resolve(input: ResolveInput): ConfigChoice {
    return resolveConfig(nodeConfigFs, input);
  }

  lint(text: string, filePath: string, choice: ConfigChoice): Promise<LintOutcome | StoppedOutcome> {
    return this.run(filePath, choice, (client) => client.lint(text, filePath, choice, {}, this.options.timeoutMs));
  }

  fix(text: string, filePath: string, choice: ConfigChoice, options: FixOptions = {}): Promise<FixOutcome | StoppedOutcome> {
    return this.run(filePath, choice, (client) => client.fix(text, filePath, choice, options, this.options.timeoutMs));
  }

  dispose(): void {
    for (const slot of this.slots) slot.client.dispose();
  }

  private async run<T extends LintOutcome | FixOutcome>(filePath: string, choice: ConfigChoice, job: (client: LintWorkerClient) => Promise<T>): Promise<T | StoppedOutcome | { status: "error"; error: ConfigError; config: ConfigSummary }> {
    const config: ConfigSummary = { kind: choice.kind, label: choice.kind === "project" ? choice.configFile : "bundled" };
    const failed = this.failedConfigs.get(choice.key);
    if (failed) return { status: "error", error: failed, config };
    const slot = await this.acquire();
    try {
      if (!slot.warmed.has(choice.key)) {
        try {
          await slot.client.ready(choice, Math.max(MIN_LOAD_BUDGET_MS, this.options.timeoutMs));
          slot.warmed.add(choice.key);
        } catch (e) {
          slot.warmed.clear();
          const error = this.stopError(e, "load", choice, filePath);
          this.failedConfigs.set(choice.key, error);
          return { status: "error", error, config };
        }
      }
      try {
        return await job(slot.client);
      } catch (e) {
        slot.warmed.clear();
        if (e instanceof WorkerStopped && e.reason !== "crash") {
          return { status: "stopped", reason: e.reason === "timeout" ? "timeout" : "memory", limitSeconds: this.options.timeoutMs / 1000 };
        }
        return { status: "error", error: this.stopError(e, "lint", choice, filePath), config };
      }
    } finally {
      this.release(slot);
    }
  }

  /** A worker that died (or a config that never loaded) as a config error naming the culprit. */
  private stopError(e: unknown, phase: "load" | "lint", choice: ConfigChoice, filePath: string): ConfigError {
    const error = e instanceof Error ? e : new Error(String(e));
    const stack = error instanceof WorkerStopped ? error.culpritStack : undefined;
    const culprit = culpritOf(stack, (file) => file.startsWith(this.bundleDir + path.sep) || /[\\/]out[\\/]server[\\/]src[\\/]/.test(file));
    const where = choice.kind === "project" ? choice.configFile : "the bundled preset";
    const kind = error instanceof WorkerStopped ? error.reason : "crash";
    return {
      message: stoppedError({ phase, kind, culprit, config: where, filePath, detail: error.message, limitSeconds: Math.max(MIN_LOAD_BUDGET_MS, this.options.timeoutMs) / 1000 }, this.options.lang),
      detail: [error.stack ?? error.message, stack ? `culprit's stack:\n${stack}` : ""].filter(Boolean).join("\n"),
      ...(choice.kind === "project" ? { configFile: choice.configFile } : {}),
    };
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) return Promise.resolve(((free.busy = true), free));
    if (this.slots.length < Math.max(1, this.options.jobs)) {
      // Workers start on demand: a run whose files all come from the cache starts none.
      const slot: Slot = { client: new LintWorkerClient(this.options.log ?? (() => undefined), this.options.script), busy: true, warmed: new Set() };
      this.slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }
}
