/**
 * "Allow this word" under the bundled preset: there is no project config to edit, so the word goes
 * to the setting tsuzuri.textlint.allow (of the post's workspace folder, else the user settings),
 * which the server turns into textlint-filter-rule-allowlist's `allow` list.
 */
import * as vscode from "vscode";
import type { AllowWordArgs } from "../../server/src/protocol";

export async function allowInSettings(args: AllowWordArgs, log: vscode.LogOutputChannel): Promise<void> {
  const uri = vscode.Uri.parse(args.uri);
  const config = vscode.workspace.getConfiguration("tsuzuri", uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
  const inspected = config.inspect<string[]>("textlint.allow");
  const current = (folder ? inspected?.workspaceFolderValue : inspected?.globalValue) ?? [];
  if (current.includes(args.word)) return;
  try {
    await config.update("textlint.allow", [...current, args.word], target);
    log.info(`allowed "${args.word}" in tsuzuri.textlint.allow (${folder ? folder.name : "user settings"})`);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t("Could not update the setting tsuzuri.textlint.allow: {0}", (e as Error).message));
  }
}
