/**
 * Qiita (API v2): publish a post kept in Qiita CLI's layout (frontmatter title, tags, private,
 * organization_url_name, slide, id, updated_at; the body is everything after the frontmatter), and
 * pull the remote copy. Pure: the network is env.fetch, waits are env.sleep.
 *
 * - No id (null, '' or absent): POST /api/v2/items → 201. An id: GET /api/v2/items/:id first and
 *   refuse when Qiita's copy is newer than the local updated_at (or the local one is empty), as Qiita
 *   CLI refuses with 「内容がQiita上の記事より古い可能性があります」, unless forced; then PATCH → 200.
 * - What Qiita answers is written back with writeBack: `id` (plain, as Qiita CLI's YAML dump writes a
 *   hex id) and `updated_at` (single-quoted, as Qiita CLI writes it). Every other byte stays.
 * - A create is never sent twice: when the POST's fate is unknown (connection dropped, time-out, 5xx,
 *   an unreadable 201), the writer's own items are listed (newest first, a few pages) and a post with
 *   the same title and body, created since shortly before the POST, is taken as the one created.
 * - Qiita has no drafts through its API: mode "draft" is refused (a limited-share post is private: true).
 * - The token goes only into the Authorization header; messages and log lines have it removed.
 */
import * as YAML from "yaml";
import { yamlString } from "../frontmatter/fields";
import type { Localized } from "../shared/i18n";
import type { HttpResponse } from "./http";
import {
  failure,
  fieldsNamed,
  guardedPublish,
  guardedPull,
  hasNextPage,
  isRecord,
  listYaml,
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
import { singleQuoted, writeBack } from "./writeBack";
import { createOrRecover } from "./createOrRecover";

/** An item as Qiita API v2 answers it (the fields used here). */
export interface QiitaItem {
  id: string;
  title: string;
  body: string;
  tags: { name: string; versions?: string[] }[];
  private: boolean;
  organization_url_name: string | null;
  slide?: boolean;
  url?: string;
  created_at?: string;
  updated_at: string;
}

/** The JSON body of POST/PATCH /api/v2/items. */
export interface QiitaPayload {
  title: string;
  body: string;
  tags: { name: string; versions: string[] }[];
  private: boolean;
  organization_url_name: string | null;
  slide: boolean;
}

interface LocalPost {
  payload: QiitaPayload;
  id: string | null;
  updatedAt: string;
}

/** A created item is looked for among those created at most this long before the POST (clock skew). */
const CLOCK_SKEW_MS = 10 * 60_000;

/** How Qiita's error messages name the frontmatter's keys (422, 400, a 403 for bad input). */
const FIELD_WORDS: Record<string, RegExp> = {
  title: /title|タイトル/i,
  tags: /tag|タグ/i,
  body: /body|本文/i,
  private: /private|限定共有/i,
  organization_url_name: /organization|組織/i,
  slide: /slide|スライド/i,
};

/** Qiita's `{message, type}` error body as one line. */
function qiitaSays(_status: number, body: string): string | undefined {
  const json = parseJson(body);
  if (!isRecord(json) || typeof json.message !== "string") return undefined;
  return typeof json.type === "string" && json.type !== "" ? `${json.message} (${json.type})` : json.message;
}

function isItem(value: unknown): value is QiitaItem {
  return isRecord(value) && typeof value.id === "string" && value.id !== "" && typeof value.title === "string" && typeof value.updated_at === "string";
}

function parseItem(body: string): QiitaItem | undefined {
  const json = parseJson(body);
  return isItem(json) ? json : undefined;
}

/** Reads and checks the frontmatter as Qiita CLI would; problems → kind "invalid" before any request. */
function readLocal(text: string, mode: PublishRequest["mode"]): LocalPost {
  const { data, body } = splitPost(text);
  const problems: { key: string; en: string; ja: string }[] = [];
  const title = data.title;
  if (typeof title !== "string" || title.trim() === "") problems.push({ key: "title", en: "title is missing or empty", ja: "title がないか空です" });
  const tags = data.tags;
  if (!Array.isArray(tags) || tags.length < 1 || tags.length > 5 || tags.some((t) => typeof t !== "string" || t.trim() === "")) {
    problems.push({ key: "tags", en: "tags must be a list of 1 to 5 non-empty tags", ja: "tags は空でないタグ 1〜5 個のリストにしてください" });
  } else {
    const spaced = (tags as string[]).find((t) => /\s/.test(t));
    if (spaced !== undefined) problems.push({ key: "tags", en: `a Qiita tag cannot contain spaces ("${spaced}")`, ja: `Qiita のタグに空白は使えません（「${spaced}」）` });
  }
  if (typeof data.private !== "boolean") problems.push({ key: "private", en: "private must be true or false", ja: "private は true か false にしてください" });
  if (data.slide !== undefined && data.slide !== null && typeof data.slide !== "boolean") problems.push({ key: "slide", en: "slide must be true or false", ja: "slide は true か false にしてください" });
  const org = data.organization_url_name;
  if (org !== undefined && org !== null && typeof org !== "string") problems.push({ key: "organization_url_name", en: "organization_url_name must be a name or null", ja: "organization_url_name は名前か null にしてください" });
  const id = data.id;
  if (id !== undefined && id !== null && typeof id !== "string") problems.push({ key: "id", en: "id must be Qiita's item id or null", ja: "id は Qiita の記事 ID か null にしてください" });
  const updatedAt = data.updated_at;
  if (updatedAt !== undefined && updatedAt !== null && typeof updatedAt !== "string") problems.push({ key: "updated_at", en: "updated_at must be a quoted string", ja: "updated_at は引用符で囲んだ文字列にしてください" });
  if (mode === "draft") {
    problems.push({ key: "private", en: "Qiita has no drafts through its API (choose Publish; private: true makes a limited-share post)", ja: "Qiita の API には下書きがありません（公開を選んでください。private: true で限定共有になります）" });
  }
  if (problems.length > 0) {
    throw failure(
      "invalid",
      say(`Refused: not sent to Qiita: ${problems.map((p) => p.en).join("; ")}.`, `送信しませんでした: ${problems.map((p) => p.ja).join("。")}。`),
      { fields: [...new Set(problems.map((p) => p.key))] },
    );
  }
  return {
    payload: {
      title: title as string,
      body,
      tags: (tags as string[]).map((name) => ({ name, versions: [] })),
      private: data.private as boolean,
      organization_url_name: typeof org === "string" && org !== "" ? org : null,
      slide: data.slide === true,
    },
    id: typeof id === "string" && id !== "" ? id : null,
    updatedAt: typeof updatedAt === "string" ? updatedAt : "",
  };
}

/** Qiita CLI's rule: the local copy is older when its updated_at is before the remote's; an empty one is older than any. */
export function isOlderThanRemote(localUpdatedAt: string, remoteUpdatedAt: string): boolean {
  const remote = Date.parse(remoteUpdatedAt);
  if (remoteUpdatedAt === "" || Number.isNaN(remote)) return false;
  const local = Date.parse(localUpdatedAt);
  return localUpdatedAt.trim() === "" || Number.isNaN(local) || local < remote;
}

/** An id as YAML: plain when it reads back as the same string (Qiita's hex ids do), else single-quoted. */
function idYaml(id: string): string {
  try {
    if (/^[\w-]+$/.test(id) && YAML.parse(id) === id) return id;
  } catch {
    // fall through to quoting
  }
  return singleQuoted(id);
}

/** The write-back after a create or an update: id (when it changed) and updated_at. */
function writeBackItem(text: string, localId: string | null, item: QiitaItem): string {
  return writeBack(text, { ...(localId !== item.id ? { id: idYaml(item.id) } : {}), updated_at: singleQuoted(item.updated_at) });
}

/**
 * The remote item as a post: the local post with Qiita's title, tags, private, organization, slide,
 * id and updated_at written in place where they differ (the other keys, comments and order kept)
 * and Qiita's body.
 */
export function remotePostText(localText: string, item: QiitaItem): string {
  const { data } = splitPost(localText);
  const values: Record<string, string> = {};
  const tags = item.tags.map((t) => t.name);
  if (data.title !== item.title) values.title = yamlString(item.title);
  if (!Array.isArray(data.tags) || data.tags.length !== tags.length || data.tags.some((t, i) => t !== tags[i])) values.tags = listYaml(localText, "tags", tags);
  if (data.private !== (item.private === true)) values.private = String(item.private === true);
  if ((data.organization_url_name ?? null) !== (item.organization_url_name ?? null)) {
    values.organization_url_name = item.organization_url_name ? yamlString(item.organization_url_name) : "null";
  }
  if (typeof item.slide === "boolean" && (data.slide ?? false) !== item.slide) values.slide = String(item.slide);
  if (data.id !== item.id) values.id = idYaml(item.id);
  if (data.updated_at !== item.updated_at) values.updated_at = singleQuoted(item.updated_at);
  const text = Object.keys(values).length > 0 ? writeBack(localText, values) : localText;
  return replaceBody(text, item.body);
}

/** Sets `id: null` and `updated_at: ''` (for "publish as a new post" after Qiita lost the item). */
export function forgetRemote(text: string): string {
  return writeBack(text, { id: "null", updated_at: "''" });
}

class QiitaApi {
  private readonly base: string;
  constructor(
    private readonly env: PublishEnvironment,
    private readonly token: string,
  ) {
    this.base = trimSlash(env.baseUrls?.qiita ?? DEFAULT_BASE_URLS.qiita);
  }

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.token}`, "Content-Type": "application/json", Accept: "application/json" };
  }

  getItem(id: string): Promise<HttpResponse> {
    return send(this.env, { method: "GET", url: `${this.base}/api/v2/items/${encodeURIComponent(id)}`, headers: this.headers(), idempotent: true, describe: qiitaSays });
  }

  create(payload: QiitaPayload): Promise<HttpResponse> {
    return send(this.env, { method: "POST", url: `${this.base}/api/v2/items`, headers: this.headers(), body: JSON.stringify(payload), idempotent: false, describe: qiitaSays });
  }

  update(id: string, payload: QiitaPayload): Promise<HttpResponse> {
    // A PATCH that sets every field: sending it twice leaves the same post.
    return send(this.env, { method: "PATCH", url: `${this.base}/api/v2/items/${encodeURIComponent(id)}`, headers: this.headers(), body: JSON.stringify(payload), idempotent: true, describe: qiitaSays });
  }

  listMine(page: number): Promise<HttpResponse> {
    return send(this.env, {
      method: "GET",
      url: `${this.base}/api/v2/authenticated_user/items?page=${page}&per_page=${LOOKUP_PER_PAGE}`,
      headers: this.headers(),
      idempotent: true,
      describe: qiitaSays,
    });
  }
}

const unreadable = (what: Localized): PublishFailure =>
  failure("server", say(`Qiita's answer could not be read (${what.en}).`, `Qiita の応答を読み取れませんでした（${what.ja}）。`));

/** Reads an item with GET; a 404 becomes the "deleted on Qiita" failure. */
async function fetchItem(api: QiitaApi, id: string): Promise<QiitaItem> {
  let response: HttpResponse;
  try {
    response = await api.getItem(id);
  } catch (e) {
    throw qiitaFailure(e, "update", id);
  }
  const item = parseItem(response.body);
  if (!item) throw unreadable(say(`GET of item ${id}`, `記事 ${id} の取得`));
  return item;
}

/** A failure of an HTTP step, in Qiita's terms, saying what did not happen. */
function qiitaFailure(e: unknown, op: "create" | "update" | "pull", id?: string): unknown {
  if (!(e instanceof PublishFailure)) return e;
  const status = e instanceof SendFailure ? e.status : undefined;
  const said = e instanceof SendFailure ? (e.said ?? e.error.detail?.slice(0, 300) ?? "") : "";
  const detail = e.error.detail !== undefined ? { detail: e.error.detail } : {};
  const notDone =
    op === "create"
      ? say("Not published to Qiita", "Qiita に投稿できませんでした")
      : op === "update"
        ? say("Not updated on Qiita", "Qiita の記事を更新できませんでした")
        : say("Not pulled from Qiita", "Qiita から取得できませんでした");
  const fields = fieldsNamed(said, FIELD_WORDS);
  switch (e.error.kind) {
    case "notFound":
      return failure(
        "notFound",
        op === "pull"
          ? say(`${notDone.en}: Qiita has no item ${id} (404: deleted, or it belongs to another account).`, `${notDone.ja}: Qiita 上に記事 ${id} がありません（404: 削除されたか、別のアカウントの記事です）。`)
          : say(
              `${notDone.en}: Qiita has no item ${id} (404: deleted, or it belongs to another account). Publish it as a new post? That clears id and updated_at and creates it anew.`,
              `${notDone.ja}: Qiita 上に記事 ${id} がありません（404: 削除されたか、別のアカウントの記事です）。新しい記事として投稿しますか？ id と updated_at を空にして新規に作成します。`,
            ),
        detail,
      );
    case "invalid":
      return failure(
        "invalid",
        say(`Refused by Qiita (${status ?? "?"}): ${said}. ${notDone.en}.`, `Qiita が記事を受け付けませんでした（${status ?? "?"}）: ${said}。${notDone.ja}。`),
        { ...detail, ...(fields.length > 0 ? { fields } : {}) },
      );
    case "auth":
      if (status === 403 && op !== "pull" && fields.length > 0) {
        // Qiita answers some bad input (a tag with a space…) with 403.
        return failure("invalid", say(`Refused by Qiita (403): ${said}. ${notDone.en}.`, `Qiita が記事を受け付けませんでした（403）: ${said}。${notDone.ja}。`), { ...detail, fields });
      }
      if (status === 403) {
        return failure(
          "auth",
          say(
            `${notDone.en}: Qiita refused (403): ${said}. The token may lack the write_qiita scope, or Qiita refused the post's content (for example a tag it does not accept).`,
            `${notDone.ja}: Qiita が拒否しました（403）: ${said}。トークンに write_qiita のスコープがないか、記事の内容（受け付けられないタグなど）が拒否された可能性があります。`,
          ),
          detail,
        );
      }
      return failure(
        "auth",
        say(
          `${notDone.en}: Qiita refused the token (${status ?? 401}): ${said}. Check the Qiita access token (it needs the read_qiita and write_qiita scopes).`,
          `${notDone.ja}: Qiita がトークンを拒否しました（${status ?? 401}）: ${said}。Qiita のアクセストークン（read_qiita と write_qiita のスコープが必要です）を確認してください。`,
        ),
        detail,
      );
    default:
      return failure(e.error.kind, say(`${notDone.en}: ${e.error.message.en}`, `${notDone.ja}: ${e.error.message.ja}`), detail);
  }
}

/** Looks for the item a POST of unknown fate may have created: same title and body, created since shortly before. */
async function findCreated(api: QiitaApi, payload: QiitaPayload, since: number, env: PublishEnvironment): Promise<QiitaItem | undefined> {
  for (let page = 1; page <= LOOKUP_PAGES; page++) {
    const response = await api.listMine(page);
    const list = parseJson(response.body);
    if (!Array.isArray(list)) throw unreadable(say("the list of your items", "自分の記事一覧"));
    const matches = list.filter(isItem).filter((item) => {
      const created = Date.parse(item.created_at ?? "");
      return item.title === payload.title && sameBody(item.body ?? "", payload.body) && (Number.isNaN(created) || created >= since - CLOCK_SKEW_MS);
    });
    if (matches.length > 0) {
      env.log?.(`Qiita lists the post created by the unanswered POST: ${matches.map((m) => m.id).join(", ")}`);
      return matches.sort((a, b) => Date.parse(b.created_at ?? "") - Date.parse(a.created_at ?? ""))[0];
    }
    if (!hasNextPage(response, list.length)) return undefined;
  }
  return undefined;
}

async function create(request: PublishRequest, post: LocalPost, api: QiitaApi, env: PublishEnvironment): Promise<PublishOutcome> {
  const since = env.now();
  const { item, recovered } = await createOrRecover({
    post: () => api.create(post.payload),
    parse: parseItem,
    refused: (e) => qiitaFailure(e, "create"),
    find: () => findCreated(api, post.payload, since, env),
    request: "POST /api/v2/items",
    thing: "post",
    words: {
      unreadable: (status) => say(`Qiita answered ${status} but its answer could not be read.`, `Qiita が ${status} を返しましたが、応答を読み取れませんでした。`),
      lookupFailed: (why, lookup) =>
        say(
          `${why.en} Looking for it on Qiita failed too (${lookup.en}): the post may or may not have been created. Check your posts on Qiita before publishing again, or it may be posted twice.`,
          `${why.ja} Qiita 上での確認にも失敗しました（${lookup.ja}）。記事が作成されたかどうか分かりません。二重投稿を避けるため、Qiita 上の自分の記事を確認してから公開し直してください。`,
        ),
      notCreated: (why) =>
        say(
          `Not published to Qiita: ${why.en} Qiita lists no post with this title and body, so nothing was created. Try again.`,
          `Qiita に投稿できませんでした: ${why.ja} Qiita 上に同じタイトルと本文の記事はなく、何も作成されていません。もう一度試してください。`,
        ),
    },
    env,
  });
  const url = item.url ?? item.id;
  return {
    ok: true,
    action: "created",
    ...(item.url ? { url: item.url } : {}),
    text: writeBackItem(request.text, post.id, item),
    message: recovered
      ? say(
          `Created on Qiita: ${url} (its answer was lost, but Qiita lists the new post; its id was recorded and nothing was sent twice).`,
          `Qiita に投稿しました: ${url}（応答は受け取れませんでしたが、Qiita 上に新しい記事があることを確認して id を記録しました。二重には送信していません）。`,
        )
      : say(`Created on Qiita: ${url}`, `Qiita に投稿しました: ${url}`),
  };
}

async function update(request: PublishRequest, post: LocalPost, id: string, api: QiitaApi, env: PublishEnvironment): Promise<PublishOutcome> {
  const remote = await fetchItem(api, id);
  if (isOlderThanRemote(post.updatedAt, remote.updated_at)) {
    if (!request.force) {
      const local = post.updatedAt === "" ? say("empty", "空") : say(post.updatedAt, post.updatedAt);
      throw failure(
        "conflict",
        say(
          `Refused: the post may be older than the one on Qiita (Qiita's copy was updated at ${remote.updated_at}; this file's updated_at is ${local.en}). Nothing was sent. Pull the remote version, or publish with force to overwrite Qiita's copy.`,
          `送信しませんでした: 内容がQiita上の記事より古い可能性があります（Qiita 上の更新日時 ${remote.updated_at}、このファイルの updated_at は ${local.ja}）。リモートの版を取り込むか、強制的に公開して Qiita 上の記事を上書きしてください。`,
        ),
        { remoteText: remotePostText(request.text, remote) },
      );
    }
    env.log?.(`Qiita's copy of ${id} is newer (${remote.updated_at}); overwriting it as forced.`);
  }
  let item: QiitaItem | undefined;
  try {
    const response = await api.update(id, post.payload);
    item = parseItem(response.body);
  } catch (e) {
    throw qiitaFailure(e, "update", id);
  }
  if (!item) {
    env.log?.(`PATCH /api/v2/items/${id}: the answer could not be read; reading the item back.`);
    try {
      item = await fetchItem(api, id);
    } catch (e) {
      const why = e instanceof PublishFailure ? e.error.message : say(String(e), String(e));
      throw failure(
        "server",
        say(
          `Qiita accepted the update but its answer could not be read, and reading the post back failed (${why.en}): updated_at was not recorded. Pull the remote version before publishing again.`,
          `Qiita は更新を受け付けましたが応答を読み取れず、記事の再取得にも失敗しました（${why.ja}）。updated_at を記録できていません。次に公開する前にリモートの版を取り込んでください。`,
        ),
      );
    }
  }
  const url = item.url ?? remote.url ?? id;
  return {
    ok: true,
    action: "updated",
    ...(item.url || remote.url ? { url } : {}),
    text: writeBackItem(request.text, id, item),
    message: say(`Updated on Qiita: ${url}`, `Qiita の記事を更新しました: ${url}`),
  };
}

/** Publishes the post to Qiita: creates it (no id) or updates it (an id), and writes back id and updated_at. */
export async function publishQiita(request: PublishRequest, token: string, env: PublishEnvironment): Promise<PublishOutcome> {
  return guardedPublish(token, env, "Qiita", async (safe) => {
    const post = readLocal(request.text, request.mode);
    if (token.trim() === "") {
      throw failure("auth", say("Not published to Qiita: no Qiita access token is set (QIITA_TOKEN or the credentials file).", "Qiita に投稿できませんでした: Qiita のアクセストークンが設定されていません（QIITA_TOKEN または認証情報ファイル）。"));
    }
    const api = new QiitaApi(safe, token);
    return post.id ? await update(request, post, post.id, api, safe) : await create(request, post, api, safe);
  });
}

/**
 * "Pull Remote Version": Qiita's copy of the post as a post text (the local frontmatter's other keys
 * kept, Qiita's fields and body in place). Failures throw PublishFailure (kind notFound, auth, …),
 * with the token removed from the message.
 */
export async function pullQiita(text: string, token: string, env: PublishEnvironment): Promise<string> {
  return guardedPull(token, env, "Qiita pull", async (safe) => {
  const { data } = splitPost(text);
  const id = typeof data.id === "string" && data.id !== "" ? data.id : undefined;
  if (!id) {
    throw failure("local", say("Nothing to pull: this post has no Qiita id (it has not been published yet).", "取得できません: この記事には Qiita の id がありません（まだ投稿されていません）。"));
  }
  if (token.trim() === "") {
    throw failure("auth", say("Not pulled from Qiita: no Qiita access token is set.", "Qiita から取得できませんでした: Qiita のアクセストークンが設定されていません。"));
  }
  const api = new QiitaApi(safe, token);
  let response: HttpResponse;
  try {
    response = await api.getItem(id);
  } catch (e) {
    throw qiitaFailure(e, "pull", id);
  }
  const item = parseItem(response.body);
  if (!item) throw unreadable(say(`GET of item ${id}`, `記事 ${id} の取得`));
  safe.log?.(`Pulled Qiita's version of ${item.url ?? id} (updated at ${item.updated_at}).`);
  return remotePostText(text, item);
  });
}
