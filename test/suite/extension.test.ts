/**
 * Tsuzuri in a real VS Code: activation, textlint diagnostics equal to the CLI's, live updates on
 * edit, project config vs bundled preset, the language status, the commands. Runs in the
 * workspace scripts/e2e prepares from test/fixtures/e2e-workspace.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { QiitaServer } from "../publish/qiitaServer";
import {
  api,
  cliFixedText,
  describeDiagnostics,
  extension,
  fixtureUri,
  ruleOf,
  runCli,
  setWorkspaceSetting,
  severityOf,
  textlintDiagnostics,
  waitForDiagnostics,
  waitForStatus,
  workspaceRoot,
  type CliResult,
  type TsuzuriApi,
  waitForPreview,
} from "./helpers";

const RA_RULE = "ja-technical-writing/no-dropping-the-ra";
const KANA_RULE = "ja-technical-writing/no-hankaku-kana";
const REDUNDANT_RULE = "ja-technical-writing/ja-no-redundant-expression";
const fixableRule = (d: vscode.Diagnostic) => [KANA_RULE, REDUNDANT_RULE].includes(ruleOf(d));
const RA_MESSAGE = "ら抜き言葉を使用しています。";

/** A diagnostic, or a CLI message placed in the document, as one comparable line. */
function line(rule: string, start: vscode.Position, end: vscode.Position, severity: vscode.DiagnosticSeverity, message: string): string {
  return `${start.line}:${start.character}-${end.line}:${end.character} ${rule} [${vscode.DiagnosticSeverity[severity]}] ${message}`;
}

function assertMatchesCli(doc: vscode.TextDocument, diagnostics: vscode.Diagnostic[], cli: CliResult[]): void {
  assert.equal(cli.length, 1, `the CLI reported ${cli.length} files`);
  const [result] = cli;
  assert.ok(result);
  assert.equal(path.resolve(result.filePath), doc.uri.fsPath);
  const byPosition = (a: string, b: string): number => {
    const [al, ac] = a.split(/[:-]/).map(Number);
    const [bl, bc] = b.split(/[:-]/).map(Number);
    return (al ?? 0) - (bl ?? 0) || (ac ?? 0) - (bc ?? 0) || a.localeCompare(b);
  };
  const expected = result.messages
    .map((m) => line(m.ruleId, doc.positionAt(m.range[0]), doc.positionAt(m.range[1]), severityOf(m.severity), m.message))
    .sort(byPosition);
  const actual = diagnostics.map((d) => line(ruleOf(d), d.range.start, d.range.end, d.severity, d.message)).sort(byPosition);
  assert.deepEqual(actual, expected, "editor diagnostics differ from `tsuzuri check --format json`");
  // textlint's loc (1-based line and UTF-16 column) must agree with where the editor draws it.
  for (const m of result.messages) {
    const d = diagnostics.find((x) => ruleOf(x) === m.ruleId && x.message === m.message && doc.offsetAt(x.range.start) === m.range[0]);
    assert.ok(d, `no diagnostic for ${m.ruleId} at offset ${m.range[0]}`);
    assert.equal(d.range.start.line, m.loc.start.line - 1, `line of ${m.ruleId}`);
    assert.equal(d.range.start.character, m.loc.start.column - 1, `UTF-16 column of ${m.ruleId}`);
  }
}

async function open(rel: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(rel));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  assert.equal(doc.languageId, "markdown");
  return { doc, editor };
}

describe("Tsuzuri in VS Code", function () {
  let tsuzuri: TsuzuriApi;
  let root: string;

  before(async function () {
    root = workspaceRoot();
    // Opening Markdown is what activates the extension (onLanguage:markdown).
    await open("posts/ramen-review.md");
    tsuzuri = await api();
  });

  after(async function () {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("activates on Markdown and returns its test API", function () {
    const ext = extension();
    assert.equal(ext.isActive, true);
    assert.equal(typeof tsuzuri.getStatus, "function");
    assert.ok(ext.packageJSON.activationEvents.includes("onLanguage:markdown"));
  });

  it("publishes textlint diagnostics equal to the CLI's for a Japanese post", async function () {
    const { doc } = await open("posts/ramen-review.md");
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === RA_RULE), `${RA_RULE}`);
    const ra = ds.find((x) => ruleOf(x) === RA_RULE);
    assert.ok(ra);
    assert.equal(ra.message, RA_MESSAGE);
    assert.equal(ra.source, "textlint");
    // The rule marks the れ of 見れる. The line starts with an emoji (two UTF-16 units), which must
    // not shift the range: textlint's own CLI is off by one there, Tsuzuri counts as the editor does.
    assert.equal(doc.getText(ra.range), "れ", `the ら抜き range covers ${JSON.stringify(doc.getText(ra.range))}`);
    assert.equal(ra.range.start.character, doc.lineAt(ra.range.start.line).text.indexOf("見れる") + 1);
    const code = ra.code;
    assert.ok(typeof code === "object" && code !== null, "diagnostic code carries the rule's documentation link");
    assert.equal(code.value, RA_RULE);
    assert.match(code.target.toString(), /^https:\/\//);
    await waitForStatus(tsuzuri, doc.uri, (s) => s.state === "ok", "ok");
    assertMatchesCli(doc, textlintDiagnostics(doc.uri), await runCli([doc.uri.fsPath], path.join(root, "posts")));
  });

  it("updates diagnostics as the post is edited, and matches the CLI after saving", async function () {
    const { doc, editor } = await open("posts/clean-draft.md");
    await waitForStatus(tsuzuri, doc.uri, (s) => s.state === "ok" && s.lastLintMs !== undefined, "ok after the first lint");
    assert.deepEqual(textlintDiagnostics(doc.uri), [], `clean-draft.md should be clean: ${describeDiagnostics(textlintDiagnostics(doc.uri))}`);

    const sentence = "この映画は配信でも見れる。";
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const appeared = waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === RA_RULE), "a ら抜き diagnostic after typing");
    assert.ok(await editor.edit((b) => b.insert(end, `\n${sentence}\n`)));
    const ds = await appeared;
    const ra = ds.find((x) => ruleOf(x) === RA_RULE);
    assert.ok(ra);
    const at = doc.positionAt(doc.getText().indexOf("見れる") + 1);
    assert.deepEqual([ra.range.start.line, ra.range.start.character], [at.line, at.character]);
    assert.equal(ra.message, RA_MESSAGE);

    assert.ok(await doc.save(), "save the edited post");
    await waitForStatus(tsuzuri, doc.uri, (s) => s.state === "ok", "ok after save");
    assertMatchesCli(doc, textlintDiagnostics(doc.uri), await runCli([doc.uri.fsPath], path.join(root, "posts")));

    // Deleting the sentence clears the problem again.
    const start = doc.positionAt(doc.getText().indexOf(sentence));
    const cleared = waitForDiagnostics(doc.uri, (d) => d.length === 0, "no diagnostics after deleting the sentence");
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(start, start.translate(0, sentence.length)))));
    await cleared;
    await doc.save();
  });

  it("honours a project .textlintrc.json instead of the bundled preset", async function () {
    const { doc } = await open("project/spacing-note.md");
    const status = await waitForStatus(tsuzuri, doc.uri, (s) => s.state === "ok", "ok");
    assert.equal(status.configKind, "project", JSON.stringify(status));
    const ds = textlintDiagnostics(doc.uri);
    assert.ok(ds.length > 0, "the project config (preset-ja-spacing) reports the half/full-width spaces");
    for (const d of ds) assert.match(ruleOf(d), /^ja-spacing\//, `only the project's rules run: ${describeDiagnostics(ds)}`);
    assert.ok(doc.getText().includes("見れる"), "the fixture has a ら抜き word the project config does not check");
    assertMatchesCli(doc, ds, await runCli([doc.uri.fsPath], path.join(root, "project")));
  });

  it("lints a post of a preset-smarthr project with the project's own packages, as the CLI does (issue 12)", async function () {
    // The first lint loads the project's two presets (their packages come from the npm registry).
    this.timeout(180_000);
    const { doc } = await open("smarthr/articles/textlint-smarthr-memory.md");
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === "smarthr/prh-rules"), "a diagnostic of preset-smarthr's prh-rules", 150_000);
    const status = await waitForStatus(tsuzuri, doc.uri, (s) => s.state === "ok", "ok", 60_000);
    assert.equal(status.configKind, "project");
    assert.equal(path.resolve(status.configLabel), path.join(root, "smarthr", ".textlintrc.json"));
    const rules = new Set(ds.map(ruleOf));
    for (const rule of ["smarthr/ja-keishikimeishi", "smarthr/ja-hiragana-hojodoushi", RA_RULE]) assert.ok(rules.has(rule), `${rule} in ${[...rules].join(", ")}`);
    // The project's analyser rules count UTF-16 units too: the ら抜き squiggle after the family emoji.
    const ra = ds.find((x) => ruleOf(x) === RA_RULE);
    assert.ok(ra);
    assert.equal(doc.getText(ra.range), "れ");
    assertMatchesCli(doc, textlintDiagnostics(doc.uri), await runCli([doc.uri.fsPath], path.join(root, "smarthr")));
  });

  it("reports the config in use through the language status", async function () {
    const bundledPost = fixtureUri("posts/ramen-review.md");
    const projectPost = fixtureUri("project/spacing-note.md");
    await open("posts/ramen-review.md");
    const bundled = await waitForStatus(tsuzuri, bundledPost, (s) => s.state === "ok", "ok");
    assert.equal(bundled.configKind, "bundled");
    assert.ok(bundled.configLabel.length > 0, "the bundled status names the preset");
    assert.equal(typeof bundled.lastLintMs, "number");
    await open("project/spacing-note.md");
    const project = await waitForStatus(tsuzuri, projectPost, (s) => s.state === "ok", "ok");
    assert.equal(project.configKind, "project");
    assert.equal(path.resolve(project.configLabel), path.join(root, "project", ".textlintrc.json"));
  });

  it("switches to the bundled preset when tsuzuri.textlint.configMode is 'bundled'", async function () {
    const { doc } = await open("project/spacing-note.md");
    await waitForStatus(tsuzuri, doc.uri, (s) => s.configKind === "project" && s.state === "ok", "project config");
    const switched = waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === RA_RULE), "the bundled preset's ら抜き diagnostic");
    const restore = await setWorkspaceSetting("tsuzuri.textlint", "configMode", "bundled");
    try {
      await switched;
      const status = await waitForStatus(tsuzuri, doc.uri, (s) => s.configKind === "bundled" && s.state === "ok", "bundled");
      assert.equal(status.bundledReason, "setting");
    } finally {
      const back = waitForDiagnostics(doc.uri, (d) => d.length > 0 && d.every((x) => ruleOf(x).startsWith("ja-spacing/")), "project rules again");
      await restore();
      await back;
    }
  });

  it("registers its commands, and restarting the server brings the diagnostics back", async function () {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ["tsuzuri.restartServer", "tsuzuri.showOutput"]) assert.ok(commands.includes(id), `${id} is registered`);
    const contributed = (extension().packageJSON.contributes?.commands ?? []) as { command: string }[];
    assert.deepEqual(contributed.map((c) => c.command).sort(), ["tsuzuri.checkAllPosts", "tsuzuri.newPost", "tsuzuri.openPublished", "tsuzuri.preview.openToSide", "tsuzuri.preview.toggleLock", "tsuzuri.publish", "tsuzuri.pullRemote", "tsuzuri.removeToken", "tsuzuri.restartServer", "tsuzuri.setToken", "tsuzuri.showOutput", "tsuzuri.toggleDrafting"]);

    const { doc } = await open("posts/ramen-review.md");
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === RA_RULE), RA_RULE);
    const before = describeDiagnostics(textlintDiagnostics(doc.uri));
    const republished = waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === RA_RULE), "diagnostics from the restarted server", 30_000, {
      skipCurrent: true,
    });
    await vscode.commands.executeCommand("tsuzuri.restartServer");
    await republished;
    assert.equal(describeDiagnostics(textlintDiagnostics(doc.uri)), before);
    await vscode.commands.executeCommand("tsuzuri.showOutput");
  });

  it("Check All Posts puts the problems of a post that was never opened in Problems, and clears them when the file is deleted", async function () {
    this.timeout(120_000);
    const file = path.join(root, "check-all", "unopened.md");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "# 未公開の記事\n\nこの映画は家族で見れる。\n");
    const uri = vscode.Uri.file(file);
    try {
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === file), "the post is not open");
      const result = await vscode.commands.executeCommand<{ total: number; done: number; cancelled: boolean; errors: number; postsWithProblems: number }>("tsuzuri.checkAllPosts");
      assert.ok(result && !result.cancelled && result.done === result.total && result.total > 5, JSON.stringify(result));
      assert.ok(result.errors >= 1 && result.postsWithProblems >= 1, `the summary counts the unopened post's error: ${JSON.stringify(result)}`);
      const ds = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === RA_RULE), "the unopened post's ら抜き");
      assert.equal(ds.find((x) => ruleOf(x) === RA_RULE)?.message, RA_MESSAGE);
      const cleared = waitForDiagnostics(uri, (d) => d.length === 0, "no diagnostics once the post is deleted", 30_000, { source: "all" });
      fs.rmSync(file);
      await cleared;
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it("fix-all from the quick-fix menu gives exactly `tsuzuri check --fix`'s text, and the problems go away", async function () {
    const { doc } = await open("posts/fixable.md");
    const original = doc.getText();
    const ds = await waitForDiagnostics(doc.uri, (d) => d.filter(fixableRule).length === 3, "three fixable problems");
    const kana = ds.find((d) => ruleOf(d) === KANA_RULE);
    assert.ok(kana);
    const expected = await cliFixedText(doc.uri.fsPath, path.join(root, "posts"));
    assert.notEqual(expected, original);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, kana.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title).join(" | ");
    assert.ok(actions.find((a) => a.isPreferred && a.title === "Fix this problem (no-hankaku-kana)"), titles);
    const fixAll = actions.find((a) => a.title === "Fix all 3 auto-fixable problems in this file");
    assert.ok(fixAll?.command, titles);
    const cleared = waitForDiagnostics(doc.uri, (d) => !d.some(fixableRule), "no fixable problem left");
    await vscode.commands.executeCommand(fixAll.command.command, ...(fixAll.command.arguments ?? []));
    await cleared;
    assert.equal(doc.getText(), expected);
    await vscode.commands.executeCommand("workbench.action.files.revert");
    assert.equal(doc.getText(), original);
  });

  it("fixes the post on save with editor.codeActionsOnSave source.fixAll.tsuzuri", async function () {
    const { doc, editor } = await open("posts/clean-draft.md");
    const original = doc.getText();
    const restore = await setWorkspaceSetting("editor", "codeActionsOnSave", { "source.fixAll.tsuzuri": "explicit" });
    try {
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      const typed = waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === KANA_RULE), "the half-width kana typed");
      assert.ok(await editor.edit((b) => b.insert(end, "\nｶﾒﾗを使います。\n")));
      await typed;
      assert.ok(await doc.save());
      assert.match(doc.getText(), /\nカメラを使います。\n/, "fixed before it was written");
      assert.equal(fs.readFileSync(doc.uri.fsPath, "utf8"), doc.getText(), "the file on disk has the fix");
      await waitForDiagnostics(doc.uri, (d) => !d.some((x) => ruleOf(x) === KANA_RULE), "no kana problem after save");
    } finally {
      await restore();
      const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
      await editor.edit((b) => b.replace(all, original));
      await doc.save();
    }
  });

  it("tsuzuri.newPost with { platform, title, topics } writes a Zenn post as zenn new:article does, opens it at the body, and the post has no problem at all", async function () {
    const articles = path.join(root, "articles");
    const hadArticles = fs.existsSync(articles);
    const title = "Tsuzuri で記事を書く";
    // As typed in the prompt: Zenn's topics are lowercase, so TypeScript is written as typescript.
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>("tsuzuri.newPost", { platform: "zenn", title, topics: ["TypeScript", "vscode"] });
    try {
      assert.ok(uri, "the command resolves with the new post's URI");
      assert.equal(path.dirname(uri.fsPath), articles);
      assert.match(path.basename(uri.fsPath), /^[0-9a-f]{14}\.md$/, "a random 14-hex slug, as zenn-cli makes");
      const text = fs.readFileSync(uri.fsPath, "utf8");
      const emoji = /^emoji: "(.+)"$/m.exec(text)?.[1] ?? "";
      assert.match(emoji, /^\p{Extended_Pictographic}$/u);
      const expected = ["---", `title: "${title}"`, `emoji: "${emoji}"`, 'type: "tech" # tech: 技術記事 / idea: アイデア', 'topics: ["typescript", "vscode"]', "published: false", "---", "", ""];
      assert.equal(text, expected.join("\n"));
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor, "an editor is active");
      assert.equal(editor.document.uri.toString(), uri.toString(), "the new post is the active editor");
      assert.equal(editor.selection.active.line, editor.document.lineCount - 1, "the cursor is on the body's line");
      // The status follows the diagnostics of the same lint; its platform says the frontmatter was checked.
      const status = await waitForStatus(tsuzuri, uri, (s) => s.state === "ok" && s.lastLintMs !== undefined && s.platform === "zenn", "the new post linted with Zenn's frontmatter rules");
      assert.match(status.platformReason ?? "", /Zenn/);
      const all = await waitForDiagnostics(uri, (d) => d.length === 0, "no diagnostic at all on the new post", 20_000, { source: "all" });
      assert.equal(describeDiagnostics(all), "(none)", "a new post has neither a textlint nor a frontmatter problem");
    } finally {
      await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
      if (uri) fs.rmSync(uri.fsPath, { force: true });
      if (!hadArticles) fs.rmSync(articles, { recursive: true, force: true });
    }
  });

  it("a Zenn post with 6 topics gets frontmatter/zenn-topics-count, and the quick fix 'Keep the first 5 topics' removes it", async function () {
    const { doc } = await open("zenn/articles/six-topics-post.md");
    const original = doc.getText();
    const isCount = (d: vscode.Diagnostic) => d.source === "tsuzuri" && ruleOf(d) === "frontmatter/zenn-topics-count";
    try {
      const ds = await waitForDiagnostics(doc.uri, (d) => d.some(isCount), "frontmatter/zenn-topics-count", 20_000, { source: "tsuzuri" });
      const count = ds.find(isCount);
      assert.ok(count);
      assert.equal(count.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(doc.getText(count.range), '["vscode", "textlint", "markdown", "zenn", "japanese", "writing"]', "the problem is on the topics' value");
      const status = await waitForStatus(tsuzuri, doc.uri, (s) => s.platform === "zenn", "platform zenn");
      assert.match(status.platformReason ?? "", /zenn-cli/, "detected from the repository's layout and zenn-cli");
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, count.range, vscode.CodeActionKind.QuickFix.value);
      const titles = actions.map((a) => a.title).join(" | ");
      const keep = actions.find((a) => a.title === "Keep the first 5 topics");
      assert.ok(keep?.edit, `"Keep the first 5 topics" with an edit among: ${titles}`);
      const cleared = waitForDiagnostics(doc.uri, (d) => !d.some(isCount), "no zenn-topics-count after the fix", 20_000, { source: "tsuzuri", skipCurrent: true });
      assert.ok(await vscode.workspace.applyEdit(keep.edit), "the edit applies");
      await cleared;
      assert.match(doc.getText(), /^topics: \["vscode", "textlint", "markdown", "zenn", "japanese"\]$/m);
      assert.equal(doc.getText().replace(/^topics: .*$/m, ""), original.replace(/^topics: .*$/m, ""), "only the topics changed");
    } finally {
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand("workbench.action.files.revert");
      assert.equal(doc.getText(), original, "reverted");
      assert.equal(doc.isDirty, false);
    }
  });

  it("an uppercase Zenn topic is only a hint; 'Turn zenn-topic-case off' writes tsuzuri.frontmatter.rules of the folder and the hint goes away", async function () {
    const { doc, editor } = await open("zenn/articles/six-topics-post.md");
    const original = doc.getText();
    const isCase = (d: vscode.Diagnostic) => d.source === "tsuzuri" && ruleOf(d) === "frontmatter/zenn-topic-case";
    const uri = doc.uri;
    try {
      const start = doc.positionAt(original.indexOf('"vscode"') + 1);
      assert.ok(await editor.edit((b) => b.replace(new vscode.Range(start, start.translate(0, 1)), "V")));
      const ds = await waitForDiagnostics(uri, (d) => d.some(isCase), "frontmatter/zenn-topic-case", 20_000, { source: "tsuzuri" });
      const hint = ds.find(isCase);
      assert.ok(hint);
      assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint, "zenn-cli has no case rule: not a warning");
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, hint.range, vscode.CodeActionKind.QuickFix.value);
      const off = actions.find((a) => a.title === "Turn zenn-topic-case off (setting tsuzuri.frontmatter.rules)");
      assert.ok(off?.command, actions.map((a) => a.title).join(" | "));
      const cleared = waitForDiagnostics(uri, (d) => !d.some(isCase) && d.some((x) => ruleOf(x) === "frontmatter/zenn-topics-count"), "the hint gone, the other rules kept", 20_000, { source: "tsuzuri", skipCurrent: true });
      await vscode.commands.executeCommand(off.command.command, ...(off.command.arguments ?? []));
      await cleared;
      const inspected = vscode.workspace.getConfiguration("tsuzuri", uri).inspect<Record<string, string>>("frontmatter.rules");
      assert.deepEqual(inspected?.workspaceFolderValue, { "zenn-topic-case": "off" });
    } finally {
      await vscode.workspace.getConfiguration("tsuzuri", uri).update("frontmatter.rules", undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand("workbench.action.files.revert");
      assert.equal(doc.getText(), original, "reverted");
    }
  });

  it("completes type's values (tech, idea) in a Zenn post's frontmatter", async function () {
    const { doc } = await open("zenn/articles/six-topics-post.md");
    await waitForStatus(tsuzuri, doc.uri, (s) => s.platform === "zenn", "platform zenn");
    const line = doc.getText().split("\n").findIndex((l) => l.startsWith("type: "));
    assert.ok(line > 0, "the fixture has a type line");
    const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", doc.uri, new vscode.Position(line, "type: ".length));
    const labels = list.items.map((i) => (typeof i.label === "string" ? i.label : i.label.label));
    for (const value of ["tech", "idea"]) assert.ok(labels.includes(value), `${value} among ${labels.slice(0, 30).join(", ")}`);
  });

  it("Open Preview to the Side opens a webview panel for the post, which follows edits and marks the problems", async function () {
    const { doc, editor } = await open("zenn/articles/preview-zenn-post.md");
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === RA_RULE), "the ら抜き problem of the post");
    const first = waitForPreview(tsuzuri, (u) => u.uri === doc.uri.toString() && u.blocks > 10, "the first render");
    await vscode.commands.executeCommand("tsuzuri.preview.openToSide");
    const shown = await first;
    assert.ok(shown.marks >= 1, `the ら抜き problem is marked (${shown.marks} marks)`);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const webview = tabs.find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith("tsuzuri.preview"));
    assert.ok(webview, `a Tsuzuri preview tab among ${tabs.map((t) => t.label).join(", ")}`);
    assert.equal(webview.label, "Preview preview-zenn-post.md");
    assert.equal(tsuzuri.preview.current?.uri.toString(), doc.uri.toString());

    const typed = waitForPreview(tsuzuri, (u) => u.uri === doc.uri.toString() && u.version > shown.version, "an update after typing");
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, "\n追加した段落です。\n")));
    const after = await typed;
    assert.equal(after.version, doc.version);
    assert.ok(after.blocks > shown.blocks, `one more block (${shown.blocks} → ${after.blocks})`);
    await vscode.commands.executeCommand("workbench.action.files.revert");
  });

  it("publishes a Qiita post to a loopback Qiita with a token from SecretStorage, and writes the id back", async function () {
    const server = await new QiitaServer("test-token-from-secret-storage").start();
    const restore = await setWorkspaceSetting("tsuzuri.publish", "qiitaBaseUrl", server.url);
    const { doc } = await open("qiita/public/publish-test.md");
    const original = doc.getText();
    try {
      await vscode.commands.executeCommand("tsuzuri.setToken", { platform: "qiita", token: "test-token-from-secret-storage" });
      await waitForStatus(tsuzuri, doc.uri, (s) => s.state === "ok" && (s as { platform?: string }).platform === "qiita", "detected as a Qiita post");
      await waitForDiagnostics(doc.uri, (d) => d.length === 0, "a clean post (the pre-publish gate passes)", 20_000, { source: "all" });
      await vscode.commands.executeCommand("tsuzuri.publish", doc.uri);
      assert.equal(server.copies("エディターから Qiita に投稿する").length, 1, "one item on the server");
      const [item] = server.items;
      assert.match(doc.getText(), new RegExp(`\\nid: ${item?.id}\\n`));
      assert.match(doc.getText(), /\nupdated_at: '\d{4}-\d{2}-\d{2}T/);
      assert.equal(doc.isDirty, false, "written back and saved");
      assert.equal(doc.getText().replace(/\nid: .*\n/, "\nid: null\n").replace(/\nupdated_at: .*\n/, "\nupdated_at: ''\n"), original, "nothing else changed");
      assert.equal(item?.body.trim(), "この記事はテストのために投稿します。");
    } finally {
      await restore();
      await server.close();
      const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((b) => b.replace(all, original));
      await doc.save();
    }
  });

  it("contributes the Getting Started walkthrough with its five steps and their media, opens it, and its Open Preview button previews the post behind it", async function () {
    const ext = extension();
    type Step = { id: string; title: string; media: { svg?: string }; completionEvents?: string[] };
    const walkthroughs = (ext.packageJSON.contributes?.walkthroughs ?? []) as { id: string; title: string; steps: Step[] }[];
    assert.deepEqual(walkthroughs.map((w) => w.id), ["gettingStarted"]);
    const [walkthrough] = walkthroughs;
    assert.ok(walkthrough);
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ["openPost", "seeProblem", "quickFix", "preview", "publish"]);
    for (const step of walkthrough.steps) {
      assert.ok(step.media.svg, `${step.id} has an SVG`);
      // The installed copy is what the .vsix packed (.vscodeignore is an allowlist).
      assert.ok(fs.existsSync(path.join(ext.extensionPath, step.media.svg)), `${step.media.svg} is in the installed extension`);
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id} has completion events`);
    }

    // The post a writer has open, then the walkthrough in front of it (no active text editor).
    const { doc } = await open("posts/ramen-review.md");
    const before = vscode.window.tabGroups.all.flatMap((g) => g.tabs).length;
    await vscode.commands.executeCommand("workbench.action.openWalkthrough", `${ext.id}#${walkthrough.id}`, false);
    // The walkthrough page's tab is "Welcome" (VS Code renames it "Walkthrough: <display name>" only on
    // a later label change); its steps on the page are checked by the writer scenario "walkthrough".
    const nls = (file: string) => JSON.parse(fs.readFileSync(path.join(ext.extensionPath, file), "utf8")) as Record<string, string>;
    const labels = ["Welcome", ...["package.nls.json", "package.nls.ja.json"].map((f) => `Walkthrough: ${nls(f)["displayName"]}`)];
    const activeTab = () => vscode.window.tabGroups.activeTabGroup.activeTab;
    const deadline = Date.now() + 20_000;
    while (!labels.includes(activeTab()?.label ?? "")) {
      if (Date.now() > deadline) assert.fail(`the walkthrough's tab is not active: "${activeTab()?.label}" is, expected one of ${labels.join(" | ")}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(!(activeTab()?.input instanceof vscode.TabInputText), "the walkthrough page is not a text editor");
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, before + 1, "one new tab");
    assert.equal(vscode.window.activeTextEditor, undefined, "the walkthrough, not the post, is the active editor");
    try {
      // What the step's button [Open Preview to the Side](command:tsuzuri.preview.openToSide) runs.
      const shown = waitForPreview(tsuzuri, (u) => u.uri === doc.uri.toString(), "the post behind the walkthrough in the preview");
      await vscode.commands.executeCommand("tsuzuri.preview.openToSide");
      await shown;
      assert.equal(tsuzuri.preview.current?.uri.toString(), doc.uri.toString());
    } finally {
      await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    }
  });
});
