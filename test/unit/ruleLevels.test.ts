import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { atRuleLevels, HINT_SEVERITY, levelOf, outcomeAtRuleLevels } from "../../server/src/core/lint/ruleLevels";
import type { LintOutcome, LintProblem } from "../../server/src/core/lint/lintEngine";

const problem = (ruleId: string, severity = 2): LintProblem => ({ ruleId, message: ruleId, severity, range: [0, 1], line: 1, column: 1, endLine: 1, endColumn: 2 });

describe("rule levels (tsuzuri.textlint.severity)", () => {
  it("names a rule by its id, its name in its preset, or its preset; the most specific wins", () => {
    const levels = { "ja-technical-writing": "info", "sentence-length": "hint", "ja-technical-writing/max-ten": "off", "no-todo": "warning" } as const;
    assert.equal(levelOf("ja-technical-writing/max-ten", levels), "off");
    assert.equal(levelOf("ja-technical-writing/sentence-length", levels), "hint");
    assert.equal(levelOf("ja-technical-writing/no-dropping-the-ra", levels), "info");
    assert.equal(levelOf("no-todo", levels), "warning");
    assert.equal(levelOf("spacing/ja-space-between-half-and-full-width", levels), undefined);
    assert.equal(levelOf("constructor", levels), undefined, "only the writer's own keys");
  });

  it("drops off rules, sets the others' severities, leaves the rest", () => {
    const problems = [problem("p/a"), problem("p/b", 1), problem("p/c"), problem("q/d", 3), problem("p/e")];
    const out = atRuleLevels(problems, { a: "off", b: "error", c: "hint", "q/d": "warning" });
    assert.deepEqual(out.map((p) => [p.ruleId, p.severity]), [["p/b", 2], ["p/c", HINT_SEVERITY], ["q/d", 1], ["p/e", 2]]);
    assert.deepEqual(atRuleLevels(problems, {}), problems);
    assert.equal(problems[0]?.severity, 2, "the input is not changed");
  });

  it("leaves an error outcome as it is", () => {
    const error = { status: "error", error: { message: "x", detail: "y" }, config: { kind: "bundled", label: "bundled" } } as unknown as LintOutcome;
    assert.equal(outcomeAtRuleLevels(error, { x: "off" }), error);
  });
});
