/**
 * Frontmatter problems → LSP diagnostics (source "tsuzuri", code `frontmatter/<rule>`, the message in
 * the editor's language) and → textlint-shaped problems for the CLI.
 */
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver-types";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { LintProblem } from "../lint/lintEngine";
import type { FrontmatterEdit, FrontmatterFix, FrontmatterProblem } from "./types";

export const FRONTMATTER_SOURCE = "tsuzuri";

import type { Lang } from "../shared/i18n";
import { lineColumnOf } from "../shared/lines";

/** What a frontmatter diagnostic carries for code actions. */
export interface FrontmatterDiagnosticData {
  frontmatterFixes: FrontmatterFix[];
  /** The edit that makes the post ignore the rule (a comment). */
  frontmatterIgnore?: FrontmatterEdit;
  version: number;
}

const severityOf = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;
const textlintSeverityOf = { error: 2, warning: 1, info: 3 } as const;

export function frontmatterDiagnostic(p: FrontmatterProblem, document: Pick<TextDocument, "positionAt" | "version">, lang: Lang): Diagnostic {
  const data: FrontmatterDiagnosticData = { frontmatterFixes: p.fixes ?? [], ...(p.ignore ? { frontmatterIgnore: p.ignore } : {}), version: document.version };
  return {
    range: { start: document.positionAt(p.range[0]), end: document.positionAt(p.range[1]) },
    severity: severityOf[p.severity],
    source: FRONTMATTER_SOURCE,
    code: p.ruleId,
    message: p.message[lang],
    data,
  };
}

/**
 * As textlint would report them (1-based line and UTF-16 column, the BOM not counted), for the CLI.
 * Hints are for the editor only.
 */
export function frontmatterLintProblems(text: string, problems: readonly FrontmatterProblem[], lang: Lang): LintProblem[] {
  const lineColumn = lineColumnOf(text);
  const bom = text.startsWith("\uFEFF") ? 1 : 0;
  const at = (offset: number) => {
    const p = lineColumn(offset);
    return p.line === 1 ? { line: 1, column: p.column - bom } : p;
  };
  return problems.flatMap((p): LintProblem[] => {
    if (p.severity === "hint") return [];
    const start = at(p.range[0]);
    const end = at(p.range[1]);
    return [{
      ruleId: p.ruleId,
      message: p.message[lang],
      severity: textlintSeverityOf[p.severity],
      range: p.range,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
    }];
  });
}
