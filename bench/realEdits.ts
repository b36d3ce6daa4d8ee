/**
 * Where the `real` case types into a real-shaped post (test/helpers/realPost.ts), and what: a
 * writer moving around the post, one character per change, in runs at six kinds of places. Like
 * editPlan.ts, it fixes every keystroke in advance, so that the incremental and the full server
 * lint exactly the same texts.
 */

export type PlaceId = "paragraph" | "link-list" | "heading" | "emoji" | "footnote" | "footnote-definition";

export const PLACE_LABELS: Record<PlaceId, string> = {
  paragraph: "in a paragraph, mid-post",
  "link-list": "in a link list's item title",
  heading: "at the end of a heading",
  emoji: "next to an emoji (flagged paragraph)",
  footnote: "before a footnote reference, late in the post",
  "footnote-definition": "in the last footnote definition (end of post)",
};

interface Place {
  id: PlaceId;
  /** UTF-16 offset in the original text. */
  offset: number;
  phrase: string;
}

export interface Keystroke {
  place: PlaceId;
  /** Offset in the text as it is when this keystroke is typed. */
  offset: number;
  char: string;
}

export interface RealTypingPlan {
  keystrokes: Keystroke[];
  /** The text after the first `count` keystrokes. */
  textAfter(count: number): string;
}

/** Lines with their offsets and whether they are inside a code fence. */
function lines(text: string): { line: string; start: number; inFence: boolean }[] {
  const out: { line: string; start: number; inFence: boolean }[] = [];
  let inFence = false;
  let start = 0;
  for (const line of text.split("\n")) {
    const fence = /^(```|~~~)/.test(line);
    out.push({ line, start, inFence: inFence || fence });
    if (fence) inFence = !inFence;
    start += line.length + 1;
  }
  return out;
}

/** The first line at or after `from` (a share of the text) that `match` accepts; else the last one before. */
function find(text: string, from: number, match: (line: string) => number | undefined): number {
  const all = lines(text).filter((l) => !l.inFence);
  const at = Math.floor(text.length * from);
  const hit = (l: { line: string; start: number }): number | undefined => {
    const i = match(l.line);
    return i === undefined || i < 0 ? undefined : l.start + i;
  };
  for (const l of all) if (l.start + l.line.length >= at) {
    const offset = hit(l);
    if (offset !== undefined && offset >= at) return offset;
  }
  for (const l of [...all].reverse()) {
    const offset = hit(l);
    if (offset !== undefined) return offset;
  }
  throw new Error(`no place found after ${Math.round(from * 100)}% of the post`);
}

/** A line of a prose paragraph: not a heading, list, table, quote, fence, container, image, definition or URL. */
const isProse = (line: string): boolean => line.length > 0 && !/^(#|-|\||>|:::|```|!\[|\[|@\[|https?:|\s|\d+\.|\*)/.test(line);

/** The six places of a post, in the order the writer visits them. */
export function realPlaces(text: string): Place[] {
  return [
    // Before the 「。」 of a sentence near the middle of a prose paragraph.
    { id: "paragraph", offset: find(text, 0.5, (l) => (isProse(l) ? l.indexOf("。") : undefined)), phrase: "ただし例外もあります" },
    // Into the title of a `- [title](url)` item, at its end.
    { id: "link-list", offset: find(text, 0.35, (l) => (l.startsWith("- [") ? l.indexOf("](") : undefined)), phrase: "（公式）" },
    // At the end of a `##`/`###` heading.
    { id: "heading", offset: find(text, 0.6, (l) => (/^#{2,3} /.test(l) ? l.length : undefined)), phrase: "の注意点" },
    // Just after a 🎉 in a paragraph the preset flags (「することができ」 or 「！」).
    { id: "emoji", offset: find(text, 0.25, (l) => (/することができ|！/.test(l) && l.includes("🎉") ? l.indexOf("🎉") + "🎉".length : undefined)), phrase: "やった" },
    // Before a footnote reference in the prose, late in the post (the link lists and definitions follow).
    { id: "footnote", offset: find(text, 0.75, (l) => (isProse(l) ? l.indexOf("[^") : undefined)), phrase: "など" },
    // Before the 「。」 of the last footnote definition that has one (a definition changed: the
    // incremental engine's cache of every block is invalidated).
    { id: "footnote-definition", offset: find(text, 1, (l) => (/^\[\^\d+\]: .*。$/.test(l) ? l.length - 1 : undefined)), phrase: "でした" },
  ];
}

/**
 * `perPlace` keystrokes at each place in turn (the first place gets `warmUp` more, typed first).
 * `places` picks and orders the places (default: all six).
 */
export function realTypingPlan(text: string, perPlace: number, warmUp = 0, places?: readonly PlaceId[]): RealTypingPlan {
  const all = realPlaces(text);
  const chosen = places ? places.map((id) => all.find((p) => p.id === id)!) : all;
  const keystrokes: Keystroke[] = [];
  /** Original offsets where characters were inserted (one entry per character). */
  const inserted: number[] = [];
  chosen.forEach((place, p) => {
    const count = perPlace + (p === 0 ? warmUp : 0);
    const start = place.offset + inserted.filter((o) => o <= place.offset).length;
    for (let i = 0; i < count; i++) {
      keystrokes.push({ place: place.id, offset: start + i, char: place.phrase[i % place.phrase.length] ?? "あ" });
    }
    for (let i = 0; i < count; i++) inserted.push(place.offset);
  });
  return {
    keystrokes,
    textAfter(count) {
      let out = text;
      for (const k of keystrokes.slice(0, count)) out = out.slice(0, k.offset) + k.char + out.slice(k.offset);
      return out;
    },
  };
}
