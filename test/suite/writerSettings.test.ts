/**
 * Issue 16's settings and fix candidates in a real VS Code, through the client's settings to the
 * server: tsuzuri.textlint.severity (a level per rule, off hides it), the bundled preset's options
 * (tsuzuri.textlint.sentenceLength), tsuzuri.overrides (per folder), and a rule's suggestions as
 * one quick fix per candidate. Settings are written to the workspace and restored; files are
 * written into the workspace copy and removed.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { api, ruleOf, setWorkspaceSetting, textlintDiagnostics, waitForDiagnostics, workspaceRoot } from "./helpers";

const RA_RULE = "ja-technical-writing/no-dropping-the-ra";
const LENGTH_RULE = "ja-technical-writing/sentence-length";
const RA_POST = "# 映画\n\nこの映画は家族で見れる。\n";
/** One sentence of 56 characters: under the preset's 100, over 40. */
const LONG_POST = "# 長い文\n\n今日は駅前に新しくできたラーメン屋に行って魚介と豚骨のスープを飲み比べてから帰りました。\n";

describe("writer settings and fix candidates", function () {
  this.timeout(90_000);
  let root: string;
  const written: string[] = [];
  const write = (rel: string, content: string): string => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    written.push(file);
    return file;
  };
  const open = async (file: string): Promise<vscode.TextDocument> => {
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  };
  const ra = (uri: vscode.Uri) => textlintDiagnostics(uri).find((d) => ruleOf(d) === RA_RULE);

  before(async () => {
    root = workspaceRoot();
    await api();
  });

  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    for (const file of written) fs.rmSync(file, { force: true });
    fs.rmSync(path.join(root, "suggest-project"), { recursive: true, force: true });
  });

  it("tsuzuri.textlint.severity: a rule's level changes its diagnostics' severity, and off hides it", async () => {
    const doc = await open(write("posts/severity-setting.md", RA_POST));
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === RA_RULE && x.severity === vscode.DiagnosticSeverity.Error), "ら抜き as an error");
    const restore = await setWorkspaceSetting("tsuzuri", "textlint.severity", { "no-dropping-the-ra": "warning" });
    try {
      await waitForDiagnostics(doc.uri, () => ra(doc.uri)?.severity === vscode.DiagnosticSeverity.Warning, "ら抜き as a warning");
      await vscode.workspace.getConfiguration("tsuzuri").update("textlint.severity", { "ja-technical-writing/no-dropping-the-ra": "off" }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(doc.uri, () => ra(doc.uri) === undefined, "no ら抜き with the rule off");
    } finally {
      await restore();
    }
    await waitForDiagnostics(doc.uri, () => ra(doc.uri)?.severity === vscode.DiagnosticSeverity.Error, "ら抜き back as an error");
  });

  it("tsuzuri.textlint.sentenceLength: the bundled preset's option, no .textlintrc needed", async () => {
    const doc = await open(write("posts/sentence-length-setting.md", LONG_POST));
    const hasLength = (ds: vscode.Diagnostic[]) => ds.some((x) => ruleOf(x) === LENGTH_RULE);
    await waitForDiagnostics(doc.uri, (ds) => !hasLength(ds), "no sentence-length at 100");
    const restore = await setWorkspaceSetting("tsuzuri", "textlint.sentenceLength", 40);
    try {
      const ds = await waitForDiagnostics(doc.uri, hasLength, "sentence-length at 40");
      assert.match(ds.find((x) => ruleOf(x) === LENGTH_RULE)!.message, /40/);
    } finally {
      await restore();
    }
    await waitForDiagnostics(doc.uri, (ds) => !hasLength(ds), "no sentence-length at 100 again");
  });

  it("tsuzuri.overrides: settings for some posts of the folder only", async () => {
    const inside = await open(write("posts/overridden/ra.md", RA_POST));
    const outside = await open(write("posts/not-overridden-ra.md", RA_POST));
    await waitForDiagnostics(outside.uri, () => ra(outside.uri) !== undefined, "ら抜き outside");
    const restore = await setWorkspaceSetting("tsuzuri", "overrides", [{ files: "posts/overridden/**", settings: { textlint: { severity: { "no-dropping-the-ra": "info" } } } }]);
    try {
      await waitForDiagnostics(inside.uri, () => ra(inside.uri)?.severity === vscode.DiagnosticSeverity.Information, "ら抜き as information in posts/overridden/");
      assert.equal(ra(outside.uri)?.severity, vscode.DiagnosticSeverity.Error, "the other posts keep the rule's level");
    } finally {
      await restore();
    }
  });

  it("a rule's suggestions are one quick fix each, none preferred; choosing one applies it", async () => {
    const fixture = path.resolve(__dirname, "..", "..", "..", "test", "fixtures", "unit-rules", "textlint-rule-suggests");
    const project = path.join(root, "suggest-project");
    fs.mkdirSync(path.join(project, "node_modules"), { recursive: true });
    fs.cpSync(fixture, path.join(project, "node_modules", "textlint-rule-suggests"), { recursive: true });
    fs.writeFileSync(path.join(project, ".textlintrc.json"), JSON.stringify({ rules: { suggests: true } }));
    fs.writeFileSync(path.join(project, "post.md"), "# 候補\n\n🎉 これは出来る。\n");
    const doc = await open(path.join(project, "post.md"));
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === "suggests"), "the suggests rule's problem", 60_000);
    const problem = ds.find((x) => ruleOf(x) === "suggests")!;
    // At 出 of 出来る, after the emoji (two UTF-16 units): the rule counts code points, Tsuzuri corrects it.
    assert.deepEqual([problem.range.start.line, problem.range.start.character], [2, "🎉 これは".length], doc.getText(problem.range));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, problem.range, vscode.CodeActionKind.QuickFix.value);
    const candidates = actions.filter((a) => a.title.startsWith("Suggested fix: "));
    assert.deepEqual(candidates.map((a) => a.title), ["Suggested fix: 「できる」にする (suggests)", "Suggested fix: 「可能だ」にする (suggests)"]);
    assert.ok(candidates.every((a) => !a.isPreferred), "no candidate is preferred");
    assert.ok(await vscode.workspace.applyEdit(candidates[1]!.edit!));
    assert.match(doc.getText(), /🎉 これは可能だ。/);
    await vscode.commands.executeCommand("workbench.action.files.revert");
  });
});
