/**
 * The code actions for textlint diagnostics: fix this problem, fix all of a rule or of the file,
 * disable the rule around the problem, allow the term. Pure: the document, the diagnostics the
 * editor asks about, what the last lint found and what the config offers come in; LSP code actions
 * go out. Titles come from the caller (localised in the server glue).
 *
 * Stale safety: every edit names the document version it was computed for (a versioned
 * TextDocumentEdit, which the editor refuses to apply to another version), and a rule's fix is only
 * offered when the diagnostic comes from a lint of the current version (its offsets are of that text).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from "vscode-languageserver-types";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from "../lint/diagnostics";
import type { LintProblem } from "../lint/lintEngine";
import { termOf } from "./allowWord";
import { disableActions, topLevelBlocks, type Block, type DisableScope } from "./disableComments";
import { shrinkEdit, type OffsetEdit } from "./textEdits";
import { CLIENT_ALLOW_IN_SETTINGS, CLIENT_SET_FRONTMATTER_RULE, type AllowWordArgs, type FrontmatterRuleArgs } from "./clientCommands";
import { FRONTMATTER_SOURCE, type FrontmatterDiagnosticData } from "../frontmatter/diagnostics";
import type { Lang } from "../shared/i18n";
import { ruleNameOf } from "../frontmatter/rules";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tsuzuri`;

/** Commands the server executes (registered with executeCommandProvider). */
export const COMMANDS = {
  fixAll: "tsuzuri.server.fixAll",
  allowWord: "tsuzuri.server.allowWord",
  addFilter: "tsuzuri.server.addFilter",
} as const;

export interface FixAllArgs {
  uri: string;
  version: number;
  ruleId?: string;
}
export interface AddFilterArgs {
  uri: string;
  filter: "comments" | "allowlist";
}

export interface ActionTitles {
  fixOne(ruleId: string): string;
  /** One of the rule's fix candidates, in the rule's words. */
  suggestion(ruleId: string, message: string): string;
  fixRule(ruleId: string, count: number): string;
  fixAllInFile(count: number): string;
  disable(ruleId: string, scope: DisableScope, blockType: string): string;
  disableNeedsFilter(ruleId: string, configLabel: string): string;
  allow(word: string): string;
  /** Frontmatter rules: a comment in the post, or the setting tsuzuri.frontmatter.rules. */
  ignoreInPost(ruleId: string): string;
  turnOff(ruleId: string): string;
  fixAllSource: string;
}

export interface ActionContext {
  document: TextDocument;
  /** The diagnostics the editor asks about (those at the cursor or selection, or on its line). */
  diagnostics: readonly Diagnostic[];
  /**
   * The cursor or selection: disabling, ignoring and allowing are offered only for the diagnostics
   * it is on, not for another rule's that merely shares the line.
   */
  range?: Range;
  /** The problems of the last lint published for this document, and the version it linted. */
  lint: { version: number; problems: readonly LintProblem[] } | undefined;
  config: { kind: "bundled" | "project"; label: string; filters: readonly string[] };
  titles: ActionTitles;
  /** The document's top-level blocks (parsing is the costly part: the caller caches it per version). */
  blocks?: () => readonly Block[];
  /** The editor's language, for the titles of frontmatter fixes. */
  lang?: Lang;
}

export function versionedEdit(document: Pick<TextDocument, "uri" | "version" | "positionAt">, edits: readonly OffsetEdit[]): WorkspaceEdit {
  const textEdits: TextEdit[] = edits.map((e) => ({
    range: { start: document.positionAt(e.range[0]), end: document.positionAt(e.range[1]) },
    newText: e.newText,
  }));
  return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: textEdits }] };
}

const dataOf = (d: Diagnostic): DiagnosticData => (typeof d.data === "object" && d.data !== null ? (d.data as DiagnosticData) : {});

export function quickFixes(context: ActionContext): CodeAction[] {
  const { document, titles, config } = context;
  const text = document.getText();
  const current = context.lint?.version === document.version ? context.lint : undefined;
  const fixable = current ? current.problems.filter((p) => p.fix) : [];
  const actions: CodeAction[] = [];
  const later: CodeAction[] = [];
  const seenRules = new Set<string>();
  for (const diagnostic of context.diagnostics) {
    const onCursor = context.range === undefined || touches(diagnostic.range, context.range);
    if (diagnostic.source === FRONTMATTER_SOURCE) {
      actions.push(...frontmatterFixes(document, diagnostic, context.lang ?? "en"));
      if (onCursor) later.push(...dismissFrontmatterRule(document, diagnostic, titles));
      continue;
    }
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== "string") continue;
    const ruleId = diagnostic.code;
    const data = dataOf(diagnostic);
    const fresh = current !== undefined && data.version === document.version;
    if (fresh && data.fix) {
      const edit = shrinkEdit(text, data.fix.range[0], data.fix.range[1], data.fix.text);
      actions.push({
        title: titles.fixOne(ruleId),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: versionedEdit(document, edit ? [edit] : []),
      });
      const ofRule = fixable.filter((p) => p.ruleId === ruleId).length;
      if (ofRule > 1 && !seenRules.has(ruleId)) {
        seenRules.add(ruleId);
        const args: FixAllArgs = { uri: document.uri, version: document.version, ruleId };
        later.push({
          title: titles.fixRule(ruleId, ofRule),
          kind: CodeActionKind.QuickFix,
          command: { title: titles.fixRule(ruleId, ofRule), command: COMMANDS.fixAll, arguments: [args] },
        });
      }
    }
    if (fresh) actions.push(...suggestionFixes(document, diagnostic, data, titles));
    if (!onCursor) continue;
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    if (config.filters.includes("comments")) {
      const blocks = context.blocks ? context.blocks() : topLevelBlocks(text);
      for (const action of disableActions(text, [start, end], ruleId, blocks)) {
        later.push({
          title: titles.disable(ruleId, action.scope, action.blockType),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: versionedEdit(document, action.edits),
        });
      }
    } else {
      const args: AddFilterArgs = { uri: document.uri, filter: "comments" };
      const title = titles.disableNeedsFilter(ruleId, config.label);
      later.push({ title, kind: CodeActionKind.QuickFix, command: { title, command: COMMANDS.addFilter, arguments: [args] } });
    }
    const message = typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value;
    const problem = { message, range: [start, end] as [number, number], ...(fresh && data.fix ? { fix: data.fix } : {}) };
    const word = termOf(text, problem);
    if (word !== undefined) {
      const args: AllowWordArgs = { uri: document.uri, word };
      const command = config.kind === "bundled" ? CLIENT_ALLOW_IN_SETTINGS : COMMANDS.allowWord;
      later.push({ title: titles.allow(word), kind: CodeActionKind.QuickFix, command: { title: titles.allow(word), command, arguments: [args] } });
    }
  }
  if (fixable.length > 1 && actions.length > 0) {
    const args: FixAllArgs = { uri: document.uri, version: document.version };
    const title = titles.fixAllInFile(fixable.length);
    later.push({ title, kind: CodeActionKind.QuickFix, command: { title, command: COMMANDS.fixAll, arguments: [args] } });
  }
  return dedupe([...actions, ...later]);
}

const before = (a: Range["start"], b: Range["start"]) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/** True when the cursor or selection is on the diagnostic (an empty range at either end counts). */
function touches(diagnostic: Range, at: Range): boolean {
  return before(diagnostic.start, at.end) && before(at.start, diagnostic.end);
}

const frontmatterData = (d: Diagnostic) => (typeof d.data === "object" && d.data !== null ? d.data : {}) as Partial<FrontmatterDiagnosticData>;

/** The fixes a frontmatter diagnostic carries, if it comes from the current version; the first is preferred. */
function frontmatterFixes(document: TextDocument, diagnostic: Diagnostic, lang: Lang): CodeAction[] {
  const data = frontmatterData(diagnostic);
  if (data.version !== document.version || !Array.isArray(data.frontmatterFixes)) return [];
  return data.frontmatterFixes.map((fix, i) => ({
    title: fix.title[lang],
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: i === 0,
    edit: versionedEdit(document, fix.edits),
  }));
}

/** "Ignore this rule in this post" (a comment, current version only) and "turn this rule off" (the setting). */
function dismissFrontmatterRule(document: TextDocument, diagnostic: Diagnostic, titles: ActionTitles): CodeAction[] {
  if (typeof diagnostic.code !== "string") return [];
  const ruleId = diagnostic.code;
  const data = frontmatterData(diagnostic);
  const out: CodeAction[] = [];
  if (data.version === document.version && data.frontmatterIgnore) {
    out.push({ title: titles.ignoreInPost(ruleId), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: versionedEdit(document, [data.frontmatterIgnore]) });
  }
  const args: FrontmatterRuleArgs = { uri: document.uri, rule: ruleNameOf(ruleId), level: "off" };
  const title = titles.turnOff(ruleId);
  out.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: CLIENT_SET_FRONTMATTER_RULE, arguments: [args] } });
  return out;
}

/** One quick fix per candidate the rule suggests (textlint ≥ 15.3), none preferred: the writer chooses. */
function suggestionFixes(document: TextDocument, diagnostic: Diagnostic, data: DiagnosticData, titles: ActionTitles): CodeAction[] {
  const text = document.getText();
  return (data.suggestions ?? []).map((s) => {
    const edit = shrinkEdit(text, s.fix.range[0], s.fix.range[1], s.fix.text);
    return {
      title: titles.suggestion(String(diagnostic.code), s.message),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: versionedEdit(document, edit ? [edit] : []),
    };
  });
}

/** One action per title: two diagnostics of one rule on a line would otherwise offer it twice. */
function dedupe(actions: CodeAction[]): CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => (seen.has(a.title) ? false : (seen.add(a.title), true)));
}

/** The `source.fixAll.tsuzuri` action: the whole fix-all as minimal edits of `document`'s version. */
export function fixAllAction(document: TextDocument, edits: readonly OffsetEdit[], title: string): CodeAction {
  return { title, kind: FIX_ALL_KIND, edit: versionedEdit(document, edits) };
}
