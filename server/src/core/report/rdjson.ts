/**
 * `--format rdjson` / `rdjsonl`: the Reviewdog Diagnostic Format (a DiagnosticResult, or one
 * Diagnostic per line), for `reviewdog -f=rdjson` / `-f=rdjsonl`. Rule fixes become suggestions, which
 * reviewdog turns into suggested changes on a pull request. Paths are relative to the folder the CLI
 * ran in (reviewdog runs at the repository root); lines are the editor's, columns are UTF-8 byte
 * columns as the format defines them, ends exclusive.
 */
import type { TextlintMessage } from "@textlint/types";
import type { EditorPositions } from "./positions";
import { levelOf, fixesOf, relativePath, TOOL_NAME, type FileReport, type ReportContext } from "./files";

interface Position {
  line: number;
  column: number;
}

interface Range {
  start: Position;
  end: Position;
}

export interface RdjsonDiagnostic {
  message: string;
  location: { path: string; range: Range };
  severity: "ERROR" | "WARNING" | "INFO";
  source: { name: string };
  code: { value: string; url?: string };
  suggestions?: { range: Range; text: string }[];
}

export interface RdjsonResult {
  source: { name: string };
  diagnostics: RdjsonDiagnostic[];
}

const severityOf = { error: "ERROR", warning: "WARNING", info: "INFO" } as const;

function rangeOf(positions: EditorPositions, range: readonly [number, number]): Range {
  const at = (offset: number): Position => ({ line: positions.at(offset).line, column: positions.utf8Column(offset) });
  return { start: at(range[0]), end: at(Math.max(range[0], range[1])) };
}

function diagnosticOf(m: TextlintMessage, file: FileReport, context: ReportContext): RdjsonDiagnostic {
  const url = context.ruleDocs.get(m.ruleId);
  const fixes = fixesOf(m);
  return {
    message: m.message,
    location: { path: relativePath(context.cwd, file.filePath) ?? file.filePath, range: rangeOf(file.positions, m.range) },
    severity: severityOf[levelOf(m)],
    source: { name: TOOL_NAME },
    code: url ? { value: m.ruleId, url } : { value: m.ruleId },
    ...(fixes.length > 0 ? { suggestions: fixes.map((f) => ({ range: rangeOf(file.positions, f.range), text: f.text })) } : {}),
  };
}

export function toRdjsonDiagnostics(files: readonly FileReport[], context: ReportContext): RdjsonDiagnostic[] {
  return files.flatMap((file) => file.messages.map((m) => diagnosticOf(m, file, context)));
}

/** A DiagnosticResult (`reviewdog -f=rdjson`). */
export function formatRdjson(files: readonly FileReport[], context: ReportContext): string {
  const result: RdjsonResult = { source: { name: TOOL_NAME }, diagnostics: toRdjsonDiagnostics(files, context) };
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** One Diagnostic per line (`reviewdog -f=rdjsonl`); nothing at all when there is nothing to say. */
export function formatRdjsonl(files: readonly FileReport[], context: ReportContext): string {
  return toRdjsonDiagnostics(files, context)
    .map((d) => `${JSON.stringify(d)}\n`)
    .join("");
}
