/**
 * `data-line` on every block token: the 0-based line where the block starts (markdown-it's `map`).
 * The renderer gets the body with the frontmatter lines blanked, so these are lines of the post.
 * (VS Code's Markdown preview does the same for its scroll sync.) `env.lineBase`, when given, is
 * added (the block cache renders a block alone with its lines at a base it can find again).
 */
import type { MarkdownIt, RenderEnv } from "./types";

export function sourceLines(md: MarkdownIt): void {
  md.core.ruler.push("tsuzuri_source_lines", (state) => {
    const base = (state.env as RenderEnv | undefined)?.lineBase ?? 0;
    for (const token of state.tokens) {
      if (token.map && token.nesting >= 0 && token.type !== "inline") token.attrSet("data-line", String(base + token.map[0]));
    }
  });
  // A raw HTML block: its first tag takes the line (no wrapper, which would break HTML spread
  // over several blocks such as <details> … </details>).
  md.renderer.rules["html_block"] = (tokens, idx) => {
    const token = tokens[idx];
    if (!token) return "";
    const line = token.attrGet("data-line");
    return line === null ? token.content : withLine(token.content, String(line));
  };
}

function withLine(html: string, line: string): string {
  return html.replace(/^(\s*)<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])/, (_all, space: string, tag: string) => `${space}<${tag} data-line="${line}"`);
}
