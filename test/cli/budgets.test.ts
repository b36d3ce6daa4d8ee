/**
 * `tsuzuri check` never hangs and never loses a file: a rule that loops is stopped at the time
 * budget (tsuzuri/too-slow) and the run goes on with a fresh worker; a file over the size budget is
 * reported (tsuzuri/too-large) in every output format and language; a rule or config that calls
 * process.exit() is a named failure (exit 2), never a silent pass.
 */
import { after, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { jsonResults } from "./harness";
import { at, cleanUp, EXIT_RULE, LOOP_RULE, project, rulePackage, STACK_LINE, tsuzuriWithEnv } from "./runnerFixtures";

after(cleanUp);
const EN = { LC_ALL: "C", LANG: "C" };
const JA = { LC_ALL: "ja_JP.UTF-8", LANG: "ja_JP.UTF-8" };

describe("time budget", () => {
  it("a rule stuck in a loop costs one budget per file: too-slow, and the files after it are checked", async () => {
    const dir = project({
      ".textlintrc.json": JSON.stringify({ rules: { loop: true } }),
      ...rulePackage("loop", LOOP_RULE),
      "a.md": "ここでループします。\n",
      "b.md": "誤字があります。\n",
      "c.md": "またループします。\n",
      "d.md": "正しい文です。\n",
    });
    const started = performance.now();
    const r = await tsuzuriWithEnv(EN, ["check", "--platform", "off", "--format", "json", "--timeout", "1", "-j", "1", "a.md", "b.md", "c.md", "d.md"], dir);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(r.code, 1, r.describe());
    const results = jsonResults(r);
    assert.deepEqual(
      results.map((x) => [x.filePath, x.messages.map((m) => m.ruleId)]),
      [[at(dir, "a.md"), ["tsuzuri/too-slow"]], [at(dir, "b.md"), ["loop"]], [at(dir, "c.md"), ["tsuzuri/too-slow"]], [at(dir, "d.md"), []]],
    );
    assert.match(results[0]?.messages[0]?.message ?? "", /did not finish within the time budget of 1 s \(--timeout\)/);
    // Two budgets of 1 s, plus starting workers: far below what a loop would take (for ever).
    assert.ok(seconds < 40, `took ${seconds} s`);
    assert.doesNotMatch(r.stderr, STACK_LINE);
  });
});

describe("size budget", () => {
  const big = `# 大きな記事\n\n${"これは長い記事の一文です。\n\n".repeat(120)}`;
  it("a file over --max-size is not linted and says so in json, stylish and github, in English and Japanese", async () => {
    const dir = project({ "big.md": big, "small.md": "短い記事です。\n" });
    const args = ["check", "--platform", "off", "--max-size", "1", "big.md", "small.md"];
    const [json, stylish, github, ja] = await Promise.all([
      tsuzuriWithEnv(EN, [...args, "--format", "json"], dir),
      tsuzuriWithEnv(EN, args, dir),
      tsuzuriWithEnv(EN, [...args, "--format", "github"], dir),
      tsuzuriWithEnv(JA, [...args, "--format", "json"], dir),
    ]);
    for (const r of [json, stylish, github, ja]) assert.equal(r.code, 1, r.describe());
    const results = jsonResults(json);
    assert.deepEqual(results.map((x) => x.messages.map((m) => m.ruleId)), [["tsuzuri/too-large"], []]);
    const kb = Math.ceil(Buffer.byteLength(big) / 1024);
    assert.match(results[0]?.messages[0]?.message ?? "", new RegExp(`the file is ${kb} KB, over the size budget of 1 KB \\(--max-size\\)`));
    assert.match(stylish.stdout, /1:1\s+error\s+Not checked: the file is \d+ KB.*tsuzuri\/too-large/);
    assert.match(github.stdout, /^::error file=.*big\.md,line=1,.*title=TextLint \[tsuzuri\/too-large\]::Not checked/m);
    assert.match(jsonResults(ja)[0]?.messages[0]?.message ?? "", /^チェックしていません: ファイルが \d+ KB あり、上限の 1 KB（--max-size）を超えています/);
  });
});

describe("process.exit() in a rule or a config", () => {
  it("a .textlintrc.js that calls process.exit(0) is a named failure, exit 2, not a silent pass", async () => {
    const dir = project({ ".textlintrc.js": "process.exit(0);\nmodule.exports = { rules: {} };\n", "node_modules/.keep": "", "post.md": "この映画は家族で見れる。\n" });
    const [en, ja] = await Promise.all([tsuzuriWithEnv(EN, ["check", "--platform", "off", "--format", "json", "post.md"], dir), tsuzuriWithEnv(JA, ["check", "--platform", "off", "post.md"], dir)]);
    assert.equal(en.code, 2, en.describe());
    assert.match(en.stderr, /^tsuzuri: .*\.textlintrc\.js called process\.exit\(0\) while loading .*\.textlintrc\.js, so nothing was checked/m);
    assert.doesNotMatch(en.stderr, STACK_LINE);
    assert.equal(ja.code, 2, ja.describe());
    assert.match(ja.stderr, /\.textlintrc\.js が process\.exit\(0\) を呼び/);
  });

  it("a rule that calls process.exit(3) is named by its package", async () => {
    const dir = project({ ".textlintrc.json": JSON.stringify({ rules: { exit: true } }), ...rulePackage("exit", EXIT_RULE), "post.md": "文です。\n" });
    const r = await tsuzuriWithEnv(EN, ["check", "--platform", "off", "--format", "json", "post.md"], dir);
    assert.equal(r.code, 2, r.describe());
    assert.match(r.stderr, /^tsuzuri: textlint-rule-exit called process\.exit\(3\) while checking .*post\.md/m);
    assert.doesNotMatch(r.stderr, STACK_LINE);
  });
});

describe("option values", () => {
  it("rejects a bad --jobs, --timeout or --max-size with exit 2", async () => {
    const dir = project({ "post.md": "文です。\n" });
    const runs = await Promise.all([["-j", "0"], ["--timeout", "soon"], ["--max-size=0"]].map((o) => tsuzuriWithEnv(EN, ["check", "--platform", "off", ...o, "post.md"], dir)));
    assert.deepEqual(runs.map((r) => r.code), [2, 2, 2]);
    assert.match(runs[0]?.stderr ?? "", /--jobs needs a whole number of 1 or more \(got "0"\)/);
    assert.match(runs[1]?.stderr ?? "", /--timeout needs a number greater than 0 \(got "soon"\)/);
    assert.match(runs[2]?.stderr ?? "", /--max-size needs a number greater than 0/);
  });
});
