/**
 * What the Getting Started walkthrough (`contributes.walkthroughs` in package.json) needs from the
 * client: the context key its first step completes on, and the post its buttons act on — a button
 * of the walkthrough runs its command while the walkthrough, not the post, is the active editor.
 */
import * as vscode from "vscode";

/** True once a Markdown post has been the active editor in this window (the step "Open a post"). */
export const POST_OPENED_CONTEXT = "tsuzuri.postOpened";
/** The walkthrough's id in package.json. */
export const WALKTHROUGH_ID = "gettingStarted";

let lastPost: vscode.TextDocument | undefined;

/**
 * Remembers the last active Markdown post, and on the first one sets {@link POST_OPENED_CONTEXT} and
 * marks the step done. VS Code completes an `onContext` step only when the key changes after it has
 * registered the walkthrough, which it does a few seconds after start: a post open at start (this
 * extension activates on it) would never tick the step off without `welcome.markStepComplete`.
 */
export function trackPosts(extensionId: string): vscode.Disposable {
  const seen = (editor: vscode.TextEditor | undefined): void => {
    if (editor?.document.languageId !== "markdown") return;
    if (!lastPost) {
      void vscode.commands.executeCommand("setContext", POST_OPENED_CONTEXT, true);
      // Saved even before the walkthrough is registered (VS Code then also logs an error): ignore failures.
      vscode.commands.executeCommand("welcome.markStepComplete", `${extensionId}#${WALKTHROUGH_ID}#openPost`).then(undefined, () => undefined);
    }
    lastPost = editor.document;
  };
  seen(vscode.window.activeTextEditor);
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(seen),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d === lastPost) lastPost = undefined;
    }),
  );
}

/**
 * The post a command without a URI acts on: the active Markdown editor's; when no text editor is
 * active (the walkthrough, a webview), the Markdown post that was active last and is still open.
 */
export function currentPost(): vscode.TextDocument | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (active) return active.languageId === "markdown" ? active : undefined;
  return lastPost && !lastPost.isClosed ? lastPost : undefined;
}
