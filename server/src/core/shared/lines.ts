/**
 * Lines of a text as the editor and textlint count them: `\r\n`, `\r` and `\n` each end a line.
 * One implementation for every module that needs a line's start or a line/column table.
 */

/** The offset where the line holding `offset` starts (0 for the first line, whatever the text starts with). */
export function lineStartAt(text: string, offset: number): number {
  let start = Math.min(Math.max(0, offset), text.length);
  while (start > 0 && text[start - 1] !== "\n" && text[start - 1] !== "\r") start--;
  return start;
}

/** Offsets where each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push((m.index ?? 0) + m[0].length);
  return starts;
}

/** 0-based line of an offset, by binary search in a text's line starts. */
export function lineIndexOf(text: string): (index: number) => number {
  const starts = lineStarts(text);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** 1-based line and column (UTF-16) of an offset, as textlint reports them. */
export function lineColumnOf(text: string): (index: number) => { line: number; column: number } {
  const starts = lineStarts(text);
  const lineOf = lineIndexOf(text);
  return (index) => {
    const line = lineOf(index);
    return { line: line + 1, column: index - (starts[line] ?? 0) + 1 };
  };
}
