/**
 * Which package manager a project uses, and so which command installs its packages: the lockfile
 * says it (`bun.lock`/`bun.lockb` → bun, `pnpm-lock.yaml` → pnpm, `yarn.lock` → yarn,
 * `package-lock.json` → npm), else package.json's `packageManager` field (corepack's), else npm.
 * A writer told to run `npm install` in a bun or pnpm repository gets a second lockfile and a
 * different tree of packages. Pure: file lookups are passed in.
 */
import * as path from "node:path";
import type { ConfigFs } from "./configResolution";

export type PackageManager = "npm" | "pnpm" | "yarn" | "bun";

export interface InstallCommand {
  manager: PackageManager;
  /** What to run, e.g. `pnpm install`. */
  command: string;
  /** Where to run it: the folder of the lockfile (or package.json) that decided the manager. */
  cwd: string;
  /** The file that decided it (absent: nothing did, npm by default). */
  evidence?: string;
}

/** In the order checked within one folder (a folder with two lockfiles is rare; the first wins). */
export const LOCKFILES: readonly (readonly [string, PackageManager])[] = [
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["package-lock.json", "npm"],
  ["npm-shrinkwrap.json", "npm"],
];

const MANAGERS: readonly PackageManager[] = ["npm", "pnpm", "yarn", "bun"];

function command(manager: PackageManager, cwd: string, evidence?: string): InstallCommand {
  return { manager, command: `${manager} install`, cwd, ...(evidence ? { evidence } : {}) };
}

/** package.json's `"packageManager": "pnpm@9.1.0"` (corepack), if it names one we know. */
function declaredManager(fs: Pick<ConfigFs, "readText">, packageJson: string): PackageManager | undefined {
  const text = fs.readText(packageJson);
  if (text === undefined) return undefined;
  try {
    const field = (JSON.parse(text) as { packageManager?: unknown }).packageManager;
    const name = typeof field === "string" ? field.split("@")[0] : undefined;
    return MANAGERS.find((m) => m === name);
  } catch {
    return undefined;
  }
}

/**
 * The install command for a project whose config is in `fromDir`: the nearest folder from `fromDir`
 * up to `stopDir` (inclusive; the file system root when absent) with a lockfile or a package.json
 * naming its manager decides; else `npm install` in `fallbackCwd` (default `fromDir`).
 */
export function installCommandFor(fs: Pick<ConfigFs, "isFile" | "readText">, fromDir: string, stopDir?: string, fallbackCwd?: string): InstallCommand {
  let dir = path.resolve(fromDir);
  const stop = stopDir === undefined ? undefined : path.resolve(stopDir);
  for (;;) {
    for (const [name, manager] of LOCKFILES) {
      const file = path.join(dir, name);
      if (fs.isFile(file)) return command(manager, dir, file);
    }
    const pkg = path.join(dir, "package.json");
    const declared = fs.isFile(pkg) ? declaredManager(fs, pkg) : undefined;
    if (declared) return command(declared, dir, pkg);
    const parent = path.dirname(dir);
    if (dir === stop || parent === dir) break;
    dir = parent;
  }
  return command("npm", fallbackCwd ?? path.resolve(fromDir));
}
