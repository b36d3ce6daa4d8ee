/**
 * Tells the server which lines of each Markdown editor are in view, so that the first lint of a long
 * post shows the problems the writer is looking at first (visible-first linting).
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { VISIBLE_RANGES_METHOD, type VisibleRangesParams } from "../../server/src/protocol";

export function reportVisibleRanges(client: LanguageClient): vscode.Disposable {
  const send = (editor: vscode.TextEditor, ranges: readonly vscode.Range[]) => {
    if (editor.document.languageId !== "markdown" || !client.isRunning()) return;
    const params: VisibleRangesParams = {
      uri: editor.document.uri.toString(),
      ranges: ranges.map((r) => ({ start: r.start.line, end: r.end.line })),
    };
    void client.sendNotification(VISIBLE_RANGES_METHOD, params);
  };
  for (const editor of vscode.window.visibleTextEditors) send(editor, editor.visibleRanges);
  return vscode.Disposable.from(
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => send(e.textEditor, e.visibleRanges)),
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => send(e, e.visibleRanges))),
  );
}
