/**
 * The live preview beside the editor: one webview panel that follows the active Markdown editor (or
 * stays on one post when locked), re-renders as the writer types (debounced; the page patches its
 * DOM), underlines the problems the server found, and syncs scrolling both ways.
 *
 * Security: a Content-Security-Policy with a nonce lets only our own script run; the HTML it shows is
 * sanitised by the renderer; local resources are limited to the extension and the workspace folders;
 * links leave only through VS Code (which asks before opening an outside site).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { currentPost } from "../walkthrough";
import { marksOf } from "./marks";
import { previewHtml, resolveLocalImages } from "./html";
import type { FromWebview, ToWebview } from "./protocol";
import { settingsFor } from "../config";
import { escapeHtml } from "../../../server/src/core/shared/html";
import type { PreviewPlatformSetting, TsuzuriSettings } from "../../../server/src/core/settings";

export type PreviewPlatform = PreviewPlatformSetting;

function headerSeverity(severity: vscode.DiagnosticSeverity): HeaderProblem["severity"] {
  switch (severity) {
    case vscode.DiagnosticSeverity.Error:
      return "error";
    case vscode.DiagnosticSeverity.Warning:
      return "warning";
    case vscode.DiagnosticSeverity.Information:
      return "info";
    case vscode.DiagnosticSeverity.Hint:
      return "hint";
  }
}

/** A frontmatter problem for the preview's header (the diagnostics with source "tsuzuri"). */
export interface HeaderProblem {
  message: string;
  severity: "error" | "warning" | "info" | "hint";
  line: number;
}

export interface PreviewRenderer {
  (text: string, options: { platform: PreviewPlatform; filePath: string; problems: HeaderProblem[] }): Promise<{ html: string }>;
}

export interface PreviewDeps {
  extensionUri: vscode.Uri;
  render: PreviewRenderer;
  /** The platform the server detected for the post (its status), if known. */
  platformOf(uri: vscode.Uri): PreviewPlatform | undefined;
  /**
   * Fires when the server's status of a post changes (its detected platform among it). A post
   * opened for the first time is often shown before its first status arrives, in the fallback look
   * (`tsuzuri.preview.platform`); the preview re-renders in the post's own look when it does.
   */
  onDidChangePlatform?: vscode.Event<{ uri: string }>;
  log: vscode.LogOutputChannel;
}

const VIEW_TYPE = "tsuzuri.preview";
const UPDATE_DELAY_MS = 120;

export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private locked = false;
  private ready = false;
  private timer: NodeJS.Timeout | undefined;
  private rendering = Promise.resolve();
  /** Until then, editor scroll events come from the preview's own scrolling and are not echoed. */
  private quietUntil = 0;
  /** The frontmatter problems the header shows (to re-render when they change). */
  private headerShown = "";
  /** The look the preview was last rendered in (to re-render when the detected platform changes). */
  private platformShown: PreviewPlatform | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly updated = new vscode.EventEmitter<{ uri: string; version: number; blocks: number; marks: number }>();
  /** Fires when the webview has shown a version (for tests). */
  readonly onDidUpdate = this.updated.event;

  constructor(private readonly deps: PreviewDeps) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document) this.schedule(false);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!this.panel || this.locked || !editor || !isMarkdown(editor.document) || editor.document === this.document) return;
        this.show(editor.document, false);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const doc = this.document;
        if (!doc || !e.uris.some((u) => u.toString() === doc.uri.toString())) return;
        // Frontmatter problems are listed in the header (a re-render); the others are marks only.
        if (headerKey(doc) !== this.headerShown) this.schedule(false, 0);
        else this.post({ type: "marks", marks: marksOf(doc, vscode.languages.getDiagnostics(doc.uri)) });
      }),
      ...(deps.onDidChangePlatform
        ? [
            deps.onDidChangePlatform((e) => {
              const doc = this.document;
              if (doc && e.uri === doc.uri.toString() && this.deps.platformOf(doc.uri) !== undefined && this.deps.platformOf(doc.uri) !== this.platformShown) this.schedule(false, 0);
            }),
          ]
        : []),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (e.textEditor.document !== this.document || Date.now() < this.quietUntil || !this.settings().scrollPreviewWithEditor) return;
        const top = e.visibleRanges[0]?.start.line;
        if (top !== undefined) this.post({ type: "scrollToLine", line: top });
      }),
    );
  }

  /** Opens (or reveals) the preview beside the editor, for `document` or the active (else the last active) Markdown post. */
  open(document = currentPost()): void {
    if (!document || !isMarkdown(document)) {
      void vscode.window.showInformationMessage(vscode.l10n.t("Open a Markdown post to preview it."));
      return;
    }
    if (!this.panel) this.panel = this.createPanel();
    else this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.show(document, true);
  }

  toggleLock(): void {
    this.locked = !this.locked;
    this.updateTitle();
  }

  get isLocked(): boolean {
    return this.locked;
  }

  /** The post the preview shows. */
  get current(): vscode.TextDocument | undefined {
    return this.panel ? this.document : undefined;
  }

  private createPanel(): vscode.WebviewPanel {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, "Tsuzuri", { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, "dist"), vscode.Uri.joinPath(this.deps.extensionUri, "media"), ...folders],
    });
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, "media", "preview-icon.svg");
    this.ready = false;
    panel.webview.html = previewHtml(panel.webview, this.deps.extensionUri);
    panel.webview.onDidReceiveMessage((m: FromWebview) => this.receive(m), undefined, this.subscriptions);
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.document = undefined;
    }, undefined, this.subscriptions);
    return panel;
  }

  private show(document: vscode.TextDocument, resetScroll: boolean): void {
    const changed = this.document !== document;
    this.document = document;
    this.updateTitle();
    this.schedule(resetScroll || changed, 0);
  }

  private updateTitle(): void {
    if (!this.panel || !this.document) return;
    const name = path.basename(this.document.uri.fsPath);
    this.panel.title = this.locked ? vscode.l10n.t("[Locked] Preview {0}", name) : vscode.l10n.t("Preview {0}", name);
  }

  private schedule(resetScroll: boolean, delay = UPDATE_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // One render at a time; the newest text wins.
      this.rendering = this.rendering.then(() => this.renderNow(resetScroll)).catch((e: Error) => this.deps.log.error(`preview failed: ${e.stack ?? e.message}`));
    }, delay);
  }

  private async renderNow(resetScroll: boolean): Promise<void> {
    const document = this.document;
    const panel = this.panel;
    if (!document || !panel || !this.ready) return;
    const platform = this.deps.platformOf(document.uri) ?? this.settings().platform;
    this.platformShown = platform;
    const { version } = document;
    let html: string;
    try {
      const problems = vscode.languages
        .getDiagnostics(document.uri)
        .filter((d) => d.source === "tsuzuri")
        .map((d): HeaderProblem => ({
          message: d.message,
          severity: headerSeverity(d.severity),
          line: d.range.start.line,
        }));
      ({ html } = await this.deps.render(document.getText(), { platform, filePath: document.uri.fsPath, problems }));
    } catch (e) {
      html = `<p class="tsuzuri-render-error">${escapeHtml(vscode.l10n.t("The preview could not be rendered: {0}", (e as Error).message))}</p>`;
    }
    if (document.version !== version && this.document === document) return this.schedule(false);
    html = resolveLocalImages(html, (src) => this.imageUri(document, src, panel.webview));
    const marks = marksOf(document, vscode.languages.getDiagnostics(document.uri));
    this.headerShown = headerKey(document);
    this.post({ type: "update", html, marks, version, uri: document.uri.toString(), resetScroll });
  }

  /** A local image as the webview may load it, or undefined when the file does not exist. */
  private imageUri(document: vscode.TextDocument, src: string, webview: vscode.Webview): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
    let clean = src.split(/[?#]/)[0] ?? src;
    try {
      clean = decodeURIComponent(clean);
    } catch {
      // keep it as written
    }
    // Zenn serves /images/... from the repository root; other paths are relative to the post.
    const file = clean.startsWith("/") ? path.join(folder, clean) : path.resolve(path.dirname(document.uri.fsPath), clean);
    if (!fs.existsSync(file)) return undefined;
    return webview.asWebviewUri(vscode.Uri.file(file)).toString();
  }

  private receive(message: FromWebview): void {
    switch (message.type) {
      case "ready":
        this.ready = true;
        this.schedule(true, 0);
        return;
      case "updated":
        if (this.document) this.updated.fire({ uri: this.document.uri.toString(), version: message.version, blocks: message.blocks, marks: message.marks });
        return;
      case "revealLine":
        if (this.settings().scrollEditorWithPreview) this.revealInEditor(message.line);
        return;
      case "openLine":
        void this.openAt(message.line, message.character ?? 0);
        return;
      case "openLink":
        void this.openLink(message.href);
        return;
    }
  }

  private editorOf(document: vscode.TextDocument): vscode.TextEditor | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document === document);
  }

  private revealInEditor(line: number): void {
    const document = this.document;
    const editor = document && this.editorOf(document);
    if (!editor) return;
    const whole = Math.floor(line);
    this.quietUntil = Date.now() + 200;
    editor.revealRange(new vscode.Range(whole, 0, whole, 0), vscode.TextEditorRevealType.AtTop);
  }

  private async openAt(line: number, character: number): Promise<void> {
    const document = this.document;
    if (!document) return;
    const editor = await vscode.window.showTextDocument(document, { viewColumn: this.editorOf(document)?.viewColumn ?? vscode.ViewColumn.One });
    const position = new vscode.Position(line, character);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async openLink(href: string): Promise<void> {
    const document = this.document;
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
      const uri = vscode.Uri.parse(href);
      if (uri.scheme === "http" || uri.scheme === "https" || uri.scheme === "mailto") await vscode.env.openExternal(uri);
      return;
    }
    if (!document) return;
    // A relative link to another post opens it in the editor.
    const target = path.resolve(path.dirname(document.uri.fsPath), decodeURIComponent(href.split("#")[0] ?? ""));
    if (fs.existsSync(target)) await vscode.window.showTextDocument(vscode.Uri.file(target), { viewColumn: vscode.ViewColumn.One });
  }

  private post(message: ToWebview): void {
    if (this.panel && this.ready) void this.panel.webview.postMessage(message);
  }

  private settings(): TsuzuriSettings["preview"] {
    return settingsFor(this.document?.uri).preview;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    this.updated.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function headerKey(document: vscode.TextDocument): string {
  return vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.source === "tsuzuri")
    .map((d) => `${d.range.start.line}:${d.message}`)
    .join("\n");
}

function isMarkdown(document: vscode.TextDocument): boolean {
  return document.languageId === "markdown";
}

