/**
 * The real-file-system side of the engine's dependencies, used by the server's worker and the CLI.
 */
import * as path from "node:path";
import { createRequire } from "node:module";
import { patchKuromojiAt } from "../core/analyser/analyserPositions";
import ownTokenizer = require("kuromoji/src/Tokenizer.js");
import ownViterbiBuilder = require("kuromoji/src/viterbi/ViterbiBuilder.js");
import ownViterbiLattice = require("kuromoji/src/viterbi/ViterbiLattice.js");
import ownViterbiNode = require("kuromoji/src/viterbi/ViterbiNode.js");
import ownSurrogateAwareString = require("kuromoji/src/util/SurrogateAwareString.js");
import { patchLatticeBuilder, type LatticeParts } from "../core/analyser/analyserLattice";
import { memoizeTokens } from "./tokenMemo";
import ownKuromojin = require("kuromojin");
// The prh that the bundled rules use (ja-no-abusage, preset-jtf-style through textlint-rule-prh).
import ownPrh = require("prh");
import { memoizePrh } from "./prhMemo";
// The analyser of である/ですます that the bundled no-mix-dearu-desumasu uses.
import ownAnalysis = require("analyze-desumasu-dearu");
import { memoizeAnalysis } from "./analysisMemo";
import { shareAnalyserAndDictionaries } from "./sharedModules";
import { nodeConfigFs } from "./nodeFs";
import { LintEngine } from "../core/lint/lintEngine";
import type { PackageInfo } from "../core/lint/ruleDocs";
import { bundledRuleDocs } from "../core/lint/bundledRuleDocs";


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
  // A literal require, so that esbuild bundles the very Tokenizer module kuromoji itself uses.
  patchKuromojiAt(() => ownTokenizer, "kuromoji/src/Tokenizer.js");
  memoizeTokens((ownTokenizer as { prototype: Parameters<typeof memoizeTokens>[0] }).prototype);
  // Literal requires again: the lattice classes of that same kuromoji.
  patchLatticeBuilder({
    ViterbiBuilder: ownViterbiBuilder,
    ViterbiLattice: ownViterbiLattice,
    ViterbiNode: ownViterbiNode,
    SurrogateAwareString: ownSurrogateAwareString,
  } as unknown as LatticeParts);
}

/**
 * A project's own kuromoji (hoisted in its node_modules) gets the same correction, for the case
 * where its kuromojin is not served ours (sharedModules.ts).
 */
export function patchProjectAnalyser(nodeModulesDir: string): void {
  const requireFromProject = createRequire(path.join(nodeModulesDir, "noop.js"));
  patchKuromojiAt(requireFromProject, path.join(nodeModulesDir, "kuromoji", "src", "Tokenizer.js"));
  const src = path.join(nodeModulesDir, "kuromoji", "src");
  try {
    memoizeTokens((requireFromProject(path.join(src, "Tokenizer.js")) as { prototype: Parameters<typeof memoizeTokens>[0] }).prototype);
    patchLatticeBuilder({
      ViterbiBuilder: requireFromProject(path.join(src, "viterbi", "ViterbiBuilder.js")),
      ViterbiLattice: requireFromProject(path.join(src, "viterbi", "ViterbiLattice.js")),
      ViterbiNode: requireFromProject(path.join(src, "viterbi", "ViterbiNode.js")),
      SurrogateAwareString: requireFromProject(path.join(src, "util", "SurrogateAwareString.js")),
    } as LatticeParts);
  } catch {
    // No kuromoji of that shape there: its rules run as installed.
  }
}

/**
 * In the bundle (dist/), kuromoji's dictionary ships beside the script, since kuromojin's own
 * lookup (`require.resolve("kuromoji")`) has no node_modules to search there.
 */
function useShippedDictionary(): void {
  const shipped = path.join(__dirname, "dict");
  if (!process.env["KUROMOJIN_DIC_PATH"] && nodeConfigFs.isFile(path.join(shipped, "base.dat.gz"))) {
    process.env["KUROMOJIN_DIC_PATH"] = shipped;
  }
}

export function createNodeEngine(): LintEngine {
  useShippedDictionary();
  patchOwnAnalyser();
  // One dictionary and one parse of each prh dictionary per process, whatever the configs.
  shareAnalyserAndDictionaries(ownKuromojin);
  memoizePrh(ownPrh);
  // The whole-post style rule's analyses of unchanged paragraphs, once per process.
  memoizeAnalysis(ownAnalysis as unknown);
  return new LintEngine({
    fs: nodeConfigFs,
    readPackage: readPackageFromDisk,
    bundledRuleDocs,
    prepareNodeModules: patchProjectAnalyser,
  });
}
