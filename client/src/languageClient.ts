/** Creates the language client that starts and talks to dist/server.js. */
import * as path from "node:path";
import * as vscode from "vscode";
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from "vscode-languageclient/node";
import type { InitializationOptions } from "../../server/src/protocol";

const CRASH_WINDOW_MS = 3 * 60 * 1000;
const MAX_RESTARTS = 4;

/** Restarts a crashed server quietly, but stops and says so after repeated crashes. */
function crashHandler(log: vscode.LogOutputChannel): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && (crashes[0] ?? now) < now - CRASH_WINDOW_MS) crashes.shift();
      if (crashes.length > MAX_RESTARTS) {
        const message = vscode.l10n.t(
          "The Tsuzuri language server stopped {0} times in 3 minutes and will not be restarted. See the output, then run 'Tsuzuri: Restart Server'.",
          crashes.length,
        );
        log.error(message);
        return { action: CloseAction.DoNotRestart, message };
      }
      log.warn(`language server stopped; restarting (${crashes.length} in the last 3 minutes)`);
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, middleware: Middleware = {}): LanguageClient {
  const module = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6019"] } },
  };
  const l10nBundle = vscode.l10n.uri?.fsPath;
  const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted, ...(l10nBundle ? { l10nBundle } : {}) };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: "markdown", scheme: "file" },
      { language: "markdown", scheme: "untitled" },
      // A Zenn book's config.yaml: checked as zenn-cli checks books (no textlint).
      { scheme: "file", pattern: "**/books/*/config.{yaml,yml}" },
    ],
    initializationOptions,
    middleware,
    outputChannel: log,
    errorHandler: crashHandler(log),
    synchronize: {
      // Config files, ignore files, lockfiles, and installs: node_modules appearing (a bun or pnpm
      // repository cloned without it) and its top-level entries (packages, and the marks npm, pnpm
      // and yarn leave; deeper files are outside VS Code's file watcher by default).
      fileEvents: [
        vscode.workspace.createFileSystemWatcher("**/.textlintrc*"),
        vscode.workspace.createFileSystemWatcher("**/.textlintignore"),
        vscode.workspace.createFileSystemWatcher("**/package.json"),
        vscode.workspace.createFileSystemWatcher("**/{bun.lock,bun.lockb,pnpm-lock.yaml,yarn.lock,package-lock.json}"),
        vscode.workspace.createFileSystemWatcher("**/node_modules"),
        vscode.workspace.createFileSystemWatcher("**/node_modules/*"),
        // Posts, so that Check All Posts keeps its results fresh (the server ignores them before a run).
        vscode.workspace.createFileSystemWatcher("**/*.{md,markdown}"),
      ],
    },
  };
  return new LanguageClient("tsuzuri", "Tsuzuri", serverOptions, clientOptions);
}
