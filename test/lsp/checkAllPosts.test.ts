/**
 * Check All Posts over real JSON-RPC (`tsuzuri/checkAllPosts`): the posts not open are linted and
 * published, with work-done progress; a second run comes from the cache; file events keep the
 * results fresh; closing a post brings its workspace result back; a cancel stops the run.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { CancellationTokenSource, WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from "vscode-languageserver-protocol/node";
import { LspSession, type Published } from "../helpers/lspHarness";
import { makeWorkspace, RANUKI, removeWorkspace, write } from "../helpers/workspace";
import { CHECK_ALL_METHOD, type CheckAllParams, type CheckAllResult } from "../../server/src/protocol";

const RA = "ja-technical-writing/no-dropping-the-ra";
const uriOf = (file: string) => pathToFileURL(file).href;
const hasRa = (p: Published) => p.diagnostics.some((d) => d.code === RA);
type Progress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

let runs = 0;
/** Runs Check All Posts with its own progress token; `onProgress` sees each `$/progress` value. */
function checkAll(session: LspSession, cacheFile: string, onProgress: (value: Progress) => void = () => undefined, token?: CancellationTokenSource): Promise<CheckAllResult> {
  const workDoneToken = `test-${++runs}`;
  const subscription = session.connection.onProgress(WorkDoneProgress.type, workDoneToken, onProgress);
  const params: CheckAllParams = { cacheFile, workDoneToken };
  // No token argument at all when there is none: an undefined one would be sent as a second parameter.
  const answer = token ? session.connection.sendRequest<CheckAllResult>(CHECK_ALL_METHOD, params, token.token) : session.connection.sendRequest<CheckAllResult>(CHECK_ALL_METHOD, params);
  return answer.finally(() => subscription.dispose());
}

describe("Check All Posts over LSP", () => {
  let ws: string;
  let session: LspSession;
  let cacheFile: string;
  const file = (name: string) => path.join(ws, name);

  before(async () => {
    ws = makeWorkspace({
      "articles/ranuki.md": `# 映画\n\n${RANUKI}\n`,
      "articles/deep/other.md": `# 家族\n\n${RANUKI}\n`,
      "clean.md": "# 記事\n\n今日は晴れです。\n",
      // A Zenn book (articles/ beside books/): its config.yaml gets the book's checks, no textlint.
      "books/check-all-book-01/config.yaml": `title: "${RANUKI}"\nsummary: "説明"\ntopics: ["zenn"]\npublished: false\nprice: "0"\n`,
      "open.md": `# 開いた記事\n\n${RANUKI}\n`,
      // Never posts, as for tsuzuri check: a package's README and a dot-folder.
      "node_modules/pkg/README.md": `${RANUKI}\n`,
      ".github/TEMPLATE.md": `${RANUKI}\n`,
    });
    cacheFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-cache-")), "check-all.tsuzuricache");
    session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
  });
  after(async () => {
    await session.stop();
    removeWorkspace(ws);
    fs.rmSync(path.dirname(cacheFile), { recursive: true, force: true });
  });

  it("lints every post not open, publishes its diagnostics and reports progress n/total", async () => {
    const openUri = session.open(file("open.md"), `# 開いた記事\n\n${RANUKI}\n`);
    await session.nextDiagnostics(openUri);
    const from = session.diagnostics.all.length;
    const progress: Progress[] = [];
    const result = await checkAll(session, cacheFile, (v) => progress.push(v));
    const published = session.diagnostics.all.slice(from);
    const byUri = new Map(published.map((p) => [p.uri, p]));
    // The summary counts what the run published (the open post's problems are the editor's).
    const all = [...byUri.values()].flatMap((p) => p.diagnostics);
    const errors = all.filter((d) => d.severity === 1).length;
    const warnings = all.filter((d) => d.severity === 2).length;
    assert.ok(errors >= 3 && warnings >= 1, `two ら抜き posts and the book: ${errors} errors, ${warnings} warnings`);
    assert.deepEqual({ ...result, fromCache: 0 }, { total: 5, done: 5, published: 4, fromCache: 0, cancelled: false, errors, warnings, postsWithProblems: 3 });
    assert.ok(hasRa(byUri.get(uriOf(file("articles/ranuki.md")))!), "an unopened post's problems are published");
    assert.ok(hasRa(byUri.get(uriOf(file("articles/deep/other.md")))!));
    assert.deepEqual(byUri.get(uriOf(file("clean.md")))?.diagnostics, []);
    const book = byUri.get(uriOf(file("books/check-all-book-01/config.yaml")))?.diagnostics.map((d) => d.code);
    assert.deepEqual(book, ["frontmatter/zenn-book-price", "frontmatter/zenn-book-cover"], "the book's rules, no textlint on its YAML");
    assert.equal(byUri.has(openUri), false, "the open post is the live lint's");
    assert.equal(byUri.has(uriOf(file("node_modules/pkg/README.md"))), false);
    assert.equal(byUri.has(uriOf(file(".github/TEMPLATE.md"))), false);
    assert.equal(progress[0]?.kind, "begin");
    assert.deepEqual(
      progress.filter((p): p is WorkDoneProgressReport => p.kind === "report").map((p) => p.message),
      ["1/5", "2/5", "3/5", "4/5", "5/5"],
    );
    assert.equal(progress.at(-1)?.kind, "end");
    assert.ok(fs.existsSync(cacheFile), "the cache is written where the client said");
  });

  it("takes an unchanged post from the cache on the second run", async () => {
    const result = await checkAll(session, cacheFile);
    assert.equal(result.published, 4);
    assert.equal(result.fromCache, 3, "no post linted again");
    assert.ok(session.logs.some((l) => /check all: 5\/5 posts in \d+ ms, 3 from the cache/.test(l)));
  });

  it("re-lints a changed post, checks a new one and clears a deleted one's diagnostics (didChangeWatchedFiles)", async () => {
    const changed = uriOf(write(ws, "articles/ranuki.md", "# 映画\n\n家族で見られる映画です。\n"));
    const created = uriOf(write(ws, "new.md", `# 新しい記事\n\n${RANUKI}\n`));
    const deleted = uriOf(file("articles/deep/other.md"));
    fs.rmSync(file("articles/deep/other.md"));
    const whenChanged = session.nextDiagnostics(changed);
    const whenCreated = session.nextDiagnostics(created);
    const whenDeleted = session.nextDiagnostics(deleted);
    await session.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [
        { uri: changed, type: 2 },
        { uri: created, type: 1 },
        { uri: deleted, type: 3 },
      ],
    });
    assert.equal(hasRa(await whenChanged), false, "the fixed text's result replaces the old one");
    assert.ok(hasRa(await whenCreated));
    assert.deepEqual((await whenDeleted).diagnostics, []);
  });

  it("hands the post back to its workspace result when its editor closes", async () => {
    const openUri = uriOf(file("open.md"));
    const cleared = session.nextDiagnostics(openUri);
    session.close(openUri);
    assert.deepEqual((await cleared).diagnostics, [], "the live lint's diagnostics go with the editor");
    const back = await session.diagnostics.next((p) => p.uri === openUri && p.diagnostics.length > 0);
    assert.ok(hasRa(back), "then the post's workspace result (from disk) is published");
  });
});

describe("Check All Posts cancelled", () => {
  let ws: string;
  let session: LspSession;

  before(async () => {
    const posts: Record<string, string> = {};
    for (let i = 0; i < 60; i++) posts[`posts/p${String(i).padStart(2, "0")}.md`] = `# 記事 ${i}\n\n${RANUKI}\n\n${"今日は晴れです。".repeat(40)}\n`;
    ws = makeWorkspace(posts);
    session = await LspSession.start({ workspaceFolders: [ws] });
  });
  after(async () => {
    await session.stop();
    removeWorkspace(ws);
  });

  it("stops soon after the cancel and keeps what was published", async () => {
    const source = new CancellationTokenSource();
    const from = session.diagnostics.all.length;
    // Cancelled once the second post is published: the run must not go on to the sixtieth.
    const result = await checkAll(session, path.join(ws, ".cache", "c"), (v) => v.kind === "report" && v.message === "2/60" && source.cancel(), source);
    assert.equal(result.cancelled, true);
    assert.ok(result.done >= 2 && result.done < 60, `${result.done} of 60 done`);
    const published = session.diagnostics.all.slice(from);
    assert.equal(published.length, result.published, "nothing is published after the answer");
    assert.ok(published.every(hasRa));
    // The server goes on working: the next run takes the cancelled run's posts from the cache.
    const again = await checkAll(session, path.join(ws, ".cache", "c"));
    assert.equal(again.cancelled, false);
    assert.ok(again.fromCache >= result.published, `${again.fromCache} from the cache`);
  });
});
