/**
 * kuromoji (the morphological analyser behind kuromojin and every rule built on it) reports
 * `word_position` in code points, while textlint and the editor count UTF-16 code units. After an
 * emoji or any other astral character on the same text node, such rules put their squiggle and their
 * fix too far left (`👨‍👩‍👧‍👦家族で見れる` → no-dropping-the-ra points at 「家」 instead of 「れ」).
 *
 * Rather than patching each rule, we correct the analyser's output once, at its source: every token
 * that kuromoji produces gets its `word_position` translated into UTF-16 units. Rules that derive
 * positions from `word_position` become right; rules that sum `surface_form.length` were already
 * right and stay so. Text without astral characters is untouched (the common case costs one scan).
 */

interface KuromojiToken {
  word_position: number;
}

interface TokenizerPrototype {
  tokenizeForSentence(sentence: string, tokens?: KuromojiToken[] | null): KuromojiToken[];
  __tsuzuriUtf16?: true;
}

const astral = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/**
 * Maps a 1-based code-point position within `text` to the 1-based UTF-16 position.
 * Exported for tests.
 */
export function codePointToUtf16Position(text: string, oneBasedCodePoint: number): number {
  let units = 0;
  let points = 0;
  const target = oneBasedCodePoint - 1;
  while (points < target && units < text.length) {
    const code = text.charCodeAt(units);
    units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
    points++;
  }
  return units + 1 + (target - points);
}

/**
 * Patches a kuromoji `Tokenizer.prototype` in place (idempotent). Positions of tokens appended by one
 * call are translated relative to that call's sentence; earlier tokens passed in are left alone.
 */
export function patchTokenizerForUtf16(proto: TokenizerPrototype): boolean {
  if (proto.__tsuzuriUtf16) return false;
  const original = proto.tokenizeForSentence;
  proto.tokenizeForSentence = function (this: unknown, sentence: string, tokens?: KuromojiToken[] | null) {
    const before = tokens ? tokens.length : 0;
    // kuromoji offsets a sentence by the previous token's start; keep that base in its own units.
    const base = before > 0 && tokens ? (tokens[before - 1]?.word_position ?? 0) : 0;
    const result = original.call(this, sentence, tokens);
    if (!astral.test(sentence)) return result;
    // One pass over the sentence for all its tokens (they come in order): a scan from the start for
    // each token was quadratic, minutes on a sentence of thousands of emoji.
    let units = 0;
    let points = 0;
    for (let i = before; i < result.length; i++) {
      const token = result[i];
      if (!token) continue;
      const target = token.word_position - base - 1;
      if (target < points) [units, points] = [0, 0];
      while (points < target && units < sentence.length) {
        const code = sentence.charCodeAt(units);
        units += code >= 0xd800 && code <= 0xdbff && units + 1 < sentence.length ? 2 : 1;
        points++;
      }
      token.word_position = base + units + 1 + (target - points);
    }
    return result;
  };
  proto.__tsuzuriUtf16 = true;
  return true;
}

/**
 * Applies the patch to the kuromoji that `requireFn` resolves (ours, or a project's copy).
 * Returns false when there is no kuromoji to patch.
 */
export function patchKuromojiAt(requireFn: (id: string) => unknown, tokenizerModuleId: string): boolean {
  try {
    const Tokenizer = requireFn(tokenizerModuleId) as { prototype: TokenizerPrototype } | undefined;
    if (!Tokenizer || typeof Tokenizer.prototype?.tokenizeForSentence !== "function") return false;
    patchTokenizerForUtf16(Tokenizer.prototype);
    return true;
  } catch {
    return false;
  }
}
