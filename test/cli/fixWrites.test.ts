/**
 * `tsuzuri check --fix` writes atomically (temp file + rename, mode kept) and reports each file it
 * cannot write (read-only, replaced by a folder while it was being checked) as a problem of that
 * file, goes on with the others, and prints valid JSON: no stack trace.
 */
import { after, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { jsonResults } from "./harness";
import type { TextlintFixResult } from "@textlint/types";
import { at, cleanUp, FIX_RULE, project, rulePackage, STACK_LINE, tsuzuriWithEnv } from "./runnerFixtures";

after(cleanUp);

describe("--fix writes", () => {
  it("writes the writable files, keeps their mode, and reports read-only and vanished files", async () => {
    const text = "誤りです。\n";
    const dir = project({ ".textlintrc.json": JSON.stringify({ rules: { fixme: true } }), ...rulePackage("fixme", FIX_RULE), "a.md": text, "ro.md": text, "vanish.md": text, "z.md": text });
    fs.chmodSync(at(dir, "a.md"), 0o640);
    fs.chmodSync(at(dir, "ro.md"), 0o444);
    const r = await tsuzuriWithEnv({ LC_ALL: "C" }, ["check", "--platform", "off", "--fix", "--format", "json", "a.md", "ro.md", "vanish.md", "z.md"], dir);
    assert.equal(r.code, 1, r.describe());
    assert.doesNotMatch(r.stderr, STACK_LINE);
    const results = jsonResults(r) as unknown as TextlintFixResult[];
    assert.deepEqual(
      results.map((x) => [x.filePath, x.remainingMessages.map((m) => m.ruleId)]),
      [[at(dir, "a.md"), []], [at(dir, "ro.md"), ["tsuzuri/write-failed"]], [at(dir, "vanish.md"), ["tsuzuri/write-failed"]], [at(dir, "z.md"), []]],
    );
    assert.match(results[1]?.remainingMessages[0]?.message ?? "", /The fixes were not written: the file is read-only/);
    assert.match(results[2]?.remainingMessages[0]?.message ?? "", /The fixes were not written: the file has been replaced by a folder/);
    assert.equal(fs.readFileSync(at(dir, "a.md"), "utf8"), "正りです。\n");
    assert.equal(fs.readFileSync(at(dir, "z.md"), "utf8"), "正りです。\n", "the file after the failures is fixed too");
    assert.equal(fs.statSync(at(dir, "a.md")).mode & 0o777, 0o640, "mode kept");
    assert.equal(fs.readFileSync(at(dir, "ro.md"), "utf8"), text, "the read-only file is untouched");
    assert.ok(fs.statSync(at(dir, "vanish.md")).isDirectory());
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith(".tmp")), [], "no temporary file left");
  });
});
