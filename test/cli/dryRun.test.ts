/**
 * `tsuzuri check --fix --dry-run` writes nothing and prints the --fix changes as a unified diff that
 * the real `patch -p1` and `git apply` turn, byte for byte, into what --fix writes (CRLF, a BOM, no
 * final newline, names with spaces and non-ASCII names).
 */
import { after, before, describe, it, type TestContext } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";
import { FIXABLE, tsuzuri, type Run } from "./harness";

const crlf = (text: string): string => text.replace(/\n/g, "\r\n");
/** Its last line has a fix, so the diff must say "\ No newline at end of file" on both sides. */
const NO_FINAL_NEWLINE = `${FIXABLE}\n最後の行のｶﾀｶﾅも直ります。`;
const CLEAN = "# 見出し\n\n問題のない文です。\n";

/** Files with fixes in every shape of line end, and two the fixes leave alone. */
const POSTS: Record<string, string> = {
  "clean.md": CLEAN,
  "crlf.md": crlf(FIXABLE),
  "fixable.md": FIXABLE,
  "posts/bom crlf no newline.md": `\ufeff${crlf(NO_FINAL_NEWLINE)}`,
  "posts/日本語の記事.md": `\ufeff${NO_FINAL_NEWLINE}`,
  "unfixable.md": "# 直せない問題\n\nこの文は句点で終わりません\n", // ja-no-mixed-period: a fixable rule, but no fix here
};
const CHANGED = ["crlf.md", "fixable.md", "posts/bom crlf no newline.md", "posts/日本語の記事.md"];

/** Every file's bytes, by path relative to the folder. */
function bytes(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const name of Object.keys(POSTS)) out[name] = fs.readFileSync(path.join(dir, name));
  return out;
}

function assertSameBytes(actual: Record<string, Buffer>, expected: Record<string, Buffer>, what: string): void {
  for (const name of Object.keys(POSTS)) {
    const [a, e] = [actual[name], expected[name]];
    assert.ok(a && e && a.equals(e), `${what}: ${name} differs\n--- got\n${JSON.stringify(a?.toString("utf8"))}\n--- expected\n${JSON.stringify(e?.toString("utf8"))}`);
  }
}

/** Runs a tool on a patch file; skips the test if the tool is not installed. */
function apply(t: TestContext, command: string, args: string[], cwd: string): boolean {
  if (spawnSync(command, ["--version"], { encoding: "utf8" }).status !== 0) {
    t.skip(`${command} is not installed`);
    return false;
  }
  // No repository above the folder, and no user config that rewrites line ends.
  const env = { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(cwd), GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", LC_ALL: "C" };
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env });
  assert.equal(r.status, 0, `${command} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return true;
}

describe("--fix --dry-run", () => {
  const workspaces: string[] = [];
  const workspace = (): string => {
    const dir = makeWorkspace(POSTS);
    workspaces.push(dir);
    return dir;
  };
  const OLD = new Date("2020-01-01T00:00:00Z");
  let original: Record<string, Buffer>;
  let dry: string;
  let dryJson: string;
  let fixed: string;
  let dryRun: Run;
  let dryJsonRun: Run;
  let fixRun: Run;

  before(async () => {
    [dry, dryJson, fixed] = [workspace(), workspace(), workspace()];
    original = bytes(dry);
    for (const name of Object.keys(POSTS)) fs.utimesSync(path.join(dry, name), OLD, OLD);
    // Three processes side by side (each loads the dictionary).
    [dryRun, dryJsonRun, fixRun] = await Promise.all([
      tsuzuri(["check", "--fix", "--dry-run"], dry),
      tsuzuri(["check", "--fix", "--dry-run", "--format", "json"], dryJson),
      tsuzuri(["check", "--fix", "--format", "json"], fixed),
    ]);
  });
  after(() => workspaces.forEach(removeWorkspace));

  it("--fix changes the files the test expects (else the comparisons below prove nothing)", () => {
    const after = bytes(fixed);
    for (const name of Object.keys(POSTS)) {
      assert.equal(after[name]?.equals(original[name] ?? Buffer.alloc(0)), !CHANGED.includes(name), `${name} ${CHANGED.includes(name) ? "is" : "is not"} fixed`);
    }
    const crlfText = after["posts/bom crlf no newline.md"]?.toString("utf8") ?? "";
    assert.ok(crlfText.startsWith("\ufeff") && !crlfText.endsWith("\n") && !/[^\r]\n/.test(crlfText), "fixed text keeps the BOM, CRLF and no final newline");
  });

  it("writes no file: every byte and modification time stays", () => {
    assertSameBytes(bytes(dry), original, "after --dry-run");
    assertSameBytes(bytes(dryJson), original, "after --dry-run --format json");
    for (const name of Object.keys(POSTS)) assert.equal(fs.statSync(path.join(dry, name)).mtimeMs, OLD.getTime(), name);
  });

  it("exits like --fix (1: an error remains that no fix removes) with a summary on stderr", () => {
    assert.equal(fixRun.code, 1, fixRun.describe());
    assert.equal(dryRun.code, fixRun.code, dryRun.describe());
    assert.equal(dryJsonRun.code, fixRun.code, dryJsonRun.describe());
    const fixes = (JSON.parse(fixRun.stdout) as { applyingMessages: unknown[] }[]).reduce((n, r) => n + r.applyingMessages.length, 0);
    assert.ok(fixes >= 20, `${fixes} fixes`);
    assert.equal(dryRun.stderr, `tsuzuri: dry run, no file written: ${fixes} fixes would change ${CHANGED.length} files; 1 error and 0 warnings would remain\n`);
  });

  it("prints one diff per changed file, with a/ and b/ paths relative to the cwd", () => {
    const headers = [...dryRun.stdout.matchAll(/^(---|\+\+\+) (.*)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(headers, [
      "--- a/crlf.md",
      "+++ b/crlf.md",
      "--- a/fixable.md",
      "+++ b/fixable.md",
      "--- a/posts/bom crlf no newline.md\t", // as git writes it: patch(1) reads a name with a space up to the tab
      "+++ b/posts/bom crlf no newline.md\t",
      `--- "a/posts/${octal("日本語の記事")}.md"`, // as git quotes it (core.quotePath)
      `+++ "b/posts/${octal("日本語の記事")}.md"`,
    ]);
    assert.match(dryRun.stdout, /^-ｶﾀｶﾅで書かれた見出しを直します。\r\n\+カタカナで書かれた見出しを直します。\r\n/m, "CRLF lines keep their CR");
    assert.match(dryRun.stdout, /^\+最後の行のカタカナも直ります。\n\\ No newline at end of file\n/m);
    assert.match(dryRun.stdout, /^@@ -1,\d+ \+1,\d+ @@\n \ufeff# 直せる問題\r\n/m, "the BOM is kept as part of the first line (context here)");
  });

  it("patch -p1 applies the diff to give exactly the --fix output", (t) => {
    const target = workspace();
    const patchFile = path.join(target, "..", `${path.basename(target)}.patch`);
    fs.writeFileSync(patchFile, dryRun.stdout);
    try {
      if (!apply(t, "patch", ["-p1", "--batch", "--forward", "-i", patchFile], target)) return;
    } finally {
      fs.rmSync(patchFile, { force: true });
    }
    assertSameBytes(bytes(target), bytes(fixed), "patch -p1");
  });

  it("git apply applies the diff to give exactly the --fix output", (t) => {
    const target = workspace();
    const patchFile = path.join(target, "..", `${path.basename(target)}.patch`);
    fs.writeFileSync(patchFile, dryRun.stdout);
    try {
      if (!apply(t, "git", ["-c", "core.autocrlf=false", "apply", "--whitespace=nowarn", patchFile], target)) return;
    } finally {
      fs.rmSync(patchFile, { force: true });
    }
    assertSameBytes(bytes(target), bytes(fixed), "git apply");
  });

  it("with --format json prints the --fix JSON (fixed text included), still writing nothing", () => {
    const ours = JSON.parse(dryJsonRun.stdout.split(dryJson).join("<dir>")) as unknown;
    const theirs = JSON.parse(fixRun.stdout.split(fixed).join("<dir>")) as unknown;
    assert.deepEqual(ours, theirs);
    assert.match(dryJsonRun.stderr, /^tsuzuri: dry run, no file written: \d+ fixes would change 4 files;/);
  });
});

describe("--dry-run, other cases", () => {
  it("without --fix is a usage error (exit 2) that checks nothing", async () => {
    const dir = makeWorkspace({ "fixable.md": FIXABLE });
    try {
      const r = await tsuzuri(["check", "--dry-run", "fixable.md"], dir);
      assert.equal(r.code, 2, r.describe());
      assert.match(r.stderr, /--dry-run only works with --fix/);
      assert.equal(r.stdout, "");
      assert.equal(fs.readFileSync(path.join(dir, "fixable.md"), "utf8"), FIXABLE);
    } finally {
      removeWorkspace(dir);
    }
  });

  it("prints no diff and exits 0 when nothing needs fixing", async () => {
    const dir = makeWorkspace({ "clean.md": CLEAN });
    try {
      const r = await tsuzuri(["check", "--fix", "--dry-run"], dir);
      assert.equal(r.code, 0, r.describe());
      assert.equal(r.stdout, "");
      assert.equal(r.stderr, "tsuzuri: dry run, no file written: 0 fixes would change 0 files; 0 errors and 0 warnings would remain\n");
    } finally {
      removeWorkspace(dir);
    }
  });
});

/** A name as git quotes it: each UTF-8 byte of a non-ASCII character as a three-digit octal escape. */
function octal(text: string): string {
  return [...Buffer.from(text, "utf8")].map((b) => `\\${b.toString(8).padStart(3, "0")}`).join("");
}
