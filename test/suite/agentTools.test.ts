/**
 * The agent tools in VS Code (client/src/agentTools.ts): the MCP server's five tools as Language
 * Model Tools, invoked as agent mode invokes them (vscode.lm.invokeTool): check gives the CLI's
 * problems at the CLI's positions, sees an open post's unsaved edits, and fix returns the fixed
 * text without touching the document.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { api, cliFixedText, fixtureUri, runCli, workspaceRoot } from "./helpers";

/** VS Code's Language Model Tools API (1.95+), which @types/vscode 1.91 does not declare. */
interface Lm {
  tools: readonly { name: string }[];
  invokeTool(name: string, options: { input: object; toolInvocationToken: undefined }): Thenable<{ content: { value?: unknown }[] }>;
}
const lm = (vscode as unknown as { lm?: Partial<Lm> }).lm;

interface Problem {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

async function invoke<T>(name: string, input: object): Promise<T> {
  const result = await (lm as Lm).invokeTool(`tsuzuri_${name}`, { input, toolInvocationToken: undefined });
  return JSON.parse(result.content.map((c) => (typeof c.value === "string" ? c.value : "")).join("")) as T;
}

describe("Agent tools (Language Model Tools)", function () {
  before(async function () {
    if (!lm?.invokeTool) return this.skip();
    await vscode.workspace.openTextDocument(fixtureUri("posts/ramen-review.md"));
    await api();
  });
  after(async function () {
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  });

  it("registers the five tools", function () {
    const names = (lm as Lm).tools.map((t) => t.name).filter((n) => n.startsWith("tsuzuri_"));
    assert.deepEqual(names.sort(), ["tsuzuri_check", "tsuzuri_detect_platform", "tsuzuri_fix", "tsuzuri_prepublish", "tsuzuri_render"]);
  });

  it("check gives the CLI's problems at the CLI's positions", async function () {
    const file = fixtureUri("posts/ramen-review.md").fsPath;
    const out = await invoke<{ problems: Problem[] }>("check", { path: file });
    const [cli] = await runCli([file], workspaceRoot());
    assert.deepEqual(
      out.problems.map((p) => [p.ruleId, p.line, p.column, p.endLine, p.endColumn]),
      cli?.messages.map((m) => [m.ruleId, m.loc.start.line, m.loc.start.column, m.loc.end.line, m.loc.end.column]),
    );
  });

  it("check reads an open post's unsaved text; fix returns the fixed text and leaves the document alone", async function () {
    const doc = await vscode.workspace.openTextDocument(fixtureUri("posts/fixable.md"));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), "\nこの映画は家族で見れる。\n"));
    const checked = await invoke<{ problems: Problem[] }>("check", { path: doc.uri.fsPath });
    assert.ok(checked.problems.some((p) => p.ruleId === "ja-technical-writing/no-dropping-the-ra"), "the unsaved sentence is checked");
    const before = doc.getText();
    const fixed = await invoke<{ fixedText: string; written: boolean }>("fix", { path: doc.uri.fsPath });
    assert.equal(fixed.written, false);
    assert.equal(doc.getText(), before);
    await vscode.commands.executeCommand("workbench.action.files.revert");
    const onDisk = await invoke<{ fixedText: string }>("fix", { path: doc.uri.fsPath });
    assert.equal(onDisk.fixedText, await cliFixedText(doc.uri.fsPath, workspaceRoot()));
  });
});
