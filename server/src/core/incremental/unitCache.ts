/**
 * Per-document cache of the local rules' messages for each unit, keyed by the unit's text.
 * Bounded: after each lint, units the document no longer has are evicted oldest first once the
 * cached text exceeds the limit (units the current text has are always kept).
 */
import type { TextlintMessage } from "@textlint/types";
import type { PositionModel } from "./positions";

export interface CachedUnit {
  /** The 1-based line and the offset the unit started at when it was linted. */
  line: number;
  start: number;
  /** Messages with offsets relative to the unit's start and lines as of `line`. */
  messages: TextlintMessage[];
  /** How each message's line/column follow from its offsets (see incrementalLinter). */
  models: PositionModel[];
  lineCount: number;
}

/**
 * Whether a message's text could depend on where the unit is: it contains a number that is one of
 * the unit's line numbers (e.g. sentence-length's "Line 12 sentence length(120) exceeds ...").
 */
function mentionsLine(messages: readonly TextlintMessage[], firstLine: number, lineCount: number): boolean {
  return messages.some((m) =>
    [...m.message.matchAll(/\d+/g)].some((d) => {
      const n = Number(d[0]);
      return n >= firstLine && n < firstLine + lineCount;
    }),
  );
}

export class UnitCache {
  private entries = new Map<string, CachedUnit>();
  private used = new Set<string>();

  /** Starts a lint. */
  beginGeneration(): void {
    this.used = new Set();
  }

  /**
   * The cached result for a unit now at `line` and `start`, unless it moved and one of its messages
   * mentions its old line numbers (the message text itself may differ) or has a position that
   * cannot be moved: then it must be linted again.
   */
  get(key: string, line: number, start: number, length: number): CachedUnit | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const moved = entry.line !== line || entry.start !== start;
    if (moved && entry.models.includes("pinned")) return undefined;
    if (entry.line !== line && mentionsLine(entry.messages, entry.line, entry.lineCount)) return undefined;
    // Near the top, a few rules see the absolute offset (ruleLocality's "offset-near-start").
    if (entry.start !== start && Math.min(entry.start, start) < length) return undefined;
    this.touch(key, entry);
    return entry;
  }

  set(key: string, entry: CachedUnit): void {
    this.touch(key, entry);
  }

  endGeneration(maxChars: number): void {
    let size = 0;
    for (const key of this.entries.keys()) size += key.length;
    // Map iteration is insertion order, and touch() re-inserts: the first keys are the oldest.
    for (const key of [...this.entries.keys()]) {
      if (size <= maxChars) break;
      if (this.used.has(key)) continue;
      this.entries.delete(key);
      size -= key.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private touch(text: string, entry: CachedUnit): void {
    this.entries.delete(text);
    this.entries.set(text, entry);
    this.used.add(text);
  }
}
