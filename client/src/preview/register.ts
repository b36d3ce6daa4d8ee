/**
 * The preview's commands and the renderer it uses: the core's renderPost, run in the extension host
 * but bundled apart (dist/render.js, ~11 MB with Zenn's renderer) and loaded on the first preview, so
 * activation does not pay for it.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import { uiLanguage } from "../config";
import type * as Render from "../../../server/src/core/render";
import { PreviewManager, type PreviewPlatform } from "./previewPanel";

const PLATFORMS: readonly string[] = ["zenn", "qiita", "hatena", "devto", "blog"];

export function registerPreview(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  platformOf: (uri: vscode.Uri) => string | undefined,
  onDidChangePlatform?: vscode.Event<{ uri: string }>,
): PreviewManager {
  const locale = uiLanguage();
  let renderer: typeof Render | undefined;
  const load = (): typeof Render => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    renderer ??= require(path.join(context.extensionPath, "dist", "render.js")) as typeof Render;
    return renderer;
  };
  const preview = new PreviewManager({
    extensionUri: context.extensionUri,
    log,
    ...(onDidChangePlatform ? { onDidChangePlatform } : {}),
    platformOf: (uri) => {
      const platform = platformOf(uri);
      return platform && PLATFORMS.includes(platform) ? (platform as PreviewPlatform) : undefined;
    },
    render: (text, options) => {
      const r = load();
      return r.renderPost(text, { platform: options.platform, filePath: options.filePath, problems: options.problems, locale, renderMath: r.katexMath });
    },
  });
  context.subscriptions.push(
    preview,
    vscode.commands.registerCommand("tsuzuri.preview.openToSide", (uri?: vscode.Uri) => {
      const document = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : undefined;
      preview.open(document);
    }),
    vscode.commands.registerCommand("tsuzuri.preview.toggleLock", () => preview.toggleLock()),
  );
  return preview;
}
