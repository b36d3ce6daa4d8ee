/**
 * Frontmatter checks per platform: valid posts are clean, each rule fires on the right text, the
 * quick fixes give the expected text, detection follows the repository layout, hostile YAML ends
 * quickly with a clear problem.
 */
import { after, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { checkFrontmatter, type FrontmatterInput } from "../../server/src/core/frontmatter/check";
import { parseFrontmatter } from "../../server/src/core/frontmatter/parse";
import { detectPlatform } from "../../server/src/core/frontmatter/detect";
import { emojiCount } from "../../server/src/core/frontmatter/checks/zenn";
import { compileSchema } from "../../server/src/core/frontmatter/checks/custom";
import { normaliseDate } from "../../server/src/core/frontmatter/checks/common";
import { applyEdits } from "../../server/src/core/fixes/textEdits";
import type { FrontmatterProblem, PlatformId } from "../../server/src/core/frontmatter/types";
import { nodeLayoutProbe } from "../../server/src/frontmatterService";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";

const NOW = new Date("2026-11-22T00:00:00Z");
const noFiles = { isFile: () => false, isDirectory: () => false, readText: () => undefined };

function check(text: string, platform: "auto" | PlatformId = "auto", filePath = "/blog/articles/node-test-runner.md", extra: Partial<FrontmatterInput> = {}) {
  return checkFrontmatter(text, { filePath, root: "/blog", setting: platform, options: { maxTitleLength: 60, maxDescriptionLength: 120 }, now: NOW, probe: noFiles, ...extra });
}
/** Each problem as "rule: the text it covers". */
const at = (text: string, problems: FrontmatterProblem[]) => problems.map((p) => `${p.ruleId.replace("frontmatter/", "")}: ${text.slice(...p.range)}`);
const fixed = (text: string, p: FrontmatterProblem | undefined, i = 0) => {
  const fix = p?.fixes?.[i];
  assert.ok(fix, `a fix for ${p?.ruleId}`);
  return applyEdits(text, fix.edits);
};
const find = (problems: FrontmatterProblem[], rule: string) => problems.find((p) => p.ruleId === `frontmatter/${rule}`);

const VALID: Record<Exclude<PlatformId, "custom">, string> = {
  zenn: '---\ntitle: "Node.js のテストランナー"\nemoji: "🧪"\ntype: "tech" # tech or idea\ntopics: ["nodejs", "test"]\npublished: true\npublished_at: 2026-11-01 09:00\n---\n\n本文です。\n',
  qiita: "---\ntitle: 型ガードの使い方\ntags:\n  - TypeScript\n  - 型\nprivate: false\nupdated_at: '2024-01-31T09:00:00+09:00'\nid: 0123456789abcdef0123\norganization_url_name: null\nslide: false\nignorePublish: false\n---\n本文\n",
  hatena: "---\nTitle: 週末のラーメン\nDate: 2024-01-31T09:00:00+09:00\nURL: https://example.hatenablog.com/entry/ramen\nEditURL: https://blog.hatena.ne.jp/x/y/atom/entry/1\nDraft: true\nCategory:\n- 食べ物\n---\n本文\n",
  devto: "---\ntitle: Testing with node:test\npublished: false\ndescription: A short guide\ntags: javascript, node, testing\ncanonical_url: https://example.com/post\ncover_image: https://example.com/c.png\n---\nBody\n",
  blog: "---\ntitle: 新しいブログ\ndate: 2024-01-31\ndescription: 記事の説明\ntags: [日記]\ndraft: false\n---\n本文\n",
};

describe("valid posts are clean", () => {
  for (const [platform, text] of Object.entries(VALID)) {
    it(`${platform}: no problems, detected by its keys`, () => {
      const result = check(text, "auto", platform === "zenn" ? "/blog/articles/node-test-runner.md" : "/blog/posts/a.md");
      assert.equal(result.detection.platform, platform);
      assert.deepEqual(at(text, result.problems), []);
    });
  }
});

describe("Zenn rules", () => {
  const text = '---\ntitle: ""\nemoji: "ab"\ntype: blog\ntopics: [TypeScript, "node js", c, d, e, f]\npublished: "true"\npublished_at: 2027-01-01\ntags: [x]\npublication_name: A\n---\n';
  const { problems } = check(text, "zenn");
  it("reports each problem on its value", () => {
    assert.deepEqual(at(text, problems), [
      'zenn-title: ""',
      'zenn-emoji: "ab"',
      "zenn-type: blog",
      "zenn-tags: tags",
      'zenn-topics-count: [TypeScript, "node js", c, d, e, f]',
      'zenn-topic-symbols: "node js"',
      "zenn-topic-case: TypeScript",
      'zenn-published: "true"',
      "zenn-scheduled: 2027-01-01",
      "zenn-publication: A",
    ]);
    assert.equal(find(problems, "zenn-topics-count")?.message.ja, "Zenn のトピックは 5 つまでです（6 個あります）。");
    assert.equal(find(problems, "zenn-topics-count")?.severity, "error");
    assert.equal(find(problems, "zenn-tags")?.severity, "warning");
  });
  it("fixes: keep 5 topics, lowercase a topic, unquote a boolean", () => {
    assert.match(fixed(text, find(problems, "zenn-topics-count")), /topics: \[TypeScript, "node js", c, d, e\]\n/);
    assert.match(fixed(text, find(problems, "zenn-topic-case")), /topics: \[typescript, /);
    assert.match(fixed(text, find(problems, "zenn-published")), /\npublished: true\n/);
  });
  it("renames tags to topics and adds missing keys, keeping comments and order", () => {
    const post = "---\ntitle: 記事 # the title\ntags: [nodejs]\n---\n本文\n";
    const result = check(post, "zenn").problems;
    assert.equal(fixed(post, find(result, "zenn-tags")), "---\ntitle: 記事 # the title\ntopics: [nodejs]\n---\n本文\n");
    const type = find(result, "zenn-type");
    assert.equal(fixed(post, type), "---\ntitle: 記事 # the title\ntags: [nodejs]\ntype: tech\n---\n本文\n");
  });
  it("drops block-list topics beyond 5 by whole lines, CRLF kept", () => {
    const post = "---\r\ntitle: t\r\nemoji: 🐢\r\ntype: idea\r\npublished: false\r\ntopics:\r\n  - a\r\n  - b\r\n  - c\r\n  - d\r\n  - e\r\n  - f\r\n  - g\r\n---\r\n";
    const p = find(check(post, "zenn").problems, "zenn-topics-count");
    assert.equal(fixed(post, p), post.replace("  - f\r\n  - g\r\n", ""));
  });
  it("checks the slug from the file name under articles/", () => {
    const p = find(check(VALID.zenn, "zenn", "/blog/articles/My Post.md").problems, "zenn-slug");
    assert.match(p?.message.en ?? "", /12 to 50 characters/);
  });
  it("counts emoji as Zenn does (one emoji, whatever else is written)", () => {
    for (const one of ["🧪", "👨‍👩‍👧‍👦", "🇯🇵", "❤️", "1️⃣", "👍🏽", "🧪 "]) assert.equal(emojiCount(one), 1, one);
    for (const [text, n] of [["", 0], ["ab", 0], ["🧪🧪", 2], ["あ", 0]] as const) assert.equal(emojiCount(text), n, text);
  });
});

describe("Qiita, Hatena, dev.to and blog rules", () => {
  it("Qiita: required keys, tags count, quoted updated_at (fix), id shape", () => {
    const text = "---\ntitle: t\ntags: [a, b, c, d, e, f]\nupdated_at: 2024-01-31T09:00:00+09:00\nid: 123\n---\n";
    const { problems } = check(text, "qiita");
    assert.deepEqual(at(text, problems), ["qiita-tags: [a, b, c, d, e, f]", "qiita-private: ---", "qiita-updated-at: 2024-01-31T09:00:00+09:00", "qiita-id: 123", "qiita-slide: ---"]);
    assert.equal(find(problems, "qiita-updated-at")?.severity, "error", "unquoted, Qiita CLI reads a Date and refuses it");
    assert.match(fixed(text, find(problems, "qiita-updated-at")), /\nupdated_at: '2024-01-31T09:00:00\+09:00'\n/);
  });
  it("Hatena: exact-case keys (fix renames), a Date blogsync can read (fix converts)", () => {
    const text = "---\ntitle: t\nDate: 2024/01/31 09:30\n---\n";
    const { problems } = check(text, "hatena");
    assert.deepEqual(at(text, problems), ["hatena-key-case: title", "hatena-date: 2024/01/31 09:30"]);
    assert.equal(find(problems, "hatena-key-case")?.severity, "warning");
    for (const date of ["2024-01-31", "2024-01-31 09:30:00", "2024-01-31T09:30:00+09:00"]) {
      assert.deepEqual(check(`---\nTitle: t\nDate: ${date}\n---\n`, "hatena").problems, [], `yaml.v2 reads ${date} as a time`);
    }
    assert.match(fixed(text, find(problems, "hatena-key-case")), /^---\nTitle: t\n/);
    assert.match(fixed(text, find(problems, "hatena-date")), /\nDate: 2024-01-31T09:30:00\+09:00\n/);
  });
  it("dev.to: at most 4 tags, title ≤ 128, canonical_url an URL", () => {
    const text = `---\ntitle: ${"a".repeat(129)}\ntags: [a, b, c, d, e]\ncanonical_url: example.com\n---\n`;
    const rules = check(text, "devto").problems.map((p) => p.ruleId);
    assert.deepEqual(rules, ["frontmatter/devto-title-length", "frontmatter/devto-tags", "frontmatter/devto-canonical-url", "frontmatter/title-length"]);
  });
  it("blog: normalises a slash date, hints long descriptions, finds missing local images", () => {
    const ws = makeWorkspace({ "posts/here.png": "png" });
    try {
      const text = `---\ntitle: t\ndate: 2020/7/3\ndescription: ${"説".repeat(130)}\ncover: ./missing.png\nimage: ./here.png\n---\n`;
      const { problems } = check(text, "blog", path.join(ws, "posts", "a.md"), { root: ws, probe: nodeLayoutProbe });
      assert.deepEqual(problems.map((p) => p.ruleId), ["frontmatter/blog-date", "frontmatter/description-length", "frontmatter/image-missing"]);
      assert.match(fixed(text, find(problems, "blog-date")), /\ndate: 2020-07-03\n/);
      // Static-site generators accept all of these: nothing is a warning or an error.
      assert.deepEqual(problems.map((p) => p.severity), ["info", "hint", "info"]);
    } finally {
      removeWorkspace(ws);
    }
    assert.equal(normaliseDate("2020年7月30日"), "2020-07-30");
    assert.equal(normaliseDate("2020/13/01"), undefined);
  });
  it("custom: the writer's JSON Schema, errors placed on the values", () => {
    const schema = compileSchema(JSON.stringify({ type: "object", required: ["title", "date"], properties: { tags: { type: "array", items: { type: "string" } } } }), "schema.json");
    const text = "---\ntitle: t\ntags: [a, 3]\n---\n";
    const { problems } = check(text, "custom", "/blog/a.md", { schema: { file: "schema.json", compiled: schema } });
    assert.deepEqual(at(text, problems), ["schema: ---", "schema: 3"]);
    assert.match(problems[0]?.message.en ?? "", /must have required property 'date'/);
  });
});

describe("workspace-wide checks", () => {
  it("notes when another post of the workspace has the same slug or id", () => {
    const text = "---\ntitle: t\nslug: my-post\ndate: 2024-01-01\n---\n";
    const others: Record<string, string[]> = { "slug=my-post": ["/blog/posts/older.md"] };
    const { problems } = check(text, "blog", "/blog/posts/new.md", { duplicatesOf: (key, value) => others[`${key}=${value}`] ?? [] });
    assert.deepEqual(at(text, problems), ["duplicate: my-post"]);
    assert.equal(problems[0]?.message.en, "Another post has the same slug: posts/older.md.");
    assert.deepEqual(check(text, "blog", "/blog/posts/new.md", { duplicatesOf: () => [] }).problems, []);
  });
});

describe("parsing and hostile input", () => {
  it("places YAML errors and duplicate keys, handles a BOM, CRLF and an unclosed block", () => {
    const dup = "\uFEFF---\r\ntitle: a\r\ntitle: b\r\n---\r\n";
    assert.deepEqual(at(dup, parseFrontmatter(dup)?.problems ?? []), ["duplicate-key: title"]);
    const tab = "---\ntitle: x\n\tbad: 1\n---\n";
    assert.equal(parseFrontmatter(tab)?.problems[0]?.ruleId, "frontmatter/yaml-syntax");
    const open = "---\ntitle: x\n";
    assert.equal(parseFrontmatter(open)?.problems[0]?.ruleId, "frontmatter/unclosed");
    assert.equal(parseFrontmatter("# no frontmatter\n"), undefined);
    const toml = '+++\ntitle = "x"\nbad line\n+++\n';
    assert.deepEqual(at(toml, parseFrontmatter(toml)?.problems ?? []), ["toml-syntax: l"]);
  });
  it("reads CR-only line breaks (classic Mac OS) as YAML does: no false syntax errors, positions and fixes in CR", () => {
    const text = '---\rtitle: "CR の記事"\remoji: "📝"\rtype: "tech"\rtopics: ["a"]\rpublished: "false"\r---\r本文。\r';
    const fm = parseFrontmatter(text);
    assert.deepEqual(fm?.problems, []);
    assert.equal(fm?.data?.["title"], "CR の記事");
    const problems = check(text, "zenn", "/blog/articles/cr-line-breaks-01.md").problems;
    assert.deepEqual(at(text, problems), ['zenn-published: "false"']);
    assert.equal(fixed(text, problems[0]), text.replace('published: "false"', "published: false"));
  });

  it("ends quickly on an alias bomb, a 1 MB frontmatter and binary bytes, with a clear problem", () => {
    const levels = ["a: &a [x,x,x,x,x,x,x,x,x]"];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
    const cases: [string, string][] = [
      [`---\n${levels.join("\n")}\n---\n`, "yaml-aliases"],
      [`---\nbig: ${"x".repeat(1024 * 1024)}\n---\n`, "too-large"],
      ["---\ntitle: \u0000\u0001bin\n---\n", "binary"],
    ];
    for (const [text, rule] of cases) {
      const started = process.hrtime.bigint();
      const result = check(text, "zenn");
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.deepEqual(result.problems.map((p) => p.ruleId), [`frontmatter/${rule}`]);
      // Not a timing assertion of speed: a bomb that expanded would take minutes and gigabytes.
      assert.ok(ms < 5000, `${rule} took ${ms} ms`);
    }
  });
});

describe("detection", () => {
  const workspaces: string[] = [];
  after(() => workspaces.forEach(removeWorkspace));
  const repo = (files: Record<string, string>) => {
    const dir = makeWorkspace(files);
    workspaces.push(dir);
    return dir;
  };
  const detect = (root: string, rel: string, text = "# post\n", setting: "auto" | PlatformId = "auto") =>
    detectPlatform({ text, data: parseFrontmatter(text)?.data, filePath: path.join(root, rel), root, setting, probe: nodeLayoutProbe });

  it("by layout and tooling, with the reason", () => {
    const zenn = repo({ "package.json": JSON.stringify({ devDependencies: { "zenn-cli": "^0.1" } }), "articles/abcdef0123456789.md": "" });
    assert.deepEqual([detect(zenn, "articles/abcdef0123456789.md").platform, detect(zenn, "articles/abcdef0123456789.md").reason.en], ["zenn", "Zenn: articles/ in a repository with zenn-cli"]);
    const qiita = repo({ "qiita.config.json": "{}", "public/a.md": "" });
    assert.equal(detect(qiita, "public/a.md").platform, "qiita");
    const hatena = repo({ "blogsync.yaml": "", "example.hatenablog.com/entry/a.md": "" });
    assert.equal(detect(hatena, "example.hatenablog.com/entry/a.md").platform, "hatena");
    const hugo = repo({ "hugo.toml": "", "content/posts/a.md": "" });
    assert.equal(detect(hugo, "content/posts/a.md").reason.en, "blog: hugo.toml (static-site generator)");
  });
  it("a comment in the post wins over the setting, the setting over the layout, the layout over the keys", () => {
    const zenn = repo({ "package.json": JSON.stringify({ dependencies: { "zenn-cli": "1" } }), "articles/x.md": "" });
    const qiitaKeys = "---\ntitle: t\nprivate: false\n---\n";
    assert.equal(detect(zenn, "articles/x.md", qiitaKeys).platform, "zenn");
    assert.equal(detect(zenn, "articles/x.md", qiitaKeys, "blog").platform, "blog");
    assert.equal(detect(zenn, "articles/x.md", "---\n# tsuzuri-platform: qiita\ntitle: t\n---\n", "blog").source, "comment");
    assert.equal(detect(repo({}), "a.md", qiitaKeys).platform, "qiita");
    assert.equal(detect(repo({}), "a.md", "# just text\n").platform, undefined);
  });
  it("a Zenn article without frontmatter gets a fix that adds zenn-cli's template", () => {
    const zenn = repo({ "package.json": JSON.stringify({ devDependencies: { "zenn-cli": "1" } }) });
    const text = "本文だけです。\n";
    const result = checkFrontmatter(text, { filePath: path.join(zenn, "articles", "abcdef0123456789.md"), root: zenn, setting: "auto", options: { maxTitleLength: 60, maxDescriptionLength: 120 }, now: NOW, probe: nodeLayoutProbe });
    const p = find(result.problems, "missing");
    const withFm = fixed(text, p);
    assert.ok(withFm.endsWith("---\n本文だけです。\n"));
    const again = checkFrontmatter(withFm, { filePath: path.join(zenn, "articles", "abcdef0123456789.md"), root: zenn, setting: "auto", options: { maxTitleLength: 60, maxDescriptionLength: 120 }, now: NOW, probe: nodeLayoutProbe });
    assert.deepEqual(again.problems.map((q) => q.ruleId), ["frontmatter/zenn-title", "frontmatter/zenn-topics"], "only the empty title and topics are left for the writer");
  });
});
