import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import fc from "fast-check";
import type { TextlintMessage } from "@textlint/types";
import { astralCounter, astralInBlock, correctPositions, hasAstral, makeShadow, restoreFromShadow } from "../../server/src/core/lint/astralShadow";

/** 1-based line/column of a UTF-16 offset, counted independently of the product. */
function lineColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index).split(/\r\n|\r|\n/);
  return { line: before.length, column: (before[before.length - 1] ?? "").length + 1 };
}

function message(text: string, ruleId: string, msg: string, start: number, end = start + 1): TextlintMessage {
  const s = lineColumn(text, start);
  return {
    type: "lint",
    ruleId,
    message: msg,
    index: start,
    line: s.line,
    column: s.column,
    range: [start, end],
    loc: { start: s, end: lineColumn(text, end) },
    severity: 2,
  };
}

describe("the shadow text", () => {
  it("has as many UTF-16 units as the text, and as many code points", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const shadow = makeShadow(text);
        assert.equal(shadow.length, text.length);
        if (!/[\uD800-\uDFFF]/.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""))) {
          assert.equal([...shadow].length, shadow.length, "no astral character left");
        }
        assert.equal(hasAstral(shadow), false);
      }),
      { numRuns: 300 },
    );
  });

  it("maps back to the original characters when the fixes left the placeholders alone", () => {
    const text = "😀見れる。👨‍👩‍👧‍👦家族。";
    const fixedShadow = makeShadow(text).replace("見れる", "見られる");
    assert.equal(restoreFromShadow(text, fixedShadow), "😀見られる。👨‍👩‍👧‍👦家族。");
    assert.equal(restoreFromShadow(text, makeShadow(text).slice(2)), undefined, "a fix that removed a placeholder");
  });

  it("counts the astral characters of the paragraph around an offset only", () => {
    const text = "😀😀 一段落目。\n\n二段落目は😀一つ。\n同じ段落。\n\n三段落目。";
    assert.equal(astralInBlock(text, text.indexOf("一段落目")), 2);
    assert.equal(astralInBlock(text, text.indexOf("同じ段落")), 1);
    assert.equal(astralInBlock(text, text.indexOf("三段落目")), 0);
  });
});

/** The per-call scan astralCounter replaced: the reference it must agree with. */
function scanAstralInBlock(text: string, index: number): number {
  const before = text.slice(0, index);
  const lf = before.lastIndexOf("\n\n");
  const crlf = before.slice(Math.max(lf, 0)).lastIndexOf("\r\n\r\n");
  const start = Math.max(lf, crlf < 0 ? -1 : Math.max(lf, 0) + crlf, 0);
  const next = text.slice(index).search(/\r?\n\r?\n/);
  const end = next < 0 ? text.length : index + next;
  return (text.slice(start, end).match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) ?? []).length;
}

describe("astralCounter", () => {
  it("agrees with a scan of the block around every offset, on any mix of line ends and emoji", () => {
    const unit = fc.constantFrom("あ", "a", "\n", "\r", "\r\n", "\n\n", "\r\n\r\n", "😀", "👨‍👩‍👧‍👦", "\ud83d", "\ude00");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        const count = astralCounter(text);
        for (let i = 0; i <= text.length; i++) assert.equal(count(i), scanAstralInBlock(text, i), `${JSON.stringify(text)} at ${i}`);
      }),
      { numRuns: 500 },
    );
  });

  it("answers every offset of a long post quickly (the scan per message was quadratic)", () => {
    const text = "😀絵文字の段落です。\n".repeat(20_000);
    const count = astralCounter(text);
    const started = performance.now();
    let total = 0;
    for (let i = 0; i < text.length; i += 7) total += count(i);
    assert.ok(total > 0);
    assert.ok(performance.now() - started < 2_000, `${performance.now() - started} ms`);
  });
});

describe("correctPositions", () => {
  it("moves a message of a code-point-counting rule onto the offending text", () => {
    const text = "👨‍👩‍👧‍👦家族で見れる映画。\n";
    const real = [message(text, "ra", "ら抜き", text.indexOf("れ") - 4)];
    const shadow = [message(text, "ra", "ら抜き", text.indexOf("れ"))];
    const [m] = correctPositions(text, real, shadow, (i) => lineColumn(text, i));
    assert.ok(m);
    assert.equal(text.slice(m.range[0], m.range[1]), "れ");
    assert.deepEqual([m.line, m.column, m.index], [1, text.indexOf("れ") + 1, text.indexOf("れ")]);
    assert.deepEqual(m.loc, { start: lineColumn(text, m.range[0]), end: lineColumn(text, m.range[1]) });
  });

  it("leaves messages alone where the shadow agrees or the paragraph has no astral character", () => {
    const text = "見れる。\n\n😀見れる。\n";
    const first = message(text, "ra", "ら抜き", 1);
    const second = message(text, "ra", "ら抜き", text.lastIndexOf("れ"));
    const out = correctPositions(text, [first, second], [first, second], (i) => lineColumn(text, i));
    assert.deepEqual(out, [first, second]);
  });

  it("returns the messages in textlint's order: by line, then column", () => {
    // A sentence-length-like report whose loc column is far right of its range (textlint's own quirk),
    // then a report later in the range but earlier in columns: textlint sorts them by line and column.
    const text = "😀長い文、とても長い文、まだ続く文。\n";
    const wide: TextlintMessage = { ...message(text, "sentence-length", "long", 0, 10), column: 169, loc: { start: { line: 1, column: 169 }, end: { line: 1, column: 200 } } };
    const ten = message(text, "max-ten", "ten", text.indexOf("、"));
    const real = [ten, wide];
    const out = correctPositions(text, real, real, (i) => lineColumn(text, i));
    assert.deepEqual(out.map((m) => m.ruleId), ["max-ten", "sentence-length"]);
  });

  it("does not move a message into the middle of an emoji", () => {
    // ja-no-mixed-period reports the last character of a sentence; here that is 🎉. In the shadow,
    // 🎉 is two placeholders and the rule reports the second one.
    const text = "きっと驚くと思います 🎉\n";
    const at = text.indexOf("🎉");
    const real = [message(text, "ja-no-mixed-period", "文末が。で終わっていません", at)];
    const shadow = [message(text, "ja-no-mixed-period", "文末が。で終わっていません", at + 1)];
    const [m] = correctPositions(text, real, shadow, (i) => lineColumn(text, i));
    assert.ok(m);
    assert.ok(!/[\uDC00-\uDFFF]/.test(text.charAt(m.range[0])), `starts at offset ${m.range[0]}, inside 🎉`);
  });
});
