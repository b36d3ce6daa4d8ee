/**
 * `--format checkstyle`: Checkstyle's XML (as ESLint and textlint write it), for tools such as
 * `reviewdog -f=checkstyle` and CI test report plugins. Paths are absolute, as textlint's are; lines
 * and columns are the editor's (UTF-16 columns).
 *
 * Written here rather than taken from textlint: its checkstyle formatter writes line breaks raw in
 * attributes (an XML parser reads them back as spaces) and copies control characters that make the
 * XML ill-formed. The escaping is the Hatena Atom writer's (publish/hatenaXml.ts).
 */
import { escapeAttribute, invalidXmlCharacter } from "../publish/hatenaXml";
import { levelOf, type FileReport } from "./files";

/**
 * A string as an XML attribute value that parses back to the same string (line breaks and tabs
 * included), except the characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates,
 * U+FFFE/U+FFFF): those are written as a visible `\uXXXX`.
 */
export function xmlAttribute(value: string): string {
  let text = value;
  for (let bad = invalidXmlCharacter(text); bad; bad = invalidXmlCharacter(text)) {
    const code = `\\u${bad.codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
    text = text.slice(0, bad.index) + code + text.slice(bad.index + 1);
  }
  return escapeAttribute(text);
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
