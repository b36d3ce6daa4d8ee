/**
 * Offline placeholders for embeds that would load something from the web (link cards, tweets,
 * YouTube, gists, CodePen, a dev.to liquid tag, a Hatena `[url:embed]`…). The preview never fetches:
 * it shows what would be embedded and its URL (a link, opened through VS Code when clicked).
 *
 * The placeholder is a `<span>` (styled as a block): a card made from a bare URL sits inside a
 * `<p>`, where a `<div>` would end the paragraph when the page parses the HTML.
 */
import { escapeHtml } from "./html";

export interface EmbedPlaceholder {
  /** What the platform would embed: `card`, `tweet`, `youtube`, `gist`, `embed`… */
  kind: string;
  /** The URL (or, when the notation names no URL, the argument as written). */
  url: string;
  /** Source line for scroll sync, when the placeholder is a block of its own. */
  line?: number;
}

const HTTP_URL = /^https?:\/\/[^\s"'<>]+$/i;

export function embedPlaceholder(embed: EmbedPlaceholder): string {
  const kind = embed.kind.toLowerCase().replace(/[^a-z0-9_-]/g, "") || "embed";
  const url = embed.url.trim();
  const link = HTTP_URL.test(url);
  const line = embed.line === undefined ? "" : ` data-line="${embed.line}"`;
  const target = link ? `<a class="tsuzuri-embed-url" href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : `<span class="tsuzuri-embed-url">${escapeHtml(url)}</span>`;
  return `<span class="tsuzuri-embed tsuzuri-embed-${kind}"${line} data-embed="${kind}"${link ? ` data-url="${escapeHtml(url)}"` : ""}><span class="tsuzuri-embed-kind">${escapeHtml(kind)}</span>: ${target}</span>`;
}
