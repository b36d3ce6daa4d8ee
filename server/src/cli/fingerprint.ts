/**
 * What a config's results depend on besides the post's text, hashed for the result cache: the
 * config file's content, the files it names by a relative path (prh dictionaries and the like),
 * the folder's .textlintignore, the versions of the textlint packages in its node_modules (rules,
 * presets, filters, plugins, textlint itself, one level of nesting), npm's record of what is
 * installed (node_modules/.package-lock.json) and the project's lockfile, and Tsuzuri's version
 * (which fixes the bundled preset). Read once per config per run.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ConfigChoice } from "../core/lint/configResolution";

const LOCKFILES = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb"];

function readOrEmpty(file: string): Buffer | string {
  try {
    return fs.readFileSync(file);
  } catch {
    return "";
  }
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** `name@version` of every package with "textlint" in its name under `nodeModulesDir`, and one level below. */
export function textlintPackageVersions(nodeModulesDir: string, depth = 1): string[] {
  const out: string[] = [];
  for (const entry of listDir(nodeModulesDir)) {
    const names = entry.startsWith("@") ? listDir(path.join(nodeModulesDir, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of names) {
      if (!name.includes("textlint")) continue;
      const dir = path.join(nodeModulesDir, name);
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version?: unknown };
        out.push(`${name}@${String(pkg.version)}`);
      } catch {
        out.push(`${name}@?`);
      }
      if (depth > 0) for (const nested of textlintPackageVersions(path.join(dir, "node_modules"), depth - 1)) out.push(`${name}>${nested}`);
    }
  }
  return out;
}

/** Relative file names a config's text mentions that exist beside it (e.g. prh's rulePaths). */
function namedFiles(configText: string, configDir: string): string[] {
  const found = new Set<string>();
  for (const match of configText.matchAll(/[^\s"'`,:[\]{}()]+\.(?:ya?ml|json5?|txt|dic|csv|c?js)\b/g)) {
    const file = path.resolve(configDir, match[0]);
    if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) found.add(file);
  }
  return [...found].sort();
}

export function configFingerprint(choice: ConfigChoice, tsuzuriVersion: string): string {
  const hash = createHash("sha256");
  const add = (label: string, value: Buffer | string): void => {
    hash.update(`\0${label}\0`);
    hash.update(value);
  };
  add("tsuzuri", tsuzuriVersion);
  add("ignore", readOrEmpty(path.join(choice.baseDir, ".textlintignore")));
  if (choice.kind === "bundled") return hash.digest("hex");
  const configText = readOrEmpty(choice.configFile);
  add("config", configText);
  for (const file of namedFiles(configText.toString(), path.dirname(choice.configFile))) add(file, readOrEmpty(file));
  add("packages", textlintPackageVersions(choice.nodeModulesDir).join("\n"));
  add("installed", readOrEmpty(path.join(choice.nodeModulesDir, ".package-lock.json")));
  const projectDir = path.dirname(choice.nodeModulesDir);
  for (const lockfile of LOCKFILES) add(lockfile, readOrEmpty(path.join(projectDir, lockfile)));
  return hash.digest("hex");
}

/** configFingerprint, each config's read once (for one run: a later run sees the config's changes). */
export function fingerprintMemo(tsuzuriVersion: string): (choice: ConfigChoice) => string {
  const memo = new Map<string, string>();
  return (choice) => {
    let value = memo.get(choice.key);
    if (value === undefined) memo.set(choice.key, (value = configFingerprint(choice, tsuzuriVersion)));
    return value;
  };
}
