/**
 * The live preview's rendering core: a post's text in, sanitised HTML out (no vscode, no I/O, no
 * network). The header comes from the frontmatter; the body from the platform's renderer — Zenn's
 * own zenn-markdown-html for Zenn, markdown-it with each platform's notations for the others —
 * with `data-line` (0-based lines of the whole post) on its blocks, embeds as offline placeholders,
 * local images marked with `data-local-src`, and everything through one sanitiser.
 */
import { buildHeader, headerHtml } from "./header";
import { renderMarkdownIt } from "./markdown";
import { sanitizePreviewHtml } from "./sanitize";
import { preparePost } from "./source";
import { RENDER_PLATFORMS, type RenderOptions, type RenderPlatform, type RenderResult } from "./types";
import { renderZenn } from "./zenn";

export * from "./types";
export { sanitizePreviewHtml, isLocalImageSrc } from "./sanitize";
export { embedPlaceholder } from "./embed";
export { katexMath } from "./katex";

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
  const own = platform === "zenn" ? "dist/styles/zenn-content.css" : `media/styles/${platform}.css`;
  return [own, "media/styles/tsuzuri-preview.css"];
}

export interface RenderPostOptions extends RenderOptions {
  /** The clock for "scheduled" (a future Zenn published_at); tests pass one. */
  now?: Date;
}

export async function renderPost(text: string, options: RenderPostOptions): Promise<RenderResult> {
  const started = performance.now();
  const platform: RenderPlatform = RENDER_PLATFORMS.includes(options.platform) ? options.platform : "blog";
  const post = preparePost(text);
  const header = buildHeader(text, post, { ...options, platform }, options.now);
  const headerPart = sanitizePreviewHtml(headerHtml(header, options.locale));
  const bodyHtml = platform === "zenn" ? (await renderZenn(post.body, options.renderMath)).html : sanitizePreviewHtml(renderMarkdownIt(post.body, platform, options.renderMath));
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
