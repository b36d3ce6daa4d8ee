/**
 * The core of quick fixes: minimal edits, fix-all against the real `textlint --fix` (run here),
 * disable comments that keep the Markdown's structure, the term of a problem, config edits.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import * as YAML from "yaml";
import { parse } from "@textlint/markdown-to-ast";
import { createNodeEngine } from "../../server/src/node/nodeDeps";
import { normalizeSettings } from "../../server/src/core/settings";
import type { LintEngine, LintProblem } from "../../server/src/core/lint/lintEngine";
import { applyEdits, editsBetween, shrinkEdit } from "../../server/src/core/fixes/textEdits";
import { disableActions } from "../../server/src/core/fixes/disableComments";
import { termOf } from "../../server/src/core/fixes/allowWord";
import { editConfig } from "../../server/src/core/fixes/configEdits";
import { hasAstral, makeShadow, restoreFromShadow } from "../../server/src/core/lint/astralShadow";
import { makeWorkspace, removeWorkspace, repoRoot } from "../helpers/workspace";

const run = promisify(execFile);
const RA = "ja-technical-writing/no-dropping-the-ra";
const bundled = normalizeSettings({ textlint: { configMode: "bundled" } });

/** Posts with several fixes each, some on the same sentence (kana + redundant + missing 「。」). */
const OVERLAPPING = {
  "lf.md": "# ﾃｽﾄ\n\nｶﾒﾗを使用することができます\n\n一つ目の手順では、ｻｰﾊﾞを起動することができます。\n\nこの\u200b文を確認することができる\n",
  "crlf.md": "# 手順\r\n\r\nｶﾒﾗを使用することができます\r\nｻｰﾊﾞを起動することができます。\r\n",
  "emoji.md": "# 😀ﾃｽﾄ\n\n👨‍👩‍👧‍👦ｶﾒﾗを使用することができます\n\n🍣を食べることができます\n",
  "bom.md": "\uFEFF# ﾃｽﾄ\n\nｶﾒﾗを使用することができます\n",
};

describe("minimal text edits", () => {
  it("shrinks a fix to the characters that change", () => {
    const text = "材料を使用することができます。";
    assert.deepEqual(shrinkEdit(text, 5, 14, "できます"), { range: [5, 10], newText: "" });
    assert.equal(shrinkEdit(text, 0, 3, "材料を"), undefined);
  });

  it("never cuts a surrogate pair or a CRLF", () => {
    // 😀 (D83D DE00) → 😁 (D83D DE01): the shared high surrogate must not be kept apart.
    assert.deepEqual(shrinkEdit("a😀b", 1, 3, "😁"), { range: [1, 3], newText: "😁" });
    assert.deepEqual(shrinkEdit("a\r\nb", 1, 3, "\n"), { range: [1, 3], newText: "\n" });
  });

  it("edits between two texts apply to give the second exactly, none splitting a pair or a CRLF (property)", () => {
    const alphabet = fc.constantFrom("あ", "ｶ", "。", "😀", "👨‍👩‍👧", "\n", "\r\n", " ", "a", "\u200b");
    const textArb = fc.array(alphabet, { maxLength: 40 }).map((a) => a.join(""));
    fc.assert(
      fc.property(textArb, textArb, (before, after) => {
        const edits = editsBetween(before, after);
        assert.equal(applyEdits(before, edits), after);
        for (const e of edits) {
          for (const at of e.range) {
            const pair = /[\uD800-\uDBFF]/.test(before[at - 1] ?? "") && /[\uDC00-\uDFFF]/.test(before[at] ?? "");
            assert.ok(!pair && !(before[at - 1] === "\r" && before[at] === "\n"), `edit at ${at} splits ${JSON.stringify(before)}`);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("fix-all equals the real textlint --fix", () => {
  let dir: string;
  let engine: LintEngine;
  before(() => {
    dir = makeWorkspace({ ...OVERLAPPING, ".textlintrc.json": JSON.stringify({ rules: { "preset-ja-technical-writing": true }, filters: { comments: true } }) }, { linkNodeModules: true });
    engine = createNodeEngine();
  });
  after(() => removeWorkspace(dir));

  it("byte for byte, on posts with overlapping fixes, CRLF and a BOM; the minimal edits give the same bytes", async () => {
    // textlint's fixer misplaces fixes after an emoji (rules counting code points): on emoji.md it
    // writes 「カメできますできます」. There we compare with textlint --fix of the same post with
    // each emoji replaced by two BMP characters (the "shadow", where every offset is right), restored.
    // textlint --fix also drops a BOM; Tsuzuri keeps it (the only other difference).
    const shadowOf = (text: string) => (hasAstral(text) ? makeShadow(text) : text);
    const copy = makeWorkspace(Object.fromEntries(Object.entries(OVERLAPPING).map(([n, t]) => [n, shadowOf(t)])));
    try {
      fs.copyFileSync(path.join(dir, ".textlintrc.json"), path.join(copy, ".textlintrc.json"));
      fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(copy, "node_modules"), "dir");
      const bin = path.join(repoRoot, "node_modules", "textlint", "bin", "textlint.js");
      await run(process.execPath, [bin, "--fix", ...Object.keys(OVERLAPPING)], { cwd: copy }).catch((e: { code?: number }) => {
        if (e.code !== 1) throw e; // 1: problems remain, which these posts keep (no fix for some)
      });
      for (const [name, text] of Object.entries(OVERLAPPING)) {
        const filePath = path.join(dir, name);
        const outcome = await engine.fix(text, filePath, engine.resolve({ filePath, workspaceFolder: dir, settings: bundled, trusted: true }));
        assert.equal(outcome.status, "ok");
        if (outcome.status !== "ok") continue;
        const fixed = fs.readFileSync(path.join(copy, name), "utf8");
        const restored = hasAstral(text) ? restoreFromShadow(text, fixed) : fixed;
        const theirs = text.startsWith("\uFEFF") && !restored?.startsWith("\uFEFF") ? `\uFEFF${restored}` : restored;
        assert.notEqual(theirs, text, `textlint --fix changed ${name}`);
        assert.equal(outcome.output, theirs, name);
        if (hasAstral(text)) assert.match(outcome.output, /カメラを使用できます/, "the emoji post is fixed, not mangled");
        assert.equal(applyEdits(text, editsBetween(text, outcome.output)), theirs, `${name} through minimal edits`);
      }
    } finally {
      removeWorkspace(copy);
    }
  });

  it("fixes one rule only when asked", async () => {
    const text = OVERLAPPING["lf.md"];
    const filePath = path.join(dir, "lf.md");
    const choice = engine.resolve({ filePath, workspaceFolder: dir, settings: bundled, trusted: true });
    const outcome = await engine.fix(text, filePath, choice, { ruleId: "ja-technical-writing/ja-no-redundant-expression" });
    assert.equal(outcome.status, "ok");
    if (outcome.status !== "ok") return;
    assert.equal(outcome.output, text.replace("使用することができます", "使用できます").replace("起動することができます", "起動できます"));
    const none = await engine.fix(text, filePath, choice, { ruleId: "no-such-rule" });
    assert.equal(none.status === "ok" && none.output, text);
  });
});

describe("disable comments", () => {
  let engine: LintEngine;
  before(() => {
    engine = createNodeEngine();
  });
  const lint = async (text: string): Promise<LintProblem[]> => {
    const filePath = "/tmp/tsuzuri-disable/post.md";
    const outcome = await engine.lint(text, filePath, engine.resolve({ filePath, workspaceFolder: undefined, settings: bundled, trusted: true }));
    assert.equal(outcome.status, "ok");
    return outcome.status === "ok" ? outcome.problems : [];
  };
  const shape = (text: string) => (parse(text) as unknown as { children: { type: string }[] }).children.map((c) => c.type).filter((t) => t !== "Html");

  const cases: { name: string; text: string; scopes: string[] }[] = [
    { name: "a line inside a paragraph", text: "# 見出し\n\nはじめに。\nこの映画は家族で見れる。\n終わり。\n", scopes: ["line", "block"] },
    { name: "the first line of a paragraph, CRLF", text: "# 見出し\r\n\r\nこの映画は家族で見れる。\r\n終わり。\r\n", scopes: ["line", "block"] },
    { name: "the last line of a paragraph, after an emoji", text: "はじめに。\n👨‍👩‍👧‍👦この映画は家族で見れる。\n", scopes: ["line", "block"] },
    { name: "a one-line paragraph", text: "前の段落。\n\nこの映画は家族で見れる。\n\n次の段落。\n", scopes: ["line"] },
    { name: "a heading", text: "# この映画は家族で見れる\n\n本文。\n", scopes: ["line"] },
    { name: "a list item (the whole list)", text: "- 一つ目。\n- この映画は家族で見れる。\n- 三つ目。\n\n本文。\n", scopes: ["block"] },
    { name: "a table cell (the whole table)", text: "| 列 |\n|----|\n| この映画は家族で見れる |\n\n本文。\n", scopes: ["block"] },
  ];
  for (const c of cases) {
    it(`around ${c.name}: only that rule's problem goes, the structure stays`, async () => {
      const before = await lint(c.text);
      const problem = before.find((p) => p.ruleId === RA);
      assert.ok(problem, `${RA} in ${before.map((p) => p.ruleId).join(", ")}`);
      const actions = disableActions(c.text, problem.range, RA);
      assert.deepEqual(actions.map((a) => a.scope), c.scopes);
      for (const action of actions) {
        const edited = applyEdits(c.text, action.edits);
        const after = await lint(edited);
        assert.deepEqual(after.filter((p) => p.ruleId === RA), [], `${action.scope}: ${edited}`);
        assert.deepEqual(after.map((p) => `${p.ruleId}:${p.message}`), before.filter((p) => p.ruleId !== RA).map((p) => `${p.ruleId}:${p.message}`));
        assert.deepEqual(shape(edited), shape(c.text), `${action.scope} keeps the blocks: ${edited}`);
        const eol = c.text.includes("\r\n") ? "\r\n" : "\n";
        assert.equal(edited.replace(/\r\n/g, "").includes("\n"), eol === "\n", "keeps the post's line ends");
      }
    });
  }

  it("offers nothing in frontmatter", () => {
    const text = "---\ntitle: 見れる\n---\n\n本文。\n";
    const at = text.indexOf("見れる");
    assert.deepEqual(disableActions(text, [at, at + 3], RA), []);
  });

  it("wraps a quote as a whole (the preset reports nothing in quotes; another rule might)", () => {
    const text = "> 引用です。\n> 二行目。\n";
    const at = text.indexOf("二行目");
    const [action, more] = disableActions(text, [at, at + 3], "some-rule");
    assert.equal(more, undefined);
    assert.equal(action && applyEdits(text, action.edits), "<!-- textlint-disable some-rule -->\n> 引用です。\n> 二行目。\n<!-- textlint-enable some-rule -->\n");
  });

  it("wraps a code fence from outside, never inside", () => {
    const text = "前。\n\n```js\nconst a = 1;\n```\n\n後。\n";
    const at = text.indexOf("const");
    const [action] = disableActions(text, [at, at + 5], "some-rule");
    assert.ok(action);
    assert.equal(applyEdits(text, action.edits), "前。\n\n<!-- textlint-disable some-rule -->\n```js\nconst a = 1;\n```\n<!-- textlint-enable some-rule -->\n\n後。\n");
  });
});

describe("the term of a problem", () => {
  const text = "ｶﾒﾗを使用することができます。見れる。";
  it("takes a quoted term found at the problem, else the fixed text, else nothing", () => {
    assert.equal(termOf(text, { message: 'Disallow to use 半角カタカナ: "ｶﾒﾗ"', range: [0, 3] }), "ｶﾒﾗ");
    assert.equal(termOf(text, { message: "冗長な表現です。", range: [8, 9], fix: { range: [6, 15], text: "できます" } }), "することができます");
    assert.equal(termOf(text, { message: "ら抜き言葉を使用しています。", range: [17, 18] }), undefined);
    assert.equal(termOf(text, { message: '"ですます"調 でなければなりません', range: [17, 18] }), undefined, "a quoted word not at the problem");
  });
});

describe("config edits", () => {
  const word = { kind: "allow", word: "ｶﾒﾗ" } as const;
  it("appends to a YAML allowlist keeping comments, alignment and indentation, as a pure insertion", () => {
    const yaml = "# rules\nrules:\n    preset-ja-technical-writing:\n        sentence-length: 120   # longer\nfilters:\n    allowlist:\n        allow:\n            - Zenn\n";
    const result = editConfig("/p/.textlintrc.yml", yaml, word);
    assert.ok(result.ok && result.changed);
    assert.equal(result.text, `${yaml}            - "ｶﾒﾗ"\n`);
  });

  it("creates the entry in YAML and JSON when missing, and turns allowlist: true into options", () => {
    const cases: [string, string, unknown][] = [
      ["/p/.textlintrc.yml", "rules:\n  a: true # c\n", { rules: { a: true }, filters: { allowlist: { allow: ["ｶﾒﾗ"] } } }],
      ["/p/.textlintrc.yaml", "rules:\n  a: true\nfilters:\n  allowlist: true # on\n", { rules: { a: true }, filters: { allowlist: { allow: ["ｶﾒﾗ"] } } }],
      ["/p/.textlintrc.yml", "rules: {a: true}\nfilters: {comments: true}\n", { rules: { a: true }, filters: { comments: true, allowlist: { allow: ["ｶﾒﾗ"] } } }],
      ["/p/.textlintrc", '{\n  // c\n  "rules": { "a": true }\n}\n', { rules: { a: true }, filters: { allowlist: { allow: ["ｶﾒﾗ"] } } }],
      ["/p/.textlintrc.json", '{\n\t"filters": {\n\t\t"allowlist": { "allow": ["x"] }\n\t}\n}\n', { filters: { allowlist: { allow: ["x", "ｶﾒﾗ"] } } }],
    ];
    for (const [file, text, expected] of cases) {
      const result = editConfig(file, text, word);
      assert.ok(result.ok && result.changed, file);
      const value: unknown = file.endsWith(".yml") || file.endsWith(".yaml") ? YAML.parse(result.text) : (new Function(`return ${result.text}`) as () => unknown)();
      assert.deepEqual(value, expected, result.text);
      if (text.includes("#") || text.includes("//")) assert.match(result.text, /# c|# on|\/\/ c/, "comments stay");
    }
  });

  it("adds to the textlint field of package.json, leaves a known word alone, refuses JS and broken files", () => {
    const pkg = '{\n  "name": "blog",\n  "textlint": {\n    "rules": {\n      "a": true\n    }\n  }\n}\n';
    const result = editConfig("/p/package.json", pkg, { kind: "filter", id: "comments" });
    assert.ok(result.ok);
    assert.deepEqual(JSON.parse(result.text), { name: "blog", textlint: { rules: { a: true }, filters: { comments: true } } });
    const again = editConfig("/p/package.json", result.text, { kind: "filter", id: "comments" });
    assert.ok(again.ok && !again.changed);
    const js = editConfig("/p/.textlintrc.js", "module.exports = {}", word);
    assert.ok(!js.ok && js.reason === "javascript");
    const broken = editConfig("/p/.textlintrc.yml", "rules: [a\n", word);
    assert.ok(!broken.ok && broken.reason === "syntax");
  });
});
