/**
 * The HTTP layer the platform clients share: a time limit per request, cancellation, `Retry-After`
 * on 429, retries with backoff on 5xx and network errors for idempotent requests only, and one
 * classification of failures. A create (POST) is never retried blindly: a network error or a
 * time-out after it was sent is "ambiguous", and the caller looks the post up before trying again.
 */
import { PublishFailure, type PublishEnvironment, type PublishErrorKind } from "./types";

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Safe to send twice (GET, PUT, DELETE; a PATCH that sets fields). POST never is. */
  idempotent: boolean;
  /** How the platform words its errors: the body → one line for the writer. */
  describe?: (status: number, body: string) => string | undefined;
}

export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: string;
}

/**
 * A platform API base URL as a setting or the environment gives it: https only, or http to a loopback
 * address (the tests' servers), so a token is never sent in clear text to another machine.
 * Undefined when absent or not allowed.
 */
export function allowedBaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
    return url.protocol === "https:" || (url.protocol === "http:" && loopback) ? value.replace(/\/+$/, "") : undefined;
  } catch {
    return undefined;
  }
}

const MAX_ATTEMPTS = 3;
const MAX_RATE_LIMIT_WAITS = 2;
const MAX_RETRY_AFTER_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 30_000;

/** `Retry-After` as seconds or an HTTP date, in ms from `now` (undefined: absent or unreadable). */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function fail(kind: PublishErrorKind, en: string, ja: string, detail?: string): PublishFailure {
  return new PublishFailure({ kind, message: { en, ja }, ...(detail !== undefined ? { detail } : {}) });
}

function statusFailure(status: number, body: string, request: HttpRequest): PublishFailure {
  const said = request.describe?.(status, body) ?? body.slice(0, 300);
  const host = new URL(request.url).host;
  if (status === 401 || status === 403) return fail("auth", `${host} refused the token (${status}): ${said}`, `${host} がトークンを拒否しました（${status}）: ${said}`, body);
  if (status === 404) return fail("notFound", `${host} has no such post (404): ${said}`, `${host} に該当する記事がありません（404）: ${said}`, body);
  if (status === 400 || status === 422) return fail("invalid", `${host} refused the post (${status}): ${said}`, `${host} が記事を受け付けませんでした（${status}）: ${said}`, body);
  if (status === 429) return fail("rateLimited", `${host} limits the requests (429); try again later.`, `${host} のリクエスト数の上限に達しました（429）。時間をおいて試してください。`, body);
  if (status >= 500) return fail("server", `${host} failed (${status}); try again later.`, `${host} でエラーが起きました（${status}）。時間をおいて試してください。`, body);
  return fail("server", `${host} answered ${status}: ${said}`, `${host} が ${status} を返しました: ${said}`, body);
}

/** Sends one request with the retry policy above; resolves with a 2xx response, else throws PublishFailure. */
export async function httpRequest(env: PublishEnvironment, request: HttpRequest): Promise<HttpResponse> {
  let rateLimitWaits = 0;
  for (let attempt = 1; ; attempt++) {
    if (env.signal?.aborted) throw fail("cancelled", "Cancelled.", "キャンセルしました。");
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    env.signal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(), env.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let response: HttpResponse;
    try {
      const r = await env.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: controller.signal,
      });
      response = { status: r.status, headers: r.headers, body: await r.text() };
    } catch (e) {
      if (env.signal?.aborted) {
        throw request.idempotent
          ? fail("cancelled", "Cancelled.", "キャンセルしました。")
          : fail("ambiguous", "Cancelled while the post was being sent; it may or may not have been created.", "送信中にキャンセルしました。記事が作成されたかどうかは分かりません。");
      }
      const timedOut = controller.signal.aborted;
      const detail = e instanceof Error ? e.message : String(e);
      env.log?.(`${request.method} ${request.url}: ${timedOut ? "timed out" : detail} (attempt ${attempt})`);
      if (!request.idempotent) {
        throw fail("ambiguous", "The connection failed after the post was sent; it may or may not have been created.", "記事の送信後に接続が切れました。記事が作成されたかどうかは分かりません。", detail);
      }
      if (attempt < MAX_ATTEMPTS) {
        await env.sleep(500 * 2 ** (attempt - 1), env.signal);
        continue;
      }
      const host = new URL(request.url).host;
      throw timedOut
        ? fail("timeout", `${host} did not answer in time.`, `${host} から時間内に応答がありませんでした。`, detail)
        : fail("network", `Could not reach ${host}: ${detail}`, `${host} に接続できませんでした: ${detail}`, detail);
    } finally {
      clearTimeout(timer);
      env.signal?.removeEventListener("abort", onAbort);
    }
    if (response.status >= 200 && response.status < 300) return response;
    if (response.status === 429 && rateLimitWaits < MAX_RATE_LIMIT_WAITS) {
      // Not processed: safe to send again, a create included.
      const wait = retryAfterMs(response.headers.get("retry-after"), env.now());
      if (wait !== undefined && wait <= MAX_RETRY_AFTER_MS) {
        rateLimitWaits++;
        env.log?.(`${request.method} ${request.url}: 429, waiting ${wait} ms as Retry-After asks`);
        await env.sleep(wait, env.signal);
        attempt--;
        continue;
      }
    }
    if (response.status >= 500 && request.idempotent && attempt < MAX_ATTEMPTS) {
      env.log?.(`${request.method} ${request.url}: ${response.status}, retrying (attempt ${attempt})`);
      await env.sleep(500 * 2 ** (attempt - 1), env.signal);
      continue;
    }
    throw statusFailure(response.status, response.body, request);
  }
}
