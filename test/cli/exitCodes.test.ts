/** `tsuzuri check` exit codes, messages and output formats, running the built dist/cli.js. */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { makeWorkspace, removeWorkspace, repoRoot } from "../helpers/workspace";
import { jsonResults, samplePosts, tsuzuri, type Run } from "./harness";

/** A short post the bundled preset has nothing to say about. */
const CLEAN_POST = `---
title: "設定ファイルの書き方"
emoji: "📝"
type: "tech"
topics: ["textlint"]
published: true
---

# 設定ファイルの書き方

この記事では、textlintの設定ファイルを説明します。

設定はJSONで書きます。

\`\`\`json
{ "rules": { "preset-ja-technical-writing": true } }
\`\`\`
`;

const workspaces: string[] = [];
after(() => workspaces.forEach(removeWorkspace));
function workspace(files: Record<string, string>): string {
  const dir = makeWorkspace(files);
  workspaces.push(dir);
  return dir;
}

describe("exit codes", () => {
  it("0 for a clean post, and the JSON says so", async () => {
    const dir = workspace({ "clean.md": CLEAN_POST });
    const r = await tsuzuri(["check", "--format", "json", "clean.md"], dir);
    assert.equal(r.code, 0, r.describe());
    assert.deepEqual(jsonResults(r), [{ filePath: path.join(dir, "clean.md"), messages: [] }]);
    assert.equal(r.stderr, "");
  });

  describe("1 when errors are found", () => {
    let dir: string;
    let stylish: Run;
    let github: Run;
    let json: Run;
    before(async () => {
      dir = workspace({ "post.md": samplePosts()["zenn-node-test-runner.md"] ?? "", "clean.md": CLEAN_POST });
      // Three processes side by side (each loads the dictionary).
      [stylish, github, json] = await Promise.all([
        tsuzuri(["check", "post.md", "clean.md"], dir),
        tsuzuri(["check", "-f", "github", "post.md", "clean.md"], dir),
        tsuzuri(["check", "--format=json", "post.md", "clean.md"], dir),
      ]);
    });

    it("stylish (the default) lists each problem with its rule and ends with a count", () => {
      assert.equal(stylish.code, 1, stylish.describe());
      assert.ok(stylish.stdout.includes(path.join(dir, "post.md")));
      assert.ok(!stylish.stdout.includes(path.join(dir, "clean.md")), "clean files are not listed");
      assert.match(stylish.stdout, /\d+:\d+\s+error\s+ら抜き言葉を使用しています。\s+ja-technical-writing\/no-dropping-the-ra/);
      const total = jsonResults(json).reduce((n, r) => n + r.messages.length, 0);
      assert.match(stylish.stdout, new RegExp(`✖ ${total} problems \\(${total} errors, 0 warnings`));
      assert.doesNotMatch(stylish.stdout, /\u001b\[/, "no colours when stdout is not a terminal");
    });

    it("github prints one ::error annotation per problem with file, line and column", () => {
      assert.equal(github.code, 1, github.describe());
      const annotations = [...github.stdout.matchAll(/^::(error|warning|notice) file=([^,]+),line=(\d+),endLine=(\d+),col=(\d+),endColumn=(\d+),title=TextLint \[([^\]]+)\]::/gm)];
      const expected = jsonResults(json).flatMap((r) => r.messages.map((m) => `error ${r.filePath} ${m.line}:${m.column} ${m.ruleId}`));
      assert.ok(expected.length > 5);
      assert.deepEqual(annotations.map((a) => `${a[1]} ${a[2]} ${a[3]}:${a[5]} ${a[7]}`), expected);
      assert.match(github.stdout, new RegExp(`^::error file=${path.join(dir, "post.md").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")},line=\\d+`, "m"));
    });
  });

  describe("2 for usage and configuration errors, with a clear message", () => {
    const cases: { name: string; args: string[]; files?: Record<string, string>; stderr: (dir: string) => RegExp | string }[] = [
      { name: "unknown option", args: ["check", "--frobnicate", "post.md"], stderr: () => /^tsuzuri: unknown option --frobnicate\n.*tsuzuri --help/ },
      { name: "unknown format", args: ["check", "--format", "unix", "post.md"], stderr: () => 'unknown format "unix" (use stylish, json, github, sarif, rdjson, rdjsonl, checkstyle)' },
      { name: "unknown command", args: ["lint", "post.md"], stderr: () => /unknown command "lint"/ },
      { name: "no command", args: [], stderr: () => /missing command/ },
      { name: "missing config file", args: ["check", "--config", "nope/.textlintrc.json", "post.md"], stderr: () => "config file not found: nope/.textlintrc.json" },
      { name: "no files match", args: ["check", "drafts/*.md"], stderr: () => "no files match drafts/*.md" },
      {
        name: "broken project config",
        args: ["check", "post.md"],
        files: { ".textlintrc.json": "{ \"rules\": " },
        stderr: (dir) => path.join(dir, ".textlintrc.json"),
      },
      {
        name: "broken config given with --config",
        args: ["check", "--config", "conf/broken.yml", "post.md"],
        files: { "conf/broken.yml": "rules: [\n  - a\n b" },
        stderr: (dir) => path.join(dir, "conf/broken.yml"),
      },
      {
        name: "a rule that is not installed",
        args: ["check", "post.md"],
        files: { ".textlintrc.json": JSON.stringify({ rules: { "no-such-rule": true } }) },
        stderr: (dir) => `textlint-rule-no-such-rule is not installed in ${path.join(dir, "node_modules")}`,
      },
    ];
    let runs: Map<string, { dir: string; run: Run }>;
    before(async () => {
      // None of these gets as far as loading the dictionary; all at once.
      const results = await Promise.all(
        cases.map(async (c) => {
          const dir = workspace({ "post.md": "この映画は家族で見れる。\n", "node_modules/.keep": "", ...c.files });
          return [c.name, { dir, run: await tsuzuri(c.args, dir) }] as const;
        }),
      );
      runs = new Map(results);
    });
    for (const c of cases) {
      it(c.name, () => {
        const { dir, run } = runs.get(c.name) ?? assert.fail();
        assert.equal(run.code, 2, run.describe());
        const want = c.stderr(dir);
        if (typeof want === "string") assert.ok(run.stderr.includes(want), run.describe());
        else assert.match(run.stderr, want);
        assert.match(run.stderr, /^tsuzuri: /, "prefixed with the program's name");
      });
    }
  });

  it("--help and --version exit 0", async () => {
    const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
    const [help, ver] = await Promise.all([tsuzuri(["--help"], repoRoot), tsuzuri(["--version"], repoRoot)]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: tsuzuri check/);
    assert.match(help.stdout, /Exit code: 0 no errors, 1 errors found, 2 usage or configuration error/);
    assert.equal(ver.code, 0);
    assert.equal(ver.stdout.trim(), version);
  });
});
