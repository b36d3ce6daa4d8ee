/** The publishing commands and the secret storage they use. */
import * as vscode from "vscode";
import { openPublished, publishCommand, pullRemote, RemoteDocuments, type PublishDeps } from "./publishCommand";
import { removeToken, setToken, Tokens, type TokenPlatform } from "./tokens";

export function registerPublishing(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, platformOf: (uri: vscode.Uri) => string | undefined): PublishDeps {
  const remoteDocs = new RemoteDocuments();
  const deps: PublishDeps = { tokens: new Tokens(context.secrets), log, platformOf, remoteDocs };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider("tsuzuri-remote", remoteDocs),
    vscode.commands.registerCommand("tsuzuri.publish", (uri?: vscode.Uri) => publishCommand(deps, uri instanceof vscode.Uri ? uri : undefined)),
    // Arguments (`{ platform, token }`) let tests and keybindings skip the prompts.
    vscode.commands.registerCommand("tsuzuri.setToken", async (args?: { platform?: TokenPlatform; token?: string }) => {
      if (args?.platform && args.token) return deps.tokens.store(args.platform, args.token);
      return setToken(deps.tokens, args?.platform);
    }),
    vscode.commands.registerCommand("tsuzuri.removeToken", () => removeToken(deps.tokens)),
    vscode.commands.registerCommand("tsuzuri.openPublished", () => openPublished(deps)),
    vscode.commands.registerCommand("tsuzuri.pullRemote", () => pullRemote(deps)),
  );
  return deps;
}
