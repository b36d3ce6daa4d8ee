/** Small HTML helpers of the renderers; escaping is in ../shared/html.ts. */

/**
 * Adds `data-line` to the first start tag of an HTML fragment when it has none (a block the
 * renderer emitted without attributes: Zenn's `<aside>`, an embed, a raw HTML block). The fragment
 * comes from a renderer, so its first tag is well formed.
 */
export function withDataLine(html: string, line: number): string {
  const m = /^(\s*)<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?(\/?)>/.exec(html);
  if (!m) return html;
  const attrs = m[3] ?? "";
  if (/\sdata-line\s*=/.test(attrs)) return html;
  return `${m[1]}<${m[2]} data-line="${line}"${attrs}${m[4]}>${html.slice(m[0].length)}`;
}
