/**
 * Tsuzuri: Publish Post / Open Published Post / Pull Remote Version: the UI around the publishing core
 * (server/src/core/publish). Saves first, runs the pre-publish gate, asks publish or draft, shows
 * cancellable progress, writes back what the platform answered as a minimal edit, and turns each
 * failure into a message with the action that helps (Set Token, Show Diff, Overwrite, Create Anew).
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as vscode from "vscode";
import { currentPost } from "../walkthrough";
import { forgetRemotePost, publishedUrl, publishPost, pullPost, type HttpPlatform } from "../../../server/src/core/publish";
import { publishZenn } from "../../../server/src/core/publish/zenn";
import { editsBetween } from "../../../server/src/core/fixes/textEdits";
import { allowedBaseUrl } from "../../../server/src/core/publish/http";
import type { PublishEnvironment, PublishMode, PublishOutcome, PublishPlatform } from "../../../server/src/core/publish/types";
import { nodeGitRunner } from "../../../server/src/publish/gitRunner";
import { PLATFORM_NAMES } from "../../../server/src/core/shared/platforms";
import { passGate } from "./gate";
import { isPublishable } from "../../../server/src/core/publish/gate";
import { settingsFor, uiLanguage } from "../config";
import { setToken, Tokens, type TokenPlatform } from "./tokens";

export interface PublishDeps {
  tokens: Tokens;
  log: vscode.LogOutputChannel;
  platformOf(uri: vscode.Uri): string | undefined;
  remoteDocs: RemoteDocuments;
}

const NAMES: Readonly<Record<PublishPlatform, string>> = PLATFORM_NAMES;
const lang = uiLanguage;

/** Remote versions shown in a diff (scheme tsuzuri-remote). */
export class RemoteDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  show(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: "tsuzuri-remote", path: `/${name}`, query: String(Date.now()) });
    this.texts.set(uri.toString(), text);
    return uri;
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? "";
  }
}

function settings(uri: vscode.Uri) {
  const c = settingsFor(uri).publish;
  const url = (value: string) => allowedBaseUrl(value || undefined);
  const qiita = url(c.qiitaBaseUrl);
  const hatena = url(c.hatenaBaseUrl);
  const devto = url(c.devtoBaseUrl);
  return {
    blockOn: c.blockOn,
    baseUrls: { ...(qiita ? { qiita } : {}), ...(hatena ? { hatena } : {}), ...(devto ? { devto } : {}) },
    zennRemote: c.zennRemote || undefined,
    zennBranch: c.zennBranch || undefined,
  };
}

function environment(uri: vscode.Uri, log: vscode.LogOutputChannel, signal: AbortSignal): PublishEnvironment {
  return {
    fetch: (u, init) => fetch(u, init),
    now: () => Date.now(),
    sleep: (ms, s) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        s?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
      }),
    randomBytes: (n) => crypto.randomBytes(n),
    signal,
    timeoutMs: 30_000,
    baseUrls: settings(uri).baseUrls,
    log: (m) => log.info(m),
  };
}

async function credentials(platform: HttpPlatform, tokens: Tokens) {
  if (platform === "hatena") return { hatena: await tokens.hatena() };
  return { [platform]: await tokens.get(platform) };
}

function activePost(uri?: vscode.Uri): vscode.TextDocument | undefined {
  if (uri) return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return currentPost();
}

/** Replaces the post's text by `text` as minimal edits (undo works), then saves. */
async function applyText(document: vscode.TextDocument, before: string, text: string, version: number): Promise<boolean> {
  if (text === before) return true;
  if (document.version !== version) return false;
  const edit = new vscode.WorkspaceEdit();
  for (const e of editsBetween(before, text)) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.range[0]), document.positionAt(e.range[1])), e.newText);
  }
  return (await vscode.workspace.applyEdit(edit)) && (await document.save());
}

export async function publishCommand(deps: PublishDeps, uri?: vscode.Uri, forced?: { mode?: PublishMode; force?: boolean }): Promise<PublishOutcome | undefined> {
  const document = activePost(uri);
  if (!document) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Open a Markdown post to publish it."));
    return undefined;
  }
  if (document.isDirty && !(await document.save())) {
    void vscode.window.showWarningMessage(vscode.l10n.t("The post could not be saved, so it was not published."));
    return undefined;
  }
  const platform = deps.platformOf(document.uri) as PublishPlatform | undefined;
  if (!platform || !isPublishable(platform)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t("Tsuzuri publishes to Zenn, Qiita, Hatena Blog and dev.to; this post's platform is {0}. Set tsuzuri.platform or a # tsuzuri-platform: comment.", platform ?? "?"),
    );
    return undefined;
  }
  const config = settings(document.uri);
  if (!forced && !(await passGate(document, config.blockOn))) return undefined;
  const mode = forced?.mode ?? (await askMode(platform));
  if (!mode) return undefined;
  if (platform !== "zenn" && !(await deps.tokens.has(platform as TokenPlatform))) {
    const set = vscode.l10n.t("Set Token");
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t("No {0} token is set.", NAMES[platform]), set);
    if (answer !== set || !(await setToken(deps.tokens, platform as TokenPlatform))) return undefined;
  }
  const before = document.getText();
  const version = document.version;
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Publishing to {0}…", NAMES[platform]), cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const env = environment(document.uri, deps.log, controller.signal);
      const modifiedMs = fs.statSync(document.uri.fsPath, { throwIfNoEntry: false })?.mtimeMs;
      const request = { text: before, filePath: document.uri.fsPath, mode, ...(forced?.force ? { force: true } : {}), ...(modifiedMs !== undefined ? { modifiedMs } : {}) };
      if (platform === "zenn") {
        return publishZenn(request, nodeGitRunner(), { readText: (p) => fs.readFileSync(p, "utf8"), writeText: (p, t) => fs.writeFileSync(p, t) }, {
          ...(config.zennRemote ? { remote: config.zennRemote } : {}),
          ...(config.zennBranch ? { branch: config.zennBranch } : {}),
        });
      }
      return publishPost(platform, request, await credentials(platform, deps.tokens), env);
    },
  );
  await report(deps, document, platform, outcome, before, version);
  return outcome;
}

async function askMode(platform: PublishPlatform): Promise<PublishMode | undefined> {
  if (platform === "qiita") return "publish";
  const publish = { label: vscode.l10n.t("Publish"), mode: "publish" as const };
  const draft = { label: platform === "zenn" ? vscode.l10n.t("Push as a draft (published stays as it is)") : vscode.l10n.t("Save as draft"), mode: "draft" as const };
  return (await vscode.window.showQuickPick([publish, draft], { title: vscode.l10n.t("Publish to {0}", NAMES[platform]) }))?.mode;
}

async function report(deps: PublishDeps, document: vscode.TextDocument, platform: PublishPlatform, outcome: PublishOutcome, before: string, version: number): Promise<void> {
  if (outcome.ok) {
    if (platform !== "zenn" && !(await applyText(document, before, outcome.text, version))) {
      // The post changed while it was being sent: keep the writer's text, say what to record.
      const added = editsBetween(before, outcome.text).map((e) => e.newText.trim()).filter((t) => t !== "").join(", ");
      void vscode.window.showWarningMessage(vscode.l10n.t("Published, but the post changed meanwhile: add these fields yourself: {0}", added));
    }
    deps.log.info(`published ${document.uri.fsPath} to ${platform}: ${outcome.action}${outcome.url ? ` ${outcome.url}` : ""}`);
    // Not awaited: the command is done once the post is published and written back.
    const open = vscode.l10n.t("Open");
    const url = outcome.url;
    void vscode.window.showInformationMessage(outcome.message[lang()], ...(url ? [open] : [])).then((answer) => {
      if (answer === open && url) void vscode.env.openExternal(vscode.Uri.parse(url));
    });
    return;
  }
  const error = outcome.error;
  deps.log.warn(`publishing ${document.uri.fsPath} to ${platform} failed (${error.kind}): ${error.message.en}${error.detail ? `\n${error.detail}` : ""}`);
  const message = error.message[lang()];
  switch (error.kind) {
    case "auth": {
      const set = vscode.l10n.t("Set Token");
      if (platform !== "zenn" && (await vscode.window.showErrorMessage(message, set)) === set) await setToken(deps.tokens, platform as TokenPlatform);
      else if (platform === "zenn") void vscode.window.showErrorMessage(message);
      return;
    }
    case "conflict": {
      const diff = vscode.l10n.t("Show Diff");
      const overwrite = vscode.l10n.t("Overwrite");
      const answer = await vscode.window.showWarningMessage(message, diff, overwrite);
      if (answer === diff && error.remoteText !== undefined) {
        const remote = deps.remoteDocs.show(`remote-${document.uri.path.split("/").pop() ?? "post.md"}`, error.remoteText);
        await vscode.commands.executeCommand("vscode.diff", remote, document.uri, vscode.l10n.t("{0} (remote ↔ local)", NAMES[platform]));
      } else if (answer === overwrite) {
        await publishCommand(deps, document.uri, { mode: "publish", force: true });
      }
      return;
    }
    case "notFound": {
      const create = vscode.l10n.t("Create Anew");
      if (platform !== "zenn" && (await vscode.window.showWarningMessage(message, create)) === create) {
        const text = forgetRemotePost(platform, document.getText());
        if (await applyText(document, document.getText(), text, document.version)) await publishCommand(deps, document.uri, { mode: "publish" });
      }
      return;
    }
    default:
      void vscode.window.showErrorMessage(message);
  }
}

/** Tsuzuri: Open Published Post. */
export async function openPublished(deps: PublishDeps): Promise<void> {
  const document = activePost();
  const platform = document ? (deps.platformOf(document.uri) as PublishPlatform | undefined) : undefined;
  const url = document && platform && platform !== "zenn" && isPublishable(platform) ? publishedUrl(platform, document.getText()) : undefined;
  if (!url) {
    void vscode.window.showInformationMessage(vscode.l10n.t("This post has no published URL yet."));
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

/** Tsuzuri: Pull Remote Version: shows the remote copy beside the local one (a diff). */
export async function pullRemote(deps: PublishDeps): Promise<void> {
  const document = activePost();
  const platform = document ? (deps.platformOf(document.uri) as PublishPlatform | undefined) : undefined;
  if (!document || !platform || platform === "zenn" || !isPublishable(platform)) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Pull Remote Version works for Qiita, Hatena Blog and dev.to posts."));
    return;
  }
  try {
    const text = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Fetching from {0}…", NAMES[platform]), cancellable: true }, async (_p, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return pullPost(platform, document.getText(), await credentials(platform, deps.tokens), environment(document.uri, deps.log, controller.signal));
    });
    const remote = deps.remoteDocs.show(`remote-${document.uri.path.split("/").pop() ?? "post.md"}`, text);
    await vscode.commands.executeCommand("vscode.diff", remote, document.uri, vscode.l10n.t("{0} (remote ↔ local)", NAMES[platform]));
  } catch (e) {
    const error = (e as { error?: { message?: { en: string; ja: string } } }).error;
    void vscode.window.showErrorMessage(error?.message?.[lang()] ?? (e as Error).message);
  }
}
