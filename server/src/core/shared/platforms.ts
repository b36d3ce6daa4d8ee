/**
 * The platforms' names as writers see them — in the status, messages, the preview's header and the
 * publishing UI — in one table (proper names: the same in English and Japanese).
 */
import type { PlatformId } from "../frontmatter/types";

export const PLATFORM_NAMES: Readonly<Record<PlatformId, string>> = {
  zenn: "Zenn",
  qiita: "Qiita",
  hatena: "Hatena Blog",
  devto: "dev.to",
  blog: "blog",
  custom: "custom schema",
};

/** The name of a platform id; an id this table does not know is shown as it is. */
export function platformName(id: string): string {
  return (PLATFORM_NAMES as Readonly<Record<string, string>>)[id] ?? id;
}
