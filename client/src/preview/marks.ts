/** The editor's diagnostics of a post → the marks the preview underlines (no I/O). */
import * as vscode from "vscode";
import type { LintMark } from "./protocol";

const SOURCES = new Set(["textlint", "tsuzuri"]);
const MAX_MARK_TEXT = 60;

export function marksOf(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): LintMark[] {
  const marks: LintMark[] = [];
  for (const d of diagnostics) {
    if (!SOURCES.has(d.source ?? "")) continue;
    const start = d.range.start;
    const lineEnd = document.lineAt(start.line).range.end;
    const end = d.range.end.isBefore(lineEnd) ? d.range.end : lineEnd;
    const text = document.getText(new vscode.Range(start, end)).slice(0, MAX_MARK_TEXT);
    const severity = d.severity === vscode.DiagnosticSeverity.Error ? "error" : d.severity === vscode.DiagnosticSeverity.Warning ? "warning" : "info";
    marks.push({ line: start.line, character: start.character, text, severity, message: d.message });
  }
  return marks;
}
