/**
 * である/ですます analyses remembered (analysisMemo.ts), on the real analyze-desumasu-dearu: the
 * same text and options give what a fresh analysis gives without analysing again, each caller gets
 * an array of its own, options the memo does not know and failures are not remembered, and the
 * memory stays within its budget.
 */
import { afterEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { createRequire } from "node:module";
import { analysisMemoStats, clearAnalysisMemo, memoizeAnalysis } from "../../server/src/node/analysisMemo";
import { repoRoot } from "../helpers/workspace";

interface Match {
  type: string;
  value: string;
  index: number;
}
interface Analysis {
  analyze(text: string, options?: Record<string, unknown>): Promise<Match[]>;
}

/** A fresh copy of the real module (its own exports, so wrapping it touches no other test). */
function freshAnalysis(): Analysis {
  const requireHere = createRequire(path.join(repoRoot, "package.json"));
  const id = requireHere.resolve("analyze-desumasu-dearu");
  delete require.cache[id];
  return requireHere("analyze-desumasu-dearu") as Analysis;
}

const TEXT = "これはペンです。これはペンである。今日はいい天気であるが、明日は雨です。";

afterEach(() => clearAnalysisMemo());

describe("analysisMemo", () => {
  it("answers the same text and options from memory, equal to a fresh analysis", async () => {
    const reference = await freshAnalysis().analyze(TEXT, { ignoreConjunction: true });
    assert.ok(reference.length >= 3, JSON.stringify(reference));
    const mod = freshAnalysis();
    assert.equal(memoizeAnalysis(mod), true);
    assert.equal(memoizeAnalysis(mod), false, "wrapped once");
    const first = await mod.analyze(TEXT, { ignoreConjunction: true });
    const second = await mod.analyze(TEXT, { ignoreConjunction: true });
    assert.deepEqual(first, reference);
    assert.deepEqual(second, reference);
    assert.deepEqual(analysisMemoStats, { analyses: 1, hits: 1 });
    assert.notEqual(first, second, "each caller gets its own array");
    first.pop();
    assert.deepEqual(await mod.analyze(TEXT, { ignoreConjunction: true }), reference, "a caller's change reaches no one else");
  });

  it("keeps results apart by options, and calls through for options it does not know", async () => {
    const mod = freshAnalysis();
    memoizeAnalysis(mod);
    const strict = await mod.analyze(TEXT, { ignoreConjunction: false });
    const lenient = await mod.analyze(TEXT, { ignoreConjunction: true });
    const byDefault = await mod.analyze(TEXT);
    assert.notDeepEqual(strict, lenient, "the conjunctive である counts only when strict");
    assert.deepEqual(byDefault, strict, "the module's default is not lenient");
    assert.equal(analysisMemoStats.analyses, 3);
    await mod.analyze(TEXT, { ignoreConjunction: true, other: 1 });
    await mod.analyze(TEXT, { ignoreConjunction: true, other: 1 });
    assert.deepEqual(analysisMemoStats, { analyses: 3, hits: 0 }, "unknown options are neither remembered nor answered");
  });

  it("does not remember a failed analysis", async () => {
    let calls = 0;
    const mod = {
      analyze: async (text: string) => {
        calls++;
        if (calls === 1) throw new Error(`tokenizer not ready for ${text}`);
        return [{ type: "特殊・デス", value: "です", index: 0 }];
      },
    };
    memoizeAnalysis(mod);
    await assert.rejects(mod.analyze("です"), /not ready/);
    assert.deepEqual(await mod.analyze("です"), [{ type: "特殊・デス", value: "です", index: 0 }]);
    assert.equal(calls, 2);
  });

  it("forgets the least recently used texts beyond its budget of two million characters", async () => {
    let calls = 0;
    const mod = { analyze: async (text: string) => (calls++, [text.length]) };
    memoizeAnalysis(mod);
    const big = (c: string) => c.repeat(700_000);
    await mod.analyze(big("a"));
    await mod.analyze(big("b"));
    await mod.analyze(big("a")); // a is now the most recent
    await mod.analyze(big("c")); // over budget: b goes
    assert.equal(calls, 3);
    await mod.analyze(big("a"));
    await mod.analyze(big("c"));
    assert.equal(calls, 3, "a and c are remembered");
    await mod.analyze(big("b"));
    assert.equal(calls, 4, "b was forgotten");
  });

  it("leaves modules without analyze, and read-only exports, alone", () => {
    assert.equal(memoizeAnalysis({}), false);
    assert.equal(memoizeAnalysis(null), false);
    const frozen = Object.freeze({ analyze: async () => [] });
    assert.equal(memoizeAnalysis(frozen), false);
  });
});
