/**
 * Code highlighting for the markdown-it platforms with Shiki, the highlighter Zenn's own renderer
 * uses (already in the renderer's bundle). Each platform has a look: a Shiki theme and the code
 * background and text colour of its site (Qiita's dark `#364549` frame, DEV's near-black block), in
 * light and dark editor themes alike, as on the sites. Token colours that would read below 4.5:1 on
 * that background are nudged until they do (contrast.ts), so no theme colour is unreadable.
 *
 * Rendering is synchronous (a markdown-it fence rule), Shiki's loading is not: renderPost awaits
 * `prepareHighlighting(body, platform)`, which loads the highlighter and the grammars of the
 * languages the body's fences name; a fence whose language is not loaded (or unknown to Shiki) is
 * shown as plain text.
 */
import type * as ShikiModule from "shiki" with { "resolution-mode": "import" };
import { escapeHtml } from "../shared/html";
import { readableOn } from "./contrast";
import type { RenderPlatform } from "./types";

type Shiki = typeof ShikiModule;
type Highlighter = Awaited<ReturnType<Shiki["createHighlighter"]>>;

export interface CodeLook {
  /** A Shiki theme bundled with shiki. */
  theme: "monokai" | "github-dark";
  /** The code block's background and default text colour on the site. */
  background: string;
  foreground: string;
}

/** The platforms whose fences are highlighted, and how (Zenn's renderer highlights its own). */
export const CODE_LOOKS: Partial<Record<RenderPlatform, CodeLook>> = {
  // Qiita: light text on #364549 in its code frames; Monokai-like token colours (close enough).
  qiita: { theme: "monokai", background: "#364549", foreground: "#e3e3e3" },
  // DEV: its dark code block (#08090a), light text.
  devto: { theme: "github-dark", background: "#08090a", foreground: "#f8f8f2" },
};

/** Qiita's own aliases (qiita-markdown's code_block.rb DEFAULT_LANGUAGE_ALIASES). */
const QIITA_ALIASES: Record<string, string> = { el: "common-lisp", hack: "php", zsh: "bash" };

export interface FenceCode {
  /** The language as written (Qiita shows it in `data-lang`). */
  lang: string;
  /** The language to highlight with (lower case; a Qiita alias or file extension resolved). */
  highlight: string;
  fileName?: string;
  /** Qiita's `diff_ruby`: a diff whose lines are Ruby. */
  diff: boolean;
}

/**
 * A fence's info string as the platform reads it. Qiita (qiita-markdown's code_block.rb):
 * `lang:file name`, or a lone `file.ext` (a name with a dot) whose extension is the language, and
 * `diff_<lang>`. Elsewhere the first word is the language (DEV lower-cases it).
 */
export function fenceCode(info: string, fileNames: boolean): FenceCode {
  const word = info.trim().split(/\s+/)[0] ?? "";
  let lang = word;
  let fileName: string | undefined;
  if (fileNames) {
    const colon = word.indexOf(":");
    if (colon >= 0) {
      lang = word.slice(0, colon);
      if (colon + 1 < word.length) fileName = word.slice(colon + 1);
    } else if (word.includes(".")) {
      fileName = word;
      lang = "";
    }
  }
  let highlight = (lang || (fileName ? (/\.([^.]+)$/.exec(fileName)?.[1] ?? "") : "")).toLowerCase();
  let diff = false;
  if (fileNames) {
    const m = /^diff_(.+)$/.exec(highlight);
    if (m?.[1]) {
      diff = true;
      highlight = m[1];
    }
    highlight = QIITA_ALIASES[highlight] ?? highlight;
  }
  return { lang, highlight, ...(fileName !== undefined ? { fileName } : {}), diff };
}

/** The fences' info strings of a body (at any depth: in lists and quotes too). */
export function fenceInfos(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:`{3,}|~{3,})[ \t]*([^\s`]+)/gm)) if (m[1]) out.push(m[1]);
  return out;
}

let shikiModule: Promise<Shiki> | undefined;
let highlighter: Promise<Highlighter> | undefined;
/** The highlighter once made (for the synchronous fence rule). */
let ready: Highlighter | undefined;
/** Languages whose grammar is loaded (as the fences name them, lower case). */
const loaded = new Set<string>();
/** Never highlighted: plain text, and names Shiki does not know (so every render of a fence is the same). */
const unknown = new Set<string>(["text", "plaintext", "txt", "plain"]);

async function getHighlighter(): Promise<Highlighter> {
  shikiModule ??= import("shiki");
  const shiki = await shikiModule;
  highlighter ??= shiki.createHighlighter({ themes: [...new Set(Object.values(CODE_LOOKS).map((l) => l.theme))], langs: [] });
  ready = await highlighter;
  return ready;
}

/** Loads the highlighter and the grammars the body's fences need, for a platform that highlights. */
export async function prepareHighlighting(body: string, platform: RenderPlatform): Promise<void> {
  if (!CODE_LOOKS[platform]) return;
  const wanted = new Set(fenceInfos(body).map((info) => fenceCode(info, platform === "qiita").highlight).filter((l) => l !== "" && !loaded.has(l) && !unknown.has(l)));
  if (wanted.size === 0) return;
  const hl = await getHighlighter();
  const shiki = await (shikiModule as Promise<Shiki>);
  for (const lang of wanted) {
    if (!Object.hasOwn(shiki.bundledLanguages, lang)) {
      unknown.add(lang);
      continue;
    }
    try {
      await hl.loadLanguage(lang as ShikiModule.BundledLanguage);
      loaded.add(lang);
    } catch {
      unknown.add(lang);
    }
  }
}

const ITALIC = 1;
const BOLD = 2;
const UNDERLINE = 4;

/** A token's inline style: its colour (unless it is the theme's default text colour: the site's shows instead), made readable. */
function tokenStyle(color: string | undefined, fontStyle: number | undefined, themeForeground: string | undefined, look: CodeLook): string {
  const parts: string[] = [];
  if (color && color.toLowerCase() !== themeForeground?.toLowerCase()) parts.push(`color:${readableOn(color, look.background)}`);
  if (fontStyle && fontStyle > 0) {
    if (fontStyle & ITALIC) parts.push("font-style:italic");
    if (fontStyle & BOLD) parts.push("font-weight:bold");
    if (fontStyle & UNDERLINE) parts.push("text-decoration:underline");
  }
  return parts.length ? ` style="${parts.join(";")}"` : "";
}

const DIFF_PREFIX: Record<string, string> = { "+": "inserted", "-": "deleted", " ": "" };

/**
 * The HTML inside `<code>` for a fence (token spans with inline colours; a diff's lines in
 * `tsuzuri-diff-line` spans with their +/- apart), or undefined when it cannot be highlighted now
 * (highlighter not loaded, unknown language): the caller shows plain text.
 */
export function highlightCode(code: string, fence: FenceCode, look: CodeLook): string | undefined {
  const hl = ready;
  const lang = fence.highlight;
  if (!hl || lang === "" || !loaded.has(lang)) return undefined;
  // Posts rendered whole (footnotes, raw HTML…) highlight every fence on each keystroke: keep the last ones.
  const key = `${look.theme}\0${look.background}\0${lang}\0${fence.diff ? 1 : 0}\0${code}`;
  const known = recent.get(key);
  if (known !== undefined) return known;
  const html = tokenize(hl, code, fence, look);
  if (html !== undefined && code.length <= MAX_RECENT_CODE) {
    if (recent.size >= MAX_RECENT) recent.delete(recent.keys().next().value as string);
    recent.set(key, html);
  }
  return html;
}

const MAX_RECENT = 500;
const MAX_RECENT_CODE = 20_000;
const recent = new Map<string, string>();

function tokenize(hl: Highlighter, code: string, fence: FenceCode, look: CodeLook): string | undefined {
  const lang = fence.highlight;
  const lines = code.endsWith("\n") ? code.slice(0, -1).split("\n") : code.split("\n");
  const prefixes = fence.diff ? lines.map((l) => (l[0] !== undefined && l[0] in DIFF_PREFIX ? l[0] : "")) : [];
  const source = fence.diff ? lines.map((l, i) => l.slice(prefixes[i]?.length ?? 0)).join("\n") : lines.join("\n");
  let result: ReturnType<Highlighter["codeToTokens"]>;
  try {
    // Shiki stops tokenizing a line after 500 ms by default and leaves the rest plain: on a busy
    // machine the first lines of a cold grammar came out uncoloured. The grammars are Shiki's own.
    result = hl.codeToTokens(source, { lang: lang as ShikiModule.BundledLanguage, theme: look.theme, tokenizeTimeLimit: 5000 });
  } catch {
    return undefined;
  }
  const out = result.tokens.map((line, i) => {
    const html = line
      .map((t) => {
        const style = tokenStyle(t.color, t.fontStyle, result.fg, look);
        return style ? `<span${style}>${escapeHtml(t.content)}</span>` : escapeHtml(t.content);
      })
      .join("");
    if (!fence.diff) return html;
    const prefix = prefixes[i] ?? "";
    const kind = DIFF_PREFIX[prefix];
    const cls = kind ? `tsuzuri-diff-line tsuzuri-diff-${kind}` : "tsuzuri-diff-line";
    return `<span class="${cls}">${prefix ? `<span class="tsuzuri-diff-prefix">${escapeHtml(prefix)}</span>` : ""}${html}</span>`;
  });
  return out.join("\n") + (code.endsWith("\n") ? "\n" : "");
}
