/**
 * Issue 13: a repository whose config names packages that are not installed (bun and pnpm
 * repositories cloned without node_modules) never looks like a clean post: a status of its own with
 * the package manager's command, a note on line 1 of every post, no error toast per post (the client
 * notifies once per config, with the command), and the state clears itself once packages appear.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { LspSession, type Published } from "../helpers/lspHarness";
import { makeWorkspace, removeWorkspace, repoRoot } from "../helpers/workspace";

const RA = "ja-technical-writing/no-dropping-the-ra";
const codes = (p: Published): string[] => p.diagnostics.map((d) => String(d.code));

/** A copy of test/fixtures/repos/<name> as cloned (no node_modules). */
function cloned(name: string): string {
  const dir = makeWorkspace({});
  fs.cpSync(path.join(repoRoot, "test", "fixtures", "repos", name), dir, { recursive: true });
  return dir;
}

describe("a bun repository cloned without node_modules", () => {
  let ws: string;
  let session: LspSession;
  const post = "articles/bun-textlint-setup.md";

  before(async () => {
    ws = cloned("bun-blog");
    session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
  });
  after(async () => {
    await session.stop();
    removeWorkspace(ws);
  });

  it("says packages are not installed and to run bun install: in the status, and on line 1 of the post", async () => {
    const file = path.join(ws, post);
    const uri = session.open(file, fs.readFileSync(file, "utf8"));
    const status = await session.statuses.next((s) => s.uri === uri && s.state !== "slow");
    assert.equal(status.state, "needsInstall");
    assert.equal(status.installCommand, "bun install");
    assert.equal(status.installCwd, ws);
    assert.deepEqual(status.missingPackages, ["textlint-filter-rule-comments", "textlint-rule-preset-ja-spacing", "textlint-rule-preset-ja-technical-writing"]);
    assert.equal(status.platform, "zenn", "the frontmatter was checked all the same");

    const published = await session.diagnostics.next((p) => p.uri === uri && p.diagnostics.length > 0, 20_000, 0);
    assert.deepEqual(codes(published), ["config/missing-packages"], "only the note: the Zenn frontmatter has no problem");
    const [note] = published.diagnostics;
    assert.equal(note?.severity, 3, "information");
    assert.equal(note?.range.start.line, 0);
    assert.equal(note?.source, "tsuzuri");
    assert.match(String(note?.message), /textlint checked nothing: .*\.textlintrc\.json names packages that are not installed: .*textlint-rule-preset-ja-technical-writing.*Run bun install in /);
  });

  it("shows no error message per post: a second post gets the same state, and nothing is shown", async () => {
    const file = path.join(ws, "articles", "second-post-0123.md");
    const uri = session.open(file, "---\ntitle: \"二つ目\"\nemoji: \"📘\"\ntype: \"tech\"\ntopics: [\"bun\"]\npublished: false\n---\n\n本文です。\n");
    await session.statuses.next((s) => s.uri === uri && s.state === "needsInstall", 20_000, 0);
    assert.deepEqual(session.shownMessages.all, [], "the client tells the writer once, with the command; the server shows nothing");
  });

  it("clears itself once the packages are installed (node_modules appears)", async () => {
    const uri = pathToFileURL(path.join(ws, post)).href;
    const from = session.diagnostics.all.length;
    // What an install leaves: node_modules with the packages (linked from the repository's own).
    fs.mkdirSync(path.join(ws, "node_modules"));
    for (const pkg of ["textlint-filter-rule-comments", "textlint-rule-preset-ja-spacing", "textlint-rule-preset-ja-technical-writing"]) {
      fs.symlinkSync(path.join(repoRoot, "node_modules", pkg), path.join(ws, "node_modules", pkg), "dir");
    }
    void session.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(path.join(ws, "node_modules")).href, type: 1 }] });
    const linted = await session.diagnostics.next((p) => p.uri === uri && codes(p).includes(RA), 60_000, from);
    assert.ok(!codes(linted).includes("config/missing-packages"), codes(linted).join(", "));
    const status = await session.statuses.next((s) => s.uri === uri && s.state === "ok", 20_000, 0);
    assert.equal(status.configLabel, path.join(ws, ".textlintrc.json"));
  });
});

describe("a pnpm repository cloned without node_modules", () => {
  it("says to run pnpm install", async () => {
    const ws = cloned("pnpm-blog");
    const session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
    try {
      const file = path.join(ws, "posts", "hello-pnpm.md");
      const uri = session.open(file, fs.readFileSync(file, "utf8"));
      const status = await session.statuses.next((s) => s.uri === uri && s.state === "needsInstall");
      assert.equal(status.installCommand, "pnpm install");
      const published = await session.diagnostics.next((p) => p.uri === uri && codes(p).includes("config/missing-packages"), 20_000, 0);
      assert.match(String(published.diagnostics[0]?.message), /Run pnpm install in /);
    } finally {
      await session.stop();
      removeWorkspace(ws);
    }
  });
});
