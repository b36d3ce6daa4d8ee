/**
 * The CLI's output formats: textlint's own formatters for stylish and json (stylish with multi-line
 * messages indented), Tsuzuri's for github (escaped) and the CI formats (core/report/). Positions in
 * every format are the editor's (core/check/check.ts corrects them before anything is printed).
 */
import type { TextlintFixResult, TextlintResult } from "@textlint/types";
import { loadFixerFormatter, loadLinterFormatter } from "textlint";
import { TextDocument } from "vscode-languageserver-textdocument";
import { EditorPositions, type LineIndexOf } from "../core/report/positions";
import type { FileReport, ReportContext } from "../core/report/files";
import { formatSarif } from "../core/report/sarif";
import { formatRdjson, formatRdjsonl } from "../core/report/rdjson";
import { formatCheckstyle } from "../core/report/checkstyle";
import { stylishWithMultilineMessages } from "../core/report/stylish";
import { formatGithub } from "../core/report/github";

export const FORMATS = ["stylish", "json", "github", "sarif", "rdjson", "rdjsonl", "checkstyle"] as const;
export type Format = (typeof FORMATS)[number];

/** Formats a program reads rather than a person: with --fix --dry-run they print the result, not the diff. */
export const MACHINE_FORMATS: readonly Format[] = ["json", "sarif", "rdjson", "rdjsonl", "checkstyle"];

/** The editor's line index: the same TextDocument the language server keeps for an open file. */
export const editorLineIndex: LineIndexOf = (text) => TextDocument.create("file:///tsuzuri-cli", "markdown", 0, text);

export interface FormatInput {
  format: Format;
  fix: boolean;
  results: readonly TextlintResult[];
  fixResults: readonly TextlintFixResult[];
  /** The text each result's offsets refer to (CheckReport.texts). */
  texts: ReadonlyMap<string, string>;
  context: ReportContext;
  color: boolean;
}

export async function formatOutput(input: FormatInput): Promise<string> {
  const { format, fix, color } = input;
  if (format === "github" && !fix) return formatGithub(input.results);
  if (format === "stylish" || format === "json" || format === "github") {
    if (fix) {
      const formatter = await loadFixerFormatter({ formatterName: format === "github" ? "stylish" : format, color });
      if (format === "json") return formatter.format([...input.fixResults]);
      return stylishWithMultilineMessages(input.fixResults, "applyingMessages", (r) => formatter.format(r));
    }
    const formatter = await loadLinterFormatter({ formatterName: format, color });
    if (format === "stylish") return stylishWithMultilineMessages(input.results, "messages", (r) => formatter.format(r));
    return formatter.format([...input.results]);
  }
  // The CI formats report what is left: with --fix, the problems the fixes did not remove.
  const results = fix ? input.fixResults.map((r) => ({ filePath: r.filePath, messages: r.remainingMessages })) : input.results;
  const files: FileReport[] = results.map((r) => ({ filePath: r.filePath, messages: r.messages, positions: new EditorPositions(input.texts.get(r.filePath) ?? "", editorLineIndex) }));
  switch (format) {
    case "sarif":
      return formatSarif(files, input.context);
    case "rdjson":
      return formatRdjson(files, input.context);
    case "rdjsonl":
      return formatRdjsonl(files, input.context);
    case "checkstyle":
      return formatCheckstyle(files);
  }
}
