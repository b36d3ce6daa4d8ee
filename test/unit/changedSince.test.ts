import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { changedSince } from "../../server/src/core/check/changedSince";
import { GitRunFailure, type GitResult, type GitRunner } from "../../server/src/core/publish/git";

const ROOT = path.resolve("/repo");
const ok = (stdout = ""): GitResult => ({ code: 0, stdout, stderr: "" });

/** A git that answers by subcommand as told, and records every call. */
function fakeGit(answers: Record<string, GitResult | Error>): { git: GitRunner; calls: string[][] } {
  const calls: string[][] = [];
  const git: GitRunner = async (args) => {
    calls.push(args);
    const sub = args.find((a) => ["rev-parse", "diff", "ls-files"].includes(a)) ?? "";
    const key = sub === "rev-parse" ? (args.includes("--show-toplevel") ? "toplevel" : "verify") : sub;
    const answer = answers[key];
    if (answer instanceof Error) throw answer;
    if (!answer) throw new Error(`unexpected git ${args.join(" ")}`);
    return answer;
  };
  return { git, calls };
}

const DIFF = ["diff --git a/a.md b/a.md", "--- a/a.md", "+++ b/a.md", "@@ -2 +2,2 @@", "-x", "+y", "+z", ""].join("\n");

describe("changedSince", () => {
  it("gives tracked files their changed lines, unchanged tracked files none, and untracked or outside files all", async () => {
    const { git, calls } = fakeGit({ toplevel: ok(`${ROOT}\n`), verify: ok("abc123\n"), diff: ok(DIFF), "ls-files": ok("a.md\0b.md\0") });
    const files = ["a.md", "b.md", "c.md"].map((n) => path.join(ROOT, n)).concat(path.resolve("/elsewhere/d.md"));
    const outcome = await changedSince(git, "origin/main", path.join(ROOT, "posts"), files, (p) => p);
    assert.ok(outcome.ok);
    assert.deepEqual([...outcome.changed.values()], [[[2, 3]], [], "all", "all"]);
    assert.deepEqual([...outcome.changed.keys()], files);
    const diffCall = calls.find((c) => c.includes("diff")) ?? [];
    assert.deepEqual(diffCall.slice(-2), ["abc123", "--"], "the commit the ref names, and no path ever read as an option");
    assert.ok(diffCall.includes("--unified=0") && diffCall.includes("--dst-prefix=b/") && diffCall.includes("-M"));
    assert.ok(calls.find((c) => c.includes("--verify"))?.includes("origin/main^{commit}"));
  });

  it("follows symbolic links to the repository's real paths", async () => {
    const { git } = fakeGit({ toplevel: ok(`${ROOT}\n`), verify: ok("abc\n"), diff: ok(DIFF), "ls-files": ok("a.md\0") });
    const link = path.resolve("/link/a.md");
    const outcome = await changedSince(git, "HEAD", path.resolve("/link"), [link], (p) => (p === link ? path.join(ROOT, "a.md") : p));
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.changed.get(link), [[2, 3]]);
  });

  it("says why, in English and Japanese, when it cannot know", async () => {
    const cases: { answers: Record<string, GitResult | Error>; ref?: string; en: RegExp }[] = [
      { answers: { toplevel: new GitRunFailure("missing", "git was not found") }, en: /needs git, which was not found/ },
      { answers: { toplevel: { code: 128, stdout: "", stderr: "fatal: not a git repository (or any of the parent directories): .git\n" } }, en: /works in a git repository/ },
      { answers: { toplevel: ok(ROOT), verify: { code: 1, stdout: "", stderr: "" } }, ref: "nope", en: /"nope" is not a commit this repository knows/ },
      { answers: { toplevel: ok(ROOT) }, ref: "--exec=x", en: /"--exec=x" is not a commit/ },
      { answers: { toplevel: ok(ROOT), verify: ok("abc"), diff: { code: 0, stdout: DIFF, stderr: "\n(git's output was cut at 33554432 bytes)" } }, en: /git diff failed.*output was cut/ },
      { answers: { toplevel: ok(ROOT), verify: ok("abc"), diff: ok(DIFF), "ls-files": { code: 128, stdout: "", stderr: "fatal: index file corrupt\n" } }, en: /git ls-files failed \(exit 128\): fatal: index file corrupt/ },
    ];
    for (const c of cases) {
      const { git, calls } = fakeGit(c.answers);
      const outcome = await changedSince(git, c.ref ?? "HEAD", ROOT, [path.join(ROOT, "a.md")], (p) => p);
      assert.equal(outcome.ok, false);
      if (outcome.ok) continue;
      assert.match(outcome.message.en, c.en);
      assert.match(outcome.message.ja, /--changed-since/);
      assert.notEqual(outcome.message.ja, outcome.message.en);
      if (c.ref?.startsWith("-")) assert.ok(!calls.some((args) => args.includes(`${c.ref}^{commit}`)), "a ref like an option never reaches git");
    }
  });
});
