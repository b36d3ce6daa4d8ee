/**
 * Math rendered offline with KaTeX (what Zenn's own page uses), to HTML only: no MathML (the sanitiser
 * removes it), no \href or \includegraphics (trust off), bounded macro expansion and sizes.
 */
import katex from "katex";
import type { MathRenderer } from "./types";

export const katexMath: MathRenderer = (tex, displayMode) =>
  katex.renderToString(tex, { displayMode, output: "html", throwOnError: false, strict: "ignore", trust: false, maxExpand: 1000, maxSize: 50 });
