/**
 * Multi-line messages in textlint's stylish table. textlint's stylish formatters (and ESLint's they
 * come from) put a message's line breaks into the table as they are, so the lines after the first
 * start at the left margin and the rule id lands on the last one. Here the table is printed by
 * textlint's own formatter (passed in) with each message's first line only, and the other lines are
 * then put under it, indented to the message column: the table keeps its layout and the message
 * keeps its lines.
 */
import { stripVTControlCharacters } from "node:util";
import type { TextlintMessage } from "@textlint/types";

/** Marks where a message starts in the formatted row; removed from every row again. A private-use character: no rule writes it. */
const MARK = "\uE000";

const LINE_BREAK = /\r\n|\r|\n/;

type WithMessages<K extends string> = { [key in K]?: TextlintMessage[] };

/**
 * Formats `results` with `format` (a textlint stylish formatter), whose rows show the messages under
 * `key` ("messages", or "applyingMessages" for the fixer's), with multi-line messages indented.
 */
export function stylishWithMultilineMessages<K extends string, R extends WithMessages<K>>(results: readonly R[], key: K, format: (results: R[]) => string): string {
  const continuations: string[][] = [];
  const hasMultiline = results.some((r) => (r[key] ?? []).some((m) => LINE_BREAK.test(m.message)));
  if (!hasMultiline || results.some((r) => (r[key] ?? []).some((m) => m.message.includes(MARK)))) return format([...results]);
  const marked = results.map((r): R => {
    const original = r[key];
    if (!original) return r;
    const messages = original.map((m) => {
      // Trailing line breaks (no-mix-dearu-desumasu ends with one) would only add blank lines.
      const [first = "", ...rest] = m.message.replace(/\s+$/, "").split(LINE_BREAK);
      continuations.push(rest.map((line, i) => (i === rest.length - 1 ? line.replace(/\.$/, "") : line)));
      return { ...m, message: MARK + first };
    });
    return { ...r, [key]: messages } as R;
  });
  let row = 0;
  const lines = format(marked).split("\n");
  if (lines.filter((l) => l.includes(MARK)).length !== continuations.length) return format([...results]);
  return lines
    .flatMap((line) => {
      const at = line.indexOf(MARK);
      if (at < 0) return [line];
      const indent = " ".repeat(stripVTControlCharacters(line.slice(0, at)).length);
      const rest = continuations[row++] ?? [];
      return [line.slice(0, at) + line.slice(at + MARK.length), ...rest.map((l) => (l === "" ? "" : indent + l))];
    })
    .join("\n");
}
