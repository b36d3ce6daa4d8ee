/**
 * "Disable this rule here": `<!-- textlint-disable rule -->` … `<!-- textlint-enable rule -->`, the
 * syntax of textlint-filter-rule-comments, placed so that the Markdown keeps its structure.
 *
 * Comments on lines of their own go around a whole top-level block (a paragraph, a heading, a whole
 * list, table, quote or code block): an HTML comment may interrupt a paragraph or a list, so placed
 * there it starts and ends cleanly, while inside a list item, a table row or a code fence it would
 * change what the post renders. "For this line" inside a longer paragraph uses comments inline at
 * the ends of lines (never at a line's start, where `<!--` would begin an HTML block and swallow the
 * line), so the paragraph stays one paragraph. Frontmatter is never touched.
 */
import { parse } from "@textlint/markdown-to-ast";
import type { OffsetEdit } from "./textEdits";
import { lineStartAt } from "../shared/lines";

export type DisableScope = "line" | "block";

export interface DisableAction {
  scope: DisableScope;
  /** What the block is, for the action's title. */
  blockType: string;
  edits: OffsetEdit[];
}

/** A top-level block of the post: its type and range. */
export interface Block {
  type: string;
  range: [number, number];
}

/** The post's top-level blocks, from textlint's own Markdown parser (cache them per document version). */
export function topLevelBlocks(text: string): Block[] {
  const ast = parse(text) as unknown as { children?: Block[] };
  return (ast.children ?? []).map((c) => ({ type: c.type, range: c.range }));
}

const FRONTMATTER = new Set(["Yaml", "Toml", "Frontmatter"]);

export function disableComment(ruleId: string, enable: boolean): string {
  return `<!-- textlint-${enable ? "enable" : "disable"} ${ruleId} -->`;
}

/** Start of the line before the one starting at `start`. */
function previousLineStart(text: string, start: number): number {
  let i = start;
  if (text[i - 1] === "\n") i--;
  if (text[i - 1] === "\r") i--;
  return lineStartAt(text, i);
}

/** Offset of the line break ending the line that contains `offset` (or the text's end). */
function lineEnd(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
  }
  return text.length;
}

function eolOf(text: string, near: number): string {
  const end = lineEnd(text, near);
  if (text.startsWith("\r\n", end)) return "\r\n";
  if (text[end] === "\r") return "\r";
  if (text[end] === "\n") return "\n";
  const any = /\r\n|\r|\n/.exec(text);
  return any ? any[0] : "\n";
}

/** Where an inline comment at the end of a line goes: before a hard break's trailing spaces or backslash. */
function inlineEnd(text: string, offset: number): number {
  let end = lineEnd(text, offset);
  const start = lineStartAt(text, offset);
  while (end > start && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  if (end > start && text[end - 1] === "\\") end--;
  return end;
}

const insert = (offset: number, newText: string): OffsetEdit => ({ range: [offset, offset], newText });

function aroundBlock(text: string, block: Block, ruleId: string): OffsetEdit[] {
  const start = lineStartAt(text, block.range[0]);
  const end = lineEnd(text, Math.max(block.range[0], block.range[1] - 1));
  const eol = eolOf(text, start);
  return [insert(start, disableComment(ruleId, false) + eol), insert(end, eol + disableComment(ruleId, true))];
}

/**
 * The ways to disable `ruleId` around the problem at `range` (UTF-16 offsets in `text`): "line" and
 * "block" when they differ, one of them when the block is the problem's line, none in frontmatter.
 */
export function disableActions(text: string, range: [number, number], ruleId: string, blocks: readonly Block[] = topLevelBlocks(text)): DisableAction[] {
  const at = Math.min(range[0], Math.max(0, text.length - 1));
  const block = blocks.find((c) => c.range[0] <= at && at < Math.max(c.range[1], c.range[0] + 1));
  if (!block) return [];
  if (FRONTMATTER.has(block.type)) return [];
  const blockFirst = lineStartAt(text, block.range[0]);
  const blockLast = lineStartAt(text, Math.max(block.range[0], block.range[1] - 1));
  const problemFirst = lineStartAt(text, at);
  const problemLast = lineStartAt(text, Math.max(at, Math.min(range[1], block.range[1]) - 1));
  const blockAction: DisableAction = { scope: "block", blockType: block.type, edits: aroundBlock(text, block, ruleId) };
  if (problemFirst === blockFirst && problemLast === blockLast) return [{ ...blockAction, scope: "line" }];
  if (block.type !== "Paragraph") return [blockAction];
  const eol = eolOf(text, problemFirst);
  const lastEnd = lineEnd(text, problemLast);
  const disable =
    problemFirst === blockFirst
      ? insert(blockFirst, disableComment(ruleId, false) + eol)
      : insert(inlineEnd(text, previousLineStart(text, problemFirst)), disableComment(ruleId, false));
  const enable =
    problemLast === blockLast
      ? insert(lastEnd, eol + disableComment(ruleId, true))
      : insert(inlineEnd(text, problemLast), disableComment(ruleId, true));
  return [{ scope: "line", blockType: block.type, edits: [disable, enable] }, blockAction];
}
