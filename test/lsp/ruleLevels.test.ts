/**
 * tsuzuri.textlint.severity over real JSON-RPC: the writer's level per rule (by its name inside the
 * preset, its full id, or the preset) changes what the editor shows, for the bundled preset, and a
 * settings change applies at once; tsuzuri.overrides gives a folder of the workspace its own; fix-all
 * (source.fixAll.tsuzuri and the quick fix's command) leaves the fixes of a rule at `off` unapplied.
 */
import { before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from "vscode-languageserver-types";
import { sharedSession } from "../helpers/lspHarness";

const RA = "ja-technical-writing/no-dropping-the-ra";
const KANA = "ja-technical-writing/no-hankaku-kana";
const REDUNDANT = "ja-technical-writing/ja-no-redundant-expression";
const POST = "# 記事\n\nこの映画は家族で見れる。\n\nﾃｽﾄを書きます。\n";
const levelsOf = (ds: Diagnostic[]) => Object.fromEntries(ds.filter((d) => d.source === "textlint").map((d) => [String(d.code), d.severity]));

describe("tsuzuri.textlint.severity", () => {
  const shared = sharedSession();

  it("the config's levels first; then hint for one rule by its short name, off for another by its id", async () => {
    const uri = shared.session.open(path.join(shared.ws, "post.md"), POST);
    const plain = await shared.session.nextDiagnostics(uri, 1);
    assert.deepEqual(levelsOf(plain.diagnostics), { [RA]: DiagnosticSeverity.Error, [KANA]: DiagnosticSeverity.Error });
    await shared.session.changeSettings({ lint: { debounceMs: 0 }, textlint: { severity: { "no-dropping-the-ra": "hint", [KANA]: "off" } } });
    const set = await shared.session.nextDiagnostics(uri, 1);
    assert.deepEqual(levelsOf(set.diagnostics), { [RA]: DiagnosticSeverity.Hint });
    await shared.session.changeSettings({ lint: { debounceMs: 0 }, textlint: { severity: { "ja-technical-writing": "info", "no-hankaku-kana": "warning" } } });
    const preset = await shared.session.nextDiagnostics(uri, 1);
    assert.deepEqual(levelsOf(preset.diagnostics), { [RA]: DiagnosticSeverity.Information, [KANA]: DiagnosticSeverity.Warning }, "the rule's own name before its preset's");
  });

  it("tsuzuri.overrides: a post under books/ gets that folder's levels, the others the workspace's", async () => {
    await shared.session.changeSettings({ lint: { debounceMs: 0 }, overrides: [{ files: "books/**", settings: { textlint: { severity: { "no-dropping-the-ra": "off" } } } }] });
    const book = shared.session.open(path.join(shared.ws, "books", "my-book", "1.md"), POST);
    const article = shared.session.open(path.join(shared.ws, "articles", "a.md"), POST);
    assert.deepEqual(levelsOf((await shared.session.nextDiagnostics(book, 1)).diagnostics), { [KANA]: DiagnosticSeverity.Error });
    assert.deepEqual(levelsOf((await shared.session.nextDiagnostics(article, 1)).diagnostics), { [RA]: DiagnosticSeverity.Error, [KANA]: DiagnosticSeverity.Error });
  });

  describe("fix-all with a rule at off", () => {
    // Two fixable rules: no-hankaku-kana (ﾃｽﾄ → テスト, ｶﾒﾗ → カメラ) and ja-no-redundant-expression
    // (することができます → できます); the emoji line sends the fix through the astral shadow too.
    const FIXABLE = "# 記事\n\nﾃｽﾄを実行することができます。\n\n🍜 ｶﾒﾗを使用することができます。\n";
    const FIXED_WITHOUT_KANA = "# 記事\n\nﾃｽﾄを実行できます。\n\n🍜 ｶﾒﾗを使用できます。\n";
    const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const titles = (actions: CodeAction[]) => actions.map((a) => a.title).join(" | ");

    before(async () => {
      await shared.session.changeSettings({ lint: { debounceMs: 0 }, textlint: { severity: { "no-hankaku-kana": "off" } } });
    });

    it("source.fixAll.tsuzuri (fix on save) applies the other rules' fixes and leaves the off rule's text as it is", async () => {
      const uri = shared.session.open(path.join(shared.ws, "fix-on-save.md"), FIXABLE);
      const published = await shared.session.nextDiagnostics(uri, 1);
      assert.deepEqual(Object.keys(levelsOf(published.diagnostics)), [REDUNDANT], "no-hankaku-kana is hidden");
      const actions = await shared.session.codeActions(uri, ZERO, [], ["source.fixAll.tsuzuri"]);
      assert.equal(actions.length, 1, titles(actions));
      assert.ok(shared.session.applyWorkspaceEdit(actions[0]?.edit ?? {}));
      assert.equal(shared.session.text(uri), FIXED_WITHOUT_KANA);
    });

    it("the quick fix 'Fix all … in this file' counts and applies the shown rules' fixes only", async () => {
      const uri = shared.session.open(path.join(shared.ws, "fix-all.md"), FIXABLE);
      const published = await shared.session.nextDiagnostics(uri, 1);
      const redundant = published.diagnostics.find((d) => d.code === REDUNDANT);
      assert.ok(redundant);
      const actions = await shared.session.codeActions(uri, redundant.range, [redundant]);
      const fileAll = actions.find((a) => a.title === "Fix all 2 auto-fixable problems in this file");
      assert.ok(fileAll?.command, titles(actions));
      await shared.session.executeCommand(fileAll.command.command, fileAll.command.arguments ?? []);
      await shared.session.nextDiagnostics(uri, 2);
      assert.equal(shared.session.text(uri), FIXED_WITHOUT_KANA);
    });

    it("the fix-all of one rule applies nothing for a rule at off", async () => {
      const uri = shared.session.open(path.join(shared.ws, "fix-rule.md"), FIXABLE);
      await shared.session.nextDiagnostics(uri, 1);
      const edits = shared.session.appliedEdits.length;
      await shared.session.executeCommand("tsuzuri.server.fixAll", [{ uri, version: 1, ruleId: KANA }]);
      assert.equal(shared.session.appliedEdits.length, edits, "no edit for a rule at off");
      assert.equal(shared.session.text(uri), FIXABLE);
    });

    it("set back from off, the rule's fixes apply again", async () => {
      await shared.session.changeSettings({ lint: { debounceMs: 0 }, textlint: { severity: { "no-hankaku-kana": "hint" } } });
      const uri = shared.session.open(path.join(shared.ws, "fix-on.md"), FIXABLE);
      await shared.session.nextDiagnostics(uri, 1);
      const actions = await shared.session.codeActions(uri, ZERO, [], ["source.fixAll.tsuzuri"]);
      assert.ok(shared.session.applyWorkspaceEdit(actions[0]?.edit ?? {}));
      assert.equal(shared.session.text(uri), "# 記事\n\nテストを実行できます。\n\n🍜 カメラを使用できます。\n");
    });
  });
});
