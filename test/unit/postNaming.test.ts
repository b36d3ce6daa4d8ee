/**
 * Issue 13: New Post in a Qiita CLI repository follows how the repository names its posts (after
 * their titles, or Qiita CLI's newArticleNNN) when that is evident, instead of a random name.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { namingConvention, titleFileName, type ExistingPost } from "../../server/src/core/frontmatter/postNaming";
import { planNewPost, type NewPostRequest } from "../../server/src/core/frontmatter/newPost";
import { repoRoot } from "../helpers/workspace";

const QIITA_REPO = path.join(repoRoot, "test", "fixtures", "repos", "qiita-cli");

/** The posts of a folder as the client reads them: name without .md, and text. */
function postsOf(dir: string): ExistingPost[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => ({ name: f.slice(0, -3), text: fs.readFileSync(path.join(dir, f), "utf8") }));
}

/** A post as Qiita CLI writes it (js-yaml quotes an id that would read as a number). */
const post = (name: string, title: string, id?: string): ExistingPost => ({
  name,
  text: `---\ntitle: ${JSON.stringify(title)}\ntags:\n  - a\nid: ${id === undefined ? "null" : JSON.stringify(id)}\n---\n\n本文\n`,
});

function request(title: string, existingPosts: ExistingPost[], taken: string[] = []): NewPostRequest {
  return {
    platform: "qiita",
    title,
    now: new Date("2024-05-05T22:08:09Z"),
    utcOffsetMinutes: 540,
    randomBytes: (n) => Uint8Array.from({ length: n }, (_, i) => i * 0x11),
    exists: (p) => taken.includes(p),
    existingPosts,
  };
}

describe("titleFileName", () => {
  it("keeps the title as written, Japanese and spaces included", () => {
    assert.equal(titleFileName("VS Code で textlint を使う"), "VS Code で textlint を使う");
  });

  it("drops what no file system allows, and leading or trailing dots and spaces", () => {
    assert.equal(titleFileName(' A/B テスト: "速い"?  '), "A B テスト 速い");
    assert.equal(titleFileName("...隠しファイルにしない."), "隠しファイルにしない");
    assert.equal(titleFileName("改行\nと\tタブ"), "改行 と タブ");
    assert.equal(titleFileName("///"), "");
  });

  it("fits a file system's 255-byte names, cut between characters", () => {
    const name = titleFileName("長".repeat(200));
    assert.ok(Buffer.byteLength(name) <= 240, `${Buffer.byteLength(name)} bytes`);
    assert.equal(name, "長".repeat(80));
  });
});

describe("namingConvention", () => {
  it("the Qiita CLI fixture repository names its posts after their titles (the pulled one aside)", () => {
    assert.equal(namingConvention(postsOf(path.join(QIITA_REPO, "public"))), "title");
  });

  it("needs two posts, and more than half of those the writer named", () => {
    assert.equal(namingConvention([post("記事のタイトル", "記事のタイトル")]), "default", "one post is not a convention");
    assert.equal(namingConvention([post("一つ目", "一つ目"), post("二つ目", "二つ目"), post("third-post", "三つ目"), post("fourth", "四つ目")]), "default", "half is not more than half");
    assert.equal(namingConvention([post("一つ目", "一つ目"), post("二つ目", "二つ目"), post("third-post", "三つ目")]), "title");
  });

  it("posts pulled from Qiita (named by their item id) do not count either way", () => {
    const pulled = (id: string) => post(id, "サイトで書いた", id);
    const posts = [post("一つ目", "一つ目"), post("二つ目", "二つ目"), pulled("0123456789abcdef0123"), pulled("fedcba98765432100123"), pulled("00000000000000000000")];
    assert.equal(namingConvention(posts), "title");
    assert.equal(namingConvention([pulled("0123456789abcdef0123"), pulled("fedcba98765432100123")]), "default");
  });

  it("Qiita CLI's own numbered names (qiita new without a name)", () => {
    assert.equal(namingConvention([post("newArticle001", "一つ目"), post("newArticle002", "newArticle002")]), "newArticle");
  });
});

describe("New Post for Qiita follows the repository", () => {
  it("named after the title in a repository that names posts after titles", async () => {
    const plan = await planNewPost(request("textlint の設定を共有する", postsOf(path.join(QIITA_REPO, "public"))));
    assert.equal(plan.relPath, "public/textlint の設定を共有する.md");
  });

  it("a taken name gets -2", async () => {
    const plan = await planNewPost(request("二つ目", [post("一つ目", "一つ目"), post("二つ目", "二つ目")], ["public/二つ目.md"]));
    assert.equal(plan.relPath, "public/二つ目-2.md");
  });

  it("the next free newArticleNNN where the repository uses them", async () => {
    const posts = [post("newArticle001", "一つ目"), post("newArticle002", "二つ目")];
    const plan = await planNewPost(request("三つ目の記事", posts, ["public/newArticle001.md", "public/newArticle002.md"]));
    assert.equal(plan.relPath, "public/newArticle003.md");
  });

  it("no evident convention: as before (an ASCII title's slug, else random hex)", async () => {
    assert.equal((await planNewPost(request("Hello, VS Code!", [post("my-post", "何か")]))).relPath, "public/hello-vs-code.md");
    assert.equal((await planNewPost(request("日本語のタイトル", []))).relPath, "public/00112233445566.md");
  });
});
