/**
 * `tsuzuri check --stdin --stdin-filename <path>`: the text on stdin checked as that file (its
 * config, its platform, its frontmatter checks); with --fix the fixed text on stdout, the same
 * bytes as textlint's `--stdin --fix --format fixed-result`, and no file written.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { makeWorkspace, RANUKI, removeWorkspace } from "../helpers/workspace";
import { BUNDLED_EQUIVALENT_CONFIG, FIXABLE, jsonResults, REPO_NODE_MODULES, textlint, tsuzuri, type Run, ZENN_RANUKI_POST as ZENN_POST } from "./harness";

const RANUKI_RULE = "ja-technical-writing/no-dropping-the-ra";


/** What stands on disk at the --stdin-filename path: clean, so any problem comes from stdin. */
const ON_DISK = "# 記事\n\n本文です。\n";

const workspaces: string[] = [];
after(() => workspaces.forEach(removeWorkspace));

describe("--stdin --stdin-filename", () => {
  let dir: string;
  let zenn: Run;
  let quiet: Run;
  let loud: Run;
  before(async () => {
    dir = makeWorkspace({
      "articles/short.md": ON_DISK,
      // A folder whose own config turns the ら抜き rule off.
      "quiet/.textlintrc.json": JSON.stringify({ rules: { "preset-ja-technical-writing": { "no-dropping-the-ra": false } } }),
    });
    workspaces.push(dir);
    fs.symlinkSync(REPO_NODE_MODULES, path.join(dir, "node_modules"), "dir");
    [zenn, quiet, loud] = await Promise.all([
      tsuzuri(["check", "--stdin", "--stdin-filename", "articles/short.md", "--format", "json"], dir, { input: ZENN_POST }),
      tsuzuri(["check", "--stdin", "--stdin-filename", "quiet/post.md", "--format", "json"], dir, { input: `# 記事\n\n${RANUKI}\n` }),
      tsuzuri(["check", "--stdin", "--stdin-filename", "loud/post.md", "--format", "json"], dir, { input: `# 記事\n\n${RANUKI}\n` }),
    ]);
  });

  it("checks the stdin text (not the file on disk) under that path, with its platform's frontmatter checks", () => {
    assert.equal(zenn.code, 1, zenn.describe());
    const [result, ...more] = jsonResults(zenn);
    assert.equal(more.length, 0);
    assert.equal(result?.filePath, path.join(dir, "articles", "short.md"));
    const rules = result?.messages.map((m) => m.ruleId) ?? [];
    assert.ok(rules.includes(RANUKI_RULE), `ら抜き from stdin: ${rules.join(", ")}`);
    const slug = result?.messages.find((m) => m.ruleId === "frontmatter/zenn-slug");
    assert.ok(slug, `the Zenn slug check of articles/short.md: ${rules.join(", ")}`);
    assert.match(slug.message, /"short"/);
    assert.equal(fs.readFileSync(path.join(dir, "articles", "short.md"), "utf8"), ON_DISK, "the file on disk is untouched");
  });

  it("uses the config nearest to that path (a file that does not exist)", () => {
    const rules = (r: Run): string[] => jsonResults(r).flatMap((x) => x.messages.map((m) => m.ruleId));
    assert.equal(jsonResults(quiet)[0]?.filePath, path.join(dir, "quiet", "post.md"), quiet.describe());
    assert.ok(!rules(quiet).includes(RANUKI_RULE), `quiet/.textlintrc.json turns it off: ${quiet.describe()}`);
    assert.ok(rules(loud).includes(RANUKI_RULE), `the bundled preset elsewhere: ${loud.describe()}`);
    assert.ok(!fs.existsSync(path.join(dir, "quiet", "post.md")));
  });
});

describe("--stdin --fix", () => {
  let dir: string;
  let fixed: Run;
  let fixedJson: Run;
  let theirs: string;
  before(async () => {
    dir = makeWorkspace({ "post.md": ON_DISK, "textlint-config/.textlintrc.json": JSON.stringify(BUNDLED_EQUIVALENT_CONFIG) });
    workspaces.push(dir);
    const theirsFile = path.join(dir, "textlint-fixed.md");
    let textlintRun: Run;
    [fixed, fixedJson, textlintRun] = await Promise.all([
      tsuzuri(["check", "--stdin", "--stdin-filename", "post.md", "--fix"], dir, { input: FIXABLE }),
      tsuzuri(["check", "--stdin", "--stdin-filename", "post.md", "--fix", "--format", "json"], dir, { input: FIXABLE }),
      // textlint's way to get the fixed text of stdin (it also writes it to --stdin-filename).
      textlint(
        ["--stdin", "--stdin-filename", "other.md", "--fix", "--format", "fixed-result", "--output-file", theirsFile,
          "--config", path.join(dir, "textlint-config/.textlintrc.json"), "--rules-base-directory", REPO_NODE_MODULES],
        dir,
        { input: FIXABLE },
      ),
    ]);
    assert.ok(fs.existsSync(theirsFile), textlintRun.describe());
    theirs = fs.readFileSync(theirsFile, "utf8");
  });

  it("prints exactly textlint's fixed text, and writes no file", () => {
    assert.notEqual(theirs, FIXABLE, "the sample has fixable problems");
    assert.equal(fixed.stdout, theirs, fixed.describe());
    assert.equal(fs.readFileSync(path.join(dir, "post.md"), "utf8"), ON_DISK, "the --stdin-filename file is untouched");
  });

  it("exits as --fix does: 0 when every error was fixed", () => {
    const remaining = (JSON.parse(fixedJson.stdout) as { remainingMessages: { severity: number }[] }[])[0]?.remainingMessages ?? [];
    assert.equal(fixed.code, remaining.some((m) => m.severity === 2) ? 1 : 0, fixed.describe());
    assert.equal(fixed.stderr, "");
  });

  it("with --format json prints textlint's --fix JSON, its output the fixed text", () => {
    const results = JSON.parse(fixedJson.stdout) as { filePath: string; output: string; applyingMessages: unknown[] }[];
    assert.equal(results.length, 1, fixedJson.describe());
    assert.equal(results[0]?.filePath, path.join(dir, "post.md"));
    assert.equal(results[0]?.output, theirs);
    assert.ok((results[0]?.applyingMessages.length ?? 0) > 0);
  });
});

describe("--stdin usage errors", () => {
  const cases: { name: string; args: string[]; stderr: RegExp; ja?: RegExp }[] = [
    { name: "--stdin without --stdin-filename", args: ["check", "--stdin"], stderr: /--stdin needs --stdin-filename <path>/, ja: /--stdin には --stdin-filename <パス> が必要です/ },
    { name: "--stdin-filename without --stdin", args: ["check", "--stdin-filename", "a.md"], stderr: /--stdin-filename only works with --stdin/ },
    { name: "--stdin with files", args: ["check", "--stdin", "--stdin-filename", "a.md", "b.md"], stderr: /--stdin checks the text on stdin, not files: remove b\.md/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const dir = makeWorkspace({});
      workspaces.push(dir);
      const runs = await Promise.all([tsuzuri(c.args, dir, { input: RANUKI }), ...(c.ja ? [tsuzuri(c.args, dir, { input: RANUKI, env: { LANG: "ja_JP.UTF-8" } })] : [])]);
      for (const [r, want] of runs.map((r, i) => [r, i === 0 ? c.stderr : c.ja] as const)) {
        assert.equal(r.code, 2, r.describe());
        assert.match(r.stderr, want ?? /./);
        assert.equal(r.stdout, "");
      }
    });
  }

  it("binary input is refused with the reason", async () => {
    const dir = makeWorkspace({});
    workspaces.push(dir);
    const r = await tsuzuri(["check", "--stdin", "--stdin-filename", "a.md"], dir, { input: Buffer.from([0x23, 0x00, 0x0a]) });
    assert.equal(r.code, 2, r.describe());
    assert.match(r.stderr, /skipped .*a\.md: binary file/);
  });
});
