/**
 * The platforms' block notations for VS Code's own Markdown preview (`markdown.markdownItPlugins`):
 * Zenn's `:::message`, `:::message alert` and `:::details タイトル` (any number ≥ 3 of colons, so
 * `::::details` can hold a `:::message`), and Qiita's `:::note info|warn|alert`, with the class names
 * their sites use, styled by media/styles/builtin-preview.css. Light on purpose: it runs inside VS
 * Code's preview for every Markdown file, so no Zenn renderer and no network.
 */
import container from "markdown-it-container";
import { qiitaNotes } from "./plugins/qiita";
import type { MarkdownIt } from "./plugins/types";

const MESSAGE = /^message(?:\s+(alert))?\s*$/;
const DETAILS = /^details\s+(.+)$/;

type ContainerToken = { info: string; nesting: number };

export function platformNotations(md: MarkdownIt): MarkdownIt {
  container(md as never, "message", {
    validate: (params: string) => MESSAGE.test(params.trim()),
    render: (tokens: never[], idx: number) => {
      const token = tokens[idx] as unknown as ContainerToken;
      if (token.nesting !== 1) return "</div></aside>\n";
      const kind = MESSAGE.exec(token.info.trim())?.[1] === "alert" ? "alert" : "message";
      return `<aside class="msg ${kind}"><span class="msg-symbol">!</span><div class="msg-content">\n`;
    },
  });
  container(md as never, "details", {
    validate: (params: string) => DETAILS.test(params.trim()),
    render: (tokens: never[], idx: number) => {
      const token = tokens[idx] as unknown as ContainerToken;
      if (token.nesting !== 1) return "</div></details>\n";
      const title = DETAILS.exec(token.info.trim())?.[1] ?? "";
      return `<details><summary>${md.utils.escapeHtml(title)}</summary><div class="details-content">\n`;
    },
  });
  qiitaNotes(md);
  return md;
}
