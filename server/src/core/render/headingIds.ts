/**
 * Heading ids as each platform makes them, so a post's own `#…` links work in the preview as on
 * the site (Zenn's come from its own renderer, markdown-it-anchor):
 *
 * - Qiita (qiita-markdown's heading_anchor.rb): the heading's text lower-cased, every character but
 *   letters, marks, digits, connector punctuation, `-` and space removed, spaces → `-`; a repeated
 *   id gets `-1`, `-2`… GitHub's scheme, which Hugo (goldmark), Astro and Gatsby
 *   (github-slugger) also follow: static-site blogs use it too.
 * - DEV (forem's html_rouge.rb `slugify`): the text lower-cased, emoji removed, trimmed,
 *   punctuation removed, whitespace runs → `-`; no suffix for a repeated heading. DEV puts it on an
 *   `<a name>` inside the heading; the preview puts it on the heading (the sanitiser drops `name`).
 * - Hatena Blog: the heading's text with whitespace runs → `-` (unconfirmed: read from its pages'
 *   tables of contents, not from source).
 *
 * Ids that depend on other headings (a suffix) tie blocks together for the render cache:
 * `headingIdsTied` tells when.
 */
import type { RenderPlatform } from "./types";

export type HeadingIdScheme = (text: string) => string;

const github: HeadingIdScheme = (text) => text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "").replace(/ /g, "-");
const forem: HeadingIdScheme = (text) =>
  text
    .toLowerCase()
    .replace(/\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{EMod})*/gu, "")
    .trim()
    // Ruby's [[:punct:]] on a Unicode string: punctuation, and the ASCII symbols POSIX counts.
    .replace(/[\p{P}$+<=>^`|~]/gu, "")
    .replace(/\s+/g, "-");
const hatena: HeadingIdScheme = (text) => text.trim().replace(/\s+/g, "-");

/** Each markdown-it platform's scheme, and whether a repeated id gets a `-n` suffix. */
export const HEADING_IDS: Partial<Record<RenderPlatform, { scheme: HeadingIdScheme; suffix: boolean }>> = {
  qiita: { scheme: github, suffix: true },
  blog: { scheme: github, suffix: true },
  devto: { scheme: forem, suffix: false },
  hatena: { scheme: hatena, suffix: false },
};

/** Unique ids in document order: the second `x` is `x-1`, the third `x-2` (Qiita, github-slugger). */
export function suffixedId(id: string, counts: Map<string, number>): string {
  const seen = counts.get(id) ?? 0;
  counts.set(id, seen + 1);
  return seen > 0 ? `${id}-${seen}` : id;
}

const HEADING_ID = /<h[1-6]\b[^>]*?\sid="([^"]*)"/g;

/** The heading ids in rendered HTML. */
export function headingIds(html: string): string[] {
  return [...html.matchAll(HEADING_ID)].map((m) => m[1] ?? "");
}

/**
 * Whether heading ids tie blocks together. A heading whose id is taken gets `id-1`, `id-2`…, which
 * depends on the other blocks. When no id is repeated and none is another id plus `-<n>`, no suffix
 * was added anywhere, so every block's ids are those it has alone, and the ids of blocks rendered
 * alone then stay as they are together.
 */
export function headingIdsTied(ids: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return true;
    seen.add(id);
  }
  for (const id of ids) {
    const m = /^(.*)-\d+$/.exec(id);
    if (m && seen.has(m[1] ?? "")) return true;
  }
  return false;
}
