/**
 * The preview page for a webview (shell.ts with the webview's URIs) and the rewriting of local image
 * paths to webview URIs.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { escapeHtml } from "../../../server/src/core/shared/html";
import { shellHtml } from "./shell";

/** Stylesheets the page loads: the renderer's (dist/styles, media/styles), every platform's, scoped by class. */
function stylesheets(webview: vscode.Webview, extensionUri: vscode.Uri): string[] {
  const out: string[] = [];
  for (const folder of [["dist", "styles"], ["media", "styles"]]) {
    const dir = path.join(extensionUri.fsPath, ...folder);
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith(".css")).sort();
    } catch {
      continue;
    }
    for (const name of names) out.push(webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...folder, name)).toString());
  }
  return out;
}

export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return shellHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString("base64"),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, "dist", "preview.js")).toString(),
    styleUris: stylesheets(webview, extensionUri),
  });
}


/**
 * Points each local image (`data-local-src`, set by the renderer) at a webview URI; an image whose
 * file does not exist is marked (`tsuzuri-missing-image`) instead of showing as a broken image.
 */
export function resolveLocalImages(html: string, resolve: (src: string) => string | undefined): string {
  return html.replace(/<img\b[^>]*>/g, (tag) => {
    const local = /\sdata-local-src="([^"]*)"/.exec(tag)?.[1];
    if (local === undefined) return tag;
    const src = local.replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    const uri = resolve(src);
    const withoutSrc = tag.replace(/\ssrc="[^"]*"/, "");
    if (uri) return withoutSrc.replace(/^<img/, `<img src="${escapeHtml(uri)}"`);
    const title = escapeHtml(vscode.l10n.t("Image not found: {0}", src));
    return `<span class="tsuzuri-missing-image" title="${title}">${withoutSrc.replace(/^<img/, '<img alt=""')}<span class="tsuzuri-missing-image-label">${escapeHtml(src)}</span></span>`;
  });
}
