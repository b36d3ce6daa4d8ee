/**
 * The live preview's rendering core: a post's text in, sanitised HTML out (no vscode, no I/O, no
 * network). The header comes from the frontmatter; the body from the platform's renderer — Zenn's
 * own zenn-markdown-html for Zenn, markdown-it with each platform's notations for the others —
 * with `data-line` (0-based lines of the whole post) on its blocks, embeds as offline placeholders
 * (link cards keep their card shape), heading ids as each platform makes them (headingIds.ts), code
 * highlighted with Shiki where the platform highlights (highlight.ts: Qiita, DEV),
 * local images marked with `data-local-src`, and everything through one sanitiser.
 *
 * Renders keyed by `cacheKey` (by default the post's `filePath`) keep each top-level block's HTML
 * and, on the next render of that post, render only the blocks whose text changed: the same HTML
 * as a render without the cache, in a fraction of the time for a one-keystroke update. Posts whose
 * blocks depend on each other (footnotes, reference links, repeated Zenn headings, raw HTML across
 * blocks) are rendered whole every time. See blockCache.ts for how and what is kept (the last
 * MAX_POSTS posts, each its last render's blocks).
 */
import { RenderCache, type RenderCacheStats } from "./blockCache";
import { buildHeader, headerHtml } from "./header";
import { prepareHighlighting } from "./highlight";
import { renderMarkdownIt, renderMarkdownItCached } from "./markdown";
import { sanitizePreviewHtml } from "./sanitize";
import { preparePost } from "./source";
import { RENDER_PLATFORMS, type RenderOptions, type RenderPlatform, type RenderResult } from "./types";
import { renderZenn, renderZennCached } from "./zenn";

export * from "./types";
export { sanitizePreviewHtml, isLocalImageSrc } from "./sanitize";
export { embedPlaceholder } from "./embed";
export { katexMath } from "./katex";
export { CODE_LOOKS, type CodeLook } from "./highlight";
export { contrastRatio, parseColor, readableOn } from "./contrast";
export { MAX_POSTS as RENDER_CACHE_POSTS, type RenderCacheStats } from "./blockCache";

/** Classes of the body's container: each platform's stylesheet is scoped by its class (Zenn's by `znc`). */
export const BODY_CLASSES: Record<RenderPlatform, string> = {
  zenn: "tsuzuri-body tsuzuri-zenn znc",
  qiita: "tsuzuri-body tsuzuri-qiita",
  hatena: "tsuzuri-body tsuzuri-hatena",
  devto: "tsuzuri-body tsuzuri-devto",
  blog: "tsuzuri-body tsuzuri-blog",
};

/** Stylesheets for a platform, relative to the extension's root (build.js copies Zenn's). */
export function stylesheetsFor(platform: RenderPlatform): string[] {
  const own = platform === "zenn" ? ["dist/styles/zenn-content.css", "media/styles/zenn.css"] : [`media/styles/${platform}.css`];
  return [...own, "media/styles/tsuzuri-preview.css"];
}

export interface RenderPostOptions extends RenderOptions {
  /** The clock for "scheduled" (a future Zenn published_at); tests pass one. */
  now?: Date;
  /**
   * The post's key in the render cache (blockCache.ts): renders with the same key reuse the HTML of
   * unchanged blocks. Default: `filePath`; `null` renders without the cache (as does a render with
   * neither). The output is the same either way.
   */
  cacheKey?: string | null;
}

const cache = new RenderCache();

/** What the render cache holds, and what the last keyed render rendered and reused. */
export function renderCacheStats(): RenderCacheStats {
  return cache.stats();
}

/** Empties the render cache. */
export function clearRenderCache(): void {
  cache.clear();
}

/** The cache itself, for tests that tamper with it to show that they would notice a stale block. */
export function renderCacheForTests(): RenderCache {
  return cache;
}

async function renderBody(body: string, platform: RenderPlatform, options: RenderPostOptions): Promise<string> {
  // Shiki loads asynchronously; the markdown-it fence rule that uses it is synchronous.
  if (platform !== "zenn") await prepareHighlighting(body, platform);
  const key = options.cacheKey === undefined ? options.filePath : options.cacheKey;
  if (key === undefined || key === null) {
    return platform === "zenn" ? (await renderZenn(body, options.renderMath)).html : sanitizePreviewHtml(renderMarkdownIt(body, platform, options.renderMath));
  }
  const previous = cache.blocks(key, platform, options.renderMath);
  const result = platform === "zenn" ? await renderZennCached(body, options.renderMath, previous) : renderMarkdownItCached(body, platform, options.renderMath, previous);
  if (result.blocks) cache.set(key, platform, options.renderMath, result.blocks);
  else cache.delete(key);
  cache.last = { rendered: result.rendered, reused: result.reused, path: result.blocks ? "blocks" : "whole" };
  return result.html;
}

export async function renderPost(text: string, options: RenderPostOptions): Promise<RenderResult> {
  const started = performance.now();
  const platform: RenderPlatform = RENDER_PLATFORMS.includes(options.platform) ? options.platform : "blog";
  const post = preparePost(text);
  const header = buildHeader(text, post, { ...options, platform }, options.now);
  const headerPart = sanitizePreviewHtml(headerHtml(header, options.locale));
  const bodyHtml = await renderBody(post.body, platform, options);
  const bodyClass = BODY_CLASSES[platform];
  return {
    html: `${headerPart}\n<article class="${bodyClass}">\n${bodyHtml}</article>\n`,
    header,
    headerHtml: headerPart,
    bodyHtml,
    bodyClass,
    platform,
    elapsedMs: performance.now() - started,
  };
}
