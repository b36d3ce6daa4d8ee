/**
 * Code fences as each platform shows them. Qiita: ```` ```ruby:app.rb ```` (or a lone ```` ```app.rb ````)
 * shows "app.rb" as a label above the code (its `code-frame` markup), ```` ```diff_ruby ```` is a diff
 * of Ruby, and ```` ```math ```` is display math. Elsewhere the first word of the info string is the
 * language. Platforms with a code look (highlight.ts: Qiita, DEV) are highlighted with Shiki.
 */
import { escapeHtml } from "../../shared/html";
import { fenceCode, highlightCode, type CodeLook } from "../highlight";
import { mathBlockHtml } from "./math";
import { lineAttr, type MarkdownIt, type RenderEnv } from "./types";

export interface FenceOptions {
  /** `lang:file name` shows the file name (Qiita). */
  fileNames: boolean;
  /** A `math` fence is display math (Qiita). */
  mathFence: boolean;
  /** Highlight with Shiki in this look (highlight.ts). */
  look?: CodeLook;
}

export function fences(md: MarkdownIt, options: FenceOptions): void {
  md.renderer.rules["fence"] = (tokens, idx, _o, env) => {
    const token = tokens[idx];
    if (!token) return "";
    const info = md.utils.unescapeAll(token.info);
    const fence = fenceCode(info, options.fileNames);
    const { lang, fileName } = fence;
    const line = lineAttr(token);
    if (options.mathFence && lang === "math") return mathBlockHtml(token.content.trim(), line, env as RenderEnv);
    const highlighted = options.look ? highlightCode(token.content, fence, options.look) : undefined;
    const inner = highlighted ?? escapeHtml(token.content);
    const classes = [lang ? `language-${lang}` : "", highlighted !== undefined ? "tsuzuri-highlighted" : ""].filter((c) => c !== "").join(" ");
    const codeOpen = `<code${classes ? ` class="${escapeHtml(classes)}"` : ""}>`;
    if (!options.fileNames) return `<pre${line}>${codeOpen}${inner}</code></pre>\n`;
    const label = fileName ? `<div class="code-lang"><span class="bold">${escapeHtml(fileName)}</span></div>` : "";
    return `<div class="code-frame"${line}${lang ? ` data-lang="${escapeHtml(lang)}"` : ""}>${label}<div class="highlight"><pre>${codeOpen}${inner}</code></pre></div></div>\n`;
  };
  md.renderer.rules["code_block"] = (tokens, idx) => {
    const token = tokens[idx];
    return `<pre${lineAttr(token)}><code>${escapeHtml(token?.content ?? "")}</code></pre>\n`;
  };
}
