/**
 * What `tsuzuri check` asks of each post besides textlint: its platform (whose notations are not
 * prose) and its frontmatter problems, at the editor's positions. Shared by the CLI and the MCP
 * server so both give the very same results.
 */
import { frontmatterLintProblems } from "../core/frontmatter/diagnostics";
import type { CheckLang } from "../core/check/checkProblems";
import type { TsuzuriSettings } from "../core/settings";
import { settingsForFile } from "../core/settingsForFile";
import { editorLineIndex } from "./format";
import { FrontmatterService, notationsOf } from "../frontmatterService";
import type { RunnerIo } from "./runner";

export function postChecks(frontmatter: FrontmatterService, settings: TsuzuriSettings, cwd: string, lang: CheckLang): Pick<RunnerIo, "notations" | "frontmatter" | "frontmatterOnly" | "lineIndex"> {
  return {
    lineIndex: editorLineIndex,
    frontmatterOnly: (p) => frontmatter.isBookConfig(p, settingsForFile(settings, p, cwd)),
    notations: (p, text, root) => notationsOf(frontmatter.platformOf(text, p, root ?? cwd, settingsForFile(settings, p, cwd))),
    frontmatter: (p, text, root) => {
      const result = frontmatter.check(text, p, root ?? cwd, settingsForFile(settings, p, cwd));
      return result ? frontmatterLintProblems(text, result.problems, lang) : [];
    },
  };
}
