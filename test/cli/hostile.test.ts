/**
 * Hostile posts (issue 14), small and generated here: each run ends within its budget, the post
 * that textlint's rules cannot finish gets tsuzuri/too-slow, and the post after it is checked.
 * What is slow is upstream (the preset's rules through kuromoji: a run of one character class, a
 * list nested a hundred levels deep; the textlint CLI takes as long); the budget is the answer.
 */
import { after, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { jsonResults } from "./harness";
import { at, cleanUp, project, STACK_LINE, tsuzuriWithEnv } from "./runnerFixtures";

after(cleanUp);

const TIMEOUT_S = 2;

describe("hostile posts", () => {
  it("a long line and a deeply nested list are stopped at --timeout; an unclosed comment and the post after them are checked", async () => {
    const dir = project({
      "1-long-line.md": `${"a".repeat(10_000)}\n`,
      "2-deep-list.md": `${Array.from({ length: 120 }, (_, i) => `${"  ".repeat(i)}- 項目です。`).join("\n")}\n`,
      "3-unclosed-comment.md": `# 見出し\n\n<!--\n\n${"コメントが閉じていないまま本文が続きます。\n\n".repeat(50)}`,
      "4-after.md": "この映画は家族で見れる。\n",
    });
    const started = performance.now();
    const r = await tsuzuriWithEnv({ LC_ALL: "C" }, ["check", "--platform", "off", "--format", "json", "--timeout", String(TIMEOUT_S), "-j", "1", "."], dir);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(r.code, 1, r.describe());
    assert.doesNotMatch(r.stderr, STACK_LINE);
    const results = new Map(jsonResults(r).map((x) => [x.filePath, x.messages.map((m) => m.ruleId)]));
    assert.deepEqual(results.get(at(dir, "1-long-line.md")), ["tsuzuri/too-slow"]);
    assert.deepEqual(results.get(at(dir, "2-deep-list.md")), ["tsuzuri/too-slow"]);
    assert.ok(!results.get(at(dir, "3-unclosed-comment.md"))?.includes("tsuzuri/too-slow"), r.describe());
    assert.ok(results.get(at(dir, "4-after.md"))?.includes("ja-technical-writing/no-dropping-the-ra"), r.describe());
    // Two budgets, and three workers started (each loads the analyser's dictionary): not minutes.
    assert.ok(seconds < 2 * TIMEOUT_S + 90, `took ${seconds} s`);
  });
});
