/**
 * Where the window rules' spans begin and end (see ruleLocality.ts: token matchers whose state
 * crosses top-level blocks until a token that matches no pattern resets it).
 *
 * - A unit's window starts at the last *reset* block before it (a block whose own text resets every
 *   window rule's state, see `resetsWindow`), or at the top of the document; linting from there is
 *   exact for the unit.
 * - A *segment* is a reset block and the units after it up to and including the next reset block:
 *   they all share that window start, and one lint of the whole segment gives each of them exactly
 *   what its own window would (a unit's window-rule messages depend only on the text before it and
 *   its own, never on what follows: the rules report a match on the node where it completes). So a
 *   post with long stretches without 「。」 costs one lint per segment, not one per unit.
 * - A *transparent* unit has no Str and no Paragraph (code, HTML, a thematic break, frontmatter,
 *   a link definition): the window rules feed their matchers from Str and Paragraph nodes only, so
 *   it neither changes their state nor can get one of their messages, and needs no window lint.
 */
import { createHash } from "node:crypto";
import type { TxtNode, TxtParentNode } from "@textlint/ast-node-types";
import type { Unit } from "./units";

export interface WindowPlan {
  /** Index of the unit the window starts at. */
  start: number;
  /** Index of the last unit of the segment that this unit's window start begins. */
  segmentEnd: number;
  /** The window's cache key: the texts from `start` to this unit (hashed in a chain), and its own. */
  key: string;
  /** Whether the unit needs a window lint at all (not transparent). */
  lint: boolean;
}

/** Whether a paragraph has "。" in its own text (a Str child), which resets the window rules' state. */
export function resetsWindow(unit: Unit): boolean {
  return unit.type === "Paragraph" && ((unit.node as TxtParentNode).children ?? []).some((c) => c.type === "Str" && c.raw.includes("。"));
}

function hasProse(node: TxtNode): boolean {
  if (node.type === "Str" || node.type === "Paragraph") return true;
  return ((node as TxtParentNode).children ?? []).some(hasProse);
}

const digest = (text: string): string => createHash("sha1").update(text).digest("base64");

export function planWindows(units: readonly Unit[], keys: readonly string[]): WindowPlan[] {
  const plans: WindowPlan[] = [];
  let start = 0;
  let chain = "";
  for (const [i, unit] of units.entries()) {
    const own = keys[i] ?? "";
    chain = digest(`${i === start ? "" : chain}\u0002${own}`);
    plans.push({ start, segmentEnd: i, key: `${chain}\u0002${own}`, lint: hasProse(unit.node) });
    if (resetsWindow(unit)) {
      start = i;
      chain = digest(`\u0002${own}`);
    }
  }
  // Each segment ends at the first reset block at or after a unit (or at the last unit).
  let end = units.length - 1;
  for (let i = units.length - 1; i >= 0; i--) {
    const unit = units[i];
    const plan = plans[i];
    if (!unit || !plan) continue;
    if (resetsWindow(unit)) end = i;
    plan.segmentEnd = end;
  }
  return plans;
}
