/**
 * `tsuzuri publish <file>`: the editor's publishing code path for CI. Tokens come from the
 * environment (QIITA_TOKEN; HATENA_ID, HATENA_BLOG_ID, HATENA_API_KEY; DEVTO_API_KEY), never from
 * arguments (they would land in shell histories and CI logs). Exit code 0 published, 1 refused or
 * failed (with the reason), 2 usage error.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { publishPost, type Credentials } from "../core/publish";
import { publishZenn } from "../core/publish/zenn";
import { allowedBaseUrl } from "../core/publish/http";
import { isPublishable } from "../core/publish/gate";
import type { PublishEnvironment, PublishOutcome, PublishPlatform } from "../core/publish/types";
import { normalizeSettings } from "../core/settings";
import { FrontmatterService } from "../frontmatterService";
import { nodeGitRunner } from "./gitRunner";
import { argumentError, cliMessages, type CliLang, type CliMessages } from "../cli/messages";
import { publishUsage } from "../cli/help";


/** A base URL from the environment (tests point it at a loopback server); refused unless allowed. */
function baseUrl(name: string, msg: CliMessages): string | undefined {
  const value = process.env[name];
  const allowed = allowedBaseUrl(value);
  if (value && !allowed) process.stderr.write(`tsuzuri: ${msg.publishIgnoredBaseUrl(name)}\n`);
  return allowed;
}

export async function runPublish(argv: string[], lang: CliLang): Promise<number> {
  const msg = cliMessages(lang);
  if (argv.includes("--help") || argv.includes("-h")) return process.stdout.write(`${publishUsage(lang)}\n`), 0;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        platform: { type: "string" },
        draft: { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        remote: { type: "string" },
        branch: { type: "string" },
      },
    });
  } catch (e) {
    process.stderr.write(`tsuzuri: ${argumentError(e, msg)}\n${msg.publishHelpHint}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    process.stderr.write(`tsuzuri: ${msg.publishOneFile}\n${msg.publishHelpHint}\n`);
    return 2;
  }
  const filePath = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(filePath, "utf8");
  } catch (e) {
    process.stderr.write(`tsuzuri: ${msg.publishCannotRead(file, (e as Error).message)}\n`);
    return 2;
  }
  const detected = new FrontmatterService().platformOf(text, filePath, process.cwd(), normalizeSettings({}));
  const platform = (values.platform ?? detected) as PublishPlatform | undefined;
  if (!platform || !isPublishable(platform)) {
    process.stderr.write(`tsuzuri: ${msg.publishNotAPost(file, detected)}\n`);
    return 2;
  }
  const request = {
    text,
    filePath,
    mode: values.draft ? ("draft" as const) : ("publish" as const),
    ...(values.force ? { force: true } : {}),
    modifiedMs: fs.statSync(filePath).mtimeMs,
  };
  let outcome: PublishOutcome;
  if (platform === "zenn") {
    outcome = await publishZenn(request, nodeGitRunner(), { readText: (p) => fs.readFileSync(p, "utf8"), writeText: (p, t) => fs.writeFileSync(p, t) }, {
      ...(values.remote ? { remote: values.remote } : {}),
      ...(values.branch ? { branch: values.branch } : {}),
    });
  } else {
    const env: PublishEnvironment = {
      fetch: (u, init) => fetch(u, init),
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      randomBytes: (n) => crypto.randomBytes(n),
      timeoutMs: 30_000,
      baseUrls: { qiita: baseUrl("TSUZURI_QIITA_BASE_URL", msg), hatena: baseUrl("TSUZURI_HATENA_BASE_URL", msg), devto: baseUrl("TSUZURI_DEVTO_BASE_URL", msg) },
      ...(process.env["TSUZURI_DEBUG"] ? { log: (m: string) => process.stderr.write(`tsuzuri: ${m}\n`) } : {}),
    };
    const e = process.env;
    const credentials: Credentials = {
      qiita: e["QIITA_TOKEN"] || undefined,
      devto: e["DEVTO_API_KEY"] || undefined,
      hatena: e["HATENA_ID"] && e["HATENA_BLOG_ID"] && e["HATENA_API_KEY"] ? { hatenaId: e["HATENA_ID"], blogId: e["HATENA_BLOG_ID"], apiKey: e["HATENA_API_KEY"] } : undefined,
    };
    outcome = await publishPost(platform, request, credentials, env);
    if (outcome.ok && outcome.text !== text) fs.writeFileSync(filePath, outcome.text);
  }
  if (!outcome.ok) {
    process.stderr.write(`tsuzuri: ${msg.publishNotPublished(outcome.error.kind, outcome.error.message[lang])}\n`);
    return 1;
  }
  process.stdout.write(`${outcome.message[lang]}\n`);
  return 0;
}
