/**
 * Publishing credentials in VS Code's SecretStorage (the OS keychain): never in settings, workspace
 * files, logs or messages. Set and removed with Tsuzuri: Set Token… / Remove Token….
 */
import * as vscode from "vscode";
import { PLATFORM_NAMES } from "../../../server/src/core/shared/platforms";

export type TokenPlatform = "qiita" | "hatena" | "devto";

export interface HatenaCredentials {
  hatenaId: string;
  blogId: string;
  apiKey: string;
}

const KEY = (platform: TokenPlatform) => `tsuzuri.token.${platform}`;

export const TOKEN_PLATFORMS: { id: TokenPlatform; label: string }[] = (["qiita", "hatena", "devto"] as const).map((id) => ({ id, label: PLATFORM_NAMES[id] }));

export class Tokens {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(platform: "qiita" | "devto"): Promise<string | undefined> {
    return (await this.secrets.get(KEY(platform))) || undefined;
  }

  async hatena(): Promise<HatenaCredentials | undefined> {
    const raw = await this.secrets.get(KEY("hatena"));
    if (!raw) return undefined;
    try {
      const value = JSON.parse(raw) as Partial<HatenaCredentials>;
      return value.hatenaId && value.blogId && value.apiKey ? { hatenaId: value.hatenaId, blogId: value.blogId, apiKey: value.apiKey } : undefined;
    } catch {
      return undefined;
    }
  }

  async has(platform: TokenPlatform): Promise<boolean> {
    return platform === "hatena" ? (await this.hatena()) !== undefined : (await this.get(platform)) !== undefined;
  }

  async store(platform: TokenPlatform, value: string | HatenaCredentials): Promise<void> {
    await this.secrets.store(KEY(platform), typeof value === "string" ? value : JSON.stringify(value));
  }

  async remove(platform: TokenPlatform): Promise<void> {
    await this.secrets.delete(KEY(platform));
  }
}

async function pickPlatform(title: string, preselect?: TokenPlatform): Promise<TokenPlatform | undefined> {
  const items = TOKEN_PLATFORMS.map((p) => ({ label: p.label, id: p.id, picked: p.id === preselect }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t("Platform") });
  return picked?.id;
}

/** Tsuzuri: Set Token…: asks the platform (or takes it), then the token (input hidden). */
export async function setToken(tokens: Tokens, platform?: TokenPlatform): Promise<boolean> {
  const target = platform ?? (await pickPlatform(vscode.l10n.t("Set a publishing token")));
  if (!target) return false;
  if (target === "hatena") {
    const hatenaId = await vscode.window.showInputBox({ title: PLATFORM_NAMES.hatena, prompt: vscode.l10n.t("Your Hatena ID"), ignoreFocusOut: true });
    if (!hatenaId) return false;
    const blogId = await vscode.window.showInputBox({ title: PLATFORM_NAMES.hatena, prompt: vscode.l10n.t("The blog's domain (e.g. example.hatenablog.com)"), ignoreFocusOut: true });
    if (!blogId) return false;
    const apiKey = await vscode.window.showInputBox({ title: PLATFORM_NAMES.hatena, prompt: vscode.l10n.t("The AtomPub API key (Settings › Advanced of the blog)"), password: true, ignoreFocusOut: true });
    if (!apiKey) return false;
    await tokens.store("hatena", { hatenaId: hatenaId.trim(), blogId: blogId.trim(), apiKey: apiKey.trim() });
  } else {
    const label = TOKEN_PLATFORMS.find((p) => p.id === target)?.label ?? target;
    const prompt = target === "qiita" ? vscode.l10n.t("A Qiita access token with the scopes read_qiita and write_qiita") : vscode.l10n.t("A dev.to API key (Settings › Extensions)");
    const value = await vscode.window.showInputBox({ title: label, prompt, password: true, ignoreFocusOut: true });
    if (!value) return false;
    await tokens.store(target, value.trim());
  }
  void vscode.window.showInformationMessage(vscode.l10n.t("The token is stored in VS Code's secret storage."));
  return true;
}

/** Tsuzuri: Remove Token…. */
export async function removeToken(tokens: Tokens): Promise<void> {
  const target = await pickPlatform(vscode.l10n.t("Remove a publishing token"));
  if (!target) return;
  await tokens.remove(target);
  void vscode.window.showInformationMessage(vscode.l10n.t("The token was removed."));
}
