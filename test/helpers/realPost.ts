/**
 * Real-shaped Japanese tech-blog posts (Zenn style) of a target length, written by the project
 * itself: the bench's `real` case lints them, and test/unit/realPost.test.ts checks their shapes.
 * Unlike the bench's generated posts (one short fixture repeated), these have what writers really
 * produce and what takes the engine off its fast paths:
 *
 * - Zenn frontmatter (title, emoji, type, topics, published);
 * - long stretches of blocks without 「。」: link lists (`- [タイトル](https://…)`), bare URL lines,
 *   headings, short "outline" lines, tables and code (the "window" rules then reach far back);
 * - footnote references `[^n]` in the prose and their definitions at the end, reference-style
 *   links `[…][ref-n]` and their definitions;
 * - emoji in prose (🎉, 👨‍👩‍👧‍👦, ✅, 💡), also in paragraphs with problems;
 * - tables, code fences with file names (```ts:src/index.ts), `:::message` / `:::message alert` /
 *   `:::details` blocks, images `![](/images/…)`, blockquotes, nested and ordered lists;
 * - English next to Japanese, and sentences that break the preset's rules (long sentences,
 *   「することができる」, doubled particles, half-width kana, 「！」, ら抜き, …).
 *
 * Deterministic: everything comes from one seeded generator (mulberry32), and the templates'
 * slots are filled anew for every sentence, so sentences do not repeat (share measured by
 * `repeatedSentenceShare`). The post is built section by section, block by block, and stops at
 * the block boundary that brings it closest to the target (the ending — まとめ, 参考 links,
 * reference definitions, footnote definitions — counted in).
 */
import * as P from "./realPostPieces";

export interface RealPost {
  text: string;
  seed: number;
  targetChars: number;
  /** Kinds of the body's sections, in order. */
  sections: string[];
  footnotes: number;
  referenceLinks: number;
}

type Rng = () => number;

/** mulberry32: small, fast, and the same numbers on every platform. */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Writer {
  /** Footnote definitions, in order of reference ([^1] is index 0). */
  readonly footnotes: string[] = [];
  /** Reference-style link definitions, `[ref-n]: url`. */
  readonly references: string[] = [];
  private problems: number | undefined;

  /** @param plain no footnotes or reference-style links (the ending's writer: its notes would be lost). */
  constructor(
    private readonly rng: Rng,
    private readonly plain = false,
  ) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.rng() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.rng() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.rng() * items.length)];
    if (item === undefined) throw new Error("empty pool");
    return item;
  }
  /** Two different items. */
  pair<T>(items: readonly T[]): [T, T] {
    const a = this.pick(items);
    let b = this.pick(items);
    while (b === a) b = this.pick(items);
    return [a, b];
  }

  hex(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += "0123456789abcdef"[this.int(0, 15)];
    return s;
  }

  url(): string {
    const [word, word2] = this.pair(P.WORDS_EN);
    const shape = this.pick(P.URL_SHAPES);
    return shape.replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case "user": return this.pick(P.USERS);
        case "word": return word;
        case "word2": return word2;
        case "Word": return word[0]!.toUpperCase() + word.slice(1);
        case "hex14": return this.hex(14);
        case "hex20": return this.hex(20);
        case "hex8": return this.hex(8);
        case "id11": return this.hex(11);
        case "n": return String(this.int(2, 4000));
        case "m": return String(this.int(2, 4000));
        case "month": return String(this.int(1, 12)).padStart(2, "0");
        case "day": return String(this.int(1, 28)).padStart(2, "0");
        default: return slot;
      }
    });
  }

  code(): string {
    const cmd = this.pick(["pnpm test", "npm run build", "terraform plan", "docker compose up", "kubectl get pods", "git diff --stat", "npx tsc --noEmit", "go test ./...", "cargo bench", "pnpm lint"]);
    return "`" + (this.chance(0.5) ? `${cmd} --${this.pick(P.WORDS_EN)}=${this.int(1, 64)}` : cmd) + "`";
  }

  /** An inline link, or a reference-style one whose definition goes to the end. */
  link(): string {
    const title = this.fill(this.pick(P.LINK_TITLES));
    if (!this.plain && this.chance(0.35)) {
      const id = `ref-${this.references.length + 1}`;
      this.references.push(`[${id}]: ${this.url()}`);
      return `[${title}][${id}]`;
    }
    return `[${title}](${this.url()})`;
  }

  /** A footnote reference; its definition goes to the end. */
  footnote(): string {
    const n = this.footnotes.length + 1;
    const body = this.chance(0.4) ? `${this.fill(this.pick(P.LINK_TITLES))}: ${this.url()}` : this.fill(this.pick(P.SENTENCES));
    this.footnotes.push(`[^${n}]: ${body}`);
    return `[^${n}]`;
  }

  fill(template: string): string {
    const [tool, tool2] = this.pair(P.TOOLS);
    const [thing, thing2] = this.pair(P.THINGS);
    const [os, os2] = this.pair(P.OSES);
    const n = this.int(2, 60);
    let m = this.int(2, 400);
    if (m === n) m++;
    const word = this.pick(P.WORDS_EN);
    return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case "tool": return tool;
        case "tool2": return tool2;
        case "thing": return thing;
        case "thing2": return thing2;
        case "thingEn": return this.pick(P.THINGS_EN);
        case "person": return this.pick(P.PEOPLE);
        case "os": return os;
        case "os2": return os2;
        case "ver": return `v${this.int(1, 9)}.${this.int(0, 30)}`;
        case "n": return String(n);
        case "m": return String(m);
        case "month": return String(this.int(1, 12));
        case "day": return String(this.int(1, 28));
        case "code": return this.code();
        case "link": return this.link();
        case "ja": return this.sentence(0);
        case "word": return word;
        case "Word": return word[0]!.toUpperCase() + word.slice(1);
        default: return slot;
      }
    });
  }

  /**
   * One sentence: a problem with probability `problemRate`. Problems come in turn (from a random
   * start), so that every rule the pieces break is broken somewhere in a post of 20k.
   */
  sentence(problemRate: number): string {
    if (!this.chance(problemRate)) return this.fill(this.pick(P.SENTENCES));
    this.problems ??= this.int(0, P.PROBLEMS.length - 1);
    return this.fill(P.PROBLEMS[this.problems++ % P.PROBLEMS.length]!);
  }

  /** A prose paragraph of 2–4 sentences; sometimes a footnote, an inline link, an English sentence. */
  paragraph(problemRate = 0.2): string {
    const count = this.int(2, 4);
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      let s = this.sentence(problemRate);
      if (!this.plain && s.endsWith("。") && this.chance(0.1)) s = `${s.slice(0, -1)}${this.footnote()}。`;
      out.push(s);
    }
    if (this.chance(0.12)) out.push(`${this.link()}も参考になります。`);
    if (this.chance(0.12)) out.push(` ${this.fill(this.pick(P.ENGLISH))}`);
    return out.join("");
  }

  heading(level: number, template = this.pick(P.HEADINGS)): string {
    // Writers add emoji or a question mark to headings now and then; never a 「。」.
    const title = this.fill(template);
    const decorated = this.chance(0.08) ? `${this.pick(["🚀", "✅", "💡", "⚠️"])} ${title}` : title;
    return `${"#".repeat(level)} ${decorated}`;
  }

  /** A code fence; `named`: one with a file name (```ts:src/index.ts). */
  fence(named = false): string {
    const [info, body] = this.pick(named ? P.FENCES.filter(([i]) => i.includes(":")) : P.FENCES);
    const word = this.pick(P.WORDS_EN);
    const Word = word[0]!.toUpperCase() + word.slice(1);
    const n = String(this.int(2, 90));
    const m = String(this.int(2, 90));
    const thing = this.pick(P.THINGS);
    const sub = (s: string): string => s.replace(/\{word\}/g, word).replace(/\{Word\}/g, Word).replace(/\{n\}/g, n).replace(/\{m\}/g, m).replace(/\{ver\}/g, `${this.int(1, 9)}.${this.int(0, 20)}.${this.int(0, 9)}`).replace(/\{thing\}/g, thing);
    return "```" + sub(info) + "\n" + sub(body) + "\n```";
  }

  image(): string {
    const alt = this.chance(0.5) ? this.fill(this.pick(P.CAPTIONS)) : "";
    const width = this.chance(0.4) ? ` =${this.pick([400, 500, 600, 800])}x` : "";
    const img = `![${alt}](/images/${this.pick(P.WORDS_EN)}-${this.hex(6)}/fig-${this.int(1, 40)}.png${width})`;
    return this.chance(0.5) ? `${img}\n*${this.fill(this.pick(P.CAPTIONS))}*` : img;
  }

  table(): string {
    const cols = this.int(3, 4);
    const header = ["項目", this.pick(P.TOOLS), this.pick(P.TOOLS), "備考"].slice(0, cols);
    const rows = this.int(3, 7);
    const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
    for (let r = 0; r < rows; r++) {
      const cells = [this.pick(P.THINGS), `${this.int(1, 900)} ms`, this.pick(["○", "×", "△", `${this.int(1, 99)}%`, "対応予定"]), this.fill(this.pick(P.SHORT_LINES))];
      lines.push(`| ${cells.slice(0, cols).join(" | ")} |`);
    }
    return lines.join("\n");
  }

  /** `- [title](url)` items (some with a nested note), no 「。」 anywhere. */
  linkList(min: number, max: number): string {
    const lines: string[] = [];
    const count = this.int(min, max);
    for (let i = 0; i < count; i++) {
      lines.push(`- [${this.fill(this.pick(P.LINK_TITLES))}](${this.url()})`);
      if (this.chance(0.15)) lines.push(`  - ${this.fill(this.pick(P.SHORT_LINES))}`);
    }
    return lines.join("\n");
  }

  nestedList(): string {
    const lines: string[] = [];
    const items = this.int(2, 4);
    for (let i = 0; i < items; i++) {
      lines.push(`- ${this.fill(this.pick(P.SHORT_LINES))}`);
      const sub = this.int(0, 3);
      for (let j = 0; j < sub; j++) lines.push(j === 0 && this.chance(0.3) ? `  1. ${this.code()}` : `  - ${this.fill(this.pick(P.SHORT_LINES))}`);
    }
    if (this.chance(0.3)) lines.push(`- ✅ ${this.fill(this.pick(P.SHORT_LINES))}`);
    return lines.join("\n");
  }

  message(alert = this.chance(0.3)): string {
    return `:::message${alert ? " alert" : ""}\n${this.paragraph(0.1)}\n:::`;
  }

  details(): string {
    const title = this.fill(this.pick(["{thing}の全文", "{tool}の設定例", "{code}の出力", "{thing}の補足"]));
    return `:::details ${title}\n${this.chance(0.6) ? this.fence() : this.paragraph(0.1)}\n:::`;
  }

  blockquote(): string {
    if (this.chance(0.5)) return `> ${this.fill(this.pick(P.QUOTES_JA))}`;
    return [0, 1, 2].slice(0, this.int(1, 3)).map(() => `> ${this.fill(this.pick(P.ENGLISH))}`).join("\n");
  }

  emojiParagraph(flagged: boolean): string {
    return this.fill(this.pick(flagged ? P.EMOJI_PROBLEM_PARAGRAPHS : P.EMOJI_PARAGRAPHS));
  }
}

type Kind = "explain" | "steps" | "links" | "compare" | "notes" | "outline";

/** The first sections (so that even a 5k post has every shape), then weighted picks. */
const FIRST: Kind[] = ["steps", "compare", "links", "explain", "notes", "outline"];
const WEIGHTS: [Kind, number][] = [["explain", 30], ["steps", 18], ["links", 14], ["compare", 10], ["notes", 14], ["outline", 14]];

function pickKind(w: Writer, index: number): Kind {
  if (index < FIRST.length) return FIRST[index]!;
  let r = w.int(1, WEIGHTS.reduce((a, [, x]) => a + x, 0));
  for (const [kind, weight] of WEIGHTS) {
    r -= weight;
    if (r <= 0) return kind;
  }
  return "explain";
}

/** One section's blocks (separated by blank lines in the post), generated one at a time. */
function* section(w: Writer, kind: Kind): Generator<string, void> {
  switch (kind) {
    case "explain": {
      yield w.heading(2);
      for (let i = w.int(2, 4); i > 0; i--) {
        yield w.paragraph();
        if (w.chance(0.2)) yield w.emojiParagraph(w.chance(0.6));
        if (w.chance(0.2)) yield w.image();
        if (w.chance(0.25)) yield w.fence();
      }
      if (w.chance(0.3)) {
        yield w.heading(3);
        yield w.paragraph();
      }
      break;
    }
    case "steps": {
      yield w.heading(2, "{thing}の手順");
      yield w.paragraph(0.15);
      const steps = w.int(2, 4);
      for (let i = 1; i <= steps; i++) {
        yield w.heading(3, `${i}. ${w.pick(P.STEP_TITLES)}`);
        yield w.paragraph(0.15);
        if (i === 1 || w.chance(0.75)) yield w.fence(i === 1);
        if (w.chance(0.3)) yield w.message();
        if (w.chance(0.2)) yield w.details();
      }
      if (w.chance(0.3)) yield w.emojiParagraph(true);
      break;
    }
    case "links": {
      // A stretch with no 「。」 at all: headings, link lists, bare URLs (Zenn shows them as cards).
      yield w.heading(2, w.pick(["参考にした記事", "{tool}のリンク集", "関連リンク", "読んだもの", "{thing}の資料"]));
      yield w.linkList(4, 12);
      yield w.heading(3, w.pick(["公式", "ドキュメント", "{tool}の Issue", "スライド"]));
      yield w.linkList(2, 6);
      for (let i = w.int(1, 3); i > 0; i--) yield w.url();
      if (w.chance(0.4)) yield `@[card](${w.url()})`;
      break;
    }
    case "compare": {
      yield w.heading(2, "{tool}と{tool2}の比較");
      yield w.paragraph(0.15);
      yield w.table();
      yield w.nestedList();
      if (w.chance(0.6)) yield w.paragraph();
      break;
    }
    case "notes": {
      yield w.heading(2, w.pick(["補足", "{thing}で気を付けたいこと", "余談", "{tool}の注意点"]));
      yield w.blockquote();
      yield w.paragraph();
      yield w.details();
      if (w.chance(0.6)) yield w.message(true);
      yield w.nestedList();
      if (w.chance(0.4)) yield w.emojiParagraph(w.chance(0.5));
      break;
    }
    case "outline": {
      // As writers moving from other blogs write: short headings and lines without 「。」.
      yield w.heading(2, w.pick(["どういうチームで働きたいか", "{thing}の条件", "選んだ基準", "{tool}を選んだ理由"]));
      for (let i = w.int(2, 4); i > 0; i--) {
        yield w.heading(w.chance(0.3) ? 4 : 3, w.pick(P.OUTLINE_TITLES));
        const lines = Array.from({ length: w.int(2, 5) }, () => w.fill(w.pick(P.SHORT_LINES)));
        yield w.chance(0.5) ? lines.join("\n") : lines.map((l) => `- ${l}`).join("\n");
      }
      if (w.chance(0.5)) yield w.paragraph();
      break;
    }
  }
}

function frontmatter(w: Writer): string {
  const topics = new Set<string>();
  while (topics.size < w.int(2, 5)) topics.add(w.pick(["nextjs", "typescript", "terraform", "githubactions", "docker", "react", "go", "rust", "sre", "ci", "zenn", "個人開発"]));
  return [
    "---",
    `title: "${w.fill("{tool}で{thing}を見直して{n}倍速くした話")}"`,
    `emoji: "${w.pick(["🚀", "🔗", "🛠️", "📝", "🐳", "⚡"])}"`,
    'type: "tech"',
    `topics: [${[...topics].map((t) => `"${t}"`).join(", ")}]`,
    `published: ${w.chance(0.7)}`,
    "---",
  ].join("\n");
}

function intro(w: Writer): string[] {
  return [
    `こんにちは、${w.pick(["基盤チーム", "SRE チーム", "フロントエンドチーム", "データ基盤チーム"])}の${w.pick(["小野", "佐藤", "田中", "中村", "鈴木"])}です👋 ${w.paragraph(0.1)}`,
    `:::message\nこの記事は ${w.pick(P.TOOLS)} Advent Calendar ${w.int(2019, 2025)} の${w.int(1, 25)}日目の記事です。${w.sentence(0)}\n:::`,
    `${w.fill("{tool}の{thing}について調べたきっかけは、{person}の一言でした")}${w.footnote()}。${w.paragraph(0.2)}`,
    w.emojiParagraph(false),
  ];
}

/** まとめ, a 参考 link list and bare URLs, then the reference and footnote definitions. */
function ending(w: Writer, references: readonly string[], footnotes: readonly string[]): string[] {
  return [
    "## まとめ",
    w.paragraph(0.2),
    w.emojiParagraph(true),
    `最後まで読んでいただきありがとうございました🙏 ${w.sentence(0)}`,
    "## 参考",
    w.linkList(5, 12),
    w.url(),
    ...(references.length > 0 ? [references.join("\n")] : []),
    ...(footnotes.length > 0 ? [footnotes.join("\n")] : []),
  ];
}

const join = (blocks: readonly string[]): string => blocks.join("\n\n") + "\n";

/**
 * A real-shaped post of about `targetChars` UTF-16 code units (within a few percent from 5k up).
 * The same (targetChars, seed) always gives the same text; other seeds give other posts.
 */
export function makeRealPost(targetChars: number, seed = 1): RealPost {
  const w = new Writer(mulberry32(seed * 2654435761 + targetChars));
  const head = [frontmatter(w), ...intro(w)];
  const body: string[] = [];
  const kinds: string[] = [];
  // The ending is written by its own generator, so trying it out does not change the body.
  const endingFor = (footnotes: number, references: number): string[] => {
    const tail = new Writer(mulberry32(seed * 40503 + 7), true);
    return ending(tail, w.references.slice(0, references), w.footnotes.slice(0, footnotes));
  };
  // The length `join` would give, kept as a running sum of the blocks (joining 100k each time is slow).
  const sum = (blocks: readonly string[]): number => blocks.reduce((a, b) => a + b.length + 2, 0);
  const headLength = sum(head);
  let bodyLength = 0;
  const lengthWith = (): number => headLength + bodyLength + sum(endingFor(w.footnotes.length, w.references.length)) - 1;
  let length = lengthWith();
  let done = false;
  for (let s = 0; !done; s++) {
    const kind = pickKind(w, s);
    kinds.push(kind);
    const blocks = section(w, kind);
    for (;;) {
      const before = { length, footnotes: w.footnotes.length, references: w.references.length };
      const next = blocks.next();
      if (next.done) break;
      body.push(next.value);
      bodyLength += next.value.length + 2;
      length = lengthWith();
      if (length < targetChars) continue;
      // Stop at the boundary closest to the target; drop this block (and what it referenced) if that is closer.
      if (Math.abs(before.length - targetChars) < Math.abs(length - targetChars)) {
        body.pop();
        w.footnotes.length = before.footnotes;
        w.references.length = before.references;
      }
      done = true;
      break;
    }
  }
  // A section cut short must not end on its heading.
  while (body.length > 0 && /^#{1,6} /.test(body[body.length - 1] ?? "")) body.pop();
  const text = join([...head, ...body, ...endingFor(w.footnotes.length, w.references.length)]);
  return { text, seed, targetChars, sections: kinds, footnotes: w.footnotes.length, referenceLinks: w.references.length };
}

/** Share of the prose's sentences (split at 「。」) that occur more than once in the post. */
export function repeatedSentenceShare(text: string): number {
  const sentences = text
    .split("\n")
    .filter((l) => !/^(#|\||```|- \[|\[\^?\w|!\[|https?:)/.test(l))
    .flatMap((l) => l.match(/[^。]+。/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.length > 8);
  const counts = new Map<string, number>();
  for (const s of sentences) counts.set(s, (counts.get(s) ?? 0) + 1);
  const repeated = sentences.filter((s) => (counts.get(s) ?? 0) > 1).length;
  return sentences.length === 0 ? 0 : repeated / sentences.length;
}

export interface RealPostShapes {
  chars: number;
  headings: number;
  /** `- [title](url)` items, bare URL lines (and `@[card](url)`). */
  linkItems: number;
  bareUrls: number;
  footnoteRefs: number;
  footnoteDefinitions: number;
  referenceDefinitions: number;
  /** Emoji in the body (after the frontmatter), by kind. */
  emoji: { party: number; family: number; check: number; total: number };
  tables: number;
  fences: number;
  fencesWithFileName: number;
  messages: number;
  details: number;
  images: number;
  blockquotes: number;
  nestedItems: number;
  /**
   * The longest run of top-level blocks without a prose paragraph holding a 「。」 (the blocks a
   * "window" rule's re-lint reaches back over), in characters and blocks (blocks split at blank
   * lines outside code fences).
   */
  longestRunWithoutPeriod: { chars: number; blocks: number };
}

/** Top-level blocks: split at blank lines, code fences kept whole. */
function blocks(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let inFence = false;
  for (const line of text.split("\n")) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && line.trim() === "") {
      if (current.length > 0) out.push(current.join("\n"));
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) out.push(current.join("\n"));
  return out;
}

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

/** What a post is made of (for the bench's summary and the unit test). */
export function realPostShapes(text: string): RealPostShapes {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, "");
  const outsideFences = body.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, "");
  let run = { chars: 0, blocks: 0 };
  let longest = { chars: 0, blocks: 0 };
  for (const block of blocks(body)) {
    // A prose paragraph (Zenn's ::: containers included: they parse as paragraphs) with a 「。」.
    const resets = !/^(#|-|\||>|```|\[|!\[|@\[|https?:|\d+\.)/.test(block) && block.includes("。");
    if (resets) run = { chars: 0, blocks: 0 };
    else {
      run = { chars: run.chars + block.length + 2, blocks: run.blocks + 1 };
      if (run.chars > longest.chars) longest = run;
    }
  }
  const openings: string[] = [];
  let inFence = false;
  for (const line of body.split("\n")) {
    if (!line.startsWith("```")) continue;
    if (!inFence) openings.push(line.slice(3));
    inFence = !inFence;
  }
  const family = count(body, /👨‍👩‍👧‍👦/gu);
  const party = count(body, /🎉/gu);
  const check = count(body, /✅/gu);
  return {
    chars: text.length,
    headings: count(outsideFences, /^#{1,6} /gm),
    linkItems: count(outsideFences, /^\s*- \[[^\]]+\]\(https?:\/\/[^)]+\)$/gm),
    bareUrls: count(outsideFences, /^(https?:\/\/\S+|@\[card\]\(https?:\/\/\S+\))$/gm),
    footnoteRefs: count(outsideFences, /(?<!^)\[\^\d+\]/gm),
    footnoteDefinitions: count(outsideFences, /^\[\^\d+\]: /gm),
    referenceDefinitions: count(outsideFences, /^\[[\w-]+\]: https?:\/\//gm),
    emoji: { party, family, check, total: count(body, /\p{Extended_Pictographic}/gu) - 3 * family },
    tables: count(outsideFences, /^\| --- \|/gm),
    fences: openings.length,
    fencesWithFileName: openings.filter((info) => /^[\w ]+:\S/.test(info)).length,
    messages: count(outsideFences, /^:::message/gm),
    details: count(outsideFences, /^:::details /gm),
    images: count(outsideFences, /!\[[^\]]*\]\(\/images\//g),
    blockquotes: count(outsideFences, /^> /gm),
    nestedItems: count(outsideFences, /^ {2,}(-|\d+\.) /gm),
    longestRunWithoutPeriod: longest,
  };
}
