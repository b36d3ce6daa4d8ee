/**
 * The render cache (server/src/core/render/blockCache.ts): a render that reuses cached blocks gives
 * exactly the HTML of a render without the cache. Random edits (fast-check, seeded:
 * TSUZURI_RENDER_SEED, TSUZURI_RENDER_RUNS) of generated posts (the bench's preview posts, cut short)
 * and of posts with the notations that tie blocks together (footnotes, reference links, repeated
 * headings, raw HTML); after each edit the cached render (cacheKey) is compared with a fresh one.
 * A test tampers with the cache to show that a stale block would be caught; others check that
 * blocks are reused, lines follow a moved block, and which posts are rendered whole.
 */
import { before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { clearRenderCache, katexMath, renderCacheForTests, renderCacheStats, renderPost, type RenderPlatform } from "../../server/src/core/render/index";
import { makePreviewPost } from "../helpers/previewPost";

const SEED = Number(process.env["TSUZURI_RENDER_SEED"] ?? 20261123);
const RUNS = Number(process.env["TSUZURI_RENDER_RUNS"] ?? 40);

/** Zenn numbers footnotes with a random document id per render: not a difference. */
const comparable = (html: string): string => html.replace(/\b(fn|fnref)-[0-9a-f]{4}-/g, "$1-ID-");

/** Renders `text` with the cache (key `key`) and without; returns the first difference, if any. */
async function difference(text: string, platform: RenderPlatform, key: string, math = true): Promise<string | undefined> {
  const options = { platform, locale: "ja" as const, ...(math ? { renderMath: katexMath } : {}) };
  const cached = comparable((await renderPost(text, { ...options, cacheKey: key })).html);
  const fresh = comparable((await renderPost(text, options)).html);
  if (cached === fresh) return undefined;
  let i = 0;
  while (i < cached.length && cached[i] === fresh[i]) i++;
  return `${platform}: cached and fresh differ at ${i}: ${JSON.stringify(cached.slice(Math.max(0, i - 60), i + 60))} vs ${JSON.stringify(fresh.slice(Math.max(0, i - 60), i + 60))}`;
}

const short = (platform: "zenn" | "qiita" | "blog", variant: number): string => makePreviewPost(platform, "3k", 3_000, variant).text;

const TIED = [
  "# 脚注と参照\n\n本文に脚注[^1]とインライン脚注^[その場の注]があります。\n\n詳しくは[公式][docs]を見てください。\n\n## 見出し\n\n段落です。\n\n## 見出し\n\n同じ見出しがもう一度。\n\n[docs]: https://example.com/docs\n[^1]: 脚注の本文です。\n",
  "## 手順 1\n\n最初。\n\n## 手順\n\n次。\n\n<div class=\"note\">\n\n中身の段落\n\n</div>\n\n改行<br>あり。<!-- コメント -->\n\n((はてなの脚注))\n",
];

/** Pieces an edit inserts: text, line breaks, and the notations whose blocks interact or open. */
const PIECES = [
  "あ",
  "です。",
  "\n",
  "\n\n",
  "```\n",
  "```js:src/a.js\nconst a = 1;\n```\n",
  ":::message\n",
  ":::details 詳細\n",
  ":::\n",
  ":::note info\n",
  "$$\n",
  "$x^2$",
  "@[card](https://example.com/x)\n",
  "https://example.com/bare\n",
  "# 見出し\n",
  "## 1. 背景\n",
  "## 見出し\n",
  "- 項目\n",
  "1. 番号\n",
  "> 引用\n",
  "| a | b |\n|---|---|\n| 1 | 2 |\n",
  "    インデント\n",
  "[^1]",
  "[^1]: 脚注\n",
  "^[インライン]",
  "[docs]: https://example.com\n",
  "[docs]",
  "<br>",
  "<div>\n",
  "</div>\n",
  "<!-- c -->\n",
  "((脚注))",
  "{{< youtube x >}}\n",
  "{% details x %}\n",
  "---\n",
  "\\",
  "*",
  "`",
];

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 80 })),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.constant(""), fc.string({ unit: fc.constantFrom("あ", "a", " ", "\n", "#", "-", "[", "]", ":", "$", "`", "*", "^", "<", ">", "(", ")"), maxLength: 6 })),
});

/**
 * Applies an edit, never splitting a surrogate pair: a lone surrogate in a Zenn heading makes
 * zenn-markdown-html throw (markdown-it-anchor's encodeURIComponent), cached or not.
 */
function apply(text: string, e: { at: number; remove: number; insert: string }): string {
  const inPair = (i: number): boolean => i > 0 && i < text.length && /[\uD800-\uDBFF]/.test(text[i - 1] ?? "") && /[\uDC00-\uDFFF]/.test(text[i] ?? "");
  let at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  if (inPair(at)) at--;
  let end = Math.min(text.length, at + e.remove);
  if (inPair(end)) end++;
  return text.slice(0, at) + e.insert + text.slice(end);
}

const PLATFORMS: RenderPlatform[] = ["zenn", "qiita", "blog", "hatena", "devto"];

describe("render cache: cached renders equal fresh renders", () => {
  const documents: string[] = [];
  before(async () => {
    documents.push(short("zenn", 0), short("qiita", 1), short("blog", 2), ...TIED);
    // Shiki's first highlight of a grammar can be slow enough to cut a line short: highlight
    // every language used here once before comparing.
    for (const text of [...documents, PIECES.join("\n")]) for (const platform of PLATFORMS) await renderPost(text, { platform });
  });
  beforeEach(() => clearRenderCache());

  it(`random edits of generated posts (${RUNS} runs, seed ${SEED})`, async () => {
    let runs = 0;
    let reused = 0;
    let rendered = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom(...PLATFORMS), fc.array(edit, { minLength: 1, maxLength: 6 }), fc.boolean(), async (doc, platform, edits, math) => {
        const key = `run-${runs++}`;
        let text = documents[doc % documents.length] ?? "";
        const first = await difference(text, platform, key, math);
        assert.equal(first, undefined, first);
        for (const e of edits as Edit[]) {
          text = apply(text, e);
          const diff = await difference(text, platform, key, math);
          assert.equal(diff, undefined, `${diff}\nafter ${JSON.stringify(e)} on ${JSON.stringify(text.slice(0, 200))}…`);
          const last = renderCacheStats().last;
          if (last && last.path === "blocks") {
            reused += last.reused;
            rendered += last.rendered;
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The cache was used, not bypassed: most blocks after an edit came from it.
    assert.ok(reused > rendered, `reused ${reused} blocks, rendered ${rendered}`);
  });

  it("notices a stale block: the cache's HTML for one block swapped for another's", async () => {
    for (const platform of ["zenn", "qiita"] as const) {
      const text = short(platform, 0);
      assert.equal(await difference(text, platform, "tamper"), undefined);
      const blocks = [...renderCacheForTests().allBlocks()];
      assert.ok(blocks.length > 4);
      // A cache returning another block's HTML (say, the previous version of an edited block).
      const [, a] = blocks[2]!;
      const [, b] = blocks[3]!;
      a.parts = b.parts;
      a.rel = b.rel;
      const typed = text.replace("。", "あ。");
      const diff = await difference(typed, platform, "tamper");
      assert.ok(diff, `${platform}: the stale block went unnoticed`);
      clearRenderCache();
    }
  });

  it("notices a block reused at its old line", async () => {
    const text = short("zenn", 0);
    assert.equal(await difference(text, "zenn", "lines"), undefined);
    // Tamper: every relative line one off, as if the block had been kept with absolute lines.
    for (const [, block] of renderCacheForTests().allBlocks()) block.rel = block.rel.map((r) => r + 1);
    assert.ok(await difference("\n\n" + text.replace(/^---[\s\S]*?\n---\n/, ""), "zenn", "lines"));
  });
});

describe("render cache: what is reused and what is rendered whole", () => {
  beforeEach(() => clearRenderCache());

  it("one keystroke re-renders one block (20k Zenn post) and moved blocks keep their new lines", async () => {
    const text = makePreviewPost("zenn", "20k", 20_000, 0).text;
    await renderPost(text, { platform: "zenn", cacheKey: "p" });
    const at = text.indexOf("。", text.length / 2);
    const typed = text.slice(0, at) + "あ" + text.slice(at);
    const fresh = (await renderPost(typed, { platform: "zenn" })).html;
    assert.equal((await renderPost(typed, { platform: "zenn", cacheKey: "p" })).html, fresh);
    const last = renderCacheStats().last;
    assert.equal(last?.path, "blocks");
    assert.equal(last?.rendered, 1);
    assert.ok((last?.reused ?? 0) > 100, `reused ${last?.reused}`);
    // Lines inserted near the top: every block below moves and is reused (the block above the
    // new lines holds them as its trailing blank lines, so it is rendered again).
    const shifted = typed.replace("\n## 2.", "\n\n\n## 2.");
    assert.equal((await renderPost(shifted, { platform: "zenn", cacheKey: "p" })).html, (await renderPost(shifted, { platform: "zenn" })).html);
    assert.equal(renderCacheStats().last?.rendered, 1);
    assert.ok((renderCacheStats().last?.reused ?? 0) > 100);
  });

  it("the filePath is the default key; cacheKey null or no key renders without the cache", async () => {
    const text = short("qiita", 0);
    await renderPost(text, { platform: "qiita", filePath: "/a/post.md" });
    assert.equal(renderCacheStats().posts, 1);
    await renderPost(text, { platform: "qiita", filePath: "/a/post.md", cacheKey: null });
    await renderPost(text, { platform: "qiita" });
    assert.equal(renderCacheStats().posts, 1);
    await renderPost(text + "追記\n", { platform: "qiita", filePath: "/a/post.md" });
    assert.equal(renderCacheStats().last?.rendered, 1);
  });

  it("keeps the last 4 posts, and only their current blocks", async () => {
    for (let i = 0; i < 6; i++) await renderPost(short("blog", i), { platform: "blog", cacheKey: `post-${i}` });
    assert.equal(renderCacheStats().posts, 4);
    const before = renderCacheStats().blocks;
    await renderPost("# 短い\n", { platform: "blog", cacheKey: "post-5" });
    assert.ok(renderCacheStats().blocks < before);
  });

  it("another platform or math renderer under the same key starts afresh", async () => {
    const text = short("zenn", 0);
    await renderPost(text, { platform: "qiita", cacheKey: "alone" });
    const all = renderCacheStats().last?.rendered ?? 0;
    assert.ok(all > 10);
    await renderPost(text, { platform: "zenn", cacheKey: "k" });
    assert.equal(await difference(text, "qiita", "k", false), undefined);
    assert.equal(renderCacheStats().last?.rendered, all);
    assert.equal(await difference(text, "qiita", "k", true), undefined);
    assert.equal(renderCacheStats().last?.rendered, all);
  });

  const whole: [string, RenderPlatform, string][] = [
    ["footnote", "zenn", "本文[^1]\n\n[^1]: 注\n"],
    ["inline footnote", "qiita", "本文^[注]\n\n次\n"],
    ["reference link", "blog", "[a][x]\n\n[x]: https://example.com\n"],
    ["reference link (Zenn)", "zenn", "[a][x]\n\n[x]: https://example.com\n"],
    ["repeated Zenn heading", "zenn", "## 手順\n\na\n\n## 手順\n\nb\n"],
    ["Zenn heading that is another's with -1", "zenn", "## 手順-1\n\na\n\n## 手順\n\nb\n"],
    ["raw HTML across blocks", "qiita", "<div>\n\n中身\n\n</div>\n"],
    ["raw inline span", "devto", "a <span>b</span>\n\nc\n"],
    ["Hatena footnote", "hatena", "本文((注))\n\n次\n"],
    ["repeated Qiita heading (Qiita's ids: 手順, 手順-1)", "qiita", "## 手順\n\na\n\n## 手順\n\nb\n"],
    ["blog heading that is another's with -1", "blog", "## 手順-1\n\na\n\n## 手順\n\nb\n"],
  ];
  for (const [name, platform, text] of whole) {
    it(`renders whole: ${name}`, async () => {
      assert.equal(await difference(text, platform, "w"), undefined);
      assert.equal(renderCacheStats().last?.path, "whole");
    });
  }

  const cached: [string, RenderPlatform, string][] = [
    ["regex in a code block", "zenn", "a\n\n```js\nconst re = /^[^a]+$/; const o: { [k: string]: number } = {};\n```\n"],
    ["a <br> and a comment", "qiita", "a<br>b <!-- c -->\n\n<!-- block -->\n\nd\n"],
    ["distinct headings, one ending in -1", "zenn", "## Step 1\n\na\n\n## Step 2\n\nb\n\n## 手順\n"],
    ["distinct Qiita headings and highlighted code", "qiita", "## Step 1\n\n```ruby:app.rb\nputs 1\n```\n\n## Step 2\n"],
    ["DEV headings and highlighted code", "devto", "## Intro\n\n```js\nconst a = 1;\n```\n"],
  ];
  for (const [name, platform, text] of cached) {
    it(`caches: ${name}`, async () => {
      assert.equal(await difference(text, platform, "c"), undefined);
      assert.equal(renderCacheStats().last?.path, "blocks");
    });
  }
});
