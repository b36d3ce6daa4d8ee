/**
 * Qiita, Hatena Blog, dev.to and static-site blogs: markdown-it (the parser VS Code's own preview
 * uses) with each platform's notations as plugins. One instance per platform, made on first use;
 * per-render inputs (the math renderer) go through `env`.
 */
import MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import { blockSpans, collectBlocks, joinBlocks, LINE_BASE, LINE_BASE_DIGITS, linksBlocks, toCachedBlock, type BlockSpan, type CachedBlock, type CachedRender } from "./blockCache";
import { sanitizePreviewHtml, sanitizePreviewParts } from "./sanitize";
import type { MathRenderer, RenderPlatform } from "./types";
import { codeLines } from "./zennBlocks";
import { CODE_LOOKS } from "./highlight";
import { headingIds, headingIdsTied } from "./headingIds";
import { headingIdsFor } from "./plugins/headings";
import { fences } from "./plugins/fence";
import { hatenaNotations } from "./plugins/hatena";
import { hugoShortcodes, liquidTags } from "./plugins/liquid";
import { dollarMath, mathRenderers } from "./plugins/math";
import { qiitaLinkCards, qiitaNotes } from "./plugins/qiita";
import { sourceLines } from "./plugins/sourceLines";
import { taskLists } from "./plugins/taskLists";
import type { MarkdownIt as Md, RenderEnv, StateBlock, StateInline, Token } from "./plugins/types";

export type MarkdownItPlatform = Exclude<RenderPlatform, "zenn">;

function create(platform: MarkdownItPlatform): Md {
  const md = MarkdownIt({
    // Raw HTML is allowed by these platforms (each filters it; here the sanitiser does).
    html: true,
    linkify: true,
    // Qiita and Hatena turn a line break into <br>; dev.to and static-site generators follow CommonMark.
    breaks: platform === "qiita" || platform === "hatena",
  });
  md.linkify.set({ fuzzyEmail: false });
  md.use(footnote);
  switch (platform) {
    case "qiita":
      md.use(qiitaNotes).use(dollarMath).use(taskLists).use(qiitaLinkCards);
      break;
    case "hatena":
      md.use(hatenaNotations).use(mathRenderers);
      break;
    case "devto":
      md.use(liquidTags).use(mathRenderers).use(taskLists);
      break;
    case "blog":
      md.use(dollarMath).use(hugoShortcodes).use(taskLists);
      break;
  }
  const look = CODE_LOOKS[platform];
  fences(md, { fileNames: platform === "qiita", mathFence: platform === "qiita" || platform === "blog", ...(look ? { look } : {}) });
  md.use(headingIdsFor(platform));
  md.use(sourceLines);
  flagRawHtml(md);
  return md;
}

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
type InlineRule = (state: StateInline, silent: boolean) => boolean;
interface RuleEntry<F> {
  name: string;
  fn: F;
  alt: string[];
}

/** A comment, or a void element's start tag: HTML that opens nothing the next block could close. */
const SELF_CONTAINED_INLINE = /^(?:<!--[\s\S]*-->|<(?:br|img|wbr|hr)(?:\s[^>]*)?\/?>)$/i;
const COMMENTS_ONLY = /^\s*(?:<!--(?:(?!-->)[\s\S])*-->\s*)+$/;

/**
 * Sets `env.rawHtml` when markdown-it's own HTML rules take raw HTML from the text other than
 * comments and void tags (`<br>`, `<img …>`): such HTML may open an element in one block and
 * close it in another, so the block cache renders those posts whole. The notations' own HTML
 * tokens (placeholders, checkboxes) do not come through these rules.
 */
function flagRawHtml(md: Md): void {
  const blockRules = (md.block.ruler as unknown as { __rules__: RuleEntry<BlockRule>[] }).__rules__;
  const block = blockRules.find((r) => r.name === "html_block");
  if (block) {
    const fn = block.fn;
    md.block.ruler.at(
      "html_block",
      (state, startLine, endLine, silent) => {
        const from = state.tokens.length;
        const ok = fn(state, startLine, endLine, silent);
        if (ok && !silent && state.tokens.slice(from).some((t) => t.type === "html_block" && !COMMENTS_ONLY.test(t.content))) (state.env as RenderEnv).rawHtml = true;
        return ok;
      },
      { alt: block.alt },
    );
  }
  const inlineRules = (md.inline.ruler as unknown as { __rules__: RuleEntry<InlineRule>[] }).__rules__;
  const inline = inlineRules.find((r) => r.name === "html_inline");
  if (inline) {
    const fn = inline.fn;
    md.inline.ruler.at(
      "html_inline",
      (state, silent) => {
        const from = state.tokens.length;
        const ok = fn(state, silent);
        if (ok && !silent && state.tokens.slice(from).some((t) => t.type === "html_inline" && !SELF_CONTAINED_INLINE.test(t.content))) (state.env as RenderEnv).rawHtml = true;
        return ok;
      },
      { alt: inline.alt },
    );
  }
}

const instances = new Map<MarkdownItPlatform, Md>();

export function markdownFor(platform: MarkdownItPlatform): Md {
  let md = instances.get(platform);
  if (!md) {
    md = create(platform);
    instances.set(platform, md);
  }
  return md;
}

/** The body's HTML (not yet sanitised), `data-line` on its blocks. */
export function renderMarkdownIt(body: string, platform: MarkdownItPlatform, renderMath?: MathRenderer): string {
  const env: RenderEnv = renderMath ? { renderMath } : {};
  return markdownFor(platform).render(body, env as Record<string, unknown>);
}

// --- incremental rendering (blockCache.ts) -------------------------------------------------------

/** At most this many blocks are rendered one by one; more, and the body is parsed in one go. */
const MAX_SEPARATE_RENDERS = 8;

/**
 * The body as renderPost renders it (sanitised), with the block cache: blocks whose text is in
 * `previous` are not rendered again. Blocks are markdown-it's top-level blocks. A few new blocks are
 * each rendered alone (their own `env`); many (a post seen for the first time) come from one parse
 * of the body, rendered block by block. Each block's HTML is sanitised on its own. Posts with
 * footnotes (`[^x]`, `^[…]`, Hatena's `((…))`), link reference definitions or raw HTML (other than
 * comments and void tags) are rendered whole, as renderMarkdownIt + sanitisation, and not cached.
 */
export function renderMarkdownItCached(body: string, platform: MarkdownItPlatform, renderMath: MathRenderer | undefined, previous: ReadonlyMap<string, CachedBlock> | undefined): CachedRender {
  const whole = (): CachedRender => ({ html: sanitizePreviewHtml(renderMarkdownIt(body, platform, renderMath)), rendered: -1, reused: 0 });
  if (body.includes(LINE_BASE_DIGITS)) return whole();
  const md = markdownFor(platform);
  const src = body.replace(/\0/g, "\uFFFD");
  const tokens: Token[] = [];
  const parseEnv: RenderEnv = {};
  md.block.parse(src, md, parseEnv as Record<string, unknown>, tokens);
  if (Object.keys((parseEnv["references"] as object | undefined) ?? {}).length > 0) return whole();
  if (linksBlocks(body, codeLines(tokens, body), platform === "hatena" ? ["(("] : [])) return whole();
  const spans = blockSpans(body, topLevelStarts(tokens));
  if (!spans || spans.length === 0) return whole();
  const missing = new Map<string, BlockSpan>();
  for (const span of spans) if (!previous?.has(span.text)) missing.set(span.text, span);

  const blocks = new Map<string, CachedBlock>();
  if (missing.size > MAX_SEPARATE_RENDERS) {
    // One parse of the body (lines at LINE_BASE + line), rendered block by block.
    const env: RenderEnv = { lineBase: LINE_BASE, ...(renderMath ? { renderMath } : {}) };
    const all = md.parse(body, env as Record<string, unknown>);
    if (env.rawHtml || env["footnotes"] !== undefined || env["references"] !== undefined) return whole();
    const groups: Token[][] = [];
    let at = -1;
    for (const t of all) {
      if (t.level === 0 && t.nesting >= 0 && t.map && t.map[0] !== at) {
        at = t.map[0];
        groups.push([]);
      }
      groups[groups.length - 1]?.push(t);
    }
    if (groups.length !== spans.length || groups.some((g, i) => g[0]?.map?.[0] !== spans[i]?.start) || (all[0] && groups[0]?.[0] !== all[0])) return whole();
    const html = sanitizePreviewParts(groups.map((g) => md.renderer.render(g, md.options, env as Record<string, unknown>)));
    if (!html || headingIdsTied(html.flatMap(headingIds))) return whole();
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i]!;
      const block = toCachedBlock(html[i] ?? "", span.lineCount, headingIds(html[i] ?? ""), span.start);
      if (!block) return whole();
      blocks.set(span.text, block);
    }
  } else {
    for (const span of missing.values()) {
      const env: RenderEnv = { lineBase: LINE_BASE, ...(renderMath ? { renderMath } : {}) };
      const html = md.render(span.text, env as Record<string, unknown>);
      if (env.rawHtml) return whole();
      const clean = sanitizePreviewHtml(html);
      const block = toCachedBlock(clean, span.lineCount, headingIds(clean));
      if (!block) return whole();
      blocks.set(span.text, block);
    }
  }
  const ordered = collectBlocks(spans, blocks, previous);
  // A heading id suffixed for a repeat (`x-1`) depends on other blocks: render the post whole.
  if (!ordered || headingIdsTied(ordered.flatMap((b) => b.ids))) return whole();
  return { html: joinBlocks(spans, ordered), blocks, rendered: missing.size, reused: spans.length - missing.size };
}

/** The lines where the top-level blocks of a block parse start. */
function topLevelStarts(tokens: readonly Token[]): number[] {
  const starts: number[] = [];
  for (const t of tokens) if (t.level === 0 && t.nesting >= 0 && t.map && starts[starts.length - 1] !== t.map[0]) starts.push(t.map[0]);
  return starts;
}
