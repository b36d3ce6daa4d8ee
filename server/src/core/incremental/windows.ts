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
  /** Whether the unit resets the window rules' state (see resetsWindow). */
  resets: boolean;
  /** The planning state after this unit: where the next unit's window starts, and the chain so far. */
  after: { start: number; chain: string };
}

/** The previous plan of the same document, and which of its units the new text kept (incrementalParse). */
export interface PreviousWindows {
  plans: readonly WindowPlan[];
  head: number;
  tail: number;
}

/** Letters kuromoji never glues to a following 「。」 (kana, kanji, ASCII and full-width alphanumerics). */
const WORD = "ぁ-ゖァ-ヺー一-鿿々〆〇A-Za-z0-9０-９Ａ-Ｚａ-ｚ";
/** A 「。」 between letters (or a space), so that kuromoji makes it a token of its own. */
const PERIOD_INSIDE = new RegExp(`[${WORD}]。(?=[${WORD}\\s])`, "u");
const PERIOD_AT_END = new RegExp(`[${WORD}]。$`, "u");

/**
 * Whether a top-level paragraph has a 「。」 token in its own text (a Str child), which resets every
 * window rule's state: 「。」 matches no pattern element but a last one. Not every 「。」 is such a
 * token: after an unknown symbol kuromoji glues it into one noun (`確認)。` → `)。`), which keeps a
 * matcher going (`値を設定` / `確認)。` / `を行う。` is reported by ja-no-redundant-expression).
 * So the 「。」 must follow a letter, and be followed by a letter or a space, or end the paragraph
 * (ja-no-redundant-expression tokenizes the paragraph's text as one string, so a Str's last
 * character is followed by the next inline node's text).
 */
export function resetsWindow(unit: Unit): boolean {
  if (unit.type !== "Paragraph") return false;
  const children = (unit.node as TxtParentNode).children ?? [];
  return children.some((c, i) => c.type === "Str" && (PERIOD_INSIDE.test(c.raw) || (i === children.length - 1 && PERIOD_AT_END.test(c.raw))));
}

function hasProse(node: TxtNode): boolean {
  if (node.type === "Str" || node.type === "Paragraph") return true;
  return ((node as TxtParentNode).children ?? []).some(hasProse);
}

const digest = (text: string): string => createHash("sha1").update(text).digest("base64");

/**
 * The window plan of every unit. With `previous`, the kept units' plans are taken from it instead of
 * hashed again: the first `head` as they were, and the kept last ones from the first whose planning
 * state (window start and chain) is the one it had before, moved by the change in the unit count.
 */
export function planWindows(units: readonly Unit[], keys: readonly string[], previous?: PreviousWindows): WindowPlan[] {
  const plans: WindowPlan[] = [];
  const head = previous ? Math.min(previous.head, units.length, previous.plans.length) : 0;
  for (let i = 0; i < head; i++) plans.push(previous!.plans[i]!);
  let { start, chain } = plans[head - 1]?.after ?? { start: 0, chain: "" };
  const shift = previous ? units.length - previous.plans.length : 0;
  const tailFrom = previous ? units.length - Math.min(previous.tail, previous.plans.length - head, units.length - head) : units.length;
  for (let i = head; i < units.length; i++) {
    const unit = units[i]!;
    if (previous && i >= tailFrom) {
      const old = previous.plans[i - shift - 1]?.after ?? { start: 0, chain: "" };
      if (old.chain === chain && old.start + shift === start) {
        for (let j = i; j < units.length; j++) plans.push(moved(previous.plans[j - shift]!, shift));
        break;
      }
    }
    const own = keys[i] ?? "";
    chain = digest(`${i === start ? "" : chain}\u0002${own}`);
    const key = `${chain}\u0002${own}`;
    const resets = resetsWindow(unit);
    const planStart = start;
    if (resets) {
      start = i;
      chain = digest(`\u0002${own}`);
    }
    plans.push({ start: planStart, segmentEnd: i, key, lint: hasProse(unit.node), resets, after: { start, chain } });
  }
  // Each segment ends at the first reset block at or after a unit (or at the last unit).
  let end = units.length - 1;
  for (let i = units.length - 1; i >= 0; i--) {
    const plan = plans[i];
    if (!plan) continue;
    if (plan.resets) end = i;
    if (plan.segmentEnd !== end) plans[i] = { ...plan, segmentEnd: end };
  }
  return plans;
}

/** A kept unit's plan, its indices moved by `shift` units. */
function moved(plan: WindowPlan, shift: number): WindowPlan {
  if (shift === 0) return plan;
  return { ...plan, start: plan.start + shift, after: { start: plan.after.start + shift, chain: plan.after.chain } };
}
