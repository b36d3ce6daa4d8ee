/**
 * Offline placeholders for embeds that would load something from the web (link cards, tweets,
 * YouTube, gists, CodePen, a dev.to liquid tag, a Hatena `[url:embed]`…). The preview never fetches:
 * it shows what would be embedded and its URL (a link, opened through VS Code when clicked).
 *
 * The placeholder is a `<span>` (styled as a block): a card made from a bare URL sits inside a
 * `<p>`, where a `<div>` would end the paragraph when the page parses the HTML.
 *
 * A link card (Zenn's `@[card]` and bare URLs, Qiita's bare URLs, DEV's `{% embed %}`, Hatena's
 * `[…:embed]`) keeps the card's shape and size — the page's layout stays as on the site — with what
 * is known offline: the URL and its host. Nothing is fetched (no title, no image, no favicon).
 */
import { escapeHtml } from "../shared/html";

export interface EmbedPlaceholder {
  /** What the platform would embed: `card`, `tweet`, `youtube`, `gist`, `embed`… */
  kind: string;
  /** The URL (or, when the notation names no URL, the argument as written). */
  url: string;
  /** Source line for scroll sync, when the placeholder is a block of its own. */
  line?: number;
}

const HTTP_URL = /^https?:\/\/[^\s"'<>]+$/i;

/** Embeds the platforms show as link cards (when they point at an http(s) URL). */
const CARD_KINDS = new Set(["card", "embed", "link-card", "linkcard", "blogcard"]);

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

function cardHtml(kind: string, url: string, line: string): string {
  const host = hostOf(url) ?? url;
  const shown = url.replace(/^https?:\/\//i, "");
  const u = escapeHtml(url);
  return (
    `<span class="tsuzuri-embed tsuzuri-embed-${kind}"${line} data-embed="${kind}" data-url="${u}">` +
    `<a class="tsuzuri-card-link" href="${u}" title="${u}">` +
    `<span class="tsuzuri-card-body"><span class="tsuzuri-card-title">${escapeHtml(shown)}</span>` +
    `<span class="tsuzuri-card-host"><span class="tsuzuri-card-favicon" aria-hidden="true"></span>${escapeHtml(host)}</span></span>` +
    `<span class="tsuzuri-card-thumb" aria-hidden="true"></span></a></span>`
  );
}

export function embedPlaceholder(embed: EmbedPlaceholder): string {
  const kind = embed.kind.toLowerCase().replace(/[^a-z0-9_-]/g, "") || "embed";
  const url = embed.url.trim();
  const link = HTTP_URL.test(url);
  const line = embed.line === undefined ? "" : ` data-line="${embed.line}"`;
  if (link && CARD_KINDS.has(kind) && hostOf(url)) return cardHtml(kind, url, line);
  const target = link ? `<a class="tsuzuri-embed-url" href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : `<span class="tsuzuri-embed-url">${escapeHtml(url)}</span>`;
  return `<span class="tsuzuri-embed tsuzuri-embed-${kind}"${line} data-embed="${kind}"${link ? ` data-url="${escapeHtml(url)}"` : ""}><span class="tsuzuri-embed-kind">${escapeHtml(kind)}</span>: ${target}</span>`;
}
