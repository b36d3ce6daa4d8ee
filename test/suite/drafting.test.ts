/**
 * Drafting mode in a real VS Code (client/src/drafting.ts, rule in core/drafting/heldParagraph.ts):
 * with tsuzuri.lint.drafting on, the problems of the paragraph the writer is typing in are held back
 * while every other paragraph's show; when the selection moves to another paragraph they appear.
 * Tsuzuri: Toggle Drafting Mode flips the setting.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { api, describeDiagnostics, ruleOf, textlintDiagnostics, waitForDiagnostics, waitUntil, workspaceRoot } from "./helpers";

const TOGGLE = "tsuzuri.toggleDrafting";
const RA_RULE = "ja-technical-writing/no-dropping-the-ra";
const KANA_RULE = "ja-technical-writing/no-hankaku-kana";

/** Line 2 is the paragraph typed into; the ら抜き paragraph below it (line 4) has a problem of its own. */
const POST = ["# 下書きの記事", "", "スープは魚介の香りが強いです。", "", "この映画は家族で見れる。", "", "次はつけ麺を頼みます。", ""].join("\n");
/** Typed at the end of line 2: a second line of the same paragraph, with half-width kana. */
const TYPED = "\nｶﾒﾗで撮りました。";

const drafting = (): boolean => vscode.workspace.getConfiguration("tsuzuri").get<boolean>("lint.drafting", false);

function waitForDrafting(on: boolean): Promise<void> {
  return waitUntil(vscode.workspace.onDidChangeConfiguration, () => drafting() === on, `tsuzuri.lint.drafting = ${on}`);
}

describe("drafting mode", function () {
  this.timeout(90_000);
  let file: string;
  let globalBefore: boolean | undefined;

  before(async () => {
    await api();
    file = path.join(workspaceRoot(), "posts", "drafting-mode.md");
    fs.writeFileSync(file, POST);
    globalBefore = vscode.workspace.getConfiguration("tsuzuri").inspect<boolean>("lint.drafting")?.globalValue;
  });

  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.workspace.getConfiguration("tsuzuri").update("lint.drafting", globalBefore, vscode.ConfigurationTarget.Global);
    fs.rmSync(file, { force: true });
  });

  it("Tsuzuri: Toggle Drafting Mode flips tsuzuri.lint.drafting (in the user settings), and back", async () => {
    const start = drafting();
    await vscode.commands.executeCommand(TOGGLE);
    await waitForDrafting(!start);
    assert.equal(vscode.workspace.getConfiguration("tsuzuri").inspect<boolean>("lint.drafting")?.globalValue, !start);
    await vscode.commands.executeCommand(TOGGLE);
    await waitForDrafting(start);
    assert.equal(vscode.workspace.getConfiguration("tsuzuri").inspect<boolean>("lint.drafting")?.globalValue, start);
  });

  it("holds back the problems of the paragraph being typed while the others show, and shows them when the selection leaves it", async () => {
    if (!drafting()) await vscode.commands.executeCommand(TOGGLE);
    await waitForDrafting(true);

    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const uri = doc.uri;
    const onLine = (rule: string, line: number) => (ds: vscode.Diagnostic[]) => ds.some((d) => ruleOf(d) === rule && d.range.start.line === line);
    await waitForDiagnostics(uri, onLine(RA_RULE, 4), "the ら抜き problem on line 5 before typing");
    assert.ok(!textlintDiagnostics(uri).some((d) => ruleOf(d) === KANA_RULE), describeDiagnostics(textlintDiagnostics(uri)));

    // The cursor at the end of line 3, then typed as the writer types (the `type` command, as keys do).
    const end = doc.lineAt(2).range.end;
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand("type", { text: TYPED });
    assert.equal(doc.lineAt(3).text, TYPED.slice(1), "the sentence was typed into the paragraph");

    // The typed line pushed the ら抜き paragraph down a line: once the editor shows it on line 6, the
    // server's lint of the new text has arrived, with the kana problem of line 4 in it.
    const typed = await waitForDiagnostics(uri, onLine(RA_RULE, 5), "the ら抜き problem moved to line 6 by the server's lint of the typed text");
    assert.equal(editor.selection.active.line, 3, "the cursor stayed in the paragraph");
    const held = typed.filter((d) => d.range.start.line === 2 || d.range.start.line === 3);
    assert.deepEqual(held, [], `the typed paragraph's problems are held back: ${describeDiagnostics(held)}`);

    // The cursor leaves for the heading: the held problem shows, the others stay.
    const released = waitForDiagnostics(uri, onLine(KANA_RULE, 3), "the kana problem of the typed line once the cursor left the paragraph");
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), new vscode.Position(0, 0));
    const shown = await released;
    const kana = shown.find((d) => ruleOf(d) === KANA_RULE);
    assert.ok(kana);
    assert.equal(doc.getText(kana.range), "ｶﾒﾗ");
    assert.ok(onLine(RA_RULE, 5)(shown), describeDiagnostics(shown));

    await vscode.commands.executeCommand("workbench.action.files.revert");
    assert.equal(doc.getText(), POST);
  });
});
