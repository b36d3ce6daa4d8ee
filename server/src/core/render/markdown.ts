/**
 * Qiita, Hatena Blog, dev.to and static-site blogs: markdown-it (the parser VS Code's own preview
 * uses) with each platform's notations as plugins. One instance per platform, made on first use;
 * per-render inputs (the math renderer) go through `env`.
 */
import MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import type { MathRenderer, RenderPlatform } from "./types";
import { fences } from "./plugins/fence";
import { hatenaNotations } from "./plugins/hatena";
import { hugoShortcodes, liquidTags } from "./plugins/liquid";
import { dollarMath, mathRenderers } from "./plugins/math";
import { qiitaLinkCards, qiitaNotes } from "./plugins/qiita";
import { sourceLines } from "./plugins/sourceLines";
import { taskLists } from "./plugins/taskLists";
import type { MarkdownIt as Md, RenderEnv } from "./plugins/types";

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
  fences(md, { fileNames: platform === "qiita", mathFence: platform === "qiita" || platform === "blog" });
  md.use(sourceLines);
  return md;
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
