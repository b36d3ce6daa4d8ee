/**
 * Drafting mode (setting tsuzuri.lint.drafting): the problems of the paragraph the writer is typing
 * in wait until the cursor leaves it, so a half-written sentence is not underlined while it grows
 * (markdownlint#118, #200 ask for this). Everything else shows as usual. Pure: lines in, ranges out.
 */

/** 0-based first and last line (inclusive) of a paragraph. */
export interface LineSpan {
  start: number;
  end: number;
}

/**
 * The paragraph holding `line`: the run of non-blank lines around it (a list item, a table, a
 * heading count as the run they are in). Undefined on a blank line or outside the text.
 */
export function paragraphAt(lineAt: (line: number) => string, lineCount: number, line: number): LineSpan | undefined {
  const blank = (i: number) => lineAt(i).trim() === "";
  if (line < 0 || line >= lineCount || blank(line)) return undefined;
  let start = line;
  while (start > 0 && !blank(start - 1)) start--;
  let end = line;
  while (end + 1 < lineCount && !blank(end + 1)) end++;
  return { start, end };
}

/** Whether a change on lines `from`–`to` touched the paragraph. */
export function touches(span: LineSpan, from: number, to: number): boolean {
  return from <= span.end && to >= span.start;
}

/** The diagnostics to show: those not starting inside the held paragraph (all of them when none is held). */
export function shownWhileDrafting<T extends { range: { start: { line: number } } }>(diagnostics: readonly T[], held: LineSpan | undefined): T[] {
  if (!held) return [...diagnostics];
  return diagnostics.filter((d) => d.range.start.line < held.start || d.range.start.line > held.end);
}
