/**
 * Re-parses only the blocks around an edit, splicing them into the previous AST, so that a long post
 * does not pay for a whole Markdown parse on every keystroke (at 100k characters the parse alone is
 * most of a lint). remark has no incremental mode, hence this; the result must equal a full parse
 * (tested node for node), so whatever can have effects beyond its blocks falls back to a full parse:
 * an edit in the first block (frontmatter), an edit that adds, removes or relabels a link/footnote
 * definition, a definition nested inside another block, and any splice whose edges do not re-parse
 * exactly as before (an opened code fence, a setext underline, a list that now swallows the next
 * paragraph, ...). Typing inside a definition's text keeps the fast path while every label stays.
 *
 * Top-level definitions (`[^1]: …` at the end of a post, `[docs]: https://…`) decide how references
 * elsewhere parse (`[^1]` is a footnote reference only if defined), so the re-parsed region gets the
 * document's definitions appended after it, exactly as they are, and they are dropped again after
 * the parse: a post with footnotes keeps the fast path.
 */
import type { TxtDocumentNode, TxtNode } from "@textlint/ast-node-types";
import { documentNode, lineBreaks, moveNode } from "./positions";
import { DEFINITION_TYPES, shapeOf } from "./units";
import { lineStartAt } from "../shared/lines";

export interface ParsedText {
  text: string;
  /** Handed to textlint's kernel only as IncrementalLinter.fedTree builds it (the kernel marks nodes). */
  ast: TxtDocumentNode;
}

export type Parse = (text: string) => TxtDocumentNode;

const FRONTMATTER_START = /^(---|\+\+\+|;;;|\{)/;

/**
 * `kept` says which top-level blocks are the previous parse's: the first `head` (the same nodes) and
 * the last `tail` (the same blocks, moved by the edit), so what was computed for them can be kept.
 */
export interface IncrementalParse {
  ast: TxtDocumentNode;
  partial: boolean;
  kept: { head: number; tail: number };
}

export function parseIncrementally(previous: ParsedText | undefined, text: string, parse: Parse): IncrementalParse {
  const full = () => ({ ast: parse(text), partial: false, kept: { head: 0, tail: 0 } });
  if (!previous) return full();
  if (previous.text === text) return { ast: previous.ast, partial: true, kept: { head: previous.ast.children.length, tail: 0 } };
  const old = previous.text;
  const units = previous.ast.children;
  const definitions = units.filter((u) => DEFINITION_TYPES.has(u.type));
  if (hasNestedDefinition(old, units)) return full();
  // An unclosed frontmatter fence changes how the whole document parses; a closed one (the first
  // block is the frontmatter, and the edit is past it, see `a === 0` below) does not.
  const frontmatter = /^(Yaml|Toml|Json)$/.test(units[0]?.type ?? "");
  if ((FRONTMATTER_START.test(text) || FRONTMATTER_START.test(old)) && !frontmatter) return full();

  let prefix = 0;
  const max = Math.min(old.length, text.length);
  while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const removed = old.slice(prefix, old.length - suffix);
  const inserted = text.slice(prefix, text.length - suffix);
  if (/\]:|\[\^/.test(removed + inserted)) return full();

  // The blocks the edit touches, widened by one on each side: those re-parse, and must come out as
  // they were at the edges.
  const damageEnd = old.length - suffix;
  let a = units.findIndex((u) => u.range[1] >= prefix);
  let b = units.length - 1;
  while (b > 0 && (units[b]?.range[0] ?? 0) > damageEnd) b--;
  if (a < 0) a = units.length - 1;
  a = Math.max(0, Math.min(a, b) - 1);
  b = Math.min(units.length - 1, Math.max(a, b) + 1);
  const first = units[a];
  const last = units[b];
  // A region that reaches the last block is parsed to the end of the text: nothing after it to
  // compare, nothing after it to disturb (footnote definitions at the end of a post live there).
  const atEnd = b === units.length - 1;
  if (!first || !last || a === 0 || b <= a + (atEnd ? 0 : 1)) return full();
  const delta = text.length - old.length;
  const start = lineStartAt(old, first.range[0]);
  const endOld = last.range[1];
  if ((!atEnd && endOld < damageEnd) || start > prefix) return full();
  const region = atEnd ? text.slice(start) : text.slice(start, endOld + delta);
  // At the start of a text, `---` (a thematic break in the post) opens frontmatter.
  if (FRONTMATTER_START.test(region)) return full();
  const lineOffset = first.loc.start.line - 1;
  const outside = definitions.filter((d) => d.range[1] <= first.range[0] || d.range[0] >= last.range[1]);
  const parsedRegion = parseWithDefinitions(region, old, outside, parse);
  if (!parsedRegion) return full();
  const reparsed = parsedRegion.map((n) => moved(n, start, lineOffset));
  const edgeFirst = reparsed[0];
  const edgeLast = reparsed[reparsed.length - 1];
  if (!edgeFirst || !edgeLast || !sameBlock(edgeFirst, first, 0, 0)) return full();
  const lineDelta = lineBreaks(inserted) - lineBreaks(removed);
  if (!atEnd && !sameBlock(edgeLast, last, delta, lineDelta)) return full();

  const children = [
    ...units.slice(0, a),
    ...reparsed,
    ...units.slice(b + 1).map((n) => moved(n, delta, lineDelta)),
  ];
  // An edit inside a definition keeps the fast path only if every label is still defined as before:
  // the labels decide how references elsewhere parse.
  if (labelsOf(children) !== labelsOf(units)) return full();
  return { ast: documentNode(text, children), partial: true, kept: { head: a, tail: units.length - b - 1 } };
}

function labelsOf(nodes: readonly TxtNode[]): string {
  return nodes
    .filter((n) => DEFINITION_TYPES.has(n.type))
    .map((n) => `${n.type}\u0000${String((n as { label?: unknown }).label)}`)
    .join("\u0001");
}

/**
 * The region's blocks, parsed with the document's top-level definitions appended (each after a blank
 * line, in document order); undefined when the definitions did not come back as themselves (they
 * merged into the region's last block, say), which the caller answers with a full parse.
 */
function parseWithDefinitions(region: string, old: string, all: readonly TxtNode[], parse: Parse): TxtNode[] | undefined {
  // Only the definitions the region may refer to: micromark takes about half a millisecond per
  // footnote definition, and a post can have a hundred.
  const definitions = referencedDefinitions(region, all);
  if (definitions.length === 0) return [...parse(region).children];
  const eol = /\r\n|\r|\n/.exec(region)?.[0] ?? "\n";
  const sources = definitions.map((d) => old.slice(lineStartAt(old, d.range[0]), d.range[1]));
  const children = parse(region + eol + eol + sources.join(eol + eol) + eol).children;
  const own = children.slice(0, children.length - definitions.length);
  const appended = children.slice(own.length);
  const intact = appended.every((n, i) => {
    const d = definitions[i];
    return d !== undefined && n.type === d.type && n.raw === d.raw && shapeOf(n) === shapeOf(d);
  });
  return intact && appended.length === definitions.length ? own : undefined;
}

/**
 * A superset of the definitions that references in `region` can resolve to: those whose label occurs
 * in the region's text, compared as CommonMark compares labels (whitespace runs collapsed, case
 * folded); footnotes only as `[^label]`.
 */
function referencedDefinitions(region: string, definitions: readonly TxtNode[]): TxtNode[] {
  if (definitions.length === 0) return [];
  const text = normalizeLabel(region);
  return definitions.filter((d) => {
    const label = (d as { label?: unknown }).label;
    if (typeof label !== "string") return true;
    return text.includes(normalizeLabel(d.type === "Definition" ? label.trim() : `[^${label.trim()}]`));
  });
}

function normalizeLabel(text: string): string {
  return text.replace(/[\t\n\r ]+/g, " ").toLowerCase().toUpperCase();
}

/**
 * A definition inside a list or a quote (`> [x]: https://…`) also resolves references anywhere; we
 * only carry top-level ones into a partial parse, so such a post always parses in full. A cheap
 * textual test: a `]:` outside top-level definitions and code.
 */
function hasNestedDefinition(text: string, units: readonly TxtNode[]): boolean {
  let k = 0;
  for (let at = text.indexOf("]:"); at >= 0; at = text.indexOf("]:", at + 2)) {
    while (k < units.length && (units[k]?.range[1] ?? 0) <= at) k++;
    const unit = units[k];
    if (unit && unit.range[0] <= at && !DEFINITION_TYPES.has(unit.type) && unit.type !== "CodeBlock") return true;
  }
  return false;
}

/** Whether `node` is `before` moved by (offset, lines): same type, same source, same shape. */
function sameBlock(node: TxtNode, before: TxtNode, offset: number, lines: number): boolean {
  return (
    node.type === before.type &&
    node.raw === before.raw &&
    node.range[0] === before.range[0] + offset &&
    node.loc.start.line === before.loc.start.line + lines &&
    shapeOf(node) === shapeOf(before)
  );
}


/** A copy of a subtree moved by `offset` characters and `lines` lines (the original is kept). */
function moved(node: TxtNode, offset: number, lines: number): TxtNode {
  return offset === 0 && lines === 0 ? node : moveNode(node, offset, lines);
}
