/**
 * The LSP client of the tests and the bench: it starts the built language server (dist/server.js
 * --stdio) and speaks real JSON-RPC to it, the way an editor does. It answers
 * `workspace/configuration` from a settings object the caller controls, applies the server's
 * `workspace/applyEdit`s, and collects `textDocument/publishDiagnostics` and `tsuzuri/status` with
 * their arrival times, so that tests can wait for them and the bench can time them. For the bench
 * it also sends one-character incremental edits (what an editor really sends, rather than the whole
 * text on every keystroke) and reads the server process's memory and CPU time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import {
  CancellationTokenSource,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
} from "vscode-languageserver-protocol/node";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as fs from "node:fs";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { CodeAction, Range, TextDocumentEdit, TextEdit, WorkspaceEdit } from "vscode-languageserver-types";
import { lineColumnOf } from "../../server/src/core/shared/lines";
import { Inbox } from "./inbox";
import { readCpuMs, readMemory, type Memory } from "./processStats";
import { after, before } from "node:test";
import { makeWorkspace, removeWorkspace, repoRoot } from "./workspace";

export const serverPath = path.join(repoRoot, "dist", "server.js");

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  /** performance.now() when the notification arrived. */
  at: number;
  /** The highest version this client had sent for the uri when it arrived (-1: not open). */
  latestSent: number;
}

export interface StatusMessage {
  uri: string;
  state: string;
  stopReason?: string;
  stale?: boolean;
  length?: number;
  maxLength?: number;
  lastLintMs?: number;
  platform?: string;
  platformReason?: string;
  frontmatterChecked?: boolean;
  missingPackages?: string[];
  installCommand?: string;
  installCwd?: string;
  configKind: string;
  configLabel: string;
  bundledReason?: string;
  message?: string;
  /** performance.now() when the notification arrived. */
  at: number;
}

export interface StartOptions {
  /** The workspace folders; the first is also the root. */
  workspaceFolders?: string[];
  settings?: Record<string, unknown>;
  trusted?: boolean;
  env?: NodeJS.ProcessEnv;
  /** The l10n bundle the client would pass for its display language. */
  l10nBundle?: string;
  /** The editor's display language (InitializeParams.locale). */
  locale?: string;
  /** Node options before the script, e.g. a V8 heap limit to try. */
  nodeArgs?: string[];
  /** The script and arguments that start the server (default: dist/server.js --stdio). */
  command?: string[];
}

interface OpenDocument {
  text: string;
  version: number;
}

export class LspSession {
  readonly diagnostics = new Inbox<Published>();
  readonly statuses = new Inbox<StatusMessage>();
  readonly shownMessages = new Inbox<{ type: number; message: string }>();
  /** The server's stderr and its window/logMessage notifications. */
  readonly logs: string[] = [];
  /** Every `workspace/applyEdit` the server sent, and whether it was applied. */
  readonly appliedEdits: { edit: WorkspaceEdit; applied: boolean }[] = [];
  settings: Record<string, unknown>;
  /** performance.now() just before the process was spawned. */
  readonly spawnedAt: number;
  private readonly documents = new Map<string, OpenDocument>();

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
    spawnedAt: number,
  ) {
    this.settings = settings;
    this.spawnedAt = spawnedAt;
  }

  static async start(options: StartOptions = {}): Promise<LspSession> {
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...(options.command ?? [serverPath, "--stdio"])], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    });
    const stdout = child.stdout;
    const stdin = child.stdin;
    if (!stdout || !stdin) throw new Error("server stdio not available");
    const connection = createProtocolConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
    const session = new LspSession(child, connection, options.settings ?? {}, spawnedAt);
    child.stderr?.on("data", (d: Buffer) => {
      session.logs.push(d.toString());
    });
    connection.onNotification("textDocument/publishDiagnostics", (p: Omit<Published, "at" | "latestSent">) => {
      session.diagnostics.push({ ...p, at: performance.now(), latestSent: session.documents.get(p.uri)?.version ?? -1 });
    });
    connection.onNotification("tsuzuri/status", (p: Omit<StatusMessage, "at">) => session.statuses.push({ ...p, at: performance.now() }));
    connection.onNotification("window/logMessage", (p: { message: string }) => {
      session.logs.push(p.message);
    });
    connection.onRequest("window/showMessageRequest", (p: { type: number; message: string }) => {
      session.shownMessages.push(p);
      return null;
    });
    connection.onNotification("window/showMessage", (p: { type: number; message: string }) => {
      session.shownMessages.push(p);
    });
    connection.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) =>
      p.items.map(() => session.settings),
    );
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("workspace/applyEdit", (p: { edit: WorkspaceEdit }) => {
      const applied = session.applyWorkspaceEdit(p.edit);
      session.appliedEdits.push({ edit: p.edit, applied });
      return { applied };
    });
    connection.listen();
    const folders = options.workspaceFolders ?? [];
    // A server that dies before answering would leave initialize pending until the caller's
    // timeout (or, in the bench, for ever): fail with its stderr instead.
    const died = new Promise<never>((_, reject) =>
      child.once("exit", (code, signal) => reject(new Error(`the server exited (${signal ?? code}) before initialize returned:\n${session.logs.join("").slice(-2000)}`))),
    );
    await Promise.race([died, connection.sendRequest("initialize", {
      processId: process.pid,
      ...(options.locale ? { locale: options.locale } : {}),
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
      capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } } },
      initializationOptions: { trusted: options.trusted ?? true, ...(options.l10nBundle ? { l10nBundle: options.l10nBundle } : {}) },
    })]);
    died.catch(() => undefined);
    await connection.sendNotification("initialized", {});
    return session;
  }

  /** The text the "editor" holds for an open document. */
  text(uri: string): string {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc.text;
  }

  version(uri: string): number | undefined {
    return this.documents.get(uri)?.version;
  }

  /**
   * Applies a workspace edit as VS Code does: a versioned edit of an open document only at that
   * version (then sent as didChange); an edit of a file that is not open is written to disk (VS Code
   * saves such files, files.refactoring.autoSave) and reported as a watched-file change.
   */
  applyWorkspaceEdit(edit: WorkspaceEdit): boolean {
    const changes = (edit.documentChanges ?? []) as TextDocumentEdit[];
    for (const change of changes) {
      const { uri, version } = change.textDocument;
      if (this.documents.has(uri) && version !== null && version !== this.version(uri)) return false;
    }
    for (const change of changes) {
      const { uri } = change.textDocument;
      const open = this.documents.get(uri)?.text;
      const before = open ?? fs.readFileSync(fileURLToPath(uri), "utf8");
      const after = TextDocument.applyEdits(TextDocument.create(uri, "markdown", 0, before), change.edits as TextEdit[]);
      if (open !== undefined) this.change(uri, after);
      else {
        fs.writeFileSync(fileURLToPath(uri), after);
        void this.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri, type: 2 }] });
      }
    }
    return true;
  }

  /** `triggerKind` 2 (automatic) is how VS Code asks for the light bulb at the cursor. */
  codeActions(uri: string, range: Range, diagnostics: unknown[], only?: string[], triggerKind?: 1 | 2): Promise<CodeAction[]> {
    return this.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}), ...(triggerKind ? { triggerKind } : {}) },
    });
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest("workspace/executeCommand", { command, arguments: args });
  }

  /** Sends a command and cancels it at once ($/cancelRequest right behind it); resolves when the server has answered. */
  async executeCommandCancelled(command: string, args: unknown[]): Promise<{ result?: unknown; error?: unknown }> {
    const source = new CancellationTokenSource();
    const answer = this.connection.sendRequest("workspace/executeCommand", { command, arguments: args }, source.token);
    source.cancel();
    try {
      return { result: await answer };
    } catch (error) {
      return { error };
    }
  }

  /** Replaces the settings the server reads (workspace/configuration) and tells it they changed. */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
  }

  /** Opens a document (version 1) and returns its uri, without waiting for the notification to be written. */
  open(filePath: string, text: string, languageId = "markdown"): string {
    const { uri, sent } = this.sendOpen(filePath, text, languageId);
    void sent;
    return uri;
  }

  /** As `open`, once the notification is written; with the time just before it was sent. */
  async openTimed(filePath: string, text: string): Promise<{ uri: string; sentAt: number }> {
    const { uri, sentAt, sent } = this.sendOpen(filePath, text);
    await sent;
    return { uri, sentAt };
  }

  private sendOpen(filePath: string, text: string, languageId = "markdown"): { uri: string; sentAt: number; sent: Promise<void> } {
    const uri = pathToFileURL(filePath).href;
    this.documents.set(uri, { text, version: 1 });
    const sentAt = performance.now();
    const sent = this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
    return { uri, sentAt, sent };
  }

  /** Replaces the whole text; returns the new version. */
  change(uri: string, text: string): number {
    const { version, sent } = this.sendChange(uri, text, { text });
    void sent;
    return version;
  }

  /**
   * Replaces `deleteCount` UTF-16 units at `offset` with `insert`, as one incremental change. Resolves
   * once it is written, with the new version and the time just before it was sent.
   */
  async edit(uri: string, offset: number, deleteCount: number, insert: string): Promise<{ version: number; sentAt: number }> {
    const old = this.text(uri);
    const positionAt = lspPositions(old);
    const range = { start: positionAt(offset), end: positionAt(offset + deleteCount) };
    const { version, sentAt, sent } = this.sendChange(uri, old.slice(0, offset) + insert + old.slice(offset + deleteCount), { range, text: insert });
    await sent;
    return { version, sentAt };
  }

  private sendChange(uri: string, text: string, change: TextDocumentContentChangeEvent): { version: number; sentAt: number; sent: Promise<void> } {
    const version = (this.version(uri) ?? 1) + 1;
    this.documents.set(uri, { text, version });
    const sentAt = performance.now();
    const sent = this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
    return { version, sentAt, sent };
  }

  /** The editor saved the document (its text is what the server already has). */
  save(uri: string): void {
    void this.connection.sendNotification("textDocument/didSave", { textDocument: { uri } });
  }

  /** Closes a document; resolves once the notification is written. */
  close(uri: string): Promise<void> {
    this.documents.delete(uri);
    return this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  /** The next diagnostics published for `uri` (after `fromIndex`, default now), optionally for an exact version. */
  nextDiagnostics(uri: string, version?: number, timeoutMs?: number, fromIndex?: number): Promise<Published> {
    return this.diagnostics.next((p) => p.uri === uri && (version === undefined || p.version === version), timeoutMs, fromIndex);
  }

  /**
   * As `nextDiagnostics`, but rejects if the server reports an error status for the uri first (e.g.
   * its lint hit the hard time limit and the worker was restarted), rather than waiting for the timeout.
   */
  nextDiagnosticsOrError(uri: string, version: number | undefined, timeoutMs: number, fromIndex?: number): Promise<Published> {
    const statusFrom = this.statuses.all.length;
    const published = this.nextDiagnostics(uri, version, timeoutMs, fromIndex);
    const failed = this.statuses.next((s) => s.uri === uri && s.state === "error", timeoutMs + 1000, statusFrom).then(
      (s) => Promise.reject(new Error(`server reported an error for ${uri}: ${s.message ?? "(no message)"}`)),
      () => new Promise<never>(() => undefined),
    );
    return Promise.race([published, failed]);
  }

  get pid(): number {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error("server process has no pid");
    return pid;
  }

  /** The server process's resident memory (its lint worker threads are inside the same process). */
  memory(): Memory {
    const memory = readMemory(this.pid);
    if (!memory) throw new Error(`cannot read /proc/${this.pid}/status`);
    return memory;
  }

  /** CPU time the server process (main thread, lint workers, GC) has used so far, in ms. */
  cpuMs(): number {
    const cpu = readCpuMs(this.pid);
    if (!cpu) throw new Error(`cannot read /proc/${this.pid}/stat`);
    return cpu.self;
  }

  /**
   * Resolves once the server process has used no CPU for `quietMs` (or after `maxMs`): the
   * collection a long lint leaves behind runs on V8's background threads after the publish, and on
   * a 2-core machine it slows whatever another server measures next (a 20k per-edit median read
   * 98 ms right after the full server's lints and 42 ms once it was quiet, in one bench run).
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
      // the server may already be gone
    }
    const killer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(killer);
    this.connection.dispose();
  }
}

/** LSP positions (0-based line, UTF-16 character) of UTF-16 offsets in `text`; \r\n, \r and \n end lines. */
function lspPositions(text: string): (offset: number) => { line: number; character: number } {
  const lineColumn = lineColumnOf(text);
  return (offset) => {
    const { line, column } = lineColumn(offset);
    return { line: line - 1, character: column - 1 };
  };
}

/**
 * A workspace of `files` and a server on it for the tests of one `describe`: made in its `before`,
 * stopped and removed in its `after`. Read `ws` and `session` inside the tests.
 */
export function sharedSession(
  files: Record<string, string> = {},
  options: { linkNodeModules?: boolean; settings?: Record<string, unknown>; locale?: string } = {},
): { readonly ws: string; readonly session: LspSession } {
  const shared = { ws: "", session: undefined as unknown as LspSession };
  before(async () => {
    shared.ws = makeWorkspace(files, options.linkNodeModules ? { linkNodeModules: true } : {});
    shared.session = await LspSession.start({ workspaceFolders: [shared.ws], settings: options.settings ?? { lint: { debounceMs: 0 } }, ...(options.locale ? { locale: options.locale } : {}) });
  });
  after(async () => {
    await shared.session.stop();
    removeWorkspace(shared.ws);
  });
  return shared;
}
