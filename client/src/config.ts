/**
 * The client's typed settings: the core's settings module (server/src/core/settings.ts) over VS
 * Code's configuration, per document (its workspace folder's values, else the user's). Writing a
 * setting stays with the command that writes it (allowWord.ts, frontmatterRule.ts).
 */
import * as vscode from "vscode";
import { readSettings, type TsuzuriSettings } from "../../server/src/core/settings";
import { settingsForFile } from "../../server/src/core/settingsForFile";

export function settingsFor(uri: vscode.Uri | undefined): TsuzuriSettings {
  const config = vscode.workspace.getConfiguration("tsuzuri", uri);
  const settings = readSettings((section) => config.get(section));
  // The overrides for the post's path inside its workspace folder (tsuzuri.overrides).
  return uri ? settingsForFile(settings, uri.fsPath, vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath) : settings;
}

/** The language of Tsuzuri's own words that do not go through vscode.l10n (the core's `Localized` texts). */
export function uiLanguage(): "en" | "ja" {
  return vscode.env.language.toLowerCase().startsWith("ja") ? "ja" : "en";
}
