/**
 * Hatena Blog's own notations inside its Markdown mode:
 * - `[https://…:embed]` / `[https://…:embed:cite]` (a blog card) → offline placeholder;
 * - `[https://…:title]`, `[https://…:title=Text]`, `[https://…]` → a link (the page title would
 *   be fetched by Hatena; offline the URL or the given text is shown);
 * - `[f:id:user:20240101120000p:plain]` (a fotolife image) and `[:contents]` (table of contents)
 *   → placeholders;
 * - `[tex:…]` → inline math;
 * - `((…))` → a footnote (markdown-it-footnote's inline footnote token; `)((` stays text).
 */
import { embedPlaceholder } from "../embed";
import type { MarkdownIt, StateInline } from "./types";

const URL_NOTATION = /^\[(https?:\/\/[^\s\]]+?)(?::(embed(?::cite)?|title(?:=([^\]]*))?|image|bookmark|detail|barcode))?\](?![([])/;
const FOTOLIFE = /^\[(f:id:[\w-]+:\d+[a-z]?(?::[\w,=-]+)*)\]/;
const CONTENTS = /^\[:contents\]/;
const TEX = /^\[tex:((?:\\.|[^\]\\])+)\]/;

function hatenaBracket(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
  const rest = state.src.slice(state.pos, state.posMax);
  let m: RegExpExecArray | null;
  if ((m = TEX.exec(rest))) {
    if (!silent) {
      const token = state.push("math_inline", "math", 0);
      token.content = (m[1] ?? "").replace(/\\([\]\\])/g, "$1");
    }
  } else if ((m = CONTENTS.exec(rest))) {
    if (!silent) state.push("html_inline", "", 0).content = embedPlaceholder({ kind: "contents", url: "[:contents]" });
  } else if ((m = FOTOLIFE.exec(rest))) {
    if (!silent) state.push("html_inline", "", 0).content = embedPlaceholder({ kind: "fotolife", url: m[1] ?? "" });
  } else if ((m = URL_NOTATION.exec(rest))) {
    const url = m[1] ?? "";
    const mode = m[2] ?? "";
    if (!silent) {
      if (mode.startsWith("embed") || mode === "image" || mode === "barcode") {
        state.push("html_inline", "", 0).content = embedPlaceholder({ kind: mode.startsWith("embed") ? "embed" : mode, url });
      } else {
        const href = state.md.normalizeLink(url);
        if (!state.md.validateLink(href)) return false;
        const open = state.push("link_open", "a", 1);
        open.attrs = [["href", href]];
        const text = state.push("text", "", 0);
        text.content = m[3] !== undefined && m[3] !== "" ? m[3] : url;
        state.push("link_close", "a", -1);
      }
    }
  } else {
    return false;
  }
  state.pos += m[0].length;
  return true;
}

function hatenaFootnote(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x28 || src.charCodeAt(start + 1) !== 0x28) return false;
  // `)((…))(` is Hatena's escape: not a footnote.
  if (start > 0 && src.charCodeAt(start - 1) === 0x29) return false;
  const end = src.indexOf("))", start + 2);
  if (end < 0 || end >= state.posMax || end === start + 2) return false;
  if (!silent) {
    const env = state.env as { footnotes?: { list?: unknown[] } };
    env.footnotes ??= {};
    env.footnotes.list ??= [];
    const id = env.footnotes.list.length;
    const tokens: never[] = [];
    const content = src.slice(start + 2, end);
    state.md.inline.parse(content, state.md, state.env, tokens);
    state.push("footnote_ref", "", 0).meta = { id };
    env.footnotes.list[id] = { content, tokens };
  }
  state.pos = end + 2;
  return true;
}

type InlineRule = (state: StateInline, silent: boolean) => boolean;

export function hatenaNotations(md: MarkdownIt): void {
  md.inline.ruler.before("link", "hatena_bracket", hatenaBracket);
  md.inline.ruler.before("text", "hatena_footnote", hatenaFootnote);
  // markdown-it's text rule swallows "(" (not one of its terminator characters): stop it at "((".
  const rules = (md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[] }).__rules__;
  const text = rules.find((r) => r.name === "text")?.fn;
  if (!text) return;
  md.inline.ruler.at("text", (state, silent) => {
    const next = state.src.indexOf("((", state.pos);
    if (next <= state.pos || next >= state.posMax) return text(state, silent);
    const max = state.posMax;
    state.posMax = next;
    try {
      return text(state, silent);
    } finally {
      state.posMax = max;
    }
  });
}
