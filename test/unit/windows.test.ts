/**
 * Window plans carried over from the previous text (windows.ts): after any edit, the plan built
 * from the previous one and the blocks the parse kept equals the plan built from scratch. On
 * real-shaped posts (paragraphs with and without 「。」, link lists, headings, footnotes, code).
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { parse } from "@textlint/markdown-to-ast";
import type { TxtDocumentNode } from "@textlint/ast-node-types";
import { parseIncrementally, type ParsedText } from "../../server/src/core/incremental/incrementalParse";
import { shapeOf, splitUnits } from "../../server/src/core/incremental/units";
import { planWindows, type WindowPlan } from "../../server/src/core/incremental/windows";
import { makeRealPost } from "../helpers/realPost";

const PIECES = ["です。", "。", "\n\n", "\n", "- ", "# 見出し\n", "https://example.com/x\n", "```\n", "😀", "[^1]", "ので"];

interface Planned extends ParsedText {
  keys: string[];
  windows: WindowPlan[];
}

function keysOf(text: string, ast: TxtDocumentNode): string[] {
  return splitUnits(text, ast).map((u) => `${u.text}\u0000${shapeOf(u.node)}`);
}

describe("window plans carried over", () => {
  it("equal plans built from scratch after every random edit (seeded)", () => {
    const post = makeRealPost(12_000, 3).text;
    let carried = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constantFrom(...PIECES), fc.integer({ min: 1, max: 30 }))), { minLength: 12, maxLength: 12 }),
        (edits) => {
          let text = post;
          const ast = parse(text) as TxtDocumentNode;
          const keys = keysOf(text, ast);
          let previous: Planned = { text, ast, keys, windows: planWindows(splitUnits(text, ast), keys) };
          for (const [at, edit] of edits) {
            const pos = Math.floor(at * text.length);
            text = typeof edit === "string" ? text.slice(0, pos) + edit + text.slice(pos) : text.slice(0, pos) + text.slice(pos + edit);
            const result = parseIncrementally(previous, text, (t) => parse(t) as TxtDocumentNode);
            const units = splitUnits(text, result.ast);
            const keys = keysOf(text, result.ast);
            const fresh = planWindows(units, keys);
            const reused = planWindows(units, keys, { plans: previous.windows, ...result.kept });
            assert.deepEqual(reused, fresh);
            carried += reused.filter((p, i) => p === previous.windows[i]).length;
            previous = { text, ast: result.ast, keys, windows: reused };
          }
        },
      ),
      { seed: 20261204, numRuns: 25 },
    );
    assert.ok(carried > 1000, `only ${carried} plans carried over`);
  });
});
