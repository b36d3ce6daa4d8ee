/**
 * The real-file-system side of the engine's dependencies, used by the server's worker and the CLI.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { patchKuromojiAt } from "./core/analyserPositions";
import type { ConfigFs } from "./core/configResolution";
import { LintEngine } from "./core/lintEngine";
import type { PackageInfo } from "./core/ruleDocs";
import { bundledRuleDocs } from "./core/bundledRuleDocs";

export const nodeConfigFs: ConfigFs = {
  isFile: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false,
  isDirectory: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false,
  readText: (p) => {
    try {
      return fs.readFileSync(p, "utf8");
    } catch {
      return undefined;
    }
  },
};

/** Looks for `name` in `fromDir` (a node_modules folder) and the node_modules folders above it. */
export function readPackageFromDisk(name: string, fromDir: string): PackageInfo | undefined {
  let dir = path.resolve(fromDir);
  for (;;) {
    const base = path.basename(dir) === "node_modules" ? dir : path.join(dir, "node_modules");
    const manifest = path.join(base, name, "package.json");
    const text = nodeConfigFs.readText(manifest);
    if (text !== undefined) {
      try {
        const pkg = JSON.parse(text) as { homepage?: unknown };
        return { dir: path.dirname(manifest), ...(typeof pkg.homepage === "string" ? { homepage: pkg.homepage } : {}) };
      } catch {
        return undefined;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

let ownAnalyserPatched = false;

/** Our own (bundled) kuromoji counts positions in UTF-16 from the first lint on. */
export function patchOwnAnalyser(): void {
  if (ownAnalyserPatched) return;
  ownAnalyserPatched = true;
  patchKuromojiAt((id) => require(id), "kuromoji/src/Tokenizer.js");
}

/** A project's own kuromoji (hoisted in its node_modules) gets the same correction. */
export function patchProjectAnalyser(nodeModulesDir: string): void {
  const requireFromProject = createRequire(path.join(nodeModulesDir, "noop.js"));
  patchKuromojiAt(requireFromProject, path.join(nodeModulesDir, "kuromoji", "src", "Tokenizer.js"));
}

export function createNodeEngine(): LintEngine {
  patchOwnAnalyser();
  return new LintEngine({
    fs: nodeConfigFs,
    readPackage: readPackageFromDisk,
    bundledRuleDocs,
    prepareNodeModules: patchProjectAnalyser,
  });
}
