/**
 * textlint filter rule: ignore what textlint reports on Zenn's and Qiita's own Markdown notations
 * (`:::message` / `:::details` / `:::note` blocks, `@[card](url)` embeds, `$$` and `$…$` math),
 * while the prose inside the blocks is still checked.
 *
 * Why it is hand-written:
 * - textlint's Markdown parser (@textlint/markdown-to-ast: mdast with GFM and frontmatter only) has
 *   no directive or math syntax, so these notations become ordinary Paragraph/Str text, e.g. the
 *   closing `:::` ends the paragraph above it and ja-no-mixed-period reports 「文末が"。"で終わって
 *   いません」 on it. There is no node type to filter (textlint-filter-rule-node-types cannot help),
 *   and textlint-plugin-markdown takes no parser extensions.
 * - textlint-filter-rule-allowlist, the usual workaround (`":::"`, `"/:::details\\s.*\/"`), matches
 *   strings anywhere: it knows nothing of fences, nesting, embeds or the rules that make `$` math.
 * - The renderers' own code (markdown-it-container, Zenn's markdown-it-custom-block and md-katex
 *   forks, qiita_marker's custom blocks) works on markdown-it / cmark tokens, not on textlint's AST,
 *   and gives no source ranges textlint could use.
 * So this module reads the source text (context.getSource()) line by line and reproduces the
 * renderers' rules closely enough to find the ranges that are notation, not prose.
 *
 * What is ignored (every rule: `shouldIgnore(range, { ruleId: "*" })`; textlint drops a message
 * only when its whole range lies inside an ignored range):
 * - Container blocks: the opening line and the closing line, whole, with their line break.
 *   Zenn: `:::message`, `:::message alert`, `:::details <title>` (markdown-it-container with Zenn's
 *   validators: `message\s*(alert)?`, `details\s+.+`, any number ≥ 3 of colons, spaces allowed after
 *   them). Qiita: `:::note`, `:::note info|warn|alert` (qiita_marker custom block; Qiita shows any
 *   other subtype as info, so any `note …` line counts; its nesting is taken to work as Zenn's,
 *   which was not checked against qiita_marker).
 *   Closing: as markdown-it-container does it, a block opened with N colons is closed by the first
 *   later line of at least N colons and nothing else; blocks opened inside it that are still open
 *   then are closed with it. That is why Zenn nests with more colons outside (`::::details` around
 *   `:::message`); with equal counts the outer block closes at the inner `:::`, and the last `:::`
 *   is left as text, as Zenn renders it (and it is not ignored here). A `:::` that closes nothing
 *   is never ignored. An unclosed block runs to the end of the post in Zenn; only its opening line
 *   is ignored here, the rest is prose either way.
 *   The `:::details` title is ignored with the line: it is a short label (the <summary>), not a
 *   sentence, and ja-no-mixed-period reports every title that stands alone. The price: a typo in a
 *   title is not reported.
 * - Zenn embeds: a line that starts with `@[name](…)` for a name Zenn renders (card, tweet,
 *   youtube, gist, github, codepen, jsfiddle, codesandbox, stackblitz, speakerdeck, slideshare,
 *   docswell, figma, blueprintue, mermaid), whole (Zenn's block rule consumes the whole line).
 *   Qiita has no such syntax: under `platform: "qiita"` these lines are left to textlint.
 * - Math blocks (both platforms): a line that starts with `$$`, through the next `$$`, with no `$`
 *   in between (Zenn's md-katex block rule `\$\$([^$]+?)\$\$`), whole lines. `$$` with nothing to
 *   close it is not math (Zenn renders it as text) and is not ignored; unlike Zenn, the closing
 *   `$$` must come before the next blank line, so that a `$$` left open hides no prose further on.
 * - Inline math (both platforms): `$…$` and `$$…$$` on one line as Zenn's md-katex finds them: no
 *   space just inside either `$`, no digit or backslash before the opening `$`, no digit after the
 *   closing one. So prices are prose: in 「$5から$10」 the second `$` is followed by a digit, and in
 *   "$5 and $10" there is a space before it. Code spans and backslash escapes are skipped as
 *   markdown-it skips them. Qiita (MathJax on the page) may treat more `$` pairs as math; only
 *   these unambiguous ones are ignored. Math across a line break is not recognised.
 *
 * Where notations are looked for: lines, after any indentation and blockquote `>` markers (not
 * after a list marker: `- :::message` is not recognised). Not in the YAML frontmatter, and not
 * inside ``` or ~~~ fenced code (so a `:::` in a code sample neither opens nor closes anything,
 * although markdown-it-container would close a block at it).
 *
 * Astral characters (most emoji): some rules count code points, not UTF-16 units (ja-no-mixed-period
 * via check-ends-with-period), so after k emoji in the same paragraph their report on a closing
 * `:::` lands up to k units too far left, on the line above. The ignored range of a block-level line
 * (container line, embed, math block) therefore starts up to k units earlier, k being the number of
 * astral characters in the paragraph's lines above it; another rule's report on those last k units
 * of the line above (its last characters and line break) is hidden too. Inline math is not widened
 * (the prose just before a `$` would be hidden).
 *
 * Limits: a filter can only drop messages. A message about a whole sentence that only partly is
 * notation stays (max-comma counting commas inside inline math reports at the comma that exceeds
 * the limit, which may be in the prose), and a problem textlint cannot see because it parsed the
 * notation as prose is not found: prose that lacks 「。」 right above a closing `:::` is not reported,
 * since textlint sees the paragraph end at `:::`.
 */
import type { TextlintFilterRuleReporter } from "@textlint/types";

export type NotationPlatform = "zenn" | "qiita";

export interface PlatformNotationsOptions {
  /** Which platform's notations the posts use; "zenn" when not given. */
  platform?: NotationPlatform;
}

/** The filter id a config uses, and the package name textlint resolves it to. */
export const PLATFORM_NOTATIONS_FILTER_ID = "tsuzuri-platform-notations";
export const PLATFORM_NOTATIONS_PACKAGE = `textlint-filter-rule-${PLATFORM_NOTATIONS_FILTER_ID}`;

export type NotationKind = "container-open" | "container-close" | "embed" | "math-block" | "math-inline";

export interface NotationRange {
  kind: NotationKind;
  /** What textlint is told to ignore: UTF-16 offsets into the source, end exclusive. */
  range: [number, number];
}

/** Zenn's embed names (zenn-markdown-html's embedGenerators); the tag is matched case-sensitively. */
const ZENN_EMBEDS: ReadonlySet<string> = new Set([
  "card",
  "tweet",
  "youtube",
  "gist",
  "github",
  "codepen",
  "jsfiddle",
  "codesandbox",
  "stackblitz",
  "speakerdeck",
  "slideshare",
  "docswell",
  "figma",
  "blueprintue",
  "mermaid",
]);

const ZENN_DETAILS = /^details\s+(.*)$/;
const ZENN_MESSAGE = /^message\s*(alert)?$/;
const QIITA_NOTE = /^note(?:\s.*)?$/;

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

interface Line {
  start: number;
  /** End of the content, before the line break. */
  end: number;
  /** Start of the next line (after the line break), or the text's length. */
  next: number;
  /** Offset (into the line) of the content after indentation and blockquote markers. */
  bodyAt: number;
  body: string;
  /** How many `>` the line starts with. */
  depth: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const n = text.length;
  for (let start = 0; ; ) {
    let end = start;
    let c = 0;
    while (end < n && (c = text.charCodeAt(end)) !== 10 && c !== 13) end++;
    const next = end < n && c === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end < n ? end + 1 : n;
    // Indentation and blockquote markers: `(?:[ \t]*>)*[ \t]*`.
    let at = start;
    let depth = 0;
    for (; at < end; at++) {
      const d = text.charCodeAt(at);
      if (d === 62) depth++;
      else if (d !== 32 && d !== 9) break;
    }
    lines.push({ start, end, next, bodyAt: at - start, body: text.slice(at, end), depth });
    if (end >= n) break;
    start = next;
  }
  return lines;
}

/** Surrogate pairs in text[from, to). */
function astralCount(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to - 1; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = text.charCodeAt(k + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        count++;
        k++;
      }
    }
  }
  return count;
}

const isBlank = (line: Line) => line.body.trim() === "";

/** The index of the first line after the YAML frontmatter, or 0 when there is none. */
function frontmatterEnd(text: string, lines: Line[]): number {
  const first = lines[0];
  if (!first || text.slice(first.start, first.end).replace(/^\uFEFF/, "").trimEnd() !== "---") return 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (text.slice(line.start, line.end).trimEnd() === "---") return i + 1;
  }
  return 0;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * Inline math on one line's body, as offsets into the body. Zenn's md-katex rules, tried in this
 * order at each `$` (sticky, and `.` keeps a match on one line):
 *   `\${2}((?:\S)|(?:\S(?!.*\]\(http).*?\S))\${2}`
 *   `\$((?:\S)|(?:\S(?!.*\]\(http.*\$.*\)).*?\S))\$`
 * with no backslash or digit before the opening `$` and no digit after the match. This finds the
 * same matches (the tests compare them) without the regular expressions, whose lookahead and lazy
 * scan cost a pass over the rest of the line for each `$`.
 */
export function inlineMathIn(body: string): [number, number][] {
  if (!body.includes("$")) return [];
  const n = body.length;
  // The first `$` / `$$` that can close (something not a space before it) and the first "](http",
  // at or after a position. Asked at positions that never decrease, so each scan resumes.
  const forward = (test: (k: number) => boolean) => {
    let asked = -1;
    let answer = -1;
    return (at: number): number => {
      // The last answer holds when it is at or after `at`, or when nothing was found after `asked`.
      if (asked < 0 || at < asked || (answer >= 0 && answer < at)) {
        answer = -1;
        for (let k = at; k < n; k++) {
          if (test(k)) {
            answer = k;
            break;
          }
        }
      }
      asked = at;
      return answer;
    };
  };
  const closes = (k: number) => body[k] === "$" && k > 0 && !isSpace(body[k - 1]);
  const nextClose = forward(closes);
  const nextCloseDouble = forward((k) => closes(k) && body[k + 1] === "$");
  const isLink = (k: number) => body.startsWith("](http", k);
  const nextLink = forward(isLink);
  const nextLinkForSingle = forward(isLink);
  const lastParen = body.lastIndexOf(")");
  const lastDollarBeforeParen = lastParen < 0 ? -1 : body.lastIndexOf("$", lastParen - 1);
  // `(?!.*\]\(http)` and `(?!.*\]\(http.*\$.*\))` at position `at`.
  const linkAhead = (at: number) => nextLink(at) >= 0;
  const linkWithDollarAhead = (at: number) => {
    const link = nextLinkForSingle(at);
    return link >= 0 && lastDollarBeforeParen >= link + 6;
  };

  /** The end (exclusive) of the math that opens at `i` with `tag`, or -1. */
  const match = (i: number, tag: "$$" | "$"): number => {
    const w = tag.length;
    const first = i + w;
    if (!body.startsWith(tag, i) || first >= n || isSpace(body[first])) return -1;
    let close: number;
    if (body.startsWith(tag, first + 1)) close = first + 1;
    else if (tag === "$$" ? linkAhead(first + 1) : linkWithDollarAhead(first + 1)) return -1;
    else close = (tag === "$$" ? nextCloseDouble : nextClose)(first + 2);
    return close < 0 ? -1 : close + w;
  };

  const found: [number, number][] = [];
  const noCodeSpanCloseAfter = new Map<number, number>();
  let i = 0;
  while (i < n) {
    const c = body[i];
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === "`") {
      let run = 1;
      while (body[i + run] === "`") run++;
      // A code span closes at the next run of exactly as many backticks.
      let close = -1;
      if ((noCodeSpanCloseAfter.get(run) ?? n + 1) > i) {
        for (let k = body.indexOf("`", i + run); k >= 0; ) {
          let m = k;
          while (body[m] === "`") m++;
          if (m - k === run) {
            close = k;
            break;
          }
          k = body.indexOf("`", m);
        }
        if (close < 0) noCodeSpanCloseAfter.set(run, i);
      }
      i = close >= 0 ? close + run : i + run;
      continue;
    }
    if (c === "$") {
      const before = i > 0 ? body[i - 1] : undefined;
      let end = -1;
      if (before !== "\\" && !isDigit(before)) {
        end = match(i, "$$");
        if (end < 0 || isDigit(body[end])) end = match(i, "$");
        if (end >= 0 && isDigit(body[end])) end = -1;
      }
      if (end >= 0) {
        found.push([i, end]);
        i = end;
      } else i++;
      continue;
    }
    i++;
  }
  return found;
}

function containerOpening(body: string, platform: NotationPlatform): number {
  const m = /^(:{3,})(.*)$/.exec(body);
  if (!m) return 0;
  const params = (m[2] ?? "").trim();
  const valid = platform === "zenn" ? ZENN_DETAILS.test(params) || ZENN_MESSAGE.test(params) : QIITA_NOTE.test(params);
  return valid ? (m[1] ?? "").length : 0;
}

/**
 * The index of the line that closes the math block opened by `$$` on line `i`, or -1: the first `$`
 * after the opening `$$` must start `$$`, with something between them. Unlike Zenn, a blank line
 * ends the search: a `$$` left open then hides no prose further down.
 */
function mathBlockEnd(text: string, lines: Line[], i: number): number {
  const from = lines[i]!.start + lines[i]!.bodyAt + 2;
  for (let j = i; j < lines.length; j++) {
    const line = lines[j]!;
    if (j > i && isBlank(line)) return -1;
    const start = j === i ? from : line.start;
    const d = text.slice(start, line.end).indexOf("$");
    if (d < 0) continue;
    return start + d > from && text.startsWith("$$", start + d) ? j : -1;
  }
  return -1;
}

const closingColons = (body: string) => /^(:{3,})[ \t]*$/.exec(body)?.[1]?.length ?? 0;

/** Every notation range of a post, in source order (inline math after its line's block ranges). */
export function findNotationRanges(text: string, platform: NotationPlatform = "zenn"): NotationRange[] {
  const lines = splitLines(text);
  const out: NotationRange[] = [];
  const open: { colons: number; depth: number }[] = [];
  let fence: { char: string; length: number } | undefined;
  // Astral characters in the lines above, back to the last blank line (see the header).
  let astralAbove = 0;
  let paragraphStart = 0;
  const blockLine = (kind: NotationKind, first: Line, last: Line) => {
    out.push({ kind, range: [Math.max(paragraphStart, first.start - astralAbove), last.next] });
  };

  for (let i = frontmatterEnd(text, lines); i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) {
      astralAbove = 0;
      paragraphStart = line.next;
      continue;
    }
    const body = line.body;
    const first = body.charCodeAt(0);
    // Most lines are prose that starts with none of : @ $ ` ~ and has no $ in it.
    if (first !== 58 && first !== 64 && first !== 36 && first !== 96 && first !== 126 && !fence && !body.includes("$")) {
      astralAbove += astralCount(text, line.start, line.end);
      continue;
    }
    if (fence) {
      const close = /^(`{3,}|~{3,})[ \t]*$/.exec(body)?.[1];
      if (close && close[0] === fence.char && close.length >= fence.length) fence = undefined;
      astralAbove = 0;
      paragraphStart = line.next;
      continue;
    }
    const opening = /^(`{3,}|~{3,})(.*)$/.exec(body);
    if (opening && !(opening[1]![0] === "`" && opening[2]!.includes("`"))) {
      fence = { char: opening[1]![0]!, length: opening[1]!.length };
      astralAbove = 0;
      paragraphStart = line.next;
      continue;
    }

    // A math block: `$$` at the start of the line, then no `$` until the closing `$$`.
    const closingLine = body.startsWith("$$") ? mathBlockEnd(text, lines, i) : -1;
    if (closingLine >= 0) {
      blockLine("math-block", line, lines[closingLine]!);
      astralAbove += astralCount(text, line.start, lines[closingLine]!.end);
      i = closingLine;
      continue;
    }

    const colons = closingColons(body);
    if (colons > 0) {
      // The outermost open block that this many colons close (markdown-it-container finds each
      // block's end before it parses the blocks inside); the ones opened inside it close with it.
      const at = open.findIndex((b) => b.colons <= colons && b.depth === line.depth);
      if (at >= 0) {
        open.length = at;
        blockLine("container-close", line, line);
      }
    } else {
      const opened = containerOpening(body, platform);
      if (opened > 0) {
        open.push({ colons: opened, depth: line.depth });
        blockLine("container-open", line, line);
      } else if (platform === "zenn" && body.startsWith("@[")) {
        const m = /^@\[([\w-]+)\]\((.+)\)/.exec(body);
        if (m && ZENN_EMBEDS.has(m[1]!)) blockLine("embed", line, line);
        else inline(line);
      } else {
        inline(line);
      }
    }
    astralAbove += astralCount(text, line.start, line.end);
  }
  return out;

  function inline(line: Line) {
    const base = line.start + line.bodyAt;
    for (const [s, e] of inlineMathIn(line.body)) out.push({ kind: "math-inline", range: [base + s, base + e] });
  }
}

function platformOf(options: unknown): NotationPlatform {
  const platform = typeof options === "object" && options !== null ? (options as PlatformNotationsOptions).platform : undefined;
  if (platform === undefined || platform === "zenn" || platform === "qiita") return platform ?? "zenn";
  throw new TypeError(`${PLATFORM_NOTATIONS_FILTER_ID}: platform must be "zenn" or "qiita", not ${JSON.stringify(platform)}`);
}

/** The filter rule module (`module.exports = reporter` in textlint's terms). */
export const platformNotations: TextlintFilterRuleReporter = (context, options) => {
  const platform = platformOf(options);
  const { Syntax, getSource, shouldIgnore } = context;
  return {
    [Syntax.Document]() {
      for (const { range } of findNotationRanges(getSource(), platform)) shouldIgnore(range, { ruleId: "*" });
    },
  };
};

export default platformNotations;
