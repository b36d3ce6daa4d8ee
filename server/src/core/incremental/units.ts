/**
 * A Markdown document as independent units: the top-level blocks of textlint's Markdown AST (the
 * children of its Document node), each from the start of its first line to its end.
 */
import type { TxtDocumentNode, TxtNode, TxtParentNode } from "@textlint/ast-node-types";

export interface Unit {
  /** Offset of the start of the unit's first line. */
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  text: string;
  type: string;
  /** The block's node in the document's AST. */
  node: TxtNode;
}

/** Link reference and footnote definitions: a block elsewhere can depend on them. */
export const DEFINITION_TYPES = new Set(["Definition", "FootnoteDefinition", "footnoteDefinition"]);

export function splitUnits(text: string, ast: TxtDocumentNode): Unit[] {
  return ast.children.map((node: TxtNode) => {
    // The start of the node's line (a lone CR ends a line too, as textlint counts lines); a short
    // scan back, as a block starts at most a few spaces into its line.
    let start = node.range[0];
    while (start > 0 && text[start - 1] !== "\n" && text[start - 1] !== "\r") start--;
    const end = node.range[1];
    return { start, end, line: node.loc.start.line, text: text.slice(start, end), type: node.type, node };
  });
}

/** The node types of a subtree in pre-order: what distinguishes two parses of the same text. */
export function shapeOf(node: TxtNode): string {
  const children = (node as TxtParentNode).children;
  return children ? `${node.type}(${children.map(shapeOf).join(",")})` : node.type;
}
