/**
 * Where Zenn's top-level blocks start, found with markdown-it's block parser set up with the block
 * rules zenn-markdown-html adds (its `:::message`/`:::details` containers, the `@[embed](…)` line,
 * the `$$ … $$` math block, footnote definitions). zenn-markdown-html does not expose its
 * markdown-it instance, so these rules are rewritten here from its behaviour (zenn-editor, MIT):
 * only where blocks start matters, not what they render to.
 */
import MarkdownIt from "markdown-it";
import container from "markdown-it-container";
import footnote from "markdown-it-footnote";
import type { MarkdownIt as Md, StateBlock } from "./plugins/types";

/** `@[card](url)` & co. alone at the start of a line (may interrupt a paragraph, as on Zenn). */
function embedLine(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
  const src = state.src;
  if (src.charCodeAt(start) !== 0x40 /* @ */ || src.charCodeAt(start + 1) !== 0x5b /* [ */) return false;
  if (!/@\[([\w-]+)\]\((.+)\)/.test(src.slice(start, state.eMarks[startLine] ?? start))) return false;
  if (startLine >= endLine) return false;
  if (!silent) {
    const token = state.push("zenn_embed", "div", 0);
    token.block = true;
    token.map = [startLine, startLine + 1];
    state.line = startLine + 1;
  }
  return true;
}

/**
 * `$$ … $$` from the start of a line, possibly over several lines, as Zenn's md-katex finds it
 * (a lazy match up to the next `$$`, optionally followed by an equation number `(n)`).
 */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const pos = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
  const src = state.src;
  if (!src.startsWith("$$", pos)) return false;
  const rules = [/\${2}([^$]+?)\${2}\s*?\(([^)\s]+?)\)/gmy, /\${2}([^$]+?)\${2}/gmy];
  for (const rex of rules) {
    rex.lastIndex = pos;
    const match = rex.exec(src);
    if (!match || rex.lastIndex <= pos) continue;
    if (silent) return true;
    const endPos = rex.lastIndex - 1;
    let line = startLine;
    for (; line < endLine; line++) {
      if (endPos >= (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0) && endPos <= (state.eMarks[line] ?? 0)) break;
    }
    const token = state.push("zenn_math", "section", 0);
    token.block = true;
    token.map = [startLine, line];
    state.line = line + 1;
    return true;
  }
  return false;
}

let parser: Md | undefined;

function zennBlockParser(): Md {
  if (parser) return parser;
  const md = MarkdownIt({ breaks: true, linkify: true });
  // In Zenn's order: math, footnotes, embeds, then the containers.
  md.block.ruler.before("fence", "zenn_math", mathBlock);
  md.use(footnote);
  md.block.ruler.before("fence", "zenn_embed", embedLine, { alt: ["paragraph", "reference", "blockquote", "list"] });
  container(md as never, "details", { validate: (params: string) => /^details\s+(.*)$/.test(params.trim()) });
  container(md as never, "message", { validate: (params: string) => /^message\s*(alert)?$/.test(params.trim()) });
  parser = md;
  return md;
}

/** What one block parse of a Zenn body tells the renderer. */
export interface ZennBlockInfo {
  /** The 0-based lines where top-level blocks start, ascending. */
  starts: number[];
  /** Lines of code blocks (fenced or indented, at any depth), delimiters included. */
  codeLines: Uint8Array;
  /** Whether the parse found link reference definitions (`[x]: url`). */
  references: boolean;
}

/** Block starts, code lines and reference definitions of a body (`\n` line breaks). */
export function zennBlockInfo(body: string): ZennBlockInfo {
  const md = zennBlockParser();
  const tokens: MarkdownIt.Token[] = [];
  const env: Record<string, unknown> = {};
  md.block.parse(body.replace(/\0/g, "\uFFFD"), md, env, tokens);
  return { starts: blockStarts(tokens), codeLines: codeLines(tokens, body), references: Object.keys(env["references"] ?? {}).length > 0 };
}

/** The 0-based lines where top-level blocks start, ascending (the body has `\n` line breaks). */
export function zennBlockStarts(body: string): number[] {
  const md = zennBlockParser();
  const tokens: MarkdownIt.Token[] = [];
  md.block.parse(body.replace(/\0/g, "\uFFFD"), md, {}, tokens);
  return blockStarts(tokens);
}

function blockStarts(tokens: readonly MarkdownIt.Token[]): number[] {
  const starts: number[] = [];
  for (const t of tokens) {
    if (t.level !== 0 || t.nesting < 0 || !t.map) continue;
    const line = t.map[0];
    if (starts[starts.length - 1] !== line) starts.push(line);
  }
  return starts;
}

/** Marks the lines of `fence` and `code_block` tokens (at any depth: their `map` is in body lines). */
export function codeLines(tokens: readonly MarkdownIt.Token[], body: string): Uint8Array {
  let count = 1;
  for (let i = body.indexOf("\n"); i >= 0; i = body.indexOf("\n", i + 1)) count++;
  const lines = new Uint8Array(count);
  for (const t of tokens) {
    if ((t.type === "fence" || t.type === "code_block") && t.map) lines.fill(1, t.map[0], t.map[1]);
  }
  return lines;
}
