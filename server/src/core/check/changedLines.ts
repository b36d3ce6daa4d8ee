/**
 * `--changed-since <ref>`: which lines of each file changed since a git ref, read from
 * `git diff --unified=0` (run by the CLI), and the problems on them. Lines are git's (counted after
 * each "\n"); problems are matched by their offsets into the text, so a file with CR-only line ends
 * (one line for git) is still matched right.
 */
import type { TextlintResult } from "@textlint/types";

/** 1-based first and last line (both included) of a run of changed lines. */
export type LineRange = readonly [number, number];

/** A file's changes: every line ("all": a file git does not track, or a new one), or these lines. */
export type ChangedLines = "all" | readonly LineRange[];

/**
 * The lines each file has now that `git diff --unified=0` shows as added or changed, by the path
 * git prints (relative to the repository root, `b/` prefix removed). A renamed file is listed under
 * its new name with only its edited lines; a file whose changes are only deletions has no lines.
 */
export function parseUnifiedDiff(diff: string): Map<string, LineRange[]> {
  const files = new Map<string, LineRange[]>();
  const lines = diff.split("\n");
  let current: LineRange[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.startsWith("diff --git ")) {
      current = undefined;
    } else if (line.startsWith("rename to ") && current === undefined) {
      // A rename with no edit has no "+++" line: the file is there under its new name, nothing changed.
      current = [];
      files.set(unquote(line.slice("rename to ".length)), current);
    } else if (line.startsWith("+++ ")) {
      const name = line.slice(4).replace(/\t$/, "");
      const unquoted = unquote(name);
      current = unquoted.startsWith("b/") ? (files.get(unquoted.slice(2)) ?? []) : undefined;
      if (current) files.set(unquoted.slice(2), current);
    } else if (line.startsWith("@@ ")) {
      const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!hunk) continue;
      const removed = hunk[1] === undefined ? 1 : Number(hunk[1]);
      const start = Number(hunk[2]);
      const added = hunk[3] === undefined ? 1 : Number(hunk[3]);
      if (current && added > 0) current.push([start, start + added - 1]);
      // Skip the hunk's own lines: a removed line "-- a/x" must not be read as a header.
      let left = removed + added;
      while (left > 0 && i + 1 < lines.length) {
        const next = lines[i + 1] ?? "";
        if (next.startsWith("\\")) i++; // "\ No newline at end of file"
        else if (next.startsWith("+") || next.startsWith("-")) (i++, left--);
        else break;
      }
    }
  }
  return files;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/** A path as git prints it: as is, or in C-style quotes with octal escapes of its UTF-8 bytes. */
export function unquote(name: string): string {
  if (!(name.startsWith('"') && name.endsWith('"') && name.length >= 2)) return name;
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? "";
    if (c !== "\\") {
      bytes.push(...new TextEncoder().encode(c));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      const e = body[i + 1] ?? "";
      bytes.push(ESCAPES[e] ?? e.charCodeAt(0));
      i += 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** [start, end) offsets of each run of changed lines in `text` (lines ending at each "\n", as git counts them). */
function changedOffsets(text: string, ranges: readonly LineRange[]): [number, number][] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  // The end of the last line reaches one past the text, so a problem at its very end is on it.
  const startOf = (line: number): number => (line - 1 < starts.length ? (starts[line - 1] ?? 0) : text.length + 1);
  return ranges.map(([first, last]) => [startOf(first), last < starts.length ? startOf(last + 1) : text.length + 1]);
}

/**
 * Each file's messages that touch a changed line: a message is kept when any of its range (at least
 * its first character) lies on one. Files missing from `changed` have no changed line.
 */
export function onChangedLines(
  results: readonly TextlintResult[],
  texts: ReadonlyMap<string, string>,
  changed: ReadonlyMap<string, ChangedLines>,
): TextlintResult[] {
  return results.map((result) => {
    const lines = changed.get(result.filePath) ?? [];
    if (lines === "all") return result;
    const spans = changedOffsets(texts.get(result.filePath) ?? "", lines);
    const messages = result.messages.filter((m) => {
      const start = m.range[0];
      const end = Math.max(m.range[1], start + 1);
      return spans.some(([from, to]) => start < to && end > from);
    });
    return { ...result, messages };
  });
}

/** Errors and warnings among the messages, as textlint counts them. */
export function countProblems(results: readonly TextlintResult[]): { errorCount: number; warningCount: number } {
  let errorCount = 0;
  let warningCount = 0;
  for (const m of results.flatMap((r) => r.messages)) {
    if (m.severity === 2) errorCount++;
    else if (m.severity === 1) warningCount++;
  }
  return { errorCount, warningCount };
}
