/**
 * The preview's rendering core: Zenn notations come out as zenn-markdown-html renders them (with the
 * documented changes only), the other platforms' notations as their sites show them, the header
 * per platform, and `data-line` on blocks pointing at each block's first line of the whole post
 * (frontmatter above, CRLF, nested lists, tables). Prints the render time of a 20k-character post.
 */
import { before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { renderPost, type RenderPlatform } from "../../server/src/core/render/index";
import { renderZenn, replaceZennEmbeds, zennMarkdownToHtml } from "../../server/src/core/render/zenn";
import { preparePost } from "../../server/src/core/render/source";

const body = async (text: string, platform: RenderPlatform, extra: Record<string, unknown> = {}) => (await renderPost(text, { platform, ...extra })).bodyHtml;

/** The `data-line` of every element, in document order, with the element's tag and classes. */
function lines(html: string): { tag: string; line: number; cls: string }[] {
  const out: { tag: string; line: number; cls: string }[] = [];
  for (const m of html.matchAll(/<([a-z][a-z0-9-]*)\b([^>]*)>/g)) {
    const attrs = m[2] ?? "";
    const line = / data-line="(\d+)"/.exec(attrs)?.[1];
    if (line !== undefined) out.push({ tag: m[1] ?? "", line: Number(line), cls: / class="([^"]*)"/.exec(attrs)?.[1] ?? "" });
  }
  return out;
}

/** The line of the first element with this tag (and class part). */
function lineOf(html: string, tag: string, cls = ""): number | undefined {
  return lines(html).find((l) => l.tag === tag && l.cls.includes(cls))?.line;
}

/**
 * zenn-markdown-html's own output with the documented changes applied: embeds → placeholders,
 * no `target` (links leave through VS Code), task-list checkboxes disabled, local images marked
 * with data-local-src; `data-line` and Zenn's random footnote ids left out of the comparison.
 */
function asDocumented(zennHtml: string): string {
  return normalise(
    replaceZennEmbeds(zennHtml)
      .replace(/ target="_blank"/g, "")
      .replace(/<input class="task-list-item-checkbox"( checked)? type="checkbox" \/>/g, (_a, checked: string | undefined) => `<input type="checkbox" disabled class="task-list-item-checkbox"${checked ? " checked" : ""} />`)
      .replace(/<img src="(\/[^"]*|\.[^"]*)"([^>]*?) \/>/g, '<img src="$1"$2 data-local-src="$1" />'),
  );
}

const normalise = (html: string) => html.replace(/ data-line="\d+"/g, "").replace(/(fn|fnref)-[0-9a-f]{4}-/g, "$1-ID-");

describe("render: Zenn notations as zenn-markdown-html renders them", () => {
  const notations: Record<string, string> = {
    heading: "# 見出し\n\n## Second\n",
    message: ":::message\nメッセージ\n:::\n",
    "message alert": ":::message alert\n警告\n:::\n",
    details: ":::details タイトル\n中身 **太字**\n:::\n",
    "nested containers": "::::details 外側\n:::message\n内側\n:::\n::::\n",
    "code fence with a file name": "```js:src/index.js\nconst a = 1;\n```\n",
    "diff fence": "```diff js\n-const a = 1;\n+const a = 2;\n```\n",
    "math inline": "二乗 $a^2 + b^2$ です\n",
    "math block": "$$\ne^{i\\pi} + 1 = 0\n$$\n",
    "footnote": "本文[^1]\n\n[^1]: 脚注\n",
    "inline footnote": "本文^[インライン脚注]\n",
    table: "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
    "task list": "- [ ] todo\n- [x] done\n",
    "image with size": "![alt](/images/a.png =250x)\n",
    "remote image": "![alt](https://example.com/a.png)\n",
    "link card": "@[card](https://example.com/page)\n",
    "bare URL card": "https://example.com/bare\n",
    youtube: "@[youtube](dQw4w9WgXcQ)\n",
    tweet: "@[tweet](https://twitter.com/jack/status/20)\n",
    gist: "@[gist](https://gist.github.com/octocat/0123456789abcdef)\n",
    "invalid embed": "@[youtube](not valid!)\n",
    mermaid: "```mermaid\ngraph TD; A-->B\n```\n",
    "inline comment": "見える<!-- 見えない -->文\n",
    "links": "[Zenn](https://zenn.dev) and [ext](https://example.com)\n",
  };
  // Shiki stops tokenising a line after 500 ms, which the first highlight of a grammar can take on
  // a busy machine (a whole line in one colour): highlight each fixture once before comparing.
  before(async () => {
    for (const text of Object.values(notations)) await zennMarkdownToHtml(text);
  });

  for (const [name, text] of Object.entries(notations)) {
    it(name, async () => {
      const ours = normalise(await body(text, "zenn"));
      assert.equal(ours, asDocumented(await zennMarkdownToHtml(text)));
    });
  }

  it("embeds are offline placeholders with their URL (no iframe, nothing fetched)", async () => {
    const html = await body("@[card](https://example.com/page)\n\n@[youtube](dQw4w9WgXcQ)\n\nhttps://zenn.dev/x\n\n@[tweet](https://twitter.com/jack/status/20)\n", "zenn");
    assert.doesNotMatch(html, /<iframe/);
    assert.doesNotMatch(html, /tsuzuri\.invalid/);
    assert.match(html, /<span data-line="0" class="tsuzuri-embed tsuzuri-embed-card" data-embed="card" data-url="https:\/\/example.com\/page">/);
    assert.match(html, /data-url="https:\/\/www.youtube.com\/watch\?v=dQw4w9WgXcQ"/);
    assert.match(html, /tsuzuri-embed-card" data-embed="card" data-url="https:\/\/zenn.dev\/x"/);
    assert.match(html, /tsuzuri-embed-tweet/);
    // A link card keeps its shape: the URL and its host (render.site.test.ts); other embeds say "kind: URL".
    assert.match(html, /<a class="tsuzuri-card-link" href="https:\/\/example.com\/page" title="https:\/\/example.com\/page">/);
    assert.match(html, /<span class="tsuzuri-embed-kind">tweet<\/span>: <a class="tsuzuri-embed-url" href="https:\/\/twitter.com\/jack\/status\/20">/);
  });

  it("renders math with a MathRenderer when given one", async () => {
    const renderMath = (tex: string, display: boolean) => `<span class="katex${display ? " katex-display" : ""}">${tex.replace(/</g, "&lt;")}</span>`;
    const html = await body("$a<b$\n\n$$\nx\n$$\n", "zenn", { renderMath });
    assert.match(html, /<embed-katex><span class="katex">a&lt;b<\/span><\/embed-katex>/);
    assert.match(html, /<embed-katex display-mode="1"><span class="katex katex-display">\s*x\s*<\/span><\/embed-katex>/);
  });
});

describe("render: Qiita, Hatena, dev.to and blog notations", () => {
  it("Qiita note info / warn / alert (and :::note alone is info)", async () => {
    const html = await body(":::note info\n情報\n:::\n\n:::note warn\n注意\n:::\n\n:::note alert\n警告\n:::\n\n:::note\n既定\n:::\n", "qiita");
    const notes = [...html.matchAll(/<div class="note (\w+)" data-line="(\d+)"><span class="note-icon" aria-hidden="true"><\/span><div class="note-body">\s*<p data-line="\d+">([^<]*)<\/p>/g)].map((m) => `${m[1]}@${m[2]}:${m[3]}`);
    assert.deepEqual(notes, ["info@0:情報", "warn@4:注意", "alert@8:警告", "info@12:既定"]);
    assert.doesNotMatch(await body(":::note danger\nx\n:::\n", "qiita"), /class="note/);
  });

  it("Qiita code fence `ruby:app.rb` shows the file name as a label", async () => {
    const html = await body("```ruby:app.rb\nputs 'hi'\n```\n", "qiita");
    assert.match(html.trim(), /^<div class="code-frame" data-line="0" data-lang="ruby"><div class="code-lang"><span class="bold">app.rb<\/span><\/div><div class="highlight"><pre><code class="language-ruby tsuzuri-highlighted"><span style="color:#[0-9a-f]{6}">puts<\/span>.*\n<\/code><\/pre><\/div><\/div>$/);
    assert.match(await body("```ruby\nx\n```\n", "qiita"), /<div class="code-frame" data-line="0" data-lang="ruby"><div class="highlight">/);
    // Other platforms: no label, the info's first word is the language.
    assert.match(await body("```ruby\nx\n```\n", "devto"), /<pre data-line="0"><code class="language-ruby tsuzuri-highlighted">(?:<span[^>]*>)?x(?:<\/span>)?\n<\/code><\/pre>/);
  });

  it("math: $…$ inline, $$…$$ and ```math blocks (TeX source without a renderer; rendered with one)", async () => {
    const html = await body("式 $x^2$ と $5 と $10\n\n$$\n\\frac{1}{2}\n$$\n\n```math\ny\n```\n", "qiita");
    assert.match(html, /式 <span class="tsuzuri-math tsuzuri-math-inline"><span class="tsuzuri-math-source">x\^2<\/span><\/span> と \$5 と \$10/);
    assert.match(html, /<div class="tsuzuri-math tsuzuri-math-display" data-line="2"><span class="tsuzuri-math-source">\\frac\{1\}\{2\}<\/span><\/div>/);
    assert.match(html, /<div class="tsuzuri-math tsuzuri-math-display" data-line="6"><span class="tsuzuri-math-source">y<\/span><\/div>/);
    const rendered = await body("$a$\n", "blog", { renderMath: (tex: string) => `<span class="katex">[${tex}]</span>` });
    assert.match(rendered, /<span class="tsuzuri-math tsuzuri-math-inline"><span class="katex">\[a\]<\/span><\/span>/);
  });

  it("footnotes, tables, task lists, and a bare URL as a Qiita link card", async () => {
    const html = await body("本文[^1]\n\n[^1]: 脚注\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nhttps://example.com/card\n", "qiita");
    assert.match(html, /<sup class="footnote-ref"><a href="#fn1" id="fnref1">\[1\]<\/a><\/sup>/);
    assert.match(html, /<li id="fn1" class="footnote-item"><p data-line="2">脚注/);
    assert.match(html, /<table data-line="4">/);
    assert.match(html, /<input type="checkbox" disabled class="task-list-item-checkbox" checked \/> done/);
    assert.match(html, /<span data-line="10" class="tsuzuri-embed tsuzuri-embed-card" data-embed="card" data-url="https:\/\/example.com\/card">/);
  });

  it("dev.to liquid tags: embeds as placeholders, details, katex", async () => {
    const html = await body("{% embed https://dev.to/foo/bar %}\n\n{% youtube dQw4w9WgXcQ %}\n\n{% details 詳細 %}\n中身\n{% enddetails %}\n\n{% katex %}\nx^2\n{% endkatex %}\n", "devto");
    assert.match(html, /<span class="tsuzuri-embed tsuzuri-embed-embed" data-line="0" data-embed="embed" data-url="https:\/\/dev.to\/foo\/bar"><a class="tsuzuri-card-link" href="https:\/\/dev.to\/foo\/bar"/);
    assert.match(html, /<span class="tsuzuri-embed tsuzuri-embed-youtube" data-line="2" data-embed="youtube"><span class="tsuzuri-embed-kind">youtube<\/span>: <span class="tsuzuri-embed-url">dQw4w9WgXcQ<\/span><\/span>/);
    assert.match(html, /<details data-line="4"><summary>詳細<\/summary><div class="details-content">\s*<p data-line="5">中身<\/p>/);
    assert.match(html, /<div class="tsuzuri-math tsuzuri-math-display" data-line="8"><span class="tsuzuri-math-source">x\^2<\/span><\/div>/);
  });

  it("Hatena notations: [url:embed], ((footnote)), [tex:…], [url:title=…]", async () => {
    const html = await body("本文((脚注です))。\n\n[https://example.com/a:embed:cite]\n\n[tex:e=mc^2] と [https://example.com/b:title=例]\n", "hatena");
    assert.match(html, /本文<sup class="footnote-ref"><a href="#fn1" id="fnref1">\[1\]<\/a><\/sup>。/);
    assert.match(html, /<li id="fn1" class="footnote-item"><p>脚注です/);
    assert.match(html, /<span class="tsuzuri-embed tsuzuri-embed-embed" data-embed="embed" data-url="https:\/\/example.com\/a">/);
    assert.match(html, /<span class="tsuzuri-math-source">e=mc\^2<\/span>/);
    assert.match(html, /<a href="https:\/\/example.com\/b">例<\/a>/);
  });

  it("static-site blog: a Hugo shortcode line is a placeholder", async () => {
    const html = await body("前\n{{< youtube dQw4w9WgXcQ >}}\n", "blog");
    assert.match(html, /<p data-line="0">前<\/p>\s*<span class="tsuzuri-embed tsuzuri-embed-youtube" data-line="1"/);
  });

  it("images: local ones marked with data-local-src (as written), remote and data:image kept", async () => {
    for (const platform of ["zenn", "qiita", "blog"] as const) {
      const html = await body("![a](./img/a.png)\n\n![b](/images/b.png)\n\n![c](https://example.com/c.png)\n\n![d](data:image/png;base64,iVBORw0KGgo=)\n", platform);
      assert.match(html, /<img src="\.\/img\/a\.png"[^>]* data-local-src="\.\/img\/a\.png"/, platform);
      assert.match(html, /<img src="\/images\/b\.png"[^>]* data-local-src="\/images\/b\.png"/, platform);
      assert.match(html, /<img src="https:\/\/example\.com\/c\.png"(?![^>]*data-local-src)[^>]*>/, platform);
      if (platform !== "zenn") assert.match(html, /<img src="data:image\/png;base64,iVBORw0KGgo="/, platform);
    }
  });
});

describe("render: header from the frontmatter, per platform", () => {
  const now = new Date("2026-11-22T00:00:00Z");
  const cases: { platform: RenderPlatform; text: string; expect: Record<string, unknown>; html: RegExp[] }[] = [
    {
      platform: "zenn",
      text: '---\ntitle: "Node.js のテスト"\nemoji: "🧪"\ntype: "tech"\ntopics: ["nodejs", "test"]\npublished: true\npublished_at: 2030-01-01 09:00\n---\n\n本文\n',
      expect: { title: "Node.js のテスト", titleLine: 1, emoji: "🧪", articleType: "tech", tags: ["nodejs", "test"], status: "scheduled", date: "2030-01-01 09:00", slug: "nodejs-test-runner", lines: [0, 7] },
      html: [/<div class="tsuzuri-header-emoji">🧪<\/div>/, /<h1 class="tsuzuri-header-title" data-line="1">Node.js のテスト<\/h1>/, /<li class="tsuzuri-tag">nodejs<\/li><li class="tsuzuri-tag">test<\/li>/, /tsuzuri-badge-scheduled">予約投稿</],
    },
    {
      platform: "qiita",
      text: "---\ntitle: 型ガード\ntags:\n  - TypeScript\n  - 型\nprivate: true\nupdated_at: '2024-01-31T09:00:00+09:00'\nid: 0123456789abcdef0123\norganization_url_name: null\nslide: false\nignorePublish: false\n---\n本文\n",
      expect: { title: "型ガード", tags: ["TypeScript", "型"], status: "private", updated: "2024-01-31T09:00:00+09:00" },
      html: [/tsuzuri-badge-private">限定共有</, /<li class="tsuzuri-tag">TypeScript<\/li>/],
    },
    {
      platform: "hatena",
      text: "---\nTitle: 週末のラーメン\nDate: 2024-01-31T09:00:00+09:00\nDraft: true\nCategory:\n- 食べ物\n- 日記\n---\n本文\n",
      expect: { title: "週末のラーメン", tags: ["食べ物", "日記"], status: "draft", date: "2024-01-31T09:00:00+09:00" },
      html: [/tsuzuri-badge-draft">下書き</, /<time class="tsuzuri-header-date">2024-01-31T09:00:00\+09:00<\/time>/],
    },
    {
      platform: "devto",
      text: "---\ntitle: Testing with node:test\npublished: false\ntags: javascript, node, testing\ncover_image: ./cover.png\n---\nBody\n",
      expect: { title: "Testing with node:test", tags: ["javascript", "node", "testing"], status: "draft", coverImage: "./cover.png" },
      html: [/<img class="tsuzuri-header-cover" src="\.\/cover\.png" alt="" data-local-src="\.\/cover\.png" \/>/],
    },
    {
      platform: "blog",
      text: '+++\ntitle = "Hugo の記事"\ndate = 2024-01-31\ntags = ["hugo"]\ndraft = false\n[cover]\nimage = "https://example.com/c.png"\n+++\n本文\n',
      expect: { frontmatter: "toml", title: "Hugo の記事", tags: ["hugo"], status: "published", coverImage: "https://example.com/c.png" },
      html: [/tsuzuri-badge-published">公開</],
    },
  ];
  for (const c of cases) {
    it(c.platform, async () => {
      const r = await renderPost(c.text, { platform: c.platform, locale: "ja", now, filePath: "/repo/articles/nodejs-test-runner.md" });
      for (const [key, value] of Object.entries(c.expect)) assert.deepEqual((r.header as unknown as Record<string, unknown>)[key], value, key);
      for (const re of c.html) assert.match(r.headerHtml, re);
      // The body never shows the frontmatter.
      assert.doesNotMatch(r.bodyHtml, /title|Title/);
      assert.ok(r.html.startsWith(r.headerHtml));
      assert.match(r.html, new RegExp(`<article class="${r.bodyClass}">`));
    });
  }

  it("shows the problems it is given, escaped, with their lines", async () => {
    const r = await renderPost("---\ntitle: x\n---\n", { platform: "zenn", problems: [{ message: "emoji <missing>", severity: "warning", line: 1 }, { message: "topics", severity: "error" }] });
    assert.match(r.headerHtml, /<ul class="tsuzuri-header-problems" aria-label="Frontmatter problems"><li class="tsuzuri-header-problem tsuzuri-header-problem-warning" data-line="1">emoji &lt;missing&gt;<\/li><li class="tsuzuri-header-problem tsuzuri-header-problem-error">topics<\/li><\/ul>/);
  });

  it("leaves hints out of the header (faint in the editor, no box above the post)", async () => {
    const r = await renderPost("---\ntitle: x\ntopics: [\"Obsidian\"]\n---\n", {
      platform: "zenn",
      problems: [{ message: "topic case", severity: "hint", line: 2 }, { message: "emoji missing", severity: "info", line: 1 }],
    });
    assert.doesNotMatch(r.headerHtml, /topic case/);
    assert.match(r.headerHtml, /tsuzuri-header-problem-info" data-line="1">emoji missing</);
  });

  it("a post without frontmatter, or with an unclosed one, renders all its lines", async () => {
    const none = await renderPost("# Title\n", { platform: "blog" });
    assert.equal(none.header.frontmatter, "none");
    assert.match(none.headerHtml, /tsuzuri-header-untitled/);
    const unclosed = await renderPost("---\ntitle: x\n\n本文\n", { platform: "qiita" });
    assert.match(unclosed.bodyHtml, /<hr data-line="0" \/>/);
  });
});

describe("render: data-line is the block's first line in the whole post", () => {
  const post = ["---", "title: x", "topics: [a]", "---", "", "# 見出し", "", "段落の", "続き", "", "- a", "  - b", "    - c", "- d", "", "| h | i |", "|---|---|", "| 1 | 2 |", "| 3 | 4 |", "", "> 引用", "", "```js", "code", "```", ""];

  for (const platform of ["zenn", "qiita", "hatena", "devto", "blog"] as const) {
    for (const eol of ["\n", "\r\n"]) {
      it(`${platform}, ${eol === "\n" ? "LF" : "CRLF"}`, async () => {
        const html = await body(post.join(eol), platform);
        assert.equal(lineOf(html, "h1"), 5);
        assert.equal(lineOf(html, "p"), 7);
        const items = lines(html).filter((l) => l.tag === "li").map((l) => l.line);
        assert.deepEqual(items, [10, 11, 12, 13]);
        assert.deepEqual(lines(html).filter((l) => l.tag === "ul").map((l) => l.line), [10, 11, 12]);
        assert.equal(lineOf(html, "table"), 15);
        assert.deepEqual(lines(html).filter((l) => l.tag === "tr").map((l) => l.line), [15, 17, 18]);
        assert.equal(lineOf(html, "blockquote"), 20);
        // The code block: Zenn's wrapper, Qiita's frame, a plain <pre> elsewhere.
        const code = lines(html).find((l) => l.line === 22);
        assert.ok(code, `a block at line 22 in ${html}`);
        // Every line points at a non-blank line of the post, never into the frontmatter.
        for (const l of lines(html)) {
          assert.ok(l.line >= 4 && (post[l.line] ?? "").trim() !== "", `${l.tag} → ${l.line}`);
        }
      });
    }
  }

  it("Zenn: containers, embeds, math and code wrappers get their lines too (BOM, CRLF)", async () => {
    const text = "\uFEFF---\r\ntitle: x\r\n---\r\n\r\n:::message\r\nm\r\n:::\r\n\r\n:::details d\r\ninner\r\n:::\r\n\r\n@[card](https://example.com)\r\n\r\n$$\r\nx\r\n$$\r\n\r\n```ts:a.ts\r\nlet a\r\n```\r\n";
    const html = await body(text, "zenn");
    assert.equal(lineOf(html, "aside", "msg"), 4);
    assert.equal(lineOf(html, "p"), 5);
    assert.equal(lineOf(html, "details"), 8);
    assert.equal(lineOf(html, "span", "tsuzuri-embed"), 12);
    assert.equal(lineOf(html, "section", "zenn-katex"), 14);
    assert.equal(lineOf(html, "div", "code-block-container"), 18);
  });

  it("Zenn: the marker pass keeps Zenn's output; unbalanced $$ falls back to Zenn's own lines", async () => {
    const ok = await renderZenn("a\n\n:::message\nb\n:::\n");
    assert.equal(ok.lines, "blocks");
    const odd = await renderZenn(":::message\n$$\n(1)\n:::\ntext\n\n$$\n");
    assert.equal(odd.lines, "zenn");
    assert.equal(normalise(odd.html), asDocumented(await zennMarkdownToHtml(":::message\n$$\n(1)\n:::\ntext\n\n$$\n")));
  });

  it("the frontmatter's lines are blanked, not removed (TOML too)", () => {
    const p = preparePost("+++\r\ntitle = 'x'\r\n+++\r\nbody");
    assert.equal(p.body, "\n\n\nbody");
    assert.deepEqual(p.frontmatterLines, [0, 2]);
  });
});

describe("render: time for a 20k-character post (printed, not asserted)", () => {
  it("measures each platform", async () => {
    const parts = ['---\ntitle: "長い記事"\nemoji: "📝"\ntype: "tech"\ntopics: ["a"]\npublished: true\n---\n'];
    for (let i = 1; parts.join("").length < 20_000; i++) {
      parts.push(`## 見出し${i}\n\n本文の段落です。**強調**と \`code\` と [リンク](https://example.com/${i})、数式 $x_${i}^2$。\n\n- 項目\n  - 入れ子\n\n\`\`\`ts:f${i}.ts\nconst x${i}: number = ${i};\n\`\`\`\n\n:::message\n注意${i}\n:::\n\n| a | b |\n|---|---|\n| ${i} | ${i * 2} |\n\n`);
    }
    const text = parts.join("");
    for (const platform of ["zenn", "qiita", "hatena", "devto", "blog"] as const) {
      const times: number[] = [];
      for (let k = 0; k < 5; k++) times.push((await renderPost(text, { platform })).elapsedMs);
      const sorted = [...times].sort((a, b) => a - b);
      console.log(`render ${platform} ${text.length} chars: first ${times[0]?.toFixed(0)} ms, median ${sorted[2]?.toFixed(0)} ms, min ${sorted[0]?.toFixed(0)} ms`);
    }
  });
});
