/**
 * Starts the built language server (dist/server.js --stdio) and speaks real JSON-RPC to it, the way
 * an editor does: it answers `workspace/configuration` from a settings object the test controls and
 * collects `textDocument/publishDiagnostics` and `tsuzuri/status` so tests can wait for them.
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
} from "vscode-languageserver-protocol/node";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as fs from "node:fs";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { CodeAction, Range, TextDocumentEdit, TextEdit, WorkspaceEdit } from "vscode-languageserver-types";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");
export const serverPath = path.join(repoRoot, "dist", "server.js");

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
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
}

type Waiter<T> = { match: (item: T) => boolean; resolve: (item: T) => void };

/** A stream of notifications a test can wait on, without sleeping. */
class Inbox<T> {
  readonly all: T[] = [];
  private waiters: Waiter<T>[] = [];

  push(item: T): void {
    this.all.push(item);
    this.waiters = this.waiters.filter((w) => (w.match(item) ? (w.resolve(item), false) : true));
  }

  /** Resolves with the first item (after `fromIndex`) that matches; rejects after `timeoutMs`. */
  next(match: (item: T) => boolean, timeoutMs = 20_000, fromIndex = this.all.length): Promise<T> {
    const already = this.all.slice(fromIndex).find(match);
    if (already) return Promise.resolve(already);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for a notification`)), timeoutMs);
      this.waiters.push({ match, resolve: (item) => (clearTimeout(timer), resolve(item)) });
    });
  }
}

export interface StartOptions {
  workspaceFolders?: string[];
  settings?: Record<string, unknown>;
  trusted?: boolean;
  env?: NodeJS.ProcessEnv;
  /** The l10n bundle the client would pass for its display language. */
  l10nBundle?: string;
  /** The editor's display language (InitializeParams.locale). */
  locale?: string;
  /** The script and arguments that start the server (default: dist/server.js --stdio). */
  command?: string[];
}

export class LspSession {
  readonly diagnostics = new Inbox<Published>();
  readonly statuses = new Inbox<StatusMessage>();
  readonly shownMessages = new Inbox<{ type: number; message: string }>();
  readonly logs: string[] = [];
  /** Every `workspace/applyEdit` the server sent, and whether it was applied. */
  readonly appliedEdits: { edit: WorkspaceEdit; applied: boolean }[] = [];
  settings: Record<string, unknown>;
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions = {}): Promise<LspSession> {
    const child = spawn(process.execPath, options.command ?? [serverPath, "--stdio"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    });
    const stdout = child.stdout;
    const stdin = child.stdin;
    if (!stdout || !stdin) throw new Error("server stdio not available");
    const connection = createProtocolConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
    const session = new LspSession(child, connection, options.settings ?? {});
    child.stderr?.on("data", (d: Buffer) => {
      session.logs.push(d.toString());
    });
    connection.onNotification("textDocument/publishDiagnostics", (p: Published) => session.diagnostics.push(p));
    connection.onNotification("tsuzuri/status", (p: StatusMessage) => session.statuses.push(p));
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
    await connection.sendRequest("initialize", {
      processId: process.pid,
      ...(options.locale ? { locale: options.locale } : {}),
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
      capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } } },
      initializationOptions: { trusted: options.trusted ?? true, ...(options.l10nBundle ? { l10nBundle: options.l10nBundle } : {}) },
    });
    await connection.sendNotification("initialized", {});
    return session;
  }

  /** The text the "editor" holds for an open document. */
  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
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
      const open = this.texts.get(uri);
      if (open !== undefined && version !== null && version !== this.versions.get(uri)) return false;
    }
    for (const change of changes) {
      const { uri } = change.textDocument;
      const open = this.texts.get(uri);
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

  codeActions(uri: string, range: Range, diagnostics: unknown[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
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

  open(filePath: string, text: string): string {
    const uri = pathToFileURL(filePath).href;
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    void this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "markdown", version: 1, text },
    });
    return uri;
  }

  /** Replaces the whole text; returns the new version. */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    void this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  /** The editor saved the document (its text is what the server already has). */
  save(uri: string): void {
    void this.connection.sendNotification("textDocument/didSave", { textDocument: { uri } });
  }

  close(uri: string): void {
    this.texts.delete(uri);
    void this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  /** The next diagnostics published for `uri` (after now), optionally for an exact version. */
  nextDiagnostics(uri: string, version?: number, timeoutMs?: number): Promise<Published> {
    return this.diagnostics.next((p) => p.uri === uri && (version === undefined || p.version === version), timeoutMs);
  }

  /**
   * The server process's resident memory in MB from /proc (Linux; its lint worker thread is inside
   * the same process): now (VmRSS) and the peak so far (VmHWM).
   */
  memoryMb(): { rss: number; peak: number } {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  }

  /** The server process's id (for its CPU time in /proc). */
  get pid(): number | undefined {
    return this.child.pid;
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
