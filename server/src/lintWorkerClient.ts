/**
 * The main thread's handle on the lint worker: request/response over postMessage, a hard time
 * limit after which a stuck worker (a rule in an endless loop) is terminated, and a fresh worker
 * after a crash or a restart (which also drops Node's module caches, so rules installed or
 * upgraded in node_modules are loaded anew).
 */
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { ConfigChoice } from "./core/configResolution";
import type { FixOptions, FixOutcome, LintOptions, LintOutcome } from "./core/lintEngine";
import type { WorkerRequest, WorkerResponse } from "./workerProtocol";

/** In-flight work dropped because the worker was restarted on purpose (new packages installed). */
export class WorkerRestarted extends Error {
  constructor(reason: string) {
    super(`lint worker restarted: ${reason}`);
  }
}

const WORKER_HEAP_MB = 512;

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
  restart(reason: string, expected = true): void {
    if (!this.worker) return;
    this.log(`restarting lint worker: ${reason}`);
    this.stop(expected ? new WorkerRestarted(reason) : new Error(`lint worker restarted: ${reason}`));
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
    // V8 sizes a heap by the machine's memory and lets garbage pile up to hundreds of MB between
    // major collections (measured: RSS 750–890 MB with 20 open posts, ~480–520 MB with a cap).
    // A cap makes it collect sooner; it is well above what linting a 100k-character post needs.
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.on("message", (response: WorkerResponse) => {
      const p = this.pending.get(response.id);
      if (!p) return;
      this.pending.delete(response.id);
      if (response.type === "failed") p.reject(new Error(response.message));
      else p.resolve(response);
    });
    worker.on("error", (e) => {
      this.log(`lint worker crashed: ${e.stack ?? e.message}`);
      if (this.worker === worker) this.stop(new Error(`lint worker crashed: ${e.message}`));
    });
    worker.on("exit", (code) => {
      if (this.worker === worker) this.stop(new Error(`lint worker exited with code ${code}`));
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
          this.restart(`a lint of ${"filePath" in request ? request.filePath : "?"} exceeded ${hardLimitMs} ms`, false);
        }, hardLimitMs);
      }
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }
}
