/**
 * "Tsuzuri: Check All Posts": asks the server to lint every post of the workspace into the Problems
 * panel, under a cancellable progress notification fed by the server's work-done progress (n/total).
 * Cancelling cancels the request: the server stops and keeps what it already published. The result
 * cache lives in the extension's storage for the workspace, not in the writer's repository.
 */
import * as vscode from "vscode";
import { WorkDoneProgress, type LanguageClient, type WorkDoneProgressReport } from "vscode-languageclient/node";
import { CHECK_ALL_METHOD, type CheckAllParams, type CheckAllResult } from "../../server/src/protocol";

const CACHE_FILE = "check-all.tsuzuricache";

/** The end of a run: how many posts, and their errors and warnings, with the way to the Problems panel. */
async function showSummary(result: CheckAllResult): Promise<void> {
  const show = vscode.l10n.t("Show Problems");
  const text =
    result.errors + result.warnings === 0
      ? vscode.l10n.t("Checked {0} posts: no errors or warnings.", result.done)
      : vscode.l10n.t("Checked {0} posts: {1} errors and {2} warnings in {3} posts.", result.done, result.errors, result.warnings, result.postsWithProblems);
  const picked = await vscode.window.showInformationMessage(text, ...(result.errors + result.warnings > 0 ? [show] : []));
  if (picked === show) await vscode.commands.executeCommand("workbench.actions.view.problems");
}
let runs = 0;

export function checkAllPosts(client: LanguageClient, context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Thenable<CheckAllResult | undefined> {
  const storage = context.storageUri ?? context.globalStorageUri;
  const workDoneToken = `tsuzuri/checkAllPosts/${++runs}`;
  const params: CheckAllParams = { cacheFile: vscode.Uri.joinPath(storage, CACHE_FILE).fsPath, workDoneToken };
  const options = { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Tsuzuri: checking all posts"), cancellable: true };
  return vscode.window.withProgress(options, async (progress, token) => {
    let shown = 0;
    const onProgress = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind !== "report") return;
      const { percentage = shown, message } = value as WorkDoneProgressReport;
      progress.report({ increment: percentage - shown, ...(message ? { message } : {}) });
      shown = percentage;
    });
    try {
      const result = await client.sendRequest<CheckAllResult>(CHECK_ALL_METHOD, params, token);
      log.info(`check all posts: ${result.done}/${result.total} posts, ${result.fromCache} from the cache${result.cancelled ? ", cancelled" : ""}`);
      if (result.busy) void vscode.window.showInformationMessage(vscode.l10n.t("Tsuzuri is already checking all posts."));
      else if (!result.cancelled) void showSummary(result);
      return result;
    } catch (e) {
      // A cancelled request may end as an error: what the server published stays.
      if (token.isCancellationRequested) return undefined;
      log.error(`check all posts failed: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t("Checking all posts failed: {0}", (e as Error).message));
      return undefined;
    } finally {
      onProgress.dispose();
    }
  });
}
