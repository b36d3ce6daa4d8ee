/**
 * The edits every measurement makes, so that the server, the naive API and the CLI lint exactly the
 * same texts: a writer typing a clause into a sentence near the middle of the post, one character
 * per change.
 */

const PHRASE = "ただし例外もあるので次の節で詳しく説明します";

export interface TypingPlan {
  /** UTF-16 offset of the first keystroke (just before a sentence's 「。」). */
  offset: number;
  /** The character typed by keystroke `i` (0-based); it lands at `offset + i`. */
  char(i: number): string;
  /** The text after the first `count` keystrokes. */
  textAfter(count: number): string;
}

/** Types into the first prose sentence ending at or after the middle of `text`. */
export function typingPlan(text: string, from = 0.5): TypingPlan {
  const offset = proseSentenceEnd(text, Math.floor(text.length * from));
  const char = (i: number): string => PHRASE[i % PHRASE.length] ?? "あ";
  return {
    offset,
    char,
    textAfter(count) {
      let typed = "";
      for (let i = 0; i < count; i++) typed += char(i);
      return text.slice(0, offset) + typed + text.slice(offset);
    },
  };
}

function proseSentenceEnd(text: string, from: number): number {
  let inFence = false;
  let lineStart = 0;
  for (const line of text.split("\n")) {
    const lineEnd = lineStart + line.length;
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    const prose = !inFence && !/^(#|\||-|\d+\.|```|~~~|---)/.test(line) && line.trim().length > 0;
    if (prose && lineEnd >= from) {
      const stop = line.indexOf("。", Math.max(0, from - lineStart));
      if (stop >= 0) return lineStart + stop;
    }
    lineStart = lineEnd + 1;
  }
  throw new Error("no prose sentence after the middle of the post");
}
