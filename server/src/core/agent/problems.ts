/**
 * Problems as the MCP tools report them to an agent: textlint's results (as `tsuzuri check --format
 * json` prints them, at the editor's positions) reduced to what a model needs to find and fix each
 * one. Lines and columns are 1-based and count UTF-16 code units, exactly the JSON format's `line`,
 * `column` and `loc.end`; the end is exclusive (the character just after the problem).
 */
import type { TextlintMessage } from "@textlint/types";
import type { GateLevel } from "../publish/gate";

export type AgentSeverity = "error" | "warning" | "info";

export interface AgentProblem {
  /** textlint's rule id (`ja-technical-writing/no-dropping-the-ra`) or Tsuzuri's (`frontmatter/…`, `tsuzuri/too-slow`). */
  ruleId: string;
  message: string;
  severity: AgentSeverity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** True when the rule offers a fix that the `fix` tool applies. */
  fixable: boolean;
}

/** textlint's levels: 1 warning, 2 error, 3 info. */
export function severityName(level: number): AgentSeverity {
  return level === 2 ? "error" : level === 1 ? "warning" : "info";
}

export function agentProblem(m: TextlintMessage): AgentProblem {
  return {
    ruleId: m.ruleId,
    message: m.message,
    severity: severityName(m.severity),
    line: m.line,
    column: m.column,
    endLine: m.loc.end.line,
    endColumn: m.loc.end.column,
    fixable: m.fix !== undefined,
  };
}

export function problemCounts(problems: readonly AgentProblem[]): { errors: number; warnings: number } {
  return { errors: problems.filter((p) => p.severity === "error").length, warnings: problems.filter((p) => p.severity === "warning").length };
}

/** How a problem counts at the pre-publish gate. */
export const gateLevelOf = (p: AgentProblem): GateLevel => (p.severity === "info" ? "other" : p.severity);
