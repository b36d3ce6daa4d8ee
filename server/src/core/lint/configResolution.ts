/**
 * Which textlint config applies to a file: the nearest `.textlintrc*` (or a package.json with a
 * `textlint` field) from the file's folder up to its workspace folder, as the textlint CLI finds it,
 * unless settings or workspace trust say otherwise. Pure: file-system lookups are passed in.
 *
 * We search ourselves (rather than letting rc-config-loader walk up) because rc-config-loader keeps
 * walking past the workspace folder and, for a plain `.textlintrc` it cannot parse, silently moves on
 * to the parent folder, which would hide a broken config from the writer.
 */
import * as path from "node:path";
import type { TsuzuriSettings } from "../settings";
import type { NotationPlatform } from "./platformNotations";
import { presetOptionsOf, type PresetOptions } from "./presetOptions";

export interface ConfigFs {
  isFile(p: string): boolean;
  isDirectory(p: string): boolean;
  readText(p: string): string | undefined;
}

export type BundledReason = "noConfig" | "setting" | "untrusted";

export type ConfigChoice =
  | {
      kind: "bundled";
      key: string;
      reason: BundledReason;
      /** Folder whose `.textlintignore` applies (the workspace folder, else the file's folder). */
      baseDir: string;
      /** A project config that exists but was not used (untrusted workspace). */
      ignoredConfigFile?: string;
      /** Words the writer allowed (setting tsuzuri.textlint.allow), for the allowlist filter. */
      allow?: string[];
      /** The post's platform when its notations are not prose (Zenn, Qiita). */
      platform?: NotationPlatform;
      /** The writer's options for the preset's rules, where they differ from the preset's. */
      presetOptions?: PresetOptions;
    }
  | {
      kind: "project";
      key: string;
      configFile: string;
      baseDir: string;
      nodeModulesDir: string;
      /** The workspace folder holding the config: how far up to look for the project's lockfile. */
      rootDir?: string;
    };

/** rc-config-loader's order for one folder: by extension, the extension-less `.textlintrc` last. */
export const CONFIG_FILE_NAMES = [
  ".textlintrc.cjs",
  ".textlintrc.js",
  ".textlintrc.json",
  ".textlintrc.yaml",
  ".textlintrc.yml",
  ".textlintrc",
];

export function isJavaScriptConfig(file: string): boolean {
  return /\.c?js$/.test(file);
}

function packageJsonHasTextlint(fs: ConfigFs, file: string): boolean {
  const text = fs.readText(file);
  if (text === undefined) return false;
  try {
    const pkg = JSON.parse(text) as Record<string, unknown>;
    return typeof pkg === "object" && pkg !== null && Boolean(pkg["textlint"]);
  } catch {
    return false;
  }
}

/** The nearest config file from `startDir` up to `stopDir` (inclusive), or undefined. */
export function findNearestConfig(fs: ConfigFs, startDir: string, stopDir: string | undefined): string | undefined {
  let dir = path.resolve(startDir);
  const stop = stopDir ? path.resolve(stopDir) : undefined;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.isFile(candidate)) return candidate;
    }
    const pkg = path.join(dir, "package.json");
    if (fs.isFile(pkg) && packageJsonHasTextlint(fs, pkg)) return pkg;
    if (stop !== undefined && dir === stop) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The folder that holds the rules a config names: the nearest `node_modules` from the config's folder
 * upward (so a config in a sub-package of a monorepo finds hoisted rules), else the config's own.
 */
export function findNodeModules(fs: ConfigFs, configDir: string): string {
  let dir = path.resolve(configDir);
  for (;;) {
    const candidate = path.join(dir, "node_modules");
    if (fs.isDirectory(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(configDir, "node_modules");
    dir = parent;
  }
}

export interface ResolveInput {
  filePath: string;
  /** The workspace folder that contains the file, if any. */
  workspaceFolder: string | undefined;
  settings: TsuzuriSettings;
  trusted: boolean;
  /** The post's platform, when it has notations textlint must not read as prose. */
  notations?: NotationPlatform;
}

export function resolveConfig(fs: ConfigFs, input: ResolveInput): ConfigChoice {
  const fileDir = path.dirname(path.resolve(input.filePath));
  const baseDir = input.workspaceFolder ?? fileDir;
  const allow = input.settings.textlint.allow;
  const platform = input.notations;
  const presetOptions = presetOptionsOf(input.settings.textlint);
  const bundled = (reason: BundledReason, ignoredConfigFile?: string): ConfigChoice => ({
    kind: "bundled",
    // The allowed words, the platform and the preset's options are part of the bundled config, so of its key.
    key: `bundled:${baseDir}${platform ? `:${platform}` : ""}${allow.length > 0 ? `:${JSON.stringify(allow)}` : ""}${presetOptions ? `:${JSON.stringify(presetOptions)}` : ""}`,
    reason,
    baseDir,
    ...(ignoredConfigFile ? { ignoredConfigFile } : {}),
    ...(allow.length > 0 ? { allow } : {}),
    ...(platform ? { platform } : {}),
    ...(presetOptions ? { presetOptions } : {}),
  });
  if (input.settings.textlint.configMode === "bundled") return bundled("setting");

  const explicit = input.settings.textlint.configPath;
  const configFile = explicit
    ? path.resolve(input.workspaceFolder ?? fileDir, explicit)
    : findNearestConfig(fs, fileDir, input.workspaceFolder);
  if (!configFile) return bundled("noConfig");
  // An untrusted workspace may not run code: no JS config, no rules from its node_modules.
  if (!input.trusted) return bundled("untrusted", configFile);

  const configDir = path.dirname(configFile);
  const root = input.workspaceFolder ? path.resolve(input.workspaceFolder) : undefined;
  const inRoot = root !== undefined && (configDir === root || configDir.startsWith(root + path.sep));
  return {
    kind: "project",
    key: `project:${configFile}`,
    configFile,
    baseDir: configDir,
    nodeModulesDir: findNodeModules(fs, configDir),
    ...(inRoot ? { rootDir: root } : {}),
  };
}
