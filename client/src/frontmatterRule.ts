/**
 * "Turn this frontmatter rule off": writes the rule's level to the setting
 * tsuzuri.frontmatter.rules of the post's workspace folder (else the user settings), keeping the
 * other rules' levels; the server re-checks the open posts when the setting changes.
 */
import * as vscode from "vscode";
import type { FrontmatterRuleArgs } from "../../server/src/protocol";

export async function setFrontmatterRule(args: FrontmatterRuleArgs, log: vscode.LogOutputChannel): Promise<void> {
  const uri = vscode.Uri.parse(args.uri);
  const config = vscode.workspace.getConfiguration("tsuzuri", uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
  const inspected = config.inspect<Record<string, string>>("frontmatter.rules");
  const current = (folder ? inspected?.workspaceFolderValue : inspected?.globalValue) ?? {};
  if (current[args.rule] === args.level) return;
  try {
    await config.update("frontmatter.rules", { ...current, [args.rule]: args.level }, target);
    log.info(`set ${args.rule} to ${args.level} in tsuzuri.frontmatter.rules (${folder ? folder.name : "user settings"})`);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t("Could not update the setting tsuzuri.frontmatter.rules: {0}", (e as Error).message));
  }
}
