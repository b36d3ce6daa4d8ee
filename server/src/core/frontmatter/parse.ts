/**
 * Finds a post's frontmatter and parses it with positions: YAML between `---` lines with the `yaml`
 * package (node ranges for every key and value; its core schema, so dates stay strings as on Zenn),
 * TOML between `+++` lines (Hugo) checked for syntax errors with smol-toml (fields are not checked).
 *
 * Hostile input stays cheap: a frontmatter over MAX_FRONTMATTER characters is not parsed, aliases
 * are expanded at most MAX_ALIASES times (a "billion laughs" post is reported, not expanded), and
 * binary bytes are reported as such.
 */
import type * as SmolToml from "smol-toml" with { "resolution-mode": "import" };
import * as YAML from "yaml";
import { problem } from "./fields";
import type { RuleName } from "./rules";
import type { FrontmatterProblem } from "./types";
import type { Localized } from "../shared/i18n";

// smol-toml ships a CommonJS build, but its types are declared as ESM only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TOML = require("smol-toml") as typeof SmolToml;

export const MAX_FRONTMATTER = 256 * 1024;
const MAX_ALIASES = 100;

export interface ParsedFrontmatter {
  kind: "yaml" | "toml";
  /** The whole block, fences included, in offsets of the post. */
  range: [number, number];
  /** Where the content between the fences starts and ends (offsets of the post). */
  contentRange: [number, number];
  /** The line break the block uses (for edits). */
  eol: string;
  /** The YAML document (positions are relative to contentRange[0]); undefined for TOML or when too large. */
  doc?: YAML.Document.Parsed;
  /** The top-level mapping as plain data, when the YAML parsed to one without errors. */
  data?: Record<string, unknown>;
  /** Syntax problems (YAML/TOML errors, not closed, too large, binary, aliases). */
  problems: FrontmatterProblem[];
}

const msg = (en: string, ja: string): Localized => ({ en, ja });

/** A problem with the block itself, at its rule's default level (rules.ts). */
const syntax = (rule: RuleName, message: Localized, range: [number, number]): FrontmatterProblem => problem(rule, range, message);

/** The end offset of the line starting at `start` (before its line break) and the break itself. */
function lineAt(text: string, start: number): { end: number; eol: string } {
  const m = /\r\n|\r|\n/g;
  m.lastIndex = start;
  const found = m.exec(text);
  return found ? { end: found.index, eol: found[0] } : { end: text.length, eol: "" };
}

/**
 * The frontmatter of `text`, or undefined when the post has none (the first line, after a BOM, is
 * not `---` or `+++`).
 */
export function parseFrontmatter(text: string): ParsedFrontmatter | undefined {
  const start = text.startsWith("\uFEFF") ? 1 : 0;
  const first = lineAt(text, start);
  const fence = text.slice(start, first.end).trimEnd();
  if (fence !== "---" && fence !== "+++") return undefined;
  const kind = fence === "---" ? "yaml" : "toml";
  const contentStart = first.end + first.eol.length;
  // The closing fence: `---` (or YAML's `...`) / `+++` alone on a line.
  let at = contentStart;
  let close: { start: number; end: number } | undefined;
  while (at < text.length) {
    const line = lineAt(text, at);
    const content = text.slice(at, line.end).trimEnd();
    if (content === fence || (kind === "yaml" && content === "...")) {
      close = { start: at, end: line.end };
      break;
    }
    if (line.eol === "") break;
    at = line.end + line.eol.length;
  }
  const eol = first.eol || "\n";
  if (!close) {
    // A warning: a post may also begin with a thematic break (`---`) that is not frontmatter.
    return {
      kind,
      range: [start, first.end],
      contentRange: [contentStart, contentStart],
      eol,
      problems: [
        syntax(
          "unclosed",
          msg(`The frontmatter opened by "${fence}" is never closed: add a "${fence}" line after it.`, `「${fence}」で始まるフロントマターが閉じられていません。終わりに「${fence}」の行を追加してください。`),
          [start, first.end],
        ),
      ],
    };
  }
  const contentRange: [number, number] = [contentStart, close.start];
  const base: ParsedFrontmatter = { kind, range: [start, close.end], contentRange, eol, problems: [] };
  const content = text.slice(contentStart, close.start);
  const head: [number, number] = [start, first.end];
  if (content.length > MAX_FRONTMATTER) {
    base.problems.push(
      syntax("too-large", msg(`The frontmatter is ${content.length} characters long; Tsuzuri checks frontmatter up to ${MAX_FRONTMATTER}.`, `フロントマターが ${content.length} 文字あります。Tsuzuri が検査するのは ${MAX_FRONTMATTER} 文字までです。`), head),
    );
    return base;
  }
  const binary = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/.exec(content);
  if (binary) {
    const offset = contentStart + binary.index;
    base.problems.push(
      syntax("binary", msg("The frontmatter contains a control character or invalid bytes.", "フロントマターに制御文字または不正なバイトが含まれています。"), [offset, offset + 1]),
    );
    return base;
  }
  if (kind === "toml") {
    base.problems.push(...tomlProblems(content, contentStart));
    return base;
  }
  return { ...base, ...parseYaml(content, contentStart) };
}

/**
 * A whole YAML file (a Zenn book's config.yaml) read as a frontmatter without fences: the same
 * limits, positions and problems, so the frontmatter checks and fixes work on it unchanged.
 */
export function parseYamlFile(text: string): ParsedFrontmatter {
  const start = text.startsWith("\uFEFF") ? 1 : 0;
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? "\n";
  const base: ParsedFrontmatter = { kind: "yaml", range: [start, text.length], contentRange: [start, text.length], eol, problems: [] };
  const content = text.slice(start);
  const head: [number, number] = [start, Math.max(start + 1, lineAt(text, start).end)];
  if (content.length > MAX_FRONTMATTER) {
    base.problems.push(syntax("too-large", msg(`The file is ${content.length} characters long; Tsuzuri checks YAML up to ${MAX_FRONTMATTER}.`, `ファイルが ${content.length} 文字あります。Tsuzuri が検査する YAML は ${MAX_FRONTMATTER} 文字までです。`), head));
    return base;
  }
  const binary = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/.exec(content);
  if (binary) {
    const offset = start + binary.index;
    base.problems.push(syntax("binary", msg("The file contains a control character or invalid bytes.", "ファイルに制御文字または不正なバイトが含まれています。"), [offset, offset + 1]));
    return base;
  }
  return { ...base, ...parseYaml(content, start) };
}

function parseYaml(content: string, offset: number): Pick<ParsedFrontmatter, "doc" | "data" | "problems"> {
  // YAML counts a lone CR as a line break (classic Mac OS files); the yaml package does not. A CR
  // becomes an LF for the parser: one character for one, so every position stays the post's.
  const doc = YAML.parseDocument(content.replace(/\r(?!\n)/g, "\n"), { uniqueKeys: true, prettyErrors: false });
  const problems: FrontmatterProblem[] = [];
  const clamp = (pos: readonly number[] | undefined): [number, number] => {
    const s = Math.min(pos?.[0] ?? 0, Math.max(0, content.length - 1));
    const e = Math.max(s + 1, Math.min(pos?.[1] ?? s + 1, content.length));
    return [offset + s, offset + Math.min(e, Math.max(content.length, s + 1))];
  };
  for (const error of doc.errors) {
    const detail = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? error.code;
    const duplicate = error.code === "DUPLICATE_KEY";
    problems.push(
      syntax(
        duplicate ? "duplicate-key" : "yaml-syntax",
        duplicate ? msg("This key appears twice in the frontmatter.", "このキーがフロントマターに 2 回あります。") : msg(`YAML syntax error: ${detail}.`, `YAML の構文エラー: ${detail}`),
        duplicate ? keyAt(content, offset, error.pos?.[0] ?? 0) : clamp(error.pos),
      ),
    );
  }
  if (doc.errors.length > 0) return { doc, problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    const anchor = firstAlias(doc);
    problems.push(
      syntax(
        "yaml-aliases",
        msg(
          `The frontmatter's YAML aliases expand too far (${(e as Error).message}); it was not checked further.`,
          "フロントマターの YAML エイリアスの展開が多すぎるため、これ以上は検査していません。",
        ),
        anchor ? clamp(anchor) : clamp([0, 1]),
      ),
    );
    return { doc, problems };
  }
  if (value === null || value === undefined) return { doc, data: {}, problems };
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.push(syntax("not-a-mapping", msg("The frontmatter must be a list of `key: value` lines.", "フロントマターは「キー: 値」の形で書いてください。"), clamp(doc.contents?.range)));
    return { doc, problems };
  }
  return { doc, data: value as Record<string, unknown>, problems };
}

/** The range of the key written at `pos` (up to its colon), for a duplicate-key problem. */
function keyAt(content: string, offset: number, pos: number): [number, number] {
  const key = /^[^:\r\n]+/.exec(content.slice(pos))?.[0].trimEnd() ?? "";
  return [offset + pos, offset + pos + Math.max(1, key.length)];
}

function firstAlias(doc: YAML.Document.Parsed): readonly number[] | undefined {
  let found: readonly number[] | undefined;
  YAML.visit(doc, {
    Alias(_key, node) {
      found = node.range ?? undefined;
      return YAML.visit.BREAK;
    },
  });
  return found;
}

/** TOML (Hugo's `+++`): syntax errors from smol-toml, placed at the line and column it reports. */
function tomlProblems(content: string, offset: number): FrontmatterProblem[] {
  try {
    TOML.parse(content);
    return [];
  } catch (e) {
    const error = e as { line?: number; column?: number; message?: string };
    const lines = content.split(/(?<=\n)/);
    const lineIndex = Math.max(0, Math.min((error.line ?? 1) - 1, lines.length - 1));
    const lineStart = lines.slice(0, lineIndex).reduce((n, l) => n + l.length, 0);
    const lineText = (lines[lineIndex] ?? "").replace(/\r?\n$/, "");
    const column = Math.max(0, Math.min((error.column ?? 1) - 1, Math.max(0, lineText.length - 1)));
    const detail = (error.message ?? "").split("\n")[0]?.replace(/^Invalid TOML document: /, "") ?? "";
    const at = offset + lineStart + column;
    return [syntax("toml-syntax", msg(`TOML syntax error: ${detail}.`, `TOML の構文エラー: ${detail}`), [at, at + 1])];
  }
}
