/**
 * Incremental linting with textlint's own kernel, equal message for message to a full lint.
 *
 * - Rules whose result for a top-level block depends on that block alone ("local", see
 *   ruleLocality.ts) run on each block by itself, padded with newlines so that lines and columns are
 *   the document's, and their results are cached by block text: an edit re-lints only the blocks it
 *   touched.
 * - Everything that needs the whole document runs in one kernel pass over the document's AST (parsed
 *   once per lint and handed to the kernel, not parsed again): the document-wide rules, plus "echo"
 *   rules that re-report the local rules' cached messages under their own rule ids and options, so
 *   that textlint's filter rules (textlint-disable comments, ...), de-duplication, severity and
 *   ordering apply to them exactly as in a full lint.
 */
import { TextlintKernel } from "@textlint/kernel";
import type { TextlintKernelFilterRule, TextlintKernelPlugin, TextlintKernelRule } from "@textlint/kernel";
import type { TxtDocumentNode, TxtNode, TxtParentNode } from "@textlint/ast-node-types";
import type { TextlintMessage, TextlintRuleModule } from "@textlint/types";
import { parse } from "@textlint/markdown-to-ast";
import * as path from "node:path";
import { DEFINITION_TYPES, splitUnits, type Unit } from "./units";
import { UnitCache, type CachedUnit } from "./unitCache";
import { parseIncrementally, type ParsedText } from "./incrementalParse";

export type Locality = "local" | "window" | "document";

export interface KernelConfig {
  configBaseDir?: string;
  rules: TextlintKernelRule[];
  filterRules: TextlintKernelFilterRule[];
  plugins: TextlintKernelPlugin[];
}

const MARKDOWN_PLUGIN_ID = "@textlint/textlint-plugin-markdown";

/** The one parse of a lint, handed to the kernel's whole-document pass instead of parsing again. */
function feedingMarkdownPlugin(original: TextlintKernelPlugin, fed: { text: string; ast: TxtDocumentNode } | undefined): TextlintKernelPlugin {
  const Processor = (original.plugin as { Processor: new (options: unknown) => { availableExtensions(): string[]; processor(ext: string): unknown } }).Processor;
  class FeedingProcessor extends Processor {
    override processor(ext: string) {
      const inner = super.processor(ext) as { preProcess(text: string, filePath?: string): unknown; postProcess: unknown };
      return {
        preProcess: (text: string, filePath?: string) => (fed && fed.text === text ? fed.ast : inner.preProcess(text, filePath)),
        postProcess: inner.postProcess,
      };
    }
  }
  return { ...original, plugin: { ...(original.plugin as object), Processor: FeedingProcessor } } as TextlintKernelPlugin;
}

/** A rule that reports, on the Document node, the messages computed for `ruleId` elsewhere. */
function echoRule(pending: ReadonlyMap<string, readonly TextlintMessage[]>, ruleId: string): TextlintRuleModule {
  return (context) => ({
    [context.Syntax.Document](node) {
      for (const m of pending.get(ruleId) ?? []) {
        const fix = m.fix ? context.fixer.replaceTextRange([m.fix.range[0], m.fix.range[1]], m.fix.text) : undefined;
        const padding = context.locator.range([m.range[0], m.range[1]]);
        context.report(node, new context.RuleError(m.message, fix ? { padding, fix } : { padding }));
      }
    },
  });
}

export class IncrementalLinter {
  private readonly kernel = new TextlintKernel({});
  private readonly localRules: TextlintKernelRule[];
  private readonly windowRules: TextlintKernelRule[];
  private readonly documentRules: TextlintKernelRule[];
  private readonly markdownPlugin: TextlintKernelPlugin | undefined;
  private readonly caches = new Map<string, UnitCache>();
  /** The last text and AST of each document, for parsing only what an edit touched. */
  private readonly parsed = new Map<string, ParsedText>();

  constructor(
    private readonly config: KernelConfig,
    localityOf: (ruleId: string, options?: unknown) => Locality,
    private readonly maxCachedChars = 2_000_000,
  ) {
    const of = (locality: Locality) => config.rules.filter((r) => localityOf(r.ruleId, r.options) === locality);
    this.localRules = of("local");
    this.windowRules = of("window");
    this.documentRules = of("document");
    this.markdownPlugin = config.plugins.find((p) => p.pluginId === MARKDOWN_PLUGIN_ID);
  }

  /** Markdown files handled by textlint's own Markdown plugin (not one a project config replaced). */
  supports(filePath: string): boolean {
    if (!this.markdownPlugin) return false;
    const ext = path.extname(filePath).toLowerCase();
    const first = this.config.plugins.find((p) => {
      const Processor = (p.plugin as { Processor?: new (o: unknown) => { availableExtensions(): string[] } }).Processor;
      return Processor ? new Processor(p.options ?? {}).availableExtensions().includes(ext) : false;
    });
    return first === this.markdownPlugin;
  }

  /** Drops what is cached for a document (on close). */
  forget(filePath: string): void {
    for (const key of [...this.caches.keys()]) if (key.startsWith(`${filePath}\u0000`)) this.caches.delete(key);
    for (const key of [...this.parsed.keys()]) if (key.startsWith(`${filePath}\u0000`)) this.parsed.delete(key);
  }

  /**
   * `cacheKey` keeps apart texts of one file that are linted alternately (the astral shadow).
   * `relinted` counts the unit and window lints that missed the cache.
   */
  async lintText(text: string, filePath: string, cacheKey = ""): Promise<{ messages: TextlintMessage[]; relinted: number; units: number }> {
    const ext = path.extname(filePath);
    const documentKey = `${filePath}\u0000${cacheKey}`;
    const { ast } = parseIncrementally(this.parsed.get(documentKey), text, (t) => parse(t) as TxtDocumentNode);
    this.parsed.set(documentKey, { text, ast });
    const units = splitUnits(text, ast);
    const definitions = units.filter((u) => DEFINITION_TYPES.has(u.type));
    const definitionsKey = definitions.map((d) => `${d.text}\u0000${shapeOf(d.node)}`).join("\u0001");
    const cache = this.cacheFor(documentKey);
    const windowCache = this.cacheFor(`${documentKey}\u0000window`);
    cache.beginGeneration(definitionsKey);
    windowCache.beginGeneration(definitionsKey);
    // The key holds each unit's AST shape too: the same text can parse differently in context.
    const keys = units.map((u) => `${u.text}\u0000${shapeOf(u.node)}`);
    const local: TextlintMessage[] = [];
    let relinted = 0;
    let windowStart = 0;
    for (const [i, unit] of units.entries()) {
      const key = keys[i] ?? "";
      const passes: { rules: TextlintKernelRule[]; cache: UnitCache; span: Unit[]; key: string }[] = [];
      if (this.localRules.length > 0) passes.push({ rules: this.localRules, cache, span: [unit], key });
      if (this.windowRules.length > 0) {
        // Window rules carry token-matcher state across blocks until a "。" resets it: lint the unit
        // together with the blocks since the last paragraph before it that has one.
        const span = units.slice(windowStart, i + 1);
        passes.push({ rules: this.windowRules, cache: windowCache, span, key: keys.slice(windowStart, i + 1).join("\u0002") });
      }
      for (const pass of passes) {
        let cached = pass.cache.get(pass.key, unit.line, unit.start, unit.text.length);
        if (!cached) {
          cached = await this.lintSpan(text, pass.span, pass.rules, definitions, ext, filePath);
          pass.cache.set(pass.key, cached);
          relinted++;
        }
        const entry = cached;
        entry.messages.forEach((m, k) => local.push(place(m, entry.models[k] ?? "pinned", unit, entry)));
      }
      if (unit.type === "Paragraph" && hasPlainPeriod(unit.node)) windowStart = i;
    }
    cache.endGeneration(this.maxCachedChars);
    windowCache.endGeneration(this.maxCachedChars);

    const pending = groupBy(local, (m) => m.ruleId);
    const echoes = [...this.localRules, ...this.windowRules].map((r) => ({ ruleId: r.ruleId, rule: echoRule(pending, r.ruleId), options: r.options }));
    // The kernel marks the nodes it is given; it gets a copy, the pristine AST is kept for the next parse.
    const fed = structuredClone(ast);
    const plugins = this.config.plugins.map((p) => (p === this.markdownPlugin ? feedingMarkdownPlugin(p, { text, ast: fed }) : p));
    const result = await this.kernel.lintText(text, {
      ext,
      filePath,
      ...(this.config.configBaseDir ? { configBaseDir: this.config.configBaseDir } : {}),
      rules: [...this.documentRules, ...echoes],
      filterRules: this.config.filterRules,
      plugins,
    });
    // The echoes decided which messages survive; the messages themselves are the rules' originals
    // (their `loc` can differ from one recomputed from the range, and must stay textlint's).
    const originals = groupBy(local, identity);
    const messages = result.messages.map((m) => originals.get(identity(m))?.shift() ?? m);
    // textlint's last step: a stable sort by line, then column (of the original messages).
    messages.sort((a, b) => a.line - b.line || a.column - b.column);
    return { messages, relinted, units: units.length };
  }

  private cacheFor(filePath: string): UnitCache {
    let cache = this.caches.get(filePath);
    if (!cache) {
      cache = new UnitCache();
      this.caches.set(filePath, cache);
    }
    return cache;
  }

  /**
   * Lints the last unit of `span` (the others are context: a window), on the units' own subtrees of
   * the document's AST (so they parse exactly as in the document), with the document's definitions
   * after them. The span keeps its lines (padding with newlines); its offset is the document's when
   * it is near the top, else a line of spaces as long as the span stands before those newlines,
   * because a few rules depend on the absolute offset only below that (see ruleLocality's
   * POSITION_SENSITIVE), and sentence-splitter's cost grows with it.
   */
  private async lintSpan(
    text: string,
    span: readonly Unit[],
    rules: TextlintKernelRule[],
    definitions: readonly Unit[],
    ext: string,
    filePath: string,
  ): Promise<CachedUnit> {
    const first = span[0];
    const unit = span[span.length - 1];
    if (!first || !unit) throw new Error("empty span");
    const spanText = first === unit ? unit.text : text.slice(first.start, unit.end);
    const newlines = first.line - 1;
    const spaces = newlines === 0 ? 0 : first.start < spanText.length ? first.start - newlines : spanText.length;
    const pad = " ".repeat(Math.max(0, spaces)) + "\n".repeat(newlines);
    const shiftBy = pad.length - first.start;
    const from = unit.start + shiftBy;
    const to = from + unit.text.length;
    let padded = pad + spanText;
    const children = span.map((u) => moveNode(u.node, shiftBy, 0));
    let line = first.line + lineBreaks(spanText);
    // The line break that ends the unit in the document (a report can sit on it), then the same style.
    const eol = /^(\r\n|\r|\n)?/.exec(text.slice(unit.end, unit.end + 2))?.[0] || "\n";
    for (const d of definitions) {
      padded += eol + eol;
      line += 2;
      children.push(moveNode(d.node, padded.length - d.start, line - d.line));
      padded += d.text;
      line += lineBreaks(d.text);
    }
    padded += eol;
    const document = documentNode(padded, children);
    const plugins = this.config.plugins.map((p) => (p === this.markdownPlugin ? feedingMarkdownPlugin(p, { text: padded, ast: document }) : p));
    const options = { ext, filePath, ...(this.config.configBaseDir ? { configBaseDir: this.config.configBaseDir } : {}), filterRules: [], plugins };
    // Some token matchers keep state in their module between lints: a lone "。" resets it first.
    if (rules === this.windowRules) await this.kernel.lintText("。\n", { ...options, plugins: this.config.plugins, rules });
    const result = await this.kernel.lintText(padded, { ...options, rules });
    const messages = result.messages
      // A report may sit just after the unit's last character (on the line break that ends it).
      .filter((m) => m.range[0] >= from && m.range[0] <= to)
      .map((m) => relocate(m, -from, 0));
    const models = messages.map((m) => positionModel(m, unit, from));
    return { line: unit.line, start: unit.start, messages, models, lineCount: lineBreaks(unit.text) + 1 };
  }
}

function lineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

/** Whether a paragraph has "。" in its own text (a Str child), which resets the window rules' state. */
function hasPlainPeriod(node: TxtNode): boolean {
  return ((node as TxtParentNode).children ?? []).some((c) => c.type === "Str" && c.raw.includes("。"));
}

/** The node types of a subtree in pre-order: what distinguishes two parses of the same text. */
function shapeOf(node: TxtNode): string {
  const children = (node as TxtParentNode).children;
  return children ? `${node.type}(${children.map(shapeOf).join(",")})` : node.type;
}

/** A deep copy of a subtree moved by `offset` characters and `lines` lines (the kernel marks nodes). */
function moveNode(node: TxtNode, offset: number, lines: number): TxtNode {
  const copy = structuredClone(node) as TxtNode;
  const visit = (n: TxtNode): void => {
    const mutable = n as unknown as { range: [number, number]; loc: TxtNode["loc"] };
    mutable.range = [n.range[0] + offset, n.range[1] + offset];
    mutable.loc = {
      start: { line: n.loc.start.line + lines, column: n.loc.start.column },
      end: { line: n.loc.end.line + lines, column: n.loc.end.column },
    };
    for (const child of (n as TxtParentNode).children ?? []) visit(child);
  };
  visit(copy);
  return copy;
}

function documentNode(text: string, children: TxtNode[]): TxtDocumentNode {
  const lines = text.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] ?? "";
  return {
    type: "Document",
    raw: text,
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: { line: lines.length, column: last.length } },
    children,
  } as unknown as TxtDocumentNode;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function identity(m: TextlintMessage): string {
  return `${m.ruleId}\u0000${m.range[0]}:${m.range[1]}\u0000${m.severity}\u0000${m.message}`;
}

/** Moves a message by `offset` characters and `lines` lines. */
function relocate(m: TextlintMessage, offset: number, lines: number): TextlintMessage {
  return {
    ...m,
    index: m.index + offset,
    range: [m.range[0] + offset, m.range[1] + offset],
    line: m.line + lines,
    loc: {
      start: { line: m.loc.start.line + lines, column: m.loc.start.column },
      end: { line: m.loc.end.line + lines, column: m.loc.end.column },
    },
    ...(m.fix ? { fix: { ...m.fix, range: [m.fix.range[0] + offset, m.fix.range[1] + offset] as const } } : {}),
  };
}

/**
 * How a message's start and end columns relate to its offsets, so that a cached message can be
 * moved: "normal" (counted from the start of its line) or "flat" (offset − (line − 1), as
 * sentence-splitter computes columns on a paragraph's first line); "pinned" when an endpoint is
 * neither (re-lint the unit whenever it moves). `m` has offsets relative to the unit.
 */
export type EndpointModel = "normal" | "flat";
export type PositionModel = [EndpointModel, EndpointModel] | "pinned";

function positionModel(m: TextlintMessage, unit: Unit, paddedStart: number): PositionModel {
  const starts = [0, ...[...unit.text.matchAll(/\r\n|\r|\n/g)].map((b) => (b.index ?? 0) + b[0].length)];
  const lineStart = (line: number): number => starts[line - unit.line] ?? Number.NaN;
  const endpoint = (line: number, column: number, index: number): EndpointModel | undefined => {
    if (column === index - lineStart(line) + 1) return "normal";
    if (column === paddedStart + index - (line - 1) + 1) return "flat";
    return undefined;
  };
  const start = endpoint(m.loc.start.line, m.loc.start.column, m.range[0]);
  const end = endpoint(m.loc.end.line, m.loc.end.column, m.range[1]);
  return start && end ? [start, end] : "pinned";
}

/** A unit's cached message (offsets relative to the unit) placed at the unit's position now. */
function place(m: TextlintMessage, model: PositionModel, unit: Unit, cached: CachedUnit): TextlintMessage {
  const moved = relocate(m, unit.start, unit.line - cached.line);
  if (model === "pinned" || (model[0] === "normal" && model[1] === "normal")) return moved;
  const flat = (index: number, line: number) => index - (line - 1) + 1;
  const start = model[0] === "flat" ? { line: moved.loc.start.line, column: flat(moved.range[0], moved.loc.start.line) } : moved.loc.start;
  const end = model[1] === "flat" ? { line: moved.loc.end.line, column: flat(moved.range[1], moved.loc.end.line) } : moved.loc.end;
  return { ...moved, column: start.column, loc: { start, end } };
}

