/**
 * An LSP client for the bench, driving the built dist/server.js over stdio like an editor does.
 * It follows test/helpers/lspHarness.ts (same JSON-RPC set-up, same `workspace/configuration`
 * answers) but adds what a benchmark needs and a test does not: the server's pid (for its RSS),
 * the arrival time of every notification, and one-character incremental edits (what an editor
 * really sends, rather than the whole text on every keystroke).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const serverPath = path.join(repoRoot, "dist", "server.js");

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  /** performance.now() when the notification arrived. */
  at: number;
  /** The highest version this client had sent for the uri when it arrived. */
  latestSent: number;
}

export interface Status {
  uri: string;
  state: string;
  message?: string;
  lastLintMs?: number;
  at: number;
}

type Waiter<T> = { match: (item: T) => boolean; resolve: (item: T) => void };

class Inbox<T> {
  readonly all: T[] = [];
  private waiters: Waiter<T>[] = [];

  push(item: T): void {
    this.all.push(item);
    this.waiters = this.waiters.filter((w) => (w.match(item) ? (w.resolve(item), false) : true));
  }

  next(match: (item: T) => boolean, timeoutMs: number, fromIndex = this.all.length): Promise<T> {
    const already = this.all.slice(fromIndex).find(match);
    if (already) return Promise.resolve(already);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = { match, resolve: (item) => (clearTimeout(timer), resolve(item)) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for a notification`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}

export interface Memory {
  /** Resident set (VmRSS) of the server process, its lint worker thread included, in MB. */
  rssMb: number;
  /** Peak resident set (VmHWM) since the process started, in MB. */
  peakMb: number;
}

/** VmRSS and VmHWM of a process, from /proc (Linux). */
export function readMemory(pid: number): Memory | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

let clockTicks: number | undefined;

/** Kernel clock ticks per second (the unit of /proc/<pid>/stat CPU times). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/**
 * CPU time from /proc/<pid>/stat, in ms: `self` is utime + stime of the process (all its threads:
 * the server's worker and GC threads count), `children` is cutime + cstime (children it has waited
 * for). CPU time, unlike wall time, hardly depends on what else the machine is running.
 */
export function readCpuMs(pid: number | "self"): { self: number; children: number } | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces), starting at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
  const tick = 1000 / ticksPerSecond();
  const at = (field: number): number => fields[field - 3] ?? NaN;
  return { self: (at(14) + at(15)) * tick, children: (at(16) + at(17)) * tick };
}

interface OpenDocument {
  text: string;
  version: number;
}

export interface StartOptions {
  workspaceFolder: string;
  settings: Record<string, unknown>;
  /** Extra Node options for the server process, e.g. a V8 heap limit to try. */
  nodeArgs?: string[];
  /** Another build of the server (the profiler's readable one); default dist/server.js. */
  serverPath?: string;
}

export class BenchServer {
  readonly diagnostics = new Inbox<Published>();
  readonly statuses = new Inbox<Status>();
  readonly logs: string[] = [];
  /** performance.now() just before the process was spawned. */
  readonly spawnedAt: number;
  private readonly documents = new Map<string, OpenDocument>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: ProtocolConnection,
    spawnedAt: number,
  ) {
    this.spawnedAt = spawnedAt;
  }

  static async start(options: StartOptions): Promise<BenchServer> {
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.serverPath ?? serverPath, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    if (!child.stdout || !child.stdin) throw new Error("server stdio not available");
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new BenchServer(child, connection, spawnedAt);
    child.stderr?.on("data", (d: Buffer) => server.logs.push(d.toString()));
    connection.onNotification("textDocument/publishDiagnostics", (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      server.diagnostics.push({ ...p, at: performance.now(), latestSent: server.documents.get(p.uri)?.version ?? -1 });
    });
    connection.onNotification("tsuzuri/status", (p: Omit<Status, "at">) => {
      server.statuses.push({ ...p, at: performance.now() });
    });
    connection.onNotification("window/logMessage", (p: { message: string }) => {
      server.logs.push(p.message);
    });
    connection.onNotification("window/showMessage", (p: { message: string }) => {
      server.logs.push(p.message);
    });
    connection.onRequest("window/showMessageRequest", (p: { message: string }) => (server.logs.push(p.message), null));
    connection.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => options.settings));
    connection.onRequest("client/registerCapability", () => null);
    connection.listen();
    const folder = options.workspaceFolder;
    // A server that dies before answering would leave this promise pending and the bench exiting
    // silently with status 0: fail with its stderr instead.
    const died = new Promise<never>((_, reject) =>
      child.once("exit", (code, signal) => reject(new Error(`the server exited (${signal ?? code}) before initialize returned:\n${server.logs.join("").slice(-2000)}`))),
    );
    await Promise.race([died, connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } } },
      initializationOptions: { trusted: true },
    })]);
    died.catch(() => undefined);
    await connection.sendNotification("initialized", {});
    return server;
  }

  get pid(): number {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error("server process has no pid");
    return pid;
  }

  memory(): Memory | undefined {
    return readMemory(this.pid);
  }

  /** CPU time the server process (main thread, lint worker, GC) has used so far, in ms. */
  cpuMs(): number {
    const cpu = readCpuMs(this.pid);
    if (!cpu) throw new Error(`cannot read /proc/${this.pid}/stat`);
    return cpu.self;
  }

  /**
   * Resolves once the server process has used no CPU for `quietMs` (or after `maxMs`): the
   * collection a long lint leaves behind runs on V8's background threads after the publish, and on
   * a 2-core machine it slows whatever another server measures next (a 20k per-edit median read
   * 98 ms right after the full server's lints and 42 ms once it was quiet, in one run).
   */
  async settle(quietMs = 100, maxMs = 10_000): Promise<void> {
    const until = performance.now() + maxMs;
    let last = this.cpuMs();
    while (performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      const now = this.cpuMs();
      if (now === last) return;
      last = now;
    }
  }

  /** Opens a document (version 1); returns its uri and the time the notification was sent. */
  async open(filePath: string, text: string): Promise<{ uri: string; sentAt: number }> {
    const uri = pathToFileURL(filePath).href;
    this.documents.set(uri, { text, version: 1 });
    const sentAt = performance.now();
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text } });
    return { uri, sentAt };
  }

  /**
   * Replaces `deleteCount` UTF-16 units at `offset` with `insert`, as one incremental change.
   * Returns the new version and the time just before it was sent.
   */
  async edit(uri: string, offset: number, deleteCount: number, insert: string): Promise<{ version: number; sentAt: number }> {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    const start = positionAt(doc.text, offset);
    const end = positionAt(doc.text, offset + deleteCount);
    doc.text = doc.text.slice(0, offset) + insert + doc.text.slice(offset + deleteCount);
    doc.version += 1;
    const sentAt = performance.now();
    await this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: doc.version },
      contentChanges: [{ range: { start, end }, text: insert }],
    });
    return { version: doc.version, sentAt };
  }

  text(uri: string): string {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc.text;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  /**
   * The first diagnostics for `uri` (of `version`, if given) published after index `fromIndex`.
   * Rejects if the server reports an error status for the uri first (e.g. its lint hit the hard
   * time limit and the worker was restarted), rather than waiting for the timeout.
   */
  waitForDiagnostics(uri: string, version: number | undefined, timeoutMs: number, fromIndex?: number): Promise<Published> {
    const statusFrom = this.statuses.all.length;
    const published = this.diagnostics.next((p) => p.uri === uri && (version === undefined || p.version === version), timeoutMs, fromIndex);
    const failed = this.statuses.next((s) => s.uri === uri && s.state === "error", timeoutMs + 1000, statusFrom).then(
      (s) => Promise.reject(new Error(`server reported an error for ${uri}: ${s.message ?? "(no message)"}`)),
      () => new Promise<never>(() => undefined),
    );
    return Promise.race([published, failed]);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    try {
      await Promise.race([
        this.connection.sendRequest("shutdown").then(() => this.connection.sendNotification("exit")),
        new Promise((resolve) => setTimeout(resolve, 3000)),
      ]);
    } catch {
      // already gone
    }
    const killer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(killer);
    this.connection.dispose();
  }
}

/** LSP position (line, UTF-16 character) of a UTF-16 offset; \r\n, \r and \n end lines. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
