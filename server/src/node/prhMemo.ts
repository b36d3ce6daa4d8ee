/**
 * prh dictionaries parsed once per process instead of once per lint. textlint builds a rule's
 * handlers afresh for every lint (and the incremental linter lints block by block), and
 * textlint-rule-prh (used by ja-no-abusage, preset-smarthr's prh-rules, preset-jtf-style and
 * `prh` in project configs) parses its YAML dictionaries and compiles and self-checks every rule
 * each time: about a tenth of a lint's time with the bundled preset, more with preset-smarthr's
 * 55 KB dictionary.
 *
 * We wrap `fromYAML` and `fromYAMLFilePath` of a prh module's exports (ours and each copy a project
 * installs): the first call builds the engine as prh does; later calls with the same content, or the
 * same file unchanged on disk (size and mtime of the file and of every file it imports), get a copy
 * of it. The copy has its own arrays, since callers `merge` other engines into what they get; the
 * compiled rules inside are shared, as they are within one engine (prh resets a rule's regular
 * expression before each use).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Lru } from "../core/shared/lru";
import { wrapExports } from "./moduleWrap";

interface PrhEngine {
  targets: unknown[];
  rules: unknown[];
  sourcePaths: string[];
}

interface PrhOptions {
  disableImports?: boolean;
}

export interface PrhModule {
  fromYAML(configPath: string, yamlContent: string, opts?: PrhOptions): PrhEngine;
  fromYAMLFilePath(configPath: string, opts?: PrhOptions): PrhEngine;
}

interface FileStamp {
  file: string;
  stamp: string;
}

interface Entry {
  engine: PrhEngine;
  /** The files the engine was read from (imports included), as they were then. */
  files: FileStamp[];
}

/** Distinct dictionaries kept per copy of prh: a config names a handful, so this only bounds a pathological case. */
const LIMIT = 64;
/** Per copy of prh (their engines are their own classes). */
const memos = new Set<Lru<string, Entry>>();
const wrapped = new WeakSet<object>();

export const prhMemoStats = { builds: 0, hits: 0 };

function stampOf(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return "missing";
  }
}

function stamped(files: readonly string[]): FileStamp[] {
  return files.map((file) => ({ file, stamp: stampOf(file) }));
}

function copyOf(engine: PrhEngine): PrhEngine {
  const copy = Object.create(Object.getPrototypeOf(engine) as object) as PrhEngine;
  Object.assign(copy, engine);
  copy.targets = [...engine.targets];
  copy.rules = [...engine.rules];
  copy.sourcePaths = [...engine.sourcePaths];
  return copy;
}

/**
 * The engine for `key`, built by `build` unless a copy is known and its files are unchanged.
 * `own` is the dictionary file itself, stamped before it is read (an edit while prh reads it is then
 * seen next time); `importsOf` lists the files an engine imported.
 */
function remember(
  memo: Lru<string, Entry>,
  key: string,
  own: string | undefined,
  build: () => PrhEngine,
  importsOf: (engine: PrhEngine) => string[],
): PrhEngine {
  const known = memo.get(key);
  if (known && known.files.every((f) => stampOf(f.file) === f.stamp)) {
    prhMemoStats.hits++;
    return copyOf(known.engine);
  }
  const ownStamp = own === undefined ? [] : stamped([own]);
  const engine = build();
  prhMemoStats.builds++;
  memo.set(key, { engine, files: [...ownStamp, ...stamped(importsOf(engine))] });
  return copyOf(engine);
}

/**
 * Wraps a prh module's two parsing entry points (idempotent). Returns false when `prh` is not a
 * prh module we know (then it is left alone).
 */
export function memoizePrh(prh: unknown): boolean {
  const memo = new Lru<string, Entry>(LIMIT);
  // An engine's first source path is its own file (a dummy name for inline contents); the others are imports.
  const imports = (engine: PrhEngine): string[] => engine.sourcePaths.slice(1);
  const done = wrapExports(prh, ["fromYAML", "fromYAMLFilePath"], wrapped, (originals) => {
    const fromYAML = originals.fromYAML as unknown as PrhModule["fromYAML"];
    const fromYAMLFilePath = originals.fromYAMLFilePath as unknown as PrhModule["fromYAMLFilePath"];
    return {
      fromYAML: function memoFromYAML(this: unknown, configPath: string, yamlContent: string, opts: PrhOptions = {}): PrhEngine {
        if (typeof yamlContent !== "string" || typeof configPath !== "string") return fromYAML.call(this, configPath, yamlContent, opts);
        const key = `yaml\0${configPath}\0${opts.disableImports ? 1 : 0}\0${yamlContent}`;
        return remember(memo, key, undefined, () => fromYAML.call(this, configPath, yamlContent, opts), imports);
      },
      fromYAMLFilePath: function memoFromYAMLFilePath(this: unknown, configPath: string, opts: PrhOptions = {}): PrhEngine {
        if (typeof configPath !== "string") return fromYAMLFilePath.call(this, configPath, opts);
        const key = `file\0${path.resolve(configPath)}\0${opts.disableImports ? 1 : 0}`;
        return remember(memo, key, configPath, () => fromYAMLFilePath.call(this, configPath, opts), imports);
      },
    };
  });
  if (done) memos.add(memo);
  return done;
}

/** Forgets every parsed dictionary (tests). */
export function clearPrhMemo(): void {
  for (const memo of memos) memo.clear();
  prhMemoStats.builds = 0;
  prhMemoStats.hits = 0;
}
