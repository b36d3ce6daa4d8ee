/**
 * Bench posts: the project's own short post (bench/fixtures/post.md) grown to a target length by
 * repeating its sections. Each repetition renumbers the headings and shifts the numbers in its
 * prose, so a long post is not the same paragraphs verbatim (textlint's rules, and the analyser's
 * per-sentence token cache, see distinct text).
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const fixturePath = path.resolve(__dirname, "..", "..", "bench", "fixtures", "post.md");

export interface Post {
  /** Size label, e.g. "5k". */
  id: string;
  text: string;
  /** How many section copies it holds (the fixture's own sections count as the first round). */
  sections: number;
  /** Share of its paragraphs whose text appears more than once (0 = all distinct). */
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

/** Rewrites one section for repetition `round` (0 = as written) and its running number `seq`. */
function vary(section: string, round: number, seq: number): string {
  const lines = section.split("\n");
  let inFence = false;
  return lines
    .map((line) => {
      if (/^```/.test(line)) {
        inFence = !inFence;
        return line;
      }
      if (inFence) return line;
      if (line.startsWith("## ")) {
        const title = line.replace(/^## (\d+\.\s*)?/, "");
        return `## ${seq}. ${title}${round > 0 ? `（その${round + 1}）` : ""}`;
      }
      if (round === 0) return line;
      // Shift the numbers of the prose (not inside inline code) so each round's sentences differ.
      return line
        .split(/(`[^`]*`)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(/\d+/g, (n) => String(Number(n) + round * 3))))
        .join("");
    })
    .join("\n");
}

function duplicateShare(text: string): number {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const counts = new Map<string, number>();
  for (const p of paragraphs) counts.set(p, (counts.get(p) ?? 0) + 1);
  const duplicated = paragraphs.filter((p) => (counts.get(p) ?? 0) > 1).length;
  return paragraphs.length === 0 ? 0 : duplicated / paragraphs.length;
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
