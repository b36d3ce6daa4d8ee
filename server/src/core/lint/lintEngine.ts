/**
 * The lint engine shared by the language server (inside its worker thread), the CLI and the tests:
 * resolve the config for a file, keep one warm linter per config, lint or fix text, and return
 * transport-neutral problems. All file-system access is passed in.
 */
import type { TextlintMessage, TextlintMessageSuggestion } from "@textlint/types";
import * as path from "node:path";
import { TextlintKernel } from "@textlint/kernel";
import { resolveConfig, type ConfigChoice, type ConfigFs, type ResolveInput } from "./configResolution";
import { linterForRules, loadLinter, type ConfigError, type Linter, type LoadedLinter, type LoadResult } from "./linterLoader";
import { ruleDocUrl, type ReadPackage } from "./ruleDocs";
import { BUNDLED_NODE_MODULES } from "./bundledConfig";
import { IncrementalLinter, type LintedBlocks } from "../incremental/incrementalLinter";
import { detailedLocalityOf } from "../incremental/ruleLocality";
import { astralCounter, correctPositions, hasAstral, makeShadow, restoreFromShadow } from "./astralShadow";
import { lineColumnOf } from "../shared/lines";
import { levelOf } from "./ruleLevels";
import type { RuleLevel } from "../settings";

export interface LintProblem {
  ruleId: string;
  message: string;
  /** textlint's level: 1 warning, 2 error, 3 info. */
  severity: number;
  /** UTF-16 offsets into the text exactly as given (a BOM counts). */
  range: [number, number];
  /**
   * 1-based line and column of the start (UTF-16, BOM excluded), as textlint reports them, which can
   * disagree with `range` (sentence-length's); the editor and the CLI place problems by `range`
   * (core/lint/diagnostics.ts, core/report/positions.ts).
   */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { range: [number, number]; text: string };
  /**
   * The rule's fix candidates (textlint ≥ 15.3 `suggestions`): one quick fix each, none applied by
   * `--fix` or fix-all. Absent when the rule offers none.
   */
  suggestions?: LintSuggestion[];
  docUrl?: string;
}

export interface LintSuggestion {
  id: string;
  /** The rule's words for the candidate (textlint uses the replacement text when the rule gives none). */
  message: string;
  fix: { range: [number, number]; text: string };
}

export interface ConfigSummary {
  kind: ConfigChoice["kind"];
  label: string;
  reason?: string;
  ignoredConfigFile?: string;
  /** Ids of the filter rules the config runs ("comments", "allowlist", …), once it loaded. */
  filters?: string[];
}

export type LintOutcome =
  | { status: "ok"; problems: LintProblem[]; config: ConfigSummary; partial?: boolean }
  | { status: "ignored"; config: ConfigSummary }
  | { status: "error"; error: ConfigError; config: ConfigSummary };

export type FixOutcome =
  | { status: "ok"; output: string; applied: LintProblem[]; remaining: LintProblem[]; config: ConfigSummary }
  | { status: "ignored"; config: ConfigSummary }
  | { status: "error"; error: ConfigError; config: ConfigSummary };

export interface FixOptions {
  /** Fix only this rule's problems (its id as diagnostics carry it). */
  ruleId?: string;
  /**
   * The writer's levels per rule (tsuzuri.textlint.severity, see ruleLevels.ts): the rules at `off`
   * do not run, so their fixes are not applied (their problems are not shown either).
   */
  levels?: Readonly<Record<string, RuleLevel>>;
}

export interface LintOptions {
  incremental?: boolean;
  localRules?: readonly string[];
  /**
   * With `incremental`: lint only the blocks on these lines (1-based, both included), without the
   * document-wide rules: what the writer sees, first (the outcome says `partial`).
   */
  lines?: readonly [number, number];
}

type LintText = (text: string) => Promise<{ messages: TextlintMessage[] }>;

export interface EngineDeps {
  fs: ConfigFs;
  readPackage: ReadPackage;
  /** Rule id → documentation URL for the bundled preset (its packages are not on disk once bundled). */
  bundledRuleDocs: Readonly<Record<string, string>>;
  /** Called once per project node_modules before its rules run (the analyser position fix). */
  prepareNodeModules?: (nodeModulesDir: string) => void;
}

const BOM = "\uFEFF";

/** The text textlint lints: without a leading BOM (problem offsets are shifted by it again after). */
function withoutBom(text: string): { hasBom: boolean; body: string } {
  const hasBom = text.startsWith(BOM);
  return { hasBom, body: hasBom ? text.slice(1) : text };
}

interface CachedLinter {
  result: LoadResult;
  docs: Map<string, string | undefined>;
  ignored: Map<string, boolean>;
  /** Incremental linters by the rule ids a setting declares local (usually none). */
  incremental: Map<string, IncrementalLinter>;
  /** Linters of some of the config's rules (a rule's fix-all, a fix-all without `off` rules), by their ids. */
  ruleLinters: Map<string, Linter | undefined>;
}

export class LintEngine {
  private readonly linters = new Map<string, Promise<CachedLinter>>();

  constructor(private readonly deps: EngineDeps) {}

  resolve(input: ResolveInput): ConfigChoice {
    return resolveConfig(this.deps.fs, input);
  }

  /** Drops warm linters (all, or those whose key matches), so the next lint reloads its config. */
  invalidate(match?: (key: string) => boolean): void {
    for (const key of [...this.linters.keys()]) {
      if (!match || match(key)) this.linters.delete(key);
    }
  }

  /** Starts loading a config's linter ahead of the first lint (e.g. at server start). */
  warm(choice: ConfigChoice): Promise<unknown> {
    return this.linterFor(choice);
  }

  /**
   * Lints `text` as the file `filePath`. With `incremental`, only the blocks changed since the
   * previous lint of the same file are linted again (same result as a full lint; see
   * incremental/incrementalLinter.ts); `localRules` declares rules unknown to Tsuzuri block-local.
   */
  async lint(text: string, filePath: string, choice: ConfigChoice, options: LintOptions = {}): Promise<LintOutcome> {
    const prepared = await this.prepare(filePath, choice);
    if (prepared.status !== "ok") return prepared;
    const { cached, loaded, config } = prepared;
    const incremental = options.incremental ? this.incrementalFor(cached, loaded, filePath, options.localRules ?? []) : undefined;
    const { hasBom, body } = withoutBom(text);
    try {
      // The incremental linter corrects astral positions block by block itself.
      if (incremental) {
        const result = await incremental.lintText(body, filePath, options.lines ? { lines: options.lines } : {});
        const problems = this.toProblems(result.messages, cached, hasBom ? 1 : 0);
        return { status: "ok", problems, config, ...(result.partial ? { partial: true } : {}) };
      }
      const messages = await lintWithCorrectPositions((t) => loaded.linter.lintText(t, filePath), body, shadowLinter(loaded, filePath));
      return { status: "ok", problems: this.toProblems(messages, cached, hasBom ? 1 : 0), config };
    } catch (e) {
      return { status: "error", error: ruleFailure(e, filePath), config };
    }
  }

  /**
   * The block and window lints of the blocks on `lines` (incremental linting only), cached here and
   * returned for another worker's engine to adopt: how two workers share a long post's first lint.
   * Undefined when there is nothing to share (not incremental, ignored, a config or rule error: the
   * full lint that follows reports those).
   */
  async lintBlocks(text: string, filePath: string, choice: ConfigChoice, options: LintOptions & { lines: readonly [number, number] }): Promise<LintedBlocks | undefined> {
    const incremental = await this.incrementalOf(filePath, choice, options);
    if (!incremental) return undefined;
    const { body } = withoutBom(text);
    try {
      return await incremental.lintBlocks(body, filePath, options.lines);
    } catch {
      return undefined;
    }
  }

  /** Takes the blocks another engine linted for `filePath` (see lintBlocks) into this one's cache. */
  async adoptBlocks(filePath: string, choice: ConfigChoice, options: LintOptions, blocks: LintedBlocks): Promise<void> {
    (await this.incrementalOf(filePath, choice, options))?.adoptBlocks(filePath, blocks);
  }

  private async incrementalOf(filePath: string, choice: ConfigChoice, options: LintOptions): Promise<IncrementalLinter | undefined> {
    if (!options.incremental) return undefined;
    const prepared = await this.prepare(filePath, choice);
    if (prepared.status !== "ok") return undefined;
    return this.incrementalFor(prepared.cached, prepared.loaded, filePath, options.localRules ?? []);
  }

  /**
   * Fixes `text` exactly as `textlint --fix` would (textlint's own fixer: one pass per fixable
   * rule, in the config's order); with `ruleId`, only that rule's problems; with `levels`, without
   * the rules at `off` (as if the config did not have them).
   */
  async fix(text: string, filePath: string, choice: ConfigChoice, options: FixOptions = {}): Promise<FixOutcome> {
    const prepared = await this.prepare(filePath, choice);
    if (prepared.status !== "ok") return prepared;
    const { cached, loaded, config } = prepared;
    const { hasBom, body } = withoutBom(text);
    const rules = rulesToFix(loaded, options);
    const linter = rules === undefined ? loaded.linter : this.rulesLinter(cached, loaded, rules);
    if (!linter) return { status: "ok", output: text, applied: [], remaining: [], config };
    try {
      const fixable = fixableRuleIds(loaded, rules);
      const result = await fixWithCorrectPositions(linter, body, filePath, fixable);
      const output = hasBom ? BOM + result.output : result.output;
      const remaining = this.toProblems(result.remaining, cached, hasBom ? 1 : 0);
      const applied = this.toProblems(result.applied, cached, hasBom ? 1 : 0);
      return { status: "ok", output, applied, remaining, config };
    } catch (e) {
      return { status: "error", error: ruleFailure(e, filePath), config };
    }
  }

  private async prepare(
    filePath: string,
    choice: ConfigChoice,
  ): Promise<
    | { status: "ok"; cached: CachedLinter; loaded: LoadedLinter; config: ConfigSummary }
    | { status: "ignored"; config: ConfigSummary }
    | { status: "error"; error: ConfigError; config: ConfigSummary }
  > {
    const cached = await this.linterFor(choice);
    if (!cached.result.ok) return { status: "error", error: cached.result.error, config: summarize(choice, undefined) };
    const loaded = cached.result.value;
    const config = summarize(choice, loaded);
    if (await this.isIgnored(cached, loaded, filePath)) return { status: "ignored", config };
    return { status: "ok", cached, loaded, config };
  }

  private linterFor(choice: ConfigChoice): Promise<CachedLinter> {
    let entry = this.linters.get(choice.key);
    if (!entry) {
      if (choice.kind === "project") this.deps.prepareNodeModules?.(choice.nodeModulesDir);
      entry = loadLinter(choice, this.deps.fs).then((result) => ({ result, docs: new Map(), ignored: new Map(), incremental: new Map(), ruleLinters: new Map() }));
      this.linters.set(choice.key, entry);
    }
    return entry;
  }

  /** Drops what incremental linting cached for a file (when its document closes). */
  forget(filePath: string): void {
    for (const entry of this.linters.values()) {
      void entry.then((cached) => {
        for (const incremental of cached.incremental.values()) incremental.forget(filePath);
      });
    }
  }

  private incrementalFor(cached: CachedLinter, loaded: LoadedLinter, filePath: string, localRules: readonly string[]): IncrementalLinter | undefined {
    const key = [...localRules].sort().join("\n");
    let incremental = cached.incremental.get(key);
    if (!incremental) {
      const declared = new Set(localRules);
      incremental = new IncrementalLinter(loaded.kernelConfig, (id, options) => (declared.has(id) ? "local" : detailedLocalityOf(id, options)), {
        correctAstral: true,
      });
      cached.incremental.set(key, incremental);
    }
    return incremental.supports(filePath) ? incremental : undefined;
  }

  private rulesLinter(cached: CachedLinter, loaded: LoadedLinter, ruleIds: readonly string[]): Linter | undefined {
    const key = ruleIds.join("\n");
    if (!cached.ruleLinters.has(key)) cached.ruleLinters.set(key, linterForRules(loaded, new Set(ruleIds)));
    return cached.ruleLinters.get(key);
  }

  private async isIgnored(cached: CachedLinter, loaded: LoadedLinter, filePath: string): Promise<boolean> {
    const known = cached.ignored.get(filePath);
    if (known !== undefined) return known;
    // textlint answers "error" for a file not on disk yet (unsaved); that is not ignored.
    const scan = await loaded.linter.scanFilePath(filePath).catch(() => ({ status: "error" as const }));
    const ignored = scan.status === "ignored";
    cached.ignored.set(filePath, ignored);
    return ignored;
  }

  private docUrl(cached: CachedLinter, loaded: LoadedLinter, ruleId: string): string | undefined {
    if (!cached.docs.has(ruleId)) {
      const url = loaded.nodeModulesDir
        ? ruleDocUrl(ruleId, loaded.nodeModulesDir, this.deps.readPackage)
        : this.deps.bundledRuleDocs[ruleId] ?? ruleDocUrl(ruleId, BUNDLED_NODE_MODULES, this.deps.readPackage);
      cached.docs.set(ruleId, url);
    }
    return cached.docs.get(ruleId);
  }

  private toProblems(messages: readonly TextlintMessage[], cached: CachedLinter, shift: number): LintProblem[] {
    const loaded = cached.result.ok ? cached.result.value : undefined;
    return messages.map((m) => {
      const docUrl = loaded ? this.docUrl(cached, loaded, m.ruleId) : undefined;
      return {
        ruleId: m.ruleId,
        message: m.message,
        severity: m.severity,
        range: [m.range[0] + shift, m.range[1] + shift],
        line: m.loc.start.line,
        column: m.loc.start.column,
        endLine: m.loc.end.line,
        endColumn: m.loc.end.column,
        ...(m.fix ? { fix: { range: [m.fix.range[0] + shift, m.fix.range[1] + shift] as [number, number], text: m.fix.text } } : {}),
        ...(m.suggestions?.length ? { suggestions: m.suggestions.map((s) => shiftedSuggestion(s, shift)) } : {}),
        ...(docUrl ? { docUrl } : {}),
      };
    });
  }
}

function shiftedSuggestion(s: TextlintMessageSuggestion, shift: number): LintSuggestion {
  return { id: s.id, message: s.message, fix: { range: [s.fix.range[0] + shift, s.fix.range[1] + shift], text: s.fix.text } };
}

/** textlint's messages, with positions of code-point-counting rules corrected (see astralShadow). */
/** Lints a shadow text with only some of a config's rules (`ruleIds`). */
type LintShadow = (text: string, ruleIds: ReadonlySet<string>) => Promise<{ messages: TextlintMessage[] }>;

/**
 * The shadow lint of a loaded config, with only the rules whose messages need correcting: a rule's
 * messages never depend on the other rules (textlint runs each on its own; the filters see only the
 * messages), so the shadow of a few rules gives those rules' messages exactly, and the rules that
 * reported nothing after an astral character are not run again.
 */
function shadowLinter(loaded: LoadedLinter, filePath: string): LintShadow {
  return (text, ruleIds) => {
    const config = loaded.kernelConfig;
    return shadowKernel.lintText(text, {
      ext: path.extname(filePath),
      filePath,
      ...(config.configBaseDir ? { configBaseDir: config.configBaseDir } : {}),
      rules: config.rules.filter((r) => ruleIds.has(r.ruleId)),
      filterRules: config.filterRules,
      plugins: config.plugins,
    });
  };
}

const shadowKernel = new TextlintKernel({});

async function lintWithCorrectPositions(lintText: LintText, text: string, lintShadow?: LintShadow): Promise<TextlintMessage[]> {
  const { messages } = await lintText(text);
  if (!hasAstral(text)) return messages;
  const astralsNear = astralCounter(text);
  const shifted = new Set(messages.filter((m) => astralsNear(m.range[0]) > 0).map((m) => m.ruleId));
  if (shifted.size === 0) return messages;
  const shadowText = makeShadow(text);
  const shadow = lintShadow ? await lintShadow(shadowText, shifted) : await lintText(shadowText);
  return correctPositions(text, messages, shadow.messages, lineColumnOf(text));
}

/**
 * textlint's fixes; with astral characters in the text, the fixes are made on the shadow text (where
 * every rule's offsets are right) and mapped back, unless a fix touched an astral character.
 */
async function fixWithCorrectPositions(
  linter: Linter,
  text: string,
  filePath: string,
  fixable: ReadonlySet<string>,
): Promise<{ output: string; applied: readonly TextlintMessage[]; remaining: readonly TextlintMessage[] }> {
  if (hasAstral(text)) {
    const shadow = await linter.fixText(makeShadow(text), filePath);
    const restored = restoreFromShadow(text, shadow.output);
    if (restored !== undefined) {
      // textlint's fixer reports the remaining problems of fixable rules only; so do we.
      const remaining = (await lintWithCorrectPositions((t) => linter.lintText(t, filePath), restored)).filter((m) => fixable.has(m.ruleId));
      return { output: restored, applied: shadow.applyingMessages, remaining };
    }
  }
  const result = await linter.fixText(text, filePath);
  return { output: result.output, applied: result.applyingMessages, remaining: result.remainingMessages };
}

/**
 * The rules a fix runs, in the config's order, when not all of the config's: the one rule of a
 * rule's fix-all, minus the rules the writer set to `off`. Undefined: all of them (the config's own linter).
 */
function rulesToFix(loaded: LoadedLinter, options: FixOptions): string[] | undefined {
  const levels = options.levels ?? {};
  const off = (ruleId: string) => levelOf(ruleId, levels) === "off";
  const all = loaded.kernelConfig.rules.map((r) => r.ruleId);
  if (options.ruleId !== undefined) return all.filter((id) => id === options.ruleId && !off(id));
  return all.some(off) ? all.filter((id) => !off(id)) : undefined;
}

/** The rules textlint's fixer runs: those with a fixer (among `rules` when given). */
function fixableRuleIds(loaded: LoadedLinter, rules: readonly string[] | undefined): Set<string> {
  const among = rules === undefined ? undefined : new Set(rules);
  const ids = loaded.kernelConfig.rules
    .filter((r) => typeof r.rule === "object" && r.rule !== null && "fixer" in r.rule && (among === undefined || among.has(r.ruleId)))
    .map((r) => r.ruleId);
  return new Set(ids);
}

function summarize(choice: ConfigChoice, loaded: LoadedLinter | undefined): ConfigSummary {
  const filters = loaded ? { filters: loaded.kernelConfig.filterRules.map((f) => f.ruleId) } : {};
  if (choice.kind === "project") return { kind: "project", label: loaded?.label ?? choice.configFile, ...filters };
  return {
    kind: "bundled",
    label: loaded?.label ?? "bundled",
    ...filters,
    reason: choice.reason,
    ...(choice.ignoredConfigFile ? { ignoredConfigFile: choice.ignoredConfigFile } : {}),
  };
}

function ruleFailure(e: unknown, filePath: string): ConfigError {
  const error = e instanceof Error ? e : new Error(String(e));
  return {
    message: `A textlint rule failed while checking ${filePath}: ${error.message.split("\n")[0]}`,
    detail: error.stack ?? error.message,
  };
}
