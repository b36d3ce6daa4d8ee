/**
 * Moving textlint messages and AST nodes between a span's own padded text and the document: the
 * offsets and lines of a cached message follow its unit when the unit moves, and its columns
 * follow one of two models (see PositionModel).
 */
import type { TxtDocumentNode, TxtNode, TxtParentNode } from "@textlint/ast-node-types";
import type { TextlintMessage } from "@textlint/types";
import type { Unit } from "./units";

/**
 * How a message's start and end columns relate to its offsets, so that a cached message can be
 * moved: "normal" (counted from the start of its line) or "flat" (offset − (line − 1), as
 * sentence-splitter computes columns on a paragraph's first line); "pinned" when an endpoint is
 * neither (re-lint the unit whenever it moves).
 */
export type EndpointModel = "normal" | "flat";
export type PositionModel = [EndpointModel, EndpointModel] | "pinned";

export function lineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

/**
 * A copy of a subtree moved by `offset` characters and `lines` lines: the kernel marks the nodes it
 * is given (a `parent` property that cannot be redefined), so each lint gets nodes of its own. Each
 * node is copied field by field (loc and range anew; other values shared, never written): several
 * times faster than structuredClone on a long post's AST, which this runs on at every edit.
 */
export function moveNode(node: TxtNode, offset: number, lines: number): TxtNode {
  const copy: Record<string, unknown> = { ...node };
  copy["range"] = [node.range[0] + offset, node.range[1] + offset];
  copy["loc"] = {
    start: { line: node.loc.start.line + lines, column: node.loc.start.column },
    end: { line: node.loc.end.line + lines, column: node.loc.end.column },
  };
  const children = (node as TxtParentNode).children;
  if (children) copy["children"] = children.map((c) => moveNode(c, offset, lines));
  return copy as unknown as TxtNode;
}

/** A copy of a whole tree for one kernel pass (see moveNode). */
export function copyTree<T extends TxtNode>(node: T): T {
  return moveNode(node, 0, 0) as T;
}

/** A copy of a subtree whose text fields (`raw`, `value`) went through `map` (same lengths). */
export function mapNodeText(node: TxtNode, map: (text: string) => string): TxtNode {
  const copy: Record<string, unknown> = { ...node };
  for (const field of ["raw", "value"]) {
    const value = copy[field];
    if (typeof value === "string") copy[field] = map(value);
  }
  const children = (node as TxtParentNode).children;
  if (children) copy["children"] = children.map((c) => mapNodeText(c, map));
  return copy as unknown as TxtNode;
}

export function documentNode(text: string, children: TxtNode[]): TxtDocumentNode {
  const lines = text.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] ?? "";
  return {
    type: "Document",
    raw: text,
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: { line: lines.length, column: last.length } },
    children,
  } as unknown as TxtDocumentNode;
}

/** Moves a message by `offset` characters and `lines` lines. */
export function relocate(m: TextlintMessage, offset: number, lines: number): TextlintMessage {
  return {
    ...m,
    index: m.index + offset,
    range: [m.range[0] + offset, m.range[1] + offset],
    line: m.line + lines,
    loc: {
      start: { line: m.loc.start.line + lines, column: m.loc.start.column },
      end: { line: m.loc.end.line + lines, column: m.loc.end.column },
    },
    ...(m.fix ? { fix: { ...m.fix, range: [m.fix.range[0] + offset, m.fix.range[1] + offset] as const } } : {}),
    ...(m.suggestions ? { suggestions: m.suggestions.map((s) => ({ ...s, fix: { ...s.fix, range: [s.fix.range[0] + offset, s.fix.range[1] + offset] as const } })) } : {}),
  };
}

/** The position model of `m`, whose offsets are relative to the unit; `paddedStart` is where the unit stood when linted. */
export function positionModel(m: TextlintMessage, unit: Unit, paddedStart: number): PositionModel {
  const starts = [0, ...[...unit.text.matchAll(/\r\n|\r|\n/g)].map((b) => (b.index ?? 0) + b[0].length)];
  const lineStart = (line: number): number => starts[line - unit.line] ?? Number.NaN;
  const endpoint = (line: number, column: number, index: number): EndpointModel | undefined => {
    if (column === index - lineStart(line) + 1) return "normal";
    if (column === paddedStart + index - (line - 1) + 1) return "flat";
    return undefined;
  };
  const start = endpoint(m.loc.start.line, m.loc.start.column, m.range[0]);
  const end = endpoint(m.loc.end.line, m.loc.end.column, m.range[1]);
  return start && end ? [start, end] : "pinned";
}

/** A unit's cached message (offsets relative to the unit) placed at the unit's position now. */
export function place(m: TextlintMessage, model: PositionModel, unit: Unit, cached: { line: number }): TextlintMessage {
  const moved = relocate(m, unit.start, unit.line - cached.line);
  if (model === "pinned" || (model[0] === "normal" && model[1] === "normal")) return moved;
  const flat = (index: number, line: number) => index - (line - 1) + 1;
  const start = model[0] === "flat" ? { line: moved.loc.start.line, column: flat(moved.range[0], moved.loc.start.line) } : moved.loc.start;
  const end = model[1] === "flat" ? { line: moved.loc.end.line, column: flat(moved.range[1], moved.loc.end.line) } : moved.loc.end;
  return { ...moved, column: start.column, loc: { start, end } };
}
