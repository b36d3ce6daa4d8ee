/**
 * Linting a run of consecutive top-level blocks ("a span") by itself, exactly as those blocks lint
 * inside the whole document: the blocks' own subtrees of the document's AST are handed to the
 * kernel (so they parse exactly as in the document, link and footnote references included), and
 * the text is padded so that lines and (near the top) offsets are the document's.
 */
import type { TextlintKernel, TextlintKernelPlugin, TextlintKernelRule } from "@textlint/kernel";
import type { TxtDocumentNode, TxtNode } from "@textlint/ast-node-types";
import type { TextlintMessage } from "@textlint/types";
import { correctPositions, hasAstral, makeShadow } from "../lint/astralShadow";
import { lineColumnOf } from "../shared/lines";
import type { CachedUnit } from "./unitCache";
import type { Unit } from "./units";
import { documentNode, lineBreaks, mapNodeText, moveNode, positionModel, relocate } from "./positions";

export interface SpanContext {
  kernel: TextlintKernel;
  configBaseDir?: string;
  plugins: TextlintKernelPlugin[];
  markdownPlugin: TextlintKernelPlugin | undefined;
  ext: string;
  filePath: string;
}

export interface SpanOptions {
  /** Lint a lone "。" first: module-level token matchers keep state between lints. */
  reset: boolean;
  /** Correct the positions of code-point-counting rules after astral characters (astralShadow.ts). */
  correctAstral: boolean;
}

/** The one parse of a lint, handed to the kernel instead of parsing again. */
export function feedingMarkdownPlugin(original: TextlintKernelPlugin, fed: { text: string; ast: TxtDocumentNode } | undefined): TextlintKernelPlugin {
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

/**
 * Lints `span` with `rules` and returns, for each unit from `span[targetFrom]` on, its messages
 * (offsets relative to the unit, as the cache keeps them). The span keeps its lines (padding with
 * newlines); its offset is the document's when it is near the top, else a line of spaces as long as
 * the span stands before those newlines, because a few rules depend on the absolute offset only
 * below that (see ruleLocality's POSITION_SENSITIVE), and sentence-splitter's cost grows with it.
 */
export async function lintSpan(
  ctx: SpanContext,
  text: string,
  span: readonly Unit[],
  targetFrom: number,
  rules: TextlintKernelRule[],
  options: SpanOptions,
): Promise<CachedUnit[]> {
  const first = span[0];
  const last = span[span.length - 1];
  if (!first || !last) throw new Error("empty span");
  const spanText = first === last ? last.text : text.slice(first.start, last.end);
  const newlines = first.line - 1;
  const spaces = newlines === 0 ? 0 : first.start < spanText.length ? first.start - newlines : spanText.length;
  const pad = " ".repeat(Math.max(0, spaces)) + "\n".repeat(newlines);
  const shiftBy = pad.length - first.start;
  // The line break that ends the span in the document (a report can sit on it).
  const eol = /^(\r\n|\r|\n)?/.exec(text.slice(last.end, last.end + 2))?.[0] || "\n";
  const padded = pad + spanText + eol;
  // The blocks' own subtrees, parsed in the document's context (references resolved against the
  // document's definitions): the definitions themselves need not be linted with every block.
  const children = span.map((u) => moveNode(u.node, shiftBy, 0));
  if (options.reset) await lintDocument(ctx, "。\n", undefined, rules);
  let messages = await lintDocument(ctx, padded, children, rules);
  const targets = span.slice(targetFrom);
  const targetStart = (targets[0]?.start ?? 0) + shiftBy;
  if (options.correctAstral && hasAstral(padded.slice(0, last.end + shiftBy)) && messages.some((m) => m.range[0] >= targetStart)) {
    const shadowText = makeShadow(padded);
    const shadow = await lintDocument(ctx, shadowText, children.map((c) => mapNodeText(c, makeShadow)), rules);
    messages = correctPositions(padded, messages, shadow, lineColumnOf(padded));
  }
  return targets.map((unit) => {
    const from = unit.start + shiftBy;
    const to = from + unit.text.length;
    // A report may sit just after the unit's last character (on the line break that ends it).
    const own = messages.filter((m) => m.range[0] >= from && m.range[0] <= to).map((m) => relocate(m, -from, 0));
    const models = own.map((m) => positionModel(m, unit, from));
    return { line: unit.line, start: unit.start, messages: own, models, lineCount: lineBreaks(unit.text) + 1 };
  });
}

/** One kernel pass over `text` without filters, fed `children` as its AST (parsed by the plugin when undefined). */
export async function lintDocument(ctx: SpanContext, text: string, children: readonly TxtNode[] | undefined, rules: TextlintKernelRule[]): Promise<TextlintMessage[]> {
  const fed = children ? { text, ast: documentNode(text, [...children]) } : undefined;
  const plugins = fed ? ctx.plugins.map((p) => (p === ctx.markdownPlugin ? feedingMarkdownPlugin(p, fed) : p)) : ctx.plugins;
  const result = await ctx.kernel.lintText(text, {
    ext: ctx.ext,
    filePath: ctx.filePath,
    ...(ctx.configBaseDir ? { configBaseDir: ctx.configBaseDir } : {}),
    filterRules: [],
    plugins,
    rules,
  });
  return result.messages;
}
