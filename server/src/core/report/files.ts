/**
 * What the CI formats (SARIF, rdjson, checkstyle) are made from: each file's messages in textlint's
 * shape, with their positions already the editor's (core/check/check.ts), and the file's line index for
 * the positions a format counts otherwise (UTF-8 columns, fix ranges).
 */
import * as path from "node:path";
import type { TextlintMessage } from "@textlint/types";
import type { EditorPositions } from "./positions";

export interface FileReport {
  /** Absolute path. */
  filePath: string;
  messages: readonly TextlintMessage[];
  /** The editor's positions in the text the messages' offsets refer to. */
  positions: EditorPositions;
}

export interface ReportContext {
  /** Paths are written relative to this folder (the repository root in CI) where a format wants them so. */
  cwd: string;
  /** Rule id → documentation URL, where known. */
  ruleDocs: ReadonlyMap<string, string>;
  /** Tsuzuri's version. */
  version: string;
}

export const TOOL_NAME = "tsuzuri";

/** `filePath` relative to `cwd` with `/` separators, or undefined when it is not inside `cwd`. */
export function relativePath(cwd: string, filePath: string): string | undefined {
  const relative = path.relative(cwd, filePath);
  if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join("/");
}

export type Level = "error" | "warning" | "info";

/** A message's fixes for formats that list them: the rule's own fix first, then its suggestions. */
export function fixesOf(m: Pick<TextlintMessage, "fix" | "suggestions">): { range: readonly [number, number]; text: string; description?: string }[] {
  return [...(m.fix ? [{ range: m.fix.range, text: m.fix.text }] : []), ...(m.suggestions ?? []).map((s) => ({ range: s.fix.range, text: s.fix.text, description: s.message }))];
}

/** textlint's severity (2 error, 1 warning, 3 info) as a word; anything else is a warning, as textlint's formatters say. */
export function levelOf(message: Pick<TextlintMessage, "severity">): Level {
  if (message.severity === 2) return "error";
  if (message.severity === 3) return "info";
  return "warning";
}
