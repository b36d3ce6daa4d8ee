import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { paragraphAt, shownWhileDrafting, touches } from "../../server/src/core/drafting/heldParagraph";

const TEXT = ["# 見出し", "", "一行目の文です。", "二行目の途中で", "", "- 項目", "- 項目二", ""];
const at = (line: number) => paragraphAt((i) => TEXT[i] ?? "", TEXT.length, line);
const diagnostic = (line: number) => ({ range: { start: { line }, end: { line } }, id: line });

describe("drafting mode: the paragraph being typed", () => {
  it("is the run of non-blank lines around the cursor; none on a blank line or outside the text", () => {
    assert.deepEqual(at(3), { start: 2, end: 3 });
    assert.deepEqual(at(2), { start: 2, end: 3 });
    assert.deepEqual(at(0), { start: 0, end: 0 });
    assert.deepEqual(at(6), { start: 5, end: 6 }, "a list is one run");
    assert.equal(at(1), undefined);
    assert.equal(at(-1), undefined);
    assert.equal(at(99), undefined);
  });

  it("holds back only the problems starting in the held paragraph", () => {
    const all = [0, 2, 3, 5].map(diagnostic);
    assert.deepEqual(shownWhileDrafting(all, { start: 2, end: 3 }).map((d) => d.id), [0, 5]);
    assert.deepEqual(shownWhileDrafting(all, undefined).map((d) => d.id), [0, 2, 3, 5]);
  });

  it("is touched by changes on its lines only", () => {
    const span = { start: 2, end: 3 };
    assert.equal(touches(span, 3, 3), true);
    assert.equal(touches(span, 0, 2), true);
    assert.equal(touches(span, 4, 5), false);
    assert.equal(touches(span, 0, 1), false);
  });
});
