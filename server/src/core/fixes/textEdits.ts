/**
 * Text edits as small as the change: a fix that replaces a whole sentence to add one 「。」 becomes
 * an insertion of that 「。」, and a fix-all over a post becomes one edit per changed stretch, so the
 * editor keeps the cursor, the selection and the undo stops where the writer expects them.
 */
import { diffChars, diffLines } from "diff";

/** A replacement of `text[range[0], range[1])` by `newText`, in UTF-16 offsets of the original. */
export interface OffsetEdit {
  range: [number, number];
  newText: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when an offset falls inside a surrogate pair or a CRLF, where no edit may start or end. */
function splits(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return (isHigh(before) && isLow(after)) || (before === 0x0d && after === 0x0a);
}

/**
 * The smallest edit that turns `text[start, end)` into `replacement`: common leading and trailing
 * characters are kept, never cutting a surrogate pair or a CRLF in two. Undefined when nothing changes.
 */
export function shrinkEdit(text: string, start: number, end: number, replacement: string): OffsetEdit | undefined {
  const old = text.slice(start, end);
  if (old === replacement) return undefined;
  let prefix = 0;
  const max = Math.min(old.length, replacement.length);
  while (prefix < max && old.charCodeAt(prefix) === replacement.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    old.charCodeAt(old.length - 1 - suffix) === replacement.charCodeAt(replacement.length - 1 - suffix)
  ) {
    suffix++;
  }
  while (prefix > 0 && (splits(text, start + prefix) || splits(replacement, prefix))) prefix--;
  while (suffix > 0 && (splits(text, end - suffix) || splits(replacement, replacement.length - suffix))) suffix--;
  return { range: [start + prefix, end - suffix], newText: replacement.slice(prefix, replacement.length - suffix) };
}

/**
 * Edits that turn `before` into `after`, one per changed stretch of lines, each shrunk to the
 * characters that differ. Applied together (all offsets are in `before`), they give `after` exactly.
 */
export function editsBetween(before: string, after: string): OffsetEdit[] {
  if (before === after) return [];
  const edits: OffsetEdit[] = [];
  let offset = 0;
  let pending: { start: number; end: number; text: string } | undefined;
  const flush = () => {
    if (!pending) return;
    edits.push(...refine(before, pending.start, pending.end, pending.text));
    pending = undefined;
  };
  // jsdiff's line diff keeps line ends with their lines (CRLF, LF and a missing final newline alike).
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) {
      flush();
      offset += part.value.length;
      continue;
    }
    pending ??= { start: offset, end: offset, text: "" };
    if (part.removed) {
      pending.end += part.value.length;
      offset += part.value.length;
    } else {
      pending.text += part.value;
    }
  }
  flush();
  return edits;
}

const REFINE_LIMIT = 4000;

/**
 * A changed stretch of lines as one edit per changed run of characters (「ﾃｽﾄを実行することが」 →
 * 「テストを実行」 becomes two edits, not one), when the stretch is short and no edit would cut a
 * surrogate pair or a CRLF; otherwise one shrunk edit.
 */
function refine(text: string, start: number, end: number, replacement: string): OffsetEdit[] {
  const whole = shrinkEdit(text, start, end, replacement);
  if (!whole) return [];
  const old = text.slice(whole.range[0], whole.range[1]);
  if (old.length + whole.newText.length > REFINE_LIMIT) return [whole];
  const edits: OffsetEdit[] = [];
  let offset = whole.range[0];
  let pending: OffsetEdit | undefined;
  for (const part of diffChars(old, whole.newText)) {
    if (!part.added && !part.removed) {
      if (pending) edits.push(pending);
      pending = undefined;
      offset += part.value.length;
      continue;
    }
    pending ??= { range: [offset, offset], newText: "" };
    if (part.removed) {
      pending.range[1] += part.value.length;
      offset += part.value.length;
    } else {
      pending.newText += part.value;
    }
  }
  if (pending) edits.push(pending);
  const safe = edits.every((e) => !splits(text, e.range[0]) && !splits(text, e.range[1]) && !splitsPair(e.newText));
  return safe ? edits : [whole];
}

/** True when a replacement text begins with a low surrogate or ends with a high one, or cuts a CRLF. */
function splitsPair(value: string): boolean {
  return value.length > 0 && (isLow(value.charCodeAt(0)) || isHigh(value.charCodeAt(value.length - 1)) || value[0] === "\n" || value.endsWith("\r"));
}

/** Applies edits given in offsets of `text` (non-overlapping, any order). */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0]);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.range[0]) + edit.newText;
    at = edit.range[1];
  }
  return out + text.slice(at);
}
