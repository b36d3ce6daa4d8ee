/**
 * What the language status items say for a status from the server: the text, a short detail, the
 * severity and the command. Pure (no `vscode`): the translator is passed in, so the rules are unit
 * tested. VS Code draws each item of the language status hover on one line — text, detail and
 * command — starting left of the `{ }` entry and running right, off the window if it is long: a long
 * error hid the item's "Show Output". So the text names the config in at most PATH_MAX characters,
 * the detail says the state in at most DETAIL_MAX, and what went wrong is said elsewhere: in the
 * note on line 1 of the post, the notification, and the output (where the server logs it whole).
 */
import type { StatusParams } from "../../server/src/protocol";
import { platformName } from "../../server/src/core/shared/platforms";

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

export const DETAIL_MAX = 30;
export const PATH_MAX = 26;

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
  if (status.bundledReason === "untrusted") view.severity = "warning";
  switch (status.state) {
    case "ok":
      view.detail = status.bundledReason === "untrusted" ? l10n.t("Untrusted: config not loaded") : l10n.t("Last lint: {0} ms", status.lastLintMs ?? 0);
      break;
    case "slow":
      view.detail = l10n.t("Slower than the time budget");
      view.severity = "warning";
      break;
    case "ignored":
      view.detail = l10n.t("In .textlintignore");
      break;
    case "error":
      view.detail = l10n.t("Error: see the output");
      view.severity = "error";
      break;
    case "needsInstall":
      view.text = l10n.t("textlint: packages not installed");
      view.detail = l10n.t("Nothing checked");
      view.severity = "warning";
      view.command = "install";
      break;
    case "tooLong":
      view.detail = l10n.t("Too long: checked on save");
      view.severity = "warning";
      break;
    case "stopped":
      view.detail =
        status.stopReason === "memory"
          ? l10n.t("Out of memory: save to retry")
          : status.stopReason === "timeout"
            ? l10n.t("Timed out: save to retry")
            : l10n.t("Worker stopped: save to retry");
      view.severity = "error";
      break;
    case "pending":
      break;
  }
  return view;
}

/**
 * The frontmatter item: the platform of the check published with the status, whatever happened to
 * the lint. A status that says nothing about the frontmatter keeps the `previous` view.
 */
export function platformView(status: StatusParams, previous: PlatformView | undefined, l10n: Translator): PlatformView {
  if (status.platform) {
    const name = platformName(status.platform);
    // The reason starts with the platform's name ("Zenn: articles/ in …"), which the text already says.
    const reason = (status.platformReason ?? "").replace(/^[^:：]+[:：]\s*/, "");
    return { text: l10n.t("Frontmatter: {0}", name), detail: reason };
  }
  if (status.frontmatterChecked === false || !previous) return { text: l10n.t("Frontmatter: not checked"), detail: "" };
  return previous;
}
