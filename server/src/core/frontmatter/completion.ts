/**
 * Completion and hover inside the frontmatter: the platform's keys with their documentation, enum
 * values (`type: tech|idea`, booleans), and the topics/tags already used in other posts of the
 * workspace, most frequent first.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Hover } from "vscode-languageserver-types";
import { parseFrontmatter } from "./parse";
import { fieldDocs, type FieldDoc } from "./fieldDocs";
import type { Lang } from "../shared/i18n";
import type { PlatformId } from "./types";
import { lineStartAt } from "../shared/lines";

interface LineContext {
  line: string;
  /** Offset of the line's start in the post. */
  lineStart: number;
  /** The cursor's column in the line. */
  column: number;
  /** The key whose value the cursor is in (the line's own key, or the list's key above). */
  key?: string;
  /** The cursor is where a key is typed (at the start of a line). */
  atKey: boolean;
}

function lineContext(text: string, offset: number): LineContext | undefined {
  const fm = parseFrontmatter(text);
  if (!fm || offset < fm.contentRange[0] || offset > fm.contentRange[1]) return undefined;
  const lineStart = lineStartAt(text, offset);
  const m = /\r\n|\r|\n/.exec(text.slice(offset));
  const line = text.slice(lineStart, m ? offset + m.index : text.length);
  const column = offset - lineStart;
  const before = line.slice(0, column);
  if (/^[A-Za-z_]*$/.test(before)) return { line, lineStart, column, atKey: true };
  const own = /^([A-Za-z_][\w-]*):/.exec(line);
  if (own?.[1] && column > own[0].length - 1) return { line, lineStart, column, key: own[1], atKey: false };
  if (/^\s*-\s*/.test(before)) {
    // A block list item: its key is the nearest line above that is not indented.
    const above = text.slice(fm.contentRange[0], lineStart).split(/\r\n|\r|\n/).reverse();
    const parent = above.find((l) => /^[A-Za-z_][\w-]*:/.test(l));
    const key = parent ? /^([A-Za-z_][\w-]*):/.exec(parent)?.[1] : undefined;
    return { line, lineStart, column, ...(key ? { key } : {}), atKey: false };
  }
  return undefined;
}

export interface CompletionInput {
  text: string;
  offset: number;
  platform: PlatformId | undefined;
  lang: Lang;
  /** Topics/tags used in the workspace's posts, with how many posts use each. */
  usedTags: ReadonlyMap<string, number>;
}

function docOf(field: FieldDoc, lang: Lang): { kind: "markdown"; value: string } {
  return { kind: MarkupKind.Markdown, value: `**${field.key}** — ${field.doc[lang]}` };
}

export function frontmatterCompletions(input: CompletionInput): CompletionItem[] {
  const ctx = lineContext(input.text, input.offset);
  if (!ctx) return [];
  const fields = fieldDocs(input.platform);
  if (ctx.atKey) {
    // Keys as written (the YAML is often incomplete while typing, so not from the parsed data).
    const fm = parseFrontmatter(input.text);
    const content = fm ? input.text.slice(fm.contentRange[0], fm.contentRange[1]) : "";
    const present = new Set([...content.matchAll(/^([A-Za-z_][\w-]*):/gm)].map((m) => m[1]));
    return fields
      .filter((field) => !present.has(field.key))
      .map((field, i) => ({
        label: field.key,
        kind: CompletionItemKind.Property,
        documentation: docOf(field, input.lang),
        insertText: `${field.key}: ${field.snippet}`,
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: String(i).padStart(3, "0"),
      }));
  }
  const field = fields.find((fd) => fd.key === ctx.key);
  if (!field) return [];
  if (field.values) {
    return field.values.map((value, i) => ({ label: value, kind: CompletionItemKind.EnumMember, documentation: docOf(field, input.lang), sortText: String(i).padStart(3, "0") }));
  }
  if (field.tagList) {
    const inList = /\[[^\]]*$/.test(ctx.line.slice(0, ctx.column)) || /^\s*-\s*/.test(ctx.line);
    if (!inList && !/,\s*[^,]*$/.test(ctx.line.slice(0, ctx.column))) return [];
    const present = new Set(ctx.line.match(/[^\s[\],'"-][^,\]'"]*/g)?.map((t) => t.trim()) ?? []);
    return [...input.usedTags.entries()]
      .filter(([tag]) => !present.has(tag))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 100)
      .map(([tag, count], i) => ({
        label: tag,
        kind: CompletionItemKind.Value,
        detail: input.lang === "ja" ? `${count} 件の記事` : `${count} post${count === 1 ? "" : "s"}`,
        sortText: String(i).padStart(3, "0"),
      }));
  }
  return [];
}

/** The documentation of the key under the cursor. */
export function frontmatterHover(text: string, offset: number, platform: PlatformId | undefined, lang: Lang): Hover | undefined {
  const fm = parseFrontmatter(text);
  if (!fm || offset < fm.contentRange[0] || offset > fm.contentRange[1]) return undefined;
  const lineStart = lineStartAt(text, offset);
  const key = /^([A-Za-z_][\w-]*):/.exec(text.slice(lineStart, lineStart + 200))?.[1];
  if (!key || offset - lineStart > key.length) return undefined;
  const field = fieldDocs(platform).find((fd) => fd.key === key);
  return field ? { contents: docOf(field, lang) } : undefined;
}

/** Topics/tags of one post's frontmatter (for the workspace index). */
export function tagsOf(text: string): string[] {
  return tagsIn(parseFrontmatter(text)?.data);
}

/** What the workspace index keeps of a post: its topics/tags and identity values, from one parse. */
export function indexEntryOf(text: string): { tags: string[]; identities: Record<string, string> } {
  const data = parseFrontmatter(text)?.data;
  return { tags: tagsIn(data), identities: identitiesIn(data) };
}

function tagsIn(data: Record<string, unknown> | undefined): string[] {
  if (!data) return [];
  const out: string[] = [];
  for (const key of ["topics", "tags", "Category"]) {
    const value = data[key];
    const list = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
    for (const v of list) if (typeof v === "string" && v.trim() !== "") out.push(v.trim());
  }
  return out;
}

/** Frontmatter keys that identify a post on its platform: two posts must not share a value. */
export const IDENTITY_KEYS = ["slug", "id", "CustomPath", "EditURL"] as const;

/** The identity values of one post's frontmatter (for the workspace's duplicate check). */
export function identitiesOf(text: string): Record<string, string> {
  return identitiesIn(parseFrontmatter(text)?.data);
}

function identitiesIn(data: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!data) return out;
  for (const key of IDENTITY_KEYS) {
    const value = data[key];
    if ((typeof value === "string" && value.trim() !== "") || typeof value === "number") out[key] = String(value).trim();
  }
  return out;
}
