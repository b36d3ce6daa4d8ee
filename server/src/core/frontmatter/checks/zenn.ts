/**
 * Zenn (zenn-cli's own validation, see ../../../../../shared/platforms.md): articles/<slug>.md with
 * title, emoji, type, topics, published, optional published_at and publication_name.
 */
import * as path from "node:path";
import { fix, problem, say } from "../fields";
import type { FrontmatterProblem } from "../types";
import { boolean, maxLength, nonEmptyString, required, type Check, type CheckContext } from "./common";

const SLUG = /^[0-9a-z\-_]{12,50}$/;
const PUBLICATION = /^[0-9a-z_]{2,15}$/;
const PUBLISHED_AT = /^(\d{4})-(\d{2})-(\d{2})( (\d{2}):(\d{2}))?$/;
const MAX_TOPICS = 5;

/** Exactly one emoji (one grapheme that is pictographic, flags and keycaps included). */
export function isSingleEmoji(value: string): boolean {
  const graphemes = [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(value)];
  if (graphemes.length !== 1) return false;
  const g = graphemes[0]?.segment ?? "";
  return /\p{Extended_Pictographic}/u.test(g) || /^\p{Regional_Indicator}{2}$/u.test(g) || /^[0-9#*]\uFE0F?\u20E3$/u.test(g);
}

function slug(ctx: CheckContext): FrontmatterProblem[] {
  const dir = path.basename(path.dirname(ctx.filePath));
  if (dir !== "articles") return [];
  const name = path.basename(ctx.filePath, path.extname(ctx.filePath));
  if (SLUG.test(name)) return [];
  return [
    problem(
      "zenn-slug",
      "error",
      ctx.fields.openingFence(),
      say(
        `The file name "${name}" is the article's slug on Zenn: use 12 to 50 characters of a-z, 0-9, "-" and "_".`,
        `ファイル名「${name}」は Zenn の記事のスラッグです。a-z・0-9・「-」「_」の 12〜50 文字にしてください。`,
      ),
    ),
  ];
}

function emoji(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has("emoji")) return required(ctx, "emoji", '"📝"', "warning");
  const value = f.get("emoji");
  if (typeof value === "string" && isSingleEmoji(value.trim())) return [];
  return [problem("zenn-emoji", "error", f.valueRange("emoji"), say("emoji must be exactly one emoji.", "emoji には絵文字を 1 つだけ指定してください。"))];
}

function type(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has("type")) return required(ctx, "type", "tech");
  const value = f.get("type");
  if (value === "tech" || value === "idea") return [];
  return [problem("zenn-type", "error", f.valueRange("type"), say('type must be "tech" or "idea".', "type は tech か idea にしてください。"))];
}

function topics(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  const out: FrontmatterProblem[] = [];
  const tagsKey = ["tags", "tag"].find((k) => f.has(k));
  if (tagsKey) {
    const fixes = f.has("topics") ? [] : [fix(`Rename ${tagsKey} to topics`, `${tagsKey} を topics に変更`, [f.renameKey(tagsKey, "topics")])];
    out.push(problem("zenn-tags", "warning", f.keyRange(tagsKey), say(`Zenn reads "topics", not "${tagsKey}".`, `Zenn が読むのは「${tagsKey}」ではなく「topics」です。`), fixes));
  }
  if (!f.has("topics")) {
    if (!tagsKey) out.push(problem("zenn-topics", "warning", f.openingFence(), say("Add topics so readers can find the article.", "読者が記事を見つけられるよう topics を指定しましょう。"), [fix("Add topics: []", "topics: [] を追加", [f.insertKey("topics", "[]")])]));
    return out;
  }
  const value = f.get("topics");
  if (!Array.isArray(value)) {
    out.push(problem("zenn-topics", "error", f.valueRange("topics"), say("topics must be a list, e.g. [typescript, nodejs].", "topics は [typescript, nodejs] のようなリストにしてください。")));
    return out;
  }
  if (value.length === 0) out.push(problem("zenn-topics", "warning", f.valueRange("topics"), say("topics is empty: add up to 5 topics.", "topics が空です。トピックを 5 つまで指定しましょう。")));
  const items = f.items("topics");
  if (value.length > MAX_TOPICS) {
    out.push(
      problem("zenn-topics-count", "error", f.valueRange("topics"), say(`Zenn allows at most ${MAX_TOPICS} topics; this post has ${value.length}.`, `Zenn のトピックは ${MAX_TOPICS} つまでです（${value.length} 個あります）。`), [
        fix(`Keep the first ${MAX_TOPICS} topics`, `最初の ${MAX_TOPICS} つだけ残す`, f.dropItemsFrom("topics", MAX_TOPICS)),
      ]),
    );
  }
  for (const item of items) {
    const topic = item.value;
    if (typeof topic !== "string" || topic.trim() === "") {
      out.push(problem("zenn-topic", "error", item.range, say("A topic must be a non-empty string.", "トピックは空でない文字列にしてください。")));
      continue;
    }
    if (topic.length > 18) out.push(problem("zenn-topic", "error", item.range, say(`The topic "${topic}" is longer than 18 characters.`, `トピック「${topic}」が 18 文字を超えています。`)));
    if (/[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(topic)) {
      out.push(problem("zenn-topic-symbols", "warning", item.range, say(`The topic "${topic}" contains spaces or symbols, which Zenn does not use in topics.`, `トピック「${topic}」に空白や記号が含まれています。`)));
    }
    if (topic !== topic.toLowerCase()) {
      const lower = topic.toLowerCase();
      out.push(
        problem("zenn-topic-case", "warning", item.range, say(`Zenn topics are lowercase: "${lower}".`, `Zenn のトピックは小文字です:「${lower}」`), [
          fix(`Change to ${lower}`, `${lower} に変更`, [{ range: item.range, newText: lower }]),
        ]),
      );
    }
  }
  return out;
}

function publishedAt(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has("published_at") || f.get("published_at") === null) return [];
  const value = f.get("published_at");
  const m = typeof value === "string" ? PUBLISHED_AT.exec(value.trim()) : null;
  const range = f.valueRange("published_at");
  if (!m) return [problem("zenn-published-at", "error", range, say('published_at must be "YYYY-MM-DD" or "YYYY-MM-DD hh:mm".', "published_at は「YYYY-MM-DD」か「YYYY-MM-DD hh:mm」にしてください。"))];
  // Zenn reads the time as Japan time.
  const when = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[5] ?? "00"}:${m[6] ?? "00"}:00+09:00`);
  if (Number.isNaN(when)) return [problem("zenn-published-at", "error", range, say("published_at is not a valid date.", "published_at が正しい日付ではありません。"))];
  if (when > ctx.now.getTime() && f.get("published") !== true) {
    return [
      problem("zenn-scheduled", "error", range, say("A future published_at schedules the article only with published: true.", "published_at を未来の日時にして予約公開するには published: true が必要です。")),
    ];
  }
  return [];
}

function publication(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  const value = f.get("publication_name");
  if (!f.has("publication_name") || value === null || (typeof value === "string" && PUBLICATION.test(value))) return [];
  return [problem("zenn-publication", "error", f.valueRange("publication_name"), say("publication_name must be 2 to 15 characters of a-z, 0-9 and _.", "publication_name は a-z・0-9・_ の 2〜15 文字にしてください。"))];
}

export const zenn: Check = (ctx) => [
  ...slug(ctx),
  ...required(ctx, "title", '""'),
  ...nonEmptyString(ctx, "title"),
  ...maxLength(ctx, "title", 70, "error", "zenn-title-length"),
  ...emoji(ctx),
  ...type(ctx),
  ...topics(ctx),
  ...required(ctx, "published", "false"),
  ...boolean(ctx, "published"),
  ...publishedAt(ctx),
  ...publication(ctx),
];
