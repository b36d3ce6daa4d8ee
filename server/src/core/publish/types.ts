/**
 * Publishing: the shared vocabulary of the platform clients (Qiita, Hatena Blog, dev.to over HTTP;
 * Zenn over git), the HTTP layer and the write-back of what the platform answers into the post.
 * Pure: the network (fetch), git, the clock and the tokens are passed in.
 */
import type { Localized } from "../shared/i18n";

export type PublishPlatform = "zenn" | "qiita" | "hatena" | "devto";

/** What the writer asked for: go live, or keep it a draft where the platform has drafts. */
export type PublishMode = "publish" | "draft";

/** The outcome the UI shows (and the CLI prints). */
export type PublishOutcome =
  | {
      ok: true;
      /** created: a new remote post; updated: an existing one; committed: Zenn's git push. */
      action: "created" | "updated" | "committed";
      url?: string;
      /** The post's new text with the write-back fields (unchanged elsewhere, byte for byte). */
      text: string;
      message: Localized;
    }
  | { ok: false; error: PublishError };

export type PublishErrorKind =
  | "auth" // 401/403: token missing, wrong or without the scope
  | "notFound" // 404 on update: deleted remotely
  | "conflict" // the remote copy changed after the local one
  | "invalid" // 400/422: the platform refused the fields
  | "rateLimited" // 429 after the retries allowed
  | "server" // 5xx after the retries allowed
  | "network" // connection refused, reset, DNS…
  | "timeout"
  | "cancelled"
  | "ambiguous" // a create may or may not have happened, and the lookup could not tell
  | "git" // Zenn: a git step failed
  | "local"; // the post itself: no frontmatter, unreadable…

export interface PublishError {
  kind: PublishErrorKind;
  message: Localized;
  /** The platform's own message, verbatim (for the log and the details). */
  detail?: string;
  /** For 422: the frontmatter keys the platform named, when they can be mapped. */
  fields?: string[];
  /** For conflict: the remote's body and frontmatter as text, to show a diff. */
  remoteText?: string;
}

export class PublishFailure extends Error {
  constructor(readonly error: PublishError) {
    super(error.message.en);
  }
}

/** The fetch the clients use (globalThis.fetch in the extension and the CLI; a loopback one in tests). */
export type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface PublishEnvironment {
  fetch: Fetch;
  /** Milliseconds since the epoch (for WSSE's Created, conflict checks). */
  now(): number;
  /** Waits (backoff, Retry-After); tests pass one that does not really wait. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Random bytes (WSSE nonces). */
  randomBytes(count: number): Uint8Array;
  signal?: AbortSignal;
  /** Per request time limit. */
  timeoutMs?: number;
  /** Where each platform's API lives (a setting, so tests can point at a loopback server). */
  baseUrls?: Partial<Record<"qiita" | "hatena" | "devto", string>>;
  log?(message: string): void;
}

export const DEFAULT_BASE_URLS = {
  qiita: "https://qiita.com",
  hatena: "https://blog.hatena.ne.jp",
  devto: "https://dev.to",
} as const;

export interface PublishRequest {
  /** The post's text as saved (the frontmatter is read from it; write-backs are applied to it). */
  text: string;
  filePath: string;
  mode: PublishMode;
  /** The writer chose to overwrite a remote copy that changed after the local one. */
  force?: boolean;
  /** When the local file was last modified (ms since the epoch), as blogsync's conflict check uses. */
  modifiedMs?: number;
}
