/**
 * The language status item for Markdown: which textlint config is in use and how long the last lint
 * took; warning when linting is slow or the post is linted only on save (too long), error when the
 * config is broken or the lint worker stopped on the post.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import type { StatusParams } from "../../server/src/protocol";

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem("tsuzuri.status", { language: "markdown" });
  /** The blog platform whose frontmatter rules apply to the post, and why. */
  private readonly platformItem = vscode.languages.createLanguageStatusItem("tsuzuri.platform", { language: "markdown" });
  private readonly byUri = new Map<string, StatusParams>();
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor(() => this.render());
  private readonly changed = new vscode.EventEmitter<StatusParams>();
  /** Fires after every status the server sends (for the extension's API and its tests). */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.item.name = "Tsuzuri";
    this.item.command = { title: vscode.l10n.t("Show Output"), command: "tsuzuri.showOutput" };
    this.item.text = "$(sync~spin) textlint";
    this.item.detail = vscode.l10n.t("Waiting for the first lint");
    this.platformItem.name = vscode.l10n.t("Tsuzuri: platform");
    this.platformItem.text = "";
  }

  update(status: StatusParams): void {
    this.byUri.set(status.uri, status);
    this.render();
    this.changed.fire(status);
  }

  get(uri: vscode.Uri): StatusParams | undefined {
    return this.byUri.get(uri.toString());
  }

  forget(uri: vscode.Uri): void {
    this.byUri.delete(uri.toString());
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const status = uri ? this.byUri.get(uri.toString()) : undefined;
    if (!status) return;
    this.platformItem.text = status.platform ? vscode.l10n.t("Frontmatter: {0}", PLATFORM_NAMES[status.platform] ?? status.platform) : vscode.l10n.t("Frontmatter: not checked");
    this.platformItem.detail = status.platformReason ?? "";
    const config = status.configKind === "project" ? configName(status.configLabel) : vscode.l10n.t("bundled preset");
    this.item.text = `textlint: ${config}`;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    this.item.busy = status.state === "pending";
    const parts: string[] = [status.configLabel];
    if (status.bundledReason === "untrusted") {
      parts.push(vscode.l10n.t("Workspace not trusted: {0} is not loaded until you trust this folder.", status.ignoredConfigFile ?? ""));
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
    }
    switch (status.state) {
      case "ok":
        parts.push(vscode.l10n.t("Last lint: {0} ms", status.lastLintMs ?? 0));
        break;
      case "slow":
        parts.push(vscode.l10n.t("Linting is taking longer than the time budget…"));
        this.item.severity = vscode.LanguageStatusSeverity.Warning;
        break;
      case "ignored":
        parts.push(vscode.l10n.t("This file is excluded by .textlintignore"));
        break;
      case "error":
        parts.push(status.message ?? vscode.l10n.t("textlint failed"));
        this.item.severity = vscode.LanguageStatusSeverity.Error;
        break;
      case "tooLong":
        parts.push(
          vscode.l10n.t("Too long to check as you type ({0} characters; limit {1}): checked when saved.", status.length ?? 0, status.maxLength ?? 0),
          status.stale ? vscode.l10n.t("The problems shown are from the last save.") : status.lastLintMs !== undefined ? vscode.l10n.t("Last lint: {0} ms", status.lastLintMs) : vscode.l10n.t("Not checked yet: save the post to check it."),
        );
        this.item.severity = vscode.LanguageStatusSeverity.Warning;
        break;
      case "stopped":
        parts.push(
          status.stopReason === "memory"
            ? vscode.l10n.t("The lint worker ran out of memory on this post.")
            : status.stopReason === "timeout"
              ? vscode.l10n.t("Checking this post took too long and was stopped.")
              : vscode.l10n.t("The lint worker stopped unexpectedly on this post."),
          vscode.l10n.t("It is checked again when you save it."),
          status.stale ? vscode.l10n.t("The problems shown are from an earlier version.") : vscode.l10n.t("Not checked yet."),
        );
        this.item.severity = vscode.LanguageStatusSeverity.Error;
        break;
      case "pending":
        break;
    }
    this.item.detail = parts.join(" — ");
  }

  dispose(): void {
    this.subscription.dispose();
    this.platformItem.dispose();
    this.changed.dispose();
    this.item.dispose();
  }
}

const PLATFORM_NAMES: Record<string, string> = { zenn: "Zenn", qiita: "Qiita", hatena: "Hatena Blog", devto: "dev.to", blog: "blog", custom: "schema" };

function configName(configFile: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(configFile));
  return folder ? path.relative(folder.uri.fsPath, configFile) : configFile;
}
