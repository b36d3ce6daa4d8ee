/**
 * Pre-publish image checks (issue 16): the references a post makes (with exact offsets, code
 * skipped), and what each platform would reject or show broken: Zenn's /images/ rule, file types,
 * missing files and the 3 MB limit (zenn-cli's preview), Git LFS pointers, and local images on
 * platforms published through an API. Each test writes its own repository into a temp folder.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileReferences } from "../../server/src/core/shared/markdownRefs";
import { checkFrontmatter } from "../../server/src/core/frontmatter/check";
import { ZENN_MAX_IMAGE_BYTES } from "../../server/src/core/frontmatter/checks/images";
import { applyEdits } from "../../server/src/core/fixes/textEdits";
import { nodeLayoutProbe } from "../../server/src/frontmatterService";
import type { PlatformId } from "../../server/src/core/frontmatter/types";

const NOW = new Date("2026-12-05T00:00:00Z");
const options = { maxTitleLength: 60, maxDescriptionLength: 120 };
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
const POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";
const ZENN_HEAD = '---\ntitle: "画像の検査"\nemoji: "🖼️"\ntype: "tech"\ntopics: ["zenn"]\npublished: false\n---\n';

let repo: string;
before(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-images-"));
  fs.mkdirSync(path.join(repo, "articles"));
  fs.mkdirSync(path.join(repo, "images", "post"), { recursive: true });
  fs.writeFileSync(path.join(repo, "images", "post", "ok.png"), PNG);
  fs.writeFileSync(path.join(repo, "images", "post", "スクショ 1.png"), PNG);
  fs.writeFileSync(path.join(repo, "images", "post", "lfs.png"), POINTER);
  fs.writeFileSync(path.join(repo, "images", "post", "diagram.svg"), "<svg/>");
  // Sparse: 3 MB + 1 byte without writing them.
  const big = fs.openSync(path.join(repo, "images", "post", "big.png"), "w");
  fs.ftruncateSync(big, ZENN_MAX_IMAGE_BYTES + 1);
  fs.closeSync(big);
  const exact = fs.openSync(path.join(repo, "images", "post", "exact.png"), "w");
  fs.ftruncateSync(exact, ZENN_MAX_IMAGE_BYTES);
  fs.closeSync(exact);
});
after(() => fs.rmSync(repo, { recursive: true, force: true }));

function check(text: string, file = "articles/image-checks-post.md", platform: "auto" | PlatformId = "zenn") {
  const filePath = path.join(repo, file);
  return checkFrontmatter(text, { filePath, root: repo, setting: platform, options, now: NOW, probe: nodeLayoutProbe }).problems.filter((p) => /image/.test(p.ruleId));
}
const at = (text: string, p: { range: [number, number] }) => text.slice(p.range[0], p.range[1]);

describe("fileReferences: where a post refers to files", () => {
  it("finds image and link destinations with their exact ranges, and skips code and comments", () => {
    const text = [
      "![図](/images/a.png =250x) and [資料](</images/b c.pdf>)",
      '<img src="/images/d.webp" width="300"> <img src=/images/e.gif>',
      "![参照][fig] ![fig2]",
      "",
      "[fig]: ./fig.png",
      "[fig2]: <./fig 2.png>",
      "[site]: https://example.com",
      "`![](/images/span.png)` <!-- ![](/images/comment.png) -->",
      "```md",
      "![](/images/fenced.png)",
      "```",
    ].join("\n");
    const refs = fileReferences(text);
    assert.deepEqual(
      refs.map((r) => [r.kind, r.url]),
      [
        ["image", "/images/a.png"],
        ["link", "/images/b c.pdf"],
        ["image", "/images/d.webp"],
        ["image", "/images/e.gif"],
        ["image", "./fig.png"],
        ["image", "./fig 2.png"],
        ["link", "https://example.com"],
      ],
    );
    for (const r of refs) assert.equal(at(text, r), r.url, "the range is the destination as written");
  });

  it("a linked image is an image: [![alt](/images/a.png)](https://example.com)", () => {
    const text = "[![バナー](/images/banner.png)](https://example.com)\n";
    assert.deepEqual(fileReferences(text).map((r) => [r.kind, r.url]), [["image", "/images/banner.png"]]);
  });

  it("hostile lines stay linear: 200,000 of [, ![, <img, backticks (it runs on every lint)", { timeout: 20_000 }, () => {
    // "x" first: a line that starts with three backticks opens a code fence (the image would be code).
    for (const unit of ["[", "![", "<img ", "`", "a`` ", "[a]: "]) {
      const text = `x${unit.repeat(Math.ceil(200_000 / unit.length))}\n![ok](/images/after.png)\n`;
      const refs = fileReferences(text);
      assert.ok(refs.some((r) => r.url === "/images/after.png"), `the image after a line of ${JSON.stringify(unit)} is found`);
    }
  });

  it("a line of backticks at the start opens a fence: what follows is code", () => {
    assert.deepEqual(fileReferences("`````\n![code](/images/in-code.png)\n"), []);
  });

  it("counts offsets from the body start", () => {
    const text = "---\ntitle: t\n---\n本文 ![x](./a.png)\n";
    const from = text.indexOf("本文");
    const [ref] = fileReferences(text, from);
    assert.equal(ref && at(text, ref), "./a.png");
  });
});

describe("Zenn: local images as zenn-cli's preview checks them", () => {
  it("passes images under /images/ that exist and are at most 3 MB, with Zenn's width suffix and encoded names", () => {
    const text = `${ZENN_HEAD}![ok](/images/post/ok.png =250x)\n![space](/images/post/%E3%82%B9%E3%82%AF%E3%82%B7%E3%83%A7%201.png)\n![exact](/images/post/exact.png)\n![remote](https://example.com/a.png)\n`;
    assert.deepEqual(check(text), []);
  });

  it("a relative path: an error, with a fix to the /images/ path when the file is in images/", () => {
    const text = `${ZENN_HEAD}:::message\n![図](../images/post/ok.png)\n:::\n`;
    const [p, ...rest] = check(text);
    assert.deepEqual(rest, []);
    assert.equal(p?.ruleId, "frontmatter/zenn-image-path");
    assert.equal(p?.severity, "error");
    assert.equal(at(text, p!), "../images/post/ok.png");
    const fixed = applyEdits(text, p!.fixes![0]!.edits);
    assert.match(fixed, /!\[図\]\(\/images\/post\/ok\.png\)/);
    assert.deepEqual(check(fixed), [], "the fixed post passes");
  });

  it("a relative path outside images/ has no fix; an absolute path outside /images/ is not deployed", () => {
    const text = `${ZENN_HEAD}![a](./local.png)\n\n![b](/static/b.png)\n`;
    const problems = check(text);
    assert.deepEqual(problems.map((p) => [p.ruleId, at(text, p), p.fixes?.length ?? 0]), [
      ["frontmatter/zenn-image-path", "./local.png", 0],
      ["frontmatter/zenn-image-path", "/static/b.png", 0],
    ]);
  });

  it("type, missing file, size over 3 MB and a Git LFS pointer", () => {
    const text = `${ZENN_HEAD}| 図 | 説明 |\n|---|---|\n| ![svg](/images/post/diagram.svg) | SVG |\n\n![missing](/images/post/nothing.png)[^1]\n![big](/images/post/big.png)\n![lfs](/images/post/lfs.png)\n\n[^1]: 脚注 😀\n`;
    assert.deepEqual(
      check(text).map((p) => [p.ruleId, p.severity, at(text, p)]),
      [
        ["frontmatter/zenn-image-type", "error", "/images/post/diagram.svg"],
        ["frontmatter/zenn-image-missing", "error", "/images/post/nothing.png"],
        ["frontmatter/zenn-image-size", "error", "/images/post/big.png"],
        ["frontmatter/image-lfs-pointer", "warning", "/images/post/lfs.png"],
      ],
    );
    assert.match(check(text)[2]!.message.ja, /3\.00 MB/);
  });

  it("a book chapter's images resolve from the repository root too", () => {
    const text = `---\ntitle: "第1章"\n---\n![ok](/images/post/ok.png)\n![missing](/images/post/none.png)\n`;
    fs.mkdirSync(path.join(repo, "books", "my-first-book-0001"), { recursive: true });
    const problems = check(text, "books/my-first-book-0001/1.intro.md");
    assert.deepEqual(problems.map((p) => [p.ruleId, at(text, p)]), [["frontmatter/zenn-image-missing", "/images/post/none.png"]]);
  });
});

describe("other platforms", () => {
  it("Qiita, dev.to and Hatena: a local image is not sent by publishing (information), a pointer is also flagged", () => {
    const qiita = "---\ntitle: t\ntags: [a]\nprivate: false\nupdated_at: ''\nid: null\nslide: false\n---\n![a](../images/post/ok.png)\n![b](../images/post/lfs.png)\n![c](https://i.imgur.com/x.png)\n";
    assert.deepEqual(
      check(qiita, "public/post.md", "qiita").map((p) => [p.ruleId, p.severity, at(qiita, p)]),
      [
        ["frontmatter/local-image", "info", "../images/post/ok.png"],
        ["frontmatter/image-lfs-pointer", "warning", "../images/post/lfs.png"],
        ["frontmatter/local-image", "info", "../images/post/lfs.png"],
      ],
    );
    const hatena = "---\nTitle: t\n---\n![a](./a.png)\n";
    assert.match(check(hatena, "entry/post.md", "hatena")[0]!.message.en, /Hatena Blog/);
  });

  it("static-site blogs: a body image that does not exist (relative, or from the site root / static / public)", () => {
    fs.mkdirSync(path.join(repo, "static", "img"), { recursive: true });
    fs.writeFileSync(path.join(repo, "static", "img", "logo.png"), PNG);
    const text = "---\ntitle: t\ndate: 2026-12-05\n---\n![a](/img/logo.png)\n![b](./missing.png)\n";
    assert.deepEqual(check(text, "content/posts/post.md", "blog").map((p) => [p.ruleId, at(text, p)]), [["frontmatter/image-missing", "./missing.png"]]);
  });
});
