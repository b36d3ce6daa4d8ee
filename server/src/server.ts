/**
 * The language server's LSP glue: each handler finds the document and delegates. Linting itself
 * lives in the core (run by the lint worker) and scheduling in DocumentLinter.
 */
import * as path from "node:path";
import * as l10n from "@vscode/l10n";
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import { normalizeSettings, type TsuzuriSettings } from "./core/settings";
import { DocumentLinter, isMarkdown } from "./documentLinter";
import type { LintWorkerClient } from "./node/lintWorkerClient";
import { SecondWorker } from "./node/secondWorker";
import type { ConfigFs } from "./core/lint/configResolution";
import { resolveConfig } from "./core/lint/configResolution";
import { STATUS_METHOD, TRUST_METHOD, VISIBLE_RANGES_METHOD, type InitializationOptions, type TrustParams, type VisibleRangesParams } from "./protocol";
import { registerCodeActions } from "./codeActions";
import { FrontmatterService, notationsOf } from "./frontmatterService";
import { describeIndexed, registerFrontmatterFeatures } from "./frontmatterFeatures";
import { identitiesOf } from "./core/frontmatter/completion";
import type { Lang } from "./core/shared/i18n";
import { COMMANDS, FIX_ALL_KIND } from "./core/fixes/codeActions";

/** How long after `initialized` the worker warms up, unless a post was opened meanwhile. */
const WARM_DELAY_MS = 200;

/** How long package files must be quiet before the worker restarts (an install is many events). */
const PACKAGES_QUIET_MS = 500;

/** Files whose change means installed packages changed: module caches must go, not just linters. */
const packageChange = /(^|[\\/])(node_modules([\\/]|$)|package-lock\.json$|pnpm-lock\.yaml$|yarn\.lock$|bun\.lockb?$|package\.json$)/;

/** What the server needs from its platform (Node: main.ts), so that the glue itself stays thin and testable. */
export interface ServerDeps {
  /** A lint worker (a thread running the core's engine), logging through `log`. */
  newWorker(log: (message: string) => void): LintWorkerClient;
  /** The CPU cores available (the second worker's `auto` mode). */
  cores: number;
  /** The file system the config resolution reads. */
  configFs: ConfigFs;
}

export function startServer(connection: Connection, deps: ServerDeps): void {
  const documents = new TextDocuments(TextDocument);
  const worker = deps.newWorker((m) => connection.console.info(m));
  // The first lint of a long post may be shared with a second worker (node/secondWorker.ts).
  const secondWorker = new SecondWorker(() => deps.newWorker((m) => connection.console.info(`second worker: ${m}`)), deps.cores);
  const settingsCache = new Map<string, Promise<TsuzuriSettings>>();
  const reported = new Set<string>();
  let folders: string[] = [];
  let trusted = true;
  let lang: Lang = "en";
  const frontmatter = new FrontmatterService();
  let configurationPull = false;
  let workspaceFolderEvents = false;

  const folderFor = (filePath: string): string | undefined =>
    folders.filter((f) => filePath === f || filePath.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];

  const settingsFor = (uri: string): Promise<TsuzuriSettings> => {
    if (!configurationPull) return Promise.resolve(normalizeSettings(undefined));
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = connection.workspace
        .getConfiguration({ scopeUri: uri, section: "tsuzuri" })
        .then(normalizeSettings, () => normalizeSettings(undefined));
      settingsCache.set(uri, cached);
    }
    return cached;
  };

  const linter = new DocumentLinter({
    publish: (params) => void connection.sendDiagnostics(params),
    status: (params) => void connection.sendNotification(STATUS_METHOD, params),
    log: connection.console,
    worker,
    secondWorker,
    getDocument: (uri) => documents.get(uri),
    settingsFor,
    choiceFor: (uri, settings, text) => choiceFor(uri, settings, text),
    reportError: (message, detail, key = message, show = true) => {
      connection.console.error(`${message}\n${detail}`);
      if (reported.has(key)) return;
      reported.add(key);
      if (show) void connection.window.showErrorMessage(message);
    },
    now: () => performance.now(),
    frontmatter: (uri, text, settings) => {
      const filePath = URI.parse(uri).fsPath;
      return frontmatter.check(text, filePath, folderFor(filePath), settings);
    },
    lang: () => lang,
  });

  /** The config for a post; with its text, the platform's notations are filtered (Zenn, Qiita). */
  const choiceFor = (uri: string, settings: TsuzuriSettings, text?: string) => {
    const filePath = URI.parse(uri).fsPath;
    const workspaceFolder = folderFor(filePath);
    const notations = text === undefined ? undefined : notationsOf(frontmatter.platformOf(text, filePath, workspaceFolder, settings));
    return resolveConfig(deps.configFs, { filePath, workspaceFolder, settings, trusted, ...(notations ? { notations } : {}) });
  };
  registerCodeActions({ connection, documents, linter, worker, settingsFor, choiceFor, lang: () => lang });
  const postIndex = registerFrontmatterFeatures({ connection, documents, frontmatter, settingsFor, folderFor, lang: () => lang });

  /** Configs, packages, trust or folders changed: every post again, those the worker stopped on too. */
  const relintAll = (): void => {
    reported.clear();
    for (const document of documents.all()) linter.schedule(document.uri, 0, "refresh");
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    folders = (params.workspaceFolders ?? []).map((f: WorkspaceFolder) => URI.parse(f.uri).fsPath);
    if (folders.length === 0 && params.rootUri) folders = [URI.parse(params.rootUri).fsPath];
    const options = params.initializationOptions as InitializationOptions | undefined;
    lang = params.locale?.toLowerCase().startsWith("ja") ? "ja" : "en";
    trusted = options?.trusted ?? true;
    // The client's l10n bundle for the display language (none for English): action titles, messages.
    if (options?.l10nBundle) l10n.config({ fsPath: options.l10nBundle });
    configurationPull = params.capabilities.workspace?.configuration === true;
    workspaceFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        // Keys, values and topics inside the frontmatter (nothing is offered elsewhere).
        completionProvider: { triggerCharacters: [" ", "[", ","] },
        hoverProvider: true,
      },
      serverInfo: { name: "tsuzuri" },
    };
  });

  connection.onInitialized(() => {
    if (configurationPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: "tsuzuri" });
    if (workspaceFolderEvents) connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => URI.parse(f.uri).fsPath));
      folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => URI.parse(f.uri).fsPath)];
      relintAll();
    });
    void postIndex.scan(folders).then(
      (count) => {
        connection.console.info(describeIndexed(count, folders));
        // Posts with a slug or id opened before the index was ready are checked again (duplicates).
        for (const document of documents.all()) {
          if (Object.keys(identitiesOf(document.getText())).length > 0) linter.schedule(document.uri, 0);
        }
      },
      (e: Error) => connection.console.error(`indexing topics/tags failed: ${e.message}`),
    );
    // Start the worker, the analyser's dictionary and the linter the first post will use now, not on
    // the first lint. Posts already open (VS Code opens the one that activated us right after
    // `initialized`) are linted at once, which loads what they use: warming a guess as well would
    // load a second config's rules (the bundled preset's beside a project's).
    warmTimer = setTimeout(() => void warmForFolder(), WARM_DELAY_MS);
  });

  let warmTimer: NodeJS.Timeout | undefined;
  const warmForFolder = async (): Promise<void> => {
    if (documents.all().some((d) => isMarkdown(d.uri, d.languageId))) return;
    const folder = folders[0] ?? process.cwd();
    const uri = URI.file(path.join(folder, "post.md")).toString();
    worker.warm(choiceFor(uri, await settingsFor(URI.file(folder).toString())));
  };

  documents.onDidOpen((e) => linter.opened(e.document.uri, e.document.languageId));
  documents.onDidChangeContent((e) => void linter.changed(e.document.uri, e.document.languageId));

  connection.onNotification(VISIBLE_RANGES_METHOD, (params: VisibleRangesParams) => linter.setVisible(params.uri, params.ranges));

  documents.onDidSave((e) => linter.saved(e.document.uri, e.document.languageId));

  documents.onDidClose((e) => {
    settingsCache.delete(e.document.uri);
    linter.close(e.document.uri);
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    relintAll();
  });

  let packagesTimer: NodeJS.Timeout | undefined;
  connection.onDidChangeWatchedFiles(async (e) => {
    const paths = e.changes.map((c) => URI.parse(c.uri).fsPath);
    secondWorker.dispose();
    if (paths.some((p) => packageChange.test(p))) {
      // An install writes node_modules for a while (the folder itself appears first): restart the
      // worker once, when it has been quiet, not on its first files.
      clearTimeout(packagesTimer);
      packagesTimer = setTimeout(() => {
        worker.restart("installed packages changed");
        relintAll();
      }, PACKAGES_QUIET_MS);
      return;
    }
    await worker.invalidate().catch(() => undefined);
    relintAll();
  });

  connection.onNotification(TRUST_METHOD, (params: TrustParams) => {
    trusted = params.trusted;
    relintAll();
  });

  connection.onShutdown(() => {
    clearTimeout(warmTimer);
    clearTimeout(packagesTimer);
    worker.dispose();
    secondWorker.dispose();
  });
  documents.listen(connection);
  connection.listen();
}
