/**
 * Zenn Books, checked as zenn-cli checks them (zenn-dev/zenn-editor: zenn-model `validateBook` and
 * `validateBookChapter`, zenn-cli `server/lib/books.ts`, which reads `books/<slug>/config.yaml`, the
 * cover `cover.jpg`/`cover.jpeg`/`cover.png` and the chapters `books/<slug>/*.md`):
 *
 * - config.yaml: the folder name is the book's slug (12–50 of a-z0-9-_), title (≤ 70), summary,
 *   published, topics as for articles, price (a number: 0, or 200–5000 in steps of 100), a cover
 *   (missing: a warning; over 1 MB: an error; not 1 : 1.4: a warning), chapters (a flat list of
 *   slugs without `.md`). Tsuzuri adds: a listed chapter whose file does not exist.
 * - A chapter: its slug (from the file name: `slug.md` when config.yaml lists chapters, else
 *   `n.slug.md`), title (≤ 70) and `free` (a boolean). Tsuzuri adds: a chapter config.yaml does not
 *   list is left out of the book (the template's own comment: "本に含めるチャプターを順番に並べましょう").
 */
import * as path from "node:path";
import * as YAML from "yaml";
import { Fields, problem } from "../fields";
import { say } from "../../shared/i18n";
import type { ParsedFrontmatter } from "../parse";
import { parseYamlFile } from "../parse";
import type { FrontmatterProblem } from "../types";
import { boolean, maxLength, nonEmptyString, required, type CheckContext } from "./common";
import { topics } from "./zenn";
import { isZennRoot, type LayoutProbe } from "../detect";

const BOOK_SLUG = /^[0-9a-z\-_]{12,50}$/;
/** zenn-model validateChapterSlug. */
const CHAPTER_SLUG = [/^[0-9a-z\-_]{1,50}$/, /^[0-9]+.[0-9a-z\-_]{1,50}$/];
export const ZENN_MAX_COVER_BYTES = 1024 * 1024;
/** zenn-cli getLocalBook: the first of these that exists is the cover. */
export const COVER_NAMES = ["cover.jpg", "cover.jpeg", "cover.png"];

/** `books/<slug>/config.yaml` (or `.yml`, zenn-cli's fallback). */
export function isZennBookConfig(filePath: string): boolean {
  return /(?:^|[\\/])books[\\/][^\\/]+[\\/]config\.ya?ml$/.test(filePath);
}

/** The Zenn repository's root for a file of a book (`<root>/books/<slug>/<file>`). */
export function booksRootOf(filePath: string): string {
  return path.dirname(path.dirname(path.dirname(path.resolve(filePath))));
}

/** A book's config.yaml in a Zenn repository (zenn-cli in package.json, or articles/ beside books/). */
export function isBookConfigInZennRepository(probe: LayoutProbe, filePath: string): boolean {
  return isZennBookConfig(filePath) && isZennRoot(probe, booksRootOf(filePath));
}

/** `books/<slug>/<chapter>.md`. */
export function isZennChapter(filePath: string): boolean {
  return /(?:^|[\\/])books[\\/][^\\/]+[\\/][^\\/]+\.md$/.test(filePath);
}

/** What the book's folder holds, read by the caller. */
export interface BookFolder {
  /** The Markdown files of the folder (names). */
  chapterFiles: string[];
  /** The cover: its file name, size in bytes and pixel size (when readable). */
  cover?: { name: string; size: number; width?: number; height?: number };
}

/** The chapters config.yaml lists, when it lists any (zenn-cli: `chapters` with a length). */
export function listedChapters(configText: string | undefined): unknown[] | undefined {
  if (configText === undefined) return undefined;
  try {
    const data = YAML.parse(configText, { maxAliasCount: 100 }) as { chapters?: unknown } | null;
    return Array.isArray(data?.chapters) && data.chapters.length > 0 ? data.chapters : undefined;
  } catch {
    return undefined;
  }
}

/** The problems of a book's config.yaml (ranges in its text). */
export function zennBookProblems(text: string, filePath: string, folder: BookFolder, now: Date): FrontmatterProblem[] {
  const parsed = parseYamlFile(text);
  if (!parsed.data) return parsed.problems;
  const ctx = bookContext(text, parsed, filePath, now);
  const f = ctx.fields;
  const slug = path.basename(path.dirname(filePath));
  const out: FrontmatterProblem[] = [...parsed.problems];
  if (!BOOK_SLUG.test(slug)) {
    out.push(problem("zenn-slug", f.openingFence(), say(`The folder name "${slug}" is the book's slug on Zenn: use 12 to 50 characters of a-z, 0-9, "-" and "_".`, `フォルダー名「${slug}」は Zenn の本のスラッグです。a-z・0-9・「-」「_」の 12〜50 文字にしてください。`)));
  }
  out.push(
    ...required(ctx, "zenn-title", "title", '""'),
    ...nonEmptyString(ctx, "zenn-title", "title"),
    ...maxLength(ctx, "zenn-title-length", "title", 70),
    ...summary(ctx),
    ...topics(ctx),
    ...required(ctx, "zenn-published", "published", "false"),
    ...boolean(ctx, "zenn-published", "published"),
    ...price(ctx),
    ...cover(ctx, folder, slug),
    ...chapters(ctx, folder),
  );
  return out;
}

function bookContext(text: string, parsed: ParsedFrontmatter, filePath: string, now: Date): CheckContext {
  return { fields: new Fields(text, parsed), filePath, root: undefined, now, options: { maxTitleLength: 0, maxDescriptionLength: 0 }, fileExists: () => false };
}

/** validateBookSummary. */
function summary(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  const value = f.get("summary");
  if (typeof value === "string" && value.length > 0) return [];
  const range = f.has("summary") ? f.valueRange("summary") : f.openingFence();
  return [problem("zenn-book-summary", range, say("Write the book's summary (summary).", "summary（本の説明）を記載してください。"))];
}

/** validateBookPriceType, validateBookPriceRange, validateBookPriceFraction. */
function price(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has("price")) return required(ctx, "zenn-book-price", "price", "0");
  const value = f.get("price");
  const range = f.valueRange("price");
  if (typeof value !== "number") return [problem("zenn-book-price", range, say('price must be a number without quotes (0 for a free book).', 'price（本の価格）は半角数字で、引用符 " で囲まずに指定してください（無料なら 0）。'))];
  if (value !== 0 && (value < 200 || value > 5000)) return [problem("zenn-book-price", range, say("A paid book's price is 200 to 5000 (yen).", "有料の本の price は 200〜5000 の間で指定してください。"))];
  if (value % 100 !== 0) return [problem("zenn-book-price", range, say("price goes in steps of 100 (yen).", "price は 100 円単位で指定してください。"))];
  return [];
}

/** validateMissingBookCover (a warning), validateBookCoverSize (an error), validateBookCoverAspectRatio (a warning). */
function cover(ctx: CheckContext, folder: BookFolder, slug: string): FrontmatterProblem[] {
  const at = ctx.fields.openingFence();
  const c = folder.cover;
  if (!c) return [problem("zenn-book-cover", at, say(`Put the book's cover (cover.png or cover.jpg) in books/${slug}/.`, `本のカバー画像（cover.png もしくは cover.jpg）を「/books/${slug}」に配置してください。`))];
  if (c.size > ZENN_MAX_COVER_BYTES) {
    const kb = Math.trunc(c.size / 1024);
    return [problem("zenn-book-cover-size", at, say(`The cover ${c.name} is ${kb} KB; Zenn takes covers up to 1 MB.`, `カバー画像 ${c.name} は ${kb} KB です。1 MB 以内にしてください。`))];
  }
  const ratio = c.width && c.height ? Math.round((c.height / c.width) * 10) / 10 : undefined;
  if (ratio === 1.4) return [];
  const now = ratio ? ` (now 1 : ${ratio})` : "";
  const nowJa = ratio ? `現在の比率は「1 : ${ratio}」です。` : "";
  return [problem("zenn-book-cover-ratio", at, say(`Zenn resizes covers to 500 × 700 px: make ${c.name} 1 : 1.4 (width : height)${now}.`, `カバー画像の「幅 : 高さ」は「1 : 1.4」がおすすめです（最終的に幅 500px・高さ 700px にリサイズされます）。${nowJa}`))];
}

/** validateBookChapterSlugs, validateBookChaptersFormat, zenn-cli's "no nesting"; and chapters without a file. */
function chapters(ctx: CheckContext, folder: BookFolder): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has("chapters") || f.get("chapters") === null) return [];
  const value = f.get("chapters");
  if (!Array.isArray(value)) return [problem("zenn-book-chapters", f.valueRange("chapters"), say("chapters must be a list of chapter slugs.", "config.yaml の chapters には slug の配列のみを指定できます。"))];
  const out: FrontmatterProblem[] = [];
  const files = new Set(folder.chapterFiles);
  for (const item of f.items("chapters")) {
    const slug = item.value;
    if (typeof slug !== "string") {
      out.push(problem("zenn-book-chapters", item.range, say("Each chapter is a slug (a string); lists cannot nest.", "chapters には文字列の slug のみを指定できます（ネストはできません）。")));
    } else if (slug.endsWith(".md")) {
      out.push(problem("zenn-book-chapters", item.range, say(`Write the chapter without ".md": ${slug.slice(0, -3)}.`, `chapters に指定する文字列には拡張子（.md）を含めないでください。example.md であれば example とだけ書きます。`)));
    } else if (!files.has(`${slug}.md`)) {
      out.push(problem("zenn-book-chapter-file", item.range, say(`There is no ${slug}.md in this book's folder.`, `この本のフォルダーに ${slug}.md がありません。`)));
    }
  }
  return out;
}

/** The problems of a chapter (a Markdown file in books/<slug>/), given its book's config.yaml text. */
export function zennChapterProblems(ctx: CheckContext, configText: string | undefined): FrontmatterProblem[] {
  const name = path.basename(ctx.filePath, ".md");
  const listed = listedChapters(configText);
  const split = name.split(".");
  const slug = listed ? name : split.length === 2 ? split[1]! : name;
  const out: FrontmatterProblem[] = [];
  if (!CHAPTER_SLUG.some((re) => re.test(slug))) {
    out.push(problem("zenn-chapter-slug", ctx.fields.openingFence(), say(`The chapter's slug "${slug}" (from its file name) must be 1 to 50 characters of a-z, 0-9, "-" and "_".`, `チャプターの slug「${slug}」（ファイル名から）は a-z・0-9・「-」「_」の 1〜50 文字にしてください。`)));
  }
  out.push(...required(ctx, "zenn-title", "title", '""'), ...nonEmptyString(ctx, "zenn-title", "title"), ...maxLength(ctx, "zenn-title-length", "title", 70), ...boolean(ctx, "zenn-chapter-free", "free"));
  if (listed && !listed.includes(name)) {
    out.push(problem("zenn-chapter-unlisted", ctx.fields.openingFence(), say(`config.yaml's chapters does not list "${name}": the book leaves this chapter out.`, `config.yaml の chapters に「${name}」がないため、このチャプターは本に含まれません。`)));
  } else if (!listed && configText !== undefined && split.length !== 2) {
    out.push(problem("zenn-chapter-unlisted", ctx.fields.openingFence(), say(`Without chapters in config.yaml, Zenn orders chapters by file name: name this one "1.${name}.md" (number.slug.md).`, `config.yaml に chapters がない場合、チャプターの順序はファイル名で決まります。「1.${name}.md」（番号.slug.md）のような名前にしてください。`)));
  }
  return out;
}
