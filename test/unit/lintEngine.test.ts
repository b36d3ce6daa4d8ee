/**
 * The lint engine with the real bundled preset and real project configs in temporary folders.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createLinter, loadTextlintrc } from "textlint";
import presetJaTechnicalWriting = require("textlint-rule-preset-ja-technical-writing");
import { createNodeEngine, readPackageFromDisk } from "../../server/src/node/nodeDeps";
import { bundledRuleDocs } from "../../server/src/core/lint/bundledRuleDocs";
import { ruleDocUrl } from "../../server/src/core/lint/ruleDocs";
import { toTextlintMessage } from "../../server/src/core/lint/textlintShape";
import { normalizeSettings } from "../../server/src/core/settings";
import type { FixOutcome, LintEngine, LintOutcome, LintProblem } from "../../server/src/core/lint/lintEngine";
import { makeWorkspace, removeWorkspace, repoRoot, RANUKI, SPACING_CONFIG, write } from "../helpers/workspace";

const RA = "ja-technical-writing/no-dropping-the-ra";
const auto = normalizeSettings({});
const bundled = normalizeSettings({ textlint: { configMode: "bundled" } });

const workspaces: string[] = [];
function workspace(files: Record<string, string>, options: { linkNodeModules?: boolean } = {}): string {
  const dir = makeWorkspace(files, options);
  workspaces.push(dir);
  return dir;
}
after(() => workspaces.forEach(removeWorkspace));

let engine: LintEngine;
before(() => {
  engine = createNodeEngine();
});

async function lintIn(dir: string, name: string, text: string, settings = auto, eng = engine): Promise<LintOutcome> {
  const filePath = path.join(dir, name);
  return eng.lint(text, filePath, eng.resolve({ filePath, workspaceFolder: dir, settings, trusted: true }));
}
async function fixIn(dir: string, name: string, text: string, settings = auto): Promise<FixOutcome> {
  const filePath = path.join(dir, name);
  return engine.fix(text, filePath, engine.resolve({ filePath, workspaceFolder: dir, settings, trusted: true }));
}
function problemsOf(outcome: LintOutcome): LintProblem[] {
  assert.equal(outcome.status, "ok", outcome.status === "error" ? outcome.error.message : "ignored");
  return outcome.status === "ok" ? outcome.problems : [];
}
function errorOf(outcome: LintOutcome): string {
  assert.equal(outcome.status, "error");
  return outcome.status === "error" ? outcome.error.message : "";
}
const covered = (text: string, p: { range: [number, number] }): string => text.slice(p.range[0], p.range[1]);

describe("the bundled preset", () => {
  let dir: string;
  before(() => {
    dir = workspace({});
  });

  it("finds ら抜き言葉 on the right character, with its documentation link", async () => {
    const text = `# 記事\n\n${RANUKI}\n`;
    const outcome = await lintIn(dir, "post.md", text);
    const ra = problemsOf(outcome).find((p) => p.ruleId === RA);
    assert.ok(ra);
    assert.equal(covered(text, ra), "れ");
    assert.deepEqual([ra.line, ra.column, ra.endLine, ra.endColumn], [3, RANUKI.indexOf("れ") + 1, 3, RANUKI.indexOf("れ") + 2]);
    assert.equal(ra.severity, 2);
    assert.equal(ra.docUrl, bundledRuleDocs[RA]);
    assert.match(ra.docUrl ?? "", /^https:\/\/github\.com\/.*no-dropping-the-ra/);
    assert.deepEqual(outcome.config, { kind: "bundled", label: "textlint-rule-preset-ja-technical-writing (bundled)", reason: "noConfig", filters: ["comments"] });
  });

  it("with a BOM: ranges count the BOM, lines and columns do not", async () => {
    const text = `# 記事\n\n${RANUKI}\n弱いかもしれない。\n`;
    const plain = problemsOf(await lintIn(dir, "plain.md", text));
    const withBom = problemsOf(await lintIn(dir, "bom.md", `\uFEFF${text}`));
    assert.ok(plain.length >= 2);
    assert.equal(withBom.length, plain.length);
    withBom.forEach((p, i) => {
      const q = plain[i];
      assert.ok(q);
      assert.deepEqual(p.range, [q.range[0] + 1, q.range[1] + 1]);
      assert.deepEqual([p.ruleId, p.message, p.line, p.column, p.endLine, p.endColumn], [q.ruleId, q.message, q.line, q.column, q.endLine, q.endColumn]);
      assert.equal(covered(`\uFEFF${text}`, p), covered(text, q));
    });
  });

  it("fixes a file with a BOM and keeps the BOM", async () => {
    const text = "\uFEFF# 見出し\n\nｶﾀｶﾅです。\n\nテスト\u200bです。\n";
    const outcome = await fixIn(dir, "bom.md", text);
    assert.equal(outcome.status, "ok");
    if (outcome.status !== "ok") return;
    assert.equal(outcome.output, "\uFEFF# 見出し\n\nカタカナです。\n\nテストです。\n");
    assert.deepEqual(outcome.applied.map((p) => covered(text, p)).sort(), ["\u200b", "ｶﾀｶﾅ"].sort(), "applied problems point into the text with its BOM");
  });

  it("with the writer's levels, does not fix the rules at off: as textlint --fix with those rules false in the config", async () => {
    const text = "# 記事\n\nｶﾀｶﾅを使用することができます。\n\nテスト\u200bです。\n";
    const filePath = path.join(dir, "levels.md");
    const choice = engine.resolve({ filePath, workspaceFolder: dir, settings: auto, trusted: true });
    const fix = async (options: Parameters<LintEngine["fix"]>[3]) => {
      const outcome = await engine.fix(text, filePath, choice, options);
      assert.equal(outcome.status, "ok");
      return outcome.status === "ok" ? outcome : assert.fail();
    };
    const cfgDir = workspace({ ".textlintrc.json": JSON.stringify({ rules: { "preset-ja-technical-writing": { "no-hankaku-kana": false } }, filters: { comments: true } }) });
    const descriptor = await loadTextlintrc({ configFilePath: path.join(cfgDir, ".textlintrc.json"), node_modulesDir: path.join(repoRoot, "node_modules") });
    const theirs = await createLinter({ descriptor }).fixText(text, filePath);
    const kanaOff = await fix({ levels: { "no-hankaku-kana": "off", "no-zero-width-spaces": "hint" } });
    assert.equal(kanaOff.output, theirs.output);
    assert.equal(kanaOff.output, "# 記事\n\nｶﾀｶﾅを使用できます。\n\nテストです。\n");
    assert.ok(!kanaOff.applied.some((p) => p.ruleId === "ja-technical-writing/no-hankaku-kana"));
    // The preset off, one of its rules back on: only that rule fixes.
    const one = await fix({ levels: { "ja-technical-writing": "off", "ja-technical-writing/no-zero-width-spaces": "warning" } });
    assert.equal(one.output, "# 記事\n\nｶﾀｶﾅを使用することができます。\n\nテストです。\n");
    // A rule's own fix-all: nothing for a rule at off, its fixes for one that is not.
    assert.equal((await fix({ ruleId: "ja-technical-writing/no-hankaku-kana", levels: { "no-hankaku-kana": "off" } })).output, text);
    assert.equal((await fix({ ruleId: "ja-technical-writing/no-hankaku-kana", levels: { "no-zero-width-spaces": "off" } })).output, text.replace("ｶﾀｶﾅ", "カタカナ"));
    assert.equal((await fix({ levels: { "ja-technical-writing": "off" } })).output, text, "every rule off: nothing to fix");
  });

  it("does not lint the frontmatter as prose", async () => {
    const prose = "この映画は見れる？！";
    const text = `---\ntitle: ${prose}\ntags: [見れる]\n---\n\n${prose}\n`;
    const problems = problemsOf(await lintIn(dir, "frontmatter.md", text));
    assert.deepEqual(problems.filter((p) => p.line <= 4).map((p) => `${p.line}:${p.ruleId}`), []);
    const inBody = problems.filter((p) => p.line === 6).map((p) => p.ruleId);
    assert.ok(inBody.includes(RA), "the same words in the body are flagged");
    assert.ok(inBody.includes("ja-technical-writing/no-exclamation-question-mark"));
  });

  it("honours <!-- textlint-disable --> regions (textlint-filter-rule-comments)", async () => {
    const text = `来れる人は来てね！\n\n<!-- textlint-disable -->\n\n来れる人は来てね！\n\n<!-- textlint-enable -->\n\n来れる人は来てね！\n`;
    const lines = problemsOf(await lintIn(dir, "disable.md", text)).map((p) => p.line);
    assert.ok(lines.includes(1) && lines.includes(9), `flagged outside the region: ${lines.join(",")}`);
    assert.ok(!lines.includes(5), "nothing inside the region");
  });

  it("skips files matched by the workspace folder's .textlintignore", async () => {
    const ws = workspace({ ".textlintignore": "drafts/**\n", "drafts/wip.md": `${RANUKI}\n`, "posts/done.md": `${RANUKI}\n` });
    const outcome = await lintIn(ws, "drafts/wip.md", `${RANUKI}\n`);
    assert.equal(outcome.status, "ignored");
    assert.ok(problemsOf(await lintIn(ws, "posts/done.md", `${RANUKI}\n`)).some((p) => p.ruleId === RA));
  });

  it("matches textlint's own messages for the same text and config, field for field", async () => {
    const cfgDir = workspace({ ".textlintrc.json": JSON.stringify({ rules: { "preset-ja-technical-writing": true }, filters: { comments: true } }) });
    const descriptor = await loadTextlintrc({ configFilePath: path.join(cfgDir, ".textlintrc.json"), node_modulesDir: path.join(repoRoot, "node_modules") });
    const linter = createLinter({ descriptor });
    const text = `# テスト\n\nこの映画は家族で見れる！\r\n私は彼は好きです。\n\nｶﾀｶﾅの一つ、二つ、三つ、四つ、五つはたぶん正しいかもしれない。\n\n- リスト\u200bです\n`;
    const filePath = path.join(dir, "parity.md");
    const theirs = await linter.lintText(text, filePath);
    const ours = problemsOf(await lintIn(dir, "parity.md", text));
    assert.ok(theirs.messages.length >= 6);
    // As JSON (textlint's own messages carry `fix: undefined` and `suggestions: undefined` keys).
    assert.deepEqual(JSON.parse(JSON.stringify(ours.map(toTextlintMessage))), JSON.parse(JSON.stringify(theirs.messages)));
    const theirFix = await linter.fixText(text, filePath);
    const ourFix = await fixIn(dir, "parity.md", text);
    assert.ok(ourFix.status === "ok");
    assert.notEqual(theirFix.output, text);
    assert.equal(ourFix.output, theirFix.output);
  });
});

describe("the bundled rule documentation table", () => {
  it("is what scripts/gen-rule-docs.js would generate from the installed preset (run npm run gen:rule-docs)", () => {
    const nm = path.join(repoRoot, "node_modules");
    const regenerated: Record<string, string> = {};
    for (const rule of Object.keys(presetJaTechnicalWriting.rules)) {
      const id = `ja-technical-writing/${rule}`;
      const url = ruleDocUrl(id, nm, readPackageFromDisk);
      if (url) regenerated[id] = url;
    }
    assert.deepEqual(bundledRuleDocs, regenerated);
  });

  it("links every rule of the preset", () => {
    const ids = Object.keys(presetJaTechnicalWriting.rules).map((r) => `ja-technical-writing/${r}`);
    assert.deepEqual(ids.filter((id) => !bundledRuleDocs[id]), []);
  });
});

describe("project configs", () => {
  it("uses the project's config and rules, with documentation links from its node_modules", async () => {
    const ws = workspace({ ".textlintrc.json": SPACING_CONFIG }, { linkNodeModules: true });
    const outcome = await lintIn(ws, "post.md", `${RANUKI}\n日本語 English\n`);
    const problems = problemsOf(outcome);
    assert.deepEqual(problems.map((p) => p.ruleId), ["ja-spacing/ja-space-between-half-and-full-width"]);
    const homepage = (JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules/textlint-rule-ja-space-between-half-and-full-width/package.json"), "utf8")) as { homepage: string }).homepage;
    assert.equal(problems[0]?.docUrl, homepage);
    assert.deepEqual(outcome.config, { kind: "project", label: path.join(ws, ".textlintrc.json"), filters: ["comments"] });
  });

  it("keeps a warm linter until invalidated, then reloads the changed config", async () => {
    const ws = workspace({ ".textlintrc.json": SPACING_CONFIG }, { linkNodeModules: true });
    const text = `${RANUKI}\n日本語 English\n`;
    const first = problemsOf(await lintIn(ws, "post.md", text)).map((p) => p.ruleId);
    write(ws, ".textlintrc.json", JSON.stringify({ rules: { "preset-ja-technical-writing": true } }));
    const stale = problemsOf(await lintIn(ws, "post.md", text)).map((p) => p.ruleId);
    assert.deepEqual(stale, first, "the same linter serves until told otherwise");
    engine.invalidate((key) => key.includes(ws));
    const fresh = problemsOf(await lintIn(ws, "post.md", text)).map((p) => p.ruleId);
    assert.ok(fresh.includes(RA));
    assert.ok(!fresh.some((id) => id.startsWith("ja-spacing/")));
  });

  it("honours the project's .textlintignore next to its config", async () => {
    const ws = workspace({ ".textlintrc.json": SPACING_CONFIG, ".textlintignore": "vendor/**\n", "vendor/README.md": "", "post.md": "" }, { linkNodeModules: true });
    assert.equal((await lintIn(ws, "vendor/README.md", "日本語 English\n")).status, "ignored");
    assert.equal(problemsOf(await lintIn(ws, "post.md", "日本語 English\n")).length, 1);
  });
});

describe("broken configs and rules", () => {
  it("after an emoji, only the rules whose reports may be shifted are run again on the shadow, and their positions are corrected", async () => {
    const ws = workspace({ ".textlintrc.json": JSON.stringify({ rules: { codepoints: true, records: true } }) });
    for (const rule of ["codepoints", "records"]) {
      fs.cpSync(path.join(repoRoot, `test/fixtures/unit-rules/textlint-rule-${rule}`), path.join(ws, `node_modules/textlint-rule-${rule}`), { recursive: true });
    }
    const recorded = ((globalThis as { __tsuzuriRecorded?: string[] }).__tsuzuriRecorded = []);
    const text = "😀足元に注意して確認してください。\n";
    const problems = problemsOf(await lintIn(ws, "post.md", text));
    assert.deepEqual(problems.map((p) => [p.ruleId, covered(text, p)]), [["codepoints", "注"], ["records", "確"]], "both at the right character");
    // Which reports may be shifted is decided per block (the emoji's paragraph), an upper bound.
    const quiet = "足元に注意して確認してください。\n\n😀\n";
    recorded.length = 0;
    problemsOf(await lintIn(ws, "quiet.md", quiet));
    assert.deepEqual(recorded, [quiet], "no report in a block with an emoji: no shadow lint at all");
    recorded.length = 0;
    const onlyCodepoints = "足元を確認してください。\n\n😀注意してください。\n";
    const found = problemsOf(await lintIn(ws, "one.md", onlyCodepoints));
    assert.deepEqual(found.map((p) => [p.ruleId, covered(onlyCodepoints, p)]), [["records", "確"], ["codepoints", "注"]]);
    assert.deepEqual(recorded, [onlyCodepoints], "records reported nothing in the emoji's block: it is not run on the shadow");
  });

  it("a rule that throws gives status error naming the file; the linter keeps working for other texts", async () => {
    const ws = workspace({ ".textlintrc.json": JSON.stringify({ rules: { throws: true } }) });
    fs.cpSync(path.join(repoRoot, "test/fixtures/unit-rules/textlint-rule-throws"), path.join(ws, "node_modules/textlint-rule-throws"), { recursive: true });
    const filePath = path.join(ws, "post.md");
    const message = errorOf(await lintIn(ws, "post.md", "サーバーが爆発した。\n"));
    assert.ok(message.includes(filePath), message);
    assert.match(message, /rule failed/);
    assert.match(message, /reading 'boom'/, "textlint's own error text is kept");
    // --fix runs only fixable rules, as textlint's fixText does; this rule is not one.
    const fixed = await fixIn(ws, "post.md", "サーバーが爆発した。\n");
    assert.equal(fixed.status === "ok" && fixed.output, "サーバーが爆発した。\n");
    const ok = problemsOf(await lintIn(ws, "other.md", "足元に注意してください。\n"));
    assert.deepEqual(ok.map((p) => [p.ruleId, p.message]), [["throws", "注意 found"]]);
  });

  it("invalid JSON in .textlintrc.json: an error naming the file and the fix", async () => {
    const ws = workspace({ ".textlintrc.json": "{ rules: {" });
    const message = errorOf(await lintIn(ws, "post.md", `${RANUKI}\n`));
    assert.ok(message.includes(path.join(ws, ".textlintrc.json")), message);
    assert.match(message, /Fix the file's syntax/);
  });

  it("a plain .textlintrc that is neither JSON nor YAML: an error naming the file", async () => {
    const ws = workspace({ ".textlintrc": "{\n  \"rules\": {\n    \"preset-ja-technical-writing\": [\n" });
    const message = errorOf(await lintIn(ws, "post.md", `${RANUKI}\n`));
    assert.ok(message.includes(path.join(ws, ".textlintrc")), message);
    assert.match(message, /Fix the file's syntax/);
  });

  // loadConfig() is asked for the file by name and rc-config-loader silently skips a file it cannot
  // parse; the message must carry the parse error, not textlint's "config is not found" text.
  it("says what is wrong with a broken config, not textlint's 'config is not found' boilerplate", async () => {
    const ws = workspace({ ".textlintrc.json": "{ \"rules\": { \"preset-ja-technical-writing\": true, } " });
    const message = errorOf(await lintIn(ws, "post.md", `${RANUKI}\n`));
    assert.doesNotMatch(message, /config is not found|define the use of rules/, message);
    assert.doesNotMatch(message, /\.\./, `a doubled full stop: ${message}`);
    assert.match(message, /invalid JSON: .*end of input/, message);
  });

  it("a config that enables no rules is reported, not taken as a clean post", async () => {
    const ws = workspace({ ".textlintrc.json": JSON.stringify({ rules: {} }) });
    const message = errorOf(await lintIn(ws, "post.md", `${RANUKI}\n`));
    assert.match(message, /enables no textlint rules/);
    assert.ok(message.includes(path.join(ws, ".textlintrc.json")), message);
  });

  it("a rule, preset, filter or plugin that is not installed: which package, where, and to run npm install", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ rules: { "does-not-exist": true } }, "textlint-rule-does-not-exist"],
      [{ rules: { "preset-nope": true } }, "textlint-rule-preset-nope"],
      [{ filters: { nope: true } }, "textlint-filter-rule-nope"],
      [{ plugins: { nope: true } }, "textlint-plugin-nope"],
    ];
    for (const [config, pkg] of cases) {
      const ws = workspace({ ".textlintrc.json": JSON.stringify(config), "node_modules/.keep": "" });
      const message = errorOf(await lintIn(ws, "post.md", `${RANUKI}\n`));
      assert.equal(
        message,
        `${pkg} is not installed in ${path.join(ws, "node_modules")} (named in ${path.join(ws, ".textlintrc.json")}); run npm install in ${ws}`,
      );
    }
  });

  it("an explicit configPath that does not exist: an error naming it", async () => {
    const ws = workspace({});
    const message = errorOf(await lintIn(ws, "post.md", `${RANUKI}\n`, normalizeSettings({ textlint: { configPath: "config/missing.json" } })));
    assert.ok(message.includes(path.join(ws, "config/missing.json")), message);
  });

  it("a broken config in one folder leaves another folder's bundled linting intact", async () => {
    const broken = workspace({ ".textlintrc.json": "{" });
    const healthy = workspace({});
    assert.equal((await lintIn(broken, "a.md", `${RANUKI}\n`)).status, "error");
    assert.ok(problemsOf(await lintIn(healthy, "b.md", `${RANUKI}\n`)).some((p) => p.ruleId === RA));
  });

  it("bundled mode and untrusted folders never load the project's broken config", async () => {
    const ws = workspace({ ".textlintrc.json": "{" });
    assert.ok(problemsOf(await lintIn(ws, "a.md", `${RANUKI}\n`, bundled)).some((p) => p.ruleId === RA));
    const filePath = path.join(ws, "b.md");
    const choice = engine.resolve({ filePath, workspaceFolder: ws, settings: auto, trusted: false });
    const outcome = await engine.lint(`${RANUKI}\n`, filePath, choice);
    assert.ok(problemsOf(outcome).some((p) => p.ruleId === RA));
    assert.deepEqual(outcome.config, {
      kind: "bundled",
      label: "textlint-rule-preset-ja-technical-writing (bundled)",
      reason: "untrusted",
      ignoredConfigFile: path.join(ws, ".textlintrc.json"),
      filters: ["comments"],
    });
  });
});
