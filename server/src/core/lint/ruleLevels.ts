/**
 * The writer's level per textlint rule (`tsuzuri.textlint.severity`), over what the config says:
 * `off` hides a rule's problems, `hint` shows them as the editor's faint dots, `info`, `warning` and
 * `error` as such — for the bundled preset and project configs alike, without editing a config.
 * A rule is named by its full id (`ja-technical-writing/sentence-length`), by its name inside its
 * preset (`sentence-length`), or by the preset (`ja-technical-writing`) for all of its rules; the
 * most specific name wins.
 */
import type { RuleLevel } from "../settings";
import type { LintOutcome, LintProblem } from "./lintEngine";

/** textlint's severities (1 warning, 2 error, 3 info) and the editor's hint, which textlint lacks. */
export const HINT_SEVERITY = 4;
const SEVERITY: Record<Exclude<RuleLevel, "off">, number> = { hint: HINT_SEVERITY, info: 3, warning: 1, error: 2 };

/** The level the writer set for `ruleId`, if any. */
export function levelOf(ruleId: string, levels: Readonly<Record<string, RuleLevel>>): RuleLevel | undefined {
  const slash = ruleId.indexOf("/");
  const names = slash < 0 ? [ruleId] : [ruleId, ruleId.slice(slash + 1), ruleId.slice(0, slash)];
  for (const name of names) {
    const level = Object.hasOwn(levels, name) ? levels[name] : undefined;
    if (level !== undefined) return level;
  }
  return undefined;
}

/** The problems at the writer's levels: `off` rules' problems dropped, the others' severities set. */
export function atRuleLevels(problems: readonly LintProblem[], levels: Readonly<Record<string, RuleLevel>>): LintProblem[] {
  if (Object.keys(levels).length === 0) return [...problems];
  return problems.flatMap((p) => {
    const level = levelOf(p.ruleId, levels);
    if (level === undefined) return [p];
    return level === "off" ? [] : [{ ...p, severity: SEVERITY[level] }];
  });
}

/** A lint outcome at the writer's levels (errors and ignored posts as they are). */
export function outcomeAtRuleLevels<T extends LintOutcome>(outcome: T, levels: Readonly<Record<string, RuleLevel>>): T {
  return outcome.status === "ok" ? { ...outcome, problems: atRuleLevels(outcome.problems, levels) } : outcome;
}
