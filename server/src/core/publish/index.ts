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

export async function publishPost(platform: HttpPlatform, request: PublishRequest, credentials: Credentials, env: PublishEnvironment): Promise<PublishOutcome> {
  try {
    switch (platform) {
      case "qiita":
        return credentials.qiita ? await publishQiita(request, credentials.qiita, env) : missing(platform);
      case "devto":
        return credentials.devto ? await publishDevto(request, credentials.devto, env) : missing(platform);
      case "hatena":
        return credentials.hatena
          ? await publishHatena(request, credentials.hatena, env, request.modifiedMs !== undefined ? { localEditedMs: request.modifiedMs } : {})
          : missing(platform);
    }
  } catch (e) {
    if (e instanceof PublishFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** The remote copy as post text (for a diff with the local one). */
export async function pullPost(platform: HttpPlatform, text: string, credentials: Credentials, env: PublishEnvironment): Promise<string> {
  if (platform === "qiita" && credentials.qiita) return pullQiita(text, credentials.qiita, env);
  if (platform === "hatena" && credentials.hatena) return pullHatena(text, credentials.hatena, env);
  if (platform === "devto" && credentials.devto) return pullDevto(text, credentials.devto, env);
  throw new PublishFailure(missingToken(platform));
}

/** The post with its link to the remote copy removed (to create it anew after a remote deletion). */
export function forgetRemotePost(platform: HttpPlatform, text: string): string {
  return platform === "hatena" ? forgetRemoteHatena(text) : platform === "qiita" ? forgetRemote(text) : forgetDevtoRemote(text);
}

/** Where the published post is, from what publishing wrote back into the frontmatter. */
export function publishedUrl(platform: HttpPlatform, text: string): string | undefined {
  const data = parseFrontmatter(text)?.data ?? {};
  const str = (v: unknown) => (typeof v === "string" && /^https?:\/\//.test(v) ? v : undefined);
  if (platform === "hatena") return str(data["URL"]);
  if (platform === "devto") return str(data[devtoUrlKey]);
  const id = data["id"];
  return typeof id === "string" && /^[0-9a-f]{20}$/.test(id) ? `https://qiita.com/items/${id}` : undefined;
}
