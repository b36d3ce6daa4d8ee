/**
 * Position correction for rules that count code points instead of UTF-16 units, whoever they are.
 *
 * Some rules measure text with `Array.from`, grapheme or emoji libraries (ja-no-mixed-period via
 * check-ends-with-period, for one), so after an emoji or any other astral character their report
 * lands one unit too far left per astral character. We cannot patch every library, so we let the
 * rules themselves tell us the right place: lint a *shadow* of the text in which every astral
 * character (two UTF-16 units, one code point) is replaced by two BMP emoji (two units, two code
 * points). In the shadow, code points and UTF-16 units agree, so every rule reports the right offset
 * however it counts; offsets are identical in both texts. The real run keeps its messages (parity
 * with textlint); only positions of messages that could have been shifted are taken from the shadow.
 *
 * The placeholder is an emoji itself (U+2705, emoji presentation by default) so that rules that treat
 * emoji specially (allowed at the end of a sentence, not Japanese, not a letter) treat it alike.
 */
import type { TextlintMessage } from "@textlint/types";

const PLACEHOLDER = "\u2705";
const astralGlobal = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

export function hasAstral(text: string): boolean {
  return /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text);
}

export function makeShadow(text: string): string {
  return text.replace(astralGlobal, PLACEHOLDER + PLACEHOLDER);
}

/**
 * Astral characters in the block (text between blank lines) that holds `index`: an upper bound on how
 * far left of the truth a code-point-counting rule can have reported within that block.
 */
export function astralInBlock(text: string, index: number): number {
  return astralCounter(text)(index);
}

/** Sorted positions where `pattern` (global, sticky-safe) matches, overlapping matches included. */
function positionsOf(text: string, pattern: RegExp, first: RegExp): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(first)) {
    pattern.lastIndex = m.index ?? 0;
    if (pattern.test(text)) out.push(m.index ?? 0);
  }
  return out;
}

/** The last element ≤ `value` (index into `sorted`), or -1. */
function lastAtMost(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * astralInBlock for many indexes of one text: the blank lines and astral characters are found once,
 * each query is a few binary searches (it runs for every message of a post with emoji: per-message
 * scans of the whole text were quadratic on long posts).
 */
export function astralCounter(text: string): (index: number) => number {
  // A block starts at the last "\n\n" or "\r\n\r\n" that ends at or before the index, and ends at
  // the first blank line (\r?\n\r?\n) that starts at or after it.
  const lf = positionsOf(text, /\n\n/y, /\n/g);
  const crlf = positionsOf(text, /\r\n\r\n/y, /\r/g);
  const blank = positionsOf(text, /\r?\n\r?\n/y, /[\r\n]/g);
  const astrals = [...text.matchAll(astralGlobal)].map((m) => m.index ?? 0);
  return (index) => {
    const l = lf[lastAtMost(lf, index - 2)] ?? -1;
    const c = crlf[lastAtMost(crlf, index - 4)] ?? -1;
    const start = Math.max(l, c, 0);
    const next = lastAtMost(blank, index - 1) + 1;
    const end = next < blank.length ? (blank[next] ?? text.length) : text.length;
    // Astral pairs wholly inside [start, end).
    return Math.max(0, lastAtMost(astrals, end - 2) - lastAtMost(astrals, start - 1));
  };
}

/**
 * Returns `real` with positions taken from the matching shadow message where a code-point count
 * could have misplaced them. A match has the same rule, the same message and an offset right of the
 * real one by at most the number of astral characters before it.
 */
export function correctPositions(
  text: string,
  real: readonly TextlintMessage[],
  shadow: readonly TextlintMessage[],
  lineAt: (index: number) => { line: number; column: number },
): TextlintMessage[] {
  const used = new Set<TextlintMessage>();
  const room = astralCounter(text);
  // Shadow messages by rule and message, by offset: each real message looks only at its own kind.
  const byKind = new Map<string, { list: TextlintMessage[]; offsets: number[] }>();
  for (const s of shadow) {
    const kind = `${s.ruleId}\u0000${s.message}`;
    const entry = byKind.get(kind);
    if (entry) entry.list.push(s);
    else byKind.set(kind, { list: [s], offsets: [] });
  }
  for (const entry of byKind.values()) {
    // Stable: among equal offsets, the shadow's own order decides, as before.
    entry.list.sort((a, b) => a.range[0] - b.range[0]);
    entry.offsets = entry.list.map((s) => s.range[0]);
  }
  const corrected = real.map((m) => {
    const limit = room(m.range[0]);
    if (limit === 0) return m;
    const { list: candidates, offsets } = byKind.get(`${m.ruleId}\u0000${m.message}`) ?? { list: [], offsets: [] };
    let best: TextlintMessage | undefined;
    // The nearest unused one at or right of the real offset, within the room.
    for (let i = lastAtMost(offsets, m.range[0] - 1) + 1; i < candidates.length; i++) {
      const s = candidates[i] as TextlintMessage;
      if (s.range[0] - m.range[0] > limit) break;
      if (!used.has(s)) {
        best = s;
        break;
      }
    }
    if (!best) return m;
    // A report on the astral character itself lands on the second placeholder of its pair in the
    // shadow: widen to the whole character, never start or end between its two halves.
    const range = [snapStart(text, best.range[0]), snapEnd(text, best.range[1])] as const;
    // Same start: textlint was right (even if its end splits the character); keep its message as is.
    if (range[0] === m.range[0]) return m;
    used.add(best);
    const start = lineAt(range[0]);
    const end = lineAt(range[1]);
    const fix = m.fix && best.fix ? { fix: { range: best.fix.range, text: m.fix.text } } : {};
    // The shadow's candidates stand where the real ones should (same rule, same message, same order).
    const shadowSuggestions = best.suggestions;
    const suggestions =
      m.suggestions && shadowSuggestions && shadowSuggestions.length === m.suggestions.length
        ? { suggestions: m.suggestions.map((s, i) => ({ ...s, fix: { range: (shadowSuggestions[i] ?? s).fix.range, text: s.fix.text } })) }
        : {};
    return {
      ...m,
      ...fix,
      ...suggestions,
      index: range[0],
      range,
      line: start.line,
      column: start.column,
      loc: { start, end },
    };
  });
  return corrected.sort((a, b) => a.line - b.line || a.column - b.column); // textlint's own message order
}

const isLow = (text: string, i: number) => /[\uDC00-\uDFFF]/.test(text.charAt(i)) && /[\uD800-\uDBFF]/.test(text.charAt(i - 1));
const snapStart = (text: string, i: number) => (isLow(text, i) ? i - 1 : i);
const snapEnd = (text: string, i: number) => (isLow(text, i) ? i + 1 : i);

/**
 * Maps a fixed shadow text back to the real characters: each placeholder pair, in order, becomes
 * the astral character it stood for. Undefined when the fixes touched a placeholder (then the
 * pairs no longer line up and the caller keeps textlint's own fix of the real text).
 */
export function restoreFromShadow(original: string, fixedShadow: string): string | undefined {
  const astrals = original.match(astralGlobal) ?? [];
  const pair = PLACEHOLDER + PLACEHOLDER;
  const pieces = fixedShadow.split(pair);
  if (pieces.length - 1 !== astrals.length) return undefined;
  // A placeholder that was in the original text itself would make the mapping ambiguous.
  if (original.includes(PLACEHOLDER)) return undefined;
  return pieces.reduce((out, piece, i) => out + (i === 0 ? "" : astrals[i - 1]) + piece, "");
}

