import { before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import fc from "fast-check";
import { codePointToUtf16Position, patchKuromojiAt, patchTokenizerForUtf16 } from "../../server/src/core/analyser/analyserPositions";

// kuromoji's own idea of a "position": its SurrogateAwareString maps code-point indexes to UTF-16
// indexes. That is the independent oracle for the translation.
const SurrogateAwareString = require("kuromoji/src/util/SurrogateAwareString.js") as new (text: string) => {
  index_mapping: number[];
  length: number;
};

function kuromojiUtf16Index(text: string, zeroBasedCodePoint: number): number {
  const s = new SurrogateAwareString(text);
  return zeroBasedCodePoint < s.length ? (s.index_mapping[zeroBasedCodePoint] ?? NaN) : text.length + (zeroBasedCodePoint - s.length);
}

describe("codePointToUtf16Position", () => {
  it("is the identity without astral characters", () => {
    const text = "この映画は家族で見れる。";
    for (let p = 1; p <= text.length + 1; p++) assert.equal(codePointToUtf16Position(text, p), p);
  });

  it("counts each astral character as two units", () => {
    const text = "😀家族で見れる";
    assert.equal(codePointToUtf16Position(text, 1), 1, "the emoji itself");
    assert.equal(codePointToUtf16Position(text, 2), 3, "「家」 after the emoji");
    // 👨‍👩‍👧‍👦 is 7 code points (4 astral + 3 ZWJ) and 11 UTF-16 units; 「れ」 is the 12th code point.
    const family = "👨‍👩‍👧‍👦家族で見れる映画";
    assert.equal([...family].indexOf("れ") + 1, 12);
    const at = codePointToUtf16Position(family, 12);
    assert.equal(family.charAt(at - 1), "れ");
    assert.equal(at, family.indexOf("れ") + 1);
  });

  it("continues past the end of the text one unit per code point", () => {
    assert.equal(codePointToUtf16Position("😀", 2), 3);
    assert.equal(codePointToUtf16Position("😀", 4), 5);
    assert.equal(codePointToUtf16Position("", 1), 1);
  });

  it("agrees with kuromoji's SurrogateAwareString on any text, including lone surrogates", () => {
    const unit = fc.oneof(
      fc.constantFrom("あ", "漢", "a", " ", "\n", "😀", "👨‍👩‍👧‍👦", "\u200d", "\ud83d", "\ude00", "𠮷", "\ufeff"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), fc.nat(40), (parts, k) => {
        const text = parts.join("");
        const points = new SurrogateAwareString(text).length;
        const cp = Math.min(k, points + 2);
        assert.equal(codePointToUtf16Position(text, cp + 1), kuromojiUtf16Index(text, cp) + 1);
      }),
      { numRuns: 500 },
    );
  });
});

/** A stand-in for kuromoji's Tokenizer: one token per code point, positions counted as kuromoji does. */
class FakeTokenizer {
  calls = 0;
  tokenizeForSentence(sentence: string, tokens?: { word_position: number; surface_form: string }[] | null) {
    this.calls++;
    const out = tokens ?? [];
    // kuromoji: a sentence's positions start from the word_position of the previous token.
    const last = out.length > 0 ? (out[out.length - 1]?.word_position ?? 0) : 0;
    [...sentence].forEach((ch, i) => out.push({ word_position: last + i + 1, surface_form: ch }));
    return out;
  }
}

describe("patchTokenizerForUtf16", () => {
  it("translates the positions of new tokens into UTF-16 and leaves the rest alone", () => {
    class T extends FakeTokenizer {}
    assert.equal(patchTokenizerForUtf16(T.prototype as never), true);
    const t = new T();
    const text = "😀見れる";
    const tokens = t.tokenizeForSentence(text);
    for (const tok of tokens) assert.equal(text.substr(tok.word_position - 1, tok.surface_form.length), tok.surface_form);

    const plain = new T().tokenizeForSentence("見れる");
    assert.deepEqual(plain.map((x) => x.word_position), [1, 2, 3], "text without astral characters is untouched");

    const earlier = [{ word_position: 7, surface_form: "。" }];
    const appended = t.tokenizeForSentence("𠮷野家", [...earlier]);
    assert.deepEqual(appended[0], earlier[0], "tokens passed in are not re-translated");
    // Positions continue from the previous token's start (kuromoji's convention), in UTF-16 units.
    assert.deepEqual(appended.slice(1).map((x) => x.word_position), [8, 10, 11]);
  });

  it("is linear: a sentence of 50,000 emoji and letters (one token each) is translated right, in one pass", () => {
    class T extends FakeTokenizer {}
    patchTokenizerForUtf16(T.prototype as never);
    const text = "😀a".repeat(25_000);
    const started = performance.now();
    const tokens = new T().tokenizeForSentence(text);
    const ms = performance.now() - started;
    assert.equal(tokens.length, 50_000);
    for (const tok of tokens) assert.equal(text.substr(tok.word_position - 1, tok.surface_form.length), tok.surface_form);
    // The quadratic version scanned 1.25e9 code units here (seconds); one pass is milliseconds.
    assert.ok(ms < 1_000, `${ms} ms`);
  });

  it("keeps a multi-sentence text right, as kuromoji's tokenize() chains sentences", () => {
    class T extends FakeTokenizer {}
    patchTokenizerForUtf16(T.prototype as never);
    const t = new T();
    const sentences = ["😀最初の文。", "次に😀😀見れる。", "三つ目。"];
    const text = sentences.join("");
    const tokens: { word_position: number; surface_form: string }[] = [];
    for (const s of sentences) t.tokenizeForSentence(s, tokens);
    for (const tok of tokens) assert.equal(text.substr(tok.word_position - 1, tok.surface_form.length), tok.surface_form, JSON.stringify(tok));
  });

  it("is idempotent: patching twice neither wraps twice nor double-translates", () => {
    class T extends FakeTokenizer {}
    assert.equal(patchTokenizerForUtf16(T.prototype as never), true);
    const once = T.prototype.tokenizeForSentence;
    assert.equal(patchTokenizerForUtf16(T.prototype as never), false);
    assert.equal(T.prototype.tokenizeForSentence, once);
    const tokens = new T().tokenizeForSentence("😀😀れ");
    assert.equal(tokens[2]?.word_position, 5);
  });

  it("calls the original with the tokenizer as `this` and passes its result through", () => {
    class T extends FakeTokenizer {}
    patchTokenizerForUtf16(T.prototype as never);
    const t = new T();
    const given: { word_position: number; surface_form: string }[] = [];
    const result = t.tokenizeForSentence("😀", given);
    assert.equal(t.calls, 1);
    assert.equal(result, given, "the same array is returned, as kuromoji's tokenize() relies on");
  });
});

describe("patchKuromojiAt", () => {
  it("returns false when there is nothing to patch", () => {
    assert.equal(patchKuromojiAt(() => { throw new Error("Cannot find module"); }, "kuromoji/src/Tokenizer.js"), false);
    assert.equal(patchKuromojiAt(() => undefined, "x"), false);
    assert.equal(patchKuromojiAt(() => ({ prototype: {} }), "x"), false);
  });

  it("patches the module the require function resolves", () => {
    class T extends FakeTokenizer {}
    const asked: string[] = [];
    assert.equal(patchKuromojiAt((id) => (asked.push(id), T), "some/Tokenizer.js"), true);
    assert.deepEqual(asked, ["some/Tokenizer.js"]);
    assert.equal(new T().tokenizeForSentence("😀れ")[1]?.word_position, 3);
  });
});

describe("the real kuromoji, patched", () => {
  type Token = { word_position: number; surface_form: string };
  let tokenize: (text: string) => Token[];

  before(async () => {
    const kuromoji = require("kuromoji") as {
      builder(o: { dicPath: string }): { build(cb: (err: Error | null, t: { tokenize(s: string): Token[] }) => void): void };
    };
    const dicPath = path.join(path.dirname(require.resolve("kuromoji/package.json")), "dict");
    const tokenizer = await new Promise<{ tokenize(s: string): Token[] }>((resolve, reject) =>
      kuromoji.builder({ dicPath }).build((err, t) => (err ? reject(err) : resolve(t))),
    );
    tokenize = (text) => tokenizer.tokenize(text);
  });

  const texts = [
    "👨‍👩‍👧‍👦家族で見れる映画を探しています。",
    "絵文字😀を使う。この映画は家族で見れる。次の文😀😀にも😀絵文字がある。",
    "𠮷野家で食べれる？　はい、食べれます。",
    "普通の文です。絵文字はありません。",
  ];

  it("reports code-point positions before the patch (the bug being corrected)", () => {
    const text = texts[0] ?? "";
    const misplaced = tokenize(text).filter((t) => text.substr(t.word_position - 1, t.surface_form.length) !== t.surface_form);
    assert.ok(misplaced.length > 3, "tokens after the emoji point too far left");
  });

  it("after the patch, every token's position points at its own surface form in UTF-16", () => {
    const Tokenizer = require("kuromoji/src/Tokenizer.js") as { prototype: never };
    assert.equal(patchKuromojiAt(() => Tokenizer, "kuromoji/src/Tokenizer.js"), true);
    for (const text of texts) {
      const tokens = tokenize(text);
      assert.ok(tokens.length > 5);
      for (const t of tokens) {
        assert.equal(text.substr(t.word_position - 1, t.surface_form.length), t.surface_form, `${JSON.stringify(t.surface_form)} in ${text}`);
      }
    }
  });
});
