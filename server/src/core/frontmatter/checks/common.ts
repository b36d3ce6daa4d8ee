/**
 * Checks shared by the platform profiles: required keys with a fix that adds them, booleans
 * (quoted ones fixed by unquoting), dates, and the generic checks every blog benefits from.
 */
import * as path from "node:path";
import { Fields, fix, problem, yamlString } from "../fields";
import { say } from "../../shared/i18n";
import type { RuleName } from "../rules";
import type { FrontmatterProblem, RuleLevel } from "../types";

export interface FrontmatterOptions {
  /** Titles longer than this get a hint (search results cut them); 0 turns it off. */
  maxTitleLength: number;
  /** Descriptions longer than this get a hint (search snippets cut them); 0 turns it off. */
  maxDescriptionLength: number;
  /** Levels set per rule (`tsuzuri.frontmatter.rules`), by rule name without `frontmatter/`. */
  rules?: Readonly<Record<string, RuleLevel>>;
}

export const defaultFrontmatterOptions: FrontmatterOptions = { maxTitleLength: 60, maxDescriptionLength: 120 };

export interface CheckContext {
  fields: Fields;
  /** The post's path (for file-name rules and relative image paths). */
  filePath: string;
  /** The repository or workspace folder root (for Zenn's `/images/...`). */
  root: string | undefined;
  now: Date;
  options: FrontmatterOptions;
  fileExists(filePath: string): boolean;
  /** Other posts of the workspace whose frontmatter has the same value for an identity key. */
  duplicatesOf?(key: string, value: string, filePath: string): string[];
}

export type Check = (ctx: CheckContext) => FrontmatterProblem[];

/** A required key: missing → a problem of `rule`, with a fix that adds it with `defaultText`. */
export function required(ctx: CheckContext, rule: RuleName, key: string, defaultText: string): FrontmatterProblem[] {
  const f = ctx.fields;
  if (f.has(key)) return [];
  return [
    problem(rule, f.openingFence(), say(`"${key}" is missing.`, `「${key}」がありません。`), [
      fix(`Add ${key}: ${defaultText}`, `${key}: ${defaultText} を追加`, [f.insertKey(key, defaultText)]),
    ]),
  ];
}

/**
 * A boolean key: a quoted "true"/"false" is a string to the platform; the fix unquotes it.
 * `yaml11`: the platform reads YAML 1.1, where a plain yes/no/on/off is a boolean too (Go's yaml.v2).
 */
export function boolean(ctx: CheckContext, rule: RuleName, key: string, yaml11 = false): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has(key)) return [];
  const value = f.get(key);
  if (typeof value === "boolean") return [];
  if (yaml11 && typeof value === "string" && f.scalarType(key) === "PLAIN" && /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/.test(value)) return [];
  const range = f.valueRange(key);
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) {
    const plain = value.trim().toLowerCase();
    return [
      problem(rule, range, say(`"${key}" must be true or false without quotes: "${value}" is a string.`, `「${key}」は引用符なしの true か false にしてください（"${value}" は文字列です）。`), [
        fix(`Unquote: ${key}: ${plain}`, `引用符を外す: ${key}: ${plain}`, [f.replaceValue(key, plain)]),
      ]),
    ];
  }
  return [problem(rule, range, say(`"${key}" must be true or false.`, `「${key}」は true か false にしてください。`))];
}

/** A string key that must not be empty. */
export function nonEmptyString(ctx: CheckContext, rule: RuleName, key: string): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has(key)) return [];
  const value = f.get(key);
  // As Zenn (isAnyText) and Qiita CLI (title.length > 0) test it: a space is a title.
  if (typeof value === "string" && value !== "") return [];
  return [problem(rule, f.valueRange(key), say(`"${key}" must be a non-empty string.`, `「${key}」は空でない文字列にしてください。`))];
}

/** A string at most `max` characters (JavaScript length, as the platforms count). */
export function maxLength(ctx: CheckContext, rule: RuleName, key: string, max: number): FrontmatterProblem[] {
  const value = ctx.fields.get(key);
  if (typeof value !== "string" || value.length <= max) return [];
  return [
    problem(rule, ctx.fields.valueRange(key), say(`"${key}" is ${value.length} characters long; at most ${max}.`, `「${key}」が ${value.length} 文字あります。${max} 文字以内にしてください。`)),
  ];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date string normalised as `YYYY-MM-DD` or RFC 3339. `2020/07/30` is a string to YAML and
 * different tools read it differently; the fix writes `2020-07-30`.
 */
export function normalisedDate(ctx: CheckContext, rule: RuleName, key: string): FrontmatterProblem[] {
  const f = ctx.fields;
  if (!f.has(key)) return [];
  const value = f.get(key);
  const text = typeof value === "string" ? value.trim() : value instanceof Date ? value.toISOString() : "";
  if (DATE_ONLY.test(text) || isRfc3339(text)) return [];
  const normal = normaliseDate(text);
  const range = f.valueRange(key);
  if (normal) {
    return [
      problem(rule, range, say(`Write the date "${text}" as ${normal}.`, `日付「${text}」は ${normal} の形で書いてください。`), [
        fix(`Change to ${normal}`, `${normal} に変更`, [f.replaceValue(key, normal)]),
      ]),
    ];
  }
  return [problem(rule, range, say(`"${key}" is not a date (YYYY-MM-DD or RFC 3339).`, `「${key}」が日付（YYYY-MM-DD または RFC 3339）ではありません。`))];
}

export function isRfc3339(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text.replace(" ", "T")));
}

/** `2020/7/3`, `2020.07.03`, `2020年7月3日` → `2020-07-03`; with a time → `2020-07-03T10:00:00+09:00`-like as written. */
export function normaliseDate(text: string): string | undefined {
  const m = /^(\d{4})[/.年-](\d{1,2})[/.月-](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const pad = (v: string | undefined) => (v ?? "0").padStart(2, "0");
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  return h === undefined ? date : `${date} ${pad(h)}:${pad(mi)}${s ? `:${pad(s)}` : ""}`;
}

/** Title and description lengths for search results, and local images that do not exist. */
export const generic: Check = (ctx) => {
  const f = ctx.fields;
  const out: FrontmatterProblem[] = [];
  const { maxTitleLength, maxDescriptionLength } = ctx.options;
  for (const key of ["title", "Title"]) {
    const value = f.get(key);
    if (maxTitleLength > 0 && typeof value === "string" && value.length > maxTitleLength) {
      out.push(
        problem("title-length", f.valueRange(key), say(`The title is ${value.length} characters; search results show about ${maxTitleLength}.`, `タイトルが ${value.length} 文字あります。検索結果に表示されるのは ${maxTitleLength} 文字ほどです。`)),
      );
    }
  }
  for (const key of ["description", "summary"]) {
    const value = f.get(key);
    if (maxDescriptionLength > 0 && typeof value === "string" && value.length > maxDescriptionLength) {
      out.push(
        problem("description-length", f.valueRange(key), say(`The description is ${value.length} characters; search snippets show about ${maxDescriptionLength}.`, `説明が ${value.length} 文字あります。検索結果の説明文に表示されるのは ${maxDescriptionLength} 文字ほどです。`)),
      );
    }
  }
  for (const key of ["slug", "id", "CustomPath", "EditURL"]) {
    const value = f.get(key);
    if ((typeof value !== "string" || value.trim() === "") && typeof value !== "number") continue;
    const others = ctx.duplicatesOf?.(key, String(value).trim(), ctx.filePath) ?? [];
    if (others.length === 0) continue;
    const where = others.map((o) => (ctx.root ? path.relative(ctx.root, o) : o)).join(", ");
    out.push(problem("duplicate", f.valueRange(key), say(`Another post has the same ${key}: ${where}.`, `同じ ${key} の記事がほかにあります: ${where}`)));
  }
  for (const key of ["cover", "image", "cover_image", "main_image", "thumbnail", "eyecatch"]) {
    const value = f.get(key);
    if (typeof value !== "string" || value.trim() === "" || /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//")) continue;
    if (localImageCandidates(value, ctx.filePath, ctx.root).some((c) => ctx.fileExists(c))) continue;
    out.push(problem("image-missing", f.valueRange(key), say(`The image "${value}" does not exist.`, `画像「${value}」が見つかりません。`)));
  }
  return out;
};

/**
 * Where a blog's local image may be: beside the post (a relative path), or from the site root as
 * static-site generators serve it (the root, `static/` for Hugo, `public/` for Astro and Next.js).
 */
export function localImageCandidates(written: string, filePath: string, root: string | undefined): string[] {
  if (!written.startsWith("/")) return [path.resolve(path.dirname(filePath), written)];
  return root ? [path.join(root, written), path.join(root, "static", written), path.join(root, "public", written)] : [];
}

export { yamlString };
