/**
 * Which textlint rules can be linted one top-level Markdown block at a time (the children of the
 * markdown AST's `Document`) and still give exactly the messages of a full lint.
 *
 * Verdicts come from reading each rule's published `lib/` source and from checks against textlint
 * 15.8.0 (full lint vs. block-by-block on 78 documents, LF and CRLF with emoji, plus hand-made
 * cross-block cases). Evidence, the checks and the treatment of each non-local rule are in
 * docs/rule-locality.md; file:line references below are into the installed packages' `lib/`.
 *
 * - "local": a block's messages depend on that block's text only (and on where it is, which the
 *   caller maps; see POSITION_SENSITIVE for the rules whose output depends on the absolute offset).
 * - "window": the rule's handlers are per node, but a token matcher keeps state from the text
 *   before the block. The state is reset by a "。" token, so linting the block together with the
 *   preceding blocks back to (and including) the nearest top-level Paragraph that has a plain Str
 *   containing "。" (or back to the start of the document if there is none) is exact.
 * - "document": needs the whole document (or a rule-specific reduction, see the docs).
 *
 * Unknown rules are "document": correctness never depends on guessing.
 */

export type Locality = "local" | "window" | "document";

/**
 * How a local rule's output depends on the block's absolute position, beyond the plain shift of
 * offsets and lines that every cached message needs:
 * - "sentence-columns": sentence-length reports on sentence-splitter's Sentence node without an
 *   index, so the kernel copies that node's loc (kernel core/source-location.js:138-152), and
 *   sentence-splitter computes columns on a paragraph's first line from a synthetic text of
 *   (line-1) newlines plus (offset-(line-1)) filler characters (sentence-splitter
 *   lib/parser/SourceCode.js:41-45): such a column is realColumn + lineStartOffset - (line - 1).
 *   The message text also holds the absolute line ("Line 64 sentence length(139) ...",
 *   sentence-length.js:123). Moving the block by (dOffset, dLine): rewrite "Line N", and add
 *   dOffset - dLine to each start/end column that is not the real column of its offset.
 * - "offset-near-start": no-doubled-joshi compares a sentence-relative index with absolute node
 *   ranges (no-doubled-joshi.js:125), which can only match when a sentence starts at an absolute
 *   offset smaller than its own length; the message text then changes ("- ら"が"" vs "- "が"").
 *   Re-lint such a block when it moves instead of shifting its cached messages.
 */
export type PositionSensitivity = "sentence-columns" | "offset-near-start";

/** Package versions the verdicts were made on; another version should be re-verified. */
export const VERIFIED_VERSIONS: Readonly<Record<string, string>> = {
  textlint: "15.8.0",
  "@textlint/markdown-to-ast": "15.8.0",
  "textlint-rule-preset-ja-technical-writing": "12.0.2",
  "textlint-rule-preset-ja-spacing": "3.0.3",
  "textlint-rule-preset-japanese": "10.0.4",
  "textlint-rule-preset-smarthr": "1.37.0",
  "textlint-rule-prh": "6.1.0",
  "textlint-filter-rule-comments": "1.3.0",
  "sentence-splitter": "5.0.1",
  kuromojin: "3.0.1",
};

/** Verdict per rule module, keyed by the id the rule gets when configured on its own. */
const MODULES: Readonly<Record<string, Locality>> = {
  // Per-Paragraph sentence split; position-sensitive, see POSITION_SENSITIVE. Its Document handler
  // (sentence-length.js:81) reports only when the deprecated `exclusionPatterns` option is set.
  "sentence-length": "local",
  "max-comma": "local",
  "max-ten": "local",
  "max-kanji-continuous-len": "local",
  // Counts である/ですます over the whole document and reports at `Document:exit`
  // (no-mix-dearu-desumasu.js:96, MixedChecker.js:21-37, 89-113); every message carries the
  // document totals ("Total: である : 1 ですます: 24"), even with preferIn* set.
  "no-mix-dearu-desumasu": "document",
  "ja-no-mixed-period": "local",
  // Its "previous sentence" state (`prev_token`, no-doubled-conjunction.js:83) lives inside the
  // Paragraph handler: it never crosses a paragraph, let alone a block.
  "no-doubled-conjunction": "local",
  "no-doubled-conjunctive-particle-ga": "local",
  // The seven sub-matchers are created once per lint (no-doubled-negative-ja.js:35-41) and each
  // keeps `currentTokenPosition` across Str nodes (matchTokenStream.js:34): "# 問題はない" followed
  // by the paragraph "もないと思う。" is reported only by a full lint.
  "no-double-negative-ja": "window",
  // Position-sensitive, see POSITION_SENSITIVE.
  "no-doubled-joshi": "local",
  "no-dropping-the-ra": "local",
  "no-nfd": "local",
  "no-exclamation-question-mark": "local",
  "no-hankaku-kana": "local",
  "@textlint-rule/no-invalid-control-character": "local",
  // morpheme-match-all matcher created at module load (textlint-rule-ja-no-weak-phrase.js:17);
  // morpheme-match keeps `currentTokenPosition` between calls (morpheme-match.js:24), so a
  // pattern split across Str nodes matches across blocks and even across separate lintText calls.
  "ja-no-weak-phrase": "window",
  "ja-no-successive-word": "local",
  // Matcher created once per lint (textlint-rule-ja-no-abusage.js:30) and fed every Str: "## 値を"
  // followed by "適応します。" is reported only by a full lint. The embedded prh part is per Str.
  "ja-no-abusage": "window",
  // Matcher created once per lint (ja-no-redundant-expression lib/index.js:165) and fed each
  // Paragraph's tokens (index.js:171): "- 処理を実行する" then "ことが、できる。" matches across blocks
  // (and across headings, which have no Paragraph).
  "ja-no-redundant-expression": "window",
  "ja-unnatural-alphabet": "local",
  "@textlint-rule/no-unmatched-pair": "local",
  "no-zero-width-spaces": "local",
  "no-kangxi-radicals": "local",
  // Reads 2 characters either side of inline nodes (getSource(node, 2, 2), lib/index.js:28 in each):
  // exact as long as a block is linted with its whole first and last line, line break included.
  "ja-space-around-code": "local",
  "ja-space-around-link": "local",
  "ja-space-around-emphasis": "local",
  "ja-space-around-strong": "local",
  "ja-nakaguro-or-halfwidth-space-between-katakana": "local",
  "ja-no-space-around-parentheses": "local",
  "ja-no-space-around-slash": "local",
  "ja-no-space-between-full-width": "local",
  "ja-space-between-half-and-full-width": "local",
  "ja-space-after-exclamation": "local",
  "ja-space-after-question": "local",
  // prh: per Str and per CodeBlock comment, a stateless engine called with a dummy file path ""
  // (textlint-rule-prh.js:51, 209); the config base dir is per config, not per block.
  prh: "local",
  "no-mixed-zenkaku-and-hankaku-alphabet": "local",
  // Module-level matcher (lib/index.js:9) with 2- and 3-token patterns: same mechanism as
  // ja-no-weak-phrase.
  "ja-keishikimeishi": "window",
  // Module-level (daimeishi) / per-lint (hojodoushi) matchers, but every bundled dictionary entry
  // is a single token, so the matcher is back at position 0 after each token. A custom
  // hojodoushi `rulePath` dictionary may not be: see localityOf.
  "ja-hiragana-daimeishi": "local",
  "ja-hiragana-hojodoushi": "local",
  // Per Str/Code/CodeBlock/Comment; its Document handler (textlint-rule-pattern.js:70) reports only
  // when no patterns are configured.
  "@textlint-rule/pattern": "local",
  // textlint-rule-preset-jtf-style's rule, used by ja-technical-writing as "arabic-kanji-numbers":
  // per Str, no state. (The rest of preset-jtf-style is not verified, so it stays "document".)
  "jtf-style/2.2.2.算用数字と漢数字の使い分け": "local",
};

/** Preset-relative rule names, as `<preset>/<name>` ids, and the module each one is. */
const PRESETS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "ja-technical-writing": {
    "sentence-length": "sentence-length",
    "max-comma": "max-comma",
    "max-ten": "max-ten",
    "max-kanji-continuous-len": "max-kanji-continuous-len",
    "no-mix-dearu-desumasu": "no-mix-dearu-desumasu",
    "ja-no-mixed-period": "ja-no-mixed-period",
    "arabic-kanji-numbers": "jtf-style/2.2.2.算用数字と漢数字の使い分け",
    "no-doubled-conjunction": "no-doubled-conjunction",
    "no-doubled-conjunctive-particle-ga": "no-doubled-conjunctive-particle-ga",
    "no-double-negative-ja": "no-double-negative-ja",
    "no-doubled-joshi": "no-doubled-joshi",
    "no-dropping-the-ra": "no-dropping-the-ra",
    "no-nfd": "no-nfd",
    "no-exclamation-question-mark": "no-exclamation-question-mark",
    "no-hankaku-kana": "no-hankaku-kana",
    "no-invalid-control-character": "@textlint-rule/no-invalid-control-character",
    "ja-no-weak-phrase": "ja-no-weak-phrase",
    "ja-no-successive-word": "ja-no-successive-word",
    "ja-no-abusage": "ja-no-abusage",
    "ja-no-redundant-expression": "ja-no-redundant-expression",
    "ja-unnatural-alphabet": "ja-unnatural-alphabet",
    "no-unmatched-pair": "@textlint-rule/no-unmatched-pair",
    "no-zero-width-spaces": "no-zero-width-spaces",
  },
  "ja-spacing": {
    "ja-nakaguro-or-halfwidth-space-between-katakana": "ja-nakaguro-or-halfwidth-space-between-katakana",
    "ja-no-space-around-parentheses": "ja-no-space-around-parentheses",
    "ja-no-space-around-slash": "ja-no-space-around-slash",
    "ja-no-space-between-full-width": "ja-no-space-between-full-width",
    "ja-space-between-half-and-full-width": "ja-space-between-half-and-full-width",
    "ja-space-after-exclamation": "ja-space-after-exclamation",
    "ja-space-after-question": "ja-space-after-question",
    "ja-space-around-code": "ja-space-around-code",
    "ja-space-around-emphasis": "ja-space-around-emphasis",
    "ja-space-around-link": "ja-space-around-link",
    "ja-space-around-strong": "ja-space-around-strong",
  },
  japanese: {
    "max-ten": "max-ten",
    "no-doubled-conjunctive-particle-ga": "no-doubled-conjunctive-particle-ga",
    "no-doubled-conjunction": "no-doubled-conjunction",
    "no-double-negative-ja": "no-double-negative-ja",
    "no-doubled-joshi": "no-doubled-joshi",
    "sentence-length": "sentence-length",
    "no-dropping-the-ra": "no-dropping-the-ra",
    "no-mix-dearu-desumasu": "no-mix-dearu-desumasu",
    "no-nfd": "no-nfd",
    "no-invalid-control-character": "@textlint-rule/no-invalid-control-character",
    "no-zero-width-spaces": "no-zero-width-spaces",
    "no-kangxi-radicals": "no-kangxi-radicals",
  },
  smarthr: {
    // textlint-rule-prh's fixer with the preset's built-in dictionary (lib/prh-rules.js).
    "prh-rules": "prh",
    "ja-no-mixed-period": "ja-no-mixed-period",
    "no-hankaku-kana": "no-hankaku-kana",
    "@textlint-rule/no-unmatched-pair": "@textlint-rule/no-unmatched-pair",
    "sentence-length": "sentence-length",
    "no-doubled-conjunctive-particle-ga": "no-doubled-conjunctive-particle-ga",
    "no-double-negative-ja": "no-double-negative-ja",
    "ja-no-abusage": "ja-no-abusage",
    "ja-no-redundant-expression": "ja-no-redundant-expression",
    "no-mixed-zenkaku-and-hankaku-alphabet": "no-mixed-zenkaku-and-hankaku-alphabet",
    "ja-keishikimeishi": "ja-keishikimeishi",
    "ja-hiragana-hojodoushi": "ja-hiragana-hojodoushi",
    "ja-hiragana-daimeishi": "ja-hiragana-daimeishi",
    // The preset's own (older, 2.4.x) copies of the ja-spacing rules: same structure, per Str/Code.
    "ja-no-space-around-parentheses": "ja-no-space-around-parentheses",
    "ja-no-space-between-full-width": "ja-no-space-between-full-width",
    "ja-space-between-half-and-full-width": "ja-space-between-half-and-full-width",
    "ja-space-after-exclamation": "ja-space-after-exclamation",
    "ja-space-after-question": "ja-space-after-question",
    "ja-space-around-code": "ja-space-around-code",
    "no-nfd": "no-nfd",
    // textlint-rule-pattern with the preset's fixed patterns (lib/pattern-rules.js), whatever the
    // options: never empty.
    "@textlint-rule/pattern": "@textlint-rule/pattern",
  },
};

function verdictOf(module: string): Locality {
  return MODULES[module] ?? "document";
}

/** The module name behind every known rule id (bare module ids map to themselves). */
const MODULE_OF: ReadonlyMap<string, string> = new Map<string, string>([
  ...Object.keys(MODULES).map((m): [string, string] => [m, m]),
  ...Object.entries(PRESETS).flatMap(([preset, rules]) =>
    Object.entries(rules).map(([name, module]): [string, string] => [`${preset}/${name}`, module]),
  ),
]);

/**
 * Locality of every rule id of the bundled and common presets (as textlint spells the ids:
 * `ja-technical-writing/no-mix-dearu-desumasu`, `ja-spacing/ja-space-around-code`,
 * `japanese/max-ten`, `smarthr/prh-rules`, `prh`, ...) and of the same rule modules configured on
 * their own (`no-mix-dearu-desumasu`, `sentence-length`, `@textlint-rule/no-unmatched-pair`, ...),
 * with their default or preset options (so a bare `@textlint-rule/pattern`, whose default is no
 * patterns, is "document"). detailedLocalityOf / localityOf take configured options into account.
 */
export const RULE_LOCALITY: ReadonlyMap<string, Locality> = new Map(
  [...MODULE_OF.keys()].map((id): [string, Locality] => [id, detailedLocalityOf(id)]),
);

/**
 * Local rules whose output also depends on the block's absolute position (see
 * PositionSensitivity). Every other local rule's messages move with the block by a plain shift:
 * offsets (range, index, fix.range) by dOffset, lines by dLine, columns unchanged.
 */
export const POSITION_SENSITIVE: ReadonlyMap<string, PositionSensitivity> = new Map(
  [...MODULE_OF].flatMap(([id, module]): [string, PositionSensitivity][] =>
    module === "sentence-length"
      ? [[id, "sentence-columns"]]
      : module === "no-doubled-joshi"
        ? [[id, "offset-near-start"]]
        : [],
  ),
);

/**
 * Filter rules, by filter id. `comments` (textlint-filter-rule-comments) turns
 * `<!-- textlint-disable [ids] -->` into an ignore range from that comment to the next matching
 * `textlint-enable` or to the end of the document (lib/StatusManager.js, lib/textlint-filter-rule-
 * comments.js:53-61), so whether a block's message survives depends on comments in other blocks.
 * The ranges are cheap to recompute from the whole AST and apply to the merged messages (see the
 * docs for the exact semantics); unknown filters are whole-document too.
 */
export const FILTER_LOCALITY: ReadonlyMap<string, Locality> = new Map<string, Locality>([["comments", "document"]]);

function objectOption(options: unknown, key: string): unknown {
  return typeof options === "object" && options !== null ? (options as Record<string, unknown>)[key] : undefined;
}

/**
 * The detailed locality of a rule id; "document" for any rule this module does not know.
 * `options` (the rule's options as configured, if any) matters for three rules:
 * - sentence-length with the deprecated `exclusionPatterns` reports on the Document node.
 * - ja-hiragana-hojodoushi with its own `rulePath` dictionary may have multi-token entries, whose
 *   matcher state then crosses nodes; that dictionary is unverified.
 * - @textlint-rule/pattern configured on its own without patterns reports on the Document node
 *   (smarthr's copy ignores options and always has its patterns).
 */
export function detailedLocalityOf(ruleId: string, options?: unknown): Locality {
  const module = MODULE_OF.get(ruleId);
  if (module === undefined) return "document";
  if (module === "sentence-length" && objectOption(options, "exclusionPatterns") !== undefined) return "document";
  if (module === "ja-hiragana-hojodoushi" && objectOption(options, "rulePath") !== undefined) return "document";
  if (module === "@textlint-rule/pattern" && ruleId === module) {
    const patterns = objectOption(options, "patterns");
    if (!Array.isArray(patterns) || patterns.length === 0) return "document";
  }
  return verdictOf(module);
}

/**
 * For an engine that has only per-block and whole-document passes: "local" only when a block can
 * be linted by itself; "window" rules count as "document" (correct, if slower than a window), and
 * so does every rule this module does not know.
 */
export function localityOf(ruleId: string, options?: unknown): "local" | "document" {
  return detailedLocalityOf(ruleId, options) === "local" ? "local" : "document";
}

/** localityOf for filter rules: "document" for every filter (see FILTER_LOCALITY). */
export function filterLocalityOf(filterId: string): Locality {
  return FILTER_LOCALITY.get(filterId) ?? "document";
}
