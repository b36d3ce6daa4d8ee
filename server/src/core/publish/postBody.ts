/**
 * What the HTTP platform clients (Qiita, dev.to) share beyond types.ts/http.ts/writeBack.ts:
 * splitting a post into its frontmatter data and its Markdown body (everything after the closing
 * fence's line break, unchanged), replacing the body, a block-or-flow YAML list for a write-back,
 * the HTTP call that remembers the status a failure came with, redaction of the token from every
 * message and log line, and the mapping of a platform's error wording to frontmatter keys.
 */
import * as YAML from "yaml";
import { Fields, yamlString } from "../frontmatter/fields";
import { parseFrontmatter, type ParsedFrontmatter } from "../frontmatter/parse";
import { say, type Localized } from "../shared/i18n";
import { httpRequest, type HttpRequest, type HttpResponse } from "./http";
import { PublishFailure, type PublishEnvironment, type PublishError, type PublishErrorKind, type PublishOutcome } from "./types";
import { lineStartAt } from "../shared/lines";


export function failure(kind: PublishErrorKind, message: Localized, extra: Omit<PublishError, "kind" | "message"> = {}): PublishFailure {
  return new PublishFailure({ kind, message, ...extra });
}

export interface PostParts {
  fm: ParsedFrontmatter;
  /** The top-level mapping of the YAML frontmatter. */
  data: Record<string, unknown>;
  /** Everything after the closing fence and its line break, byte for byte. */
  body: string;
  /** Where the body starts in the post. */
  bodyStart: number;
}

/** Splits a post into its YAML frontmatter data and its body; a post without readable YAML frontmatter fails with kind "local". */
export function splitPost(text: string): PostParts {
  const fm = parseFrontmatter(text);
  if (!fm) {
    throw failure("local", say("The post has no frontmatter (a block between --- lines at the top): nothing was sent.", "記事にフロントマター（先頭の --- で囲まれた部分）がありません。何も送信していません。"));
  }
  if (fm.kind !== "yaml") {
    throw failure("local", say("Publishing reads YAML frontmatter (--- lines), not TOML (+++): nothing was sent.", "公開で読めるのは YAML のフロントマター（---）で、TOML（+++）は読めません。何も送信していません。"));
  }
  const bad = fm.problems.find((p) => p.severity === "error") ?? (fm.data ? undefined : fm.problems[0]);
  if (bad || !fm.data) {
    const why = bad?.message ?? say("it could not be read", "読み取れません");
    throw failure("local", say(`The frontmatter cannot be read (${why.en}): nothing was sent.`, `フロントマターを読み取れません（${why.ja}）。何も送信していません。`));
  }
  const eol = /^(\r\n|\r|\n)/.exec(text.slice(fm.range[1]));
  const bodyStart = fm.range[1] + (eol ? eol[0].length : 0);
  return { fm, data: fm.data, body: text.slice(bodyStart), bodyStart };
}

/** The post with its body replaced (the frontmatter kept byte for byte). */
export function replaceBody(text: string, body: string): string {
  const parts = splitPost(text);
  const head = text.slice(0, parts.bodyStart);
  return parts.bodyStart === parts.fm.range[1] && body !== "" ? `${head}${parts.fm.eol}${body}` : `${head}${body}`;
}

/**
 * The YAML text for a list value that writeBack puts in place of `key`'s value: a block list
 * (`- a` lines, indented like the existing ones) when the key already holds one, as Qiita CLI
 * writes tags; a flow list (`[a, b]`) otherwise.
 */
export function listYaml(text: string, key: string, values: readonly string[]): string {
  const flow = `[${values.map((v) => yamlString(v)).join(", ")}]`;
  const fm = parseFrontmatter(text);
  if (!fm?.doc || values.length === 0) return flow;
  const fields = new Fields(text, fm);
  const node = fields.node(key);
  if (!YAML.isSeq(node) || node.flow || node.items.length === 0) return flow;
  const [start, end] = fields.valueRange(key);
  const lineStart = lineStartAt(text, start);
  const indent = text.slice(lineStart, start);
  if (!/^[ \t]*$/.test(indent)) return flow;
  // The yaml package's range of a block list ends after the last item's line break: keep one there.
  const trailing = /(\r\n|\r|\n)$/.exec(text.slice(start, end))?.[0] ?? "";
  return values.map((v, i) => `${i === 0 ? "" : indent}- ${yamlString(v)}`).join(fm.eol) + trailing;
}

/** Bodies equal up to line-break style and trailing line breaks (platforms normalise both). */
export function sameBody(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  return norm(a) === norm(b);
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A failure of `send`, with the HTTP status it came with (undefined: no answer) and the platform's own words. */
export class SendFailure extends PublishFailure {
  constructor(
    error: PublishError,
    readonly status: number | undefined,
    readonly said: string | undefined,
  ) {
    super(error);
  }
}

/** httpRequest, remembering the status and the platform's wording of a failure. */
export async function send(env: PublishEnvironment, request: HttpRequest): Promise<HttpResponse> {
  let status: number | undefined;
  let said: string | undefined;
  const describe = request.describe;
  try {
    return await httpRequest(env, {
      ...request,
      describe: (s, body) => {
        status = s;
        said = describe?.(s, body);
        return said;
      },
    });
  } catch (e) {
    if (e instanceof PublishFailure) throw new SendFailure(e.error, status, said);
    throw e;
  }
}

/** Replaces every occurrence of the secret (token, API key) with "***". */
export function redactor(secret: string): (s: string) => string {
  if (secret.length < 4) return (s) => s;
  return (s) => s.split(secret).join("***");
}

/** The environment with a log that never prints the secret. */
export function redactedEnv(env: PublishEnvironment, redact: (s: string) => string): PublishEnvironment {
  const log = env.log;
  return { ...env, log: (m: string) => log?.(redact(m)) };
}

/**
 * Runs `run` with `secret` kept out of its log and of what it returns or throws: any error becomes a
 * PublishError without the secret, logged as `label: kind: message` when a label is given, and
 * handed to `failed`.
 */
async function guarded<T>(secret: string, env: PublishEnvironment, label: string | undefined, run: (safe: PublishEnvironment, redact: (s: string) => string) => Promise<T>, failed: (error: PublishError) => T): Promise<T> {
  const redact = redactor(secret);
  const safe = redactedEnv(env, redact);
  try {
    return await run(safe, redact);
  } catch (e) {
    const error = scrubbed(e, redact);
    if (label !== undefined) safe.log?.(`${label}: ${error.kind}: ${error.message.en}`);
    return failed(error);
  }
}

/** A publish under `guarded`: an error is a failed outcome. */
export function guardedPublish(secret: string, env: PublishEnvironment, label: string, run: (safe: PublishEnvironment) => Promise<PublishOutcome>): Promise<PublishOutcome> {
  return guarded(secret, env, label, run, (error) => ({ ok: false, error }));
}

/** A pull under `guarded`: an error is thrown as a PublishFailure. */
export function guardedPull(secret: string, env: PublishEnvironment, label: string | undefined, run: (safe: PublishEnvironment, redact: (s: string) => string) => Promise<string>): Promise<string> {
  return guarded(secret, env, label, run, (error) => {
    throw new PublishFailure(error);
  });
}

/** An error that carries a PublishError of its own (a platform module's internal failure class). */
function isFailureLike(e: unknown): e is { error: PublishError } {
  const error = (e as { error?: Partial<PublishError> } | null)?.error;
  return e instanceof Error && typeof error?.kind === "string" && typeof error.message?.en === "string";
}

/** Any error as a PublishError with the secret removed from what the writer and the log see. */
export function scrubbed(e: unknown, redact: (s: string) => string): PublishError {
  const error: PublishError =
    e instanceof PublishFailure || isFailureLike(e)
      ? e.error
      : {
          kind: "local",
          message: say(`Tsuzuri failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`, `Tsuzuri で予期しないエラーが起きました: ${e instanceof Error ? e.message : String(e)}`),
        };
  return {
    ...error,
    message: { en: redact(error.message.en), ja: redact(error.message.ja) },
    ...(error.detail !== undefined ? { detail: redact(error.detail) } : {}),
    ...(error.remoteText !== undefined ? { remoteText: redact(error.remoteText) } : {}),
  };
}

/** The frontmatter keys named in a platform's error message (`patterns`: key → how the platform words it). */
export function fieldsNamed(message: string | undefined, patterns: Record<string, RegExp>): string[] {
  if (!message) return [];
  return Object.entries(patterns)
    .filter(([, re]) => re.test(message))
    .map(([key]) => key);
}

export const trimSlash = (url: string): string => url.replace(/\/+$/, "");

/** How many pages of "my posts" the lookup after an ambiguous create reads (newest first). */
export const LOOKUP_PAGES = 5;
export const LOOKUP_PER_PAGE = 100;

/** Whether a list answer says there is another page (Link rel="next"; without a Link header: a full page). */
export function hasNextPage(response: HttpResponse, count: number): boolean {
  const link = response.headers.get("link");
  return link !== null ? /rel="?next"?/.test(link) : count >= LOOKUP_PER_PAGE;
}
