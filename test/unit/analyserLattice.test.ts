import { before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { getTokenizer } from "kuromojin";
import { hasLoneHighSurrogate, linearBuild, type LatticeParts } from "../../server/src/core/analyser/analyserLattice";
import { makeRealPost } from "../helpers/realPost";

const parts: LatticeParts = {
  ViterbiBuilder: require("kuromoji/src/viterbi/ViterbiBuilder.js"),
  ViterbiLattice: require("kuromoji/src/viterbi/ViterbiLattice.js"),
  ViterbiNode: require("kuromoji/src/viterbi/ViterbiNode.js"),
  SurrogateAwareString: require("kuromoji/src/util/SurrogateAwareString.js"),
};

type Build = (this: unknown, sentence: string) => unknown;
// kuromoji's own build, taken before anything in this process could have replaced it.
const original = parts.ViterbiBuilder.prototype.build as Build;
const linear = linearBuild(parts, original as never) as unknown as Build;
let builder: unknown;

/** The lattice (every node of every end position) as JSON, or the error it threw. */
function latticeOf(build: Build, sentence: string): string {
  try {
    return JSON.stringify(build.call(builder, sentence));
  } catch (error) {
    return `threw ${(error as Error).name}`;
  }
}

function assertSameLattice(sentence: string): void {
  const expected = latticeOf(original, sentence);
  assert.equal(latticeOf(linear, sentence), expected, `lattice of ${JSON.stringify(sentence.slice(0, 80))}`);
}

before(async () => {
  const tokenizer = (await getTokenizer()) as unknown as { viterbi_builder: unknown };
  builder = tokenizer.viterbi_builder;
});

describe("the linear lattice builder", () => {
  it("builds kuromoji's lattice for every sentence and paragraph of real-shaped posts", () => {
    let checked = 0;
    for (const seed of [1, 2, 3]) {
      const text = makeRealPost(6000, seed).text;
      for (const paragraph of text.split(/\n\n+/)) {
        assertSameLattice(paragraph);
        for (const sentence of paragraph.split(/(?<=[。！？])/)) assertSameLattice(sentence);
        checked++;
      }
    }
    assert.ok(checked > 50, `checked ${checked} paragraphs`);
  });

  it("matches on generated text: emoji, lone surrogates, NUL, half-width kana, long runs", () => {
    const pieces = ["あ", "い", "は", "漢字", "東京", "カタカナ", "ｱｲｳ", "abc", "XYZ", "123", "１２３", " ", "、", "。", "！", "「", "」", "😀", "👨‍👩‍👧‍👦", "𠮷", "\uDC00", "\u0000", "\n", "ー", "ﾞ", "aaaaaaaaaaaa", "ああああああ"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (chosen) => {
        assertSameLattice(chosen.join(""));
      }),
      { numRuns: 400 },
    );
  });

  it("lets kuromoji's own build answer a sentence with a lone high surrogate (it throws there)", () => {
    for (const sentence of ["あ\uD800い", "末尾\uD83D", "\uD800"]) {
      assert.ok(hasLoneHighSurrogate(sentence));
      assert.match(latticeOf(linear, sentence), /^threw /);
      assertSameLattice(sentence);
    }
    assert.equal(hasLoneHighSurrogate("😀家族\uDC00"), false);
  });

  it("is linear in a run of one letter (kuromoji's own is quadratic)", () => {
    // Counted, not timed: character-class lookups of the unknown-word grouping.
    const real = builder as { unknown_dictionary: { lookup(ch: string): unknown } };
    let lookups = 0;
    const counting = Object.create(real) as typeof real;
    counting.unknown_dictionary = Object.create(real.unknown_dictionary, {
      lookup: { value: (ch: string) => (lookups++, real.unknown_dictionary.lookup(ch)) },
    });
    const run = "a".repeat(2000);
    assert.equal(JSON.stringify(linear.call(counting, run)), JSON.stringify(original.call(counting, run)));
    lookups = 0;
    linear.call(counting, run);
    assert.ok(lookups <= 3 * run.length, `linear build: ${lookups} lookups for ${run.length} letters`);
    lookups = 0;
    original.call(counting, run);
    assert.ok(lookups > run.length * 100, `kuromoji's own build: ${lookups} lookups`);
  });
});
