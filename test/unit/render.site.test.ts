/**
 * Previews that read like the site (issue 13): heading ids as each platform makes them (so `#…`
 * links work), Qiita and DEV code highlighted with Shiki in colours readable on the site's code
 * background, Qiita's `` $`x_1`$ `` math, link cards as card-shaped offline placeholders, and the
 * header's badge saying what the frontmatter says (a Qiita draft never posted is not "Published").
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { clearRenderCache, renderPost, type RenderPlatform } from "../../server/src/core/render/index";
import { contrastRatio, parseColor, readableOn } from "../../server/src/core/render/contrast";
import { CODE_LOOKS, fenceCode } from "../../server/src/core/render/highlight";

const render = (text: string, platform: RenderPlatform, extra: Record<string, unknown> = {}) => renderPost(text, { platform, ...extra });
const body = async (text: string, platform: RenderPlatform) => (await render(text, platform)).bodyHtml;
const ids = (html: string) => [...html.matchAll(/<h[1-6]\b[^>]*?\sid="([^"]*)"/g)].map((m) => m[1]);
/** The text a block shows (tags removed, entities of escapeHtml undone). */
const textOf = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

describe("render: heading ids as each platform makes them", () => {
  const headings = "# Hello World!\n\n## Hello World!\n\n## 日本語の見出し（括弧）\n\n### `code` と **強調**\n\n## Hello World!\n";

  it("Qiita (qiita-markdown's heading_anchor): lower case, symbols dropped, spaces → '-', repeats get -1, -2", async () => {
    const html = await body(headings + "\n[戻る](#hello-world-1)\n", "qiita");
    assert.deepEqual(ids(html), ["hello-world", "hello-world-1", "日本語の見出し括弧", "code-と-強調", "hello-world-2"]);
    // A `#` link of the post names an id the page has.
    const target = /href="#([^"]*)"/.exec(html)?.[1];
    assert.ok(target && ids(html).includes(decodeURIComponent(target)), `${target} is a heading's id`);
  });

  it("static-site blogs use GitHub's scheme too (Hugo, Astro's github-slugger)", async () => {
    assert.deepEqual(ids(await body(headings, "blog")), ["hello-world", "hello-world-1", "日本語の見出し括弧", "code-と-強調", "hello-world-2"]);
  });

  it("DEV (forem's slugify): emoji and punctuation dropped, whitespace → '-', no suffix", async () => {
    assert.deepEqual(ids(await body("## Hello, World! 🎉\n\n## Step 1: Install `npm`\n\n## Hello, World!\n", "devto")), ["hello-world", "step-1-install-npm", "hello-world"]);
  });

  it("Hatena Blog: the heading's text, whitespace → '-'", async () => {
    assert.deepEqual(ids(await body("## はじめに 1\n", "hatena")), ["はじめに-1"]);
  });

  it("the render cache gives the same ids as a whole render when a heading repeats after an edit", async () => {
    clearRenderCache();
    const key = "/posts/ids.md";
    const first = "## 手順\n\n一つ目。\n\n## 別\n\n二つ目。\n";
    await render(first, "qiita", { cacheKey: key });
    const edited = first.replace("## 別", "## 手順");
    const cached = (await render(edited, "qiita", { cacheKey: key })).bodyHtml;
    const whole = (await render(edited, "qiita", { cacheKey: null })).bodyHtml;
    assert.deepEqual(ids(cached), ["手順", "手順-1"]);
    assert.equal(cached, whole);
  });
});

describe("render: Qiita and DEV code highlighted, readable on the site's code background", () => {
  it("Qiita `ruby:app.rb`: Qiita's frame and file label, Shiki's token colours, the code's text unchanged", async () => {
    const code = "# あいさつ\ndef greet(name)\n  \"hi #{name}\" # <b>\nend\n";
    const html = await body("```ruby:app.rb\n" + code + "```\n", "qiita");
    assert.match(html, /^<div class="code-frame" data-line="0" data-lang="ruby"><div class="code-lang"><span class="bold">app\.rb<\/span><\/div><div class="highlight"><pre><code class="language-ruby tsuzuri-highlighted">/);
    const inner = /<code[^>]*>([\s\S]*)<\/code>/.exec(html)?.[1] ?? "";
    assert.equal(textOf(inner), code);
    const colours = new Set([...inner.matchAll(/style="color:(#[0-9a-f]{6})/g)].map((m) => m[1]));
    assert.ok(colours.size >= 3, `several token colours: ${[...colours].join(" ")}`);
  });

  it("every token colour reaches 4.5:1 on the platform's code background (Monokai's comment grey would not)", async () => {
    // The theme's own comment colour is too dark on Qiita's frame: the renderer must have lifted it.
    assert.ok(contrastRatio(parseColor("#88846f")!, parseColor("#364549")!) < 4.5);
    const post = "```js\n// comment\nconst a = /re/g; // more\nlet s = `t ${a}`;\nfunction f(x) { return x + 1; }\n```\n";
    for (const platform of ["qiita", "devto"] as const) {
      const html = await body(post, platform);
      const bg = parseColor(CODE_LOOKS[platform]!.background)!;
      const colours = [...html.matchAll(/color:(#[0-9a-f]{6})/g)].map((m) => m[1]!);
      assert.ok(colours.length >= 5, `${platform}: coloured tokens`);
      for (const c of colours) assert.ok(contrastRatio(parseColor(c)!, bg) >= 4.5, `${platform}: ${c} on ${CODE_LOOKS[platform]!.background}`);
    }
    assert.equal(readableOn("#ffffff", "#364549"), "#ffffff", "a readable colour is left alone");
  });

  it("Qiita `diff_ruby`: lines marked inserted / deleted, the +/- apart, the rest highlighted as Ruby", async () => {
    const html = await body("```diff_ruby\n-puts \"old\"\n+puts \"new\"\n puts 1\n```\n", "qiita");
    assert.match(html, /data-lang="diff_ruby"/);
    assert.match(html, /<span class="tsuzuri-diff-line tsuzuri-diff-deleted"><span class="tsuzuri-diff-prefix">-<\/span>[^\n]*<span style="color:#[0-9a-f]{6}">[^<]*old/);
    assert.match(html, /<span class="tsuzuri-diff-line tsuzuri-diff-inserted"><span class="tsuzuri-diff-prefix">\+<\/span>/);
    assert.equal(textOf(/<code[^>]*>([\s\S]*)<\/code>/.exec(html)?.[1] ?? ""), '-puts "old"\n+puts "new"\n puts 1\n');
  });

  it("Qiita: a lone file name is the label and its extension the language; an alias (zsh) resolves", async () => {
    assert.deepEqual(fenceCode("app.rb", true), { lang: "", highlight: "rb", fileName: "app.rb", diff: false });
    assert.equal(fenceCode("zsh", true).highlight, "bash");
    const html = await body("```app.rb\nputs 1\n```\n", "qiita");
    assert.match(html, /<span class="bold">app\.rb<\/span>/);
    assert.match(html, /<code class="tsuzuri-highlighted"><span style="color:/);
  });

  it("DEV: the language in any case; an unknown language stays plain text", async () => {
    assert.match(await body("```JavaScript\nconst a = 1;\n```\n", "devto"), /<pre data-line="0"><code class="language-JavaScript tsuzuri-highlighted"><span style="color:#[0-9a-f]{6}">const<\/span>/);
    assert.equal((await body("```nosuchlang\na <b>\n```\n", "devto")).trim(), '<pre data-line="0"><code class="language-nosuchlang">a &lt;b&gt;\n</code></pre>');
  });
});

describe("render: Qiita's $`…`$ inline math", () => {
  it("is math with the code span's text, no stray backticks or dollars", async () => {
    const html = await body("式 $`x_1 + x_2`$ と $`a`$。\n", "qiita");
    assert.equal(html.trim(), '<p data-line="0">式 <span class="tsuzuri-math tsuzuri-math-inline"><span class="tsuzuri-math-source">x_1 + x_2</span></span> と <span class="tsuzuri-math tsuzuri-math-inline"><span class="tsuzuri-math-source">a</span></span>。</p>');
    const rendered = await body("$`x_1`$\n", "qiita");
    assert.doesNotMatch(rendered, /`|\$/);
  });

  it("with $$ around it, or without the closing $, it is not math (as Qiita reads it)", async () => {
    assert.match(await body("前 $$`x`$$ 後\n", "qiita"), /<p data-line="0">前 \$\$<code>x<\/code>\$\$ 後<\/p>/);
    assert.match(await body("$`x` です\n", "qiita"), /\$<code>x<\/code> です/);
  });
});

describe("render: link cards offline keep the card's shape", () => {
  const cases: [RenderPlatform, string, string][] = [
    ["zenn", "@[card](https://zenn.dev/zenn/articles/markdown-guide)\n", "zenn.dev"],
    ["qiita", "https://qiita.com/Qiita/items/c686397e4a0f4f11683d\n", "qiita.com"],
    ["devto", "{% embed https://dev.to/devteam/welcome %}\n", "dev.to"],
    ["hatena", "[https://staff.hatenablog.com/entry/1:embed]\n", "staff.hatenablog.com"],
  ];
  for (const [platform, text, host] of cases) {
    it(`${platform}: the URL and its host in a card, nothing fetched`, async () => {
      const html = await body(text, platform);
      const url = /data-url="([^"]*)"/.exec(html)?.[1] ?? "";
      assert.match(html, /<a class="tsuzuri-card-link" href="https:\/\/[^"]+" title="https:\/\/[^"]+"><span class="tsuzuri-card-body"><span class="tsuzuri-card-title">/);
      assert.equal(/<span class="tsuzuri-card-host">(?:<span[^>]*><\/span>)?([^<]*)<\/span>/.exec(html)?.[1], host);
      assert.ok(url.includes(host), url);
      assert.match(html, /<span class="tsuzuri-card-thumb" aria-hidden="true"><\/span>/);
      assert.doesNotMatch(html, /<img|<iframe/);
    });
  }
});

describe("render: the header's badge says what the frontmatter says", () => {
  const qiita = (fields: string) => `---\ntitle: 下書き\ntags:\n  - VSCode\n${fields}\norganization_url_name: null\nslide: false\n---\n本文\n`;
  const cases: { name: string; platform: RenderPlatform; text: string; status: string; en: string; ja: string }[] = [
    { name: "Qiita CLI's new post (id: null, updated_at: '')", platform: "qiita", text: qiita("private: false\nupdated_at: ''\nid: null\nignorePublish: false"), status: "unposted", en: "Not posted", ja: "未投稿" },
    { name: "Qiita, private and never posted", platform: "qiita", text: qiita("private: true\nupdated_at: ''\nid: null\nignorePublish: false"), status: "unposted", en: "Not posted", ja: "未投稿" },
    { name: "Qiita, posted (an id)", platform: "qiita", text: qiita("private: false\nupdated_at: '2024-01-31T09:00:00+09:00'\nid: 0123456789abcdef0123\nignorePublish: false"), status: "published", en: "Published", ja: "公開" },
    { name: "Qiita, posted with limited sharing", platform: "qiita", text: qiita("private: true\nupdated_at: '2024-01-31T09:00:00+09:00'\nid: 0123456789abcdef0123\nignorePublish: false"), status: "private", en: "Private", ja: "限定共有" },
    { name: "Qiita, ignorePublish", platform: "qiita", text: qiita("private: false\nupdated_at: ''\nid: null\nignorePublish: true"), status: "draft", en: "Draft", ja: "下書き" },
    { name: "Zenn, published: false", platform: "zenn", text: '---\ntitle: "x"\nemoji: "📝"\ntype: "tech"\ntopics: []\npublished: false\n---\n', status: "draft", en: "Draft", ja: "下書き" },
    { name: "Hatena Blog, a new blogsync entry (no EditURL)", platform: "hatena", text: "---\nTitle: x\nDate: 2024-01-31T09:00:00+09:00\nCategory: []\n---\n", status: "unposted", en: "Not posted", ja: "未投稿" },
    { name: "Hatena Blog, a pulled entry", platform: "hatena", text: "---\nTitle: x\nDate: 2024-01-31T09:00:00+09:00\nEditURL: https://blog.hatena.ne.jp/u/b/atom/entry/1\n---\n", status: "published", en: "Published", ja: "公開" },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const en = await render(c.text, c.platform, { locale: "en" });
      assert.equal(en.header.status, c.status);
      assert.match(en.headerHtml, new RegExp(`tsuzuri-badge-${c.status}">${c.en}<`));
      if (c.status !== "published") assert.doesNotMatch(en.headerHtml, /Published/);
      assert.match((await render(c.text, c.platform, { locale: "ja" })).headerHtml, new RegExp(`tsuzuri-badge-${c.status}">${c.ja}<`));
    });
  }
});
