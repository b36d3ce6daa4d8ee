/**
 * A rendered post's HTML (sanitised, renderPost's) as plain text, for readers that cannot see HTML
 * (an AI agent checking what the platform will show): one line per block, list items with "- ",
 * table cells separated by tabs, images by their alt text, code blocks with their own whitespace.
 * Not a general HTML-to-text converter: the input is what our sanitiser lets through, so no script,
 * style or comment is left to skip.
 */
import { unescapeHtml } from "../shared/html";

const BLOCK_END = /<\/(?:p|div|h[1-6]|pre|blockquote|tr|table|thead|tbody|header|article|section|details|summary|figure|figcaption|dt|dd|ul|ol|aside)\s*>/gi;

/** Tags to text marks; what is left of the markup is dropped. */
function markupToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<hr\b[^>]*>/gi, "\n---\n")
    .replace(/<li\b[^>]*>/gi, "\n- ")
    .replace(/<\/t[dh]\s*>\s*/gi, "\t")
    .replace(/<img\b[^>]*?\balt="([^"]*)"[^>]*>/gi, (_all, alt: string) => `[${alt || "image"}]`)
    .replace(BLOCK_END, "\n")
    .replace(/<[^>]*>/g, "");
}

export function htmlToPlainText(html: string): string {
  // Outside <pre>, whitespace in HTML source is one space and lines are trimmed; inside, it is kept.
  const parts = html.split(/(<pre\b[\s\S]*?<\/pre>)/i).map((part, i) =>
    i % 2 === 1
      ? `\n${markupToText(part)}`
      : markupToText(part.replace(/\s+/g, " "))
          .replace(/[ \t]*\n[ \t]*/g, "\n")
          .replace(/\n{2,}/g, "\n")
          .replace(/^ /, ""),
  );
  return unescapeHtml(parts.join(""))
    .replace(/[ \t]+$/gm, "")
    .trim();
}
