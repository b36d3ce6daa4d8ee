/**
 * The term a problem is about, for "Allow this word" (textlint-filter-rule-allowlist ignores every
 * problem inside an allowed term). Rules say which term in different ways, so we take, in order:
 * a term the message quotes (「…」, "…", “…”) that appears in the text at the problem; the text
 * the rule's fix replaces; the problem's own range. A term must be on one line, at most 40
 * characters, and cover the problem's start; a problem about a sentence or a single character
 * (ら抜き reports the 「れ」) has no term and gets no such action.
 */
import type { LintProblem } from "../lint/lintEngine";
import { lineStartAt } from "../shared/lines";

const MAX_TERM = 40;
const QUOTED = /「([^「」\n]+)」|"([^"\n]+)"|“([^”\n]+)”/g;

function lineBounds(text: string, offset: number): [number, number] {
  const start = lineStartAt(text, offset);
  const match = /[\r\n]/.exec(text.slice(offset));
  return [start, match ? offset + match.index : text.length];
}

function usable(term: string): boolean {
  return term.trim().length >= 2 && term.length <= MAX_TERM && !/[\r\n]/.test(term);
}

/** Where `term` occurs in `text` covering `offset`, on the same line. */
function occurrenceAt(text: string, term: string, offset: number): boolean {
  const [start, end] = lineBounds(text, offset);
  for (let i = text.indexOf(term, Math.max(start, offset - term.length + 1)); i >= 0 && i <= offset && i < end; i = text.indexOf(term, i + 1)) {
    if (i <= offset && offset < i + term.length) return true;
  }
  return false;
}

export function termOf(text: string, problem: Pick<LintProblem, "message" | "range" | "fix">): string | undefined {
  const at = problem.range[0];
  for (const match of problem.message.matchAll(QUOTED)) {
    const term = match[1] ?? match[2] ?? match[3] ?? "";
    if (usable(term) && occurrenceAt(text, term, at)) return term;
  }
  if (problem.fix) {
    const replaced = text.slice(problem.fix.range[0], problem.fix.range[1]);
    if (usable(replaced) && problem.fix.range[0] <= at && at < problem.fix.range[1]) return replaced;
  }
  const own = text.slice(problem.range[0], problem.range[1]);
  return usable(own) ? own : undefined;
}
