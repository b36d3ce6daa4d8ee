/** markdown-it's types under short names (its own declarations, markdown-it 15). */
import type MarkdownItModule from "markdown-it";

export type MarkdownIt = MarkdownItModule.MarkdownIt;
export type Token = MarkdownItModule.Token;
export type StateBlock = MarkdownItModule.StateBlock;
export type StateInline = MarkdownItModule.StateInline;
export type StateCore = MarkdownItModule.StateCore;
export type RenderRule = MarkdownItModule.RendererRule;

/** What a render passes to the plugins through markdown-it's `env`. */
export interface RenderEnv {
  renderMath?: (tex: string, displayMode: boolean) => string;
  /** Added to every `data-line` (the block cache renders a block alone; see blockCache.ts). */
  lineBase?: number;
  /** Set by the parse when the text has raw HTML other than comments and void tags (markdown.ts). */
  rawHtml?: boolean;
  [key: string]: unknown;
}

/** The `data-line` the source-line rule put on a token, as an attribute string. */
export function lineAttr(token: Token | undefined): string {
  const line = token?.attrGet("data-line");
  return line === null || line === undefined ? "" : ` data-line="${line}"`;
}
