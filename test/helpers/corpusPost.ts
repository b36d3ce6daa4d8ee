/**
 * Generated posts of the bench and the tests: the project's own short post
 * (test/fixtures/corpus/post.md) grown to a target length by repeating its sections. Each repetition
 * is a different text, not the same paragraphs again: headings are renumbered, the numbers in the
 * prose shift, some words are swapped for synonyms (each word cycles through its own list, so the
 * combination differs from round to round), and the sentences of each paragraph are rotated.
 * Identical paragraphs at different lines would share the incremental engine's cache (and, when a
 * message mentions its line, make it re-lint them), and the analyser's per-sentence token cache;
 * real long posts do not repeat themselves like that.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./workspace";

export const fixturePath = path.join(repoRoot, "test", "fixtures", "corpus", "post.md");

export interface Post {
  /** Size label, e.g. "5k". */
  id: string;
  text: string;
  /** How many section copies it holds (the fixture's own sections count as the first round). */
  sections: number;
  /** Share of its prose paragraphs (and list and table blocks) whose text appears more than once (0 = all distinct). */
  duplicateParagraphShare: number;
}

interface Parsed {
  head: string;
  sections: string[];
}

function parse(source: string): Parsed {
  const text = source.replace(/\r\n/g, "\n");
  const first = text.search(/^## /m);
  if (first < 0) throw new Error(`${fixturePath} has no "## " sections to repeat`);
  const head = text.slice(0, first);
  const sections = text
    .slice(first)
    .split(/^(?=## )/m)
    .map((s) => (s.endsWith("\n\n") ? s : s.replace(/\n*$/, "\n\n")));
  return { head, sections };
}

/**
 * Words of the fixture and natural substitutes. Round r uses variant (r + i) mod its list's
 * length (i = the word's index), so with lists of 3, 4 and 5 the combination repeats only every
 * 60 rounds (a 100k post has about 40).
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ["ドキュメント", "文書", "資料", "マニュアル", "手順書"],
  ["リンク切れ", "切れたリンク", "壊れたリンク", "無効なリンク"],
  ["プルリクエスト", "マージリクエスト", "レビュー依頼", "変更の提案"],
  ["書き手", "執筆者", "著者", "作成者", "担当者"],
  ["検査", "チェック", "確認", "検証"],
  ["仕組み", "しくみ", "機構"],
  ["レビュー", "査読", "コードレビュー"],
  ["社内", "部内", "チーム内"],
  ["導入", "採用", "運用開始"],
  ["誤検知", "誤検出", "誤報"],
  ["積み重なる", "重なる", "続く", "たまる"],
  ["意外だった", "予想外だった", "驚いた"],
];

/** One line of prose for round `round`: words swapped (not inside inline code), numbers shifted. */
function varyWords(line: string, round: number): string {
  return line
    .split(/(`[^`]*`)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      let out = part.replace(/\d+/g, (n) => String(Number(n) + round * 3));
      SYNONYMS.forEach((variants, w) => {
        const pick = variants[(round + w) % variants.length] ?? variants[0] ?? "";
        if (pick !== variants[0]) out = out.split(variants[0] ?? "").join(pick);
      });
      return out;
    })
    .join("");
}

/** A paragraph's sentences (each with its 「。」), rotated by `by`. */
function rotateSentences(line: string, by: number): string {
  const sentences = line.match(/[^。]+。|[^。]+$/g);
  if (!sentences || sentences.length < 2 || /`/.test(line)) return line;
  const k = by % sentences.length;
  return [...sentences.slice(k), ...sentences.slice(0, k)].join("");
}

const isProse = (line: string): boolean => line.trim().length > 0 && !/^(#|\||-|\d+\.|>|```|~~~|---)/.test(line);

/** Rewrites one section for repetition `round` (0 = as written) and its running number `seq`. */
function vary(section: string, round: number, seq: number): string {
  let inFence = false;
  return section
    .split("\n")
    .map((line) => {
      if (/^(```|~~~)/.test(line)) {
        inFence = !inFence;
        return line;
      }
      if (inFence) return line;
      if (line.startsWith("## ")) {
        const title = line.replace(/^## (\d+\.\s*)?/, "");
        return `## ${seq}. ${title}${round > 0 ? `（その${round + 1}）` : ""}`;
      }
      if (round === 0) return line;
      const varied = varyWords(line, round);
      return isProse(line) ? rotateSentences(varied, round + seq) : varied;
    })
    .join("\n");
}

function duplicateShare(text: string): number {
  const blocks = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0 && !p.startsWith("#") && !p.startsWith("```"));
  const counts = new Map<string, number>();
  for (const p of blocks) counts.set(p, (counts.get(p) ?? 0) + 1);
  const duplicated = blocks.filter((p) => (counts.get(p) ?? 0) > 1).length;
  return blocks.length === 0 ? 0 : duplicated / blocks.length;
}

/**
 * A post of about `targetChars` UTF-16 code units: the fixture's head, then its sections again and
 * again. `startRound` lets several posts of one size differ from each other.
 */
export function makePost(id: string, targetChars: number, startRound = 0, source = fs.readFileSync(fixturePath, "utf8")): Post {
  const { head, sections } = parse(source);
  let text = head;
  let count = 0;
  for (;;) {
    const round = startRound + Math.floor(count / sections.length);
    const next = vary(sections[count % sections.length] ?? "", round, count + 1);
    // Stop at the section boundary closest to the target.
    if (text.length >= targetChars || Math.abs(text.length + next.length - targetChars) > Math.abs(text.length - targetChars)) {
      if (count > 0) break;
    }
    text += next;
    count++;
  }
  text = text.replace(/\n+$/, "\n");
  return { id, text, sections: count, duplicateParagraphShare: duplicateShare(text) };
}
