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
import { shapeOf, splitUnits, type Unit } from "./units";
import { UnitCache, type CachedUnit } from "./unitCache";
import { parseIncrementally, type ParsedText } from "./incrementalParse";
import { feedingMarkdownPlugin, lintDocument, lintSpan, type SpanContext } from "./spanLint";
import { planWindows, type WindowPlan } from "./windows";
import { copyTree, lineBreaks, mapNodeText, place } from "./positions";
import { astralCounter, correctPositions, hasAstral, makeShadow } from "../lint/astralShadow";
import { lineColumnOf } from "../shared/lines";

export type Locality = "local" | "window" | "document";

export interface KernelConfig {
  configBaseDir?: string;
  rules: TextlintKernelRule[];
  filterRules: TextlintKernelFilterRule[];
  plugins: TextlintKernelPlugin[];
}

const MARKDOWN_PLUGIN_ID = "@textlint/textlint-plugin-markdown";

/** A rule that reports, on the Document node, the messages computed for `ruleId` elsewhere. */
function echoRule(pending: ReadonlyMap<string, readonly TextlintMessage[]>, ruleId: string): TextlintRuleModule {
  return (context) => ({
    [context.Syntax.Document](node) {
      for (const m of pending.get(ruleId) ?? []) {
        const fix = m.fix ? context.fixer.replaceTextRange([m.fix.range[0], m.fix.range[1]], m.fix.text) : undefined;
        const padding = context.locator.range([m.range[0], m.range[1]]);
        const suggestions = m.suggestions?.map((s) => ({ id: s.id, message: s.message, fix: context.fixer.replaceTextRange([s.fix.range[0], s.fix.range[1]], s.fix.text) }));
        context.report(node, new context.RuleError(m.message, { padding, ...(fix ? { fix } : {}), ...(suggestions?.length ? { suggestions } : {}) }));
      }
    },
  });
}

export interface IncrementalOptions {
  /** Bound on the cached text per document (characters). */
  maxCachedChars?: number;
  /**
   * Correct the positions of rules that count code points after astral characters, as the engine's
   * full lint does (astralShadow.ts), block by block: a block with an emoji and a problem is linted
   * a second time as its shadow, not the whole document. Off, the messages are textlint's own.
   */
  correctAstral?: boolean;
}

export interface IncrementalResult {
  messages: TextlintMessage[];
  relinted: number;
  units: number;
  /** Only some lines were linted (see lintText's `lines`). */
  partial: boolean;
}

/** Block and window lints of some lines, as one linter gives them to another (plain data). */
export interface LintedBlocks {
  units: [string, CachedUnit][];
  windows: [string, CachedUnit][];
}

/** A text as the linter last saw it: its parse, blocks, cache keys and window plan. */
interface Plan extends ParsedText {
  units: Unit[];
  keys: string[];
  windows: WindowPlan[];
}

export class IncrementalLinter {
  private readonly kernel = new TextlintKernel({});
  private readonly localRules: TextlintKernelRule[];
  private readonly windowRules: TextlintKernelRule[];
  private readonly documentRules: TextlintKernelRule[];
  private readonly documentRuleIds: Set<string>;
  private readonly markdownPlugin: TextlintKernelPlugin | undefined;
  private readonly caches = new Map<string, UnitCache>();
  /** The last text of each document and its plan, for parsing only what an edit touched. */
  private readonly parsed = new Map<string, Plan>();
  /** Per document, the Document node its document passes hand the kernel (see fedTree). */
  private readonly fedDocuments = new Map<string, TxtDocumentNode>();
  /** Documents whose Document node a running pass has (see fedTree). */
  private readonly feeding = new Set<string>();
  private readonly maxCachedChars: number;
  private readonly correctAstral: boolean;

  constructor(
    private readonly config: KernelConfig,
    localityOf: (ruleId: string, options?: unknown) => Locality,
    options: IncrementalOptions = {},
  ) {
    const of = (locality: Locality) => config.rules.filter((r) => localityOf(r.ruleId, r.options) === locality);
    this.localRules = of("local");
    this.windowRules = of("window");
    this.documentRules = of("document");
    this.documentRuleIds = new Set(this.documentRules.map((r) => r.ruleId));
    this.markdownPlugin = config.plugins.find((p) => p.pluginId === MARKDOWN_PLUGIN_ID);
    this.maxCachedChars = options.maxCachedChars ?? 2_000_000;
    this.correctAstral = options.correctAstral ?? false;
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
    const prefix = documentKey(filePath);
    for (const key of [...this.caches.keys()]) if (key.startsWith(prefix)) this.caches.delete(key);
    for (const key of [...this.parsed.keys()]) if (key.startsWith(prefix)) this.parsed.delete(key);
    this.fedDocuments.delete(prefix);
  }

  /**
   * `relinted` counts the unit and window lints that missed the cache. With `lines` (1-based, both
   * included), only the blocks on those lines are linted, by the local and window rules, through
   * the config's filters: the part of a full lint the writer is looking at, to show first (what it
   * lints is cached for the full lint that follows). Document-wide rules are left for that lint.
   */
  async lintText(text: string, filePath: string, options: { lines?: readonly [number, number] } = {}): Promise<IncrementalResult> {
    const lines = options.lines;
    const plan = this.planFor(filePath, text);
    const ctx = this.contextFor(filePath);
    const { local, relinted } = await this.lintBlocksOf(plan, ctx, lines);
    const pending = groupBy(local, (m) => m.ruleId);
    const echoes = [...this.localRules, ...this.windowRules].map((r) => ({ ruleId: r.ruleId, rule: echoRule(pending, r.ruleId), options: r.options }));
    const fed = this.fedTree(filePath, plan.ast);
    const plugins = this.config.plugins.map((p) => (p === this.markdownPlugin ? feedingMarkdownPlugin(p, { text, ast: fed.tree }) : p));
    let result;
    try {
      result = await this.kernel.lintText(text, {
        ext: ctx.ext,
        filePath,
        ...(this.config.configBaseDir ? { configBaseDir: this.config.configBaseDir } : {}),
        rules: lines ? echoes : [...this.documentRules, ...echoes],
        filterRules: this.config.filterRules,
        plugins,
      });
    } finally {
      fed.release();
    }
    // The echoes decided which messages survive; the messages themselves are the rules' originals
    // (their `loc` can differ from one recomputed from the range, and must stay textlint's).
    const originals = groupBy(local, identity);
    let messages = result.messages.map((m) => originals.get(identity(m))?.shift() ?? m);
    if (!lines) messages = await this.correctDocumentRules(ctx, text, plan.ast, messages);
    // textlint's last step: a stable sort by line, then column (of the original messages).
    messages.sort((a, b) => a.line - b.line || a.column - b.column);
    return { messages, relinted, units: plan.units.length, partial: lines !== undefined };
  }

  /**
   * The block and window lints of the blocks on `lines` alone (no document pass, no filters): what
   * a full lint of the same text will find in the cache. Returns what it linted, for another
   * linter of the same config to adopt (two workers sharing a long post's first lint).
   */
  async lintBlocks(text: string, filePath: string, lines: readonly [number, number]): Promise<LintedBlocks> {
    const linted: LintedBlocks = { units: [], windows: [] };
    await this.lintBlocksOf(this.planFor(filePath, text), this.contextFor(filePath), lines, linted);
    return linted;
  }

  /** Takes into the cache what `lintBlocks` of this config gave elsewhere for the same file. */
  adoptBlocks(filePath: string, blocks: LintedBlocks): void {
    const { cache, windowCache } = this.cachesFor(filePath);
    for (const [key, entry] of blocks.units) cache.set(key, entry);
    for (const [key, entry] of blocks.windows) windowCache.set(key, entry);
  }

  /**
   * The tree to hand the kernel for a document pass. The kernel marks every node it walks with its
   * parent (`Object.defineProperty(node, "parent", { value })`: not writable, not configurable, so a
   * node can never be walked under another parent). Copying the whole tree for each pass was ~5 ms
   * per edit at 100k, and its garbage more. Instead each file keeps one Document node, updated in
   * place: the blocks an edit did not touch are the same objects under the same Document (so their
   * marks, and their children's, stay true), and the blocks it re-parsed or moved are new objects.
   * A block marked under another parent (none is, by incrementalParse's construction) is copied.
   */
  private fedTree(filePath: string, ast: TxtDocumentNode): { tree: TxtDocumentNode; release: () => void } {
    const key = documentKey(filePath);
    // Two passes over one document at once (a visible-lines lint and a full one) must not share it.
    if (this.feeding.has(key)) return { tree: copyTree(ast), release: () => undefined };
    let document = this.fedDocuments.get(key);
    if (!document) {
      document = { ...ast };
      this.fedDocuments.set(key, document);
    }
    const own = document;
    const children = ast.children.map((child) => {
      const parent = (child as { parent?: unknown }).parent;
      return parent === undefined || parent === own ? child : copyTree(child);
    });
    Object.assign(own, { raw: ast.raw, range: ast.range, loc: ast.loc, children });
    this.feeding.add(key);
    return { tree: own, release: () => this.feeding.delete(key) };
  }

  /** The text's parse, blocks, cache keys and windows; the last one of a file is kept (and reused for the same text). */
  private planFor(filePath: string, text: string): Plan {
    const previous = this.parsed.get(documentKey(filePath));
    if (previous?.text === text) return previous;
    const { ast, kept } = parseIncrementally(previous, text, (t) => parse(t) as TxtDocumentNode);
    const units = splitUnits(text, ast);
    // The key holds each unit's AST shape too: the same text can parse differently in context. The
    // blocks the parse kept keep their keys (the same strings: maps need not hash them again).
    const shift = units.length - (previous?.units.length ?? 0);
    const keys = units.map((u, i) => {
      if (previous && i < kept.head) return previous.keys[i] ?? "";
      if (previous && i >= units.length - kept.tail) return previous.keys[i - shift] ?? "";
      return `${u.text}\u0000${shapeOf(u.node)}`;
    });
    const windows = this.windowRules.length > 0 ? planWindows(units, keys, previous && { plans: previous.windows, ...kept }) : [];
    const plan = { text, ast, units, keys, windows };
    this.parsed.set(documentKey(filePath), plan);
    return plan;
  }

  private contextFor(filePath: string): SpanContext {
    return {
      kernel: this.kernel,
      ...(this.config.configBaseDir ? { configBaseDir: this.config.configBaseDir } : {}),
      plugins: this.config.plugins,
      markdownPlugin: this.markdownPlugin,
      ext: path.extname(filePath),
      filePath,
    };
  }

  /**
   * The local and window rules' messages of the blocks on `lines` (all without), from the cache or
   * linted now (and cached; with `linted`, also collected there).
   */
  private async lintBlocksOf(
    plan: Plan,
    ctx: SpanContext,
    lines: readonly [number, number] | undefined,
    linted?: LintedBlocks,
  ): Promise<{ local: TextlintMessage[]; relinted: number }> {
    const { text, units, keys, windows } = plan;
    const { cache, windowCache } = this.cachesFor(ctx.filePath);
    // A change of definitions changes how blocks parse, which their keys (text and AST shape) show:
    // the cache need not be dropped when a definition's own text changes.
    cache.beginGeneration();
    windowCache.beginGeneration();
    const local: TextlintMessage[] = [];
    const keep = (entry: CachedUnit, unit: Unit) => entry.messages.forEach((m, k) => local.push(place(m, entry.models[k] ?? "pinned", unit, entry)));
    let relinted = 0;
    const visible = (i: number) => {
      const unit = units[i];
      return !lines || (unit !== undefined && unit.line <= lines[1] && unit.line + lineBreaks(unit.text) >= lines[0]);
    };
    let lastVisible = units.length - 1;
    while (lastVisible > 0 && !visible(lastVisible)) lastVisible--;
    for (const [i, unit] of units.entries()) {
      if (!visible(i)) continue;
      const key = keys[i] ?? "";
      if (this.localRules.length > 0) {
        let entry = cache.get(key, unit.line, unit.start, unit.text.length);
        if (!entry) {
          [entry] = await lintSpan(ctx, text, [unit], 0, this.localRules, { reset: false, correctAstral: this.correctAstral });
          if (!entry) throw new Error("a span lint returned no unit");
          cache.set(key, entry);
          linted?.units.push([key, entry]);
          relinted++;
        }
        keep(entry, unit);
      }
      const window = windows[i];
      if (!window?.lint) continue;
      let entry = windowCache.get(window.key, unit.line, unit.start, unit.text.length);
      if (!entry) {
        // Window rules carry token-matcher state across blocks until a block that resets it: lint the
        // whole segment from the last such block before this unit up to the next one, once, and keep
        // what it gives for every unit of it (each unit's messages depend only on what precedes it).
        const end = lines ? Math.min(window.segmentEnd, lastVisible) : window.segmentEnd;
        const span = units.slice(window.start, end + 1);
        const results = await lintSpan(ctx, text, span, i - window.start, this.windowRules, {
          reset: window.start === 0,
          correctAstral: this.correctAstral,
        });
        relinted++;
        results.forEach((result, k) => {
          const w = windows[i + k];
          if (!w?.lint) return;
          windowCache.set(w.key, result);
          linted?.windows.push([w.key, result]);
        });
        entry = results[0];
        if (!entry) throw new Error("a span lint returned no unit");
      }
      keep(entry, unit);
    }
    if (!lines) {
      cache.endGeneration(this.maxCachedChars);
      windowCache.endGeneration(this.maxCachedChars);
    }
    return { local, relinted };
  }

  /**
   * The document rules' messages in a block with astral characters, corrected from a shadow pass of
   * those rules alone (the local and window rules' messages were corrected block by block).
   */
  private async correctDocumentRules(ctx: SpanContext, text: string, ast: TxtDocumentNode, messages: TextlintMessage[]): Promise<TextlintMessage[]> {
    if (!this.correctAstral || !hasAstral(text)) return messages;
    const astralsNear = astralCounter(text);
    if (!messages.some((m) => this.documentRuleIds.has(m.ruleId) && astralsNear(m.range[0]) > 0)) return messages;
    const shadowAst = mapNodeText(ast as unknown as TxtNode, makeShadow) as TxtParentNode;
    const shadow = await lintDocument(ctx, makeShadow(text), shadowAst.children, this.documentRules);
    return correctPositions(text, messages, shadow, lineColumnOf(text));
  }

  /** A document's block cache and its window cache. */
  private cachesFor(filePath: string): { cache: UnitCache; windowCache: UnitCache } {
    const key = documentKey(filePath);
    return { cache: this.cacheAt(key), windowCache: this.cacheAt(`${key}\u0000window`) };
  }

  private cacheAt(key: string): UnitCache {
    let cache = this.caches.get(key);
    if (!cache) {
      cache = new UnitCache();
      this.caches.set(key, cache);
    }
    return cache;
  }
}

/** The prefix of every map key of a document's caches and plan. */
const documentKey = (filePath: string): string => `${filePath}\u0000`;

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

