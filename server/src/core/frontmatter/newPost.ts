/**
 * "New Post": where each platform's own tool puts a new post, and the text it starts it with.
 * Pure: the clock, the random source and the file system probe are passed in, so the client, the
 * CLI and the tests share one implementation.
 *
 * - Zenn: `articles/<slug>.md` with the frontmatter `zenn new:article` writes (double-quoted strings,
 *   a random emoji, `type: "tech"`, `topics: ["a", "b"]`, `published: false`); the default slug is 14
 *   random hex characters, as zenn-cli makes it.
 * - Qiita: `public/<name>.md` with the frontmatter `qiita new` writes (gray-matter over js-yaml: `tags`
 *   as a block list, `updated_at: ''`, `id: null`, ...). The name follows the repository's posts when
 *   their convention is evident (named after their titles, or `newArticleNNN`; postNaming.ts), else it
 *   comes from an ASCII title, else it is random.
 * - Hatena Blog (blogsync): `entry/<YYYY>/<MM>/<DD>/<HHMMSS>.md`. blogsync keeps pulled entries under
 *   `<local_root>/<blog>/entry/` at their URL path, and a new entry's URL is not known before it is
 *   posted; for a new local draft we use the date path Hatena gives by default, relative to the folder.
 * - dev.to: `posts/<slug>.md` with the keys of dev.to's own editor template.
 * - Static-site blogs: `content/posts/` when `content/` exists (Hugo), else `src/content/blog/` when
 *   it exists (Astro), else `posts/`.
 *
 * Topics/tags are asked for and written in each tool's style. Zenn and Qiita need at least one for a
 * post our own frontmatter checks (and the platforms) accept, so the prompt requires one there; when a
 * caller gives none at all (`topics` omitted), the tool's empty template is written as it would be.
 */
import * as yaml from "js-yaml";
import type { PlatformId } from "./types";
import { namingConvention, titleFileName, type ExistingPost } from "./postNaming";

/** The platforms a new post can be started for (`custom` has no layout of its own). */
export type NewPostPlatform = Exclude<PlatformId, "custom">;
export const NEW_POST_PLATFORMS: readonly NewPostPlatform[] = ["zenn", "qiita", "hatena", "devto", "blog"];

export function isNewPostPlatform(value: unknown): value is NewPostPlatform {
  return typeof value === "string" && (NEW_POST_PLATFORMS as readonly string[]).includes(value);
}

/** Paths are relative to the workspace folder, with `/` separators. */
export type ExistsProbe = (relPath: string) => Promise<boolean> | boolean;
export type RandomBytes = (count: number) => Uint8Array;

export interface LayoutProbe {
  exists: ExistsProbe;
  /** The text of a file, or undefined when it cannot be read. */
  readText(relPath: string): Promise<string | undefined> | string | undefined;
}

/** Which platform a folder is laid out for; `blog` when nothing says otherwise. */
export async function detectPlatform(probe: LayoutProbe): Promise<NewPostPlatform> {
  if (await probe.exists("articles")) return "zenn";
  if (dependsOnZennCli(await probe.readText("package.json"))) return "zenn";
  if ((await probe.exists("public")) && (await probe.exists("qiita.config.json"))) return "qiita";
  if (await probe.exists("blogsync.yaml")) return "hatena";
  return "blog";
}

function dependsOnZennCli(packageJson: string | undefined): boolean {
  if (packageJson === undefined) return false;
  try {
    const pkg = JSON.parse(packageJson) as Record<string, unknown>;
    return ["dependencies", "devDependencies"].some((field) => {
      const deps = pkg[field];
      return typeof deps === "object" && deps !== null && "zenn-cli" in deps;
    });
  } catch {
    // A package.json being edited may not parse; the name is still a strong hint.
    return /"zenn-cli"\s*:/.test(packageJson);
  }
}

export const ZENN_SLUG = /^[0-9a-z\-_]{12,50}$/;
export const ZENN_TITLE_MAX = 70;
export const DEVTO_TITLE_MAX = 128;

export function isValidZennSlug(slug: string): boolean {
  return ZENN_SLUG.test(slug);
}

/** zenn-cli's default slug: 7 random bytes as 14 hex characters. */
export function randomSlug(randomBytes: RandomBytes): string {
  return [...randomBytes(7)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export type TitleProblem = { kind: "empty" } | { kind: "tooLong"; max: number; length: number };

/** Why a title cannot be used on the platform (JS length, as the platforms count it). */
export function titleProblem(platform: NewPostPlatform, title: string): TitleProblem | undefined {
  const trimmed = title.trim();
  if (trimmed.length === 0) return { kind: "empty" };
  const max = platform === "zenn" ? ZENN_TITLE_MAX : platform === "devto" ? DEVTO_TITLE_MAX : undefined;
  if (max !== undefined && trimmed.length > max) return { kind: "tooLong", max, length: trimmed.length };
  return undefined;
}

/**
 * A file name from a title written in Latin letters ("Hello, VS Code!" → "hello-vs-code"); empty
 * when the title has letters of other scripts (a Japanese title's few ASCII words would name the
 * post after the wrong thing) or no letters or digits at all.
 */
export function asciiSlug(title: string, maxLength = 50): string {
  const folded = title.normalize("NFKD").replace(/\p{M}/gu, "");
  if (/[^\p{Script=Latin}\P{L}]/u.test(folded)) return "";
  let slug = folded
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length > maxLength) {
    const cut = slug.slice(0, maxLength);
    const dash = cut.lastIndexOf("-");
    slug = (dash > maxLength / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, "");
  }
  return slug;
}

/** What a platform calls its topics, where they go, and how many it takes (`max` undefined: any). */
export interface TopicRules {
  key: "topics" | "tags" | "Category";
  noun: "topic" | "tag" | "category";
  min: number;
  max: number | undefined;
}

/** The platforms' own limits (see checks/zenn.ts and checks/platforms.ts, which flag the rest). */
export const TOPIC_RULES: Readonly<Record<NewPostPlatform, TopicRules>> = {
  zenn: { key: "topics", noun: "topic", min: 1, max: 5 },
  qiita: { key: "tags", noun: "tag", min: 1, max: 5 },
  hatena: { key: "Category", noun: "category", min: 0, max: undefined },
  devto: { key: "tags", noun: "tag", min: 0, max: 4 },
  blog: { key: "tags", noun: "tag", min: 0, max: undefined },
};

export const ZENN_TOPIC_MAX_LENGTH = 18;
/** a-z, 0-9 and letters or digits outside ASCII (kana, kanji…): no spaces, symbols or uppercase. */
const ZENN_TOPIC = /^(?:[a-z0-9]|(?![\x00-\x7f])[\p{L}\p{N}\p{M}])+$/u;

/**
 * The writer's topics as they will be written: trimmed, empty and repeated ones dropped; Zenn's
 * folded to NFKC (full-width letters are a-z) and lowercased, as Zenn's topics are.
 */
export function normaliseTopics(platform: NewPostPlatform, topics: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of topics) {
    const topic = platform === "zenn" ? raw.normalize("NFKC").trim().toLowerCase() : raw.trim();
    if (topic !== "" && !out.includes(topic)) out.push(topic);
  }
  return out;
}

/** A comma-separated line (`,`, `、` or `，`) as normalised topics. */
export function parseTopics(platform: NewPostPlatform, input: string): string[] {
  return normaliseTopics(platform, input.split(/[,、，]/));
}

export type TopicsProblem =
  | { kind: "tooFew"; min: number }
  | { kind: "tooMany"; max: number; count: number }
  | { kind: "tooLong"; topic: string; max: number }
  | { kind: "characters"; topic: string };

/** Why normalised topics cannot be used on the platform. */
export function topicsProblem(platform: NewPostPlatform, topics: readonly string[]): TopicsProblem | undefined {
  const { min, max } = TOPIC_RULES[platform];
  if (topics.length < min) return { kind: "tooFew", min };
  if (max !== undefined && topics.length > max) return { kind: "tooMany", max, count: topics.length };
  if (platform === "zenn") {
    for (const topic of topics) {
      if (!ZENN_TOPIC.test(topic)) return { kind: "characters", topic };
      if (topic.length > ZENN_TOPIC_MAX_LENGTH) return { kind: "tooLong", topic, max: ZENN_TOPIC_MAX_LENGTH };
    }
  }
  return undefined;
}

function topicsProblemText(problem: TopicsProblem): string {
  switch (problem.kind) {
    case "tooFew":
      return `at least ${problem.min} topic(s) needed`;
    case "tooMany":
      return `${problem.count} topics; at most ${problem.max}`;
    case "tooLong":
      return `the topic "${problem.topic}" is longer than ${problem.max} characters`;
    case "characters":
      return `the topic "${problem.topic}" has characters other than a-z, 0-9 and letters`;
  }
}

/** A small list of single-code-point emoji (no variation selector needed) for Zenn's `emoji`. */
export const ZENN_EMOJI = ["📝", "📘", "🚀", "✨", "💡", "🔧", "📦", "🧪", "🔥", "🎉", "🐣", "🌱"] as const;

/**
 * The local time as RFC 3339 with its offset ("2024-05-06T07:08:09+09:00"), as blogsync writes
 * Date. `utcOffsetMinutes` is minutes east of UTC (JST is 540).
 */
export function rfc3339(now: Date, utcOffsetMinutes = -now.getTimezoneOffset()): string {
  const t = localParts(now, utcOffsetMinutes);
  const sign = utcOffsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(utcOffsetMinutes);
  return `${t.year}-${t.month}-${t.day}T${t.hour}:${t.minute}:${t.second}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function localParts(now: Date, utcOffsetMinutes: number) {
  const local = new Date(now.getTime() + utcOffsetMinutes * 60_000);
  return {
    year: String(local.getUTCFullYear()).padStart(4, "0"),
    month: pad(local.getUTCMonth() + 1),
    day: pad(local.getUTCDate()),
    hour: pad(local.getUTCHours()),
    minute: pad(local.getUTCMinutes()),
    second: pad(local.getUTCSeconds()),
  };
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** A YAML scalar as js-yaml writes it (plain when safe, else quoted), on one line. */
function yamlScalar(value: string): string {
  return yaml.dump(value, { lineWidth: -1 }).trimEnd();
}

export interface NewPostRequest {
  platform: NewPostPlatform;
  title: string;
  now: Date;
  /** Minutes east of UTC for dates and the blogsync path; defaults to the local offset at `now`. */
  utcOffsetMinutes?: number;
  randomBytes: RandomBytes;
  exists: ExistsProbe;
  /** Zenn only: the slug the writer chose; a random one when omitted. */
  slug?: string;
  /**
   * Topics (Zenn), tags, or categories (Hatena Blog); normalised and checked with TOPIC_RULES.
   * Omitted: the tool's empty template (`topics: []`, Qiita's `tags: ['']`), which still needs filling.
   */
  topics?: readonly string[];
  /** Qiita: the posts already in `public/`, whose names show the repository's convention (postNaming.ts). */
  existingPosts?: readonly ExistingPost[];
}

export interface NewPostPlan {
  /** Relative to the workspace folder, `/`-separated; no file exists there (as probed). */
  relPath: string;
  text: string;
  /** Where the body starts: the cursor goes here (0-based). */
  cursor: { line: number; character: number };
}

export type NewPostErrorCode = "invalidTitle" | "invalidTopics" | "invalidSlug" | "slugTaken" | "noFreeName";

export class NewPostError extends Error {
  constructor(
    readonly code: NewPostErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "NewPostError";
  }
}

/** Picks the path (never an existing one) and writes the text of a new post. */
export async function planNewPost(request: NewPostRequest): Promise<NewPostPlan> {
  const { platform, now, randomBytes } = request;
  const title = request.title.trim();
  const problem = titleProblem(platform, title);
  if (problem) {
    throw new NewPostError("invalidTitle", problem.kind === "empty" ? "the title is empty" : `the title has ${problem.length} characters; at most ${problem.max}`);
  }
  const topics = request.topics === undefined ? undefined : normaliseTopics(platform, request.topics);
  const topicsWrong = topics === undefined ? undefined : topicsProblem(platform, topics);
  if (topicsWrong) throw new NewPostError("invalidTopics", topicsProblemText(topicsWrong));
  const offset = request.utcOffsetMinutes ?? -now.getTimezoneOffset();
  const relPath = await pickPath(request, title, offset);
  const text = newPostText(platform, title, { date: rfc3339(now, offset), emoji: pickEmoji(randomBytes), topics });
  const lines = text.split("\n");
  return { relPath, text, cursor: { line: lines.length - 1, character: 0 } };
}

async function pickPath(request: NewPostRequest, title: string, offset: number): Promise<string> {
  const { platform, randomBytes, exists } = request;
  switch (platform) {
    case "zenn": {
      if (request.slug !== undefined) {
        if (!isValidZennSlug(request.slug)) throw new NewPostError("invalidSlug", `"${request.slug}" is not a Zenn slug (${ZENN_SLUG.source})`);
        const relPath = `articles/${request.slug}.md`;
        if (await exists(relPath)) throw new NewPostError("slugTaken", `${relPath} already exists`);
        return relPath;
      }
      return freshRandomPath("articles", randomBytes, exists);
    }
    case "qiita":
      return qiitaPath(title, request);
    case "hatena": {
      const t = localParts(request.now, offset);
      return uniquePath(`entry/${t.year}/${t.month}/${t.day}`, `${t.hour}${t.minute}${t.second}`, exists);
    }
    case "devto":
      return namedPath("posts", title, randomBytes, exists);
    case "blog":
      return namedPath(await blogPostsDir(exists), title, randomBytes, exists);
  }
}

/** Hugo keeps posts in content/posts, Astro's blog template in src/content/blog. */
export async function blogPostsDir(exists: ExistsProbe): Promise<string> {
  if (await exists("content")) return "content/posts";
  if (await exists("src/content/blog")) return "src/content/blog";
  return "posts";
}

async function namedPath(dir: string, title: string, randomBytes: RandomBytes, exists: ExistsProbe): Promise<string> {
  const slug = asciiSlug(title);
  return slug ? uniquePath(dir, slug, exists) : freshRandomPath(dir, randomBytes, exists);
}

/** As the repository names its posts (named after titles, or Qiita CLI's `newArticleNNN`), else as usual. */
async function qiitaPath(title: string, { existingPosts = [], randomBytes, exists }: NewPostRequest): Promise<string> {
  const convention = namingConvention(existingPosts);
  const name = convention === "title" ? titleFileName(title) : "";
  if (name) return uniquePath("public", name, exists);
  if (convention === "newArticle") {
    for (let i = 1; i <= 999; i++) {
      const relPath = `public/newArticle${String(i).padStart(3, "0")}.md`;
      if (!(await exists(relPath))) return relPath;
    }
  }
  return namedPath("public", title, randomBytes, exists);
}

/** `dir/base.md`, else `dir/base-2.md`, `dir/base-3.md`, ... */
export async function uniquePath(dir: string, base: string, exists: ExistsProbe): Promise<string> {
  for (let i = 1; i <= 1000; i++) {
    const relPath = `${dir}/${i === 1 ? base : `${base}-${i}`}.md`;
    if (!(await exists(relPath))) return relPath;
  }
  throw new NewPostError("noFreeName", `no free file name for ${dir}/${base}.md`);
}

async function freshRandomPath(dir: string, randomBytes: RandomBytes, exists: ExistsProbe): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const relPath = `${dir}/${randomSlug(randomBytes)}.md`;
    if (!(await exists(relPath))) return relPath;
  }
  throw new NewPostError("noFreeName", `no free random file name in ${dir}/`);
}

function pickEmoji(randomBytes: RandomBytes): string {
  const [byte = 0] = randomBytes(1);
  return ZENN_EMOJI[byte % ZENN_EMOJI.length] ?? "📝";
}

/**
 * The text of a new post: the frontmatter as the platform's tool writes it, `---`, an empty line,
 * and the empty line where the body starts. `topics` are written as given (normalise them first);
 * undefined writes the tool's empty value.
 */
export function newPostText(platform: NewPostPlatform, title: string, values: { date: string; emoji: string; topics?: readonly string[] | undefined }): string {
  const frontmatter = frontmatterLines(platform, title, values);
  return ["---", ...frontmatter, "---", "", ""].join("\n");
}

function frontmatterLines(platform: NewPostPlatform, title: string, { date, emoji, topics }: { date: string; emoji: string; topics?: readonly string[] | undefined }): string[] {
  switch (platform) {
    case "zenn":
      // zenn-cli quotes every string; JSON escaping is valid YAML and equals its output for
      // titles without backslashes (it escapes only `"`). Topics as its template: `topics: ["a", "b"]`.
      return [
        `title: ${JSON.stringify(title)}`,
        `emoji: ${JSON.stringify(emoji)}`,
        `type: "tech" # tech: 技術記事 / idea: アイデア`,
        `topics: [${(topics ?? []).map((t) => JSON.stringify(t)).join(", ")}]`,
        "published: false",
      ];
    case "qiita":
      // Qiita CLI writes FileContent.empty() through gray-matter (js-yaml), in this key order; the tags
      // come out as a block list (`tags:\n  - a`), as after the writer fills them in.
      return yaml
        .dump(
          { title, tags: topics ?? [""], private: false, updated_at: "", id: null, organization_url_name: null, slide: false, ignorePublish: false },
          { lineWidth: -1 },
        )
        .trimEnd()
        .split("\n");
    case "hatena":
      // blogsync (go-yaml) writes Category as a block list without indentation.
      return [`Title: ${yamlScalar(title)}`, `Date: ${date}`, "Draft: true", ...(topics?.length ? ["Category:", ...topics.map((t) => `- ${yamlScalar(t)}`)] : ["Category: []"])];
    case "devto":
      // dev.to's editor template: tags are one comma-separated string (at most 4); the optional keys
      // stay commented out so that nothing empty is sent as a canonical URL or cover.
      return [
        `title: ${yamlScalar(title)}`,
        "published: false",
        "description: ''",
        `tags: ${topics?.length ? yamlScalar(topics.join(", ")) : "''"}`,
        "# canonical_url: https://example.com/original-post",
        "# cover_image: https://direct_url_to_image.jpg",
      ];
    case "blog":
      return [`title: ${yamlScalar(title)}`, `date: ${date}`, "description: ''", `tags: ${yaml.dump([...(topics ?? [])], { flowLevel: 0, lineWidth: -1 }).trimEnd()}`, "draft: true"];
  }
}
