/**
 * `--format github`: GitHub Actions workflow commands (`::error file=…::message`), laid out as
 * textlint's github formatter lays them out, but escaped as the runner reads them. textlint's writes
 * messages and paths raw, so a multi-line message (sentence-length's second line) ends the annotation
 * at its first line break, and a comma or colon in a path cuts the `file=` property short.
 */
import type { TextlintResult } from "@textlint/types";
import { levelOf } from "./files";

/** A command's message (after `::`): `%`, CR and LF escaped, as the Actions runner unescapes them. */
export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A command property's value (`file=…`, `title=…`): the message's escapes, plus `:` and `,`. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

const commandOf = { error: "error", warning: "warning", info: "notice" } as const;

export function formatGithub(results: readonly TextlintResult[]): string {
  let output = "";
  for (const result of results) {
    if (result.messages.length === 0) continue;
    output += `::group::${escapeData(result.filePath)}\n`;
    for (const m of result.messages) {
      const { start, end } = m.loc;
      const properties = [
        `file=${escapeProperty(result.filePath)}`,
        `line=${start.line}`,
        `endLine=${end.line}`,
        `col=${start.column}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(`TextLint [${m.ruleId}]`)}`,
      ];
      output += `::${commandOf[levelOf(m)]} ${properties.join(",")}::${escapeData(m.message.trim())} | ${start.line}:${start.column}\n`;
    }
    output += "::endgroup::\n";
  }
  return output;
}
