/**
 * Positions as the editor shows them, for the CLI's output. The editor turns a problem's UTF-16
 * offsets into a range through its document's own line index (core/lint/diagnostics.ts); textlint's
 * `line`/`column` are computed separately and can disagree with its offsets (sentence-length's
 * column past the end of its line, a range past the end of the text). Here the CLI goes through the
 * same line index (the language server's TextDocument, passed in: core needs no LSP library), so
 * every format reports where the editor's squiggle is.
 */
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { LintProblem } from "../lint/lintEngine";

/** The editor's line index of a text: what `TextDocument.create(…, text)` gives. */
export type LineIndex = Pick<TextDocument, "positionAt" | "offsetAt">;
export type LineIndexOf = (text: string) => LineIndex;

/** 1-based line and 1-based UTF-16 column. */
export interface LineColumn {
  line: number;
  column: number;
}

const BOM = "\uFEFF";
const utf8 = new TextEncoder();

/**
 * Offsets into a file's text as problems carry them (a leading BOM counted) → the editor's lines and
 * columns. The editor never shows a BOM, so the line index is the text's without it; offsets past
 * the end (or before the start) are clamped as the editor clamps them.
 */
export class EditorPositions {
  private readonly bom: number;
  private readonly body: string;
  private readonly index: LineIndex;

  constructor(text: string, lineIndexOf: LineIndexOf) {
    this.bom = text.startsWith(BOM) ? 1 : 0;
    this.body = text.slice(this.bom);
    this.index = lineIndexOf(this.body);
  }

  at(offset: number): LineColumn {
    const p = this.index.positionAt(Math.max(0, offset - this.bom));
    return { line: p.line + 1, column: p.character + 1 };
  }

  /** The 1-based column of `offset` counted in UTF-8 bytes from the start of its line (reviewdog's columns). */
  utf8Column(offset: number): number {
    const p = this.index.positionAt(Math.max(0, offset - this.bom));
    const lineStart = this.index.offsetAt({ line: p.line, character: 0 });
    return utf8.encode(this.body.slice(lineStart, this.index.offsetAt(p))).length + 1;
  }
}

/** The problem with its line and column (start and end) taken from its offsets, as the editor shows it. */
export function atEditorPositions(problem: LintProblem, positions: EditorPositions): LintProblem {
  const start = positions.at(problem.range[0]);
  const end = positions.at(problem.range[1]);
  return { ...problem, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
