/**
 * The shared line helpers (core/shared/lines.ts): every module finds a line's start the same way,
 * with `\r\n`, `\r` and `\n` as line ends, including at offset 0 of a text that starts with a break
 * (where the eight copies they replace disagreed).
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { lineColumnOf, lineStartAt, lineStarts } from "../../server/src/core/shared/lines";

/** The reference: split into lines and walk them. */
function startsBySplitting(text: string): number[] {
  const starts = [0];
  let at = 0;
  for (const m of text.matchAll(/[^\r\n]*(\r\n|\r|\n)/g)) {
    at += m[0].length;
    starts.push(at);
  }
  return starts;
}

const TEXTS = ["", "\n", "\nあ", "a\r\nb\rc\nd", "\r\n\r\n", "行1\n😀行2\r\n", "no break"];

describe("shared line helpers", () => {
  it("lineStarts lists every line start, for LF, CRLF and CR", () => {
    for (const text of TEXTS) assert.deepEqual(lineStarts(text), startsBySplitting(text), JSON.stringify(text));
  });

  it("lineStartAt gives the start of the line holding each offset, 0 on the first line", () => {
    for (const text of TEXTS) {
      for (let offset = 0; offset <= text.length; offset++) {
        // Just after the last line-break character before the offset (inside a CRLF pair too, as the editor's copies did).
        let expected = 0;
        for (let i = 0; i < offset; i++) if (text[i] === "\n" || text[i] === "\r") expected = i + 1;
        assert.equal(lineStartAt(text, offset), expected, `${JSON.stringify(text)} at ${offset}`);
      }
    }
    assert.equal(lineStartAt("\nabc", 0), 0, "offset 0 is on the first line even when the text starts with a break");
  });

  it("lineColumnOf gives textlint's 1-based line and column", () => {
    const at = lineColumnOf("ab\r\ncd\ref");
    assert.deepEqual(at(0), { line: 1, column: 1 });
    assert.deepEqual(at(4), { line: 2, column: 1 });
    assert.deepEqual(at(5), { line: 2, column: 2 });
    assert.deepEqual(at(7), { line: 3, column: 1 });
  });
});
