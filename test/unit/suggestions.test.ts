/**
 * textlint's fix candidates (`suggestions`, textlint ≥ 15.3), from a fixture rule that offers two:
 * the engine keeps them (at the editor's positions: after a BOM, after an emoji, in the incremental
 * linter as in a full lint), `--format json` keeps them in textlint's shape, rdjson and SARIF list
 * them as fixes, and the editor gets one quick fix per candidate.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { TextEdit } from "vscode-languageserver-types";
import { createNodeEngine } from "../../server/src/node/nodeDeps";
import { normalizeSettings } from "../../server/src/core/settings";
import { toTextlintMessage } from "../../server/src/core/lint/textlintShape";
import { toDiagnostic } from "../../server/src/core/lint/diagnostics";
import { quickFixes, type ActionTitles } from "../../server/src/core/fixes/codeActions";
import type { LintEngine, LintOptions, LintProblem } from "../../server/src/core/lint/lintEngine";
import { makeWorkspace, removeWorkspace, repoRoot } from "../helpers/workspace";

const RULE = "suggests";
let engine: LintEngine;
let ws: string;

before(() => {
  engine = createNodeEngine();
  ws = makeWorkspace({ ".textlintrc.json": JSON.stringify({ rules: { [RULE]: true } }) });
  fs.cpSync(path.join(repoRoot, "test/fixtures/unit-rules/textlint-rule-suggests"), path.join(ws, "node_modules/textlint-rule-suggests"), { recursive: true });
});
after(() => removeWorkspace(ws));

async function problemsIn(text: string, options: LintOptions = {}): Promise<LintProblem[]> {
  const filePath = path.join(ws, "post.md");
  const outcome = await engine.lint(text, filePath, engine.resolve({ filePath, workspaceFolder: ws, settings: normalizeSettings({}), trusted: true }), options);
  assert.equal(outcome.status, "ok", outcome.status === "error" ? outcome.error.message : outcome.status);
  return outcome.status === "ok" ? outcome.problems : [];
}

/** Each candidate applied to the text. */
function applied(text: string, p: LintProblem): string[] {
  return (p.suggestions ?? []).map((s) => text.slice(0, s.fix.range[0]) + s.fix.text + text.slice(s.fix.range[1]));
}

describe("suggestions", () => {
  it("are kept, one per candidate, with the rule's words and ids, where the text is (BOM and emoji too)", async () => {
    for (const text of ["これは簡単に出来る。\n", "\uFEFFこれは簡単に出来る。\n", "😀これは簡単に出来る。\n"]) {
      const [problem, ...rest] = await problemsIn(text);
      assert.ok(problem && rest.length === 0, JSON.stringify(rest));
      assert.equal(problem.fix, undefined, "a rule's suggestions are not its fix");
      assert.deepEqual(problem.suggestions?.map((s) => [s.id, s.message]), [["hiragana", "「できる」にする"], ["formal", "「可能だ」にする"]]);
      assert.deepEqual(applied(text, problem), [text.replace("出来る", "できる"), text.replace("出来る", "可能だ")], JSON.stringify(text));
    }
  });

  it("come out of the incremental linter as out of a full lint (echoed and moved blocks)", async () => {
    const text = "# 見出し\n\n最初の段落です。\n\n😀これは簡単に出来る。\n\n最後も出来る。\n";
    const full = await problemsIn(text);
    assert.equal(full.length, 2);
    assert.deepEqual(await problemsIn(text, { incremental: true }), full, "a rule of unknown locality: echoed");
    assert.deepEqual(await problemsIn(text, { incremental: true, localRules: [RULE] }), full, "as a local rule");
    const edited = text.replace("最初の", "とても長い最初の");
    assert.deepEqual(await problemsIn(edited, { incremental: true, localRules: [RULE] }), await problemsIn(edited), "moved by an edit above");
  });

  it("are in textlint's JSON shape", async () => {
    const [problem] = await problemsIn("出来る。\n");
    assert.ok(problem);
    const message = toTextlintMessage(problem);
    assert.deepEqual(message.suggestions?.map((s) => [s.id, s.message, s.fix.text, s.fix.range]), [
      ["hiragana", "「できる」にする", "できる", [0, 3]],
      ["formal", "「可能だ」にする", "可能だ", [0, 3]],
    ]);
  });

  it("are one quick fix each in the editor, none preferred", async () => {
    const text = "これは出来る。\n";
    const [problem] = await problemsIn(text);
    assert.ok(problem);
    const document = TextDocument.create("file:///post.md", "markdown", 3, text);
    const diagnostic = toDiagnostic(problem, document);
    const titles = new Proxy({}, { get: (_t, name) => (...args: unknown[]) => `${String(name)}:${args.join("|")}` }) as unknown as ActionTitles;
    const actions = quickFixes({ document, diagnostics: [diagnostic], lint: { version: 3, problems: [problem] }, config: { kind: "project", label: ".textlintrc.json", filters: [] }, titles });
    const suggested = actions.filter((a) => a.title.startsWith("suggestion:"));
    assert.deepEqual(suggested.map((a) => a.title), ["suggestion:suggests|「できる」にする", "suggestion:suggests|「可能だ」にする"]);
    assert.ok(suggested.every((a) => a.isPreferred !== true));
    const edits = suggested.map((a) => a.edit?.documentChanges?.[0]);
    assert.deepEqual(
      edits.map((e) => (e && "edits" in e ? TextDocument.applyEdits(document, e.edits as TextEdit[]) : undefined)),
      ["これはできる。\n", "これは可能だ。\n"],
    );
    // A diagnostic from an older version offers none (its offsets are stale).
    const stale = quickFixes({ document, diagnostics: [diagnostic], lint: { version: 2, problems: [problem] }, config: { kind: "project", label: ".textlintrc.json", filters: [] }, titles });
    assert.equal(stale.filter((a) => a.title.startsWith("suggestion:")).length, 0);
  });
});
