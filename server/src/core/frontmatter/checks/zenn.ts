/**
 * Zenn: zenn-cli's own validation (zenn-model `validateArticle`; each check names its validator,
 * rules.ts has the levels): articles/<slug>.md with title, emoji, type, topics, published, optional
 * published_at and publication_name. Critical validators are errors, the others warnings, and what
 * zenn-cli does not check at all (topic case) is only a hint.
 */
import * as path from "node:path";
import { fix, problem } from "../fields";
import { say } from "../../shared/i18n";
import type { FrontmatterProblem } from "../types";
import { boolean, maxLength, nonEmptyString, required, type Check, type CheckContext } from "./common";

const SLUG = /^[0-9a-z\-_]{12,50}$/;
const PUBLICATION = /^[0-9a-z_]{2,15}$/;
const PUBLISHED_AT = /^(\d{4})-(\d{2})-(\d{2})(\s(\d{2}):(\d{2}))?$/;
const MAX_TOPICS = 5;
const MAX_TOPIC_LENGTH = 18;
/** validateInvalidTopicLetters: ASCII spaces and symbols (the hyphen included). */
const SYMBOLS = /[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/;

const isEmojiGrapheme = (g: string): boolean => /\p{Extended_Pictographic}/u.test(g) || /^\p{Regional_Indicator}{2}$/u.test(g) || /^[0-9#*]\uFE0F?\u20E3$/u.test(g);

/** How many emoji (graphemes: ZWJ sequences, flags, keycaps and skin tones count as one) a text has. */
export function emojiCount(value: string): number {
  let n = 0;
  for (const { segment } of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(value)) if (isEmojiGrapheme(segment)) n++;
  return n;
}

/** validateItemSlug: the file name under articles/. */
function slug(ctx: CheckContext): FrontmatterProblem[] {
  const dir = path.basename(path.dirname(ctx.filePath));
  if (dir !== "articles") return [];
  const name = path.basename(ctx.filePath, path.extname(ctx.filePath));
  if (SLUG.test(name)) return [];
  return [
    problem(
      "zenn-slug",
      ctx.fields.openingFence(),
      say(
        `The file name "${name}" is the article's slug on Zenn: use 12 to 50 characters of a-z, 0-9, "-" and "_".`,
        `ファイル名「${name}」は Zenn の記事のスラッグです。a-z・0-9・「-」「_」の 12〜50 文字にしてください。`,
      ),
    ),
  ];
}

/** validateMissingEmoji (not a string, or empty: a warning) and validateEmojiFormat (exactly one emoji). */
function emoji(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has("emoji")) return required(ctx, "zenn-emoji-missing", "emoji", '"📝"');
  const value = f.get("emoji");
  if (typeof value !== "string" || value === "") {
    return [problem("zenn-emoji-missing", f.valueRange("emoji"), say("Set emoji to the article's emoji.", "記事のアイキャッチとなる emoji を指定してください。"))];
  }
  if (emojiCount(value) === 1) return [];
  return [problem("zenn-emoji", f.valueRange("emoji"), say("emoji must be exactly one emoji.", "emoji には絵文字を 1 つだけ指定してください。"))];
}

/** validateArticleType: missing or another value is an error. */
function type(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has("type")) return required(ctx, "zenn-type", "type", "tech");
  const value = f.get("type");
  if (value === "tech" || value === "idea") return [];
  return [problem("zenn-type", f.valueRange("type"), say('type must be "tech" or "idea".', "type は tech か idea にしてください。"))];
}

/**
 * validateUseTags, validateMissingTopics, validateTooManyTopics, validateTopicType,
 * validateInvalidTopicLetters; the length (zenn.dev cuts at 18) and the case (no zenn-cli rule).
 */
export function topics(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  const out: FrontmatterProblem[] = [];
  // validateUseTags: only a non-empty tags/tag.
  const tagsKey = ["tags", "tag"].find((k) => f.has(k) && hasLength(f.get(k)));
  if (tagsKey) {
    const fixes = f.has("topics") ? [] : [fix(`Rename ${tagsKey} to topics`, `${tagsKey} を topics に変更`, [f.renameKey(tagsKey, "topics")])];
    out.push(problem("zenn-tags", f.keyRange(tagsKey), say(`Zenn reads "topics", not "${tagsKey}".`, `Zenn が読むのは「${tagsKey}」ではなく「topics」です。`), fixes));
  }
  if (!f.has("topics")) {
    if (!tagsKey) out.push(problem("zenn-topics", f.openingFence(), say("Add topics so readers can find the article.", "読者が記事を見つけられるよう topics を指定しましょう。"), [fix("Add topics: []", "topics: [] を追加", [f.insertKey("topics", "[]")])]));
    return out;
  }
  const value = f.get("topics");
  // validateMissingTopics (not critical): not a list, or an empty one.
  if (!Array.isArray(value)) {
    out.push(problem("zenn-topics", f.valueRange("topics"), say("topics must be a list, e.g. [typescript, nodejs]; Zenn reads none here.", "topics は [typescript, nodejs] のようなリストにしてください（このままではトピックなしになります）。")));
    return out;
  }
  if (value.length === 0) out.push(problem("zenn-topics", f.valueRange("topics"), say("topics is empty: add up to 5 topics.", "topics が空です。トピックを 5 つまで指定しましょう。")));
  const items = f.items("topics");
  if (value.length > MAX_TOPICS) {
    out.push(
      problem("zenn-topics-count", f.valueRange("topics"), say(`Zenn allows at most ${MAX_TOPICS} topics; this post has ${value.length}.`, `Zenn のトピックは ${MAX_TOPICS} つまでです（${value.length} 個あります）。`), [
        fix(`Keep the first ${MAX_TOPICS} topics`, `最初の ${MAX_TOPICS} つだけ残す`, f.dropItemsFrom("topics", MAX_TOPICS)),
      ]),
    );
  }
  const upper: typeof items = [];
  for (const item of items) {
    const topic = item.value;
    // validateTopicType: every topic a non-empty string.
    if (typeof topic !== "string" || topic === "") {
      out.push(problem("zenn-topic", item.range, say("A topic must be a non-empty string.", "トピックは空でない文字列にしてください。")));
      continue;
    }
    if (topic.length > MAX_TOPIC_LENGTH) {
      const shown = topic.slice(0, MAX_TOPIC_LENGTH);
      out.push(
        problem("zenn-topic-length", item.range, say(`Zenn shows topics up to ${MAX_TOPIC_LENGTH} characters: "${topic}" becomes "${shown}".`, `Zenn のトピックは ${MAX_TOPIC_LENGTH} 文字までで、「${topic}」は「${shown}」になります。`)),
      );
    }
    if (SYMBOLS.test(topic)) {
      out.push(problem("zenn-topic-symbols", item.range, say(`The topic "${topic}" contains spaces or symbols; Zenn asks for none (C++ → cpp, C# → csharp).`, `トピック「${topic}」に空白や記号が含まれています（C++ は cpp、C# は csharp のように書きます）。`)));
    }
    if (topic !== topic.toLowerCase()) upper.push(item);
  }
  // The fixes keep each topic's quoting ("x", 'x' or bare) and the list's flow or block style.
  const lower = (item: (typeof items)[number]) => f.rewriteScalar(item.range, item.style, String(item.value).toLowerCase());
  const all = upper.length > 1 ? [fix(`Change all ${upper.length} topics to lowercase`, `${upper.length} 個のトピックをすべて小文字に変更`, upper.map(lower))] : [];
  for (const item of upper) {
    const to = String(item.value).toLowerCase();
    out.push(problem("zenn-topic-case", item.range, say(`Zenn's topic pages are lowercase: "${to}".`, `Zenn のトピックは小文字で表示されます:「${to}」`), [fix(`Change to ${to}`, `${to} に変更`, [lower(item)]), ...all]));
  }
  return out;
}

const hasLength = (v: unknown): boolean => (typeof v === "string" || Array.isArray(v)) && v.length > 0;

/** validatePublishedAtParse and validatePublishedAtSchedule. */
function publishedAt(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has("published_at") || f.get("published_at") === null) return [];
  const value = f.get("published_at");
  const m = typeof value === "string" ? PUBLISHED_AT.exec(value) : null;
  const range = f.valueRange("published_at");
  if (!m) return [problem("zenn-published-at", range, say('published_at must be "YYYY-MM-DD" or "YYYY-MM-DD hh:mm".', "published_at は「YYYY-MM-DD」か「YYYY-MM-DD hh:mm」にしてください。"))];
  // Zenn reads the time as Japan time.
  const when = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[5] ?? "00"}:${m[6] ?? "00"}:00+09:00`);
  if (Number.isNaN(when)) return [problem("zenn-published-at", range, say("published_at is not a valid date.", "published_at が正しい日付ではありません。"))];
  if (when > ctx.now.getTime() && f.get("published") !== true) {
    return [
      problem("zenn-scheduled", range, say("A future published_at schedules the article only with published: true.", "published_at を未来の日時にして予約公開するには published: true が必要です。")),
    ];
  }
  return [];
}

/** validatePublicationName (an empty one is no publication). */
function publication(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  const value = f.get("publication_name");
  if (!value || (typeof value === "string" && PUBLICATION.test(value))) return [];
  return [problem("zenn-publication", f.valueRange("publication_name"), say("publication_name must be 2 to 15 characters of a-z, 0-9 and _.", "publication_name は a-z・0-9・_ の 2〜15 文字にしてください。"))];
}

export const zenn: Check = (ctx) => [
  ...slug(ctx),
  // validateMissingTitle, validateTitleLength
  ...required(ctx, "zenn-title", "title", '""'),
  ...nonEmptyString(ctx, "zenn-title", "title"),
  ...maxLength(ctx, "zenn-title-length", "title", 70),
  ...emoji(ctx),
  ...type(ctx),
  ...topics(ctx),
  // validatePublishedStatus: an unquoted boolean
  ...required(ctx, "zenn-published", "published", "false"),
  ...boolean(ctx, "zenn-published", "published"),
  ...publishedAt(ctx),
  ...publication(ctx),
];
