/**
 * The main thread's handle on the lint worker: request/response over postMessage, a hard time
 * limit after which a stuck worker (a rule in an endless loop) is terminated, and a fresh worker
 * after a crash or a restart (which also drops Node's module caches, so rules installed or
 * upgraded in node_modules are loaded anew).
 */
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { ConfigChoice } from "../core/lint/configResolution";
import type { FixOptions, FixOutcome, LintOptions, LintOutcome } from "../core/lint/lintEngine";
import type { WorkerRequest, WorkerResponse } from "./workerProtocol";
import type { LintedBlocks } from "../core/incremental/incrementalLinter";

/** In-flight work dropped because the worker was restarted on purpose (new packages installed). */
export class WorkerRestarted extends Error {
  constructor(reason: string) {
    super(`lint worker restarted: ${reason}`);
  }
}

/** Why the worker stopped under a request: out of memory, past the hard time limit, or it died. */
export type StopReason = "memory" | "timeout" | "crash";

/** The worker stopped while a request was in flight; the next request gets a fresh worker. */
export class WorkerStopped extends Error {
  constructor(
    readonly reason: StopReason,
    detail: string,
    /** The stack of what ended the worker (process.exit's caller, an uncaught error), to name a rule or config. */
    readonly culpritStack?: string,
  ) {
    super(`lint worker stopped (${reason}): ${detail}`);
  }
}

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void };
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export class LintWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly log: (message: string) => void,
    private readonly script = path.join(__dirname, "lint-worker.js"),
  ) {}

  lint(text: string, filePath: string, choice: ConfigChoice, options: LintOptions, hardLimitMs: number): Promise<LintOutcome> {
    return this.queued(() => this.send({ type: "lint", text, filePath, choice, options }, hardLimitMs)).then((r) => {
      if (r.type !== "lint") throw new Error(`unexpected worker answer ${r.type}`);
      return r.outcome;
    });
  }

  fix(text: string, filePath: string, choice: ConfigChoice, options: FixOptions, hardLimitMs: number): Promise<FixOutcome> {
    return this.queued(() => this.send({ type: "fix", text, filePath, choice, options }, hardLimitMs)).then((r) => {
      if (r.type !== "fix") throw new Error(`unexpected worker answer ${r.type}`);
      return r.outcome;
    });
  }

  /**
   * The block and window lints of some lines (see LintEngine.lintBlocks): kept in this worker for
   * its own full lint (`keep`), or returned for another worker to adopt.
   */
  lintBlocks(text: string, filePath: string, choice: ConfigChoice, options: LintOptions & { lines: readonly [number, number] }, keep: boolean, hardLimitMs: number): Promise<LintedBlocks | undefined> {
    return this.queued(() => this.send({ type: "lintBlocks", text, filePath, choice, options, keep }, hardLimitMs)).then((r) => {
      if (r.type !== "blocks") throw new Error(`unexpected worker answer ${r.type}`);
      return r.blocks;
    });
  }

  /** Takes blocks another worker linted into this worker's cache, ahead of its full lint. */
  adoptBlocks(filePath: string, choice: ConfigChoice, options: LintOptions, blocks: LintedBlocks): Promise<void> {
    return this.queued(() => this.send({ type: "adoptBlocks", filePath, choice, options, blocks }, 0)).then(() => undefined);
  }

  /** Loads a config (and the analyser's dictionary) ahead of the first lint; resolves when loaded. */
  ready(choice: ConfigChoice, hardLimitMs = 0): Promise<void> {
    return this.queued(() => this.send({ type: "warm", choice }, hardLimitMs)).then(() => undefined);
  }

  warm(choice: ConfigChoice): void {
    this.send({ type: "warm", choice }, 0).catch((e: Error) => this.log(`warm-up failed: ${e.message}`));
  }

  /** Drops the worker's incremental cache of a closed document. */
  forget(filePath: string): void {
    if (this.worker) this.send({ type: "forget", filePath }, 0).catch(() => undefined);
  }

  invalidate(): Promise<void> {
    return this.send({ type: "invalidate" }, 0).then(() => undefined);
  }

  /**
   * Starts a fresh worker: fresh module caches and linters. In-flight requests fail, with a
   * WorkerRestarted error when the restart was asked for (the caller lints again anyway).
   */
  restart(reason: string): void {
    if (!this.worker) return;
    this.log(`restarting lint worker: ${reason}`);
    this.stop(new WorkerRestarted(reason));
  }

  dispose(): void {
    this.stop(new Error("lint worker stopped"));
  }

  private stop(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    void worker?.terminate();
  }

  /**
   * Lints and fixes go to the worker one at a time, so that each one's hard time limit counts its
   * own work, not the time it waited behind others (20 posts opened at once would otherwise "exceed"
   * the limit and restart the worker).
   */
  private queued<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // No heap cap: a cap kills the worker when a real config needs more (a project's rules beside
    // the dictionary). The worker keeps its garbage in check itself (lintWorker.ts); V8's own limit,
    // sized by the machine's memory, only stops a runaway rule, and that ends as WorkerStopped.
    const worker = new Worker(this.script);
    let exiting: { code: number; stack: string } | undefined;
    worker.on("message", (response: WorkerResponse) => {
      if (response.type === "exiting") return void (exiting = response);
      const p = this.pending.get(response.id);
      if (!p) return;
      this.pending.delete(response.id);
      if (response.type === "failed") p.reject(new Error(response.message));
      else p.resolve(response);
    });
    worker.on("error", (e: Error & { code?: string }) => {
      this.log(`lint worker crashed: ${e.stack ?? e.message}`);
      const reason = e.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "crash";
      if (this.worker === worker) this.stop(new WorkerStopped(reason, e.message, e.stack));
    });
    worker.on("exit", (code) => {
      const detail = exiting ? `process.exit(${exiting.code}) was called` : `exited with code ${code}`;
      if (this.worker === worker) this.stop(new WorkerStopped("crash", detail, exiting?.stack));
    });
    this.worker = worker;
    return worker;
  }

  private send(request: DistributiveOmit<WorkerRequest, "id">, hardLimitMs: number): Promise<WorkerResponse> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<WorkerResponse>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => timer && clearTimeout(timer);
      this.pending.set(id, {
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
      });
      if (hardLimitMs > 0) {
        timer = setTimeout(() => {
          const what = `a ${request.type} of ${"filePath" in request ? request.filePath : "?"} exceeded ${hardLimitMs} ms`;
          this.log(`stopping lint worker: ${what}`);
          this.stop(new WorkerStopped("timeout", what));
        }, hardLimitMs);
      }
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }
}
