/**
 * Code fences as each platform shows them. Qiita: ```` ```ruby:app.rb ```` shows "app.rb" as a
 * label above the code (its `code-frame` markup), and ```` ```math ```` is display math. Elsewhere
 * the first word of the info string is the language. No highlighting (the code is escaped text).
 */
import { escapeHtml } from "../html";
import { mathBlockHtml } from "./math";
import { lineAttr, type MarkdownIt, type RenderEnv } from "./types";

export interface FenceOptions {
  /** `lang:file name` shows the file name (Qiita). */
  fileNames: boolean;
  /** A `math` fence is display math (Qiita). */
  mathFence: boolean;
}

export function parseFenceInfo(info: string, fileNames: boolean): { lang: string; fileName?: string } {
  const word = info.trim().split(/\s+/)[0] ?? "";
  if (!fileNames) return { lang: word };
  const colon = word.indexOf(":");
  if (colon < 0) return { lang: word };
  const fileName = word.slice(colon + 1);
  return fileName === "" ? { lang: word.slice(0, colon) } : { lang: word.slice(0, colon), fileName };
}

export function fences(md: MarkdownIt, options: FenceOptions): void {
  md.renderer.rules["fence"] = (tokens, idx, _o, env) => {
    const token = tokens[idx];
    if (!token) return "";
    const info = md.utils.unescapeAll(token.info);
    const { lang, fileName } = parseFenceInfo(info, options.fileNames);
    const line = lineAttr(token);
    if (options.mathFence && lang === "math") return mathBlockHtml(token.content.trim(), line, env as RenderEnv);
    const langClass = lang ? ` class="language-${escapeHtml(lang)}"` : "";
    const code = `<pre><code${langClass}>${escapeHtml(token.content)}</code></pre>`;
    if (!options.fileNames) return `<pre${line}><code${langClass}>${escapeHtml(token.content)}</code></pre>\n`;
    const label = fileName ? `<div class="code-lang"><span class="bold">${escapeHtml(fileName)}</span></div>` : "";
    return `<div class="code-frame"${line}${lang ? ` data-lang="${escapeHtml(lang)}"` : ""}>${label}<div class="highlight">${code}</div></div>\n`;
  };
  md.renderer.rules["code_block"] = (tokens, idx) => {
    const token = tokens[idx];
    return `<pre${lineAttr(token)}><code>${escapeHtml(token?.content ?? "")}</code></pre>\n`;
  };
}
