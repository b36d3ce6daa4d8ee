/**
 * One sentence split per paragraph, not one per rule. Seven rules of ja-technical-writing (and of
 * preset-smarthr and most project configs) call sentence-splitter's `splitAST(paragraph, options)` on
 * every paragraph, each on its own: the same parse up to seven times, and each parse first builds a
 * copy of the post up to the paragraph (its SourceCode pads the text before the paragraph so that
 * offsets stay absolute), so a post's splits grew with the square of its length. That was a quarter
 * of a lint's time.
 *
 * `splitAST` is a pure function of the node and the options, and the kernel hands every rule the
 * same node object; so we wrap `splitAST` on each copy of the package (sharedModules.ts): a call with
 * a node and options seen before (same text, same place, same JSON options) gets the tree built then.
 * The rules above only read that tree (filter its children, measure its sentences); each caller gets
 * its own root object and children array, the sentences inside are shared. Options that are not
 * plain JSON (a parser class) are called through. No library offers this: sentence-splitter has no
 * cache, and textlint runs rules independently by design.
 */

import { wrapExports } from "./moduleWrap";

interface Position {
  line: number;
  column: number;
}

interface SplitNode {
  raw?: unknown;
  range?: unknown;
  loc?: { start?: Position; end?: Position };
  children?: unknown;
}

type SplitAst = (node: SplitNode, options?: unknown) => unknown;

interface Remembered {
  raw: string;
  start: number;
  end: number;
  line: number;
  column: number;
  result: { children?: unknown[] };
}

const wrapped = new WeakSet<object>();

export const splitMemoStats = { splits: 0, hits: 0 };

/**
 * The options as a key, or undefined when they are not plain JSON (called through). Separator lists
 * are compared as sets (the parser only asks whether a character is in the list), and no options
 * means the package's default list, so that max-comma's `splitAST(node)` and no-doubled-joshi's
 * explicit copy of the default list share one split.
 */
export function optionsKey(options: unknown, defaultSeparators: readonly string[] | undefined): string | undefined {
  const separators = separatorsOnly(options) ?? (options === undefined ? defaultSeparators : undefined);
  if (separators) return `s\0${[...new Set(separators)].sort().join("\0")}`;
  if (options === undefined) return "";
  let plain = true;
  const json = JSON.stringify(options, (_key, value: unknown) => {
    if (typeof value === "function" || (typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype)) plain = false;
    return value;
  });
  return plain ? `j\0${json}` : undefined;
}

/** The separator list of `{ SeparatorParser: { separatorCharacters } }` and nothing else. */
function separatorsOnly(options: unknown): string[] | undefined {
  if (!isPlainObject(options) || Object.keys(options).join() !== "SeparatorParser") return undefined;
  const parser = options["SeparatorParser"];
  if (!isPlainObject(parser) || Object.keys(parser).join() !== "separatorCharacters") return undefined;
  const list = parser["separatorCharacters"];
  return Array.isArray(list) && list.every((c) => typeof c === "string") ? (list as string[]) : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Where the node is: the cache is only valid for the same text at the same place. */
function placeOf(node: SplitNode): Omit<Remembered, "result"> | undefined {
  const range = node.range;
  const start = node.loc?.start;
  if (typeof node.raw !== "string" || !Array.isArray(range) || typeof range[0] !== "number" || typeof range[1] !== "number") return undefined;
  if (typeof start?.line !== "number" || typeof start.column !== "number") return undefined;
  return { raw: node.raw, start: range[0], end: range[1], line: start.line, column: start.column };
}

function samePlace(a: Omit<Remembered, "result">, b: Omit<Remembered, "result">): boolean {
  return a.raw === b.raw && a.start === b.start && a.end === b.end && a.line === b.line && a.column === b.column;
}

/** The caller's own root: a shallow copy with its own children array. */
function fresh(result: Remembered["result"]): unknown {
  return Array.isArray(result.children) ? { ...result, children: [...result.children] } : { ...result };
}

/** The copy's default separator list (sentence-splitter 4+ exports it), if it has one. */
function defaultSeparatorsOf(mod: { DefaultSentenceSplitterOptions?: unknown }): readonly string[] | undefined {
  try {
    const defaults = mod.DefaultSentenceSplitterOptions as { separatorCharacters?: unknown } | undefined;
    const list = defaults?.separatorCharacters;
    return Array.isArray(list) && list.every((c) => typeof c === "string") ? [...(list as string[])] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wraps `splitAST` of a sentence-splitter module's exports (idempotent). Returns false when `mod`
 * has no `splitAST` function or its exports are read-only (then it is left alone).
 */
export function memoizeSplit(mod: unknown): boolean {
  return wrapExports(mod, ["splitAST"], wrapped, ({ splitAST }) => {
    const split = splitAST as unknown as SplitAst;
    const defaults = defaultSeparatorsOf(mod as { DefaultSentenceSplitterOptions?: unknown });
    const memo = new WeakMap<object, Map<string, Remembered>>();
    return {
      splitAST: function memoSplitAST(this: unknown, node: SplitNode, options?: unknown): unknown {
        const key = typeof node === "object" && node !== null ? optionsKey(options, defaults) : undefined;
        const place = key === undefined ? undefined : placeOf(node);
        if (key === undefined || place === undefined) return split.call(this, node, options);
        let byOptions = memo.get(node);
        const known = byOptions?.get(key);
        if (known && samePlace(known, place)) {
          splitMemoStats.hits++;
          return fresh(known.result);
        }
        const result = split.call(this, node, options);
        splitMemoStats.splits++;
        if (typeof result !== "object" || result === null) return result;
        if (!byOptions) memo.set(node, (byOptions = new Map()));
        byOptions.set(key, { ...place, result: result as Remembered["result"] });
        return fresh(result as Remembered["result"]);
      },
    };
  });
}
