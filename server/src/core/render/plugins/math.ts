/**
 * TeX math for the markdown-it platforms: `$…$` inline, `$$…$$` (a block when it starts a line),
 * and a `math` code fence (Qiita). Rendered by the caller's MathRenderer when given (KaTeX, say),
 * else shown as its source in a `tsuzuri-math-source` element. Never a script: the TeX is text.
 *
 * Inline `$`: the opening `$` is not followed by a space, the closing one not preceded by a space
 * nor followed by a digit ("$5 and $10" stays text), as pandoc reads it.
 *
 * `` $`x_1`$ `` (a code span between single dollars) is inline math with the code span's text, as
 * Qiita reads it (qiita-markdown's inline_math.rb: a `<code>` whose text before ends with `$` but
 * not `$$` and whose text after starts with `$` but not `$$`); GitHub reads it so too.
 */
import { escapeHtml } from "../../shared/html";
import { lineAttr, type MarkdownIt, type RenderEnv, type StateBlock, type StateInline } from "./types";

export function renderMathHtml(tex: string, display: boolean, env: RenderEnv | undefined): string {
  const render = env?.renderMath;
  if (render) {
    try {
      return render(tex, display);
    } catch {
      // A renderer that throws shows the source instead, marked as an error.
      return `<span class="tsuzuri-math-source tsuzuri-math-error">${escapeHtml(tex)}</span>`;
    }
  }
  return `<span class="tsuzuri-math-source">${escapeHtml(tex)}</span>`;
}

export function mathBlockHtml(tex: string, line: string, env: RenderEnv | undefined): string {
  return `<div class="tsuzuri-math tsuzuri-math-display"${line}>${renderMathHtml(tex, true, env)}</div>\n`;
}

/** `` $`…`$ ``: the code span's text (CommonMark's normalisation: line ends → spaces, one space trimmed each side). */
function dollarCode(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (start > 0 && src.charCodeAt(start - 1) === 0x24) return false;
  const m = /^\$(`+)(?!`)([\s\S]*?[^`])\1\$(?!\$)/.exec(src.slice(start, state.posMax));
  if (!m) return false;
  if (!silent) {
    let tex = (m[2] ?? "").replace(/\r?\n/g, " ");
    if (tex.length > 2 && tex.startsWith(" ") && tex.endsWith(" ") && tex.trim() !== "") tex = tex.slice(1, -1);
    const token = state.push("math_inline", "math", 0);
    token.content = tex;
    token.markup = "$`";
  }
  state.pos = start + m[0].length;
  return true;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x24 /* $ */) return false;
  if (start > 0 && src.charCodeAt(start - 1) === 0x5c /* \ */) return false;
  if (src.charCodeAt(start + 1) === 0x60 /* ` */) return dollarCode(state, silent);
  const display = src.charCodeAt(start + 1) === 0x24;
  // `` $$`x`$$ `` is not math on Qiita: the code span stays code.
  if (display && src.charCodeAt(start + 2) === 0x60) return false;
  const open = display ? 2 : 1;
  const first = src[start + open];
  if (first === undefined || /\s/.test(first) || first === "$") return false;
  let end = start + open;
  for (;;) {
    end = src.indexOf(display ? "$$" : "$", end);
    if (end < 0 || end >= state.posMax) return false;
    if (src.charCodeAt(end - 1) === 0x5c) {
      end += 1;
      continue;
    }
    if (/\s/.test(src[end - 1] ?? " ")) return false;
    if (!display && /\d/.test(src[end + 1] ?? "")) return false;
    break;
  }
  if (!silent) {
    const token = state.push(display ? "math_inline_display" : "math_inline", "math", 0);
    token.content = src.slice(start + open, end);
    token.markup = display ? "$$" : "$";
  }
  state.pos = end + open;
  return true;
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const lineText = (n: number) => state.src.slice((state.bMarks[n] ?? 0) + (state.tShift[n] ?? 0), state.eMarks[n] ?? 0);
  if ((state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;
  const first = lineText(startLine);
  if (!first.startsWith("$$")) return false;
  if (silent) return true;
  let content: string;
  let last = startLine;
  const rest = first.slice(2);
  if (rest.trimEnd().endsWith("$$") && rest.trim().length > 2) {
    content = rest.trimEnd().slice(0, -2);
  } else {
    const lines = [rest];
    let found = false;
    for (let n = startLine + 1; n < endLine; n++) {
      if ((state.sCount[n] ?? 0) < state.blkIndent && lineText(n).trim() !== "") break;
      const t = lineText(n);
      const close = t.trimEnd();
      if (close.endsWith("$$")) {
        lines.push(close.slice(0, -2));
        last = n;
        found = true;
        break;
      }
      lines.push(t);
    }
    if (!found) return false;
    content = lines.join("\n");
  }
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = content.trim();
  token.markup = "$$";
  token.map = [startLine, last + 1];
  state.line = last + 1;
  return true;
}

/** `$` math (Qiita, static-site blogs). */
export function dollarMath(md: MarkdownIt): void {
  md.inline.ruler.before("escape", "math_inline", mathInline);
  md.block.ruler.before("fence", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  mathRenderers(md);
}

/** The renderers of math tokens (also used by notations that make math tokens of their own). */
export function mathRenderers(md: MarkdownIt): void {
  md.renderer.rules["math_inline"] = (tokens, idx, _o, env) => `<span class="tsuzuri-math tsuzuri-math-inline">${renderMathHtml(tokens[idx]?.content ?? "", false, env as RenderEnv)}</span>`;
  md.renderer.rules["math_inline_display"] = (tokens, idx, _o, env) => `<span class="tsuzuri-math tsuzuri-math-display">${renderMathHtml(tokens[idx]?.content ?? "", true, env as RenderEnv)}</span>`;
  md.renderer.rules["math_block"] = (tokens, idx, _o, env) => mathBlockHtml(tokens[idx]?.content ?? "", lineAttr(tokens[idx]), env as RenderEnv);
}
