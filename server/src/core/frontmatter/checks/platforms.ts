/**
 * Qiita (Qiita CLI's public/*.md), Hatena Blog (blogsync's keys, exact case), dev.to (Forem) and
 * static-site blogs (Hugo, Astro, Gatsby, Next.js). Each check names what the platform's own tool
 * does; rules.ts has the levels and sources.
 */
import { fix, problem } from "../fields";
import { say } from "../../shared/i18n";
import type { RuleName } from "../rules";
import type { FrontmatterProblem } from "../types";
import { boolean, isRfc3339, maxLength, nonEmptyString, normalisedDate, normaliseDate, required, type Check, type CheckContext } from "./common";

/**
 * A list of strings between `min` and `max` long. `commaString`: a platform that also reads
 * `tags: a, b` (dev.to, static-site generators); Qiita CLI and blogsync need a YAML list.
 */
function stringList(ctx: CheckContext, rule: RuleName, key: string, min: number, max: number, commaString: boolean): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has(key)) return [];
  const value = f.get(key);
  const range = f.valueRange(key);
  const list = Array.isArray(value) ? value : commaString && typeof value === "string" ? value.split(",").map((s) => s.trim()).filter((s) => s !== "") : undefined;
  if (!list || list.some((v) => typeof v !== "string" || v.trim() === "")) {
    return [problem(rule, range, say(`"${key}" must be a list of non-empty strings.`, `「${key}」は空でない文字列のリストにしてください。`))];
  }
  if (list.length < min) return [problem(rule, range, say(`"${key}" needs at least ${min}.`, `「${key}」は ${min} つ以上必要です。`))];
  if (list.length > max) {
    const fixes = Array.isArray(value) ? [fix(`Keep the first ${max}`, `最初の ${max} つだけ残す`, f.dropItemsFrom(key, max))] : [];
    return [problem(rule, range, say(`"${key}" allows at most ${max}; this post has ${list.length}.`, `「${key}」は ${max} つまでです（${list.length} 個あります）。`), fixes)];
  }
  return [];
}

// --- Qiita (Qiita CLI: checkFrontmatterType, validateItem) ---

/** A YAML 1.1 timestamp, which gray-matter's js-yaml reads as a Date instead of a string. */
const YAML11_TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

/** checkUpdatedAt: null or a string; an unquoted timestamp is a Date to Qiita CLI. */
function qiitaUpdatedAt(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has("updated_at")) return required(ctx, "qiita-updated-at", "updated_at", "''");
  const value = f.get("updated_at");
  if (value === null) return [];
  if (typeof value !== "string") return [problem("qiita-updated-at", f.valueRange("updated_at"), say("updated_at must be a quoted string or null.", "updated_at は引用符付きの文字列か null にしてください。"))];
  if (f.scalarType("updated_at") === "PLAIN" && YAML11_TIMESTAMP.test(value)) {
    return [
      problem("qiita-updated-at", f.valueRange("updated_at"), say("Quote updated_at, as Qiita CLI writes it: unquoted, Qiita CLI reads a date and refuses it.", "updated_at は Qiita CLI と同じく引用符で囲んでください。引用符がないと日付として読まれ、Qiita CLI が受け付けません。"), [
        fix("Quote updated_at", "updated_at を引用符で囲む", [f.replaceValue("updated_at", `'${value}'`)]),
      ]),
    ];
  }
  return [];
}

/** checkId (null or a string), and a Qiita item id (20 hex digits), which publishing PATCHes. */
function qiitaId(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  const value = f.get("id");
  if (!f.has("id") || value === null || (typeof value === "string" && /^[0-9a-f]{20}$/.test(value))) return [];
  return [problem("qiita-id", f.valueRange("id"), say("id is null until the first publish, then Qiita's 20-character item id.", "id は初回投稿までは null、その後は Qiita の 20 文字の記事 ID です。"))];
}

/** validateOrganizationSecretItem: a private (限定共有) post cannot belong to an organization. */
function qiitaOrganization(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  if (f.get("private") !== true || !f.get("organization_url_name")) return [];
  return [problem("qiita-organization-private", f.valueRange("organization_url_name"), say("A private post cannot belong to an organization.", "限定共有記事に Organization を紐付けることはできません。"))];
}

export const qiita: Check = (ctx) => [
  // checkTitle, validateItemTitle
  ...required(ctx, "qiita-title", "title", '""'),
  ...nonEmptyString(ctx, "qiita-title", "title"),
  // checkTags, validateItemTags, validateLengthItemTags
  ...required(ctx, "qiita-tags", "tags", '[""]'),
  ...stringList(ctx, "qiita-tags", "tags", 1, 5, false),
  // checkSecret, checkSlide
  ...required(ctx, "qiita-private", "private", "false"),
  ...boolean(ctx, "qiita-private", "private"),
  ...qiitaUpdatedAt(ctx),
  ...qiitaId(ctx),
  ...qiitaOrganization(ctx),
  ...required(ctx, "qiita-slide", "slide", "false"),
  ...boolean(ctx, "qiita-slide", "slide"),
  ...boolean(ctx, "qiita-ignore-publish", "ignorePublish"),
];

// --- Hatena Blog (blogsync's EntryHeader, read with yaml.v2) ---

const BLOGSYNC_KEYS = ["Title", "Date", "URL", "EditURL", "PreviewURL", "Draft", "Scheduled", "Category", "CustomPath"];

/** yaml.v2 fills the fields by their exact names: `title` is dropped. */
function hatenaCase(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  const out: FrontmatterProblem[] = [];
  for (const key of f.keys()) {
    const proper = BLOGSYNC_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
    if (proper && proper !== key && !f.has(proper)) {
      out.push(
        problem("hatena-key-case", f.keyRange(key), say(`blogsync reads "${proper}" (keys are case-sensitive) and drops "${key}".`, `blogsync が読むのは「${proper}」です（大文字と小文字を区別し、「${key}」は無視されます）。`), [
          fix(`Rename to ${proper}`, `${proper} に変更`, [f.renameKey(key, proper)]),
        ]),
      );
    }
  }
  return out;
}

/**
 * Date is a Go time.Time: yaml.v2 takes a YAML timestamp (2024-01-31, 2024-01-31 09:00:00,
 * RFC 3339); anything else (2024/01/31) stops blogsync. The fix writes RFC 3339, as blogsync does.
 */
function hatenaDate(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has("Date")) return [];
  const value = f.get("Date");
  const text = typeof value === "string" ? value.trim() : "";
  if (isRfc3339(text) || YAML11_TIMESTAMP.test(text)) return [];
  const normal = normaliseDate(text);
  const rfc = normal ? `${normal.replace(" ", "T")}${normal.length === 10 ? "T00:00:00" : normal.length === 16 ? ":00" : ""}+09:00` : undefined;
  return [
    problem("hatena-date", f.valueRange("Date"), say("blogsync cannot read this Date: write it as RFC 3339, e.g. 2024-01-31T09:00:00+09:00.", "blogsync はこの Date を読めません。2024-01-31T09:00:00+09:00 のような RFC 3339 形式にしてください。"), rfc ? [fix(`Change to ${rfc}`, `${rfc} に変更`, [f.replaceValue("Date", rfc)])] : []),
  ];
}

export const hatena: Check = (ctx) => [
  ...hatenaCase(ctx),
  ...(ctx.fields.has("title") ? [] : required(ctx, "hatena-title", "Title", '""')),
  ...nonEmptyString(ctx, "hatena-title", "Title"),
  ...hatenaDate(ctx),
  ...boolean(ctx, "hatena-boolean", "Draft", true),
  ...boolean(ctx, "hatena-boolean", "Scheduled", true),
  ...stringList(ctx, "hatena-category", "Category", 0, Number.MAX_SAFE_INTEGER, false),
];

// --- dev.to (Forem API) ---

export const devto: Check = (ctx) => [
  ...required(ctx, "devto-title", "title", '""'),
  ...nonEmptyString(ctx, "devto-title", "title"),
  ...maxLength(ctx, "devto-title-length", "title", 128),
  ...stringList(ctx, "devto-tags", "tags", 0, 4, true),
  ...boolean(ctx, "devto-published", "published"),
  ...url(ctx, "devto-canonical-url", "canonical_url"),
];

function url(ctx: CheckContext, rule: RuleName, key: string): FrontmatterProblem[] {
  const value = ctx.fields.get(key);
  if (!ctx.fields.has(key) || value === null || value === "" || (typeof value === "string" && /^https?:\/\/\S+$/.test(value))) return [];
  return [problem(rule, ctx.fields.valueRange(key), say(`"${key}" must be an http(s) URL.`, `「${key}」は http(s) の URL にしてください。`))];
}

// --- static-site blogs: the generators accept all of these; hints and information only ---

export const blog: Check = (ctx) => [
  ...(ctx.fields.has("title") ? nonEmptyString(ctx, "blog-title", "title") : required(ctx, "blog-title", "title", '""')),
  ...normalisedDate(ctx, "blog-date", "date"),
  ...normalisedDate(ctx, "blog-date", "lastmod"),
  ...normalisedDate(ctx, "blog-date", "updated"),
  ...boolean(ctx, "blog-draft", "draft"),
  ...stringList(ctx, "blog-tags", "tags", 0, Number.MAX_SAFE_INTEGER, true),
];
