/**
 * Which editor settings `tsuzuri check` reads: `--settings <file>`, else the folder's
 * `.vscode/settings.json` when there is one (so CI checks as the editor does), none with
 * `--no-editor-settings`. The file's `tsuzuri.*` keys are read by core/settingsFile.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { settingsFromFile, type SettingsFileResult } from "../core/settingsFile";

export const EDITOR_SETTINGS_FILE = path.join(".vscode", "settings.json");

export function editorSettings(cwd: string, explicit: string | undefined, none: boolean): SettingsFileResult {
  if (none) return { ok: true, raw: {}, keys: 0 };
  const file = path.resolve(cwd, explicit ?? EDITOR_SETTINGS_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if (explicit === undefined && (e as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, raw: {}, keys: 0 };
    const reason = (e as Error).message;
    return { ok: false, message: { en: `cannot read the settings file ${explicit ?? file}: ${reason}`, ja: `設定ファイル ${explicit ?? file} を読めません: ${reason}` } };
  }
  return settingsFromFile(text, explicit ?? EDITOR_SETTINGS_FILE);
}
