/**
 * What the server knows about the editor's workspace: its folders, whether it is trusted, the
 * display language, and each post's settings (pulled from the client once per post and kept until
 * the settings change or the post closes).
 */
import * as path from "node:path";
import * as l10n from "@vscode/l10n";
import type { Connection, InitializeParams, WorkspaceFolder, WorkspaceFoldersChangeEvent } from "vscode-languageserver";
import { URI } from "vscode-uri";
import { normalizeSettings, type TsuzuriSettings } from "./core/settings";
import { settingsForFile } from "./core/settingsForFile";
import type { Lang } from "./core/shared/i18n";
import type { InitializationOptions } from "./protocol";

export class WorkspaceState {
  folders: string[] = [];
  trusted = true;
  lang: Lang = "en";
  /** Whether the client answers `workspace/configuration` (else: the defaults). */
  configurationPull = false;
  /** Whether the client tells us when folders are added or removed. */
  folderEvents = false;
  private readonly settings = new Map<string, Promise<TsuzuriSettings>>();

  constructor(private readonly connection: Pick<Connection, "workspace">) {}

  /** Reads the `initialize` request: folders, language, trust, the l10n bundle, capabilities. */
  initialize(params: InitializeParams): void {
    this.folders = (params.workspaceFolders ?? []).map((f: WorkspaceFolder) => URI.parse(f.uri).fsPath);
    if (this.folders.length === 0 && params.rootUri) this.folders = [URI.parse(params.rootUri).fsPath];
    const options = params.initializationOptions as InitializationOptions | undefined;
    this.lang = params.locale?.toLowerCase().startsWith("ja") ? "ja" : "en";
    this.trusted = options?.trusted ?? true;
    // The client's l10n bundle for the display language (none for English): action titles, messages.
    if (options?.l10nBundle) l10n.config({ fsPath: options.l10nBundle });
    this.configurationPull = params.capabilities.workspace?.configuration === true;
    this.folderEvents = params.capabilities.workspace?.workspaceFolders === true;
  }

  foldersChanged(e: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(e.removed.map((f) => URI.parse(f.uri).fsPath));
    this.folders = [...this.folders.filter((f) => !removed.has(f)), ...e.added.map((f) => URI.parse(f.uri).fsPath)];
  }

  /** The innermost workspace folder holding `filePath`. */
  folderFor(filePath: string): string | undefined {
    return this.folders.filter((f) => filePath === f || filePath.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
  }

  settingsFor(uri: string): Promise<TsuzuriSettings> {
    if (!this.configurationPull) return Promise.resolve(normalizeSettings(undefined));
    let cached = this.settings.get(uri);
    if (!cached) {
      const filePath = URI.parse(uri).fsPath;
      // The folder's settings, with the overrides for this file's path (tsuzuri.overrides).
      cached = this.connection.workspace.getConfiguration({ scopeUri: uri, section: "tsuzuri" }).then(
        (raw) => settingsForFile(normalizeSettings(raw), filePath, this.folderFor(filePath)),
        () => normalizeSettings(undefined),
      );
      this.settings.set(uri, cached);
    }
    return cached;
  }

  /** A post closed: its settings are pulled again if it reopens. */
  forget(uri: string): void {
    this.settings.delete(uri);
  }

  /** The settings changed: every post's are pulled again. */
  settingsChanged(): void {
    this.settings.clear();
  }
}
