/**
 * Builds a textlint linter for a config choice with textlint's own config loader and kernel, and
 * turns every way that can fail into one clear, actionable message.
 */
import * as path from "node:path";
import * as yaml from "js-yaml";
import JSON5 from "json5";
import { loadConfig, loadPackagesFromRawConfig, loadRawConfig } from "@textlint/config-loader";
import { TextlintKernelDescriptor } from "@textlint/kernel";
import { createLinter } from "textlint";
import { BUNDLED_LABEL, BUNDLED_NODE_MODULES, bundledRawConfig, installBundledModuleHooks } from "./bundledConfig";
import type { ConfigChoice, ConfigFs } from "./configResolution";
import { installCommandFor, type InstallCommand } from "./packageManager";
import type { KernelConfig } from "../incremental/incrementalLinter";
// textlint's built-in text and markdown plugins, exactly as `loadTextlintrc` adds them. Deep import:
// textlint exposes them only there, and `loadTextlintrc` itself swallows config errors.
import { builtInPlugins } from "textlint/lib/src/loader/TextlintrcLoader";

export type Linter = ReturnType<typeof createLinter>;

export interface ConfigError {
  /** One sentence for the writer: what is wrong, where, and how to fix it. */
  message: string;
  /** Everything textlint said, for the log. */
  detail: string;
  configFile?: string;
  /** Set when the config names packages that are not installed (the fix is an install, not an edit). */
  missing?: MissingPackages;
}

export interface MissingPackages {
  /** npm names of the rules, presets, filters and plugins not found, sorted. */
  packages: string[];
  nodeModulesDir: string;
  install: InstallCommand;
}

export interface LoadedLinter {
  linter: Linter;
  /** What the status item shows: the config path, or the bundled preset's name. */
  label: string;
  /** Rule ids this linter runs (for documentation links and incremental linting). */
  ruleIds: string[];
  /** The same rules, filters and plugins in the kernel's terms (for the incremental linter). */
  kernelConfig: KernelConfig;
  nodeModulesDir?: string;
}

export type LoadResult = { ok: true; value: LoadedLinter } | { ok: false; error: ConfigError };

/** The package a "… is not found" error of textlint's module resolver names, as npm knows it. */
function missingPackageOf(error: Error): string | undefined {
  const missing = /"([^"]+)" is not found/.exec(error.message);
  if (!missing) return undefined;
  const kind = /filter rule/.test(error.message) ? "filter-rule" : /plugin/.test(error.message) ? "plugin" : "rule";
  const name = missing[1] ?? "";
  const scoped = /^(@[^/]+)\/(.+)$/.exec(name);
  // `@scope/preset-x` names the package `@scope/textlint-rule-preset-x`.
  if (scoped) return scoped[2]?.startsWith("textlint-") ? name : `${scoped[1]}/textlint-${kind}-${scoped[2]}`;
  return name.startsWith("@") || name.startsWith("textlint-") ? name : `textlint-${kind}-${name}`;
}

/**
 * Every package the config names that is not installed. textlint's loader stops at the first kind
 * that fails (rules, then filters, then plugins), so the other kinds are tried on their own.
 */
async function missingPackages(errors: Error[], configFile: string, nodeModulesDir: string): Promise<string[]> {
  const found = new Set(errors.map(missingPackageOf).filter((p): p is string => p !== undefined));
  if (found.size === 0) return [];
  const raw = await loadRawConfig({ configFilePath: configFile, node_modulesDir: nodeModulesDir, cwd: path.dirname(configFile) }).catch(() => undefined);
  if (raw?.ok) {
    for (const part of [{ filters: raw.rawConfig.filters }, { plugins: raw.rawConfig.plugins }]) {
      const result = await loadPackagesFromRawConfig({ rawConfig: part, node_moduleDir: nodeModulesDir }).catch(() => undefined);
      if (result && !result.ok) for (const e of result.error.errors) {
        const pkg = missingPackageOf(e);
        if (pkg) found.add(pkg);
      }
    }
  }
  return [...found].sort();
}

/** Packages not installed: which, where, and the project's own package manager's command. */
async function describeMissing(errors: Error[], choice: Extract<ConfigChoice, { kind: "project" }>, configFs: ConfigFs): Promise<ConfigError | undefined> {
  const { configFile, nodeModulesDir } = choice;
  const packages = await missingPackages(errors, configFile, nodeModulesDir);
  if (packages.length === 0) return undefined;
  const install = installCommandFor(configFs, path.dirname(configFile), choice.rootDir, path.dirname(nodeModulesDir));
  const verb = packages.length === 1 ? "is" : "are";
  const message = `${packages.join(", ")} ${verb} not installed in ${nodeModulesDir} (named in ${configFile}); run ${install.command} in ${install.cwd}`;
  return { message, detail: errorDetail(errors), configFile, missing: { packages, nodeModulesDir, install } };
}

function describeLoadError(errors: Error[], configFile: string): string {
  const first = errors[0]?.message.split("\n").slice(0, 2).join(" ").trim() ?? "unknown error";
  return `textlint cannot load ${configFile}: ${first}`;
}

/**
 * Why a config file could not be read. rc-config-loader, asked for a file by name, skips a file it
 * cannot parse and reports only "config is not found"; we parse it again with the same parsers
 * (JSON5, js-yaml) to tell the writer what and where the syntax error is.
 */
function syntaxProblem(configFile: string, configFs: ConfigFs): string {
  const text = configFs.readText(configFile);
  if (text === undefined) return "the file does not exist. Create it, or change the setting tsuzuri.textlint.configPath.";
  const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]?.replace(/\.$/, "") ?? "";
  const ext = path.extname(configFile);
  if (ext === ".js" || ext === ".cjs") return "the JavaScript config could not be loaded. See the output for details.";
  const parsers: [string, (t: string) => unknown][] =
    ext === ".yaml" || ext === ".yml"
      ? [["YAML", (t) => yaml.load(t)]]
      : ext === ".json"
        ? [["JSON", (t) => JSON5.parse(t)]]
        : [["JSON", (t) => JSON5.parse(t)], ["YAML", (t) => yaml.load(t)]];
  const problems: string[] = [];
  for (const [name, parse] of parsers) {
    try {
      const value = parse(text);
      if (typeof value !== "object" || value === null) problems.push(`${name}: not an object`);
      else return "textlint could not load it. See the output for details.";
    } catch (e) {
      problems.push(`${name}: ${firstLine(e)}`);
    }
  }
  return `invalid ${problems.join("; ")}. Fix the file's syntax.`;
}

function errorDetail(errors: Error[]): string {
  return errors.map((e) => e.stack ?? e.message).join("\n");
}

async function loadDescriptor(choice: ConfigChoice, configFs: ConfigFs): Promise<
  { ok: true; descriptor: TextlintKernelDescriptor; label: string } | { ok: false; error: ConfigError }
> {
  if (choice.kind === "bundled") {
    installBundledModuleHooks(configFs);
    const result = await loadPackagesFromRawConfig({ rawConfig: bundledRawConfig(choice.allow, choice.platform, choice.presetOptions), node_moduleDir: BUNDLED_NODE_MODULES });
    if (!result.ok) {
      const detail = errorDetail(result.error.errors);
      return { ok: false, error: { message: `The bundled textlint preset failed to load: ${result.error.message}`, detail } };
    }
    const { rules, filterRules, plugins } = result.config;
    const descriptor = new TextlintKernelDescriptor({ rules, filterRules, plugins: [...builtInPlugins, ...plugins] });
    return { ok: true, descriptor, label: BUNDLED_LABEL };
  }
  const { configFile, nodeModulesDir } = choice;
  const result = await loadConfig({ configFilePath: configFile, node_modulesDir: nodeModulesDir, cwd: path.dirname(configFile) });
  if (!result.ok) {
    const errors = result.error.errors;
    if (result.configFilePath) {
      const missing = await describeMissing(errors, choice, configFs);
      if (missing) return { ok: false, error: missing };
    }
    const message = result.configFilePath ? describeLoadError(errors, configFile) : `textlint cannot read ${configFile}: ${syntaxProblem(configFile, configFs)}`;
    return { ok: false, error: { message, detail: errorDetail(errors), configFile } };
  }
  if (path.resolve(result.configFilePath) !== path.resolve(configFile)) {
    // rc-config-loader skips a plain `.textlintrc` it cannot parse and moves on to another file.
    const message = `textlint cannot read ${configFile}: ${syntaxProblem(configFile, configFs)}`;
    return { ok: false, error: { message, detail: `loaded ${result.configFilePath} instead`, configFile } };
  }
  const { rules, filterRules, plugins } = result.config;
  if (rules.length === 0) {
    // textlint says "No rules found" and checks nothing; a writer would think the post is clean.
    const message = `${configFile} enables no textlint rules, so nothing would be checked. Add rules or presets to it.`;
    return { ok: false, error: { message, detail: JSON.stringify(result.rawConfig), configFile } };
  }
  const descriptor = new TextlintKernelDescriptor({
    rules,
    filterRules,
    plugins: [...builtInPlugins, ...plugins],
    configBaseDir: path.dirname(configFile),
  });
  return { ok: true, descriptor, label: configFile };
}

/**
 * A linter that runs some rules of a loaded config (`ruleIds`, in the config's order), with the
 * config's filters and plugins: for "fix all problems of this rule" (textlint's own fixer,
 * restricted the way `--rule` would) and for a fix-all without the rules the writer turned off.
 * Undefined when none of the config's rules is among them.
 */
export function linterForRules(loaded: LoadedLinter, ruleIds: ReadonlySet<string>): Linter | undefined {
  const { rules, filterRules, plugins, configBaseDir } = loaded.kernelConfig;
  const kept = rules.filter((r) => ruleIds.has(r.ruleId));
  if (kept.length === 0) return undefined;
  const descriptor = new TextlintKernelDescriptor({ rules: kept, filterRules, plugins, ...(configBaseDir ? { configBaseDir } : {}) });
  return createLinter({ descriptor });
}

function kernelConfigOf(descriptor: TextlintKernelDescriptor): KernelConfig {
  const options = descriptor.toKernelOptions();
  return {
    ...(options.configBaseDir ? { configBaseDir: options.configBaseDir } : {}),
    rules: options.rules ?? [],
    filterRules: options.filterRules ?? [],
    plugins: options.plugins ?? [],
  };
}

/** `configFs` finds the project's lockfile when packages are missing (which install command to suggest). */
export async function loadLinter(choice: ConfigChoice, configFs: ConfigFs): Promise<LoadResult> {
  let loaded;
  try {
    loaded = await loadDescriptor(choice, configFs);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    const where = choice.kind === "project" ? choice.configFile : "the bundled preset";
    return { ok: false, error: { message: `textlint cannot load ${where}: ${error.message}`, detail: error.stack ?? error.message } };
  }
  if (!loaded.ok) return loaded;
  const ignoreFilePath = path.join(choice.baseDir, ".textlintignore");
  const linter = createLinter({ descriptor: loaded.descriptor, ignoreFilePath, cwd: choice.baseDir });
  const ruleIds = loaded.descriptor.rule.descriptors.map((d) => d.id);
  return {
    ok: true,
    value: {
      linter,
      label: loaded.label,
      ruleIds,
      kernelConfig: kernelConfigOf(loaded.descriptor),
      ...(choice.kind === "project" ? { nodeModulesDir: choice.nodeModulesDir } : {}),
    },
  };
}
