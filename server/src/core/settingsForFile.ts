/**
 * Settings per file inside a workspace folder (tsuzuri.overrides): a Zenn repository's `books/` may
 * want other limits than its `articles/`, a blog's `drafts/` no publishing gate. VS Code scopes
 * settings to workspace folders, not to folders inside them; so the folder's settings carry a list
 * of `{ files, settings }`, and each post gets the folder's settings with every matching entry's
 * settings laid over them in order (objects merged key by key, anything else replaced), normalised
 * again. Globs are picomatch's, against the path relative to the workspace folder.
 */
import * as path from "node:path";
import picomatch from "picomatch";
import { normalizeSettings, type TsuzuriSettings } from "./settings";

const matchers = new Map<string, (file: string) => boolean>();

function matcher(glob: string): (file: string) => boolean {
  let m = matchers.get(glob);
  if (!m) {
    m = picomatch(glob, { dot: true });
    matchers.set(glob, m);
  }
  return m;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `over` laid over `base`: objects merged key by key, anything else replaced. */
export function merged(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merged(base[key], value);
  return out;
}

/**
 * The settings for `filePath`: `settings` (a workspace folder's) with the overrides whose globs match
 * the file's path relative to `folder` applied in order. Without a folder, or outside it, or when
 * none matches: `settings` as they are.
 */
export function settingsForFile(settings: TsuzuriSettings, filePath: string, folder: string | undefined): TsuzuriSettings {
  if (settings.overrides.length === 0 || folder === undefined) return settings;
  const relative = path.relative(folder, filePath);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return settings;
  const file = relative.split(path.sep).join("/");
  const matching = settings.overrides.filter((o) => o.files.some((glob) => matcher(glob)(file)));
  if (matching.length === 0) return settings;
  // An override does not carry overrides of its own.
  const raw = matching.reduce<unknown>((acc, o) => merged(acc, { ...o.settings, overrides: settings.overrides }), settings);
  return normalizeSettings(raw);
}
