/**
 * Zenn Books checked as zenn-cli checks them (issue 16): config.yaml (slug, title, summary, topics,
 * published, price, cover, chapters) and the chapters (slug, title, free, listed or not). Each test
 * writes its own Zenn repository into a temp folder; the cover is a PNG header of a chosen size.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FrontmatterService, nodeLayoutProbe } from "../../server/src/frontmatterService";
import { isZennBookConfig, isZennChapter } from "../../server/src/core/frontmatter/checks/zennBook";
import { applyEdits } from "../../server/src/core/fixes/textEdits";
import { settingDefaults } from "../../server/src/core/settings";
import type { FrontmatterProblem } from "../../server/src/core/frontmatter/types";

/** A PNG's signature and IHDR: enough for image-size to read width and height. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write("IHDR", 4, "latin1");
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.writeUInt8(8, 16);
  ihdr.writeUInt8(6, 17);
  return Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), ihdr]);
}

const GOOD_CONFIG = [
  'title: "実践 textlint 入門"',
  'summary: "日本語の技術文書を textlint で整える本です。"',
  'topics: ["textlint", "markdown"]',
  "published: true",
  "price: 500 # 有料",
  "chapters:",
  "  - intro",
  "  - setup",
  "",
].join("\n");

let repo: string;
let book: string;
const service = new FrontmatterService(nodeLayoutProbe);
const settings = settingDefaults;
const NOW = new Date("2026-12-05T00:00:00Z");

before(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-book-"));
  fs.mkdirSync(path.join(repo, "articles"));
  book = path.join(repo, "books", "practical-textlint");
  fs.mkdirSync(book, { recursive: true });
  fs.writeFileSync(path.join(book, "config.yaml"), GOOD_CONFIG);
  fs.writeFileSync(path.join(book, "cover.png"), pngHeader(500, 700));
  fs.writeFileSync(path.join(book, "intro.md"), '---\ntitle: "はじめに"\nfree: true\n---\n本書の目的です。\n');
  fs.writeFileSync(path.join(book, "setup.md"), '---\ntitle: "セットアップ"\n---\n- [公式](https://textlint.github.io/)\n');
});
after(() => fs.rmSync(repo, { recursive: true, force: true }));

const configProblems = (text: string, dir = book) => service.check(text, path.join(dir, "config.yaml"), repo, settings, NOW)?.problems ?? [];
const named = (problems: FrontmatterProblem[]) => problems.map((p) => `${p.ruleId.replace("frontmatter/", "")} ${p.severity}`);

describe("which files are a book's", () => {
  it("config.yaml/config.yml under books/<slug>/, chapters beside them", () => {
    assert.ok(isZennBookConfig("/r/books/my-book/config.yaml"));
    assert.ok(isZennBookConfig("C:\\r\\books\\my-book\\config.yml"));
    assert.ok(!isZennBookConfig("/r/books/config.yaml"));
    assert.ok(!isZennBookConfig("/r/books/a/b/config.yaml"));
    assert.ok(isZennChapter("/r/books/my-book/1.intro.md"));
    assert.ok(!isZennChapter("/r/articles/post.md"));
  });
});

describe("config.yaml, as zenn-model validateBook checks it", () => {
  it("a complete book passes", () => {
    assert.deepEqual(named(configProblems(GOOD_CONFIG)), []);
  });

  it("missing summary, a quoted price, too many topics, published quoted, .md in chapters, a chapter without a file", () => {
    const text = ['title: "本"', "topics: [a, b, c, d, e, f]", 'published: "true"', 'price: "500"', "chapters:", "  - intro.md", "  - missing", ""].join("\n");
    assert.deepEqual(named(configProblems(text)), [
      "zenn-book-summary error",
      "zenn-topics-count error",
      "zenn-published error",
      "zenn-book-price error",
      "zenn-book-chapters error",
      "zenn-book-chapter-file info",
    ]);
    const quoted = configProblems(text).find((p) => p.ruleId === "frontmatter/zenn-published");
    const fixed = applyEdits(text, quoted!.fixes![0]!.edits);
    assert.match(fixed, /^published: true$/m, "the fix unquotes the value in config.yaml");
  });

  it("price: free, 200–5000, steps of 100", () => {
    const withPrice = (price: string) => named(configProblems(GOOD_CONFIG.replace("price: 500 # 有料", `price: ${price}`)));
    assert.deepEqual(withPrice("0"), []);
    assert.deepEqual(withPrice("5000"), []);
    assert.deepEqual(withPrice("100"), ["zenn-book-price error"]);
    assert.deepEqual(withPrice("5100"), ["zenn-book-price error"]);
    assert.deepEqual(withPrice("250"), ["zenn-book-price error"]);
  });

  it("the folder name is the slug; missing keys are reported on the first line with a fix that adds them", () => {
    const short = path.join(repo, "books", "short");
    fs.mkdirSync(short, { recursive: true });
    fs.writeFileSync(path.join(short, "cover.jpg"), pngHeader(500, 700));
    const problems = configProblems("title: t\nsummary: s\ntopics: [a]\n", short);
    assert.deepEqual(named(problems), ["zenn-slug error", "zenn-published error", "zenn-book-price error"]);
    const added = applyEdits("title: t\nsummary: s\ntopics: [a]\n", problems[2]!.fixes![0]!.edits);
    assert.equal(added, "title: t\nsummary: s\ntopics: [a]\nprice: 0\n");
  });

  it("the cover: missing (warning), over 1 MB (error), not 1 : 1.4 (warning)", () => {
    const dir = path.join(repo, "books", "cover-checks-book");
    fs.mkdirSync(dir, { recursive: true });
    assert.deepEqual(named(configProblems(GOOD_CONFIG.replace(/chapters:[\s\S]*/, ""), dir)), ["zenn-book-cover warning"]);
    fs.writeFileSync(path.join(dir, "cover.png"), pngHeader(600, 600));
    const square = configProblems(GOOD_CONFIG.replace(/chapters:[\s\S]*/, ""), dir);
    assert.deepEqual(named(square), ["zenn-book-cover-ratio warning"]);
    assert.match(square[0]!.message.ja, /1 : 1/);
    fs.writeFileSync(path.join(dir, "cover.jpg"), Buffer.concat([pngHeader(500, 700), Buffer.alloc(1024 * 1024)]));
    assert.deepEqual(named(configProblems(GOOD_CONFIG.replace(/chapters:[\s\S]*/, ""), dir)), ["zenn-book-cover-size error"], "cover.jpg comes first, as in zenn-cli");
  });

  it("broken YAML is a syntax error at its place, nothing more", () => {
    const text = 'title: "本\nsummary: s\n';
    const problems = configProblems(text);
    assert.deepEqual(named(problems).every((n) => n.startsWith("yaml-syntax")), true);
    assert.ok(problems.length > 0);
  });

  it("not a Zenn repository: a books/x/config.yaml is left alone", () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-notzenn-"));
    try {
      const dir = path.join(other, "books", "some-book-folder");
      fs.mkdirSync(dir, { recursive: true });
      assert.equal(service.check("title: x\n", path.join(dir, "config.yaml"), other, settings, NOW), undefined);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

describe("chapters, as zenn-model validateBookChapter checks them", () => {
  const chapter = (name: string, text: string, dir = book) => service.check(text, path.join(dir, name), repo, settings, NOW);

  it("a chapter is Zenn (from its book's config.yaml) and gets chapter rules, not article rules", () => {
    const result = chapter("intro.md", '---\ntitle: "はじめに"\nfree: true\n---\n本文。\n');
    assert.equal(result?.detection.platform, "zenn");
    assert.deepEqual(named(result?.problems ?? []), []);
  });

  it("free must be a boolean; the title is required; a chapter config.yaml does not list is left out", () => {
    const result = chapter("appendix.md", '---\nfree: "yes"\n---\n:::message\n付録です\n:::\n');
    assert.deepEqual(named(result?.problems ?? []), ["zenn-title error", "zenn-chapter-free error", "zenn-chapter-unlisted info"]);
  });

  it("without chapters in config.yaml, file names order the chapters: n.slug.md", () => {
    const dir = path.join(repo, "books", "numbered-chapters");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "config.yaml"), GOOD_CONFIG.replace(/chapters:[\s\S]*/, ""));
    assert.deepEqual(named(chapter("1.intro.md", '---\ntitle: "一"\n---\n', dir)?.problems ?? []), []);
    assert.deepEqual(named(chapter("intro.md", '---\ntitle: "一"\n---\n', dir)?.problems ?? []), ["zenn-chapter-unlisted info"]);
    assert.deepEqual(named(chapter("1.Intro_Chapter.md", '---\ntitle: "一"\n---\n', dir)?.problems ?? []), ["zenn-chapter-slug error"]);
  });
});
