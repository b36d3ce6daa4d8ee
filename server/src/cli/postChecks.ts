/**
 * What `tsuzuri check` asks of each post besides textlint: its platform (whose notations are not
 * prose) and its frontmatter problems, at the editor's positions. Shared by the CLI and the MCP
 * server so both give the very same results.
 */
import { frontmatterLintProblems } from "../core/frontmatter/diagnostics";
import type { CheckLang } from "../core/check/checkProblems";
import type { TsuzuriSettings } from "../core/settings";
import { editorLineIndex } from "./format";
import { FrontmatterService, notationsOf } from "../frontmatterService";
import type { RunnerIo } from "./runner";

export function postChecks(frontmatter: FrontmatterService, settings: TsuzuriSettings, cwd: string, lang: CheckLang): Pick<RunnerIo, "notations" | "frontmatter" | "frontmatterOnly" | "lineIndex"> {
  return {
    lineIndex: editorLineIndex,
    frontmatterOnly: (p) => frontmatter.isBookConfig(p, settings),
    notations: (p, text, root) => notationsOf(frontmatter.platformOf(text, p, root ?? cwd, settings)),
    frontmatter: (p, text, root) => {
      const result = frontmatter.check(text, p, root ?? cwd, settings);
      return result ? frontmatterLintProblems(text, result.problems, lang) : [];
    },
  };
}
