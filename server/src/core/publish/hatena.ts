/**
 * Hatena Blog over AtomPub, with blogsync's file layout: the frontmatter keys Title, Date, Category,
 * Draft, CustomPath are sent; EditURL, URL and Draft are written back (nothing else in the file
 * changes). Pure: the network, the clock, the waits and the WSSE nonces come from the environment.
 *
 * - Auth: WSSE (X-WSSE UsernameToken with a SHA-1 password digest), a fresh nonce per request.
 * - Create: POST to the collection when EditURL is empty. A create whose answer was lost (the
 *   connection dropped, a time-out, a 5xx, an unreadable answer) is never sent again: the collection
 *   is searched (following rel="next" a few pages) for an entry with the same title and body; found,
 *   the post counts as created and its links are written back.
 * - Update: PUT to EditURL, after blogsync's conflict check (GET the entry; refuse when its app:edited
 *   is more than 3 s newer than the local copy) unless forced.
 * - The API key is never sent (only its digest), never logged, and scrubbed from anything returned.
 */
import { createHash } from "node:crypto";
import * as YAML from "yaml";
import { yamlString } from "../frontmatter/fields";
import { parseFrontmatter } from "../frontmatter/parse";
import { say, type Localized } from "../shared/i18n";
import { AtomXmlError, buildEntryXml, invalidXmlCharacter, linkHref, parseEntry, parseFeed, type AtomEntry } from "./hatenaXml";
import { httpRequest, type HttpResponse } from "./http";
import { DEFAULT_BASE_URLS, PublishFailure, type PublishEnvironment, type PublishError, type PublishErrorKind, type PublishOutcome, type PublishRequest } from "./types";
import { writeBack } from "./writeBack";
import { failure, guardedPull, redactedEnv, redactor, scrubbed } from "./postBody";

export interface HatenaCredentials {
  hatenaId: string;
  /** The blog's domain, e.g. `example.hatenablog.com`. */
  blogId: string;
  /** The AtomPub API key (blog settings → Advanced → AtomPub). */
  apiKey: string;
}

export interface HatenaPublishOptions {
  /**
   * When the local copy was last known to match or supersede the remote one, in ms since the epoch:
   * blogsync uses the file's modification time (it sets it to app:edited on every pull and push).
   * Without it the frontmatter's Date is used, which is older than the remote app:edited for most
   * posts edited after their date, so such updates are refused as conflicts until forced.
   */
  localEditedMs?: number;
}

/** blogsync's allowance for clock skew in its conflict check. */
const CLOCK_SKEW_MS = 3000;
/** Pages of the collection searched for a create whose answer was lost (Hatena lists 10 entries a page). */
const MAX_LOOKUP_PAGES = 10;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;



// --- the post ---

interface LocalPost {
  title: string;
  body: string;
  categories: string[];
  date?: string;
  dateMs?: number;
  /** The frontmatter's Draft (undefined when absent). */
  draft?: boolean;
  customPath?: string;
  editUrl?: string;
}

/** YAML 1.1 booleans too: blogsync reads the frontmatter with yaml.v2, where `yes` is true. */
function readBool(value: unknown): boolean | undefined | "bad" {
  if (value === undefined || value === null || typeof value === "boolean") return value ?? undefined;
  const s = String(value).trim().toLowerCase();
  if (["true", "yes", "on", "y"].includes(s)) return true;
  if (["false", "no", "off", "n", ""].includes(s)) return false;
  return "bad";
}

function readPost(text: string): LocalPost {
  const fm = parseFrontmatter(text);
  if (!fm || fm.kind !== "yaml") {
    throw failure("local", say("The post has no YAML frontmatter (a `---` block with Title, Date, Category…): nothing was sent to Hatena Blog.", "記事に YAML フロントマター（Title・Date・Category などを書いた `---` のブロック）がないため、はてなブログには何も送っていません。"));
  }
  const data = fm.data;
  if (!data) {
    const first = fm.problems[0]?.message;
    throw failure("local", say(`The frontmatter cannot be read${first ? ` (${first.en})` : ""}: nothing was sent to Hatena Blog.`, `フロントマターを読めないため${first ? `（${first.ja}）` : ""}、はてなブログには何も送っていません。`));
  }
  const bad = (key: string, en: string, ja: string) => failure("local", say(`${key}: ${en} Nothing was sent to Hatena Blog.`, `${key}: ${ja}はてなブログには何も送っていません。`), { fields: [key] });

  const rawTitle = data["Title"];
  if (rawTitle !== undefined && rawTitle !== null && typeof rawTitle !== "string" && typeof rawTitle !== "number") throw bad("Title", "must be text.", "文字列で書いてください。");
  const title = rawTitle === undefined || rawTitle === null ? "" : String(rawTitle);
  if (title.trim() === "") throw bad("Title", "the post has no title.", "記事のタイトルがありません。");

  const rawCategory = data["Category"];
  let categories: string[] = [];
  if (Array.isArray(rawCategory)) categories = rawCategory.filter((c) => c !== null && c !== undefined).map(String);
  else if (typeof rawCategory === "string" || typeof rawCategory === "number") categories = [String(rawCategory)];
  else if (rawCategory !== undefined && rawCategory !== null) throw bad("Category", "must be a list of category names.", "カテゴリ名のリストで書いてください。");

  const rawDate = data["Date"];
  let date: string | undefined;
  let dateMs: number | undefined;
  if (rawDate !== undefined && rawDate !== null && rawDate !== "") {
    date = String(rawDate).trim();
    dateMs = Date.parse(date);
    if (!RFC3339.test(date) || Number.isNaN(dateMs)) throw bad("Date", `"${date}" is not an RFC 3339 date such as 2024-05-01T09:30:00+09:00.`, `「${date}」は 2024-05-01T09:30:00+09:00 のような RFC 3339 の日時ではありません。`);
  }

  const draft = readBool(data["Draft"]);
  if (draft === "bad") throw bad("Draft", "must be true or false.", "true か false で書いてください。");

  const rawCustom = data["CustomPath"];
  const customPath = rawCustom === undefined || rawCustom === null || rawCustom === "" ? undefined : String(rawCustom);
  const rawEdit = data["EditURL"];
  const editUrl = rawEdit === undefined || rawEdit === null || String(rawEdit).trim() === "" ? undefined : String(rawEdit).trim();

  // The body as blogsync reads it: everything after the closing fence and the blank lines after it.
  const body = text.slice(fm.range[1]).replace(/^(?:\r\n|\r|\n)+/, "");

  const checked: [string, string][] = [["Title", title], ["Category", categories.join("")], ["CustomPath", customPath ?? ""], ["body", body]];
  for (const [key, value] of checked) {
    const at = invalidXmlCharacter(value);
    if (at) {
      const code = `U+${at.codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
      throw failure(
        "local",
        say(
          `The ${key === "body" ? "body" : key} contains the control character ${code}, which Hatena Blog's XML API cannot carry; remove it. Nothing was sent.`,
          `${key === "body" ? "本文" : key}に、はてなブログの XML API では送れない制御文字 ${code} が含まれています。削除してください。何も送っていません。`,
        ),
        key === "body" ? {} : { fields: [key] },
      );
    }
  }
  return {
    title,
    body,
    categories,
    ...(date !== undefined ? { date, dateMs } : {}),
    ...(draft !== undefined ? { draft } : {}),
    ...(customPath !== undefined ? { customPath } : {}),
    ...(editUrl !== undefined ? { editUrl } : {}),
  };
}

// --- requests ---

interface Context {
  env: PublishEnvironment;
  creds: HatenaCredentials;
  collection: string;
  apiKey: string;
}

function checkCredentials(creds: HatenaCredentials): void {
  // Hatena IDs: 3 to 32 letters, digits, `-` and `_`, starting with a letter. Checked so that nothing
  // odd reaches a header or a URL path.
  if (!/^[A-Za-z][A-Za-z0-9_-]{1,31}$/.test(creds.hatenaId)) {
    throw failure("auth", say(`"${creds.hatenaId}" is not a Hatena ID; set your Hatena ID (letters, digits, - and _). Nothing was sent.`, `「${creds.hatenaId}」ははてなIDではありません。はてなID（英数字・-・_）を設定してください。何も送っていません。`));
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(creds.blogId)) {
    throw failure("auth", say(`"${creds.blogId}" is not a blog ID; set the blog's domain, e.g. example.hatenablog.com. Nothing was sent.`, `「${creds.blogId}」はブログIDではありません。example.hatenablog.com のようなブログのドメインを設定してください。何も送っていません。`));
  }
  if (creds.apiKey.trim() === "") {
    throw failure("auth", say("No Hatena Blog API key is set (blog settings → Advanced → AtomPub). Nothing was sent.", "はてなブログの API キーが設定されていません（ブログの設定 → 詳細設定 → AtomPub）。何も送っていません。"));
  }
}

function context(creds: HatenaCredentials, env: PublishEnvironment): Context {
  checkCredentials(creds);
  const base = (env.baseUrls?.hatena ?? DEFAULT_BASE_URLS.hatena).replace(/\/+$/, "");
  return { env: redactedEnv(env, redactor(creds.apiKey)), creds, collection: `${base}/${creds.hatenaId}/${creds.blogId}/atom/entry`, apiKey: creds.apiKey };
}

/** The value of X-WSSE: digest = base64(sha1(nonce bytes + Created + API key)). */
export function wsseHeader(creds: HatenaCredentials, env: Pick<PublishEnvironment, "now" | "randomBytes">): string {
  const nonce = Buffer.from(env.randomBytes(20));
  const created = new Date(env.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const digest = createHash("sha1").update(nonce).update(created, "utf8").update(creds.apiKey, "utf8").digest("base64");
  return `UsernameToken Username="${creds.hatenaId}", PasswordDigest="${digest}", Nonce="${nonce.toString("base64")}", Created="${created}"`;
}

/** Hatena's error body → one line (its error pages are short text or HTML). */
function describeBody(body: string): string {
  const text = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text === "" ? "(no message)" : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

class CallFailure extends Error {
  constructor(
    readonly error: PublishError,
    readonly status: number | undefined,
    readonly said: string | undefined,
  ) {
    super(error.message.en);
  }
}

async function call(ctx: Context, method: "GET" | "POST" | "PUT", url: string, body?: string): Promise<HttpResponse> {
  const headers: Record<string, string> = { Authorization: 'WSSE profile="UsernameToken"', Accept: "application/atom+xml" };
  if (body !== undefined) headers["Content-Type"] = "application/atom+xml; type=entry; charset=utf-8";
  // A getter, so that every attempt httpRequest makes (it retries GET and PUT with the same headers
  // object) carries a fresh nonce and Created: a replayed WSSE token may be refused.
  Object.defineProperty(headers, "X-WSSE", { enumerable: true, get: () => wsseHeader(ctx.creds, ctx.env) });
  let status: number | undefined;
  let said: string | undefined;
  try {
    return await httpRequest(ctx.env, {
      method,
      url,
      headers,
      ...(body !== undefined ? { body } : {}),
      idempotent: method !== "POST",
      describe: (s, b) => {
        status = s;
        said = describeBody(b);
        return said;
      },
    });
  } catch (e) {
    if (e instanceof PublishFailure) throw new CallFailure(e.error, status, said);
    throw e;
  }
}

type Step = "create" | "check" | "update" | "pull";

/** A failed request, said in Hatena Blog's terms and with what it means for the post. */
function explain(f: CallFailure, step: Step, ctx: Context): PublishFailure {
  const code = f.status !== undefined ? ` (${f.status})` : "";
  const codeJa = f.status !== undefined ? `（${f.status}）` : "";
  const said = f.said ?? "";
  const outcome: Record<Step, Localized> = {
    create: say("The post was not created.", "記事は作成されていません。"),
    check: say("Nothing was changed on Hatena Blog.", "はてなブログ上では何も変更していません。"),
    update: say("The post on Hatena Blog may or may not have been updated; publishing again is safe (an update replaces the post, it never makes a second copy).", "はてなブログ上の記事が更新されたかどうかは分かりません。更新は記事を置き換えるだけで複製は作らないため、もう一度公開して構いません。"),
    pull: say("Nothing was downloaded.", "何も取得していません。"),
  };
  // A status answer (4xx) means the request was refused, so nothing changed even for an update.
  const refused = step === "update" ? say("The post on Hatena Blog was not changed.", "はてなブログ上の記事は変更されていません。") : outcome[step];
  const detail = f.error.detail !== undefined ? { detail: f.error.detail } : {};
  const make = (kind: PublishErrorKind, en: string, ja: string, after: Localized) => failure(kind, say(`${en} ${after.en}`, `${ja}${after.ja}`), detail);
  switch (f.error.kind) {
    case "auth":
      return make("auth", `Hatena Blog refused the credentials${code}: ${said}. Check the Hatena ID, the blog ID (${ctx.creds.blogId}) and the AtomPub API key.`, `はてなブログが認証を拒否しました${codeJa}: ${said}。はてなID・ブログID（${ctx.creds.blogId}）・AtomPub の API キーを確かめてください。`, refused);
    case "notFound":
      if (step === "create") {
        return make("auth", `Hatena Blog has no blog "${ctx.creds.blogId}" for ${ctx.creds.hatenaId}${code}: check the blog ID (the blog's domain).`, `はてなブログに ${ctx.creds.hatenaId} のブログ「${ctx.creds.blogId}」がありません${codeJa}。ブログID（ブログのドメイン）を確かめてください。`, refused);
      }
      if (step === "pull") return make("notFound", `The post is no longer on Hatena Blog${code}.`, `記事ははてなブログ上にもうありません${codeJa}。`, refused);
      return make(
        "notFound",
        `The post is no longer on Hatena Blog${code}: it was deleted there. To publish it as a new post, forget its EditURL and URL, then publish again.`,
        `記事ははてなブログ上で削除されています${codeJa}。新しい記事として公開するには、EditURL と URL を消してからもう一度公開してください。`,
        refused,
      );
    case "invalid":
      return make("invalid", `Hatena Blog refused the post${code}: ${said}.`, `はてなブログが記事を受け付けませんでした${codeJa}: ${said}。`, refused);
    case "rateLimited":
      return make("rateLimited", "Hatena Blog is limiting requests (429), still after waiting as it asked; try again later.", "はてなブログのリクエスト数の上限に達しています（429）。指定どおり待っても解除されませんでした。時間をおいて試してください。", refused);
    case "server":
      return make("server", `Hatena Blog failed${code}; try again later.`, `はてなブログでエラーが起きました${codeJa}。時間をおいて試してください。`, f.status !== undefined && f.status < 500 ? refused : outcome[step]);
    case "network":
      return make("network", `Could not reach Hatena Blog (${f.error.detail ?? "network error"}).`, `はてなブログに接続できませんでした（${f.error.detail ?? "ネットワークエラー"}）。`, outcome[step]);
    case "timeout":
      return make("timeout", "Hatena Blog did not answer in time.", "はてなブログから時間内に応答がありませんでした。", outcome[step]);
    case "cancelled":
      return make("cancelled", "Cancelled.", "キャンセルしました。", outcome[step]);
    default:
      return new PublishFailure(f.error);
  }
}

// --- blogsync's view of an entry ---

/** The remote entry as blogsync writes a post file (its keys, in its order). */
export function hatenaEntryToPost(entry: AtomEntry, now: number): string {
  const header: Record<string, unknown> = { Title: entry.title };
  if (entry.categories.length > 0) header["Category"] = entry.categories;
  const draft = entry.draft === true;
  // As blogsync: a draft's date is the time it was last saved, not a chosen date, unless in the future (scheduled).
  if (entry.updated && !(draft && Date.parse(entry.updated) <= now)) header["Date"] = entry.updated;
  const url = linkHref(entry.links, "alternate");
  if (url) header["URL"] = url;
  header["EditURL"] = linkHref(entry.links, "edit") ?? "";
  const preview = linkHref(entry.links, "preview");
  if (preview) header["PreviewURL"] = preview;
  if (draft) header["Draft"] = true;
  if (entry.customUrl) header["CustomPath"] = entry.customUrl;
  const text = `---\n${YAML.stringify(header, { lineWidth: 0, indentSeq: false })}---\n\n${entry.content}`;
  return text.endsWith("\n") ? text : `${text}\n`;
}

const normalised = (s: string) => s.replace(/\r\n?/g, "\n").replace(/\s+$/, "");

/** The remote entry holds what the local post would send (title, body, categories). */
function sameAs(entry: AtomEntry, post: LocalPost): boolean {
  return entry.title === post.title && normalised(entry.content) === normalised(post.body);
}

function sameCategories(entry: AtomEntry, post: LocalPost): boolean {
  return [...entry.categories].sort().join("\n") === [...post.categories].sort().join("\n");
}

function isMemberUrl(url: string, ctx: Context): boolean {
  try {
    return new URL(url).href.startsWith(`${ctx.collection}/`) && !/[?#]/.test(url.slice(ctx.collection.length));
  } catch {
    return false;
  }
}

// --- publish ---

/**
 * Publishes a blogsync post to Hatena Blog: creates it when EditURL is empty, else updates it.
 * Draft: the mode "draft", or `Draft: true` in the frontmatter (a post marked as a draft is not made
 * public by "publish"). On success the text comes back with EditURL, URL and Draft written.
 */
export async function publishHatena(request: PublishRequest, creds: HatenaCredentials, env: PublishEnvironment, options: HatenaPublishOptions = {}): Promise<PublishOutcome> {
  const redact = redactor(creds.apiKey);
  try {
    const ctx = context(creds, env);
    const post = readPost(request.text);
    const draft = request.mode === "draft" || post.draft === true;
    const xml = buildEntryXml({
      title: post.title,
      author: creds.hatenaId,
      content: post.body,
      ...(post.date !== undefined ? { updated: post.date } : {}),
      categories: post.categories,
      draft,
      ...(post.customPath !== undefined ? { customUrl: post.customPath } : {}),
    });
    const keptDraft = request.mode === "publish" && post.draft === true;
    const outcome = post.editUrl === undefined ? await create(ctx, request, post, xml, draft, keptDraft) : await update(ctx, request, post, xml, draft, keptDraft, options);
    if (!outcome.ok) return { ok: false, error: scrubbed(new PublishFailure(outcome.error), redact) };
    return { ...outcome, message: { en: redact(outcome.message.en), ja: redact(outcome.message.ja) } };
  } catch (e) {
    return { ok: false, error: scrubbed(e, redact) };
  }
}

/** The write-back: EditURL, URL (when known) and Draft as Hatena reports it. */
function recorded(text: string, entry: AtomEntry | undefined, editUrl: string, draftSent: boolean): { text: string; url?: string; draft: boolean } {
  const url = entry ? linkHref(entry.links, "alternate") : undefined;
  const draft = entry?.draft ?? draftSent;
  const values: Record<string, string> = { EditURL: yamlString(editUrl) };
  if (url) values["URL"] = yamlString(url);
  values["Draft"] = draft ? "true" : "false";
  return { text: writeBack(text, values), ...(url ? { url } : {}), draft };
}

function draftNote(draftSent: boolean, draftNow: boolean, keptDraft: boolean): Localized {
  if (draftNow !== draftSent) {
    return draftNow
      ? say(" Hatena Blog reports it as a draft; Draft: true was recorded.", "はてなブログ上では下書きのままです（Draft: true を記録しました）。")
      : say(" Hatena Blog reports it as published; Draft: false was recorded.", "はてなブログ上では公開済みです（Draft: false を記録しました）。")
  }
  if (keptDraft) return say(" It stays a draft because the frontmatter says Draft: true.", "フロントマターが Draft: true のため、下書きのままです。");
  return say("", "");
}

function createdOutcome(ctx: Context, request: PublishRequest, entry: AtomEntry, draftSent: boolean, keptDraft: boolean, lead?: Localized): PublishOutcome {
  const editUrl = linkHref(entry.links, "edit") ?? "";
  const done = recorded(request.text, entry, editUrl, draftSent);
  const at = done.url ? `: ${done.url}` : ".";
  const atJa = done.url ? `: ${done.url}` : "。";
  const note = draftNote(draftSent, done.draft, keptDraft);
  ctx.env.log?.(`Hatena Blog: created ${editUrl}`);
  return {
    ok: true,
    action: "created",
    ...(done.url ? { url: done.url } : {}),
    text: done.text,
    message: say(
      `${lead ? `${lead.en} ` : ""}Created the post on Hatena Blog${done.draft ? " as a draft" : ""}${at}${note.en}`,
      `${lead?.ja ?? ""}はてなブログに記事を${done.draft ? "下書きとして" : ""}作成しました${atJa}${note.ja}`,
    ),
  };
}

/** What made a create's result unknown, for the message. */
function causeOf(f: CallFailure): Localized {
  if (f.error.kind === "server") return say(`Hatena Blog answered ${f.status ?? "an error"} to the post.`, `はてなブログが記事の送信に ${f.status ?? "エラー"} を返しました。`);
  if (f.error.kind === "timeout" || /abort/i.test(f.error.detail ?? "")) return say("Hatena Blog did not answer in time after the post was sent.", "記事の送信後、はてなブログから時間内に応答がありませんでした。");
  return say(`The connection failed after the post was sent (${f.error.detail ?? "network error"}).`, `記事の送信後に接続が切れました（${f.error.detail ?? "ネットワークエラー"}）。`);
}

async function create(ctx: Context, request: PublishRequest, post: LocalPost, xml: string, draft: boolean, keptDraft: boolean): Promise<PublishOutcome> {
  let response: HttpResponse;
  try {
    response = await call(ctx, "POST", ctx.collection, xml);
  } catch (e) {
    if (!(e instanceof CallFailure)) throw e;
    const kind = e.error.kind;
    // Cancelled before sending, or refused (4xx, 429 after the waits): nothing was created.
    // "server" (5xx) is looked up too: a server may fail after storing the post.
    if (kind !== "ambiguous" && kind !== "server" && kind !== "timeout") throw explain(e, "create", ctx);
    return recoverCreate(ctx, request, post, draft, keptDraft, causeOf(e), false, e);
  }
  const { entry, unreadable } = readEntry(response.body);
  if (!entry || !linkHref(entry.links, "edit")) {
    const why = unreadable || "no link rel=\"edit\"";
    return recoverCreate(ctx, request, post, draft, keptDraft, say(`Hatena Blog accepted the post (${response.status}) but its answer could not be read (${why}).`, `はてなブログは記事を受け付けました（${response.status}）が、応答を読めませんでした（${why}）。`), true);
  }
  return createdOutcome(ctx, request, entry, draft, keptDraft);
}

/**
 * After a create whose answer was lost: search the collection for the post, never send it again.
 * `accepted`: Hatena answered 2xx (the post exists; only its links are missing).
 */
async function recoverCreate(ctx: Context, request: PublishRequest, post: LocalPost, draft: boolean, keptDraft: boolean, cause: Localized, accepted: boolean, lost?: CallFailure): Promise<PublishOutcome> {
  ctx.env.log?.(`Hatena Blog: ${cause.en} Looking the post up in ${ctx.collection}`);
  const search = await lookUp(ctx, post);
  if (search.found) {
    return createdOutcome(ctx, request, search.found, draft, keptDraft, say(`${cause.en} The post was found on the blog, created once.`, `${cause.ja}ブログ上に記事が 1 件作成されていることを確認しました。`));
  }
  const detail = lost?.error.detail !== undefined ? { detail: lost.error.detail } : {};
  if (search.complete && !accepted) {
    // The whole collection was read and the post is not there: it was not created.
    const kind: PublishErrorKind = lost?.error.kind === "server" ? "server" : lost?.error.kind === "timeout" || /abort/i.test(lost?.error.detail ?? "") ? "timeout" : "network";
    return {
      ok: false,
      error: {
        kind,
        message: say(`${cause.en} The post is not on the blog (all its entries were checked): it was not created. Publishing again is safe.`, `${cause.ja}ブログの全記事を確認しましたが、記事はありません。作成されていないため、もう一度公開して構いません。`),
        ...detail,
      },
    };
  }
  const why = search.error
    ? say(`looking it up failed (${search.error.en})`, `確認できませんでした（${search.error.ja}）`)
    : search.complete
      ? say("it is not among the blog's entries", "ブログの記事一覧に見つかりません")
      : say(`it is not among the ${MAX_LOOKUP_PAGES} most recent pages of entries`, `最新 ${MAX_LOOKUP_PAGES} ページ分の記事一覧に見つかりません`);
  return {
    ok: false,
    error: {
      kind: "ambiguous",
      message: say(
        `${cause.en} The post may ${accepted ? "well" : "or may not"} have been created, and ${why.en}. Check the blog before publishing again: publishing again could make a second copy.`,
        `${cause.ja}${accepted ? "記事は作成された可能性が高いものの、" : "記事が作成されたかどうかは分からず、"}${why.ja}。もう一度公開すると記事が 2 件になるおそれがあるため、先にブログを確認してください。`,
      ),
      ...detail,
    },
  };
}

/** Searches the collection (rel="next" pages) for an entry with the post's title and body. */
async function lookUp(ctx: Context, post: LocalPost): Promise<{ found?: AtomEntry; complete: boolean; error?: Localized }> {
  let url: string | undefined = ctx.collection;
  for (let page = 0; page < MAX_LOOKUP_PAGES && url !== undefined; page++) {
    let body: string;
    try {
      body = (await call(ctx, "GET", url)).body;
    } catch (e) {
      if (e instanceof CallFailure) return { complete: false, error: e.error.message };
      throw e;
    }
    let entries: AtomEntry[];
    let next: string | undefined;
    try {
      const feed = parseFeed(body);
      entries = feed.entries;
      next = linkHref(feed.links, "next");
    } catch (e) {
      if (e instanceof AtomXmlError) return { complete: false, error: say(`the list of entries could not be read: ${e.message}`, `記事一覧を読めませんでした: ${e.message}`) };
      throw e;
    }
    const found = entries.find((entry) => sameAs(entry, post) && linkHref(entry.links, "edit"));
    if (found) return { found, complete: true };
    if (next === undefined) return { complete: true };
    // Follow only the blog's own collection: the credentials go with every request.
    if (!next.startsWith(ctx.collection)) return { complete: false, error: say(`the next page is outside the blog (${next})`, `次のページがブログの外を指しています（${next}）`) };
    url = next;
  }
  return { complete: false };
}

async function update(ctx: Context, request: PublishRequest, post: LocalPost, xml: string, draft: boolean, keptDraft: boolean, options: HatenaPublishOptions): Promise<PublishOutcome> {
  const editUrl = post.editUrl ?? "";
  if (!isMemberUrl(editUrl, ctx)) {
    throw failure(
      "local",
      say(
        `EditURL (${editUrl}) is not an entry of the blog ${ctx.creds.blogId} (${ctx.collection}/…), so the credentials were not sent to it. Correct EditURL, or clear it to publish as a new post.`,
        `EditURL（${editUrl}）はブログ ${ctx.creds.blogId} の記事（${ctx.collection}/…）ではないため、認証情報を送っていません。EditURL を直すか、新しい記事として公開するなら消してください。`,
      ),
      { fields: ["EditURL"] },
    );
  }
  if (!request.force) {
    let remote: AtomEntry;
    try {
      remote = parseEntry((await call(ctx, "GET", editUrl)).body);
    } catch (e) {
      if (e instanceof CallFailure) throw explain(e, "check", ctx);
      if (e instanceof AtomXmlError) {
        throw failure("server", say(`Hatena Blog's copy of the post could not be read (${e.message}), so it could not be checked for changes. Nothing was changed on Hatena Blog.`, `はてなブログ上の記事を読めなかったため（${e.message}）、変更の有無を確認できませんでした。はてなブログ上では何も変更していません。`));
      }
      throw e;
    }
    const conflict = conflictWith(remote, post, options);
    if (conflict) {
      return { ok: false, error: { kind: "conflict", message: conflict, remoteText: hatenaEntryToPost(remote, ctx.env.now()) } };
    }
  }
  let response: HttpResponse;
  try {
    response = await call(ctx, "PUT", editUrl, xml);
  } catch (e) {
    if (e instanceof CallFailure) throw explain(e, "update", ctx);
    throw e;
  }
  const { entry, unreadable } = readEntry(response.body);
  const done = recorded(request.text, entry, (entry && linkHref(entry.links, "edit")) || editUrl, draft);
  ctx.env.log?.(`Hatena Blog: updated ${editUrl}`);
  const at = done.url ? `: ${done.url}` : ".";
  const atJa = done.url ? `: ${done.url}` : "。";
  const note = entry
    ? draftNote(draft, done.draft, keptDraft)
    : say(` Its answer could not be read (${unreadable}), so URL was left as it was.`, `応答を読めなかったため（${unreadable}）、URL はそのままにしました。`);
  return {
    ok: true,
    action: "updated",
    ...(done.url ? { url: done.url } : {}),
    text: done.text,
    message: say(`Updated the post on Hatena Blog${done.draft ? " (a draft)" : ""}${at}${note.en}`, `はてなブログの${done.draft ? "下書き" : "記事"}を更新しました${atJa}${note.ja}`),
  };
}

/** blogsync's rule: refuse when the remote app:edited is newer than the local copy by more than 3 s. */
function conflictWith(remote: AtomEntry, post: LocalPost, options: HatenaPublishOptions): Localized | undefined {
  // Nothing on the remote would be lost (e.g. an update whose answer was lost, sent again).
  if (sameAs(remote, post) && sameCategories(remote, post)) return undefined;
  const remoteStamp = remote.edited ?? remote.updated;
  const remoteMs = remoteStamp !== undefined ? Date.parse(remoteStamp) : NaN;
  const localMs = options.localEditedMs ?? post.dateMs;
  if (localMs === undefined || Number.isNaN(remoteMs)) {
    return say(
      "Cannot tell whether the post on Hatena Blog changed after this copy (no local Date or edit time to compare), and the two differ; publishing would overwrite it. Compare them, then publish with overwrite if this copy should win.",
      "はてなブログ上の記事と手元の記事の内容が異なり、どちらが新しいか判断できません（比べる日時がありません）。公開すると上書きされます。内容を比べて、手元の版を優先する場合は上書きで公開してください。",
    );
  }
  if (remoteMs <= localMs + CLOCK_SKEW_MS) return undefined;
  const local = new Date(localMs).toISOString().replace(/\.000Z$/, "Z");
  return say(
    `The post on Hatena Blog was edited at ${remoteStamp}, after this copy (${local}); publishing would overwrite those changes. Compare them, then publish with overwrite if this copy should win.`,
    `はてなブログ上の記事は ${remoteStamp} に編集されており、手元の版（${local}）より新しいため、公開すると上書きされます。内容を比べて、手元の版を優先する場合は上書きで公開してください。`,
  );
}

// --- pull, forget ---

/**
 * Downloads the post at the text's EditURL, as blogsync writes it (for a diff with the local copy).
 * Fails with a PublishFailure (no EditURL, auth, notFound…), like pullQiita.
 */
export async function pullHatena(text: string, creds: HatenaCredentials, env: PublishEnvironment): Promise<string> {
  return guardedPull(creds.apiKey, env, undefined, async (_safe, redact) => {
    const ctx = context(creds, env);
    const data = parseFrontmatter(text)?.data;
    const raw = data?.["EditURL"];
    const editUrl = raw === undefined || raw === null ? "" : String(raw).trim();
    if (editUrl === "") {
      throw failure("local", say("The post has no EditURL: it has not been published to Hatena Blog (or was unlinked). Nothing was downloaded.", "記事に EditURL がありません。はてなブログに公開されていない（または関連付けを外した）記事です。何も取得していません。"), { fields: ["EditURL"] });
    }
    if (!isMemberUrl(editUrl, ctx)) {
      throw failure("local", say(`EditURL (${editUrl}) is not an entry of the blog ${creds.blogId}, so the credentials were not sent to it. Nothing was downloaded.`, `EditURL（${editUrl}）はブログ ${creds.blogId} の記事ではないため、認証情報を送っていません。何も取得していません。`), { fields: ["EditURL"] });
    }
    let entry: AtomEntry;
    try {
      entry = parseEntry((await call(ctx, "GET", editUrl)).body);
    } catch (e) {
      if (e instanceof CallFailure) throw explain(e, "pull", ctx);
      if (e instanceof AtomXmlError) throw failure("server", say(`Hatena Blog's answer could not be read (${e.message}). Nothing was downloaded.`, `はてなブログの応答を読めませんでした（${e.message}）。何も取得していません。`));
      throw e;
    }
    return redact(hatenaEntryToPost(entry, env.now()));
  });
}

/**
 * Unlinks the post from a remote entry deleted on Hatena Blog (after a "notFound"): EditURL, URL and
 * PreviewURL become empty, so the next publish creates a new post. Other bytes stay as they were.
 */
export function forgetRemoteHatena(text: string): string {
  const data = parseFrontmatter(text)?.data;
  if (!data) return writeBack(text, {}); // throws the "no frontmatter" failure, or changes nothing
  const values: Record<string, string> = {};
  for (const key of ["EditURL", "URL", "PreviewURL"]) {
    const value = data[key];
    if (value !== undefined && value !== null && value !== "") values[key] = '""';
  }
  return Object.keys(values).length > 0 ? writeBack(text, values) : text;
}

/** The entry an answer carries, or why it could not be read (malformed XML). */
function readEntry(body: string): { entry: AtomEntry | undefined; unreadable: string } {
  try {
    return { entry: parseEntry(body), unreadable: "" };
  } catch (e) {
    if (!(e instanceof AtomXmlError)) throw e;
    return { entry: undefined, unreadable: e.message };
  }
}
