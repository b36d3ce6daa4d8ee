/**
 * The editor's settings for `tsuzuri check`: a VS Code settings file (`.vscode/settings.json`, JSON
 * with comments, read with jsonc-parser, VS Code's own) gives the CLI the writer's `tsuzuri.*`
 * settings, so CI checks as the editor does (rule levels, the preset's options, per-folder
 * overrides, the platform). Keys are VS Code's flat ones (`tsuzuri.textlint.sentenceLength`); a
 * `"[markdown]"` block is laid over the rest, as VS Code does for Markdown files.
 */
import * as jsonc from "jsonc-parser";
import { flatSettingDefaults } from "./settings";
import { merged } from "./settingsForFile";
import type { Localized } from "./shared/i18n";

export type SettingsFileResult = { ok: true; raw: Record<string, unknown>; keys: number } | { ok: false; message: Localized };

/** The `tsuzuri.*` settings of a settings file's text, as the nested object normalizeSettings reads. */
export function settingsFromFile(text: string, fileName: string): SettingsFileResult {
  const errors: jsonc.ParseError[] = [];
  const json = jsonc.parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length > 0) {
    const first = errors[0]!;
    const { line, character } = lineColumn(text, first.offset);
    const what = jsonc.printParseErrorCode(first.error);
    return {
      ok: false,
      message: { en: `${fileName}:${line}:${character}: the settings file is not valid JSON (${what}).`, ja: `${fileName}:${line}:${character}: 設定ファイルが JSON として正しくありません（${what}）。` },
    };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { ok: false, message: { en: `${fileName}: the settings file must be a JSON object.`, ja: `${fileName}: 設定ファイルは JSON のオブジェクトにしてください。` } };
  }
  const all = json as Record<string, unknown>;
  const markdown = all["[markdown]"];
  const flat = { ...all, ...(typeof markdown === "object" && markdown !== null && !Array.isArray(markdown) ? (markdown as Record<string, unknown>) : {}) };
  let raw: Record<string, unknown> = {};
  let keys = 0;
  for (const key of Object.keys(flatSettingDefaults())) {
    if (!Object.hasOwn(flat, key)) continue;
    keys++;
    raw = merged(raw, nested(key.slice("tsuzuri.".length).split("."), flat[key])) as Record<string, unknown>;
  }
  return { ok: true, raw, keys };
}

function nested(path: string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

function lineColumn(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, character: (before.at(-1)?.length ?? 0) + 1 };
}
