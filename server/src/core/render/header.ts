/**
 * The preview's header: the frontmatter read as each platform reads it (title, Zenn's emoji and
 * type, topics/tags/categories, cover image, date, draft or published), with the problems the
 * caller passes in. The body never shows the frontmatter itself.
 */
import type * as SmolToml from "smol-toml" with { "resolution-mode": "import" };
import * as YAML from "yaml";
import { escapeHtml } from "../shared/html";
import type { PreparedPost } from "./source";
import type { PostHeader, PostStatus, RenderOptions, RenderPlatform } from "./types";
import { platformName } from "../shared/platforms";

// smol-toml ships a CommonJS build, but its types are declared as ESM only (as in frontmatter/parse.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TOML = require("smol-toml") as typeof SmolToml;

type Data = Record<string, unknown>;

const WORDS = {
  en: { draft: "Draft", unposted: "Not posted", published: "Published", private: "Private", scheduled: "Scheduled", unknown: "", untitled: "(no title)", updated: "updated", problems: "Frontmatter problems", noFrontmatter: "No frontmatter" },
  ja: { draft: "下書き", unposted: "未投稿", published: "公開", private: "限定共有", scheduled: "予約投稿", unknown: "", untitled: "（タイトルなし）", updated: "更新", problems: "フロントマターの問題", noFrontmatter: "フロントマターなし" },
} as const;

/** Key lookup as the platform spells it (blogsync's keys are capitalised; others lower case). */
function pick(data: Data, ...keys: string[]): unknown {
  for (const key of keys) if (data[key] !== undefined && data[key] !== null) return data[key];
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  // smol-toml's dates.
  if (value && typeof value === "object" && typeof (value as { toISOString?: unknown }).toISOString === "function") return String((value as { toISOString(): string }).toISOString());
  return undefined;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => (v && typeof v === "object" && "name" in v ? text((v as { name: unknown }).name) : text(v))).filter((v): v is string => v !== undefined);
  // dev.to writes tags as one comma-separated string.
  if (typeof value === "string") return value.split(",").map((t) => t.trim()).filter((t) => t !== "");
  return [];
}

const truthy = (value: unknown) => value === true || (typeof value === "string" && /^(true|yes)$/i.test(value.trim()));

function isFuture(date: string | undefined, now: Date): boolean {
  if (!date) return false;
  const t = Date.parse(date.replace(" ", "T"));
  return Number.isFinite(t) && t > now.getTime();
}

/** The header's fields read from the frontmatter, with the keys the title may stand under. */
type Fields = Pick<PostHeader, "title" | "emoji" | "articleType" | "tags" | "coverImage" | "date" | "updated" | "status"> & { titleKeys: string[] };

function fieldsOf(platform: RenderPlatform, data: Data, now: Date): Fields {
  switch (platform) {
    case "zenn": {
      const date = text(data["published_at"]);
      const published = data["published"];
      const status: PostStatus = published === true ? (isFuture(date, now) ? "scheduled" : "published") : published === false ? "draft" : "unknown";
      return { title: text(data["title"]), titleKeys: ["title"], emoji: text(data["emoji"]), articleType: text(data["type"]), tags: list(data["topics"]), date, status };
    }
    case "qiita": {
      // Qiita CLI writes `id` (and `updated_at`) back on the first publish: without an id, the
      // item was never posted, whatever `private` says (`private: true` is its visibility once posted).
      const posted = text(data["id"]) !== undefined;
      const status: PostStatus = truthy(data["ignorePublish"]) ? "draft" : !posted ? "unposted" : data["private"] === true ? "private" : data["private"] === false ? "published" : "unknown";
      return { title: text(data["title"]), titleKeys: ["title"], tags: list(data["tags"]), updated: text(data["updated_at"]), status };
    }
    case "hatena": {
      // blogsync writes EditURL (and URL) when the entry is posted; a new entry has neither.
      const posted = text(pick(data, "EditURL", "URL")) !== undefined;
      const status: PostStatus = truthy(pick(data, "Draft", "draft")) ? "draft" : truthy(pick(data, "Scheduled", "scheduled")) ? "scheduled" : posted ? "published" : "unposted";
      return { title: text(pick(data, "Title", "title")), titleKeys: ["Title", "title"], tags: list(pick(data, "Category", "category", "Categories")), date: text(pick(data, "Date", "date")), status };
    }
    case "devto": {
      const published = data["published"];
      const status: PostStatus = truthy(published) ? "published" : published === undefined ? "unknown" : "draft";
      return { title: text(data["title"]), titleKeys: ["title"], tags: list(data["tags"]), coverImage: text(pick(data, "cover_image", "main_image")), date: text(pick(data, "date", "published_at")), status };
    }
    case "blog": {
      const cover = pick(data, "cover", "image", "cover_image", "coverImage", "heroImage", "featured_image", "thumbnail");
      const coverImage = cover && typeof cover === "object" && !Array.isArray(cover) ? text((cover as Data)["image"] ?? (cover as Data)["src"]) : text(cover);
      const tags = [...list(data["tags"]), ...list(data["categories"])];
      const status: PostStatus = truthy(data["draft"]) ? "draft" : truthy(data["published"]) || data["draft"] === false ? "published" : data["published"] === false ? "draft" : "unknown";
      return { title: text(data["title"]), titleKeys: ["title"], tags, coverImage, date: text(pick(data, "date", "pubDate", "publishDate")), updated: text(pick(data, "lastmod", "updated", "updatedDate")), status };
    }
  }
}

/** The 0-based line of a top-level key of the YAML frontmatter, if present. */
function keyLine(post: PreparedPost, keys: string[]): number | undefined {
  const fm = post.frontmatter;
  const contents = fm?.doc?.contents;
  if (!fm || !YAML.isMap(contents)) return undefined;
  for (const item of contents.items) {
    const key = YAML.isScalar(item.key) ? item.key : undefined;
    if (key && keys.includes(String(key.value)) && key.range) return post.lineOf(fm.contentRange[0] + key.range[0]);
  }
  return undefined;
}

function tomlData(text: string, post: PreparedPost): Data | undefined {
  const fm = post.frontmatter;
  if (!fm || fm.kind !== "toml" || fm.problems.length > 0) return undefined;
  try {
    return TOML.parse(text.slice(...fm.contentRange)) as Data;
  } catch {
    return undefined;
  }
}

export function buildHeader(text: string, post: PreparedPost, options: RenderOptions, now = new Date()): PostHeader {
  const platform = options.platform;
  const fm = post.hasFrontmatter ? post.frontmatter : undefined;
  const data = (fm?.kind === "toml" ? tomlData(text, post) : fm?.data) ?? {};
  const f = fieldsOf(platform, data, now);
  const header: PostHeader = {
    platform,
    frontmatter: fm ? fm.kind : "none",
    tags: f.tags,
    status: fm ? f.status : "unknown",
    // Hints are faint in the editor and stay out of the header (issue 13: a hint-level rule such as
    // Zenn's topic case must not become a box above the post).
    problems: (options.problems ?? []).filter((p) => p.severity !== "hint"),
  };
  if (post.frontmatterLines) header.lines = post.frontmatterLines;
  if (f.title !== undefined) header.title = f.title;
  const titleLine = keyLine(post, f.titleKeys);
  if (titleLine !== undefined) header.titleLine = titleLine;
  if (f.emoji !== undefined) header.emoji = f.emoji;
  if (f.articleType !== undefined) header.articleType = f.articleType;
  if (f.coverImage !== undefined) header.coverImage = f.coverImage;
  if (f.date !== undefined) header.date = f.date;
  if (f.updated !== undefined) header.updated = f.updated;
  if (platform === "zenn" && options.filePath) {
    const slug = /([^/\\]+)\.md$/i.exec(options.filePath)?.[1];
    if (slug) header.slug = slug;
  }
  return header;
}

const lineAttr = (line: number | undefined) => (line === undefined ? "" : ` data-line="${line}"`);

/** The header as HTML (escaped here; sanitised again with the body). */
export function headerHtml(header: PostHeader, locale: "en" | "ja" = "en"): string {
  const w = WORDS[locale];
  const parts: string[] = [];
  const meta: string[] = [`<span class="tsuzuri-header-platform">${escapeHtml(platformName(header.platform))}</span>`];
  if (header.status !== "unknown") meta.push(`<span class="tsuzuri-badge tsuzuri-badge-${header.status}">${escapeHtml(w[header.status])}</span>`);
  if (header.articleType) meta.push(`<span class="tsuzuri-badge tsuzuri-badge-type">${escapeHtml(header.articleType)}</span>`);
  if (header.date) meta.push(`<time class="tsuzuri-header-date">${escapeHtml(header.date)}</time>`);
  if (header.updated) meta.push(`<span class="tsuzuri-header-updated">${escapeHtml(w.updated)} <time>${escapeHtml(header.updated)}</time></span>`);
  if (header.slug) meta.push(`<code class="tsuzuri-header-slug">${escapeHtml(header.slug)}</code>`);
  if (header.frontmatter === "none") meta.push(`<span class="tsuzuri-badge tsuzuri-badge-none">${escapeHtml(w.noFrontmatter)}</span>`);
  parts.push(`<div class="tsuzuri-header-meta">${meta.join(" ")}</div>`);
  if (header.emoji) parts.push(`<div class="tsuzuri-header-emoji">${escapeHtml(header.emoji)}</div>`);
  const title = header.title ?? w.untitled;
  parts.push(`<h1 class="tsuzuri-header-title${header.title === undefined ? " tsuzuri-header-untitled" : ""}"${lineAttr(header.titleLine)}>${escapeHtml(title)}</h1>`);
  if (header.tags.length > 0) {
    parts.push(`<ul class="tsuzuri-header-tags">${header.tags.map((t) => `<li class="tsuzuri-tag">${escapeHtml(t)}</li>`).join("")}</ul>`);
  }
  if (header.coverImage) parts.push(`<img class="tsuzuri-header-cover" src="${escapeHtml(header.coverImage)}" alt="">`);
  if (header.problems.length > 0) {
    const items = header.problems.map((p) => `<li class="tsuzuri-header-problem tsuzuri-header-problem-${p.severity}"${lineAttr(p.line)}>${escapeHtml(p.message)}</li>`);
    parts.push(`<ul class="tsuzuri-header-problems" aria-label="${escapeHtml(w.problems)}">${items.join("")}</ul>`);
  }
  const line = header.lines?.[0] ?? 0;
  return `<header class="tsuzuri-header tsuzuri-header-${header.platform}" data-line="${line}">${parts.join("")}</header>`;
}
