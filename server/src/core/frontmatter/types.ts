/**
 * Frontmatter checking: the shared vocabulary of the parser, the platform profiles, detection,
 * quick fixes, completion and hover.
 */

/** The blog platforms Tsuzuri knows; `custom` validates with the writer's own JSON Schema. */
export type PlatformId = "zenn" | "qiita" | "hatena" | "devto" | "blog" | "custom";

export const PLATFORM_IDS: readonly PlatformId[] = ["zenn", "qiita", "hatena", "devto", "blog", "custom"];

import type { Localized } from "../shared/i18n";

/** `hint`: shown faintly in the editor only (not in the Problems panel, not by the CLI). */
export type FrontmatterSeverity = "error" | "warning" | "info" | "hint";

/** What a rule can be set to (setting `tsuzuri.frontmatter.rules`): a severity, or off. */
export type RuleLevel = FrontmatterSeverity | "off";

export const RULE_LEVELS: readonly RuleLevel[] = ["off", "hint", "info", "warning", "error"];

/** A minimal edit in UTF-16 offsets of the whole post. */
export interface FrontmatterEdit {
  range: [number, number];
  newText: string;
}

export interface FrontmatterFix {
  title: Localized;
  edits: FrontmatterEdit[];
}

export interface FrontmatterProblem {
  /** `frontmatter/<rule>`, as the CLI and diagnostics report it. */
  ruleId: string;
  message: Localized;
  severity: FrontmatterSeverity;
  /** UTF-16 offsets in the whole post (BOM included), never empty unless the post is. */
  range: [number, number];
  fixes?: FrontmatterFix[];
  /** The edit that makes this post ignore the rule (a comment Tsuzuri reads; see dismiss.ts). */
  ignore?: FrontmatterEdit;
}
