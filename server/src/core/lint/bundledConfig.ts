/**
 * The embedded default: textlint-rule-preset-ja-technical-writing + textlint-filter-rule-comments
 * (+ textlint-filter-rule-allowlist when the writer allowed words),
 * shipped inside the extension. It goes through textlint's own config loader like any project
 * config (so rule ids, options and preset expansion are exactly textlint's), but its packages are
 * served from this bundle instead of a node_modules folder: @textlint/resolver lets us hook module
 * resolution and import, and we answer only for names under a sentinel folder that cannot exist on
 * disk, so a project's own copy of the same preset is never shadowed.
 */
import * as path from "node:path";
import { registerImportHook, registerResolveHook } from "@textlint/resolver";
// Static imports so that esbuild bundles them; they are only evaluated when a linter needs them.
import presetJaTechnicalWriting = require("textlint-rule-preset-ja-technical-writing");
import filterComments = require("textlint-filter-rule-comments");
import filterAllowlist = require("textlint-filter-rule-allowlist");
import { platformNotations, PLATFORM_NOTATIONS_FILTER_ID, PLATFORM_NOTATIONS_PACKAGE, type NotationPlatform } from "./platformNotations";
import type { PresetOptions } from "./presetOptions";
import type { ConfigFs } from "./configResolution";

export const BUNDLED_NODE_MODULES = path.join(path.sep, "__tsuzuri_bundled__", "node_modules");
const scheme = "tsuzuri-bundled:";

const bundledModules: Record<string, unknown> = {
  "textlint-rule-preset-ja-technical-writing": presetJaTechnicalWriting,
  "textlint-filter-rule-comments": filterComments,
  "textlint-filter-rule-allowlist": filterAllowlist,
  [PLATFORM_NOTATIONS_PACKAGE]: platformNotations,
};

/**
 * The bundled default as a .textlintrc would spell it; words the writer allowed (the setting
 * tsuzuri.textlint.allow) go to textlint-filter-rule-allowlist, as a project config would put them.
 */
export function bundledRawConfig(allow: readonly string[] = [], platform?: NotationPlatform, presetOptions?: PresetOptions): Record<string, unknown> {
  const filters: Record<string, unknown> = { comments: true };
  if (allow.length > 0) filters["allowlist"] = { allow: [...allow] };
  // Zenn's and Qiita's own notations (:::message, @[card], $$) are not prose (platformNotations.ts).
  if (platform) filters[PLATFORM_NOTATIONS_FILTER_ID] = { platform };
  return { rules: { "preset-ja-technical-writing": presetOptions ?? true }, filters };
}

export const BUNDLED_LABEL = "textlint-rule-preset-ja-technical-writing (bundled)";

let installed = false;

/** `files` answers whether a project has a real package of the notations filter's name. */
export function installBundledModuleHooks(files: Pick<ConfigFs, "isFile" | "isDirectory">): void {
  if (installed) return;
  installed = true;
  registerResolveHook((specifier) => {
    if (!specifier.startsWith(BUNDLED_NODE_MODULES + path.sep)) return undefined;
    const name = specifier.slice(BUNDLED_NODE_MODULES.length + 1).split(path.sep).join("/");
    return name in bundledModules ? { url: scheme + name } : undefined;
  });
  // A project config may name the notations filter ("tsuzuri-platform-notations") without installing
  // it: Tsuzuri serves it unless the project has a real package of that name. (Plain textlint cannot
  // load such a config; the README says so.)
  registerResolveHook((specifier) =>
    path.basename(specifier) === PLATFORM_NOTATIONS_PACKAGE && !specifier.startsWith(BUNDLED_NODE_MODULES) && !files.isFile(specifier) && !files.isDirectory(specifier)
      ? { url: scheme + PLATFORM_NOTATIONS_PACKAGE }
      : undefined,
  );
  registerImportHook(async (specifier) => {
    if (!specifier.startsWith(scheme)) return undefined;
    const mod = bundledModules[specifier.slice(scheme.length)];
    // config-loader reads `exports.default`, as an ES import of a CommonJS module would give it.
    return mod ? { exports: { default: mod } } : undefined;
  });
}
