/**
 * "textlint config needs packages that are not installed": one notification per config (not per
 * post), with the project's own install command (`bun install`, `pnpm install`…, from its lockfile)
 * to run in a terminal or copy. Once the packages are installed the server lints again and the
 * state clears; if they go missing again later, the writer is told again.
 */
import * as vscode from "vscode";
import type { StatusParams } from "../../server/src/protocol";

export const INSTALL_COMMAND = "tsuzuri.installPackages";

export class MissingPackagesNotifier implements vscode.Disposable {
  /** Configs the writer was told about, while their packages are still missing. */
  private readonly notified = new Set<string>();
  private readonly command = vscode.commands.registerCommand(INSTALL_COMMAND, (status?: StatusParams) => status && runInstall(status));
  private readonly shown = new vscode.EventEmitter<string>();
  /** Fires with the config file each time the notification is shown (for tests). */
  readonly onDidNotify = this.shown.event;

  constructor(private readonly configName: (file: string) => string) {}

  update(status: StatusParams): void {
    const key = status.configLabel;
    if (status.state !== "needsInstall") {
      // Only a lint that loaded the config says the packages are there now.
      if (status.state === "ok" || status.state === "ignored") this.notified.delete(key);
      return;
    }
    if (this.notified.has(key)) return;
    this.notified.add(key);
    this.shown.fire(key);
    void this.notify(status);
  }

  private async notify(status: StatusParams): Promise<void> {
    const command = status.installCommand ?? "npm install";
    const packages = status.missingPackages ?? [];
    const message = vscode.l10n.t(
      "textlint config {0} needs packages that are not installed ({1}), so nothing is checked. Run {2} in {3}.",
      this.configName(status.configLabel),
      packages.join(", "),
      command,
      status.installCwd ?? "",
    );
    const run = vscode.l10n.t("Run {0} in Terminal", command);
    const copy = vscode.l10n.t("Copy Command");
    const choice = await vscode.window.showWarningMessage(message, run, copy);
    if (choice === run) runInstall(status);
    else if (choice === copy) await vscode.env.clipboard.writeText(command);
  }

  dispose(): void {
    this.command.dispose();
    this.shown.dispose();
  }
}

function runInstall(status: StatusParams): void {
  const terminal = vscode.window.createTerminal({ name: "Tsuzuri: install", ...(status.installCwd ? { cwd: status.installCwd } : {}) });
  terminal.show();
  terminal.sendText(status.installCommand ?? "npm install");
}
