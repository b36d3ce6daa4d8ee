/**
 * The MCP server's five tools (server/src/mcp) as VS Code Language Model Tools
 * (contributes.languageModelTools, `tsuzuri_<name>`), so that agent mode can check, fix and preview
 * a post. Same dispatch and answers as `tsuzuri mcp` (mcp/toolCalls.ts), with two editor
 * differences: an open post's unsaved text is what gets checked, and fix with write applies the
 * fixes to the document as one edit (undo works) and saves it. Registered only where VS Code has
 * the API (1.95+; the manifest still allows 1.91) and in trusted workspaces: the tools load the
 * project's textlint config and rules, which an untrusted folder must not run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { editsBetween } from "../../server/src/core/fixes/textEdits";
import type * as Library from "../../server/src/mcp/library";
import { TOOL_NAMES, type ToolName } from "../../server/src/mcp/toolNames";
import { uiLanguage } from "./config";

type Args = Record<string, unknown>;

/** The part of VS Code's Language Model Tools API (1.95) used here: @types/vscode is 1.91's. */
interface LmToolsApi {
  lm?: { registerTool?(name: string, tool: LmTool): vscode.Disposable };
  LanguageModelToolResult?: new (content: unknown[]) => unknown;
  LanguageModelTextPart?: new (value: string) => unknown;
}
interface LmTool {
  invoke(options: { input: Args }, token: vscode.CancellationToken): Promise<unknown>;
  prepareInvocation?(options: { input: Args }): { confirmationMessages?: { title: string; message: string } } | undefined;
}

export function registerAgentTools(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const api = vscode as unknown as LmToolsApi;
  const { LanguageModelToolResult: Result, LanguageModelTextPart: TextPart } = api;
  const register = api.lm?.registerTool?.bind(api.lm);
  if (!register || !Result || !TextPart) return log.info("agent tools: this VS Code has no Language Model Tools API");
  const bundleDir = path.join(context.extensionPath, "dist");
  let library: typeof Library | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = () => (library ??= require(path.join(bundleDir, "post-tools.js")) as typeof Library);
  const start = () => {
    for (const name of TOOL_NAMES) {
      const tool: LmTool = {
        invoke: async ({ input }) => {
          const { text, isError } = await invokeTool(load(), name, input, bundleDir);
          // VS Code hands a thrown error's message to the model.
          if (isError) throw new Error(text);
          return new Result([new TextPart(text)]);
        },
        prepareInvocation: ({ input }) => (name === "fix" && input["write"] === true ? { confirmationMessages: writeConfirmation(input) } : undefined),
      };
      context.subscriptions.push(register(`tsuzuri_${name}`, tool));
    }
  };
  if (vscode.workspace.isTrusted) start();
  else context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(start));
}

function writeConfirmation(input: Args): { title: string; message: string } {
  return { title: vscode.l10n.t("Apply Tsuzuri's fixes?"), message: vscode.l10n.t("Apply the automatic fixes to {0} and save it.", String(input["path"] ?? "")) };
}

/** The folder relative paths are read from (and the project root): the post's workspace folder, else the first. */
function folderOf(p: string | undefined): string {
  const folder = p && path.isAbsolute(p) ? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(p)) : vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.fsPath ?? (p && path.isAbsolute(p) ? path.dirname(p) : process.cwd());
}

async function invokeTool(lib: typeof Library, name: ToolName, input: Args, bundleDir: string): Promise<{ text: string; isError: boolean }> {
  const { PostTools, callTool, toolAnswer } = lib;
  const given = typeof input["path"] === "string" ? input["path"] : undefined;
  const cwd = folderOf(given);
  const tools = new PostTools(cwd, uiLanguage(), bundleDir);
  const filePath = given === undefined ? undefined : path.resolve(cwd, given);
  const open = filePath === undefined ? undefined : vscode.workspace.textDocuments.find((d) => d.uri.scheme === "file" && d.uri.fsPath === filePath);
  if (name === "fix" && input["write"] === true && filePath !== undefined && fs.existsSync(filePath)) {
    return toolAnswer(() => fixDocument(lib, tools, input, filePath));
  }
  // An open post with unsaved edits: its text as the editor has it, checked as its file.
  const args = open?.isDirty ? { ...input, path: undefined, text: open.getText(), fileName: filePath } : input;
  return toolAnswer(() => callTool(tools, name, args));
}

/** fix with write: the fixes as one edit of the document (its unsaved text included), then saved. */
async function fixDocument(lib: typeof Library, tools: Library.PostTools, input: Args, filePath: string): Promise<Library.FixOutput> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(filePath));
  const before = document.getText();
  const out = (await lib.callTool(tools, "fix", { ...input, path: undefined, text: before, fileName: filePath, write: false })) as Library.FixOutput;
  if (!out.changed) return { ...out, written: false };
  const edit = new vscode.WorkspaceEdit();
  for (const e of editsBetween(before, out.fixedText)) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.range[0]), document.positionAt(e.range[1])), e.newText);
  }
  const written = document.getText() === before && (await vscode.workspace.applyEdit(edit)) && (await document.save());
  return { ...out, written };
}
