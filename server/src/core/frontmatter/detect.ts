/**
 * Which platform a post is written for, and why (the language status shows the reason):
 * a comment in the post, else the setting tsuzuri.platform, else the repository's layout and
 * tooling, else the keys its frontmatter uses. File-system lookups are passed in.
 */
import * as path from "node:path";
import { PLATFORM_IDS, type PlatformId } from "./types";
import type { Localized } from "../shared/i18n";
import { PLATFORM_NAMES } from "../shared/platforms";

export interface LayoutProbe {
  isFile(p: string): boolean;
  isDirectory(p: string): boolean;
  readText(p: string): string | undefined;
  /** A file's size and first bytes (local image checks); without it, read through readText. */
  fileHead?(p: string): { size: number; head: string } | undefined;
}

export interface Detection {
  platform: PlatformId | undefined;
  /** How it was decided: comment, setting, layout, keys, or none. */
  source: "comment" | "setting" | "layout" | "keys" | "none";
  reason: Localized;
}

const NAMES = PLATFORM_NAMES;

const OVERRIDE = /(?:^|\n)\s*(?:#|<!--)\s*tsuzuri-platform:\s*([a-z]+)/;

/** `# tsuzuri-platform: qiita` in the frontmatter, or `<!-- tsuzuri-platform: blog -->` at the top. */
export function platformComment(text: string): PlatformId | undefined {
  const head = text.slice(0, 4096);
  const id = OVERRIDE.exec(head)?.[1];
  return (PLATFORM_IDS as readonly string[]).includes(id ?? "") ? (id as PlatformId) : undefined;
}

function packageMentions(probe: LayoutProbe, dir: string, name: string): boolean {
  const text = probe.readText(path.join(dir, "package.json"));
  if (!text) return false;
  try {
    const pkg = JSON.parse(text) as Record<string, Record<string, unknown> | undefined>;
    return [pkg["dependencies"], pkg["devDependencies"]].some((deps) => deps !== undefined && name in deps);
  } catch {
    return false;
  }
}

/** A Zenn repository's root: zenn-cli in its package.json, or an articles/ folder beside books/. */
export function isZennRoot(probe: LayoutProbe, dir: string): boolean {
  return packageMentions(probe, dir, "zenn-cli") || probe.isDirectory(path.join(dir, "articles"));
}

const BLOG_CONFIGS = [
  "hugo.toml", "hugo.yaml", "hugo.json", "config.toml",
  "astro.config.mjs", "astro.config.ts", "astro.config.js",
  "gatsby-config.js", "gatsby-config.ts", "next.config.js", "next.config.mjs", "next.config.ts", "_config.yml",
];

/** The layout's verdict, walking up from the post's folder to `root` (inclusive). */
export function detectByLayout(probe: LayoutProbe, filePath: string, root: string | undefined): { platform: PlatformId; why: Localized } | undefined {
  let dir = path.dirname(path.resolve(filePath));
  // The folder below `dir` on the way up (articles/, public/ …).
  let child: string | undefined;
  const stop = root ? path.resolve(root) : undefined;
  // A Zenn book's chapter: books/<slug>/ with the book's config.yaml (zenn-cli reads config.yml too).
  if (path.basename(path.dirname(dir)) === "books" && (probe.isFile(path.join(dir, "config.yaml")) || probe.isFile(path.join(dir, "config.yml")))) {
    return { platform: "zenn", why: { en: "a chapter of a Zenn book (books/<slug>/config.yaml)", ja: "Zenn の本のチャプター（books/<slug>/config.yaml）" } };
  }
  for (;;) {
    const base = child ? path.basename(child) : "";
    if ((base === "articles" || base === "books") && packageMentions(probe, dir, "zenn-cli")) {
      return { platform: "zenn", why: { en: `${base}/ in a repository with zenn-cli`, ja: `zenn-cli を使うリポジトリの ${base}/` } };
    }
    if (base === "public" && probe.isFile(path.join(dir, "qiita.config.json"))) {
      return { platform: "qiita", why: { en: "public/ next to qiita.config.json (Qiita CLI)", ja: "qiita.config.json と同じ場所の public/（Qiita CLI）" } };
    }
    if (probe.isFile(path.join(dir, "blogsync.yaml"))) {
      return { platform: "hatena", why: { en: "blogsync.yaml in the repository", ja: "リポジトリに blogsync.yaml があります" } };
    }
    const config = BLOG_CONFIGS.find((name) => probe.isFile(path.join(dir, name)));
    if (config) return { platform: "blog", why: { en: `${config} (static-site generator)`, ja: `${config}（静的サイトジェネレーター）` } };
    if (stop !== undefined && dir === stop) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    child = dir;
    dir = parent;
  }
}

/** The keys' verdict: which platform's distinctive keys the frontmatter uses. */
export function detectByKeys(data: Record<string, unknown> | undefined): PlatformId | undefined {
  if (!data) return undefined;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
  if (has("emoji") || (has("type") && has("topics")) || has("topics")) return "zenn";
  if (has("private") || has("slide") || has("ignorePublish") || has("organization_url_name")) return "qiita";
  if (has("Title") || has("EditURL") || (has("Date") && !has("date"))) return "hatena";
  if (has("canonical_url") || has("cover_image") || has("series")) return "devto";
  if (Object.keys(data).length > 0) return "blog";
  return undefined;
}

export function detectPlatform(input: {
  text: string;
  data: Record<string, unknown> | undefined;
  filePath: string;
  root: string | undefined;
  setting: "auto" | PlatformId;
  probe: LayoutProbe;
}): Detection {
  const comment = platformComment(input.text);
  if (comment) return { platform: comment, source: "comment", reason: { en: `${NAMES[comment]}: set in the post`, ja: `${NAMES[comment]}: 記事内の指定` } };
  if (input.setting !== "auto") {
    const p = input.setting;
    return { platform: p, source: "setting", reason: { en: `${NAMES[p]}: setting tsuzuri.platform`, ja: `${NAMES[p]}: 設定 tsuzuri.platform` } };
  }
  const layout = detectByLayout(input.probe, input.filePath, input.root);
  if (layout) return { platform: layout.platform, source: "layout", reason: { en: `${NAMES[layout.platform]}: ${layout.why.en}`, ja: `${NAMES[layout.platform]}: ${layout.why.ja}` } };
  const byKeys = detectByKeys(input.data);
  if (byKeys) return { platform: byKeys, source: "keys", reason: { en: `${NAMES[byKeys]}: the frontmatter's keys`, ja: `${NAMES[byKeys]}: フロントマターのキーから判断` } };
  return { platform: undefined, source: "none", reason: { en: "no frontmatter", ja: "フロントマターなし" } };
}
