/**
 * dev.to's liquid tags. `{% embed url %}`, `{% youtube id %}`, `{% twitter id %}`, `{% github … %}`
 * and every other one-line tag become offline placeholders; `{% details summary %}` … `{% enddetails %}`
 * (also `spoiler`, `collapsible`) is a `<details>`; `{% katex %}` … `{% endkatex %}` is display
 * math and `{% katex inline %}…{% endkatex %}` inline math.
 *
 * Static-site blogs: a Hugo shortcode alone on its line (`{{< youtube id >}}`, `{{% … %}}`) is a
 * placeholder too (its closing tag `{{< /name >}}` shows nothing).
 */
import { embedPlaceholder } from "../embed";
import { escapeHtml } from "../../shared/html";
import { mathBlockHtml } from "./math";
import { lineAttr, type MarkdownIt, type RenderEnv, type StateBlock, type StateInline } from "./types";

const TAG = /^\{%-?\s*([a-zA-Z_][\w-]*)\s*(.*?)\s*-?%\}\s*$/;
const PAIRED = new Set(["details", "spoiler", "collapsible"]);

function lineText(state: StateBlock, n: number): string {
  return state.src.slice((state.bMarks[n] ?? 0) + (state.tShift[n] ?? 0), state.eMarks[n] ?? 0);
}

/** The line of `{% end<name> %}` after startLine, or -1. */
function findEnd(state: StateBlock, startLine: number, endLine: number, name: string): number {
  const end = new RegExp(`^\\{%-?\\s*end${name}\\s*-?%\\}\\s*$`);
  for (let n = startLine + 1; n < endLine; n++) if (end.test(lineText(state, n))) return n;
  return -1;
}

function liquidBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if ((state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;
  const m = TAG.exec(lineText(state, startLine));
  if (!m) return false;
  const name = (m[1] ?? "").toLowerCase();
  const args = m[2] ?? "";
  if (name.startsWith("end") || name === "raw") return false;
  if (silent) return true;
  if (name === "katex") {
    const close = findEnd(state, startLine, endLine, "katex");
    if (close < 0) return false;
    const token = state.push("math_block", "math", 0);
    token.block = true;
    token.content = state.getLines(startLine + 1, close, state.blkIndent, false).trim();
    token.map = [startLine, close + 1];
    state.line = close + 1;
    return true;
  }
  if (PAIRED.has(name)) {
    const found = findEnd(state, startLine, endLine, name);
    const close = found < 0 ? endLine : found;
    const open = state.push("liquid_details_open", "details", 1);
    open.block = true;
    open.info = args;
    open.map = [startLine, Math.min(close + 1, endLine)];
    const oldParent = state.parentType;
    const oldLineMax = state.lineMax;
    state.parentType = "container" as never;
    state.lineMax = close;
    state.md.block.tokenize(state, startLine + 1, close);
    state.parentType = oldParent;
    state.lineMax = oldLineMax;
    const closeToken = state.push("liquid_details_close", "details", -1);
    closeToken.block = true;
    state.line = Math.min(close + 1, endLine);
    return true;
  }
  const token = state.push("liquid_embed", "", 0);
  token.block = true;
  token.info = name;
  token.content = args;
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

function katexInline(state: StateInline, silent: boolean): boolean {
  const m = /^\{%\s*katex\s+inline\s*%\}([\s\S]*?)\{%\s*endkatex\s*%\}/.exec(state.src.slice(state.pos, state.posMax));
  if (!m) return false;
  if (!silent) {
    const token = state.push("math_inline", "math", 0);
    token.content = (m[1] ?? "").trim();
  }
  state.pos += m[0].length;
  return true;
}

/** The URL a tag points at: its first argument, unquoted. */
function firstArg(args: string): string {
  const m = /^(?:url=)?["']?([^"'\s]+)["']?/.exec(args.trim());
  return m?.[1] ?? args.trim();
}

export function liquidTags(md: MarkdownIt): void {
  md.block.ruler.before("fence", "liquid", liquidBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.inline.ruler.before("escape", "liquid_katex_inline", katexInline);
  md.renderer.rules["liquid_embed"] = (tokens, idx) => {
    const token = tokens[idx];
    const line = token?.attrGet("data-line");
    return embedPlaceholder({ kind: token?.info ?? "embed", url: firstArg(token?.content ?? ""), ...(line ? { line: Number(line) } : {}) }) + "\n";
  };
  md.renderer.rules["liquid_details_open"] = (tokens, idx) => `<details${lineAttr(tokens[idx])}><summary>${escapeHtml(tokens[idx]?.info ?? "")}</summary><div class="details-content">\n`;
  md.renderer.rules["liquid_details_close"] = () => "</div></details>\n";
  md.renderer.rules["math_block"] ??= (tokens, idx, _o, env) => mathBlockHtml(tokens[idx]?.content ?? "", lineAttr(tokens[idx]), env as RenderEnv);
}

const SHORTCODE = /^\{\{([<%])\s*(\/?)\s*([\w./-]+)\s*(.*?)\s*[>%]\}\}\s*$/;

function shortcodeBlock(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if ((state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;
  const m = SHORTCODE.exec(lineText(state, startLine));
  if (!m) return false;
  if (silent) return true;
  const token = state.push(m[2] ? "shortcode_close" : "shortcode", "", 0);
  token.block = true;
  token.info = m[3] ?? "";
  token.content = m[4] ?? "";
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

export function hugoShortcodes(md: MarkdownIt): void {
  md.block.ruler.before("fence", "shortcode", shortcodeBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.renderer.rules["shortcode"] = (tokens, idx) => {
    const token = tokens[idx];
    const line = token?.attrGet("data-line");
    return embedPlaceholder({ kind: token?.info ?? "shortcode", url: firstArg(token?.content ?? ""), ...(line ? { line: Number(line) } : {}) }) + "\n";
  };
  md.renderer.rules["shortcode_close"] = () => "";
}
