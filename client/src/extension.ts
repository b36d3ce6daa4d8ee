/**
 * Activation: one output channel, the language client, the status item, the commands. Errors
 * during activation are shown (VS Code would otherwise fail silently).
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { CLIENT_ALLOW_IN_SETTINGS, CLIENT_SET_FRONTMATTER_RULE, STATUS_METHOD, TRUST_METHOD, type AllowWordArgs, type FrontmatterRuleArgs, type StatusParams, type TrustParams } from "../../server/src/protocol";
import { createLanguageClient } from "./languageClient";
import { StatusItem } from "./statusItem";
import { reportVisibleRanges } from "./visibleRanges";
import { DraftingMode, TOGGLE_DRAFTING } from "./drafting";

import { allowInSettings } from "./allowWord";
import { setFrontmatterRule } from "./frontmatterRule";
import { newPost } from "./newPost";
import { checkAllPosts } from "./checkAllPosts";
import { registerPreview } from "./preview/register";
import { registerPublishing } from "./publish/register";
import { registerAgentTools } from "./agentTools";
import { trackPosts } from "./walkthrough";
import type { PreviewManager } from "./preview/previewPanel";
import { platformNotations } from "../../server/src/core/render/builtinPreview";
import type { MarkdownIt } from "../../server/src/core/render/plugins/types";

/** What activate() returns: the status the language status item shows, for tests and other extensions. */
export interface TsuzuriApi {
  getStatus(uri: vscode.Uri): StatusParams | undefined;
  /** Fires whenever the server reports a document's status. */
  onDidChangeStatus: vscode.Event<StatusParams>;
  /** What the frontmatter status item says for a post. */
  platformText(uri: vscode.Uri): string | undefined;
  /** Fires with the config file when the writer is told its packages are not installed. */
  onDidNotifyMissingPackages: vscode.Event<string>;
  /** The live preview (tests watch it show a version). */
  preview: Pick<PreviewManager, "onDidUpdate" | "current" | "isLocked">;
  /** VS Code's Markdown preview calls this (`markdown.markdownItPlugins`): the platforms' notations. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<TsuzuriApi | undefined> {
  const log = vscode.window.createOutputChannel("Tsuzuri", { log: true });
  context.subscriptions.push(log);
  try {
    const status = new StatusItem();
    context.subscriptions.push(status, trackPosts(context.extension.id));
    const drafting = new DraftingMode();
    context.subscriptions.push(drafting);
    const languageClient = createLanguageClient(context, log, drafting.middleware);
    const preview = registerPreview(context, log, (uri) => status.get(uri)?.platform, status.onDidChange);
    registerPublishing(context, log, (uri) => status.get(uri)?.platform);
    registerAgentTools(context, log);
    client = languageClient;
    context.subscriptions.push(
      vscode.commands.registerCommand("tsuzuri.restartServer", async () => {
        log.info("restarting the language server");
        await languageClient.restart();
      }),
      vscode.commands.registerCommand("tsuzuri.showOutput", () => log.show(true)),
      vscode.commands.registerCommand(CLIENT_ALLOW_IN_SETTINGS, (args: AllowWordArgs) => allowInSettings(args, log)),
      vscode.commands.registerCommand(CLIENT_SET_FRONTMATTER_RULE, (args: FrontmatterRuleArgs) => setFrontmatterRule(args, log)),
      vscode.commands.registerCommand("tsuzuri.newPost", (args?: unknown) => newPost(args, log)),
      vscode.commands.registerCommand(TOGGLE_DRAFTING, () => drafting.toggle()),
      vscode.commands.registerCommand("tsuzuri.checkAllPosts", () => checkAllPosts(languageClient, context, log)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        const params: TrustParams = { trusted: true };
        void languageClient.sendNotification(TRUST_METHOD, params);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => status.forget(d.uri)),
      languageClient.onNotification(STATUS_METHOD, (params: StatusParams) => status.update(params)),
    );
    await languageClient.start();
    context.subscriptions.push(reportVisibleRanges(languageClient));
    return {
      getStatus: (uri) => status.get(uri),
      onDidChangeStatus: status.onDidChange,
      platformText: (uri) => status.platformText(uri),
      onDidNotifyMissingPackages: status.missingPackages.onDidNotify,
      preview,
      extendMarkdownIt: platformNotations,
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.error(`activation failed: ${e instanceof Error ? (e.stack ?? message) : message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t("Tsuzuri could not start: {0}", message));
    return undefined;
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
