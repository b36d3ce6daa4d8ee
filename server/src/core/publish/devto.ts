/**
 * dev.to (Forem API v1): publish a post as an article. Pure: the network is env.fetch, waits are env.sleep.
 *
 * Where dev.to's answer is kept: two keys of our own in the post's frontmatter,
 *   devto_id: 1234567                      (the article's numeric id; absent or null until the first publish)
 *   devto_url: https://dev.to/me/a-post-1a2b (the URL dev.to answered; a draft's is a preview URL)
 * They are not dev.to front matter keys (title, published, description, tags, canonical_url,
 * cover_image, series), so they never clash with what dev.to reads; and dev.to never sees them:
 * body_markdown is the body only (everything after our frontmatter), the fields go as JSON.
 *
 * - Fields sent: title; tags (a YAML list or dev.to's comma-separated string; at most 4, refused
 *   locally with kind "invalid" otherwise); description, canonical_url, series when set (an empty
 *   string counts as unset; null clears it); main_image from `cover_image` (dev.to's key) or `main_image`.
 *   `published` comes from the mode ("publish" → true, "draft" → false), not from the frontmatter.
 * - No devto_id: POST /api/articles → 201. A devto_id: PUT /api/articles/{id} → 200.
 * - A create is never sent twice: when the POST's fate is unknown (connection dropped, time-out,
 *   5xx, an unreadable 201), GET /api/articles/me/all (newest first, a few pages) is searched for an
 *   article with the same title (and the same body when the list carries body_markdown).
 * - The API key goes only into the api-key header; messages and log lines have it removed.
 */
import type { Localized } from "../shared/i18n";
import { yamlString } from "../frontmatter/fields";
import type { HttpResponse } from "./http";
import {
  failure,
  fieldsNamed,
  guardedPublish,
  guardedPull,
  hasNextPage,
  isRecord,
  LOOKUP_PAGES,
  LOOKUP_PER_PAGE,
  parseJson,
  replaceBody,
  sameBody,
  send,
  SendFailure,
  splitPost,
  trimSlash,
} from "./postBody";
import { say } from "../shared/i18n";
import { DEFAULT_BASE_URLS, PublishFailure, type PublishEnvironment, type PublishOutcome, type PublishRequest } from "./types";
import { writeBack } from "./writeBack";
import { createOrRecover } from "./createOrRecover";

/** The frontmatter keys dev.to's answer is written back to. */
export const DEVTO_ID_KEY = "devto_id";
export const DEVTO_URL_KEY = "devto_url";
/** The same keys under the names index.ts uses. */
export const devtoIdKey = DEVTO_ID_KEY;
export const devtoUrlKey = DEVTO_URL_KEY;
export const DEVTO_MAX_TAGS = 4;
export const DEVTO_TITLE_MAX = 128;

/** The `article` object of POST/PUT /api/articles. */
export interface DevtoArticlePayload {
  title: string;
  body_markdown: string;
  published: boolean;
  tags: string[];
  canonical_url?: string | null;
  description?: string | null;
  main_image?: string | null;
  series?: string | null;
}

interface DevtoArticle {
  id: number;
  title: string;
  url?: string;
  body_markdown?: string;
  published?: boolean;
}

interface LocalPost {
  article: DevtoArticlePayload;
  id: number | undefined;
  url: string | undefined;
}

const FIELD_WORDS: Record<string, RegExp> = {
  title: /title/i,
  tags: /tag/i,
  body: /body|markdown/i,
  canonical_url: /canonical/i,
  description: /description/i,
  series: /series/i,
  cover_image: /main.?image|cover/i,
  published: /publish/i,
};

/** Forem's `{"error": "...", "status": 422}` as one line. */
function devtoSays(_status: number, body: string): string | undefined {
  const json = parseJson(body);
  if (!isRecord(json)) return undefined;
  if (typeof json.error === "string") return json.error;
  if (typeof json.message === "string") return json.message;
  return undefined;
}

function isArticle(value: unknown): value is DevtoArticle {
  return isRecord(value) && typeof value.id === "number" && Number.isInteger(value.id) && typeof value.title === "string";
}

function parseArticle(body: string): DevtoArticle | undefined {
  const json = parseJson(body);
  return isArticle(json) ? json : undefined;
}

/** dev.to's tags: a YAML list or its own comma-separated string. */
function readTags(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === "") return [];
  if (typeof value === "string") return value.split(",").map((t) => t.trim()).filter((t) => t !== "");
  if (Array.isArray(value) && value.every((t) => typeof t === "string")) return (value as string[]).map((t) => t.trim()).filter((t) => t !== "");
  return undefined;
}

function readLocal(text: string, mode: PublishRequest["mode"]): LocalPost {
  const { data, body } = splitPost(text);
  const problems: { key: string; en: string; ja: string }[] = [];
  const title = data.title;
  if (typeof title !== "string" || title.trim() === "") problems.push({ key: "title", en: "title is missing or empty", ja: "title がないか空です" });
  else if (title.length > DEVTO_TITLE_MAX) problems.push({ key: "title", en: `title is ${title.length} characters long; dev.to takes at most ${DEVTO_TITLE_MAX}`, ja: `title が ${title.length} 文字あります。dev.to は ${DEVTO_TITLE_MAX} 文字までです` });
  const tags = readTags(data.tags);
  if (!tags) problems.push({ key: "tags", en: "tags must be a list of tags or a comma-separated string", ja: "tags はタグのリストかカンマ区切りの文字列にしてください" });
  else if (tags.length > DEVTO_MAX_TAGS) problems.push({ key: "tags", en: `dev.to takes at most ${DEVTO_MAX_TAGS} tags; this post has ${tags.length}`, ja: `dev.to のタグは ${DEVTO_MAX_TAGS} 個までです（この記事は ${tags.length} 個）` });
  const optional: Partial<DevtoArticlePayload> = {};
  const imageKey = data.cover_image !== undefined ? "cover_image" : "main_image";
  for (const [key, field] of [
    ["description", "description"],
    ["canonical_url", "canonical_url"],
    ["series", "series"],
    [imageKey, "main_image"],
  ] as const) {
    const value = data[key];
    if (value === undefined || value === "") continue;
    if (value === null || typeof value === "string") optional[field] = value;
    else problems.push({ key, en: `${key} must be a string`, ja: `${key} は文字列にしてください` });
  }
  const rawId = data[DEVTO_ID_KEY];
  let id: number | undefined;
  if (typeof rawId === "number" && Number.isInteger(rawId) && rawId > 0) id = rawId;
  else if (typeof rawId === "string" && /^\d+$/.test(rawId)) id = Number(rawId);
  else if (rawId !== undefined && rawId !== null && rawId !== "") problems.push({ key: DEVTO_ID_KEY, en: `${DEVTO_ID_KEY} must be dev.to's numeric article id or null`, ja: `${DEVTO_ID_KEY} は dev.to の記事 ID（数値）か null にしてください` });
  if (problems.length > 0) {
    throw failure("invalid", say(`Refused: not sent to dev.to: ${problems.map((p) => p.en).join("; ")}.`, `送信しませんでした: ${problems.map((p) => p.ja).join("。")}。`), {
      fields: [...new Set(problems.map((p) => p.key))],
    });
  }
  const url = data[DEVTO_URL_KEY];
  return {
    article: { title: title as string, body_markdown: body, published: mode === "publish", tags: tags ?? [], ...optional },
    id,
    url: typeof url === "string" && url !== "" ? url : undefined,
  };
}

/** Sets `devto_id: null` and `devto_url: null` (for "publish as a new article" after dev.to lost it). */
export function forgetDevtoRemote(text: string): string {
  return writeBack(text, { [DEVTO_ID_KEY]: "null", [DEVTO_URL_KEY]: "null" });
}

function writeBackArticle(text: string, post: LocalPost, article: DevtoArticle): string {
  const values: Record<string, string> = {};
  if (post.id !== article.id) values[DEVTO_ID_KEY] = String(article.id);
  if (article.url && article.url !== post.url) values[DEVTO_URL_KEY] = yamlString(article.url);
  return Object.keys(values).length > 0 ? writeBack(text, values) : text;
}

class DevtoApi {
  private readonly base: string;
  constructor(
    private readonly env: PublishEnvironment,
    private readonly apiKey: string,
  ) {
    this.base = trimSlash(env.baseUrls?.devto ?? DEFAULT_BASE_URLS.devto);
  }

  private headers(): Record<string, string> {
    return { "api-key": this.apiKey, Accept: "application/vnd.forem.api-v1+json", "Content-Type": "application/json" };
  }

  create(article: DevtoArticlePayload): Promise<HttpResponse> {
    return send(this.env, { method: "POST", url: `${this.base}/api/articles`, headers: this.headers(), body: JSON.stringify({ article }), idempotent: false, describe: devtoSays });
  }

  update(id: number, article: DevtoArticlePayload): Promise<HttpResponse> {
    // A PUT of every field: sending it twice leaves the same article.
    return send(this.env, { method: "PUT", url: `${this.base}/api/articles/${id}`, headers: this.headers(), body: JSON.stringify({ article }), idempotent: true, describe: devtoSays });
  }

  listMine(page: number): Promise<HttpResponse> {
    return send(this.env, { method: "GET", url: `${this.base}/api/articles/me/all?page=${page}&per_page=${LOOKUP_PER_PAGE}`, headers: this.headers(), idempotent: true, describe: devtoSays });
  }
}

function devtoFailure(e: unknown, op: "create" | "update", id?: number): unknown {
  if (!(e instanceof PublishFailure)) return e;
  const status = e instanceof SendFailure ? e.status : undefined;
  const said = e instanceof SendFailure ? (e.said ?? e.error.detail?.slice(0, 300) ?? "") : "";
  const detail = e.error.detail !== undefined ? { detail: e.error.detail } : {};
  const notDone = op === "create" ? say("Not published to dev.to", "dev.to に投稿できませんでした") : say("Not updated on dev.to", "dev.to の記事を更新できませんでした");
  const fields = fieldsNamed(said, FIELD_WORDS);
  switch (e.error.kind) {
    case "notFound":
      return failure(
        "notFound",
        say(
          `${notDone.en}: dev.to has no article ${id} (404: deleted, or it belongs to another account). Publish it as a new article? That clears ${DEVTO_ID_KEY} and ${DEVTO_URL_KEY} and creates it anew.`,
          `${notDone.ja}: dev.to 上に記事 ${id} がありません（404: 削除されたか、別のアカウントの記事です）。新しい記事として投稿しますか？ ${DEVTO_ID_KEY} と ${DEVTO_URL_KEY} を空にして新規に作成します。`,
        ),
        detail,
      );
    case "invalid":
      return failure("invalid", say(`Refused by dev.to (${status ?? "?"}): ${said}. ${notDone.en}.`, `dev.to が記事を受け付けませんでした（${status ?? "?"}）: ${said}。${notDone.ja}。`), {
        ...detail,
        ...(fields.length > 0 ? { fields } : {}),
      });
    case "auth":
      return failure(
        "auth",
        say(
          `${notDone.en}: dev.to refused the API key (${status ?? 401}): ${said}. Check the dev.to API key (Settings → Extensions → DEV Community API Keys).`,
          `${notDone.ja}: dev.to が API キーを拒否しました（${status ?? 401}）: ${said}。dev.to の API キー（Settings → Extensions → DEV Community API Keys）を確認してください。`,
        ),
        detail,
      );
    default:
      return failure(e.error.kind, say(`${notDone.en}: ${e.error.message.en}`, `${notDone.ja}: ${e.error.message.ja}`), detail);
  }
}

/** The body_markdown dev.to lists may carry front matter of its own: compare what follows it. */
function withoutFrontMatter(markdown: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(markdown);
  return m ? markdown.slice(m[0].length) : markdown;
}

async function findCreated(api: DevtoApi, article: DevtoArticlePayload, env: PublishEnvironment): Promise<DevtoArticle | undefined> {
  for (let page = 1; page <= LOOKUP_PAGES; page++) {
    const response = await api.listMine(page);
    const list = parseJson(response.body);
    if (!Array.isArray(list)) throw failure("server", say("dev.to's list of your articles could not be read.", "dev.to の自分の記事一覧を読み取れませんでした。"));
    const matches = list
      .filter(isArticle)
      .filter((a) => a.title === article.title && (typeof a.body_markdown !== "string" || sameBody(withoutFrontMatter(a.body_markdown), article.body_markdown)));
    if (matches.length > 0) {
      env.log?.(`dev.to lists the article created by the unanswered POST: ${matches.map((m) => m.id).join(", ")}`);
      // Ids grow: the highest is the newest.
      return matches.sort((a, b) => b.id - a.id)[0];
    }
    if (!hasNextPage(response, list.length)) return undefined;
  }
  return undefined;
}

function createdMessage(url: string, published: boolean, note?: Localized): Localized {
  const en = published ? `Created on dev.to (published): ${url}` : `Created on dev.to as a draft: ${url}`;
  const ja = published ? `dev.to に投稿して公開しました: ${url}` : `dev.to に下書きとして投稿しました: ${url}`;
  return note ? say(`${en} ${note.en}`, `${ja}${note.ja}`) : say(en, ja);
}

async function create(request: PublishRequest, post: LocalPost, api: DevtoApi, env: PublishEnvironment): Promise<PublishOutcome> {
  const { item: article, recovered } = await createOrRecover({
    post: () => api.create(post.article),
    parse: parseArticle,
    refused: (e) => devtoFailure(e, "create"),
    find: () => findCreated(api, post.article, env),
    request: "POST /api/articles",
    thing: "article",
    words: {
      unreadable: (status) => say(`dev.to answered ${status} but its answer could not be read.`, `dev.to が ${status} を返しましたが、応答を読み取れませんでした。`),
      lookupFailed: (why, lookup) =>
        say(
          `${why.en} Looking for it on dev.to failed too (${lookup.en}): the article may or may not have been created. Check your dashboard on dev.to before publishing again, or it may be posted twice.`,
          `${why.ja} dev.to 上での確認にも失敗しました（${lookup.ja}）。記事が作成されたかどうか分かりません。二重投稿を避けるため、dev.to のダッシュボードを確認してから公開し直してください。`,
        ),
      notCreated: (why) =>
        say(
          `Not published to dev.to: ${why.en} dev.to lists no article with this title, so nothing was created. Try again.`,
          `dev.to に投稿できませんでした: ${why.ja} dev.to 上に同じタイトルの記事はなく、何も作成されていません。もう一度試してください。`,
        ),
    },
    env,
  });
  const lost = say(
    "(its answer was lost, but dev.to lists the new article; its id was recorded and nothing was sent twice).",
    "（応答は受け取れませんでしたが、dev.to 上に新しい記事があることを確認して ID を記録しました。二重には送信していません）",
  );
  return {
    ok: true,
    action: "created",
    ...(article.url ? { url: article.url } : {}),
    text: writeBackArticle(request.text, post, article),
    message: recovered ? createdMessage(article.url ?? String(article.id), post.article.published, lost) : createdMessage(article.url ?? String(article.id), post.article.published),
  };
}

async function update(request: PublishRequest, post: LocalPost, id: number, api: DevtoApi, env: PublishEnvironment): Promise<PublishOutcome> {
  let article: DevtoArticle | undefined;
  try {
    const response = await api.update(id, post.article);
    article = parseArticle(response.body);
  } catch (e) {
    throw devtoFailure(e, "update", id);
  }
  if (!article) env.log?.(`PUT /api/articles/${id}: the answer could not be read; keeping ${DEVTO_URL_KEY} as it is.`);
  const url = article?.url ?? post.url ?? String(id);
  const state = post.article.published ? say("published", "公開") : say("draft", "下書き");
  return {
    ok: true,
    action: "updated",
    ...(article?.url || post.url ? { url } : {}),
    text: article ? writeBackArticle(request.text, post, article) : request.text,
    message: say(`Updated on dev.to (${state.en}): ${url}`, `dev.to の記事を更新しました（${state.ja}）: ${url}`),
  };
}

/** Publishes the post to dev.to: creates the article (no devto_id) or updates it, and writes back devto_id and devto_url. */
export async function publishDevto(request: PublishRequest, apiKey: string, env: PublishEnvironment): Promise<PublishOutcome> {
  return guardedPublish(apiKey, env, "dev.to", async (safe) => {
    const post = readLocal(request.text, request.mode);
    if (apiKey.trim() === "") {
      throw failure("auth", say("Not published to dev.to: no dev.to API key is set.", "dev.to に投稿できませんでした: dev.to の API キーが設定されていません。"));
    }
    const api = new DevtoApi(safe, apiKey);
    return post.id !== undefined ? await update(request, post, post.id, api, safe) : await create(request, post, api, safe);
  });
}

/**
 * dev.to's copy of the post as post text, for "Pull Remote Version": the article is found among the
 * writer's own (drafts included, which GET /api/articles/{id} does not serve) by the post's
 * `devto_id`; its title and body replace the local ones, every other frontmatter key stays.
 */
export async function pullDevto(text: string, apiKey: string, env: PublishEnvironment): Promise<string> {
  return guardedPull(apiKey, env, undefined, async (safe) => {
  const { data } = splitPost(text);
  const rawId = data[DEVTO_ID_KEY];
  const id = typeof rawId === "number" ? rawId : typeof rawId === "string" && /^\d+$/.test(rawId) ? Number(rawId) : undefined;
  if (id === undefined) throw failure("local", say("This post has not been published to dev.to yet (no devto_id).", "この記事はまだ dev.to に投稿されていません（devto_id がありません）。"));
  const api = new DevtoApi(safe, apiKey);
  for (let page = 1; page <= LOOKUP_PAGES; page++) {
    const response = await api.listMine(page);
    const list = parseJson(response.body);
    if (!Array.isArray(list)) throw failure("server", say("dev.to answered with something that is not a list of articles.", "dev.to の応答が記事の一覧ではありません。"));
    const found = list.find((a): a is DevtoArticle => isArticle(a) && a.id === id);
    if (found) {
      const withTitle = found.title !== data["title"] ? writeBack(text, { title: yamlString(found.title) }) : text;
      if (typeof found.body_markdown !== "string") return withTitle;
      // The blank lines between the frontmatter and the body are the writer's; dev.to drops them.
      const lead = /^(?:\r?\n)*/.exec(splitPost(text).body)?.[0] ?? "";
      return replaceBody(withTitle, lead + withoutFrontMatter(found.body_markdown).replace(/^(?:\r?\n)+/, ""));
    }
    if (!hasNextPage(response, list.length)) break;
  }
  throw failure("notFound", say(`dev.to has no article ${id} among yours (deleted?).`, `dev.to のあなたの記事に ${id} がありません（削除されましたか？）。`));
  });
}
