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
 * zenn-markdown-html is ESM only: it is loaded with `import()` (Node loads it natively; esbuild
 * bundles it into the CommonJS extension), so rendering is async.
 */
import type * as ZennMarkdownHtml from "zenn-markdown-html" with { "resolution-mode": "import" };
import { embedPlaceholder } from "./embed";
import { escapeHtml, unescapeHtml, withDataLine } from "./html";
import { sanitizePreviewHtml } from "./sanitize";
import type { MathRenderer } from "./types";
import { zennBlockStarts } from "./zennBlocks";

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

function markBlocks(body: string): Marked {
  const nonce = Math.random().toString(36).slice(2, 10);
  const marker = (k: number) => `\uE000TSZ${nonce}N${k}\uE000`;
  const lines = body.split("\n");
  const starts = new Set(zennBlockStarts(body));
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

/** The body (frontmatter lines blank, `\n` line breaks) as sanitised HTML with `data-line`s. */
export async function renderZenn(body: string, renderMath?: MathRenderer): Promise<ZennRender> {
  const marked = markBlocks(body);
  const html = await zennMarkdownToHtml(marked.text);
  const segments = splitAtMarkers(html, marked);
  if (!segments) {
    const plain = await zennMarkdownToHtml(body);
    return { html: sanitizePreviewHtml(renderZennMath(replaceZennEmbeds(plain), renderMath)), lines: "zenn" };
  }
  const offset = segments.length - marked.blockLines.length;
  const parts = segments.map((segment, i) => {
    const withEmbeds = renderZennMath(replaceZennEmbeds(segment), renderMath);
    const line = marked.blockLines[i - offset];
    return line === undefined ? withEmbeds : withDataLine(withEmbeds, line);
  });
  const last = marked.original.length - 1;
  return { html: sanitizePreviewHtml(parts.join(""), { mapLine: (line) => marked.original[Math.min(line, last)] ?? line }), lines: "blocks" };
}
