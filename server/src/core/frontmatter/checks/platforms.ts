/**
 * Qiita (Qiita CLI's public/*.md), Hatena Blog (blogsync's keys, exact case), dev.to (Forem) and
 * static-site blogs (Hugo, Astro, Gatsby, Next.js). Rules from ../../../../../shared/platforms.md.
 */
import { fix, problem, say } from "../fields";
import type { FrontmatterProblem } from "../types";
import { boolean, isRfc3339, maxLength, nonEmptyString, normalisedDate, normaliseDate, required, type Check, type CheckContext } from "./common";

function stringList(ctx: CheckContext, key: string, min: number, max: number, rule: string): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has(key)) return [];
  const value = f.get(key);
  const range = f.valueRange(key);
  const list = Array.isArray(value) ? value : typeof value === "string" ? value.split(",").map((s) => s.trim()).filter((s) => s !== "") : undefined;
  if (!list || list.some((v) => typeof v !== "string" || v.trim() === "")) {
    return [problem(rule, "error", range, say(`"${key}" must be a list of non-empty strings.`, `「${key}」は空でない文字列のリストにしてください。`))];
  }
  if (list.length < min) return [problem(rule, "error", range, say(`"${key}" needs at least ${min}.`, `「${key}」は ${min} つ以上必要です。`))];
  if (list.length > max) {
    const fixes = Array.isArray(value) ? [fix(`Keep the first ${max}`, `最初の ${max} つだけ残す`, f.dropItemsFrom(key, max))] : [];
    return [problem(rule, "error", range, say(`"${key}" allows at most ${max}; this post has ${list.length}.`, `「${key}」は ${max} つまでです（${list.length} 個あります）。`), fixes)];
  }
  return [];
}

// --- Qiita ---

function qiitaUpdatedAt(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has("updated_at")) return required(ctx, "updated_at", "''");
  const value = f.get("updated_at");
  if (value === null) return [];
  if (typeof value !== "string") return [problem("qiita-updated-at", "error", f.valueRange("updated_at"), say("updated_at must be a quoted string or null.", "updated_at は引用符付きの文字列か null にしてください。"))];
  if (value !== "" && f.scalarType("updated_at") === "PLAIN") {
    // Qiita CLI writes it quoted; a plain timestamp is read differently by other YAML tools.
    return [
      problem("qiita-updated-at", "warning", f.valueRange("updated_at"), say("Keep updated_at quoted, as Qiita CLI writes it.", "updated_at は Qiita CLI と同じく引用符で囲んでください。"), [
        fix("Quote updated_at", "updated_at を引用符で囲む", [f.replaceValue("updated_at", `'${value}'`)]),
      ]),
    ];
  }
  return [];
}

function qiitaId(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  const value = f.get("id");
  if (!f.has("id") || value === null || (typeof value === "string" && /^[0-9a-f]{20}$/.test(value))) return [];
  return [problem("qiita-id", "error", f.valueRange("id"), say("id is null until the first publish, then Qiita's 20-character item id.", "id は初回投稿までは null、その後は Qiita の 20 文字の記事 ID です。"))];
}

export const qiita: Check = (ctx) => [
  ...required(ctx, "title", '""'),
  ...nonEmptyString(ctx, "title"),
  ...required(ctx, "tags", '[""]'),
  ...stringList(ctx, "tags", 1, 5, "qiita-tags"),
  ...required(ctx, "private", "false"),
  ...boolean(ctx, "private"),
  ...qiitaUpdatedAt(ctx),
  ...qiitaId(ctx),
  ...required(ctx, "slide", "false"),
  ...boolean(ctx, "slide"),
  ...boolean(ctx, "ignorePublish"),
];

// --- Hatena Blog (blogsync) ---

const BLOGSYNC_KEYS = ["Title", "Date", "URL", "EditURL", "PreviewURL", "Draft", "Scheduled", "Category", "CustomPath"];

function hatenaCase(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  const out: FrontmatterProblem[] = [];
  for (const key of f.keys()) {
    const proper = BLOGSYNC_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
    if (proper && proper !== key && !f.has(proper)) {
      out.push(
        problem("hatena-key-case", "error", f.keyRange(key), say(`blogsync reads "${proper}" (keys are case-sensitive).`, `blogsync が読むのは「${proper}」です（大文字と小文字を区別します）。`), [
          fix(`Rename to ${proper}`, `${proper} に変更`, [f.renameKey(key, proper)]),
        ]),
      );
    }
  }
  return out;
}

function hatenaDate(ctx: CheckContext): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has("Date")) return [];
  const value = f.get("Date");
  const text = typeof value === "string" ? value.trim() : "";
  if (isRfc3339(text)) return [];
  const normal = normaliseDate(text);
  const rfc = normal ? `${normal.replace(" ", "T")}${normal.length === 10 ? "T00:00:00" : normal.length === 16 ? ":00" : ""}+09:00` : undefined;
  return [
    problem("hatena-date", "error", f.valueRange("Date"), say("Date must be RFC 3339, e.g. 2024-01-31T09:00:00+09:00.", "Date は 2024-01-31T09:00:00+09:00 のような RFC 3339 形式にしてください。"), rfc ? [fix(`Change to ${rfc}`, `${rfc} に変更`, [f.replaceValue("Date", rfc)])] : []),
  ];
}

export const hatena: Check = (ctx) => [
  ...hatenaCase(ctx),
  ...(ctx.fields.has("title") ? [] : required(ctx, "Title", '""')),
  ...nonEmptyString(ctx, "Title"),
  ...hatenaDate(ctx),
  ...boolean(ctx, "Draft"),
  ...boolean(ctx, "Scheduled"),
  ...stringList(ctx, "Category", 0, Number.MAX_SAFE_INTEGER, "hatena-category"),
];

// --- dev.to ---

export const devto: Check = (ctx) => [
  ...required(ctx, "title", '""'),
  ...nonEmptyString(ctx, "title"),
  ...maxLength(ctx, "title", 128, "error", "devto-title-length"),
  ...stringList(ctx, "tags", 0, 4, "devto-tags"),
  ...boolean(ctx, "published"),
  ...url(ctx, "canonical_url"),
];

function url(ctx: CheckContext, key: string): FrontmatterProblem[] {
  const value = ctx.fields.get(key);
  if (!ctx.fields.has(key) || value === null || value === "" || (typeof value === "string" && /^https?:\/\/\S+$/.test(value))) return [];
  return [problem("url", "error", ctx.fields.valueRange(key), say(`"${key}" must be an http(s) URL.`, `「${key}」は http(s) の URL にしてください。`))];
}

// --- static-site blogs ---

export const blog: Check = (ctx) => [
  ...(ctx.fields.has("title") ? nonEmptyString(ctx, "title", "warning") : required(ctx, "title", '""', "warning")),
  ...normalisedDate(ctx, "date", "warning"),
  ...normalisedDate(ctx, "lastmod", "warning"),
  ...normalisedDate(ctx, "updated", "warning"),
  ...boolean(ctx, "draft"),
  ...stringList(ctx, "tags", 0, Number.MAX_SAFE_INTEGER, "blog-tags"),
];
