/**
 * Reading fields of a parsed frontmatter with their positions in the post, and the minimal edits
 * quick fixes make (insert a key, rename one, replace a value, drop sequence items). Edits touch
 * only the characters concerned, so comments and the order of the other keys stay.
 */
import * as YAML from "yaml";
import type { ParsedFrontmatter } from "./parse";
import { shrinkEdit } from "../fixes/textEdits";
import { RULES, type RuleName } from "./rules";
import type { FrontmatterEdit, FrontmatterFix, FrontmatterProblem } from "./types";
import type { Localized } from "../shared/i18n";
import { lineStartAt } from "../shared/lines";

export class Fields {
  private readonly offset: number;
  private readonly map: YAML.YAMLMap | undefined;

  constructor(
    readonly text: string,
    readonly fm: ParsedFrontmatter,
  ) {
    this.offset = fm.contentRange[0];
    const contents = fm.doc?.contents;
    this.map = YAML.isMap(contents) ? contents : undefined;
  }

  get data(): Record<string, unknown> {
    return this.fm.data ?? {};
  }

  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.data, key);
  }

  get(key: string): unknown {
    return this.data[key];
  }

  keys(): string[] {
    return Object.keys(this.data);
  }

  pair(key: string): YAML.Pair | undefined {
    return this.map?.items.find((p) => YAML.isScalar(p.key) && String(p.key.value) === key);
  }

  node(key: string): YAML.Node | undefined {
    const value = this.pair(key)?.value;
    return YAML.isNode(value) ? value : undefined;
  }

  private abs(range: readonly number[] | null | undefined): [number, number] | undefined {
    if (!range) return undefined;
    const start = this.offset + (range[0] ?? 0);
    return [start, Math.max(start + 1, this.offset + (range[1] ?? 0))];
  }

  /** The key as written (e.g. `topics`). */
  keyRange(key: string): [number, number] {
    const k = this.pair(key)?.key;
    return (YAML.isNode(k) ? this.abs(k.range) : undefined) ?? this.openingFence();
  }

  /** The value as written, or the key when the value is empty. */
  valueRange(key: string): [number, number] {
    return this.abs(this.node(key)?.range) ?? this.keyRange(key);
  }

  /** Items of a sequence value, with their ranges and scalar style (`QUOTE_DOUBLE`, `PLAIN`…). */
  items(key: string): { value: unknown; range: [number, number]; style?: string }[] {
    const node = this.node(key);
    if (!YAML.isSeq(node)) return [];
    return node.items.map((item) => ({
      value: YAML.isScalar(item) ? item.value : YAML.isNode(item) ? item.toJSON() : item,
      range: (YAML.isNode(item) ? this.abs(item.range) : undefined) ?? this.valueRange(key),
      ...(YAML.isScalar(item) && item.type ? { style: item.type } : {}),
    }));
  }

  /** The scalar style of a value: quoted or plain (for "unquote a boolean", "quote updated_at"). */
  scalarType(key: string): string | undefined {
    const node = this.node(key);
    return YAML.isScalar(node) ? node.type : undefined;
  }

  /** The opening `---` line: where problems about the whole frontmatter (or missing keys) go. */
  openingFence(): [number, number] {
    const start = this.fm.range[0];
    const end = this.text.indexOf(this.fm.eol, start);
    return [start, end < 0 ? start + 3 : end];
  }

  // --- edits ---

  /** Appends `key: value` as the last line of the frontmatter. */
  insertKey(key: string, valueText: string): FrontmatterEdit {
    const at = this.fm.contentRange[1];
    const before = this.text.slice(this.fm.contentRange[0], at);
    const sep = before.length === 0 || /[\r\n]$/.test(before) ? "" : this.fm.eol;
    return { range: [at, at], newText: `${sep}${key}: ${valueText}${this.fm.eol}` };
  }

  renameKey(key: string, newKey: string): FrontmatterEdit {
    return { range: this.keyRange(key), newText: newKey };
  }

  replaceValue(key: string, newText: string): FrontmatterEdit {
    return { range: this.valueRange(key), newText };
  }

  /**
   * The smallest edit that gives the scalar at `range` the string `value` in the style it is written
   * in: `"Obsidian"` → `"obsidian"`, `'Azure'` → `'azure'`, `Go` → `go` (quoted only when the plain
   * text would not read back as that string, in a flow or a block list alike).
   */
  rewriteScalar(range: [number, number], style: string | undefined, value: string): FrontmatterEdit {
    const written = scalarText(value, style);
    return shrinkEdit(this.text, range[0], range[1], written) ?? { range: [range[0], range[0]], newText: "" };
  }

  /** Removes the items of a sequence from index `keep` on (flow `[a, b]` or block `- a` lines). */
  dropItemsFrom(key: string, keep: number): FrontmatterEdit[] {
    const node = this.node(key);
    const items = this.items(key);
    if (!YAML.isSeq(node) || items.length <= keep || keep < 1) return [];
    const lastKept = items[keep - 1];
    const last = items[items.length - 1];
    if (!lastKept || !last) return [];
    if (node.flow) return [{ range: [lastKept.range[1], last.range[1]], newText: "" }];
    // Block items: remove whole lines from the first dropped item's line to the last one's end.
    const first = items[keep];
    if (!first) return [];
    const lineStart = lineStartAt(this.text, first.range[0]);
    const eol = /\r\n|\r|\n/g;
    eol.lastIndex = last.range[1];
    const found = eol.exec(this.text);
    const end = found ? found.index + found[0].length : this.text.length;
    return [{ range: [lineStart, end], newText: "" }];
  }
}

/** A problem of `rule`, at the rule's default severity (rules.ts; the settings may change it later). */
export function problem(rule: RuleName, range: [number, number], message: Localized, fixes: FrontmatterFix[] = []): FrontmatterProblem {
  return { ruleId: `frontmatter/${rule}`, severity: RULES[rule].level, range, message, ...(fixes.length > 0 ? { fixes } : {}) };
}

/** `value` as a YAML scalar in `style`; plain only when it reads back as the same string. */
export function scalarText(value: string, style: string | undefined): string {
  if (style === "QUOTE_SINGLE") return `'${value.replace(/'/g, "''")}'`;
  if (style === "PLAIN" && value !== "" && !/[\r\n]/.test(value) && readsBackAs(value)) return value;
  return JSON.stringify(value);
}

function readsBackAs(value: string): boolean {
  try {
    // Inside a flow list: what is plain there is plain in a block list too.
    const back = YAML.parse(`[${value}]`) as unknown;
    return Array.isArray(back) && back.length === 1 && back[0] === value;
  } catch {
    return false;
  }
}

export const fix = (en: string, ja: string, edits: FrontmatterEdit[]): FrontmatterFix => ({ title: { en, ja }, edits });

/** A YAML string literal for a value (double-quoted when plain style would change its meaning). */
export function yamlString(value: string): string {
  const plain = YAML.stringify(value).trimEnd();
  return plain.includes("\n") ? JSON.stringify(value) : plain;
}

/** Characters as JavaScript counts them (`title.length`), which is what Zenn's 70 counts. */
export const jsLength = (s: string): number => s.length;
