/**
 * The platform-notations filter (Zenn / Qiita blocks, embeds and math) with the real bundled preset
 * run by textlint's own linter, with and without the filter, on posts written here.
 */
import { before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { loadPackagesFromRawConfig } from "@textlint/config-loader";
import { TextlintKernelDescriptor } from "@textlint/kernel";
import type { TextlintMessage } from "@textlint/types";
import { createLinter } from "textlint";
import { builtInPlugins } from "textlint/lib/src/loader/TextlintrcLoader";
import { BUNDLED_NODE_MODULES, bundledRawConfig, installBundledModuleHooks } from "../../server/src/core/lint/bundledConfig";
import { IncrementalLinter } from "../../server/src/core/incremental/incrementalLinter";
import { localityOf } from "../../server/src/core/incremental/ruleLocality";
import { nodeConfigFs } from "../../server/src/node/nodeFs";
import {
  findNotationRanges,
  inlineMathIn,
  platformNotations,
  PLATFORM_NOTATIONS_FILTER_ID,
  type NotationPlatform,
} from "../../server/src/core/lint/platformNotations";

const RA = "ja-technical-writing/no-dropping-the-ra";
const PERIOD = "ja-technical-writing/ja-no-mixed-period";

/**
 * A post written with markers: a line starting with `§` is notation (the marker is removed), and
 * `«…»` marks inline math within a line. The expected notation comes from these marks, not from
 * the module under test.
 */
interface Post {
  text: string;
  /** [start, end) of each marked line, its line break included. */
  notationLines: Map<number, [number, number]>;
  inlineMath: [number, number][];
}

function post(source: string, eol = "\n"): Post {
  const raw = source.replace(/^\n/, "").split("\n");
  let text = "";
  const notationLines = new Map<number, [number, number]>();
  const inlineMath: [number, number][] = [];
  raw.forEach((line, i) => {
    const start = text.length;
    const marked = line.startsWith("§");
    for (const part of (marked ? line.slice(1) : line).split(/(«[^»]*»)/)) {
      if (part.startsWith("«")) {
        inlineMath.push([text.length, text.length + part.length - 2]);
        text += part.slice(1, -1);
      } else text += part;
    }
    if (i < raw.length - 1) text += eol;
    if (marked) notationLines.set(i + 1, [start, text.length]);
  });
  return { text, notationLines, inlineMath };
}

const within = (r: readonly [number, number], outer: readonly [number, number]) => outer[0] <= r[0] && r[1] <= outer[1];
function onNotation(p: Post, m: TextlintMessage): boolean {
  return [...p.notationLines.values(), ...p.inlineMath].some((span) => within(m.range, span));
}
const key = (m: TextlintMessage) => `${m.line}:${m.column} ${m.ruleId} [${m.range.join(",")}] ${m.message.split("\n")[0]}`;
const lineOf = (p: Post, m: TextlintMessage) => p.text.split(/\r?\n/)[m.line - 1] ?? "";

let bundled: TextlintKernelDescriptor;
before(async () => {
  installBundledModuleHooks(nodeConfigFs);
  const result = await loadPackagesFromRawConfig({ rawConfig: bundledRawConfig(), node_moduleDir: BUNDLED_NODE_MODULES });
  assert.ok(result.ok, "the bundled preset loads");
  const { rules, filterRules, plugins } = result.config;
  bundled = new TextlintKernelDescriptor({ rules, filterRules, plugins: [...builtInPlugins, ...plugins] });
});

function descriptorFor(platform?: NotationPlatform): TextlintKernelDescriptor {
  if (!platform) return bundled;
  return bundled.shallowMerge({
    filterRules: [
      ...bundled.filterRule.toKernelFilterRulesFormat(),
      { ruleId: PLATFORM_NOTATIONS_FILTER_ID, rule: platformNotations, options: { platform } },
    ],
  });
}

async function lint(text: string, platform?: NotationPlatform): Promise<TextlintMessage[]> {
  const result = await createLinter({ descriptor: descriptorFor(platform) }).lintText(text, "/posts/post.md");
  return result.messages;
}

async function withAndWithout(p: Post, platform: NotationPlatform) {
  const without = await lint(p.text);
  const withFilter = await lint(p.text, platform);
  return { without, withFilter };
}

/** The three claims: problems on the notation without the filter, none with it, prose unchanged. */
function assertFiltered(p: Post, without: TextlintMessage[], withFilter: TextlintMessage[]) {
  assert.ok(without.some((m) => onNotation(p, m)), "without the filter textlint reports on the notation");
  assert.deepEqual(withFilter.filter((m) => onNotation(p, m)).map(key), [], "with the filter nothing is reported on the notation");
  assert.deepEqual(
    withFilter.map(key),
    without.filter((m) => !onNotation(p, m)).map(key),
    "the prose problems are the same with and without the filter",
  );
}

const ZENN = `
---
title: "Zennの記法を試す"
emoji: "📝"
type: "tech"
topics: ["zenn", "textlint"]
published: false
---

# はじめに

本記事ではZennの独自記法を試します。

§:::message
この機能は試験的です。
この映画は家族で見れる。
§:::

§:::message alert
この操作は元に戻せません。
§:::

§::::details 詳細を見る
折りたたまれた本文です。

§:::message
入れ子のメッセージです。
§:::

§::::

§:::details 設定手順の詳細

手順は次のとおりです。

§:::

§:::message
設定例です。

\`\`\`md
:::
\`\`\`

以上です。
§:::

リンクカードと動画です。

§@[card](https://zenn.dev/zenn/articles/markdown-guide)

§@[youtube](WRVsOCh907o)

§$$
§\\text{速度} = \\frac{\\text{距離}}{\\text{時間}}
§$$

§$$
§f(a, b, c, d, e) = [0, 1)
§$$

区間«$[0, 1)$»で定義し、階乗は«$n!$»と書きます。

価格は$5から$10です。この映画は$5で見れる。

\`\`\`md
:::message
コードの中です
:::
\`\`\`
`;

describe("Zenn notations with the bundled preset", () => {
  it("without the filter: the closing :::, a lone details title, math; with it: none of them, the same prose problems", async () => {
    const p = post(ZENN);
    const { without, withFilter } = await withAndWithout(p, "zenn");
    const flagged = without.filter((m) => onNotation(p, m)).map((m) => `${lineOf(p, m)} ${m.ruleId}`);
    // What textlint reports on the notation: measured with the preset, listed so that a change shows.
    for (const expected of [
      `::: ${PERIOD}`,
      `:::details 設定手順の詳細 ${PERIOD}`,
      `$$ ${PERIOD}`,
      "f(a, b, c, d, e) = [0, 1) ja-technical-writing/no-unmatched-pair",
      "f(a, b, c, d, e) = [0, 1) ja-technical-writing/max-comma",
      "区間$[0, 1)$で定義し、階乗は$n!$と書きます。 ja-technical-writing/no-unmatched-pair",
      "区間$[0, 1)$で定義し、階乗は$n!$と書きます。 ja-technical-writing/no-exclamation-question-mark",
    ]) {
      assert.ok(flagged.includes(expected), `${expected} in ${JSON.stringify(flagged, null, 1)}`);
    }
    // Every closing ::: that ends a paragraph of Japanese (four of them) is reported.
    assert.equal(flagged.filter((f) => f === `::: ${PERIOD}`).length, 4);
    assertFiltered(p, without, withFilter);
  });

  it("still reports ら抜き言葉 inside a :::message block, and in prose next to a price", async () => {
    const p = post(ZENN);
    const withFilter = await lint(p.text, "zenn");
    const ra = withFilter.filter((m) => m.ruleId === RA).map((m) => lineOf(p, m));
    assert.deepEqual(ra, ["この映画は家族で見れる。", "価格は$5から$10です。この映画は$5で見れる。"]);
  });

  it("finds exactly the marked notation (a ::: in fenced code opens and closes nothing)", () => {
    const p = post(ZENN);
    assertRangesAreMarks(p, "zenn");
  });

  it("Tsuzuri's incremental linter gives the same messages (filters run in its whole-document pass)", async () => {
    const p = post(ZENN);
    const { rules, filterRules, plugins } = descriptorFor("zenn").toKernelOptions();
    const incremental = new IncrementalLinter({ rules: rules ?? [], filterRules: filterRules ?? [], plugins: plugins ?? [] }, localityOf);
    const full = await lint(p.text, "zenn");
    assert.deepEqual((await incremental.lintText(p.text, "/posts/post.md")).messages.map(key), full.map(key));
    // After an edit inside a block (the cached blocks are reused), still the same as a full lint.
    const edited = p.text.replace("この機能は試験的です。", "この機能は試験的です\n:::\n\n:::message\nこれは見れる。");
    assert.deepEqual((await incremental.lintText(edited, "/posts/post.md")).messages.map(key), (await lint(edited, "zenn")).map(key));
  });

  it("known limit: a filter only drops messages, so prose without 「。」 right above ::: goes unreported", async () => {
    const text = ":::message\n句点のない本文です\n:::\n";
    const without = await lint(text);
    assert.deepEqual(without.map((m) => [m.ruleId, text.slice(m.range[0], m.range[1])]), [[PERIOD, ":"]]);
    assert.deepEqual(await lint(text, "zenn"), []);
  });

  it("CRLF: the same results, and each ignored line takes its CRLF", async () => {
    const p = post(ZENN, "\r\n");
    const { without, withFilter } = await withAndWithout(p, "zenn");
    assertFiltered(p, without, withFilter);
    assert.equal(withFilter.filter((m) => m.ruleId === RA).length, 2);
    assertRangesAreMarks(p, "zenn");
    for (const r of findNotationRanges(p.text, "zenn").filter((r) => r.kind !== "math-inline")) {
      assert.ok(p.text.slice(...r.range).endsWith("\r\n"), JSON.stringify(p.text.slice(...r.range)));
    }
  });
});

/** Every marked line is covered by a found range, and every found range covers only marks. */
function assertRangesAreMarks(p: Post, platform: NotationPlatform) {
  const found = findNotationRanges(p.text, platform);
  const inline = found.filter((r) => r.kind === "math-inline").map((r) => r.range);
  assert.deepEqual(inline, p.inlineMath);
  const blocks = found.filter((r) => r.kind !== "math-inline").map((r) => r.range);
  for (const [line, span] of p.notationLines) {
    assert.ok(blocks.some((b) => within(span, b)), `line ${line} ${JSON.stringify(p.text.slice(...span))} is found`);
  }
  const lineStarts = [0, ...[...p.text.matchAll(/\r?\n/g)].map((m) => (m.index ?? 0) + m[0].length)];
  for (const b of blocks) {
    const covered = lineStarts.map((s, i) => [i + 1, s] as const).filter(([, s]) => s >= b[0] && s < b[1]);
    assert.ok(covered.length > 0);
    for (const [line] of covered) assert.ok(p.notationLines.has(line), `line ${line} is not notation but was found`);
  }
}

const QIITA = `
---
title: Qiitaの記法を試す
tags: qiita textlint
---

# Qiitaの記法

§:::note info
この映画は家族で見れる。
§:::

§:::note warn
この設定は非推奨です。
§:::

§:::note alert
この操作は元に戻せません。
§:::

§$$
§\\text{速度} = \\frac{\\text{距離}}{\\text{時間}}
§$$

速度を«$v$»、区間を«$[0, 1)$»で表します。

@[card](https://qiita.com/)

:::message
Zennの記法です。
:::
`;

describe("Qiita notations with the bundled preset", () => {
  it(":::note info/warn/alert and math: reported without the filter, not with it; prose unchanged", async () => {
    const p = post(QIITA);
    const { without, withFilter } = await withAndWithout(p, "qiita");
    const flagged = without.filter((m) => onNotation(p, m)).map((m) => `${lineOf(p, m)} ${m.ruleId}`);
    assert.equal(flagged.filter((f) => f === `::: ${PERIOD}`).length, 3);
    assert.ok(flagged.includes(`$$ ${PERIOD}`));
    assertFiltered(p, without, withFilter);
    assert.deepEqual(
      withFilter.filter((m) => m.ruleId === RA).map((m) => lineOf(p, m)),
      ["この映画は家族で見れる。"],
    );
    assertRangesAreMarks(p, "qiita");
  });

  it("leaves Zenn's embeds and :::message to textlint under platform qiita", async () => {
    const p = post(QIITA);
    const { without, withFilter } = await withAndWithout(p, "qiita");
    const lines = p.text.split("\n");
    const zennOnly = (m: TextlintMessage) => m.line >= lines.indexOf("@[card](https://qiita.com/)") + 1;
    // The closing ::: of the Zenn block is still reported, exactly as without the filter.
    assert.ok(withFilter.some((m) => zennOnly(m) && lineOf(p, m) === ":::" && m.ruleId === PERIOD));
    assert.deepEqual(withFilter.filter(zennOnly).map(key), without.filter(zennOnly).map(key));
    const card = p.text.indexOf("@[card]");
    assert.ok(!findNotationRanges(p.text, "qiita").some((r) => r.range[0] <= card && card < r.range[1]));
  });
});

describe("emoji before and inside a block", () => {
  const EMOJI = `
# 絵文字

🎉 お知らせです。

§:::message
🎉🎉🎉 リリースしました。
§:::

§:::details 🔧 設定
この映画は家族で見れる。😀
§:::
`;

  it("hides the closing :::'s report that code-point counting moves onto the line above", async () => {
    const p = post(EMOJI);
    const { without, withFilter } = await withAndWithout(p, "zenn");
    // ja-no-mixed-period counts code points: after three emoji its report on ::: lands on the
    // line break before it. The filter widens that closing line's range by the emoji above it.
    const moved = without.find((m) => m.ruleId === PERIOD && lineOf(p, m) === "🎉🎉🎉 リリースしました。");
    assert.ok(moved, JSON.stringify(without.map(key)));
    assert.equal(p.text.slice(moved.range[0], moved.range[1]), "\n");
    assert.ok(without.some((m) => onNotation(p, m)));
    assert.deepEqual(withFilter.filter((m) => onNotation(p, m) || m === moved).map(key), []);
    assert.deepEqual(withFilter.map(key), without.filter((m) => !onNotation(p, m) && m !== moved).map(key));
    assert.deepEqual(withFilter.filter((m) => m.ruleId === RA).map((m) => lineOf(p, m)), ["この映画は家族で見れる。😀"]);
  });
});

describe("the scanner", () => {
  const ranges = (text: string, platform: NotationPlatform = "zenn") =>
    findNotationRanges(text, platform).map((r) => `${r.kind} ${JSON.stringify(text.slice(...r.range))}`);

  it("inline math only where Zenn's md-katex sees it", () => {
    const math = (s: string) => inlineMathIn(s).map(([a, b]) => s.slice(a, b));
    assert.deepEqual(math("式$x^2$と$$\\sum_i x_i$$です"), ["$x^2$", "$$\\sum_i x_i$$"]);
    assert.deepEqual(math("価格は$5から$10です"), [], "a digit after the closing $");
    assert.deepEqual(math("costs $5 and $10"), [], "a space before the closing $");
    assert.deepEqual(math("$ x$ と $x $"), [], "a space just inside");
    assert.deepEqual(math("1$x$ と \\$x$"), [], "a digit or a backslash before the opening $");
    assert.deepEqual(math("`$HOME` と `$PATH`"), [], "code spans");
    assert.deepEqual(math("``a`$b`` $c$"), ["$c$"], "a code span with a backtick inside");
    assert.deepEqual(math("$a$1"), []);
    assert.deepEqual(math("$x$"), ["$x$"]);
  });

  it("inline math: the same matches as Zenn's md-katex regular expressions, on random lines", () => {
    // The reference: md-katex's rules as Zenn wrote them, on the text outside code spans and escapes.
    const rules = [
      { tag: "$$", re: /\${2}((?:\S)|(?:\S(?!.*\]\(http).*?\S))\${2}/y },
      { tag: "$", re: /\$((?:\S)|(?:\S(?!.*\]\(http.*\$.*\)).*?\S))\$/y },
    ];
    const digit = (c: string | undefined) => c !== undefined && /[0-9]/.test(c);
    const reference = (s: string) => {
      const out: [number, number][] = [];
      for (let i = 0; i < s.length; ) {
        if (s[i] === "\\") i += 2;
        else if (s[i] === "`") {
          let run = 1;
          while (s[i + run] === "`") run++;
          const close = [...s.slice(i + run).matchAll(/`+/g)].find((m) => m[0].length === run);
          i = close ? i + run + (close.index ?? 0) + run : i + run;
        } else if (s[i] === "$" && s[i - 1] !== "\\" && !digit(s[i - 1])) {
          const rule = rules.find(({ tag, re }) => {
            re.lastIndex = i;
            return s.startsWith(tag, i) && re.exec(s) !== null && !digit(s[re.lastIndex]);
          });
          if (rule) out.push([i, rule.re.lastIndex]);
          i = rule ? rule.re.lastIndex : i + 1;
        } else i++;
      }
      return out;
    };
    const pieces = ["$", "$", "$$", "a", "x", " ", "\u3000", "1", "\\", "`", "](http", ")", "(", "。", "式"];
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 5000; t++) {
      const length = 1 + Math.floor(random() * 14);
      const s = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      assert.deepEqual(inlineMathIn(s), reference(s), JSON.stringify(s));
    }
  });

  it("inline math: linear on a line of many $", () => {
    const line = "$a ".repeat(20000);
    const started = process.hrtime.bigint();
    assert.deepEqual(inlineMathIn(line), []);
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 500);
  });

  it("equal colon counts: the outer block closes at the first :::, and the last ::: stays text", () => {
    const text = ":::details タイトル\n:::message\n本文です。\n:::\n:::\n";
    assert.deepEqual(ranges(text), [
      'container-open ":::details タイトル\\n"',
      'container-open ":::message\\n"',
      'container-close ":::\\n"',
    ]);
  });

  it("more colons outside nest; a stray ::: and an unclosed block's end are not notation", () => {
    assert.deepEqual(ranges("::::details A\n:::message\nX\n:::\n::::\n:::\n"), [
      'container-open "::::details A\\n"',
      'container-open ":::message\\n"',
      'container-close ":::\\n"',
      'container-close "::::\\n"',
    ]);
    assert.deepEqual(ranges(":::message\n本文です。\n"), ['container-open ":::message\\n"']);
  });

  it("Zenn's validators: details needs a title, a space after the colons is allowed", () => {
    assert.deepEqual(ranges(":::details\nA\n:::\n"), []);
    assert.deepEqual(ranges("::: message alert\nA\n:::"), ['container-open "::: message alert\\n"', 'container-close ":::"']);
    assert.deepEqual(ranges(":::note info\nA\n:::\n"), [], "Qiita's note is not Zenn's");
    assert.deepEqual(ranges(":::message\nA\n:::\n", "qiita"), [], "Zenn's message is not Qiita's");
    assert.deepEqual(ranges(":::note\nA\n:::\n", "qiita"), ['container-open ":::note\\n"', 'container-close ":::\\n"']);
  });

  it("embeds: known names at the start of a line, Zenn only", () => {
    assert.deepEqual(ranges("@[tweet](https://twitter.com/jack/status/20)\n@[unknown](x)\n文中の@[card](https://example.com)\n"), [
      'embed "@[tweet](https://twitter.com/jack/status/20)\\n"',
    ]);
    assert.deepEqual(ranges("@[card](https://example.com)\n", "qiita"), []);
  });

  it("math blocks: closed by the next $$, not past a blank line; unclosed $$ is text", () => {
    assert.deepEqual(ranges("$$\na\n$$ (1)\n後\n"), ['math-block "$$\\na\\n$$ (1)\\n"']);
    assert.deepEqual(ranges("$$x=1$$\n"), ['math-block "$$x=1$$\\n"']);
    assert.deepEqual(ranges("$$\na\n\nb\n$$\n"), []);
    assert.deepEqual(ranges("$$\n"), []);
  });

  it("skips the frontmatter and fenced code (``` and ~~~), sees blockquotes", () => {
    const front = "---\ndescription: |\n  :::message\n---\n\n~~~\n:::message\n~~~\n\n:::\n";
    assert.deepEqual(ranges(front), []);
    assert.deepEqual(ranges("> :::message\n> 引用です。\n> :::\n"), ['container-open "> :::message\\n"', 'container-close "> :::\\n"']);
  });

  it("refuses an unknown platform", () => {
    const context = { Syntax: { Document: "Document" }, getSource: () => "", shouldIgnore: () => undefined };
    assert.throws(() => platformNotations(context as never, { platform: "hatena" }), /platform must be "zenn" or "qiita"/);
    assert.doesNotThrow(() => platformNotations(context as never, true as never));
  });
});
