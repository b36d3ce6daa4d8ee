/**
 * The render cache behind fast preview updates: each post's body is cut into its top-level blocks
 * (the block parser's own boundaries), and each block's sanitised HTML is kept under the block's
 * source text. On the next render of the same post only blocks whose text is new are rendered;
 * the others reuse their HTML, and the page is their concatenation.
 *
 * - Lines. A block's HTML is kept with its `data-line`s relative to the block's first line: it is
 *   rendered with every line at LINE_BASE + (line in the block), those values are cut out
 *   (`CachedBlock.parts` / `rel`) and filled in with the block's current line on every use, so a
 *   block that moved (lines inserted above it) is reused too. A post whose text holds LINE_BASE's
 *   digits is never cached (its own text could then be mistaken for a line number).
 * - Equality with a full render. A block rendered alone gives what the whole-post render gives for it
 *   unless something in one block changes another's output: footnotes (numbered over the post, their
 *   list at the end), link reference definitions, heading ids (a repeated heading gets `-1` on Zenn,
 *   Qiita and blogs: headingIds.ts),
 *   Hatena's `((…))` footnotes, raw HTML spread over blocks (sanitised together it nests
 *   differently). Each renderer detects these conservatively (by the text outside code blocks, by
 *   the parse) and then renders the whole post as before, uncached. The HTML of a block is sanitised
 *   on its own: the renderers' output is balanced, so this is the whole page's sanitisation cut at
 *   block boundaries (raw HTML other than comments and void tags takes the whole-post path).
 * - Bounds. A cache entry is the blocks of one post's last render (blocks no longer in the post are
 *   dropped at each render), for the last MAX_POSTS posts (least recently rendered evicted first),
 *   and only for the same platform and math renderer (else it starts afresh). Entries are keyed by
 *   `cacheKey`, by default the post's file path; renders without a key are not cached.
 *
 * A cached value is a pure function of the block's text (and platform and math renderer), so
 * overlapping renders of one post cannot make it stale: any entry is right for any render.
 */
import type { MathRenderer, RenderPlatform } from "./types";

/** Lines are rendered as LINE_BASE + line in the block (a safe integer the sanitiser keeps). */
export const LINE_BASE = 8_391_274_650_000_000;
/** A text holding these digits is not cached. */
export const LINE_BASE_DIGITS = "83912746500";
const LINE_VALUE = / data-line="(83912746500\d{5})"/g;
/** Posts longer than this many lines (LINE_BASE's range) are not cached. */
export const MAX_LINES = 99_999;

/** How many posts the cache keeps. */
export const MAX_POSTS = 4;

export interface CachedBlock {
  /** The HTML cut at each relative `data-line` value: parts[0] rel[0] parts[1] … parts[n]. */
  parts: string[];
  rel: number[];
  /** The heading ids the block's HTML holds (headingIds.ts). */
  ids: string[];
}

/**
 * A block's sanitised HTML, its lines at LINE_BASE + `start` + line in the block, as a CachedBlock;
 * undefined when a line falls outside the block's `lineCount` lines (the block's HTML then depends
 * on more than its own text).
 */
export function toCachedBlock(html: string, lineCount: number, ids: string[] = [], start = 0): CachedBlock | undefined {
  const parts: string[] = [];
  const rel: number[] = [];
  let last = 0;
  for (const m of html.matchAll(LINE_VALUE)) {
    const line = Number(m[1]) - LINE_BASE - start;
    if (!(line >= 0 && line < lineCount)) return undefined;
    const at = (m.index ?? 0) + ' data-line="'.length;
    parts.push(html.slice(last, at));
    rel.push(line);
    last = at + (m[1] ?? "").length;
  }
  parts.push(html.slice(last));
  return { parts, rel, ids };
}

/** A cached block's HTML with its lines counted from `start`. */
export function fillBlock(block: CachedBlock, start: number): string {
  const { parts, rel } = block;
  let out = parts[0] ?? "";
  for (let i = 0; i < rel.length; i++) out += String(start + (rel[i] ?? 0)) + (parts[i + 1] ?? "");
  return out;
}

/**
 * The blocks of `spans` in order, each from this render's `blocks` or, its text unchanged, from the
 * `previous` render (then added to `blocks`, which becomes the cache). Undefined when one is in
 * neither (the caller renders the whole post instead).
 */
export function collectBlocks(
  spans: readonly BlockSpan[],
  blocks: Map<string, CachedBlock>,
  previous: ReadonlyMap<string, CachedBlock> | undefined,
): CachedBlock[] | undefined {
  const out: CachedBlock[] = [];
  for (const span of spans) {
    let block = blocks.get(span.text);
    if (!block) {
      block = previous?.get(span.text);
      if (!block) return undefined;
      blocks.set(span.text, block);
    }
    out.push(block);
  }
  return out;
}

/** The page: each block's HTML with its lines counted from its span's start. */
export function joinBlocks(spans: readonly BlockSpan[], ordered: readonly CachedBlock[]): string {
  return ordered.map((block, i) => fillBlock(block, spans[i]?.start ?? 0)).join("");
}

export interface BlockSpan {
  /** The block's first line in the body. */
  start: number;
  /** How many lines its text covers (trailing blank lines included). */
  lineCount: number;
  /** Its text: from its first line to the next block's (the line breaks after it included). */
  text: string;
}

/**
 * The body cut at the block starts (`starts` ascending, lines of the body); undefined when the body
 * has more than MAX_LINES lines.
 */
export function blockSpans(body: string, starts: readonly number[]): BlockSpan[] | undefined {
  const offsets: number[] = [0];
  for (let i = body.indexOf("\n"); i >= 0; i = body.indexOf("\n", i + 1)) offsets.push(i + 1);
  if (offsets.length > MAX_LINES) return undefined;
  const spans: BlockSpan[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k] ?? 0;
    const next = starts[k + 1];
    const from = offsets[start] ?? body.length;
    const to = next === undefined ? body.length : (offsets[next] ?? body.length);
    spans.push({ start, lineCount: (next ?? offsets.length) - start, text: body.slice(from, to) });
  }
  return spans;
}

/**
 * Notations that tie blocks together, found in the text outside code blocks (`codeLines` marks
 * those lines): footnote references and definitions (`[^x]`, inline `^[…]`), link reference
 * definitions (anything with `]:`), and the `extra` strings (Hatena's `((`). Conservative: a match
 * in an inline code span or plain prose also counts.
 */
export function linksBlocks(body: string, codeLines: Uint8Array, extra: readonly string[] = []): boolean {
  const needles = ["[^", "^[", "]:", ...extra];
  if (!needles.some((n) => body.includes(n))) return false;
  let line = 0;
  let from = 0;
  while (from <= body.length) {
    const end = body.indexOf("\n", from);
    const to = end < 0 ? body.length : end;
    if (codeLines[line] !== 1) {
      const text = body.slice(from, to);
      if (needles.some((n) => text.includes(n))) return true;
    }
    if (end < 0) break;
    from = end + 1;
    line++;
  }
  return false;
}

/** A renderer's result with the cache. */
export interface CachedRender {
  /** The body's sanitised HTML: what the renderer gives without the cache. */
  html: string;
  /** The blocks to keep for the next render; undefined when the post is not cached. */
  blocks?: Map<string, CachedBlock>;
  /** Blocks rendered and reused (rendered -1: the post was rendered whole). */
  rendered: number;
  reused: number;
}

interface Entry {
  platform: RenderPlatform;
  renderMath: MathRenderer | undefined;
  blocks: Map<string, CachedBlock>;
}

export interface RenderCacheStats {
  /** Posts and blocks held. */
  posts: number;
  blocks: number;
  /** The last keyed render: blocks rendered and reused, and which path it took. */
  last?: { rendered: number; reused: number; path: "blocks" | "whole" };
}

/** Per post (cache key), the blocks of its last render; the last MAX_POSTS posts. */
export class RenderCache {
  private readonly entries = new Map<string, Entry>();
  last: RenderCacheStats["last"];

  constructor(private readonly maxPosts = MAX_POSTS) {}

  /** The post's blocks, when its last render had the same platform and math renderer. */
  blocks(key: string, platform: RenderPlatform, renderMath: MathRenderer | undefined): ReadonlyMap<string, CachedBlock> | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.platform !== platform || entry.renderMath !== renderMath) return undefined;
    return entry.blocks;
  }

  set(key: string, platform: RenderPlatform, renderMath: MathRenderer | undefined, blocks: Map<string, CachedBlock>): void {
    this.entries.delete(key);
    this.entries.set(key, { platform, renderMath, blocks });
    for (const old of this.entries.keys()) {
      if (this.entries.size <= this.maxPosts) break;
      this.entries.delete(old);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.last = undefined;
  }

  /** Every cached block of every post (tests use it to tamper with the cache). */
  *allBlocks(): IterableIterator<[string, CachedBlock]> {
    for (const entry of this.entries.values()) yield* entry.blocks;
  }

  stats(): RenderCacheStats {
    let blocks = 0;
    for (const entry of this.entries.values()) blocks += entry.blocks.size;
    return { posts: this.entries.size, blocks, ...(this.last ? { last: this.last } : {}) };
  }
}
