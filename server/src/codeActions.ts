/**
 * LSP glue for quick fixes: `textDocument/codeAction` and the commands behind the actions
 * (`workspace/executeCommand`, which answer with `workspace/applyEdit`). The actions themselves are
 * built in core/fixes; this file localises their titles, runs fixes in the lint worker and edits
 * config files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as l10n from "@vscode/l10n";
import { CodeActionKind, type CancellationToken, type CodeAction, type CodeActionParams, type Connection, type ExecuteCommandParams, type TextDocuments } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import type { ConfigChoice } from "./core/lint/configResolution";
import { COMMANDS, FIX_ALL_KIND, fixAllAction, quickFixes, versionedEdit, type ActionTitles, type AddFilterArgs, type FixAllArgs } from "./core/fixes/codeActions";
import { describe, editConfig, type ConfigChange } from "./core/fixes/configEdits";
import { topLevelBlocks, type Block } from "./core/fixes/disableComments";
import { editsBetween, type OffsetEdit } from "./core/fixes/textEdits";
import type { TsuzuriSettings } from "./core/settings";
import type { DocumentLinter } from "./documentLinter";
import type { AllowWordArgs } from "./protocol";
import type { Lang } from "./core/shared/i18n";
import type { LintWorkerClient } from "./node/lintWorkerClient";

const FIX_LIMIT_MS = 60_000;

export interface CodeActionDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  linter: DocumentLinter;
  worker: LintWorkerClient;
  settingsFor(uri: string): Promise<TsuzuriSettings>;
  choiceFor(uri: string, settings: TsuzuriSettings, text?: string): ConfigChoice;
  lang(): Lang;
}

const shortRule = (ruleId: string) => ruleId.slice(ruleId.lastIndexOf("/") + 1);

function blockName(blockType: string): string {
  switch (blockType) {
    case "Paragraph":
      return l10n.t("paragraph");
    case "List":
      return l10n.t("list");
    case "Table":
      return l10n.t("table");
    case "BlockQuote":
      return l10n.t("quote");
    case "CodeBlock":
      return l10n.t("code block");
    case "Header":
      return l10n.t("heading");
    default:
      return l10n.t("block");
  }
}

function titles(): ActionTitles {
  return {
    fixOne: (ruleId) => l10n.t("Fix this problem ({0})", shortRule(ruleId)),
    suggestion: (ruleId, message) => l10n.t("Suggested fix: {0} ({1})", message, shortRule(ruleId)),
    fixRule: (ruleId, count) => l10n.t("Fix all {0} problems of {1} in this file", count, shortRule(ruleId)),
    fixAllInFile: (count) => l10n.t("Fix all {0} auto-fixable problems in this file", count),
    disable: (ruleId, scope, blockType) =>
      scope === "line" ? l10n.t("Disable {0} for this line", shortRule(ruleId)) : l10n.t("Disable {0} for this {1}", shortRule(ruleId), blockName(blockType)),
    disableNeedsFilter: (ruleId, configLabel) =>
      l10n.t("Disable {0} here: first add textlint-filter-rule-comments to {1}", shortRule(ruleId), path.basename(configLabel)),
    allow: (word) => l10n.t("Allow “{0}” (never report it)", word),
    ignoreInPost: (ruleId) => l10n.t("Ignore {0} in this post", shortRule(ruleId)),
    turnOff: (ruleId) => l10n.t("Turn {0} off (setting tsuzuri.frontmatter.rules)", shortRule(ruleId)),
    fixAllSource: l10n.t("Fix all auto-fixable textlint problems"),
  };
}

/** Source kinds asked for that include ours (`source`, `source.fixAll`, `source.fixAll.tsuzuri`). */
function wantsFixAll(only: readonly string[] | undefined): boolean {
  return only !== undefined && only.some((kind) => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`));
}

function wantsQuickFixes(only: readonly string[] | undefined): boolean {
  return only === undefined || only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === "");
}

export function registerCodeActions(deps: CodeActionDeps): void {
  const { connection, documents, linter } = deps;
  // Top-level blocks of the last document version asked about: the cursor moves far more often
  // than the text changes, and parsing a 20k post takes ~40 ms.
  let blocksCache: { uri: string; version: number; blocks: Block[] } | undefined;
  const blocksOf = (document: TextDocument): Block[] => {
    if (blocksCache?.uri !== document.uri || blocksCache.version !== document.version) {
      blocksCache = { uri: document.uri, version: document.version, blocks: topLevelBlocks(document.getText()) };
    }
    return blocksCache.blocks;
  };

  /** The fixed text of a document's current version, or undefined (config error, ignored file). */
  const fixedText = async (document: TextDocument, ruleId?: string): Promise<string | undefined> => {
    const settings = await deps.settingsFor(document.uri);
    const choice = deps.choiceFor(document.uri, settings, document.getText());
    // The writer's `off` rules (tsuzuri.textlint.severity) are not fixed, as their problems are not shown.
    const options = { levels: settings.textlint.severity, ...(ruleId ? { ruleId } : {}) };
    const outcome = await deps.worker.fix(document.getText(), URI.parse(document.uri).fsPath, choice, options, FIX_LIMIT_MS);
    return outcome.status === "ok" ? outcome.output : undefined;
  };

  connection.onCodeAction(async (params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wantsFixAll(only) && !token.isCancellationRequested) {
      const { version } = document;
      const before = document.getText();
      const after = await fixedText(document);
      // Computed for this version only: a newer one gets its own request (and a cancelled one, none).
      if (after !== undefined && !token.isCancellationRequested && documents.get(document.uri)?.version === version) {
        actions.push(fixAllAction(document, editsBetween(before, after), titles().fixAllSource));
      }
    }
    if (wantsQuickFixes(only)) {
      const last = linter.lastLint(document.uri);
      const config = last
        ? { kind: last.config.kind, label: last.config.label, filters: last.config.filters ?? [] }
        : { kind: "bundled" as const, label: "", filters: ["comments"] };
      actions.push(...quickFixes({ document, diagnostics: params.context.diagnostics, range: params.range, lint: last, config, titles: titles(), blocks: () => blocksOf(document), lang: deps.lang() }));
    }
    return actions;
  });

  const fixAll = async (args: FixAllArgs, token: CancellationToken): Promise<void> => {
    const document = documents.get(args.uri);
    if (!document || token.isCancellationRequested) return;
    if (document.version !== args.version) {
      void connection.window.showWarningMessage(l10n.t("The post changed after this fix was offered, so nothing was changed. Try the fix again."));
      return;
    }
    const before = document.getText();
    const after = await fixedText(document, args.ruleId);
    // Cancelled while the fix was computed (a fix-all of a long post can take seconds): nothing is applied.
    if (after === undefined || after === before || token.isCancellationRequested) return;
    await apply(versionedEdit(document, editsBetween(before, after)));
  };

  const apply = async (edit: ReturnType<typeof versionedEdit>): Promise<void> => {
    const result = await connection.workspace.applyEdit(edit);
    // The editor refuses a versioned edit when the document changed meanwhile: nothing is lost.
    if (!result.applied) {
      void connection.window.showWarningMessage(l10n.t("The post changed while the fix was computed, so nothing was changed. Try the fix again."));
    }
  };

  const editProjectConfig = async (uri: string, change: ConfigChange, filterPackage: string): Promise<void> => {
    const settings = await deps.settingsFor(uri);
    const choice = deps.choiceFor(uri, settings);
    if (choice.kind !== "project") return;
    const { configFile, nodeModulesDir } = choice;
    const active = linter.lastLint(uri)?.config.filters ?? [];
    const filterId = filterPackage.replace("textlint-filter-rule-", "");
    if (!active.includes(filterId) && !fs.existsSync(path.join(nodeModulesDir, filterPackage, "package.json"))) {
      void connection.window.showWarningMessage(
        l10n.t("{0} is not installed in {1}. Run npm install --save-dev {0} in {2}, then try again.", filterPackage, nodeModulesDir, path.dirname(nodeModulesDir)),
      );
      return;
    }
    const configUri = URI.file(configFile).toString();
    const open = documents.get(configUri);
    let text: string;
    try {
      text = open?.getText() ?? fs.readFileSync(configFile, "utf8");
    } catch (e) {
      void connection.window.showErrorMessage(l10n.t("Could not read {0}: {1}", configFile, (e as Error).message));
      return;
    }
    const result = editConfig(configFile, text, change);
    if (!result.ok) {
      const message =
        result.reason === "javascript"
          ? l10n.t("{0} is JavaScript, which Tsuzuri cannot edit safely. Add this to it by hand: {1}", configFile, describe(change))
          : l10n.t("{0} has a syntax error; fix it first.", configFile);
      void connection.window.showWarningMessage(message);
      return;
    }
    if (!result.changed) return;
    const edits: OffsetEdit[] = editsBetween(text, result.text);
    const lines = TextDocument.create(configUri, "json", 0, text);
    // A config not open in an editor has no version; VS Code saves such files after the edit
    // (files.refactoring.autoSave), and the file watcher then re-lints with the new config.
    const applied = await connection.workspace.applyEdit({
      documentChanges: [
        {
          textDocument: { uri: configUri, version: open?.version ?? null },
          edits: edits.map((e) => ({ range: { start: lines.positionAt(e.range[0]), end: lines.positionAt(e.range[1]) }, newText: e.newText })),
        },
      ],
    });
    if (!applied.applied) void connection.window.showWarningMessage(l10n.t("{0} changed meanwhile, so nothing was changed. Try again.", configFile));
  };

  connection.onExecuteCommand(async (params: ExecuteCommandParams, token: CancellationToken) => {
    const [arg] = params.arguments ?? [];
    switch (params.command) {
      case COMMANDS.fixAll:
        return fixAll(arg as FixAllArgs, token);
      case COMMANDS.allowWord: {
        const { uri, word } = arg as AllowWordArgs;
        return editProjectConfig(uri, { kind: "allow", word }, "textlint-filter-rule-allowlist");
      }
      case COMMANDS.addFilter: {
        const { uri, filter } = arg as AddFilterArgs;
        return editProjectConfig(uri, { kind: "filter", id: filter }, `textlint-filter-rule-${filter}`);
      }
      default:
        return undefined;
    }
  });
}
