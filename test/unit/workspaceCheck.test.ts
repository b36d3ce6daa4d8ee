/** Check All Posts' pure part: which files are posts, the run with cancellation and progress, the freshness rules. */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { actionFor, isWorkspacePost, runPosts, type PostFacts } from "../../server/src/core/check/workspaceCheck";

const root = path.resolve("/ws");
const at = (...parts: string[]) => path.join(root, ...parts);

describe("isWorkspacePost", () => {
  it("takes Markdown files of a folder, as tsuzuri check <folder> lists them", () => {
    assert.equal(isWorkspacePost(at("articles", "a.md"), [root]), true);
    assert.equal(isWorkspacePost(at("b.markdown"), [root]), true);
    assert.equal(isWorkspacePost(at("notes.txt"), [root]), false);
    assert.equal(isWorkspacePost(at("a.MD"), [root]), false, "the listing's glob is case-sensitive");
  });

  it("skips node_modules, dot-folders and dot-files, and files outside every folder", () => {
    assert.equal(isWorkspacePost(at("node_modules", "pkg", "README.md"), [root]), false);
    assert.equal(isWorkspacePost(at(".git", "x.md"), [root]), false);
    assert.equal(isWorkspacePost(at(".github", "PULL_REQUEST_TEMPLATE.md"), [root]), false);
    assert.equal(isWorkspacePost(at(".draft.md"), [root]), false);
    assert.equal(isWorkspacePost(path.resolve("/elsewhere/a.md"), [root]), false);
    assert.equal(isWorkspacePost(path.resolve("/ws2/a.md"), [root]), false, "a folder's name is not a prefix of another's");
    assert.equal(isWorkspacePost(path.resolve("/ws2/a.md"), [root, path.resolve("/ws2")]), true);
  });
});

describe("runPosts", () => {
  it("publishes each result and reports n/total; posts without a result are counted, not published", async () => {
    const published: string[] = [];
    const progress: string[] = [];
    const summary = await runPosts({
      files: ["a", "b", "open"],
      concurrency: 2,
      isCancelled: () => false,
      check: async (f) => (f === "open" ? undefined : `result of ${f}`),
      publish: (f, r) => published.push(`${f}: ${r}`),
      progress: (done, total) => progress.push(`${done}/${total}`),
    });
    assert.deepEqual(published.sort(), ["a: result of a", "b: result of b"]);
    assert.deepEqual(progress, ["1/3", "2/3", "3/3"]);
    assert.deepEqual(summary, { total: 3, done: 3, published: 2, cancelled: false });
  });

  it("once cancelled starts no post and drops a result that arrives after the cancel", async () => {
    let cancelled = false;
    const started: string[] = [];
    const published: string[] = [];
    const files = ["1", "2", "3", "4", "5", "6"];
    const summary = await runPosts({
      files,
      concurrency: 2,
      isCancelled: () => cancelled,
      check: async (f) => {
        started.push(f);
        await new Promise((resolve) => setImmediate(resolve));
        // The cancel comes while post 3 is being linted (post 4 beside it).
        if (f === "3") cancelled = true;
        return f;
      },
      publish: (f) => published.push(f),
      progress: () => undefined,
    });
    assert.deepEqual(started, ["1", "2", "3", "4"]);
    assert.deepEqual(published, ["1", "2"], "3 and 4 ended after the cancel: not published");
    assert.deepEqual(summary, { total: 6, done: 2, published: 2, cancelled: true });
  });

  it("a run cancelled after its last post is not reported as cancelled", async () => {
    let cancelled = false;
    const summary = await runPosts({ files: ["a"], concurrency: 1, isCancelled: () => cancelled, check: async () => 1, publish: () => undefined, progress: () => (cancelled = true) });
    assert.equal(summary.cancelled, false);
  });
});

describe("actionFor", () => {
  const facts = (over: Partial<PostFacts> = {}): PostFacts => ({ checked: true, post: true, open: false, published: true, ...over });

  it("re-lints a created, changed or closed post after a run", () => {
    for (const event of ["created", "changed", "closed"] as const) assert.equal(actionFor(event, facts()), "lint", event);
    assert.equal(actionFor("created", facts({ published: false })), "lint", "a new post is checked too");
  });

  it("clears a deleted post's diagnostics, only when it published them", () => {
    assert.equal(actionFor("deleted", facts()), "clear");
    assert.equal(actionFor("deleted", facts({ published: false })), "none");
  });

  it("does nothing before the first run, for a file that is not a post, or for an open post", () => {
    for (const event of ["created", "changed", "deleted", "closed"] as const) {
      assert.equal(actionFor(event, facts({ checked: false })), "none");
      assert.equal(actionFor(event, facts({ post: false })), "none");
      assert.equal(actionFor(event, facts({ open: true })), "none");
    }
  });
});
