/**
 * Writing what the platform answered (Qiita's id and updated_at, blogsync's EditURL and URL, dev.to's
 * id and URL) back into the post's frontmatter: each key's value replaced where it is, or the key
 * added at the end of the frontmatter. Every other byte of the file stays as it was.
 */
import { Fields } from "../frontmatter/fields";
import { parseFrontmatter } from "../frontmatter/parse";
import { applyEdits, type OffsetEdit } from "../fixes/textEdits";
import { PublishFailure } from "./types";

/** `values`: key → the YAML text to write (already quoted as the platform's tool writes it). */
export function writeBack(text: string, values: Record<string, string>): string {
  const fm = parseFrontmatter(text);
  if (!fm || !fm.doc || fm.kind !== "yaml") {
    throw new PublishFailure({ kind: "local", message: { en: "The post has no YAML frontmatter to record the published post in.", ja: "公開した記事の情報を書き込む YAML フロントマターがありません。" } });
  }
  const fields = new Fields(text, fm);
  const edits: OffsetEdit[] = [];
  const added: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (fields.pair(key)) {
      const range = fields.node(key)?.range;
      if (range && range[1] > range[0]) edits.push(fields.replaceValue(key, value));
      else {
        // `key:` with no value: the value goes right after the colon (and its space, if any).
        const colon = text.indexOf(":", fields.keyRange(key)[1]);
        const at = text[colon + 1] === " " ? colon + 2 : colon + 1;
        edits.push({ range: [at, at], newText: text[colon + 1] === " " ? value : ` ${value}` });
      }
    } else {
      added.push(`${key}: ${value}`);
    }
  }
  if (added.length > 0) {
    const insert = fields.insertKey(added[0]?.split(": ")[0] ?? "", added[0]?.slice(added[0].indexOf(": ") + 2) ?? "");
    insert.newText += added.slice(1).map((line) => `${line}${fm.eol}`).join("");
    edits.push(insert);
  }
  return applyEdits(text, edits);
}

/** A YAML single-quoted string, as Qiita CLI writes updated_at. */
export function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
