/**
 * Publishing to the platforms that have an API (Qiita, Hatena Blog, dev.to), one entry point for the
 * editor and the CLI; Zenn publishes by git (zenn.ts). Each platform's own module does the work.
 */
import { parseFrontmatter } from "../frontmatter/parse";
import { platformName } from "../shared/platforms";
import { devtoUrlKey, forgetDevtoRemote, publishDevto, pullDevto } from "./devto";
import { forgetRemoteHatena, publishHatena, pullHatena } from "./hatena";
import { forgetRemote, publishQiita, pullQiita } from "./qiita";
import { PublishFailure, type PublishEnvironment, type PublishError, type PublishOutcome, type PublishRequest } from "./types";

export type HttpPlatform = "qiita" | "hatena" | "devto";

export interface Credentials {
  qiita?: string | undefined;
  devto?: string | undefined;
  hatena?: { hatenaId: string; blogId: string; apiKey: string } | undefined;
}

function missingToken(platform: HttpPlatform): PublishError {
  const name = platformName(platform);
  return { kind: "auth", message: { en: `No ${name} token is set.`, ja: `${name} のトークンが設定されていません。` } };
}

const missing = (platform: HttpPlatform): PublishOutcome => ({ ok: false, error: missingToken(platform) });

/** What each HTTP platform's module provides, looked up by platform instead of switched on. */
interface Adapter<C> {
  credential(credentials: Credentials): C | undefined;
  publish(request: PublishRequest, credential: C, env: PublishEnvironment): Promise<PublishOutcome>;
  pull(text: string, credential: C, env: PublishEnvironment): Promise<string>;
  /** The post with its link to the remote copy removed. */
  forget(text: string): string;
  /** Where the published post is, from the frontmatter's write-back fields. */
  url(data: Record<string, unknown>): string | undefined;
}

const httpUrl = (v: unknown) => (typeof v === "string" && /^https?:\/\//.test(v) ? v : undefined);

const ADAPTERS: { qiita: Adapter<string>; devto: Adapter<string>; hatena: Adapter<NonNullable<Credentials["hatena"]>> } = {
  qiita: {
    credential: (c) => c.qiita || undefined,
    publish: publishQiita,
    pull: pullQiita,
    forget: forgetRemote,
    url: (data) => (typeof data["id"] === "string" && /^[0-9a-f]{20}$/.test(data["id"]) ? `https://qiita.com/items/${data["id"]}` : undefined),
  },
  devto: {
    credential: (c) => c.devto || undefined,
    publish: publishDevto,
    pull: pullDevto,
    forget: forgetDevtoRemote,
    url: (data) => httpUrl(data[devtoUrlKey]),
  },
  hatena: {
    credential: (c) => c.hatena,
    publish: (request, credential, env) => publishHatena(request, credential, env, request.modifiedMs !== undefined ? { localEditedMs: request.modifiedMs } : {}),
    pull: pullHatena,
    forget: forgetRemoteHatena,
    url: (data) => httpUrl(data["URL"]),
  },
};

export async function publishPost(platform: HttpPlatform, request: PublishRequest, credentials: Credentials, env: PublishEnvironment): Promise<PublishOutcome> {
  const adapter = ADAPTERS[platform] as Adapter<unknown>;
  const credential = adapter.credential(credentials);
  if (!credential) return missing(platform);
  try {
    return await adapter.publish(request, credential, env);
  } catch (e) {
    if (e instanceof PublishFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** The remote copy as post text (for a diff with the local one). */
export async function pullPost(platform: HttpPlatform, text: string, credentials: Credentials, env: PublishEnvironment): Promise<string> {
  const adapter = ADAPTERS[platform] as Adapter<unknown>;
  const credential = adapter.credential(credentials);
  if (!credential) throw new PublishFailure(missingToken(platform));
  return adapter.pull(text, credential, env);
}

/** The post with its link to the remote copy removed (to create it anew after a remote deletion). */
export function forgetRemotePost(platform: HttpPlatform, text: string): string {
  return ADAPTERS[platform].forget(text);
}

/** Where the published post is, from what publishing wrote back into the frontmatter. */
export function publishedUrl(platform: HttpPlatform, text: string): string | undefined {
  return ADAPTERS[platform].url(parseFrontmatter(text)?.data ?? {});
}
