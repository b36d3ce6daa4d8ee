/**
 * Quick fixes over real JSON-RPC: textDocument/codeAction for a diagnostic, the edits the editor
 * applies (the harness applies them as VS Code does, versions checked), and the commands behind the
 * actions (workspace/executeCommand → workspace/applyEdit). Fix-all results are compared with
 * textlint's own fixer run in the test.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createLinter, loadTextlintrc } from "textlint";
import type { CodeAction, Diagnostic, TextDocumentEdit } from "vscode-languageserver-types";
import { LspSession } from "../helpers/lspHarness";
import { makeWorkspace, removeWorkspace, repoRoot } from "../helpers/workspace";

const KANA = "ja-technical-writing/no-hankaku-kana";
const REDUNDANT = "ja-technical-writing/ja-no-redundant-expression";
const RA = "ja-technical-writing/no-dropping-the-ra";
/** Two rules with fixes (two problems each, on the same lines) and one without. */
const POST = [
  "# ﾃｽﾄの記事",
  "",
  "ﾃｽﾄを実行することができます。",
  "この映画は家族で見れる。",
  "ｶﾒﾗを使用することができます。",
  "",
].join("\n");

const byRule = (ds: Diagnostic[], ruleId: string) => ds.filter((d) => d.code === ruleId);
const titles = (actions: CodeAction[]) => actions.map((a) => a.title);

/** What `textlint --fix` gives for the text with the same preset and filter (textlint's own fixer). */
async function textlintFix(dir: string, text: string): Promise<string> {
  const config = path.join(dir, ".textlintrc.tmp.json");
  fs.writeFileSync(config, JSON.stringify({ rules: { "preset-ja-technical-writing": true }, filters: { comments: true } }));
  const descriptor = await loadTextlintrc({ configFilePath: config, node_modulesDir: path.join(dir, "node_modules") });
  fs.rmSync(config);
  return (await createLinter({ descriptor }).fixText(text, path.join(dir, "post.md"))).output;
}

describe("quick fixes over LSP (bundled preset)", () => {
  let ws: string;
  let session: LspSession;
  before(async () => {
    ws = makeWorkspace({}, { linkNodeModules: true });
    session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
  });
  after(async () => {
    await session.stop();
    removeWorkspace(ws);
  });

  it("offers 'fix this problem' as a preferred quick fix with a minimal, versioned edit; applying it clears the squiggle", async () => {
    const uri = session.open(path.join(ws, "one.md"), POST);
    const published = await session.nextDiagnostics(uri, 1);
    const redundant = byRule(published.diagnostics, REDUNDANT)[0];
    assert.ok(redundant, "the post has a redundant expression");
    const actions = await session.codeActions(uri, redundant.range, [redundant]);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred action among ${titles(actions).join(" | ")}`);
    assert.equal(fix.kind, "quickfix");
    assert.equal(fix.title, "Fix this problem (ja-no-redundant-expression)");
    const change = fix.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    // The rule replaces 「することができます」 by 「できます」: the edit deletes just 「することが」.
    assert.deepEqual(change.edits, [{ range: { start: { line: 2, character: 6 }, end: { line: 2, character: 11 } }, newText: "" }]);
    assert.ok(session.applyWorkspaceEdit(fix.edit ?? {}));
    const after = await session.nextDiagnostics(uri, 2);
    assert.equal(byRule(after.diagnostics, REDUNDANT).length, byRule(published.diagnostics, REDUNDANT).length - 1);
    assert.equal(session.text(uri), POST.replace("ﾃｽﾄを実行することができます", "ﾃｽﾄを実行できます"));
  });

  it("offers fix-all of the rule and of the file; the command's applyEdit gives exactly textlint --fix's text", async () => {
    const uri = session.open(path.join(ws, "all.md"), POST);
    const published = await session.nextDiagnostics(uri, 1);
    const kana = byRule(published.diagnostics, KANA)[0];
    assert.ok(kana);
    const actions = await session.codeActions(uri, kana.range, [kana]);
    // textlint reports no-hankaku-kana in body text only (2 here), though its fixer also fixes the heading.
    const ruleAll = actions.find((a) => a.title === "Fix all 2 problems of no-hankaku-kana in this file");
    const fileAll = actions.find((a) => a.title === "Fix all 4 auto-fixable problems in this file");
    assert.ok(ruleAll && fileAll, titles(actions).join(" | "));

    await session.executeCommand(ruleAll.command?.command ?? "", ruleAll.command?.arguments ?? []);
    const afterRule = await session.nextDiagnostics(uri, 2);
    assert.deepEqual(byRule(afterRule.diagnostics, KANA), []);
    assert.equal(byRule(afterRule.diagnostics, REDUNDANT).length, 2, "other rules' problems are left alone");
    assert.equal(session.text(uri), POST.replace("ﾃｽﾄを", "テストを").replace("ｶﾒﾗ", "カメラ"));

    // The file-wide action was offered for version 1: refused now, nothing changes.
    const edits = session.appliedEdits.length;
    await session.executeCommand(fileAll.command?.command ?? "", fileAll.command?.arguments ?? []);
    const warning = await session.shownMessages.next((m) => /changed after this fix was offered/.test(m.message), 5000, 0);
    assert.equal(warning.type, 2);
    assert.equal(session.appliedEdits.length, edits, "no edit was sent for a stale version");

    const fresh = await session.codeActions(uri, afterRule.diagnostics[0]?.range ?? kana.range, afterRule.diagnostics.filter((d) => d.code === REDUNDANT));
    const all = fresh.find((a) => a.title.startsWith("Fix all 2"));
    assert.ok(all, titles(fresh).join(" | "));
    const before = session.text(uri) ?? "";
    await session.executeCommand(all.command?.command ?? "", all.command?.arguments ?? []);
    await session.nextDiagnostics(uri, 3);
    assert.equal(session.text(uri), await textlintFix(ws, before));
  });

  it("a fix-all cancelled while it is computed applies nothing", async () => {
    // The fix is computed in the worker, so the cancellation right behind the command arrives first.
    // Under the visible-first size (8,000 characters): one publish, with every fix in it.
    const long = Array.from({ length: 90 }, (_, i) => POST.replace("ﾃｽﾄの記事", `ﾃｽﾄの記事 ${i}`)).join("\n");
    assert.ok(long.length < 8_000, `${long.length} characters`);
    const uri = session.open(path.join(ws, "cancel.md"), long);
    const published = await session.nextDiagnostics(uri, 1, 60_000);
    const kana = byRule(published.diagnostics, KANA)[0];
    assert.ok(kana);
    const actions = await session.codeActions(uri, kana.range, [kana]);
    const fileAll = actions.find((a) => a.title.startsWith("Fix all") && a.title.endsWith("auto-fixable problems in this file"));
    assert.ok(fileAll?.command, titles(actions).join(" | "));
    const edits = session.appliedEdits.length;
    const answer = await session.executeCommandCancelled(fileAll.command.command, fileAll.command.arguments ?? []);
    assert.equal(session.appliedEdits.length, edits, `no edit after the cancellation (${JSON.stringify(answer)})`);
    assert.equal(session.text(uri), long);
    // Not cancelled, the same command does apply.
    await session.executeCommand(fileAll.command.command, fileAll.command.arguments ?? []);
    assert.equal(session.appliedEdits.length, edits + 1);
    assert.notEqual(session.text(uri), long);
  });

  it("source.fixAll.tsuzuri (fix on save) returns the whole fix as minimal edits equal to textlint --fix", async () => {
    const crlf = `👍${POST.replace(/\n/g, "\r\n")}`;
    const uri = session.open(path.join(ws, "save.md"), crlf);
    await session.nextDiagnostics(uri, 1);
    const actions = await session.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ["source.fixAll.tsuzuri"]);
    assert.equal(actions.length, 1);
    const [fixAll] = actions;
    assert.equal(fixAll?.kind, "source.fixAll.tsuzuri");
    const change = fixAll?.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.equal(change.textDocument.version, 1);
    assert.equal(change.edits.length, 5, "one edit per changed run of characters, not a whole-document replace");
    assert.ok(change.edits.every((e) => e.range.start.line === e.range.end.line), "each edit within one line");
    assert.ok(session.applyWorkspaceEdit(fixAll?.edit ?? {}));
    assert.equal(session.text(uri), await textlintFix(ws, crlf));
    // Asked with the generic "source.fixAll" kind too (editor.codeActionsOnSave: source.fixAll).
    const generic = await session.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ["source.fixAll"]);
    assert.equal(generic.length, 1);
  });

  it("does not offer a rule's fix from a diagnostic of an older version (its offsets are of another text)", async () => {
    const uri = session.open(path.join(ws, "stale.md"), POST);
    const published = await session.nextDiagnostics(uri, 1);
    const redundant = byRule(published.diagnostics, REDUNDANT)[0];
    assert.ok(redundant);
    // The editor keeps the diagnostic (moved down a line) until the next lint replaces it.
    session.change(uri, `前置き。\n${POST}`);
    const moved = { ...redundant, range: { start: { ...redundant.range.start, line: 3 }, end: { ...redundant.range.end, line: 3 } } };
    const actions = await session.codeActions(uri, moved.range, [moved]);
    assert.equal(actions.find((a) => a.isPreferred), undefined, titles(actions).join(" | "));
    assert.ok(actions.some((a) => a.title.startsWith("Disable")), "actions that use the current text are still offered");
  });

  it("disables a rule for a line inside a paragraph or for the whole block, and the diagnostic goes away", async () => {
    const text = "# 見出し\n\nはじめに説明します。\nこの映画は家族で見れる。\n最後の行です。\n";
    const uri = session.open(path.join(ws, "disable.md"), text);
    const published = await session.nextDiagnostics(uri, 1);
    const ra = byRule(published.diagnostics, RA)[0];
    assert.ok(ra);
    const actions = await session.codeActions(uri, ra.range, [ra]);
    const line = actions.find((a) => a.title === "Disable no-dropping-the-ra for this line");
    const block = actions.find((a) => a.title === "Disable no-dropping-the-ra for this paragraph");
    assert.ok(line && block, titles(actions).join(" | "));
    assert.ok(session.applyWorkspaceEdit(line.edit ?? {}));
    const after = await session.nextDiagnostics(uri, 2);
    assert.deepEqual(byRule(after.diagnostics, RA), []);
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      published.diagnostics.filter((d) => d.code !== RA).map((d) => d.code),
      "no other problem appears or disappears",
    );
    assert.equal(
      session.text(uri),
      "# 見出し\n\nはじめに説明します。<!-- textlint-disable ja-technical-writing/no-dropping-the-ra -->\nこの映画は家族で見れる。<!-- textlint-enable ja-technical-writing/no-dropping-the-ra -->\n最後の行です。\n",
    );
  });

  it("offers disabling and allowing only for the problem under the cursor, not for another rule's on the same line", async () => {
    const uri = session.open(path.join(ws, "cursor.md"), POST);
    const published = await session.nextDiagnostics(uri, 1);
    // 「ｶﾒﾗを使用することができます。」: no-hankaku-kana at its start, a redundant expression after it.
    const onLine = published.diagnostics.filter((d) => d.range.start.line === 4);
    const kana = byRule(onLine, KANA)[0];
    assert.ok(kana && byRule(onLine, REDUNDANT).length === 1, JSON.stringify(onLine.map((d) => d.code)));
    const actions = await session.codeActions(uri, { start: kana.range.start, end: kana.range.start }, onLine);
    const offered = titles(actions);
    assert.ok(offered.includes("Disable no-hankaku-kana for this line"), offered.join(" | "));
    assert.deepEqual(offered.filter((t) => t.startsWith("Disable ja-no-redundant-expression")), [], "not for the rule the cursor is not on");
    assert.deepEqual(offered.filter((t) => t.startsWith("Allow")), ["Allow “ｶﾒﾗ” (never report it)"]);
    // With the cursor on the other problem, the other way round.
    const redundant = byRule(onLine, REDUNDANT)[0];
    assert.ok(redundant);
    const other = titles(await session.codeActions(uri, { start: redundant.range.start, end: redundant.range.start }, onLine));
    assert.ok(other.includes("Disable ja-no-redundant-expression for this line") && !other.includes("Disable no-hankaku-kana for this line"), other.join(" | "));
  });

  it("'allow this word' under the bundled preset asks the client to add it to the setting", async () => {
    const uri = session.open(path.join(ws, "allow.md"), POST);
    const published = await session.nextDiagnostics(uri, 1);
    const kana = byRule(published.diagnostics, KANA)[0];
    assert.ok(kana);
    const actions = await session.codeActions(uri, kana.range, [kana]);
    const allow = actions.find((a) => a.title === "Allow “ﾃｽﾄ” (never report it)");
    assert.ok(allow, titles(actions).join(" | "));
    assert.deepEqual(allow.command?.command, "tsuzuri.allowWordInSettings");
    assert.deepEqual(allow.command?.arguments, [{ uri, word: "ﾃｽﾄ" }]);
    // What the client command does: the setting feeds textlint-filter-rule-allowlist.
    await session.changeSettings({ lint: { debounceMs: 0 }, textlint: { allow: ["ﾃｽﾄ"] } });
    const after = await session.nextDiagnostics(uri, 1);
    assert.equal(byRule(after.diagnostics, KANA).length, 1, "only ｶﾒﾗ is still reported");
    await session.changeSettings({ lint: { debounceMs: 0 } });
  });
});

describe("localised titles", () => {
  it("come in Japanese when the client passes the Japanese l10n bundle", async () => {
    const ws = makeWorkspace({});
    const session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } }, l10nBundle: path.join(repoRoot, "l10n", "bundle.l10n.ja.json") });
    try {
      const uri = session.open(path.join(ws, "ja.md"), POST);
      const published = await session.nextDiagnostics(uri, 1);
      const kana = byRule(published.diagnostics, KANA)[0];
      assert.ok(kana);
      const actions = await session.codeActions(uri, kana.range, [kana]);
      assert.deepEqual(titles(actions), [
        "この問題を修正 (no-hankaku-kana)",
        "このファイルの no-hankaku-kana の問題 2 件をすべて修正",
        "この行で no-hankaku-kana を無効にする",
        "この段落で no-hankaku-kana を無効にする",
        "「ﾃｽﾄ」を許可する（問題にしない）",
        "このファイルの自動修正できる問題 4 件をすべて修正",
      ]);
    } finally {
      await session.stop();
      removeWorkspace(ws);
    }
  });
});

describe("quick fixes that edit a project config", () => {
  const workspaces: string[] = [];
  after(() => workspaces.forEach(removeWorkspace));

  async function withProject(config: [string, string], run: (s: LspSession, ws: string, uri: string, d: Diagnostic[]) => Promise<void>): Promise<void> {
    const ws = makeWorkspace({ [config[0]]: config[1] }, { linkNodeModules: true });
    workspaces.push(ws);
    const session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
    try {
      const uri = session.open(path.join(ws, "post.md"), POST);
      const published = await session.nextDiagnostics(uri, 1);
      await run(session, ws, uri, published.diagnostics);
    } finally {
      await session.stop();
    }
  }

  it("adds the word to the allowlist of a YAML .textlintrc, keeping its comments, and the problem goes away", async () => {
    const yaml = "# our rules\nrules:\n  preset-ja-technical-writing: true   # the usual\nfilters:\n  comments: true\n";
    await withProject([".textlintrc.yml", yaml], async (session, ws, uri, diagnostics) => {
      const kana = byRule(diagnostics, KANA)[0];
      assert.ok(kana);
      const actions = await session.codeActions(uri, kana.range, [kana]);
      const allow = actions.find((a) => a.title === "Allow “ﾃｽﾄ” (never report it)");
      assert.ok(allow?.command, titles(actions).join(" | "));
      assert.equal(allow.command.command, "tsuzuri.server.allowWord");
      await session.executeCommand(allow.command.command, allow.command.arguments ?? []);
      const after = await session.diagnostics.next((p) => p.uri === uri && byRule(p.diagnostics, KANA).length === 1);
      assert.equal(byRule(after.diagnostics, KANA).length, 1);
      assert.equal(fs.readFileSync(path.join(ws, ".textlintrc.yml"), "utf8"), `${yaml}  allowlist:\n    allow:\n      - "ﾃｽﾄ"\n`);
    });
  });

  it("without the comments filter, offers to add it to the JSON config", async () => {
    const json = '{\n  // rules\n  "rules": {\n    "preset-ja-technical-writing": true\n  }\n}\n';
    await withProject([".textlintrc.json", json], async (session, ws, uri, diagnostics) => {
      const ra = byRule(diagnostics, RA)[0];
      assert.ok(ra);
      const actions = await session.codeActions(uri, ra.range, [ra]);
      assert.equal(actions.find((a) => a.title.endsWith("for this line")), undefined, "no comment that would do nothing");
      const add = actions.find((a) => a.title === "Disable no-dropping-the-ra here: first add textlint-filter-rule-comments to .textlintrc.json");
      assert.ok(add?.command, titles(actions).join(" | "));
      await session.executeCommand(add.command.command, add.command.arguments ?? []);
      const edited = fs.readFileSync(path.join(ws, ".textlintrc.json"), "utf8");
      assert.equal(edited, '{\n  // rules\n  "rules": {\n    "preset-ja-technical-writing": true\n  },\n  "filters": {\n    "comments": true\n  }\n}\n');
    });
  });

  it("explains that a JavaScript config cannot be edited", async () => {
    const js = "module.exports = { rules: { 'preset-ja-technical-writing': true } };\n";
    await withProject([".textlintrc.js", js], async (session, ws, uri, diagnostics) => {
      const kana = byRule(diagnostics, KANA)[0];
      assert.ok(kana);
      const actions = await session.codeActions(uri, kana.range, [kana]);
      const allow = actions.find((a) => a.title.startsWith("Allow"));
      assert.ok(allow?.command);
      await session.executeCommand(allow.command.command, allow.command.arguments ?? []);
      const shown = await session.shownMessages.next((m) => /JavaScript/.test(m.message), 5000, 0);
      assert.match(shown.message, /cannot edit safely.*"allow": \["ﾃｽﾄ"\]/);
      assert.equal(fs.readFileSync(path.join(ws, ".textlintrc.js"), "utf8"), js);
    });
  });
});
