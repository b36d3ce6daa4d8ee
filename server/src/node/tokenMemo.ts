/**
 * One tokenization per sentence, whichever way a rule asks. kuromojin remembers the tokens of the
 * texts it is asked for (an LRU of 10,000), but a rule that takes the tokenizer itself
 * (`getTokenizer().then((t) => t.tokenizeForSentence(text))`, as no-doubled-conjunctive-particle-ga
 * in ja-technical-writing does) tokenizes again the sentences the other rules have just had
 * tokenized: about a third of a lint's tokenizations.
 *
 * So `Tokenizer.prototype.tokenizeForSentence(text)` itself remembers its tokens by text, for the
 * calls without the second argument (with it, kuromoji appends to the caller's array and we call
 * through). Tokens are a pure function of the text once the dictionary is loaded. Each call gets
 * an array of its own; the token objects inside are shared, as kuromojin's cache already shares
 * them between the rules that use it.
 */

import { Lru } from "../core/shared/lru";

interface TokenizerPrototype {
  tokenizeForSentence(sentence: string, tokens?: unknown[] | null): unknown[];
  __tsuzuriTokenMemo?: true;
}

/** Texts remembered per tokenizer prototype (most recently used kept), as kuromojin's own cache. */
const ENTRIES = 10_000;

export const tokenMemoStats = { tokenizations: 0, hits: 0 };

/** Wraps a kuromoji `Tokenizer.prototype.tokenizeForSentence` (idempotent). */
export function memoizeTokens(proto: TokenizerPrototype): boolean {
  if (proto.__tsuzuriTokenMemo || typeof proto.tokenizeForSentence !== "function") return false;
  const tokenize = proto.tokenizeForSentence;
  const memo = new Lru<string, unknown[]>(ENTRIES);
  proto.tokenizeForSentence = function memoTokenize(this: unknown, sentence: string, tokens?: unknown[] | null): unknown[] {
    if ((tokens !== undefined && tokens !== null) || typeof sentence !== "string") return tokenize.call(this, sentence, tokens);
    const known = memo.get(sentence);
    if (known) {
      tokenMemoStats.hits++;
      return [...known];
    }
    const result = tokenize.call(this, sentence);
    tokenMemoStats.tokenizations++;
    memo.set(sentence, result);
    return [...result];
  };
  proto.__tsuzuriTokenMemo = true;
  return true;
}
