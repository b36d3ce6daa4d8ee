/**
 * One morphological analyser per process, whatever the config. kuromoji's dictionary costs about
 * 300 MB (76 MB of JS heap, the rest typed arrays), and kuromojin keeps one per copy of the
 * package: a project whose rules bring their own kuromojin (preset-smarthr installs three: a hoisted
 * 3.x and two nested 2.x) would load three more dictionaries beside the bundled preset's.
 *
 * So when code outside our bundle (a project's rule) requires "kuromojin", it gets the process's own
 * kuromojin instead, if its copy has the API we serve (majors 1–3: `tokenize(text)` → tokens and
 * `getTokenizer()` → tokenizer, with the same IPADIC dictionary). Our copy's tokenizer already reports
 * UTF-16 positions (analyserPositions.ts), so every project rule gets that correction too, nested
 * copies included. A kuromojin of another major is loaded as installed.
 *
 * The same hook hands each copy of `prh` a project loads to prhMemo.ts, and each copy of
 * analyze-desumasu-dearu to analysisMemo.ts.
 *
 * Hooked at `Module._load`: rules are CommonJS, loaded by textlint through `import()`, and their own
 * `require` calls go through it (as does an ES module's import of a CommonJS file, by file name).
 */
import Module = require("node:module");
import * as fs from "node:fs";
import * as path from "node:path";
import { memoizePrh } from "./prhMemo";
import { memoizeSplit } from "./splitMemo";
import { memoizeAnalysis } from "./analysisMemo";

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
interface ModuleInternals {
  _load: Load;
  _resolveFilename(request: string, parent: unknown, isMain: boolean): string;
  _cache: Record<string, { exports: unknown; loaded: boolean } | undefined>;
}

export interface Kuromojin {
  tokenize(text: string, options?: Record<string, unknown>): Promise<readonly unknown[]>;
  getTokenizer(options?: Record<string, unknown>): Promise<unknown>;
}

/** What the hook did, for the log and the tests. */
export const sharingStats = {
  /** Project copies of kuromojin answered with ours, by package folder. */
  kuromojinShared: new Set<string>(),
  /** Copies loaded as installed (unknown major), with their version. */
  kuromojinOwn: new Map<string, string>(),
  /** Copies of prh whose parsing is memoized. */
  prhMemoized: 0,
  /** Copies of analyze-desumasu-dearu whose analyses are memoized. */
  analysisMemoized: 0,
  /** Copies of sentence-splitter whose splitAST is remembered (splitMemo.ts). */
  splitMemoized: 0,
};

/** The majors whose API we serve: 1.x exports tokenize itself, 2.x and 3.x an object. */
const SERVED_MAJORS = new Set([1, 2, 3]);

let installed: { kuromojin: Kuromojin } | undefined;

/** The package folder of `name` that `file` belongs to (the innermost node_modules/<name>). */
function packageDirOf(file: string, name: string): string | undefined {
  const marker = `${path.sep}node_modules${path.sep}${name}${path.sep}`;
  const at = file.lastIndexOf(marker);
  return at < 0 ? undefined : file.slice(0, at + marker.length - 1);
}

function versionOf(packageDir: string): string | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/** The package's entry file, as `require(name)` resolves it (absolute requests are ESM imports by file name). */
function isEntryOf(file: string, packageDir: string): boolean {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { main?: unknown };
    const main = path.resolve(packageDir, typeof pkg.main === "string" ? pkg.main : "index.js");
    return [main, `${main}.js`, path.join(main, "index.js")].includes(file);
  } catch {
    return false;
  }
}

const servedByDir = new Map<string, unknown>();

/** Our kuromojin in the shape of the copy at `packageDir`, or undefined to load that copy as installed. */
function sharedKuromojinFor(packageDir: string, own: Kuromojin): unknown {
  if (servedByDir.has(packageDir)) return servedByDir.get(packageDir);
  const version = versionOf(packageDir) ?? "?";
  const major = Number(version.split(".")[0]);
  let served: unknown;
  if (SERVED_MAJORS.has(major)) {
    // Always through our own getTokenizer first: kuromojin builds its one tokenizer with the options
    // of the first call, and a rule's options (a dicPath of its own copy) must not decide that.
    const getTokenizer = (): Promise<unknown> => own.getTokenizer();
    const tokenize = (text: string, options?: Record<string, unknown>): Promise<readonly unknown[]> =>
      own.getTokenizer().then(() => own.tokenize(text, options));
    if (major === 1) {
      // 1.x had no token cache: each call returned fresh tokens a rule could change.
      const v1 = (text: string): Promise<readonly unknown[]> => tokenize(text, { noCacheTokenize: true });
      served = Object.assign(v1, { tokenize: v1, getTokenizer });
    } else {
      served = Object.defineProperty({ tokenize, getTokenizer }, "__esModule", { value: true });
    }
    sharingStats.kuromojinShared.add(packageDir);
  } else {
    sharingStats.kuromojinOwn.set(packageDir, version);
  }
  servedByDir.set(packageDir, served);
  return served;
}

/**
 * Installs the hook (once per process). `kuromojin` is the process's own copy, whose tokenizer
 * everyone then shares.
 */
export function shareAnalyserAndDictionaries(kuromojin: Kuromojin): void {
  if (installed) return;
  installed = { kuromojin };
  const internals = Module as unknown as ModuleInternals;
  const load = internals._load;
  internals._load = function sharedLoad(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    const isAbsolute = path.isAbsolute(request);
    if (request === "kuromojin" || (isAbsolute && request.includes(`${path.sep}kuromojin${path.sep}`))) {
      const served = kuromojinFor(request, parent, isMain, isAbsolute, kuromojin, internals);
      if (served !== undefined) return served;
    }
    const loaded = load.call(this, request, parent, isMain);
    if (request === "prh" || (isAbsolute && request.includes(`${path.sep}prh${path.sep}`) && isPrhEntry(request))) {
      if (memoizePrh(loaded)) sharingStats.prhMemoized++;
    }
    if (request === ANALYSIS || (isAbsolute && request.includes(`${path.sep}${ANALYSIS}${path.sep}`) && isEntryOfPackage(request, ANALYSIS))) {
      if (memoizeAnalysis(loaded)) sharingStats.analysisMemoized++;
    }
    if (request === SPLITTER || (isAbsolute && request.includes(`${path.sep}${SPLITTER}${path.sep}`) && isEntryOfPackage(request, SPLITTER))) {
      if (memoizeSplit(loaded)) sharingStats.splitMemoized++;
    }
    return loaded;
  };
}

function kuromojinFor(request: string, parent: unknown, isMain: boolean, isAbsolute: boolean, own: Kuromojin, internals: ModuleInternals): unknown {
  let file: string;
  try {
    file = isAbsolute ? request : internals._resolveFilename(request, parent, isMain);
  } catch {
    return undefined; // not installed: let Node report it as it would
  }
  const packageDir = packageDirOf(file, "kuromojin");
  if (!packageDir || (isAbsolute && !isEntryOf(file, packageDir))) return undefined;
  const served = sharedKuromojinFor(packageDir, own);
  // An ES module's import reads the exports of the module record Node prepared for the file, not
  // what _load returns: that record gets ours (Node 20).
  const record = isAbsolute ? internals._cache[file] : undefined;
  if (served !== undefined && record && !record.loaded) {
    record.exports = served;
    record.loaded = true;
  }
  return served;
}

const ANALYSIS = "analyze-desumasu-dearu";
const SPLITTER = "sentence-splitter";

function isPrhEntry(file: string): boolean {
  return isEntryOfPackage(file, "prh");
}

function isEntryOfPackage(file: string, name: string): boolean {
  const packageDir = packageDirOf(file, name);
  return packageDir !== undefined && isEntryOf(file, packageDir);
}

/**
 * Whether a project's hoisted kuromojin (if any) will be served ours, i.e. whether warming our own
 * dictionary helps a lint with that project's config.
 */
export function projectSharesAnalyser(nodeModulesDir: string): boolean {
  const dir = path.join(nodeModulesDir, "kuromojin");
  if (!fs.existsSync(dir)) return true;
  const major = Number((versionOf(dir) ?? "?").split(".")[0]);
  return SERVED_MAJORS.has(major);
}
