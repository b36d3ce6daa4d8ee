/**
 * `tsuzuri check --cache`: an unchanged file is not linted again and gets the same messages; a
 * changed file, config or rule package version is linted again; --cache-location moves the file.
 * Which files were linted is logged by the project's own rule (lints.log).
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { jsonResults, type Run } from "./harness";
import { at, cleanUp, COUNT_RULE, project, rulePackage, tsuzuriWithEnv } from "./runnerFixtures";

after(cleanUp);
const EN = { LC_ALL: "C" };

describe("--cache", () => {
  let dir: string;
  const check = (...extra: string[]): Promise<Run> => tsuzuriWithEnv(EN, ["check", "--platform", "off", "--format", "json", ...extra, "a.md", "b.md"], dir);
  /** The files linted since the last call, in order of linting (sorted: two files may interleave). */
  const linted = (): string[] => {
    const log = at(dir, "lints.log");
    const names = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean) : [];
    fs.rmSync(log, { force: true });
    return names.sort();
  };
  before(() => {
    dir = project({ ".textlintrc.json": JSON.stringify({ rules: { count: true } }), ...rulePackage("count", COUNT_RULE), "a.md": "誤りが一つ。\n", "b.md": "正しい。\n\n誤りが二つ、誤り。\n" });
  });

  it("hits for unchanged files with the same output, and misses for what changed", async () => {
    const fresh = await check();
    assert.equal(fresh.code, 1, fresh.describe());
    assert.deepEqual(linted(), ["a.md", "b.md"]);
    assert.ok(!fs.existsSync(at(dir, ".tsuzuricache")), "no cache without --cache");

    const first = await check("--cache");
    assert.deepEqual(linted(), ["a.md", "b.md"], "first run: every file linted");
    assert.ok(fs.existsSync(at(dir, ".tsuzuricache")));
    const second = await check("--cache");
    assert.deepEqual(linted(), [], "second run: nothing linted");
    assert.equal(second.stdout, fresh.stdout);
    assert.equal(first.stdout, fresh.stdout);
    assert.equal(second.code, 1);
    const [stylishHit, stylishFresh] = [await tsuzuriWithEnv(EN, ["check", "--platform", "off", "--cache", "a.md", "b.md"], dir), await tsuzuriWithEnv(EN, ["check", "--platform", "off", "a.md", "b.md"], dir)];
    assert.equal(stylishHit.stdout, stylishFresh.stdout, "stylish too");
    linted();

    fs.writeFileSync(at(dir, "b.md"), "誤りはもうない、正しい。\n");
    const changed = await check("--cache");
    assert.deepEqual(linted(), ["b.md"], "only the changed file");
    assert.deepEqual(jsonResults(changed).map((r) => r.messages.length), [1, 1]);

    fs.writeFileSync(at(dir, ".textlintrc.json"), JSON.stringify({ rules: { count: { word: "正" } } }));
    const reconfigured = await check("--cache");
    assert.deepEqual(linted(), ["a.md", "b.md"], "a changed config: every file");
    assert.deepEqual(jsonResults(reconfigured).map((r) => r.messages.map((m) => m.message)), [[], ["正 があります"]]);
    await check("--cache");
    assert.deepEqual(linted(), []);

    const manifest = at(dir, "node_modules/textlint-rule-count/package.json");
    fs.writeFileSync(manifest, fs.readFileSync(manifest, "utf8").replace('"1.0.0"', '"1.0.1"'));
    await check("--cache");
    assert.deepEqual(linted(), ["a.md", "b.md"], "a new rule version: every file");
  });

  it("--cache-location puts the cache in a folder or a file of the writer's choice", async () => {
    linted();
    await check("--cache-location", "tmp/");
    assert.ok(fs.existsSync(at(dir, "tmp/.tsuzuricache")));
    await check("--cache-location", "custom-cache.json");
    assert.ok(fs.existsSync(at(dir, "custom-cache.json")));
    assert.deepEqual(linted(), ["a.md", "a.md", "b.md", "b.md"], "each new cache starts empty");
    await check("--cache-location", "custom-cache.json");
    assert.deepEqual(linted(), []);
  });

  it("a broken cache file is ignored with a warning", async () => {
    fs.writeFileSync(at(dir, ".tsuzuricache"), "{ not json");
    linted();
    const r = await check("--cache");
    assert.equal(r.code, 1, r.describe());
    assert.match(r.stderr, /tsuzuri: the cache .*\.tsuzuricache cannot be read, checking without it/);
    assert.deepEqual(linted(), ["a.md", "b.md"]);
    await check("--cache");
    assert.deepEqual(linted(), [], "and rewritten");
  });
});
