/**
 * One tokenization per sentence (tokenMemo.ts): on the real kuromoji, a remembered tokenization
 * equals a fresh one, each caller gets its own array, and kuromoji's appending form is called
 * through.
 */
import { before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { getTokenizer } from "kuromojin";
import { memoizeTokens, tokenMemoStats } from "../../server/src/node/tokenMemo";

type Tokenize = (sentence: string, tokens?: unknown[] | null) => unknown[];
let tokenizer: { tokenizeForSentence: Tokenize };
let fresh: Tokenize;

before(async () => {
  tokenizer = (await getTokenizer()) as unknown as { tokenizeForSentence: Tokenize };
  const proto = Object.getPrototypeOf(tokenizer) as { tokenizeForSentence: Tokenize };
  const original = proto.tokenizeForSentence;
  fresh = (sentence, tokens) => original.call(tokenizer, sentence, tokens);
  assert.equal(memoizeTokens(proto as never), true);
  assert.equal(memoizeTokens(proto as never), false, "wrapped once");
});

describe("tokenMemo", () => {
  it("tokenizes a sentence once, as a fresh tokenization does, with an array per caller", () => {
    const sentence = "今日は晴れたが、明日は雨が降るが、傘は持たない。";
    const before = { ...tokenMemoStats };
    const first = tokenizer.tokenizeForSentence(sentence);
    const second = tokenizer.tokenizeForSentence(sentence);
    assert.deepEqual(first, fresh(sentence));
    assert.deepEqual(second, first);
    assert.deepEqual({ ...tokenMemoStats }, { tokenizations: before.tokenizations + 1, hits: before.hits + 1 });
    assert.notEqual(first, second);
    first.length = 0;
    assert.deepEqual(tokenizer.tokenizeForSentence(sentence), second, "a caller's change reaches no one else");
    assert.notDeepEqual(tokenizer.tokenizeForSentence("別の文です。"), second);
  });

  it("calls kuromoji's appending form through", () => {
    const before = { ...tokenMemoStats };
    const into: unknown[] = [];
    const result = tokenizer.tokenizeForSentence("本を読む。", into);
    assert.equal(result, into, "kuromoji appends to the caller's array");
    assert.ok(into.length >= 3);
    assert.deepEqual({ ...tokenMemoStats }, before);
  });
});
