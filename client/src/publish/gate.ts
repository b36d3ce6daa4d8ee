/**
 * The pre-publish gate: the same checks as the editor (textlint and the frontmatter rules, i.e. the
 * post's diagnostics). Problems at or above `tsuzuri.publish.blockOn` block publishing and are listed
 * (pick one to jump to it); below it, warnings ask for confirmation.
 */
import * as vscode from "vscode";
import type { PublishBlockOn } from "../../../server/src/core/settings";
import { gateVerdict, type GateLevel } from "../../../server/src/core/publish/gate";

const SOURCES = new Set(["textlint", "tsuzuri"]);

const levelOf = (d: vscode.Diagnostic): GateLevel =>
  d.severity === vscode.DiagnosticSeverity.Error ? "error" : d.severity === vscode.DiagnosticSeverity.Warning ? "warning" : "other";

/** True when publishing may go on. */
export async function passGate(document: vscode.TextDocument, blockOn: PublishBlockOn): Promise<boolean> {
  const diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => SOURCES.has(d.source ?? ""));
  const { blocking, asks } = gateVerdict(diagnostics, blockOn, levelOf);
  if (blocking.length > 0) {
    const items = blocking.map((d) => ({
      label: `$(error) ${d.message.split("\n")[0] ?? ""}`,
      description: `${vscode.l10n.t("line {0}", d.range.start.line + 1)} · ${typeof d.code === "object" ? String(d.code.value) : String(d.code ?? "")}`,
      diagnostic: d,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t("Not published: fix these {0} problems first", blocking.length),
      placeHolder: vscode.l10n.t("Pick a problem to go to it"),
    });
    if (picked) {
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(picked.diagnostic.range.start, picked.diagnostic.range.end);
      editor.revealRange(picked.diagnostic.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    return false;
  }
  if (asks.length === 0) return true;
  const go = vscode.l10n.t("Publish anyway");
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t("The post has {0} warnings. Publish anyway?", asks.length), { modal: true }, go);
  return answer === go;
}
