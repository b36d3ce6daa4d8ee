/** Which files `tsuzuri check` looks at: the default target, folders, globs, .textlintignore, binaries. */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";
import { jsonResults, tsuzuri, type Run } from "./harness";

const RA = "この映画は家族で見れる。\n";

describe("files to check", () => {
  let dir: string;
  let byDefault: Run;
  let folders: Run;
  let glob: Run;
  let single: Run;
  let ignoredByName: Run;

  before(async () => {
    dir = makeWorkspace({
      ".textlintignore": "drafts/**\n# comments and blank lines are fine\n\narchive/old-*.md\n",
      "post.md": RA,
      "notes/idea.markdown": RA,
      "notes/deep/er/thought.md": RA,
      "notes/todo.txt": RA,
      "drafts/wip.md": RA,
      "archive/old-2019.md": RA,
      "archive/new-2024.md": RA,
      "node_modules/some-package/README.md": RA,
      ".github/ISSUE_TEMPLATE.md": RA,
    });
    fs.writeFileSync(path.join(dir, "notes", "binary.md"), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02, 0xff, 0x0a]));
    [byDefault, folders, glob, single, ignoredByName] = await Promise.all([
      tsuzuri(["check", "-f", "json"], dir),
      tsuzuri(["check", "-f", "json", "drafts", "archive", "notes/deep"], dir),
      tsuzuri(["check", "-f", "json", "**/*.txt", "notes/*.markdown"], dir),
      tsuzuri(["check", "-f", "json", "notes/todo.txt"], dir),
      tsuzuri(["check", "-f", "json", "drafts/wip.md"], dir),
    ]);
  });
  after(() => removeWorkspace(dir));

  const checked = (r: Run): string[] => jsonResults(r).map((res) => path.relative(dir, res.filePath)).sort();

  it("by default: Markdown files under the current folder, without node_modules, dot-folders and ignored files", () => {
    assert.equal(byDefault.code, 1, byDefault.describe());
    assert.deepEqual(checked(byDefault), ["archive/new-2024.md", "notes/deep/er/thought.md", "notes/idea.markdown", "post.md"]);
  });

  it("skips a binary file with a message instead of linting it", () => {
    assert.match(byDefault.stderr, new RegExp(`skipped ${path.join(dir, "notes", "binary.md").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: binary file`));
    assert.ok(!checked(byDefault).includes("notes/binary.md"));
  });

  it("folders given as arguments: their Markdown files, .textlintignore honoured", () => {
    assert.equal(folders.code, 1, folders.describe());
    assert.deepEqual(checked(folders), ["archive/new-2024.md", "notes/deep/er/thought.md"]);
  });

  it("globs and files of any extension given by name", () => {
    assert.deepEqual(checked(glob), ["notes/idea.markdown", "notes/todo.txt"]);
    assert.deepEqual(checked(single), ["notes/todo.txt"]);
    for (const r of [glob, single]) {
      assert.ok(jsonResults(r).every((res) => res.messages.some((m) => m.ruleId === "ja-technical-writing/no-dropping-the-ra")), r.describe());
    }
  });

  it("an explicitly named ignored file is not checked either", () => {
    assert.equal(ignoredByName.code, 0, ignoredByName.describe());
    assert.deepEqual(checked(ignoredByName), []);
  });
});

describe("a Zenn repository's books", () => {
  let dir: string;
  let run: Run;
  let notZenn: Run;
  let otherDir: string;

  before(async () => {
    dir = makeWorkspace({
      "package.json": JSON.stringify({ devDependencies: { "zenn-cli": "0.1.155" } }),
      "articles/zenn-books-cli-post.md": '---\ntitle: "記事"\nemoji: "📝"\ntype: "tech"\ntopics: ["zenn"]\npublished: false\n---\n本文です。\n',
      "books/cli-checked-book/config.yaml": 'title: "本"\ntopics: ["zenn"]\npublished: false\nprice: "500"\nchapters:\n  - intro\n',
      "books/cli-checked-book/intro.md": '---\ntitle: "はじめに"\nfree: "true"\n---\nこの映画は家族で見れる。\n',
    });
    otherDir = makeWorkspace({ "books/some-book-folder/config.yaml": "title: x\n", "post.md": "本文です。\n" });
    [run, notZenn] = await Promise.all([tsuzuri(["check", "-f", "json"], dir), tsuzuri(["check", "-f", "json"], otherDir)]);
  });
  after(() => (removeWorkspace(dir), removeWorkspace(otherDir)));

  it("lists config.yaml with the posts and checks it with the book's rules only (no textlint)", () => {
    const results = jsonResults(run);
    assert.deepEqual(results.map((r) => path.relative(dir, r.filePath)).sort(), ["articles/zenn-books-cli-post.md", "books/cli-checked-book/config.yaml", "books/cli-checked-book/intro.md"]);
    const config = results.find((r) => r.filePath.endsWith("config.yaml"))!;
    assert.deepEqual(config.messages.map((m) => m.ruleId), ["frontmatter/zenn-book-summary", "frontmatter/zenn-book-price", "frontmatter/zenn-book-cover"]);
    assert.equal(config.messages.find((m) => m.ruleId === "frontmatter/zenn-book-price")?.line, 4);
    const chapter = results.find((r) => r.filePath.endsWith("intro.md"))!;
    const rules = chapter.messages.map((m) => m.ruleId);
    assert.ok(rules.includes("frontmatter/zenn-chapter-free"), rules.join(", "));
    assert.ok(!rules.some((r) => /zenn-(emoji|type|topics)/.test(r ?? "")), "no article rules on a chapter");
    assert.ok(rules.some((r) => r?.startsWith("ja-technical-writing/")), "the chapter's prose is linted");
  });

  it("leaves books/x/config.yaml alone outside a Zenn repository", () => {
    assert.deepEqual(jsonResults(notZenn).map((r) => path.relative(otherDir, r.filePath)), ["post.md"]);
  });
});
