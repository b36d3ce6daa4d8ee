/**
 * Builds a textlint linter for a config choice with textlint's own config loader and kernel, and
 * turns every way that can fail into one clear, actionable message.
 */
import * as path from "node:path";
import { loadConfig, loadPackagesFromRawConfig } from "@textlint/config-loader";
import { TextlintKernelDescriptor } from "@textlint/kernel";
import { createLinter } from "textlint";
import { BUNDLED_LABEL, BUNDLED_NODE_MODULES, bundledRawConfig, installBundledModuleHooks } from "./bundledConfig";
import type { ConfigChoice } from "./configResolution";
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
}

export interface LoadedLinter {
  linter: Linter;
  /** What the status item shows: the config path, or the bundled preset's name. */
  label: string;
  /** Rule ids this linter runs (for documentation links and incremental linting). */
  ruleIds: string[];
  nodeModulesDir?: string;
}

export type LoadResult = { ok: true; value: LoadedLinter } | { ok: false; error: ConfigError };

function describeLoadErrors(errors: Error[], configFile: string, nodeModulesDir: string): string {
  for (const error of errors) {
    const missing = /"([^"]+)" is not found/.exec(error.message);
    if (missing) {
      const kind = /filter rule/.test(error.message) ? "filter-rule" : /plugin/.test(error.message) ? "plugin" : "rule";
      const name = missing[1] ?? "";
      const pkg = name.startsWith("@") || name.startsWith("textlint-") ? name : `textlint-${kind}-${name}`;
      return `${pkg} is not installed in ${nodeModulesDir} (named in ${configFile}); run npm install in ${path.dirname(nodeModulesDir)}`;
    }
  }
  const first = errors[0]?.message.split("\n").slice(0, 2).join(" ").trim() ?? "unknown error";
  return `textlint cannot load ${configFile}: ${first}`;
}

function errorDetail(errors: Error[]): string {
  return errors.map((e) => e.stack ?? e.message).join("\n");
}

async function loadDescriptor(choice: ConfigChoice): Promise<
  { ok: true; descriptor: TextlintKernelDescriptor; label: string } | { ok: false; error: ConfigError }
> {
  if (choice.kind === "bundled") {
    installBundledModuleHooks();
    const result = await loadPackagesFromRawConfig({ rawConfig: bundledRawConfig, node_moduleDir: BUNDLED_NODE_MODULES });
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
    const parseFailure = !result.configFilePath;
    const message = parseFailure
      ? `textlint cannot read ${configFile}: ${errors[0]?.message.split("\n").pop()?.trim() ?? result.error.message}. Fix the file's syntax.`
      : describeLoadErrors(errors, configFile, nodeModulesDir);
    return { ok: false, error: { message, detail: errorDetail(errors), configFile } };
  }
  if (path.resolve(result.configFilePath) !== path.resolve(configFile)) {
    // rc-config-loader skips a plain `.textlintrc` it cannot parse and moves on to another file.
    const message = `textlint cannot read ${configFile}: it is neither valid JSON nor valid YAML. Fix the file's syntax.`;
    return { ok: false, error: { message, detail: `loaded ${result.configFilePath} instead`, configFile } };
  }
  const { rules, filterRules, plugins } = result.config;
  const descriptor = new TextlintKernelDescriptor({
    rules,
    filterRules,
    plugins: [...builtInPlugins, ...plugins],
    configBaseDir: path.dirname(configFile),
  });
  return { ok: true, descriptor, label: configFile };
}

export async function loadLinter(choice: ConfigChoice): Promise<LoadResult> {
  let loaded;
  try {
    loaded = await loadDescriptor(choice);
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
      ...(choice.kind === "project" ? { nodeModulesDir: choice.nodeModulesDir } : {}),
    },
  };
}
