/**
 * `tsuzuri check --changed-since <ref>` on a git repository built here: only problems on lines
 * changed since the ref (edited, renamed with edits, staged new, untracked), the exit code of those
 * alone, and exit 2 with a message for a bad ref, outside a repository and with --fix.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { TextlintResult } from "@textlint/types";
import { makeWorkspace, removeWorkspace, write } from "../helpers/workspace";
import { jsonResults, tsuzuri, type Run } from "./harness";

const RA = "この映画は家族で見れる。"; // ら抜き言葉: an error of the bundled preset

const BASE: Record<string, string> = {
  "post.md": ["# 変更の確認", "", RA, "", "ここは問題のない文です。", "", "最後の文です。", ""].join("\n"),
  "old-name.md": ["# 名前", "", "彼は明日も来れる。", "", "問題のない文です。", ""].join("\n"),
  "untouched.md": ["# そのまま", "", RA, ""].join("\n"),
};

/** What the working tree becomes, and the lines (1-based) that changed in each file: "all" for new ones. */
const CHANGES: { name: string; text?: string; changed: number[] | "all" }[] = [
  { name: "post.md", text: BASE["post.md"]?.replace("ここは問題のない文です。", "ここで来れる人は少ない。"), changed: [5] },
  { name: "renamed.md", text: BASE["old-name.md"]?.replace("問題のない文です。", "ここも見れる。"), changed: [5] },
  { name: "untouched.md", changed: [] },
  { name: "staged.md", text: `新しく足した記事でも見れる。\n\n${RA}\n`, changed: "all" },
  { name: "drafts/new.md", text: `まだ追跡されていない記事でも来れる。\n`, changed: "all" },
];

function git(cwd: string, ...args: string[]): string {
  const config = ["-c", "user.name=Test Writer", "-c", "user.email=writer@example.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"];
  return execFileSync("git", [...config, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

const workspaces: string[] = [];
after(() => workspaces.forEach(removeWorkspace));

function repo(files: Record<string, string>): string {
  const dir = makeWorkspace(files);
  workspaces.push(dir);
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  return dir;
}

const messagesOf = (results: TextlintResult[], dir: string, name: string) => results.find((r) => r.filePath === path.join(dir, name))?.messages ?? [];

describe("--changed-since", () => {
  let dir: string;
  let full: Run;
  let since: Run;
  before(async () => {
    dir = repo(BASE);
    git(dir, "mv", "old-name.md", "renamed.md");
    for (const c of CHANGES) if (c.text !== undefined) write(dir, c.name, c.text);
    git(dir, "add", "staged.md");
    [full, since] = await Promise.all([tsuzuri(["check", "--format", "json"], dir), tsuzuri(["check", "--format", "json", "--changed-since", "HEAD"], dir)]);
  });

  it("reports exactly the problems of the full run that lie on changed lines", () => {
    assert.equal(full.code, 1, full.describe());
    assert.equal(since.code, 1, since.describe());
    const all = jsonResults(full);
    const changed = jsonResults(since);
    let kept = 0;
    let dropped = 0;
    for (const c of CHANGES) {
      const everything = messagesOf(all, dir, c.name);
      assert.ok(everything.length > 0, `${c.name} has problems to filter`);
      const expected = everything.filter((m) => c.changed === "all" || c.changed.includes(m.line));
      assert.deepEqual(messagesOf(changed, dir, c.name), expected, c.name);
      kept += expected.length;
      dropped += everything.length - expected.length;
    }
    assert.ok(kept >= 5 && dropped >= 3, `kept ${kept}, dropped ${dropped}`);
    assert.deepEqual(changed.map((r) => r.filePath).sort(), all.map((r) => r.filePath).sort(), "every file is still listed");
  });

  it("exits 0 when the changed lines are clean, whatever the rest of the file says", async () => {
    const clean = repo({ "post.md": ["# 見出し", "", RA, "", "最後の文です。", ""].join("\n") });
    write(clean, "post.md", ["# 見出し", "", RA, "", "最後の文章です。", ""].join("\n"));
    const [whole, onlyChanged] = await Promise.all([tsuzuri(["check", "--format", "json"], clean), tsuzuri(["check", "--changed-since", "HEAD", "--format", "json"], clean)]);
    assert.equal(whole.code, 1, whole.describe());
    assert.equal(onlyChanged.code, 0, onlyChanged.describe());
    assert.deepEqual(messagesOf(jsonResults(onlyChanged), clean, "post.md"), []);
  });

  it("exits 2 with a message for a ref git does not know, outside a repository, and with --fix", async () => {
    const outside = makeWorkspace({ "post.md": `${RA}\n` });
    workspaces.push(outside);
    const [badRef, dashRef, notRepo, withFix] = await Promise.all([
      tsuzuri(["check", "--changed-since", "no-such-branch"], dir),
      tsuzuri(["check", "--changed-since=--output=x"], dir),
      tsuzuri(["check", "--changed-since", "HEAD"], outside),
      tsuzuri(["check", "--fix", "--changed-since", "HEAD"], dir),
    ]);
    for (const r of [badRef, dashRef, notRepo, withFix]) {
      assert.equal(r.code, 2, r.describe());
      assert.equal(r.stdout, "", r.describe());
      assert.match(r.stderr, /^tsuzuri: --changed-since/, r.describe());
    }
    assert.match(badRef.stderr, /"no-such-branch" is not a commit this repository knows/);
    assert.match(dashRef.stderr, /"--output=x" is not a commit/);
    assert.match(notRepo.stderr, /works in a git repository/);
    assert.match(withFix.stderr, /does not work with --fix/);
    assert.equal(fs.existsSync(path.join(dir, "x")), false, "the ref was never given to git as an option");
  });
});
