/**
 * Messages between the preview panel (extension host) and its webview script. Plain data only.
 */

/** A problem to underline in the preview: its source line and the text it covers. */
export interface LintMark {
  /** 0-based source line of the problem's start. */
  line: number;
  /** 0-based UTF-16 column of the start in that line (to jump back to it). */
  character: number;
  /** The text the problem covers (on its first line), to find inside the rendered block. */
  text: string;
  severity: "error" | "warning" | "info";
  message: string;
}

export type ToWebview =
  /** New content: the body HTML (sanitised), the header HTML, and the marks. */
  | { type: "update"; html: string; marks: LintMark[]; version: number; uri: string; resetScroll: boolean }
  | { type: "marks"; marks: LintMark[] }
  /** The editor scrolled: show this (fractional) source line at the top. */
  | { type: "scrollToLine"; line: number };

export type FromWebview =
  | { type: "ready" }
  /** The preview scrolled: this source line is at its top. */
  | { type: "revealLine"; line: number }
  /** Double-click or a lint mark clicked: move the cursor there. */
  | { type: "openLine"; line: number; character?: number }
  | { type: "openLink"; href: string }
  /** After a patch: how the update went (for tests and the log). */
  | { type: "updated"; version: number; blocks: number; marks: number };
