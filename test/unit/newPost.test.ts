/**
 * New Post core: detection from a folder's layout, paths, names, the text each platform's tool
 * writes, the topics/tags prompt's rules, and — the point of it all — that a post New Post creates
 * passes Tsuzuri's own frontmatter checks with no problem at all.
 */
import { after, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import fc from "fast-check";
import {
  asciiSlug,
  detectPlatform,
  isValidZennSlug,
  NEW_POST_PLATFORMS,
  NewPostError,
  normaliseTopics,
  parseTopics,
  planNewPost,
  randomSlug,
  rfc3339,
  titleProblem,
  TOPIC_RULES,
  topicsProblem,
  ZENN_EMOJI,
  type NewPostPlatform,
  type NewPostRequest,
} from "../../server/src/core/frontmatter/newPost";
import { checkFrontmatter } from "../../server/src/core/frontmatter/check";
import { defaultFrontmatterOptions } from "../../server/src/core/frontmatter/checks/common";
import type { PlatformId } from "../../server/src/core/frontmatter/types";
import { nodeLayoutProbe } from "../../server/src/frontmatterService";
import { makeWorkspace, removeWorkspace, repoRoot } from "../helpers/workspace";

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

describe("topics and tags: the prompt's rules", () => {
  it("parses a comma-separated line (, 、 ，), trims, drops empty and repeated entries", () => {
    assert.deepEqual(parseTopics("qiita", " TypeScript , VSCode、型，, TypeScript "), ["TypeScript", "VSCode", "型"]);
    assert.deepEqual(parseTopics("blog", ""), []);
    assert.deepEqual(parseTopics("blog", " , 、 "), []);
    assert.deepEqual(parseTopics("hatena", "日記, 旅行"), ["日記", "旅行"]);
  });

  it("Zenn: lowercases what the writer types (full-width letters too) before checking", () => {
    assert.deepEqual(parseTopics("zenn", "TypeScript, ＶＳＣｏｄｅ、個人開発, typescript"), ["typescript", "vscode", "個人開発"]);
    assert.equal(topicsProblem("zenn", parseTopics("zenn", "TypeScript, ＶＳＣｏｄｅ、個人開発")), undefined);
    assert.deepEqual(normaliseTopics("qiita", ["TypeScript"]), ["TypeScript"], "Qiita keeps the case (its tags are case-insensitive but shown as written)");
  });

  it("Zenn: 1 to 5 topics of at most 18 characters, a-z 0-9 and non-ASCII letters only", () => {
    assert.deepEqual(topicsProblem("zenn", []), { kind: "tooFew", min: 1 });
    assert.deepEqual(topicsProblem("zenn", ["a", "b", "c", "d", "e", "f"]), { kind: "tooMany", max: 5, count: 6 });
    assert.equal(topicsProblem("zenn", ["a", "b", "c", "d", "e"]), undefined);
    assert.equal(topicsProblem("zenn", ["a".repeat(18)]), undefined);
    assert.deepEqual(topicsProblem("zenn", ["a".repeat(19)]), { kind: "tooLong", topic: "a".repeat(19), max: 18 });
    for (const bad of ["c++", "node.js", "vs code", "next-js", "a_b", "c#", "🚀"]) assert.deepEqual(topicsProblem("zenn", [bad]), { kind: "characters", topic: bad }, bad);
    for (const good of ["nodejs", "typescript", "個人開発", "アドベントカレンダー", "python3", "äöü"]) assert.equal(topicsProblem("zenn", [good]), undefined, good);
  });

  it("Qiita 1–5, dev.to at most 4, blog and Hatena Blog any number (or none)", () => {
    assert.deepEqual(topicsProblem("qiita", []), { kind: "tooFew", min: 1 });
    assert.deepEqual(topicsProblem("qiita", ["1", "2", "3", "4", "5", "6"]), { kind: "tooMany", max: 5, count: 6 });
    assert.equal(topicsProblem("qiita", ["C++", "Node.js"]), undefined, "Qiita tags may have symbols");
    assert.equal(topicsProblem("devto", []), undefined);
    assert.deepEqual(topicsProblem("devto", ["a", "b", "c", "d", "e"]), { kind: "tooMany", max: 4, count: 5 });
    const many = Array.from({ length: 12 }, (_, i) => `tag${i}`);
    for (const platform of ["blog", "hatena"] as const) {
      assert.equal(topicsProblem(platform, []), undefined, platform);
      assert.equal(topicsProblem(platform, many), undefined, platform);
    }
    assert.deepEqual(
      NEW_POST_PLATFORMS.map((p) => [p, TOPIC_RULES[p].key]),
      [["zenn", "topics"], ["qiita", "tags"], ["hatena", "Category"], ["devto", "tags"], ["blog", "tags"]],
    );
  });

  it("planNewPost refuses topics the platform rejects", async () => {
    await assert.rejects(planNewPost(request("zenn", "タイトル", { topics: [] })), (e: unknown) => e instanceof NewPostError && e.code === "invalidTopics");
    await assert.rejects(planNewPost(request("zenn", "タイトル", { topics: ["c++"] })), (e: unknown) => e instanceof NewPostError && e.code === "invalidTopics");
    await assert.rejects(planNewPost(request("qiita", "タイトル", { topics: [" "] })), (e: unknown) => e instanceof NewPostError && e.code === "invalidTopics");
    await assert.rejects(planNewPost(request("devto", "Title", { topics: ["a", "b", "c", "d", "e"] })), (e: unknown) => e instanceof NewPostError && e.code === "invalidTopics");
  });

  it("writes them in each tool's style", async () => {
    const text = async (platform: NewPostPlatform, topics: string[]) => (await planNewPost(request(platform, "Title", { topics }))).text;
    assert.match(await text("zenn", ["TypeScript", "個人開発"]), /^topics: \["typescript", "個人開発"\]$/m);
    assert.match(await text("qiita", ["TypeScript", "C++"]), /^tags:\n {2}- TypeScript\n {2}- C\+\+\nprivate: false$/m);
    assert.match(await text("hatena", ["日記", "true"]), /^Category:\n- 日記\n- 'true'\nDraft|^Category:\n- 日記\n- 'true'$/m);
    assert.match(await text("hatena", []), /^Category: \[\]$/m);
    assert.match(await text("devto", ["javascript", "webdev"]), /^tags: javascript, webdev$/m);
    assert.match(await text("devto", []), /^tags: ''$/m);
    assert.match(await text("blog", ["日記", "a]b"]), /^tags: \[日記, 'a\]b'\]$/m);
    assert.match(await text("blog", []), /^tags: \[\]$/m);
    assert.deepEqual(frontmatter(await text("qiita", ["TypeScript", "C++"]))["tags"], ["TypeScript", "C++"]);
    assert.deepEqual(frontmatter(await text("hatena", ["日記", "true"]))["Category"], ["日記", "true"]);
    assert.deepEqual(frontmatter(await text("blog", ["日記", "a]b", "x: y"]))["tags"], ["日記", "a]b", "x: y"]);
  });
});

describe("a new post passes Tsuzuri's frontmatter checks", () => {
  /** The layout New Post is used in, per platform: Zenn is the e2e fixture folder (zenn-cli in package.json). */
  const LAYOUTS: Record<NewPostPlatform, Record<string, string> | string> = {
    zenn: path.join(repoRoot, "test", "fixtures", "e2e-workspace", "zenn"),
    qiita: { "qiita.config.json": "{}", "public/.remote/.gitkeep": "" },
    hatena: { "blogsync.yaml": "example.hatenablog.com:\n  username: me\n" },
    devto: { "posts/.gitkeep": "" },
    blog: { "hugo.toml": "title = 'blog'\n", "content/about.md": "---\ntitle: About\n---\n" },
  };
  /**
   * What the checker finds with the setting "auto". dev.to has no layout of its own, and New Post
   * comments out canonical_url/cover_image, the keys that would say dev.to: its keys read as a blog.
   */
  const AUTO: Record<NewPostPlatform, [PlatformId, string]> = { zenn: ["zenn", "layout"], qiita: ["qiita", "layout"], hatena: ["hatena", "layout"], devto: ["blog", "keys"], blog: ["blog", "layout"] };
  const TOPICS: Record<NewPostPlatform, string> = {
    zenn: "TypeScript, ＶＳＣｏｄｅ、個人開発",
    qiita: "TypeScript, C++, Node.js",
    hatena: "日記, プログラミング",
    devto: "javascript, webdev, beginners, tutorial",
    blog: "日記, tech",
  };
  const roots = new Map<NewPostPlatform, string>();
  const temporary: string[] = [];
  const rootOf = (platform: NewPostPlatform): string => {
    let root = roots.get(platform);
    if (!root) {
      const layout = LAYOUTS[platform];
      if (typeof layout === "string") root = layout;
      else temporary.push((root = makeWorkspace(layout)));
      roots.set(platform, root);
    }
    return root;
  };
  after(() => temporary.forEach(removeWorkspace));

  /** Plans a post in the platform's folder (probing the real folder) and checks its text where it would be written. */
  async function planned(platform: NewPostPlatform, title: string, topics: string[] | undefined, setting: "auto" | PlatformId) {
    const root = rootOf(platform);
    const plan = await planNewPost(request(platform, title, { exists: (p) => fs.existsSync(path.join(root, p)), ...(topics ? { topics } : {}) }));
    const filePath = path.join(root, ...plan.relPath.split("/"));
    assert.ok(!fs.existsSync(filePath), `${plan.relPath} is a new file`);
    const result = checkFrontmatter(plan.text, { filePath, root, setting, options: defaultFrontmatterOptions, now: NOW, probe: nodeLayoutProbe });
    const problems = result.problems.map((p) => `${p.ruleId} (${p.severity}): ${plan.text.slice(...p.range)} — ${p.message.en}`);
    return { plan, result, problems };
  }

  for (const platform of NEW_POST_PLATFORMS) {
    for (const setting of ["auto", platform] as const) {
      it(`${platform}, setting ${setting}: the prompt's topics give a post with zero problems`, async () => {
        for (const title of ["Tsuzuri で記事を書く", "Hello, VS Code!"]) {
          const { result, problems } = await planned(platform, title, parseTopics(platform, TOPICS[platform]), setting);
          const expected = setting === "auto" ? AUTO[platform] : [platform, "setting"];
          assert.deepEqual([result.detection.platform, result.detection.source], expected, result.detection.reason.en);
          assert.ok(result.frontmatter, "the frontmatter parses");
          assert.deepEqual(problems, [], `${platform} post "${title}"`);
        }
      });
    }
  }

  it("blog, Hatena Blog and dev.to are clean without any tag too", async () => {
    for (const platform of ["blog", "hatena", "devto"] as const) {
      for (const setting of ["auto", platform] as const) assert.deepEqual((await planned(platform, "タグなし", [], setting)).problems, [], `${platform} ${setting}`);
    }
  });

  it("the tools' empty templates are not clean: Zenn's topics: [] and Qiita's tags: [''] are flagged (what the prompt prevents)", async () => {
    const zenn = await planned("zenn", "タイトル", undefined, "auto");
    assert.match(zenn.plan.text, /^topics: \[\]$/m);
    assert.deepEqual(zenn.result.problems.map((p) => p.ruleId), ["frontmatter/zenn-topics"]);
    const qiita = await planned("qiita", "タイトル", undefined, "auto");
    assert.match(qiita.plan.text, /^tags:\n {2}- ''$/m);
    assert.deepEqual(qiita.result.problems.map((p) => [p.ruleId, p.severity]), [["frontmatter/qiita-tags", "error"]]);
  });

  it("any topics the prompt accepts give a clean post on every platform (property)", async () => {
    const piece = fc.constantFrom("typescript", "TypeScript", "vscode", "ＶＳＣｏｄｅ", "個人開発", "日記", "c++", "node.js", "vs code", "a".repeat(18), "b".repeat(19), "true", "null", "a]b", "x: y", "#tag", "'q'", '"dq"', "-", "カメラ", "ｶﾒﾗ", "python3", " ");
    const line = fc.array(piece, { maxLength: 7 }).chain((ps) => fc.constantFrom(", ", "、", ",").map((sep) => ps.join(sep)));
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NEW_POST_PLATFORMS), line, async (platform, input) => {
        const topics = parseTopics(platform, input);
        if (topicsProblem(platform, topics) !== undefined) return;
        accepted++;
        const { result, problems } = await planned(platform, "タイトル", topics, platform);
        assert.deepEqual(problems, [], `${platform} ${JSON.stringify(input)}`);
        const data = result.frontmatter?.data ?? {};
        const written = data[TOPIC_RULES[platform].key];
        const list = typeof written === "string" ? written.split(",").map((t) => t.trim()).filter((t) => t !== "") : written;
        assert.deepEqual(list, topics, `${platform} ${JSON.stringify(input)}: the topics read back as typed`);
      }),
      { numRuns: 300, seed: 20240506 },
    );
    assert.ok(accepted > 50, `enough accepted inputs were tried (${accepted})`);
  });
});
