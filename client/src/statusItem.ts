/**
 * The language status items for Markdown: which textlint config is in use and how long the last lint
 * took (warning when linting is slow, the post is linted only on save, or the config's packages are
 * not installed; error when the config is broken or the lint worker stopped on the post), and the
 * platform whose frontmatter rules apply. The words come from statusView.ts.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import type { StatusParams } from "../../server/src/protocol";
import { INSTALL_COMMAND, MissingPackagesNotifier } from "./missingPackages";
import { platformView, statusView, type PlatformView, type Severity } from "./statusView";

const SEVERITY: Record<Severity, vscode.LanguageStatusSeverity> = {
  information: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
};

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem("tsuzuri.status", { language: "markdown" });
  /** The blog platform whose frontmatter rules apply to the post, and why. */
  private readonly platformItem = vscode.languages.createLanguageStatusItem("tsuzuri.platform", { language: "markdown" });
  private readonly byUri = new Map<string, StatusParams>();
  /** The frontmatter item's view per post: statuses that say nothing about the frontmatter keep it. */
  private readonly platformByUri = new Map<string, PlatformView>();
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor(() => this.render());
  private readonly changed = new vscode.EventEmitter<StatusParams>();
  /** Fires after every status the server sends (for the extension's API and its tests). */
  readonly onDidChange = this.changed.event;
  readonly missingPackages = new MissingPackagesNotifier(configName);

  constructor() {
    this.item.name = "Tsuzuri";
    this.platformItem.name = vscode.l10n.t("Tsuzuri: platform");
    this.waiting();
  }

  /** A post with no status yet: nothing of another post's status may show for it. */
  private waiting(): void {
    this.item.command = { title: vscode.l10n.t("Show Output"), command: "tsuzuri.showOutput" };
    this.item.text = "$(sync~spin) textlint";
    this.item.detail = vscode.l10n.t("Waiting for the first lint");
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    this.platformItem.text = "";
    this.platformItem.detail = "";
  }

  update(status: StatusParams): void {
    this.byUri.set(status.uri, status);
    this.platformByUri.set(status.uri, platformView(status, this.platformByUri.get(status.uri), vscode.l10n));
    this.render();
    this.missingPackages.update(status);
    this.changed.fire(status);
  }

  get(uri: vscode.Uri): StatusParams | undefined {
    return this.byUri.get(uri.toString());
  }

  /** What the frontmatter item says for a post (for tests). */
  platformText(uri: vscode.Uri): string | undefined {
    return this.platformByUri.get(uri.toString())?.text;
  }

  forget(uri: vscode.Uri): void {
    this.byUri.delete(uri.toString());
    this.platformByUri.delete(uri.toString());
  }

  private render(): void {
    // Other editors (output, settings) do not show these items: leave them as they are.
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId !== "markdown") return;
    const uri = document.uri;
    const status = this.byUri.get(uri.toString());
    if (!status) return this.waiting();
    const platform = this.platformByUri.get(uri.toString());
    this.platformItem.text = platform?.text ?? "";
    this.platformItem.detail = platform?.detail ?? "";
    const view = statusView(status, vscode.l10n, configName);
    this.item.text = view.text;
    this.item.detail = view.detail;
    this.item.severity = SEVERITY[view.severity];
    this.item.busy = view.busy;
    this.item.command =
      view.command === "install"
        ? { title: vscode.l10n.t("Run {0}", status.installCommand ?? "npm install"), command: INSTALL_COMMAND, arguments: [status] }
        : { title: vscode.l10n.t("Show Output"), command: "tsuzuri.showOutput" };
  }

  dispose(): void {
    this.subscription.dispose();
    this.platformItem.dispose();
    this.changed.dispose();
    this.missingPackages.dispose();
    this.item.dispose();
  }
}

function configName(configFile: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(configFile));
  return folder ? path.relative(folder.uri.fsPath, configFile) : configFile;
}
