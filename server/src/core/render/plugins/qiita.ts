/**
 * Qiita's notations: `:::note info|warn|alert` (markdown-it-container; `:::note` alone is info),
 * and a URL alone in a paragraph, which Qiita shows as a link card (here an offline placeholder).
 */
import container from "markdown-it-container";
import { embedPlaceholder } from "../embed";
import { lineAttr, type MarkdownIt } from "./types";

const NOTE = /^note(?:\s+(info|warn|alert))?\s*$/;

export function qiitaNotes(md: MarkdownIt): void {
  container(md as never, "note", {
    validate: (params: string) => NOTE.test(params.trim()),
    render: (tokens: never[], idx: number) => {
      const token = tokens[idx] as unknown as { info: string; nesting: number; attrGet(n: string): string | null };
      if (token.nesting !== 1) return "</div></div>\n";
      const kind = NOTE.exec(token.info.trim())?.[1] ?? "info";
      return `<div class="note ${kind}"${lineAttr(token as never)}><span class="note-icon" aria-hidden="true"></span><div class="note-body">\n`;
    },
  });
}

export function qiitaLinkCards(md: MarkdownIt): void {
  md.core.ruler.push("tsuzuri_qiita_cards", (state) => {
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      const open = tokens[i];
      const inline = tokens[i + 1];
      if (open?.type !== "paragraph_open" || open.level !== 0 || inline?.type !== "inline") continue;
      const children = inline.children ?? [];
      const [a, t, z] = children;
      if (children.length !== 3 || a?.type !== "link_open" || a.markup !== "linkify" || t?.type !== "text" || z?.type !== "link_close") continue;
      const card = new state.Token("html_block", "", 0);
      // Its data-line comes from the source-line rule (html_block).
      card.content = embedPlaceholder({ kind: "card", url: String(a.attrGet("href") ?? t.content) }) + "\n";
      card.map = open.map;
      // Replaces paragraph_open, inline, paragraph_close.
      tokens.splice(i, 3, card);
    }
  });
}
