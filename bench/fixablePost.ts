/**
 * The `codeactions` case's post: a corpus post (test/helpers/corpusPost.ts, varied per repetition)
 * with problems put in on purpose, many of them fixable under the bundled preset: half-width kana (ｶﾒﾗ, ﾃｽﾄ, ｻｰﾊﾞ;
 * no-hankaku-kana), 「することができます」 (ja-no-redundant-expression) and paragraphs whose last
 * sentence has no 「。」 or ends with an ASCII "." instead (ja-no-mixed-period; under the preset only the
 * "." is fixable: a missing 「。」 is reported without a fix, as the rule's forceAppendPeriod is off). No emoji or other astral characters and no BOM (the
 * fixture's frontmatter emoji is dropped): textlint's own fixer mangles fixes after an emoji, so
 * the server's fix-all could not be compared with `textlint --fix` byte for byte.
 */
import { makePost, type Post } from "../test/helpers/corpusPost";

/** Sentences appended to prose paragraphs, in turn; each has a few fixable problems. */
const PROBLEM_SENTENCES: readonly string[] = [
  "ﾃｽﾄ用のｻｰﾊﾞでも同じ検査を実行することができます。",
  "ｶﾒﾗで撮った画面の画像を添付することができます。",
  "ﾃｽﾄが失敗したときは、ｻｰﾊﾞのログを確認することができます。",
  "除外するパスは設定ファイルで指定することができます。",
  "ｶﾒﾗの映像を配信するｻｰﾊﾞも同じ手順で検査することができます。",
  "結果は後から一覧で参照することができます。",
];

const isProse = (line: string): boolean => line.trim().length > 0 && !/^(#|\||-|\d+\.|>|```|~~~|---|\s)/.test(line);

/**
 * Puts the problems into a post: a problem sentence after every second prose paragraph, and every
 * third one ends without its final 「。」, or (every other time) with "." instead.
 */
function addProblems(text: string): string {
  const lines = text.split("\n");
  let inFrontmatter = lines[0] === "---";
  let inFence = false;
  let prose = 0;
  return lines
    .map((line, i) => {
      if (inFrontmatter) {
        if (i > 0 && line === "---") inFrontmatter = false;
        return line;
      }
      if (/^(```|~~~)/.test(line)) inFence = !inFence;
      if (inFence || !isProse(line)) return line;
      const n = prose++;
      let out = line;
      if (n % 2 === 0) out += PROBLEM_SENTENCES[(n / 2) % PROBLEM_SENTENCES.length];
      if (n % 3 === 1 && out.endsWith("。")) out = out.slice(0, -1) + (n % 6 === 4 ? "." : "");
      return out;
    })
    .join("\n");
}

/** Astral characters (emoji and the like) and the BOM, which the fix comparison must not meet. */
export const hasAstralOrBom = (text: string): boolean => text.startsWith("\uFEFF") || /[\u{10000}-\u{10FFFF}]/u.test(text);

/** A post of about `targetChars` UTF-16 units with problems added (see above); `variant` as makePost's. */
export function makeFixablePost(id: string, targetChars: number, variant: number, source: string): Post {
  const clean = source.replace(/[\u{10000}-\u{10FFFF}]/gu, "").replace(/^\uFEFF/, "");
  // The problems lengthen the post: aim the corpus post short by the share they add.
  const probe = makePost(id, targetChars, variant, clean);
  const growth = addProblems(probe.text).length / probe.text.length;
  const base = makePost(id, Math.round(targetChars / growth), variant, clean);
  const text = addProblems(base.text);
  if (hasAstralOrBom(text)) throw new Error("the fixable post must hold no astral characters and no BOM");
  return { ...base, text };
}
