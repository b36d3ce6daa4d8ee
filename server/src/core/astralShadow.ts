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
  const before = text.slice(0, index);
  // This runs for every message of a post with emoji: look for a CRLF blank line only after the
  // last LF one, instead of reading the whole text back in an LF file each time.
  const lf = before.lastIndexOf("\n\n");
  const crlf = before.slice(Math.max(lf, 0)).lastIndexOf("\r\n\r\n");
  const start = Math.max(lf, crlf < 0 ? -1 : Math.max(lf, 0) + crlf, 0);
  const next = text.slice(index).search(/\r?\n\r?\n/);
  const end = next < 0 ? text.length : index + next;
  return (text.slice(start, end).match(astralGlobal) ?? []).length;
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
  const corrected = real.map((m) => {
    const room = astralInBlock(text, m.range[0]);
    if (room === 0) return m;
    let best: TextlintMessage | undefined;
    for (const s of shadow) {
      if (used.has(s) || s.ruleId !== m.ruleId || s.message !== m.message) continue;
      const delta = s.range[0] - m.range[0];
      if (delta < 0 || delta > room) continue;
      if (!best || delta < best.range[0] - m.range[0]) best = s;
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
    return {
      ...m,
      ...fix,
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

export { lineColumnOf } from "./shared/lines";
