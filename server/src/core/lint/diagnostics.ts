/**
 * textlint problems → LSP diagnostics. Ranges come from textlint's UTF-16 offsets through the
 * document's own line index (so CRLF, a lone CR and surrogate pairs count as the editor counts).
 */
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver-types";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { LintProblem } from "./lintEngine";
import { HINT_SEVERITY } from "./ruleLevels";

export const DIAGNOSTIC_SOURCE = "textlint";

/** What a diagnostic carries for code actions: the rule's own fix, and the version it was linted at. */
export interface DiagnosticData {
  fix?: LintProblem["fix"];
  /** The rule's fix candidates, one quick fix each. */
  suggestions?: LintProblem["suggestions"];
  /** The document version whose text the fix's offsets refer to. */
  version?: number;
}

export function toSeverity(textlintSeverity: number): DiagnosticSeverity {
  switch (textlintSeverity) {
    case 1:
      return DiagnosticSeverity.Warning;
    case 3:
      return DiagnosticSeverity.Information;
    case HINT_SEVERITY:
      return DiagnosticSeverity.Hint;
    default:
      return DiagnosticSeverity.Error;
  }
}

export function toDiagnostic(problem: LintProblem, document: Pick<TextDocument, "positionAt" | "version">): Diagnostic {
  const data: DiagnosticData = {
    ...(problem.fix ? { fix: problem.fix } : {}),
    ...(problem.suggestions?.length ? { suggestions: problem.suggestions } : {}),
    version: document.version,
  };
  return {
    range: { start: document.positionAt(problem.range[0]), end: document.positionAt(problem.range[1]) },
    severity: toSeverity(problem.severity),
    source: DIAGNOSTIC_SOURCE,
    code: problem.ruleId,
    ...(problem.docUrl ? { codeDescription: { href: problem.docUrl } } : {}),
    message: problem.message,
    data,
  };
}
