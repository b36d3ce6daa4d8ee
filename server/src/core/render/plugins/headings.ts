/** Heading ids as the platform makes them (headingIds.ts), counted over one render's `env`. */
import { HEADING_IDS, suffixedId } from "../headingIds";
import type { MarkdownIt, RenderEnv, Token } from "./types";

/** The text a heading shows (what the platforms slugify): text, code and math, not markup. */
function textOf(children: readonly Token[]): string {
  let out = "";
  for (const t of children) {
    if (t.type === "text" || t.type === "code_inline" || t.type === "math_inline") out += t.content;
    else if (t.type === "softbreak" || t.type === "hardbreak") out += " ";
    else if (t.children) out += textOf(t.children);
  }
  return out;
}

export function headingIdsFor(platform: keyof typeof HEADING_IDS) {
  const rule = HEADING_IDS[platform];
  return (md: MarkdownIt): void => {
    if (!rule) return;
    md.core.ruler.push("tsuzuri_heading_ids", (state) => {
      const env = state.env as RenderEnv & { headingIdCounts?: Map<string, number> };
      const counts = (env.headingIdCounts ??= new Map());
      const tokens = state.tokens;
      for (let i = 0; i + 1 < tokens.length; i++) {
        const open = tokens[i];
        if (open?.type !== "heading_open") continue;
        const id = rule.scheme(textOf(tokens[i + 1]?.children ?? []));
        if (id === "") continue;
        open.attrSet("id", rule.suffix ? suffixedId(id, counts) : id);
      }
    });
  };
}
