/**
 * Zenn publishing against real git: each case builds a working repository with a Zenn layout and a
 * bare repository as its remote, in a temporary folder, with git isolated from the machine's own
 * configuration (temporary HOME, GIT_CONFIG_NOSYSTEM=1, no GIT_* from the caller).
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { publishZenn, type ZennIo } from "../../server/src/core/publish/zenn";
import { GitRunFailure, type GitRunner } from "../../server/src/core/publish/git";
import type { PublishOutcome } from "../../server/src/core/publish/types";
import { nodeGitRunner } from "../../server/src/publish/gitRunner";

const SLUG = "zenn-publish-test01";
const POST_REL = `articles/${SLUG}.md`;
// CRLF, a comment after published, Japanese and an emoji: everything but `false` must survive as is.
const POST = [
  "---",
  'title: "Zenn に公開する"  # タイトル',
  'emoji: "📝"',
  'type: "tech"',
  'topics: ["git"]',
  "published: false # まだ下書き",
  "---",
  "",
  "本文です。",
  "",
  "![図](/images/a.png =250x)",
  "",
  "```md",
  "![sample](/images/unused.png)",
  "```",
  "",
  "![gone](/images/missing.png)",
  "",
].join("\r\n");
const PUBLISHED = POST.replace("published: false # まだ下書き", "published: true # まだ下書き");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01, 0x02, 0xff]);

let root: string;
let env: NodeJS.ProcessEnv;
let runner: GitRunner;
let counter = 0;

const io: ZennIo = {
  readText: (p) => fs.readFileSync(p, "utf8"),
  writeText: (p, t) => fs.writeFileSync(p, t),
  exists: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false,
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function lines(text: string): string[] {
  return text.split("\n").filter((l) => l !== "");
}

interface Repo {
  dir: string;
  work: string;
  bare: string;
  post: string;
}

/** A working repository (README committed and pushed, the post + images + notes.txt untracked) and its bare remote. */
function makeRepo(opts: { remote?: boolean } = {}): Repo {
  const dir = path.join(root, `case-${++counter}`);
  const work = path.join(dir, "work");
  const bare = path.join(dir, "remote.git");
  fs.mkdirSync(work, { recursive: true });
  git(dir, "init", "-q", "--bare", "-b", "main", bare);
  git(work, "init", "-q", "-b", "main");
  git(work, "config", "user.name", "Test Writer");
  git(work, "config", "user.email", "writer@example.com");
  git(work, "config", "commit.gpgsign", "false");
  fs.writeFileSync(path.join(work, "README.md"), "# blog\n");
  git(work, "add", "README.md");
  git(work, "commit", "-q", "-m", "init");
  if (opts.remote !== false) {
    git(work, "remote", "add", "origin", bare);
    git(work, "push", "-q", "-u", "origin", "main");
  }
  fs.mkdirSync(path.join(work, "articles"));
  fs.mkdirSync(path.join(work, "images"));
  const post = path.join(work, "articles", `${SLUG}.md`);
  fs.writeFileSync(post, POST);
  fs.writeFileSync(path.join(work, "images", "a.png"), PNG);
  fs.writeFileSync(path.join(work, "images", "unused.png"), PNG);
  fs.writeFileSync(path.join(work, "notes.txt"), "unrelated\n");
  return { dir, work, bare, post };
}

/** Subjects of the remote's commits on main that touch the post (none when main does not exist). */
function remotePostCommits(bare: string): string[] {
  try {
    git(bare, "rev-parse", "-q", "--verify", "refs/heads/main");
  } catch {
    return [];
  }
  return lines(git(bare, "log", "--format=%s", "refs/heads/main", "--", POST_REL));
}

function commitFiles(repoDir: string, rev: string): string[] {
  return lines(git(repoDir, "show", "--name-only", "--format=", rev)).sort();
}

function publish(repo: { post: string }, mode: "publish" | "draft", options = {}, gitRunner: GitRunner = runner, text = fs.readFileSync(repo.post, "utf8")): Promise<PublishOutcome> {
  return publishZenn({ text, filePath: repo.post, mode }, gitRunner, io, options);
}

function failure(outcome: PublishOutcome) {
  assert.equal(outcome.ok, false, `expected a failure, got: ${outcome.ok ? outcome.message.en : ""}`);
  if (outcome.ok) throw new Error("unreachable");
  assert.ok(outcome.error.message.ja.length > 0, "a Japanese message");
  assert.notEqual(outcome.error.message.ja, outcome.error.message.en);
  return outcome.error;
}

function success(outcome: PublishOutcome) {
  assert.equal(outcome.ok, true, `expected success, got: ${outcome.ok ? "" : `${outcome.error.kind}: ${outcome.error.message.en} / ${outcome.error.detail ?? ""}`}`);
  if (!outcome.ok) throw new Error("unreachable");
  assert.ok(outcome.message.ja.length > 0, "a Japanese message");
  assert.notEqual(outcome.message.ja, outcome.message.en);
  return outcome;
}

before(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-zenn-")));
  const home = path.join(root, "home");
  fs.mkdirSync(home);
  env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GIT_")));
  Object.assign(env, {
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: path.join(home, ".config"),
    GIT_CONFIG_NOSYSTEM: "1",
    // Never find a repository above the temporary folder (os.tmpdir() inside a checkout).
    GIT_CEILING_DIRECTORIES: root,
  });
  runner = nodeGitRunner(env, { timeoutMs: 30_000 });
});

after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("publishZenn with real git", () => {
  it("publish: writes published: true, commits exactly the post and its image, pushes to the upstream", async () => {
    const repo = makeRepo();
    const outcome = success(await publish(repo, "publish"));
    assert.equal(outcome.action, "committed");
    assert.equal(outcome.text, PUBLISHED);
    assert.equal(fs.readFileSync(repo.post, "utf8"), PUBLISHED, "only `published` changed, byte for byte");
    assert.deepEqual(remotePostCommits(repo.bare), [`Publish ${POST_REL}: Zenn に公開する`]);
    assert.deepEqual(commitFiles(repo.bare, "main"), [POST_REL, "images/a.png"]);
    assert.equal(git(repo.bare, "show", `main:${POST_REL}`), PUBLISHED);
    assert.equal(git(repo.work, "rev-parse", "HEAD"), git(repo.bare, "rev-parse", "main"));
    // Nothing else was staged or committed.
    assert.deepEqual(lines(git(repo.work, "status", "--porcelain")).sort(), ["?? images/unused.png", "?? notes.txt"]);
    assert.match(outcome.message.en, /Committed [0-9a-f]+ "Publish articles\/zenn-publish-test01\.md: Zenn に公開する" \(articles\/zenn-publish-test01\.md, images\/a\.png\) and pushed it to origin\/main/);
    assert.match(outcome.message.en, /Images referenced but not found \(not pushed\): \/images\/missing\.png/);
    assert.match(outcome.message.ja, /push しました/);
  });

  it("publish again with nothing changed: says so, pushes nothing new; a later local commit is pushed", async () => {
    const repo = makeRepo();
    success(await publish(repo, "publish"));
    const again = success(await publish(repo, "publish"));
    assert.equal(again.text, PUBLISHED);
    assert.equal(fs.readFileSync(repo.post, "utf8"), PUBLISHED);
    assert.match(again.message.en, /^Nothing to commit: articles\/zenn-publish-test01\.md and its images are unchanged and already pushed to origin\/main\./);
    assert.deepEqual(remotePostCommits(repo.bare), [`Publish ${POST_REL}: Zenn に公開する`]);

    // Ahead of the remote with an unrelated commit: still nothing of ours to commit, but pushed.
    git(repo.work, "add", "notes.txt");
    git(repo.work, "commit", "-q", "-m", "notes");
    const ahead = success(await publish(repo, "publish"));
    assert.match(ahead.message.en, /^Nothing to commit: .*pushed the earlier local commits to origin\/main\./);
    assert.equal(git(repo.work, "rev-parse", "HEAD"), git(repo.bare, "rev-parse", "main"));
    assert.deepEqual(remotePostCommits(repo.bare), [`Publish ${POST_REL}: Zenn に公開する`]);
  });

  it("draft: leaves published as it is and pushes the post as a draft", async () => {
    const repo = makeRepo();
    const outcome = success(await publish(repo, "draft"));
    assert.equal(outcome.text, POST);
    assert.equal(fs.readFileSync(repo.post, "utf8"), POST, "the file is untouched");
    assert.deepEqual(remotePostCommits(repo.bare), [`Update draft ${POST_REL}: Zenn に公開する`]);
    assert.equal(git(repo.bare, "show", `main:${POST_REL}`), POST);
    assert.deepEqual(commitFiles(repo.bare, "main"), [POST_REL, "images/a.png"]);
    assert.match(outcome.message.en, /stays a draft on Zenn \(published: false\)/);
  });

  it("not a repository: refuses, writes nothing", async () => {
    const dir = path.join(root, `case-${++counter}`, "articles");
    fs.mkdirSync(dir, { recursive: true });
    const post = path.join(dir, `${SLUG}.md`);
    fs.writeFileSync(post, POST);
    const error = failure(await publish({ post }, "publish"));
    assert.equal(error.kind, "git");
    assert.match(error.message.en, /is not in a git repository/);
    assert.match(error.message.en, /git remote add origin/);
    assert.equal(fs.readFileSync(post, "utf8"), POST);
  });

  it("detached HEAD: refuses, writes and commits nothing", async () => {
    const repo = makeRepo();
    git(repo.work, "checkout", "-q", "--detach");
    const head = git(repo.work, "rev-parse", "HEAD");
    const error = failure(await publish(repo, "publish"));
    assert.equal(error.kind, "git");
    assert.match(error.message.en, /HEAD is detached/);
    assert.match(error.message.en, /git switch main/);
    assert.equal(fs.readFileSync(repo.post, "utf8"), POST);
    assert.equal(git(repo.work, "rev-parse", "HEAD"), head);
    assert.deepEqual(remotePostCommits(repo.bare), []);
  });

  it("no remote, or the configured remote missing: refuses with how to add one", async () => {
    const lonely = makeRepo({ remote: false });
    const head = git(lonely.work, "rev-parse", "HEAD");
    const none = failure(await publish(lonely, "publish"));
    assert.equal(none.kind, "git");
    assert.match(none.message.en, /has no remote/);
    assert.match(none.message.en, /git remote add origin https:\/\/github\.com\//);
    assert.equal(fs.readFileSync(lonely.post, "utf8"), POST);
    assert.equal(git(lonely.work, "rev-parse", "HEAD"), head);

    const repo = makeRepo();
    const wrong = failure(await publish(repo, "publish", { remote: "zenn" }));
    assert.equal(wrong.kind, "git");
    assert.match(wrong.message.en, /The remote "zenn" does not exist \(this repository has: origin\)/);
    assert.match(wrong.message.en, /git remote add zenn/);
    assert.equal(fs.readFileSync(repo.post, "utf8"), POST);
    assert.deepEqual(remotePostCommits(repo.bare), []);
  });

  it("other staged changes stay staged and are not in the commit", async () => {
    const repo = makeRepo();
    fs.writeFileSync(path.join(repo.work, "README.md"), "# blog\n\nstaged edit\n");
    fs.writeFileSync(path.join(repo.work, "staged.txt"), "staged new file\n");
    git(repo.work, "add", "README.md", "staged.txt");
    const outcome = success(await publish(repo, "publish"));
    assert.equal(fs.readFileSync(repo.post, "utf8"), PUBLISHED);
    assert.deepEqual(commitFiles(repo.bare, "main"), [POST_REL, "images/a.png"]);
    assert.deepEqual(remotePostCommits(repo.bare), [`Publish ${POST_REL}: Zenn に公開する`]);
    assert.deepEqual(lines(git(repo.work, "diff", "--cached", "--name-only")).sort(), ["README.md", "staged.txt"]);
    assert.equal(git(repo.work, "show", ":README.md"), "# blog\n\nstaged edit\n", "the staged content is kept");
    assert.equal(git(repo.bare, "show", "main:README.md"), "# blog\n", "and not pushed");
    assert.match(outcome.message.en, /Other staged changes were left staged and not committed: README\.md, staged\.txt/);
  });

  it("push rejected (non-fast-forward): the commit stays, the message says to pull --rebase", async () => {
    const repo = makeRepo();
    const other = path.join(repo.dir, "other");
    git(repo.dir, "clone", "-q", repo.bare, other);
    git(other, "config", "user.name", "Elsewhere");
    git(other, "config", "user.email", "elsewhere@example.com");
    fs.writeFileSync(path.join(other, "README.md"), "# blog (edited on GitHub)\n");
    git(other, "commit", "-q", "-am", "edited elsewhere");
    git(other, "push", "-q", "origin", "main");

    const error = failure(await publish(repo, "publish"));
    assert.equal(error.kind, "git");
    assert.match(error.message.en, /rejected: origin\/main has commits that your branch does not have\. Run git pull --rebase origin main, then publish again\./);
    assert.match(error.message.en, /The commit [0-9a-f]+ \("Publish articles\/zenn-publish-test01\.md: Zenn に公開する"\) stays in your local repository\./);
    assert.equal(git(repo.work, "log", "-1", "--format=%s"), `Publish ${POST_REL}: Zenn に公開する\n`);
    assert.deepEqual(commitFiles(repo.work, "HEAD"), [POST_REL, "images/a.png"]);
    assert.equal(fs.readFileSync(repo.post, "utf8"), PUBLISHED, "published: true stays, as committed");
    assert.deepEqual(remotePostCommits(repo.bare), []);
  });

  it("push refused by a remote hook: the commit stays, the message says the remote refused it", { skip: process.platform === "win32" && "hooks need sh" }, async () => {
    const repo = makeRepo();
    const hook = path.join(repo.bare, "hooks", "pre-receive");
    fs.writeFileSync(hook, "#!/bin/sh\necho 'policy: pushes are closed' >&2\nexit 1\n");
    fs.chmodSync(hook, 0o755);
    const error = failure(await publish(repo, "publish"));
    assert.equal(error.kind, "git");
    assert.match(error.message.en, /^origin refused the push \(a hook or a branch protection rule on the remote\)/);
    assert.match(error.detail ?? "", /policy: pushes are closed/);
    assert.match(error.message.en, /stays in your local repository/);
    assert.equal(fs.readFileSync(repo.post, "utf8"), PUBLISHED);
    assert.deepEqual(remotePostCommits(repo.bare), []);
  });

  it("authentication needed (HTTP 401 from a loopback server): kind auth, no prompt, no hang", async () => {
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"', "Content-Type": "text/plain" });
      res.end("Unauthorized");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const repo = makeRepo({ remote: false });
      git(repo.work, "remote", "add", "origin", `http://127.0.0.1:${(server.address() as AddressInfo).port}/me/blog.git`);
      const error = failure(await publish(repo, "publish"));
      assert.equal(error.kind, "auth");
      assert.match(error.message.en, /refused for lack of credentials/);
      assert.match(error.message.en, /credential helper/);
      assert.match(error.detail ?? "", /terminal prompts disabled/, "GIT_TERMINAL_PROMPT=0 reached git");
      assert.equal(fs.readFileSync(repo.post, "utf8"), PUBLISHED);
      assert.ok(requests.length > 0 && requests.every((r) => r.startsWith("GET ") && r.includes("/info/refs")), `nothing was sent: ${requests.join(", ")}`);
    } finally {
      server.close();
    }
  });

  it("authentication failure as GitHub words it (stderr through a fake push): kind auth", async () => {
    for (const stderr of [
      "remote: Invalid username or password.\nfatal: Authentication failed for 'https://github.com/me/blog.git/'\n",
      "git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.\n",
    ]) {
      const repo = makeRepo();
      const fake: GitRunner = (args, cwd) => (args[0] === "push" ? Promise.resolve({ code: 128, stdout: "", stderr }) : runner(args, cwd));
      const error = failure(await publish(repo, "publish", {}, fake));
      assert.equal(error.kind, "auth", stderr);
      assert.equal(error.detail, stderr.trim());
      assert.match(error.message.ja, /認証情報ヘルパー/);
      assert.equal(fs.readFileSync(repo.post, "utf8"), PUBLISHED);
      assert.deepEqual(remotePostCommits(repo.bare), []);
    }
  });

  it("an unreachable remote: kind network, the commit stays", async () => {
    const repo = makeRepo({ remote: false });
    git(repo.work, "remote", "add", "origin", "https://127.0.0.1:1/me/blog.git");
    const error = failure(await publish(repo, "publish"));
    assert.equal(error.kind, "network");
    assert.match(error.message.en, /^git push could not reach origin: .*Failed to connect to 127\.0\.0\.1 port 1/);
    assert.match(error.message.en, /stays in your local repository/);
    assert.equal(git(repo.work, "log", "-1", "--format=%s"), `Publish ${POST_REL}: Zenn に公開する\n`);
  });

  it("a push that never answers is stopped at the time limit: kind timeout, the commit stays", async () => {
    const sockets = new Set<import("node:net").Socket>();
    const server = http.createServer(() => {
      // Never answers.
    });
    server.on("connection", (s) => sockets.add(s));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const repo = makeRepo({ remote: false });
      git(repo.work, "remote", "add", "origin", `http://127.0.0.1:${(server.address() as AddressInfo).port}/me/blog.git`);
      const quick = nodeGitRunner(env, { timeoutMs: 1500 });
      const slowOnlyOnPush: GitRunner = (args, cwd) => (args[0] === "push" ? quick(args, cwd) : runner(args, cwd));
      const started = Date.now();
      const error = failure(await publish(repo, "publish", {}, slowOnlyOnPush));
      assert.ok(Date.now() - started < 10_000, "settled at the limit");
      assert.equal(error.kind, "timeout");
      assert.match(error.message.en, /^git push did not finish in time and was stopped\. The commit [0-9a-f]+ .* stays in your local repository\./);
      assert.equal(fs.readFileSync(repo.post, "utf8"), PUBLISHED);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  it("refuses a post outside articles/, one that differs from the disk, an ignored image and an LFS image, before writing", async () => {
    const repo = makeRepo();
    const stray = path.join(repo.work, "drafts", `${SLUG}.md`);
    fs.mkdirSync(path.dirname(stray));
    fs.writeFileSync(stray, POST);
    const outside = failure(await publish({ post: stray }, "publish"));
    assert.equal(outside.kind, "local");
    assert.match(outside.message.en, /Zenn publishes the articles in articles\/ .*this post is drafts\/zenn-publish-test01\.md/);
    assert.equal(fs.readFileSync(stray, "utf8"), POST);

    const unsaved = failure(await publish(repo, "publish", {}, runner, `${POST}more`));
    assert.equal(unsaved.kind, "local");
    assert.match(unsaved.message.en, /differs from the text to publish/);

    fs.writeFileSync(path.join(repo.work, ".gitignore"), "*.png\n");
    const ignored = failure(await publish(repo, "publish"));
    assert.equal(ignored.kind, "local");
    assert.match(ignored.message.en, /ignored by \.gitignore.*: images\/a\.png/);
    assert.equal(fs.readFileSync(repo.post, "utf8"), POST);
    assert.deepEqual(remotePostCommits(repo.bare), []);
    assert.equal(git(repo.work, "diff", "--cached", "--name-only"), "");

    // An image .gitattributes stores with Git LFS (no git-lfs needed: git reads the attribute itself).
    fs.writeFileSync(path.join(repo.work, ".gitignore"), "");
    fs.mkdirSync(path.join(repo.work, "images"), { recursive: true });
    fs.writeFileSync(path.join(repo.work, "images", ".gitattributes"), "*.png filter=lfs diff=lfs merge=lfs -text\n");
    const lfs = failure(await publish(repo, "publish"));
    assert.equal(lfs.kind, "local");
    assert.match(lfs.message.en, /stored with Git LFS.*: images\/a\.png/);
    assert.equal(fs.readFileSync(repo.post, "utf8"), POST);
    assert.deepEqual(remotePostCommits(repo.bare), []);
  });
});

describe("nodeGitRunner", () => {
  it("reports a missing git as GitRunFailure('missing') and a missing folder as a git error", async () => {
    const missing = nodeGitRunner(env, { gitPath: path.join(root, "no-such-git") });
    await assert.rejects(missing(["--version"], root), (e: unknown) => e instanceof GitRunFailure && e.reason === "missing");
    const r = await runner(["status"], path.join(root, "no-such-folder"));
    assert.equal(r.code, 128);
    assert.match(r.stderr, /cannot change to/);
  });

  it("passes arguments without a shell and returns git's exit code and output", async () => {
    const r = await runner(["rev-parse", "--sq-quote", "$(echo hi)", "a b;c"], root);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), "'$(echo hi)' 'a b;c'");
    const bad = await runner(["no-such-command-x"], root);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /is not a git command/);
  });
});
