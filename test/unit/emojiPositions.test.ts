/**
 * Squiggles land on the offending text after emoji and other astral characters, for every rule of
 * the bundled preset (textlint itself puts some of them too far left: kuromoji-based rules and
 * rules that count code points). Each rule's problem found in a plain text must cover the very same
 * characters once emoji are inserted before it.
 */
import { before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createNodeEngine } from "../../server/src/node/nodeDeps";
import { normalizeSettings } from "../../server/src/core/settings";
import type { LintEngine, LintProblem } from "../../server/src/core/lint/lintEngine";
import presetJaTechnicalWriting = require("textlint-rule-preset-ja-technical-writing");

/** One paragraph per rule of textlint-rule-preset-ja-technical-writing. */
const TRIGGERS = [
  "この映画は見れる。",
  "これはa,b,c,d,eです。",
  "彼は走ったり、歩いたり、食べたり、寝たり、遊んだり、泳いだり、読んだりした。",
  "ﾊﾝｶｸは駄目です！",
  "僕は、僕は行く。",
  "しかし、雨だった。しかし、晴れた。",
  "問題ないとは言えなくもない。",
  "「括弧が閉じていない。",
  "一二三四五六七八九十個の部品を使う。",
  "材料は五つある。",
  "私は彼は好きだ。",
  "これは是非是非やりたい。",
  "これは，混在．",
  "エｘペリエンスです。",
  "彼が行ったが、彼女が来たが、それはよい。",
  "これはおかしいかもしれない。",
  "これは十個あります。",
  "これはサンプルのサンプルです。",
  "ゼロ幅\u200bスペースです。",
  "アイウエオ？と思った。",
  "ホ\u309Aテトが好きです。",
  "制御\u0007文字です。",
  "この設定を可変する。",
  "データを解析することができる。",
  "吾輩は猫である名前はまだ無いどこで生れたかとんと見当がつかぬ何でも薄暗いじめじめした所で泣いていた事だけは記憶している" +
    "吾輩はここで始めて人間というものを見たしかもあとで聞くとそれは書生という人間中で一番獰悪な種族であったそうだという話です。",
  "今日は晴れだ。明日は雨です。明後日は雪である。",
].join("\n\n");

const FAMILY = "👨‍👩‍👧‍👦";
const presetRuleIds = Object.keys(presetJaTechnicalWriting.rules).map((r) => `ja-technical-writing/${r}`);

function covered(text: string, p: LintProblem): string {
  return text.slice(p.range[0], p.range[1]);
}

describe("positions after emoji, for every rule of the bundled preset", () => {
  let engine: LintEngine;
  let lint: (text: string) => Promise<LintProblem[]>;
  let plain: LintProblem[];

  before(async () => {
    engine = createNodeEngine();
    const settings = normalizeSettings({ textlint: { configMode: "bundled" } });
    const choice = engine.resolve({ filePath: "/tmp/tsuzuri-emoji/post.md", workspaceFolder: "/tmp/tsuzuri-emoji", settings, trusted: true });
    lint = async (text) => {
      const outcome = await engine.lint(text, "/tmp/tsuzuri-emoji/post.md", choice);
      assert.equal(outcome.status, "ok");
      return outcome.status === "ok" ? outcome.problems : [];
    };
    plain = await lint(TRIGGERS);
  });

  it("the fixture triggers every rule of the preset", () => {
    const found = new Set(plain.map((p) => p.ruleId));
    assert.deepEqual(presetRuleIds.filter((id) => !found.has(id)), []);
  });

  it("an emoji at the start of every line moves no squiggle off its text", async () => {
    const shifted = TRIGGERS.split("\n").map((line) => (line ? FAMILY + line : line)).join("\n");
    const problems = await lint(shifted);
    const checked = new Set<string>();
    for (const p of plain) {
      const q = problems.find((c) => c.ruleId === p.ruleId && covered(shifted, c).replaceAll(FAMILY, "") === covered(TRIGGERS, p));
      assert.ok(q, `${p.ruleId}: expected a problem covering ${JSON.stringify(covered(TRIGGERS, p))}; got ${JSON.stringify(problems.filter((c) => c.ruleId === p.ruleId).map((c) => covered(shifted, c)))}`);
      checked.add(p.ruleId);
    }
    assert.equal(checked.size, presetRuleIds.length);
  });

  it("an emoji right before each problem leaves the squiggle on the problem", async () => {
    const checked = new Set<string>();
    for (const p of plain) {
      // On the problem's own line, one character before it (some rules report a character after the
      // one that causes the problem, e.g. no-unmatched-pair after the opening bracket).
      const lineStart = TRIGGERS.lastIndexOf("\n", p.range[0] - 1) + 1;
      const at = Math.max(lineStart, p.range[0] - 1);
      const text = TRIGGERS.slice(0, at) + FAMILY + TRIGGERS.slice(at);
      const problems = await lint(text);
      const same = problems.filter((c) => c.ruleId === p.ruleId && c.message === p.message);
      if (same.length === 0) continue; // the emoji changed what the rule sees (e.g. splits a word)
      const want = covered(TRIGGERS, p);
      const ok = same.some((c) => covered(text, c).replaceAll(FAMILY, "") === want);
      assert.ok(ok, `${p.ruleId}: expected ${JSON.stringify(want)}, got ${JSON.stringify(same.map((c) => covered(text, c)))}`);
      checked.add(p.ruleId);
    }
    assert.ok(checked.size >= presetRuleIds.length - 3, `only ${checked.size} rules still reported with an emoji before them`);
  });

  it("incremental linting corrects positions block by block exactly as the full lint does", async () => {
    const settings = normalizeSettings({ textlint: { configMode: "bundled" } });
    const choice = engine.resolve({ filePath: "/tmp/tsuzuri-emoji/inc.md", workspaceFolder: "/tmp/tsuzuri-emoji", settings, trusted: true });
    const texts = [
      TRIGGERS.split("\n").map((line) => (line ? FAMILY + line : line)).join("\n"),
      // The document rule (no-mix-dearu-desumasu) reports after an emoji too.
      `${TRIGGERS}\n\n${FAMILY}🎉これはペンである。${FAMILY}あれもペンだ。\n`,
    ];
    // Typing into the same document: each version is compared with a full lint of it.
    let text = texts[0] ?? "";
    for (const next of [...texts, `${texts[1]}\n\n✅追加した段落で見れる。\n`]) {
      text = next;
      const incremental = await engine.lint(text, "/tmp/tsuzuri-emoji/inc.md", choice, { incremental: true });
      const full = await engine.lint(text, "/tmp/tsuzuri-emoji/inc.md", choice);
      assert.equal(incremental.status, "ok");
      assert.deepEqual(incremental.status === "ok" ? incremental.problems : [], full.status === "ok" ? full.problems : []);
    }
  });

  it("fixes apply at the right place after an emoji", async () => {
    const text = `${FAMILY}データを解析することができる。\n\n${FAMILY}ゼロ幅\u200bスペースです。\n`;
    const outcome = await engine.fix(text, "/tmp/tsuzuri-emoji/post.md", engine.resolve({
      filePath: "/tmp/tsuzuri-emoji/post.md",
      workspaceFolder: "/tmp/tsuzuri-emoji",
      settings: normalizeSettings({ textlint: { configMode: "bundled" } }),
      trusted: true,
    }));
    assert.equal(outcome.status, "ok");
    if (outcome.status === "ok") assert.equal(outcome.output, `${FAMILY}データを解析できる。\n\n${FAMILY}ゼロ幅スペースです。\n`);
  });
});
