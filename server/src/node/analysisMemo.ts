/**
 * Style analyses of unchanged text answered from memory. textlint-rule-no-mix-dearu-desumasu (in
 * ja-technical-writing, preset-smarthr and many project configs) has to see the whole post: it counts
 * である and ですます over every paragraph, heading and list item and reports the minority style at
 * the end. So the incremental linter runs it over the whole post at every edit (ruleLocality.ts),
 * and its `analyze(text)` of analyze-desumasu-dearu — a kuromoji tokenization (kuromojin's cache)
 * plus a scan of the tokens — is then about two thirds of that whole-post pass: ~10 of ~15 ms per
 * edit on a 100k post, nearly all of it for paragraphs the edit did not touch.
 *
 * `analyze` is a pure function of its text and options (the dictionary is fixed for the process), so
 * we wrap it on each copy of the package (ours and each copy a project installs, see
 * sharedModules.ts): the same text and options get the result computed before, as a fresh array
 * (callers filter it; the match objects inside are shared, and only read). The rule's own logic —
 * which node, which count, which message — runs as it does; only the analysis is remembered.
 * No library offers this: kuromojin's own cache remembers tokens, not the analysis.
 */

import { Lru } from "../core/shared/lru";
import { wrapExports } from "./moduleWrap";

interface AnalyzeOptions {
  ignoreConjunction?: boolean;
}

type Analyze = (text: string, options?: AnalyzeOptions) => unknown;

/** Characters of analysed text remembered per copy of the package (most recently used kept). */
const CHAR_BUDGET = 2_000_000;

const wrapped = new WeakSet<object>();
const memos = new Set<Lru<string, unknown>>();

export const analysisMemoStats = { analyses: 0, hits: 0 };

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** A copy of an analysis result for one caller (an array, or a promise of one). */
function fresh(result: unknown): unknown {
  if (isThenable(result)) return result.then((r) => (Array.isArray(r) ? [...r] : r));
  return Array.isArray(result) ? [...result] : result;
}

/** The memo key of a call, or undefined for options this memo does not know (called through). */
function keyOf(text: unknown, options: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  if (options === undefined) return `d\0${text}`;
  if (typeof options !== "object" || options === null) return undefined;
  const keys = Object.keys(options);
  if (keys.some((k) => k !== "ignoreConjunction")) return undefined;
  const flag = (options as AnalyzeOptions).ignoreConjunction;
  if (flag !== undefined && typeof flag !== "boolean") return undefined;
  return `${flag === undefined ? "d" : flag ? "1" : "0"}\0${text}`;
}

/**
 * Wraps `analyze` of an analyze-desumasu-dearu module's exports (idempotent). Returns false when
 * `mod` has no `analyze` function or its exports are read-only (then it is left alone).
 */
export function memoizeAnalysis(mod: unknown): boolean {
  const memo = new Lru<string, unknown>(CHAR_BUDGET, (key) => key.length);
  const done = wrapExports(mod, ["analyze"], wrapped, ({ analyze }) => ({
    analyze: function memoAnalyze(this: unknown, text: string, options?: AnalyzeOptions): unknown {
      const key = keyOf(text, options);
      if (key === undefined) return (analyze as Analyze).call(this, text, options);
      const known = memo.get(key);
      if (known !== undefined) {
        analysisMemoStats.hits++;
        return fresh(known);
      }
      const result = (analyze as Analyze).call(this, text, options);
      analysisMemoStats.analyses++;
      memo.set(key, result);
      // A failed analysis is not remembered (the caller still gets its rejection).
      if (isThenable(result)) result.then(undefined, () => memo.peek(key) === result && memo.delete(key));
      return fresh(result);
    },
  }));
  if (done) memos.add(memo);
  return done;
}

/** Forgets every remembered analysis (tests). */
export function clearAnalysisMemo(): void {
  for (const memo of memos) memo.clear();
  analysisMemoStats.analyses = 0;
  analysisMemoStats.hits = 0;
}
