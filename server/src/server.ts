/**
 * The language server's LSP glue: each handler finds the document and delegates. Linting itself
 * lives in the core (run by the lint worker) and scheduling in DocumentLinter.
 */
import * as path from "node:path";
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type DidChangeWatchedFilesParams,
  type FileEvent,
  type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import type { TsuzuriSettings } from "./core/settings";
import { DocumentLinter, isMarkdown } from "./documentLinter";
import type { LintWorkerClient } from "./node/lintWorkerClient";
import { SecondWorker } from "./node/secondWorker";
import type { ConfigFs } from "./core/lint/configResolution";
import { resolveConfig } from "./core/lint/configResolution";
import { CHECK_ALL_METHOD, STATUS_METHOD, TRUST_METHOD, VISIBLE_RANGES_METHOD, type CheckAllParams, type TrustParams, type VisibleRangesParams } from "./protocol";
import { WorkspaceChecker } from "./checkAllPosts";
import { registerCodeActions } from "./codeActions";
import { FrontmatterService, notationsOf } from "./frontmatterService";
import { describeIndexed, registerFrontmatterFeatures } from "./frontmatterFeatures";
import { identitiesOf } from "./core/frontmatter/completion";
import { COMMANDS, FIX_ALL_KIND } from "./core/fixes/codeActions";
import { WorkspaceState } from "./workspaceState";

/** How long after `initialized` the worker warms up, unless a post was opened meanwhile. */
const WARM_DELAY_MS = 200;

/** How long package files must be quiet before the worker restarts (an install is many events). */
const PACKAGES_QUIET_MS = 500;

/** Files whose change means installed packages changed: module caches must go, not just linters. */
const packageChange = /(^|[\\/])(node_modules([\\/]|$)|package-lock\.json$|pnpm-lock\.yaml$|yarn\.lock$|bun\.lockb?$|package\.json$)/;

/** A Markdown file outside node_modules: a post, not a config, dictionary or package. */
const isPostFile = (uri: string): boolean => /\.(md|markdown)$/i.test(uri) && !/[\\/]node_modules[\\/]/.test(URI.parse(uri).fsPath);

/** What the server needs from its platform (Node: main.ts), so that the glue itself stays thin and testable. */
export interface ServerDeps {
  /** A lint worker (a thread running the core's engine), logging through `log`. */
  newWorker(log: (message: string) => void): LintWorkerClient;
  /** The CPU cores available (the second worker's `auto` mode). */
  cores: number;
  /** The file system the config resolution reads. */
  configFs: ConfigFs;
}

/** What the server offers: incremental sync, quick fixes and fix-all, commands, frontmatter completion and hover. */
export function serverCapabilities(): InitializeResult {
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
}

export function startServer(connection: Connection, deps: ServerDeps): void {
  const documents = new TextDocuments(TextDocument);
  const log = (prefix: string) => (m: string) => connection.console.info(`${prefix}${m}`);
  const worker = deps.newWorker(log(""));
  // The first lint of a long post may be shared with a second worker (node/secondWorker.ts).
  const secondWorker = new SecondWorker(() => deps.newWorker(log("second worker: ")), deps.cores);
  const workspace = new WorkspaceState(connection);
  const frontmatter = new FrontmatterService();
  const settingsFor = (uri: string) => workspace.settingsFor(uri);
  const lang = () => workspace.lang;
  const choiceFor = configChoice(deps.configFs, workspace, frontmatter);
  const reported = new Set<string>();
  const checkFrontmatter = (uri: string, text: string, settings: TsuzuriSettings) => {
    const filePath = URI.parse(uri).fsPath;
    return frontmatter.check(text, filePath, workspace.folderFor(filePath), settings);
  };
  const linter = new DocumentLinter({
    publish: (params) => void connection.sendDiagnostics(params),
    status: (params) => void connection.sendNotification(STATUS_METHOD, params),
    log: connection.console,
    worker,
    secondWorker,
    getDocument: (uri) => documents.get(uri),
    settingsFor,
    choiceFor,
    reportError: errorReporter(connection, reported),
    now: () => performance.now(),
    frontmatter: checkFrontmatter,
    lang,
  });
  registerCodeActions({ connection, documents, linter, worker, settingsFor, choiceFor, lang });
  const checker = new WorkspaceChecker({
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    isOpen: (uri) => documents.get(uri) !== undefined,
    folders: () => workspace.folders,
    folderFor: (filePath) => workspace.folderFor(filePath),
    worker,
    cores: deps.cores,
    settingsFor,
    choiceFor,
    frontmatter: checkFrontmatter,
    lang,
    log: connection.console,
  });
  const postIndex = registerFrontmatterFeatures({ connection, documents, frontmatter, settingsFor, folderFor: (p) => workspace.folderFor(p), lang });

  /** Configs, packages, trust or folders changed: every post again, those the worker stopped on too. */
  const relintAll = (): void => {
    reported.clear();
    for (const document of documents.all()) linter.schedule(document.uri, 0, "refresh");
  };

  connection.onInitialize((params) => {
    workspace.initialize(params);
    return serverCapabilities();
  });

  let warmTimer: NodeJS.Timeout | undefined;
  connection.onInitialized(() => {
    if (workspace.configurationPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: "tsuzuri" });
    if (workspace.folderEvents) connection.workspace.onDidChangeWorkspaceFolders((e) => (workspace.foldersChanged(e), relintAll()));
    void postIndex.scan(workspace.folders).then(
      (count) => {
        connection.console.info(describeIndexed(count, workspace.folders));
        // Posts with a slug or id opened before the index was ready are checked again (duplicates).
        for (const document of documents.all()) if (Object.keys(identitiesOf(document.getText())).length > 0) linter.schedule(document.uri, 0);
      },
      (e: Error) => connection.console.error(`indexing topics/tags failed: ${e.message}`),
    );
    warmTimer = setTimeout(() => {
      if (!documents.all().some((d) => isMarkdown(d.uri, d.languageId))) warmForFolder(workspace, worker, choiceFor);
    }, WARM_DELAY_MS);
  });

  documents.onDidOpen((e) => linter.opened(e.document.uri, e.document.languageId));
  documents.onDidChangeContent((e) => void linter.changed(e.document.uri, e.document.languageId));
  documents.onDidSave((e) => linter.saved(e.document.uri, e.document.languageId));
  documents.onDidClose((e) => (workspace.forget(e.document.uri), linter.close(e.document.uri), checker.closed(e.document.uri)));
  connection.onNotification(VISIBLE_RANGES_METHOD, (params: VisibleRangesParams) => linter.setVisible(params.uri, params.ranges));
  connection.onDidChangeConfiguration(() => (workspace.settingsChanged(), relintAll()));
  connection.onRequest(CHECK_ALL_METHOD, (params: CheckAllParams, token) => checker.run(params, token, connection.window.attachWorkDoneProgress(params.workDoneToken)));
  const watched = watchedFilesHandler(worker, secondWorker, relintAll, (posts) => checker.filesChanged(posts));
  connection.onDidChangeWatchedFiles(watched.changed);
  connection.onNotification(TRUST_METHOD, (params: TrustParams) => ((workspace.trusted = params.trusted), relintAll()));
  connection.onShutdown(() => {
    clearTimeout(warmTimer);
    watched.dispose();
    worker.dispose();
    secondWorker.dispose();
  });
  documents.listen(connection);
  connection.listen();
}

/** The config for a post; with its text, the platform's notations are filtered (Zenn, Qiita). */
function configChoice(configFs: ConfigFs, workspace: WorkspaceState, frontmatter: FrontmatterService) {
  return (uri: string, settings: TsuzuriSettings, text?: string) => {
    const filePath = URI.parse(uri).fsPath;
    const workspaceFolder = workspace.folderFor(filePath);
    const notations = text === undefined ? undefined : notationsOf(frontmatter.platformOf(text, filePath, workspaceFolder, settings));
    return resolveConfig(configFs, { filePath, workspaceFolder, settings, trusted: workspace.trusted, ...(notations ? { notations } : {}) });
  };
}

/**
 * Starts the worker, the analyser's dictionary and the linter the first post will use now, not on
 * the first lint; only when no post is open: posts already open (VS Code opens the one that
 * activated us right after `initialized`) are linted at once, which loads what they use, and warming
 * a guess as well would load a second config's rules (the bundled preset's beside a project's).
 */
function warmForFolder(workspace: WorkspaceState, worker: LintWorkerClient, choiceFor: ReturnType<typeof configChoice>): void {
  const folder = workspace.folders[0] ?? process.cwd();
  void workspace.settingsFor(URI.file(folder).toString()).then((settings) => worker.warm(choiceFor(URI.file(path.join(folder, "post.md")).toString(), settings)));
}

/** Logs every error; shows each (by key) once until the next re-lint of everything. */
function errorReporter(connection: Connection, reported: Set<string>) {
  return (message: string, detail: string, key = message, show = true): void => {
    connection.console.error(`${message}\n${detail}`);
    if (reported.has(key)) return;
    reported.add(key);
    if (show) void connection.window.showErrorMessage(message);
  };
}

/**
 * Watched files changed. Installed packages: restart the worker once the install has been quiet
 * (an install writes node_modules for a while, the folder itself first). Configs and dictionaries:
 * the worker forgets its linters. Either way every post is linted again.
 */
function watchedFilesHandler(worker: LintWorkerClient, secondWorker: SecondWorker, relintAll: () => void, postsChanged: (changes: FileEvent[]) => void) {
  let packagesTimer: NodeJS.Timeout | undefined;
  return {
    changed: async (e: DidChangeWatchedFilesParams): Promise<void> => {
      // Posts (watched for Check All Posts) change no config: only the other files reach the worker.
      const posts = e.changes.filter((c) => isPostFile(c.uri));
      if (posts.length > 0) postsChanged(posts);
      const changes = e.changes.filter((c) => !isPostFile(c.uri));
      if (changes.length === 0) return;
      secondWorker.dispose();
      if (changes.some((c) => packageChange.test(URI.parse(c.uri).fsPath))) {
        clearTimeout(packagesTimer);
        packagesTimer = setTimeout(() => (worker.restart("installed packages changed"), relintAll()), PACKAGES_QUIET_MS);
        return;
      }
      await worker.invalidate().catch(() => undefined);
      relintAll();
    },
    dispose: () => clearTimeout(packagesTimer),
  };
}
