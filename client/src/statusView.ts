/**
 * What the language status items say for a status from the server: the text, a short detail, the
 * severity and the command. Pure (no `vscode`): the translator is passed in, so the rules are unit
 * tested. VS Code draws an item's detail on one line in the hover, and a long one pushed the item's
 * command ("Show Output") out of the window: details stay under DETAIL_MAX characters, and the full
 * messages are in the output, where the server logs them.
 */
import type { StatusParams } from "../../server/src/protocol";

/** `vscode.l10n` (its `t` looks a message up in the extension's l10n bundle). */
export interface Translator {
  t(message: string, ...args: (string | number)[]): string;
}

export type Severity = "information" | "warning" | "error";

export interface StatusView {
  text: string;
  detail: string;
  severity: Severity;
  busy: boolean;
  /** The item's command: the output, or running the install command (packages not installed). */
  command: "showOutput" | "install";
}

export interface PlatformView {
  text: string;
  detail: string;
}

export const DETAIL_MAX = 100;

/** `text` on one line, cut to `max` characters with an ellipsis. */
export function shorten(text: string, max = DETAIL_MAX): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

export const PATH_MAX = 48;

/** A path cut to its last folders that fit in `max` characters (`…/posts/.textlintrc.json`). */
export function shortPath(p: string, max = PATH_MAX): string {
  if (p.length <= max) return p;
  const parts = p.split(/[\\/]/);
  let tail = parts.pop() ?? p;
  while (parts.length > 0 && tail.length + (parts[parts.length - 1]?.length ?? 0) + 3 <= max) tail = `${parts.pop()}/${tail}`;
  return `…/${tail}`;
}

/** The textlint item. `configName` shows a config file relative to its workspace folder. */
export function statusView(status: StatusParams, l10n: Translator, configName: (file: string) => string): StatusView {
  const config = status.configKind === "project" ? shortPath(configName(status.configLabel)) : l10n.t("bundled preset");
  const view: StatusView = { text: `textlint: ${config}`, detail: "", severity: "information", busy: status.state === "pending", command: "showOutput" };
  const parts: string[] = [];
  if (status.bundledReason === "untrusted") {
    parts.push(l10n.t("Workspace not trusted: {0} is not loaded.", shortPath(configName(status.ignoredConfigFile ?? ""))));
    view.severity = "warning";
  }
  switch (status.state) {
    case "ok":
      parts.push(l10n.t("Last lint: {0} ms", status.lastLintMs ?? 0));
      break;
    case "slow":
      parts.push(l10n.t("Linting is taking longer than the time budget…"));
      view.severity = "warning";
      break;
    case "ignored":
      parts.push(l10n.t("This file is excluded by .textlintignore"));
      break;
    case "error": {
      // The message names the config by its absolute path; the text above already names it.
      const message = status.message ?? l10n.t("textlint failed");
      const short = status.configKind === "project" ? message.split(status.configLabel).join(config) : message;
      parts.push(shorten(short));
      view.severity = "error";
      break;
    }
    case "needsInstall":
      view.text = l10n.t("textlint: packages not installed");
      parts.push(shorten(l10n.t("Not checked. Run {0}", status.installCommand ?? "npm install")));
      view.severity = "warning";
      view.command = "install";
      break;
    case "tooLong":
      parts.push(
        status.stale
          ? l10n.t("Checked when saved; the problems shown are from the last save.")
          : status.lastLintMs !== undefined
            ? l10n.t("Checked when saved ({0} characters).", status.length ?? 0)
            : l10n.t("Too long to check as you type: save to check it."),
      );
      view.severity = "warning";
      break;
    case "stopped":
      parts.push(
        status.stopReason === "memory"
          ? l10n.t("The lint worker ran out of memory.")
          : status.stopReason === "timeout"
            ? l10n.t("Checking took too long and was stopped.")
            : l10n.t("The lint worker stopped unexpectedly."),
        l10n.t("Checked again when you save."),
        status.stale ? l10n.t("The problems shown are older.") : l10n.t("Not checked yet."),
      );
      view.severity = "error";
      break;
    case "pending":
      break;
  }
  view.detail = parts.join(" ");
  return view;
}

const PLATFORM_NAMES: Record<string, string> = { zenn: "Zenn", qiita: "Qiita", hatena: "Hatena Blog", devto: "dev.to", blog: "blog", custom: "schema" };

/**
 * The frontmatter item: the platform of the check published with the status, whatever happened to
 * the lint. A status that says nothing about the frontmatter keeps the `previous` view.
 */
export function platformView(status: StatusParams, previous: PlatformView | undefined, l10n: Translator): PlatformView {
  if (status.platform) {
    return { text: l10n.t("Frontmatter: {0}", PLATFORM_NAMES[status.platform] ?? status.platform), detail: shorten(status.platformReason ?? "") };
  }
  if (status.frontmatterChecked === false || !previous) return { text: l10n.t("Frontmatter: not checked"), detail: "" };
  return previous;
}
