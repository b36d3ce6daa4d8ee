/** New Post core: detection from a folder's layout, paths, names, and the text each platform's tool writes. */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import {
  asciiSlug,
  detectPlatform,
  isValidZennSlug,
  NEW_POST_PLATFORMS,
  NewPostError,
  planNewPost,
  randomSlug,
  rfc3339,
  titleProblem,
  ZENN_EMOJI,
  type NewPostPlatform,
  type NewPostRequest,
} from "../../server/src/core/frontmatter/newPost";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";

// 2024-05-06 07:08:09 in Tokyo (UTC+9).
const NOW = new Date("2024-05-05T22:08:09Z");
const JST = 540;
/** Bytes 0x00, 0x11, 0x22, ...: the slug is 00112233445566, the emoji the first of the list. */
const counting = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 0x11) & 0xff);
const none = (): boolean => false;

function request(platform: NewPostPlatform, title: string, extra: Partial<NewPostRequest> = {}): NewPostRequest {
  return { platform, title, now: NOW, utcOffsetMinutes: JST, randomBytes: counting, exists: none, ...extra };
}

/** The frontmatter of a post as YAML 1.2 data (as Zenn reads it: dates stay strings). */
function frontmatter(text: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(m?.[1] !== undefined, `no frontmatter in ${JSON.stringify(text)}`);
  const doc = YAML.parseDocument(m[1]);
  assert.deepEqual(doc.errors, []);
  return doc.toJS() as Record<string, unknown>;
}

/** A probe over a set of existing paths (files and the folders above them). */
function existing(...paths: string[]): (p: string) => boolean {
  const all = new Set<string>();
  for (const p of paths) {
    const parts = p.split("/");
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join("/"));
  }
  return (p) => all.has(p);
}

describe("planNewPost: paths and text per platform", () => {
  it("Zenn: articles/<14 hex>.md with zenn new:article's frontmatter", async () => {
    const plan = await planNewPost(request("zenn", "  Rust で \"Hello\" と書く  "));
    assert.equal(plan.relPath, "articles/00112233445566.md");
    assert.equal(
      plan.text,
      [
        "---",
        'title: "Rust で \\"Hello\\" と書く"',
        `emoji: "${ZENN_EMOJI[0]}"`,
        'type: "tech" # tech: 技術記事 / idea: アイデア',
        "topics: []",
        "published: false",
        "---",
        "",
        "",
      ].join("\n"),
    );
    const data = frontmatter(plan.text);
    assert.deepEqual(data, { title: 'Rust で "Hello" と書く', emoji: ZENN_EMOJI[0], type: "tech", topics: [], published: false });
    assert.equal(data["published"], false, "published is the boolean false, not a string");
    assert.deepEqual(plan.cursor, { line: 8, character: 0 }, "the cursor goes after the empty line below the frontmatter");
    assert.equal(plan.text.split("\n")[plan.cursor.line], "");
  });

  it("Zenn: the writer's slug, validated and never an existing file", async () => {
    assert.equal((await planNewPost(request("zenn", "タイトル", { slug: "my-first-post" }))).relPath, "articles/my-first-post.md");
    await assert.rejects(planNewPost(request("zenn", "タイトル", { slug: "Short" })), (e: unknown) => e instanceof NewPostError && e.code === "invalidSlug");
    await assert.rejects(
      planNewPost(request("zenn", "タイトル", { slug: "my-first-post", exists: existing("articles/my-first-post.md") })),
      (e: unknown) => e instanceof NewPostError && e.code === "slugTaken",
    );
  });

  it("Zenn: a random slug that exists is drawn again", async () => {
    const draws = ["aaaaaaaaaaaaaa", "bbbbbbbbbbbbbb"];
    let call = 0;
    const random = (n: number): Uint8Array => {
      if (n === 7) return Uint8Array.from(Buffer.from(draws[Math.min(call++, 1)] ?? "", "hex"));
      return new Uint8Array(n);
    };
    const plan = await planNewPost(request("zenn", "タイトル", { randomBytes: random, exists: existing("articles/aaaaaaaaaaaaaa.md") }));
    assert.equal(plan.relPath, "articles/bbbbbbbbbbbbbb.md");
  });

  it("Qiita: public/<name>.md with qiita new's frontmatter", async () => {
    const plan = await planNewPost(request("qiita", "Hello, VS Code!"));
    assert.equal(plan.relPath, "public/hello-vs-code.md");
    assert.equal(
      plan.text,
      [
        "---",
        "title: Hello, VS Code!",
        "tags:",
        "  - ''",
        "private: false",
        "updated_at: ''",
        "id: null",
        "organization_url_name: null",
        "slide: false",
        "ignorePublish: false",
        "---",
        "",
        "",
      ].join("\n"),
    );
    assert.deepEqual(frontmatter(plan.text), {
      title: "Hello, VS Code!",
      tags: [""],
      private: false,
      updated_at: "",
      id: null,
      organization_url_name: null,
      slide: false,
      ignorePublish: false,
    });
  });

  it("Qiita: a Japanese title gets a random name; a taken name gets a number", async () => {
    assert.equal((await planNewPost(request("qiita", "型パズル入門"))).relPath, "public/00112233445566.md");
    const taken = existing("public/hello.md", "public/hello-2.md");
    assert.equal((await planNewPost(request("qiita", "Hello", { exists: taken }))).relPath, "public/hello-3.md");
    // A title YAML would misread is quoted.
    assert.equal(frontmatter((await planNewPost(request("qiita", "true"))).text)["title"], "true");
    assert.equal(frontmatter((await planNewPost(request("qiita", "- a: b #c"))).text)["title"], "- a: b #c");
  });

  it("Hatena Blog (blogsync): entry/YYYY/MM/DD/HHMMSS.md, Title/Date/Draft/Category, Date RFC 3339 with the offset", async () => {
    const plan = await planNewPost(request("hatena", "はてなで書く"));
    assert.equal(plan.relPath, "entry/2024/05/06/070809.md");
    assert.equal(plan.text, ["---", "Title: はてなで書く", "Date: 2024-05-06T07:08:09+09:00", "Draft: true", "Category: []", "---", "", ""].join("\n"));
    const data = frontmatter(plan.text);
    assert.deepEqual(Object.keys(data), ["Title", "Date", "Draft", "Category"], "blogsync's keys, in their exact case");
    assert.match(String(data["Date"]), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    assert.equal(Date.parse(String(data["Date"])), NOW.getTime(), "the date is the same instant");
    assert.equal(data["Draft"], true);
    assert.deepEqual(data["Category"], []);
    const again = await planNewPost(request("hatena", "x", { exists: existing(plan.relPath) }));
    assert.equal(again.relPath, "entry/2024/05/06/070809-2.md");
  });

  it("dev.to: posts/<slug>.md, unpublished, optional keys commented out", async () => {
    const plan = await planNewPost(request("devto", "Writing for dev.to"));
    assert.equal(plan.relPath, "posts/writing-for-dev-to.md");
    assert.deepEqual(frontmatter(plan.text), { title: "Writing for dev.to", published: false, description: "", tags: "" });
    assert.match(plan.text, /^# canonical_url: /m);
    assert.match(plan.text, /^# cover_image: /m);
  });

  it("static-site blog: content/posts (Hugo), src/content/blog (Astro), else posts", async () => {
    assert.equal((await planNewPost(request("blog", "Hello Hugo", { exists: existing("content/about.md") }))).relPath, "content/posts/hello-hugo.md");
    assert.equal((await planNewPost(request("blog", "Hello Astro", { exists: existing("src/content/blog/first.md") }))).relPath, "src/content/blog/hello-astro.md");
    const plan = await planNewPost(request("blog", "Hello"));
    assert.equal(plan.relPath, "posts/hello.md");
    const data = frontmatter(plan.text);
    assert.deepEqual(data, { title: "Hello", date: "2024-05-06T07:08:09+09:00", description: "", tags: [], draft: true });
  });

  it("every platform's text is frontmatter, an empty line and the empty body line, and parses as YAML", async () => {
    for (const platform of NEW_POST_PLATFORMS) {
      const plan = await planNewPost(request(platform, "Title: with a colon"));
      assert.ok(plan.text.endsWith("\n---\n\n"), platform);
      assert.equal(plan.cursor.line, plan.text.split("\n").length - 1, platform);
      const data = frontmatter(plan.text);
      assert.equal(data["title"] ?? data["Title"], "Title: with a colon", platform);
    }
  });

  it("refuses an empty title and a Zenn title over 70 characters", async () => {
    assert.deepEqual(titleProblem("blog", "   "), { kind: "empty" });
    assert.equal(titleProblem("zenn", "あ".repeat(70)), undefined);
    assert.deepEqual(titleProblem("zenn", "あ".repeat(71)), { kind: "tooLong", max: 70, length: 71 });
    assert.equal(titleProblem("qiita", "あ".repeat(71)), undefined);
    assert.deepEqual(titleProblem("devto", "a".repeat(129)), { kind: "tooLong", max: 128, length: 129 });
    await assert.rejects(planNewPost(request("zenn", "")), (e: unknown) => e instanceof NewPostError && e.code === "invalidTitle");
  });
});

describe("slugs and names", () => {
  it("validates Zenn slugs as zenn-cli does", () => {
    for (const ok of ["00112233445566", "my-first-post", "a_b_c_d_e_f_g", "a".repeat(50)]) assert.ok(isValidZennSlug(ok), ok);
    for (const bad of ["short", "a".repeat(51), "My-First-Post", "my first post", "記事のスラッグです記事のスラッグ", "my.first.post", ""]) {
      assert.ok(!isValidZennSlug(bad), bad);
    }
  });

  it("a random slug is 14 hex characters from 7 bytes", () => {
    assert.equal(randomSlug(counting), "00112233445566");
    assert.equal(randomSlug(() => Uint8Array.from([255, 1, 2, 3, 4, 5, 6])), "ff010203040506");
    assert.ok(isValidZennSlug(randomSlug(counting)));
  });

  it("ASCII names only from Latin titles", () => {
    assert.equal(asciiSlug("Hello, VS Code!"), "hello-vs-code");
    assert.equal(asciiSlug("Ｆｕｌｌ－ｗｉｄｔｈ ＴｙｐｅＳｃｒｉｐｔ"), "full-width-typescript");
    assert.equal(asciiSlug("Café crème"), "cafe-creme");
    assert.equal(asciiSlug("TypeScript の型パズル"), "", "a Japanese title is not named after its English words");
    assert.equal(asciiSlug("!!!"), "");
    const long = asciiSlug("word ".repeat(30));
    assert.ok(long.length <= 50 && !long.endsWith("-"), long);
  });

  it("RFC 3339 with the offset, negative and zero too", () => {
    assert.equal(rfc3339(NOW, 540), "2024-05-06T07:08:09+09:00");
    assert.equal(rfc3339(NOW, -330), "2024-05-05T16:38:09-05:30");
    assert.equal(rfc3339(NOW, 0), "2024-05-05T22:08:09+00:00");
  });
});

describe("detectPlatform on folder layouts", () => {
  const probeOf = (dir: string) => ({
    exists: (p: string) => fs.existsSync(path.join(dir, p)),
    readText: (p: string) => (fs.existsSync(path.join(dir, p)) ? fs.readFileSync(path.join(dir, p), "utf8") : undefined),
  });
  const cases: [string, Record<string, string>, NewPostPlatform][] = [
    ["articles/ folder", { "articles/first-article-x.md": "---\n---\n" }, "zenn"],
    ["zenn-cli in package.json", { "package.json": JSON.stringify({ devDependencies: { "zenn-cli": "^0.1.150" } }) }, "zenn"],
    ["zenn-cli in a package.json being edited", { "package.json": '{ "dependencies": { "zenn-cli": "latest", }' }, "zenn"],
    ["public/ and qiita.config.json", { "public/.remote/x.md": "", "qiita.config.json": "{}" }, "qiita"],
    ["public/ alone (a static site)", { "public/index.html": "" }, "blog"],
    ["blogsync.yaml", { "blogsync.yaml": "example.hatenablog.com:\n  username: me\n" }, "hatena"],
    ["a Hugo site", { "content/posts/a.md": "", "package.json": JSON.stringify({ dependencies: { hugo: "1" } }) }, "blog"],
    ["an empty folder", {}, "blog"],
  ];
  for (const [name, files, expected] of cases) {
    it(`${name} → ${expected}`, async () => {
      const dir = makeWorkspace(files);
      try {
        assert.equal(await detectPlatform(probeOf(dir)), expected);
      } finally {
        removeWorkspace(dir);
      }
    });
  }

  it("plans against a real folder without touching existing posts", async () => {
    const dir = makeWorkspace({ "content/posts/hello.md": "keep me" });
    try {
      const plan = await planNewPost(request("blog", "Hello", { exists: (p) => fs.existsSync(path.join(dir, p)) }));
      assert.equal(plan.relPath, "content/posts/hello-2.md");
      assert.equal(fs.readFileSync(path.join(dir, "content/posts/hello.md"), "utf8"), "keep me");
    } finally {
      removeWorkspace(dir);
    }
  });
});
