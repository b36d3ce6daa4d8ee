/**
 * `--format checkstyle`: Checkstyle's XML (as ESLint and textlint write it), for tools such as
 * `reviewdog -f=checkstyle` and CI test report plugins. Paths are absolute, as textlint's are; lines
 * and columns are the editor's (UTF-16 columns).
 *
 * Written here rather than taken from textlint: its checkstyle formatter writes line breaks raw in
 * attributes (an XML parser reads them back as spaces) and copies control characters that make the
 * XML ill-formed. A 30-line writer does not justify an XML library.
 */
import { levelOf, type FileReport } from "./files";

/** Characters XML 1.0 cannot hold at all, even escaped: C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };

/**
 * A string as an XML attribute value that parses back to the same string: markup characters as
 * entities, tab and line breaks as character references (kept, not normalised to spaces), and the
 * characters XML cannot carry written as a visible `\uXXXX`.
 */
export function xmlAttribute(value: string): string {
  return value
    .replace(NOT_XML, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`)
    .replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c] ?? c);
}

export function formatCheckstyle(files: readonly FileReport[]): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const file of files) {
    lines.push(`  <file name="${xmlAttribute(file.filePath)}">`);
    for (const m of file.messages) {
      const attributes = [
        `line="${m.line}"`,
        `column="${m.column}"`,
        `severity="${levelOf(m)}"`,
        `message="${xmlAttribute(m.message)}"`,
        `source="${xmlAttribute(m.ruleId)}"`,
      ];
      lines.push(`    <error ${attributes.join(" ")} />`);
    }
    lines.push("  </file>");
  }
  lines.push("</checkstyle>");
  return `${lines.join("\n")}\n`;
}
