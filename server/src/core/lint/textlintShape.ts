/**
 * Our problems back in textlint's own result shape, so that textlint's formatters (stylish, json,
 * github, ...) print them and any tool that reads `textlint --format json` reads ours.
 */
import type { TextlintFixResult, TextlintMessage, TextlintResult } from "@textlint/types";
import type { LintProblem } from "./lintEngine";

export function toTextlintMessage(p: LintProblem): TextlintMessage {
  return {
    type: "lint",
    ruleId: p.ruleId,
    message: p.message,
    index: p.range[0],
    line: p.line,
    column: p.column,
    range: p.range,
    loc: { start: { line: p.line, column: p.column }, end: { line: p.endLine, column: p.endColumn } },
    severity: p.severity as TextlintMessage["severity"],
    ...(p.fix ? { fix: p.fix } : {}),
    ...(p.suggestions ? { suggestions: p.suggestions } : {}),
  };
}

export function toTextlintResult(filePath: string, problems: readonly LintProblem[]): TextlintResult {
  return { filePath, messages: problems.map(toTextlintMessage) };
}

export function toTextlintFixResult(
  filePath: string,
  output: string,
  applied: readonly LintProblem[],
  remaining: readonly LintProblem[],
): TextlintFixResult {
  return {
    filePath,
    output,
    messages: [...applied, ...remaining].map(toTextlintMessage),
    applyingMessages: applied.map(toTextlintMessage),
    remainingMessages: remaining.map(toTextlintMessage),
  };
}
