/**
 * Zenn posts through Zenn's own renderer, zenn-markdown-html (so `:::message`, `:::details`,
 * `@[card]`, `@[youtube]`, math and `js:file.js` fences come out as on zenn.dev, highlighted by
 * Shiki as there), then three documented changes:
 *
 * 1. Offline embeds. It is called with an `embedOrigin` that is never contacted, so every embed
 *    (link cards — also a bare URL alone on a line —, tweets, gists, GitHub files, mermaid, and the
 *    iframes of YouTube, CodePen, SpeakerDeck…) comes out as Zenn's
 *    `<span class="embed-block …"><iframe …></iframe></span>`. Each such span is replaced by a
 *    placeholder naming the embed and its URL (embed.ts); a mermaid diagram shows its source.
 *    Zenn's own messages for invalid embeds stay as Zenn writes them.
 * 2. Source lines. Zenn puts `data-line` on most blocks (lines of the text it was given), but not on
 *    containers, embeds and code-block wrappers. Before rendering, a marker paragraph is inserted
 *    before each top-level block (zennBlocks.ts finds them); the output is split at the markers,
 *    the first element of each block gets the block's line when it has none, and every `data-line`
 *    is mapped back from the marked text to the post. Zenn renders the whole post in one call, so
 *    footnotes, reference links and heading ids are exactly Zenn's. Should a marker not come back
 *    as its own paragraph (the block parse here disagreeing with Zenn's), the post is rendered again
 *    without markers: Zenn's output as is, with only its own `data-line`s.
 * 3. Math is left as Zenn's `<embed-katex>` (its TeX source) unless a MathRenderer is given.
 *
 * With the render cache (renderZennCached, blockCache.ts), a post seen before has only its changed
 * top-level blocks rendered, each alone in one zenn-markdown-html call (a post seen for the first
 * time, or with many changed blocks, is rendered whole as above and cut at the markers); the page is
 * the blocks' HTML in order. Posts with footnotes, reference definitions or heading ids that depend
 * on other headings are rendered whole, uncached.
 *
 * zenn-markdown-html is ESM only: it is loaded with `import()` (Node loads it natively; esbuild
 * bundles it into the CommonJS extension), so rendering is async.
 */
import type * as ZennMarkdownHtml from "zenn-markdown-html" with { "resolution-mode": "import" };
import { embedPlaceholder } from "./embed";
import { withDataLine } from "./html";
import { escapeHtml, unescapeHtml } from "../shared/html";
import { sanitizePreviewHtml, sanitizePreviewParts } from "./sanitize";
import type { MathRenderer } from "./types";
import { blockSpans, collectBlocks, joinBlocks, LINE_BASE, LINE_BASE_DIGITS, linksBlocks, toCachedBlock, type BlockSpan, type CachedBlock, type CachedRender } from "./blockCache";
import { zennBlockInfo, zennBlockStarts } from "./zennBlocks";
import { headingIds, headingIdsTied } from "./headingIds";

type ZennModule = typeof ZennMarkdownHtml;

/** Never contacted: only makes zenn-markdown-html emit embeds as recognisable iframes. */
const EMBED_ORIGIN = "https://embed.tsuzuri.invalid";

let zennModule: Promise<ZennModule> | undefined;

function loadZenn(): Promise<ZennModule> {
  zennModule ??= import("zenn-markdown-html");
  return zennModule;
}

/** zenn-markdown-html itself, with the offline embed origin (for tests that compare with it). */
export async function zennMarkdownToHtml(text: string): Promise<string> {
  const zenn = await loadZenn();
  return zenn.default(text, { embedOrigin: EMBED_ORIGIN });
}

const EMBED_SPAN = /<span class="embed-block([^"]*)"><iframe\b([^>]*)><\/iframe><\/span>/g;

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)) if (m[1]) out[m[1].toLowerCase()] = unescapeHtml(m[2] ?? "");
  return out;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** What a Zenn embed span points at: its kind and the URL as the writer gave it (when known). */
export function zennEmbedTarget(classes: string, iframeAttributes: string): { kind: string; url: string } {
  const attrs = attributes(iframeAttributes);
  const server = /zenn-embedded-([\w-]+)/.exec(classes)?.[1];
  if (server) return { kind: server, url: decode(attrs["data-content"] ?? "") };
  const kind = /(?:^|\s)embed-(?!block)([\w-]+)/.exec(classes)?.[1] ?? "embed";
  const src = attrs["src"] ?? "";
  const youtube = /^https:\/\/www\.youtube-nocookie\.com\/embed\/([\w-]+)(?:\?start=(\d+))?/.exec(src);
  if (youtube) return { kind, url: `https://www.youtube.com/watch?v=${youtube[1]}${youtube[2] ? `&t=${youtube[2]}s` : ""}` };
  return { kind, url: src };
}

/** Documented change 1: Zenn's embed spans → offline placeholders. */
export function replaceZennEmbeds(html: string): string {
  return html.replace(EMBED_SPAN, (_all, classes: string, iframe: string) => {
    const { kind, url } = zennEmbedTarget(classes, iframe);
    if (kind === "mermaid") {
      return `<div class="tsuzuri-embed tsuzuri-embed-mermaid" data-embed="mermaid"><span class="tsuzuri-embed-kind">mermaid</span><pre><code>${escapeHtml(url)}</code></pre></div>`;
    }
    return embedPlaceholder({ kind, url });
  });
}

/** Documented change 3: with a MathRenderer, each `<embed-katex>` gets the rendered formula. */
export function renderZennMath(html: string, renderMath: MathRenderer | undefined): string {
  if (!renderMath) return html;
  return html.replace(/<embed-katex( display-mode="1")?>([\s\S]*?)<\/embed-katex>/g, (all, display: string | undefined, inner: string) => {
    const tex = unescapeHtml(inner.replace(/<\/?eqn?\b[^>]*>/g, ""));
    try {
      return `<embed-katex${display ?? ""}>${renderMath(tex, display !== undefined)}</embed-katex>`;
    } catch {
      return all;
    }
  });
}

interface Marked {
  text: string;
  /** The post's line of each line of the marked text. */
  original: number[];
  /** The marked text's line where each block starts (after its marker). */
  blockLines: number[];
  marker: (k: number) => string;
  nonce: string;
}

function markBlocks(body: string, blockStarts: readonly number[] = zennBlockStarts(body)): Marked {
  const nonce = Math.random().toString(36).slice(2, 10);
  const marker = (k: number) => `\uE000TSZ${nonce}N${k}\uE000`;
  const lines = body.split("\n");
  const starts = new Set(blockStarts);
  const out: string[] = [];
  const original: number[] = [];
  const blockLines: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (starts.has(i)) {
      // A blank line before (ends a paragraph above), the marker, a blank line after.
      out.push("", marker(blockLines.length), "");
      original.push(i, i, i);
      blockLines.push(out.length);
    }
    out.push(lines[i] ?? "");
    original.push(i);
  }
  return { text: out.join("\n"), original, blockLines, marker, nonce };
}

/** The marked output split at the markers, or undefined when they did not all come back intact. */
function splitAtMarkers(html: string, marked: Marked): string[] | undefined {
  const re = new RegExp(`<p\\b[^>]*>\\uE000TSZ${marked.nonce}N(\\d+)\\uE000</p>\\n?`, "g");
  const segments: string[] = [];
  let last = 0;
  let expected = 0;
  let head = "";
  for (const m of html.matchAll(re)) {
    if (Number(m[1]) !== expected) return undefined;
    const before = html.slice(last, m.index);
    if (expected === 0) head = before;
    else segments.push(before);
    last = m.index + m[0].length;
    expected++;
  }
  if (expected !== marked.blockLines.length) return undefined;
  if (expected > 0) segments.push(html.slice(last));
  else head = html;
  if ([head, ...segments].some((s) => s.includes(`TSZ${marked.nonce}`))) return undefined;
  if (head.trim() !== "") segments.unshift(head);
  return segments;
}

export interface ZennRender {
  html: string;
  /** "blocks": every top-level block has its line; "zenn": the markers failed, Zenn's own lines only. */
  lines: "blocks" | "zenn";
}

interface MarkedParts {
  /** Per block (after the head, if any): Zenn's HTML with embeds, math and the block's line done. */
  parts: string[];
  /** The same as Zenn wrote it. */
  raw: string[];
  /** Whether parts[0] is HTML before the first marker (nothing the block parse saw as a block). */
  head: boolean;
}

/**
 * Zenn's output for the marked body, cut at the markers, each block's part with embeds and math
 * done and its first element given the block's (marked) line; undefined when the markers failed.
 */
async function markedParts(marked: Marked, renderMath: MathRenderer | undefined): Promise<MarkedParts | undefined> {
  const html = await zennMarkdownToHtml(marked.text);
  const segments = splitAtMarkers(html, marked);
  if (!segments) return undefined;
  const offset = segments.length - marked.blockLines.length;
  const parts = segments.map((segment, i) => {
    const withEmbeds = renderZennMath(replaceZennEmbeds(segment), renderMath);
    const line = marked.blockLines[i - offset];
    return line === undefined ? withEmbeds : withDataLine(withEmbeds, line);
  });
  return { parts, raw: segments, head: offset > 0 };
}

/** The body (frontmatter lines blank, `\n` line breaks) as sanitised HTML with `data-line`s. */
export async function renderZenn(body: string, renderMath?: MathRenderer): Promise<ZennRender> {
  const marked = markBlocks(body);
  return wholePage(body, marked, await markedParts(marked, renderMath), renderMath);
}

/** renderZenn's result from the marked render's parts (undefined: the markers failed). */
async function wholePage(body: string, marked: Marked, done: MarkedParts | undefined, renderMath: MathRenderer | undefined): Promise<ZennRender> {
  if (!done) {
    const plain = await zennMarkdownToHtml(body);
    return { html: sanitizePreviewHtml(renderZennMath(replaceZennEmbeds(plain), renderMath)), lines: "zenn" };
  }
  const last = marked.original.length - 1;
  return { html: sanitizePreviewHtml(done.parts.join(""), { mapLine: (line) => marked.original[Math.min(line, last)] ?? line }), lines: "blocks" };
}

// --- incremental rendering (blockCache.ts) -------------------------------------------------------

/** At most this many blocks are rendered one by one; more, and the whole post is rendered in one call. */
const MAX_SEPARATE_RENDERS = 8;

/**
 * renderZenn with the block cache: blocks whose text is in `previous` are not rendered again.
 * The result equals renderZenn's HTML; posts whose blocks depend on each other (blockCache.ts) are
 * rendered by renderZenn itself and not cached.
 */
export async function renderZennCached(body: string, renderMath: MathRenderer | undefined, previous: ReadonlyMap<string, CachedBlock> | undefined): Promise<CachedRender> {
  const uncached = (html: string): CachedRender => ({ html, rendered: -1, reused: 0 });
  if (body.includes(LINE_BASE_DIGITS)) return uncached((await renderZenn(body, renderMath)).html);
  const info = zennBlockInfo(body);
  const whole = async (): Promise<CachedRender> => {
    const marked = markBlocks(body, info.starts);
    return uncached((await wholePage(body, marked, await markedParts(marked, renderMath), renderMath)).html);
  };
  if (info.references || linksBlocks(body, info.codeLines)) return whole();
  const spans = blockSpans(body, info.starts);
  if (!spans || spans.length === 0) return whole();
  const missing = new Map<string, BlockSpan>();
  for (const span of spans) if (!previous?.has(span.text)) missing.set(span.text, span);

  const blocks = new Map<string, CachedBlock>();
  if (missing.size > MAX_SEPARATE_RENDERS) {
    // The whole post in one call (as renderZenn), each block's part then cut out of one sanitisation.
    const marked = markBlocks(body, info.starts);
    const done = await markedParts(marked, renderMath);
    const asRenderZenn = async (): Promise<CachedRender> => uncached((await wholePage(body, marked, done, renderMath)).html);
    if (!done || done.head || done.parts.length !== spans.length) return asRenderZenn();
    if (headingIdsTied(done.raw.flatMap(headingIds))) return asRenderZenn();
    const last = marked.original.length - 1;
    const html = sanitizePreviewParts(done.parts, { mapLine: (line) => LINE_BASE + (marked.original[Math.min(line, last)] ?? line) });
    if (!html) return asRenderZenn();
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i]!;
      const block = toCachedBlock(html[i] ?? "", span.lineCount, headingIds(done.raw[i] ?? ""), span.start);
      if (!block) return asRenderZenn();
      blocks.set(span.text, block);
    }
  } else {
    for (const span of missing.values()) {
      // Alone, as Zenn renders a post of this one block; its first element gets the block's line.
      const raw = await zennMarkdownToHtml(span.text);
      const html = withDataLine(renderZennMath(replaceZennEmbeds(raw), renderMath), 0);
      const block = toCachedBlock(sanitizePreviewHtml(html, { mapLine: (line) => LINE_BASE + line }), span.lineCount, headingIds(raw));
      if (!block) return whole();
      blocks.set(span.text, block);
    }
  }
  const ordered = collectBlocks(spans, blocks, previous);
  if (!ordered || headingIdsTied(ordered.flatMap((b) => b.ids))) return whole();
  return { html: joinBlocks(spans, ordered), blocks, rendered: missing.size, reused: spans.length - missing.size };
}
