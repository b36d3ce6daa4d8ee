/**
 * Drafting mode in the editor (core/drafting/heldParagraph.ts has the rule): the language client's
 * diagnostics pass through `middleware`, which holds back those of the paragraph being typed; when
 * the cursor leaves that paragraph (or drafting is turned off), they are shown. A language status
 * item shows the mode and toggles it (setting tsuzuri.lint.drafting).
 */
import * as vscode from "vscode";
import type { Middleware } from "vscode-languageclient/node";
import { paragraphAt, shownWhileDrafting, touches, type LineSpan } from "../../server/src/core/drafting/heldParagraph";
import { settingsFor } from "./config";

export const TOGGLE_DRAFTING = "tsuzuri.toggleDrafting";
const SETTING = "lint.drafting";

export class DraftingMode implements vscode.Disposable {
  /** The server's latest diagnostics per document, in full. */
  private readonly latest = new Map<string, vscode.Diagnostic[]>();
  private held: { uri: string; span: LineSpan } | undefined;
  private show: ((uri: vscode.Uri, diagnostics: vscode.Diagnostic[]) => void) | undefined;
  private readonly item = vscode.languages.createLanguageStatusItem("tsuzuri.drafting", { language: "markdown" });
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.item.name = vscode.l10n.t("Tsuzuri: drafting mode");
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.moved(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor(() => (this.release(), this.render())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(`tsuzuri.${SETTING}`) && !e.affectsConfiguration("tsuzuri.overrides")) return;
        if (!this.enabled()) this.release();
        this.render();
      }),
    ];
    this.render();
  }

  /** For the language client: every diagnostics notification passes through here. */
  readonly middleware: Pick<Middleware, "handleDiagnostics"> = {
    handleDiagnostics: (uri, diagnostics, next) => {
      this.show = next;
      this.latest.set(uri.toString(), diagnostics);
      next(uri, this.held?.uri === uri.toString() ? shownWhileDrafting(diagnostics, this.held.span) : diagnostics);
    },
  };

  /** Flips the setting where its value comes from (the post's folder, the workspace, else the user's). */
  async toggle(): Promise<void> {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const config = vscode.workspace.getConfiguration("tsuzuri", uri);
    const where = config.inspect<boolean>(SETTING);
    const target =
      where?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : where?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    await config.update(SETTING, !this.enabled(uri), target);
  }

  /** For a post: its folder's settings with tsuzuri.overrides (client/src/config.ts); else the active one's. */
  private enabled(uri = vscode.window.activeTextEditor?.document.uri): boolean {
    return settingsFor(uri).lint.drafting;
  }

  /** An edit in the active editor's cursor paragraph holds that paragraph's problems back. */
  private edited(e: vscode.TextDocumentChangeEvent): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== e.document || e.contentChanges.length === 0 || !this.enabled(e.document.uri)) return;
    const span = this.cursorParagraph(editor);
    const touched = span && e.contentChanges.some((c) => touches(span, c.range.start.line, c.range.start.line + c.text.split("\n").length - 1));
    if (!span || !touched) return;
    const uri = e.document.uri.toString();
    this.held = { uri, span };
    this.redisplay(uri);
  }

  /** The cursor left the held paragraph: its problems show. */
  private moved(editor: vscode.TextEditor): void {
    if (!this.held || editor.document.uri.toString() !== this.held.uri) return;
    const span = this.cursorParagraph(editor);
    if (span && span.start <= this.held.span.end && span.end >= this.held.span.start) {
      this.held = { uri: this.held.uri, span };
      return;
    }
    this.release();
  }

  private release(): void {
    const uri = this.held?.uri;
    this.held = undefined;
    if (uri) this.redisplay(uri);
  }

  private redisplay(uri: string): void {
    const all = this.latest.get(uri);
    if (!all || !this.show) return;
    this.show(vscode.Uri.parse(uri), this.held?.uri === uri ? shownWhileDrafting(all, this.held.span) : all);
  }

  private cursorParagraph(editor: vscode.TextEditor): LineSpan | undefined {
    const { document } = editor;
    return paragraphAt((i) => document.lineAt(i).text, document.lineCount, editor.selection.active.line);
  }

  private render(): void {
    const on = this.enabled();
    this.item.text = on ? vscode.l10n.t("$(pencil) Drafting") : vscode.l10n.t("$(pencil) Drafting off");
    this.item.detail = on
      ? vscode.l10n.t("Problems of the paragraph you are typing show when you leave it")
      : vscode.l10n.t("Problems show while you type");
    this.item.command = { title: on ? vscode.l10n.t("Turn off") : vscode.l10n.t("Turn on"), command: TOGGLE_DRAFTING };
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
