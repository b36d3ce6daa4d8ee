/**
 * Tsuzuri's own words in both UI languages. The client's strings go through vscode.l10n; the core's
 * (frontmatter problems, publishing outcomes, status reasons) are `Localized` pairs, and the side that
 * shows them picks the writer's language.
 */

export type Lang = "en" | "ja";

/** A message in both UI languages. */
export interface Localized {
  en: string;
  ja: string;
}

export const say = (en: string, ja: string): Localized => ({ en, ja });
