/**
 * tsuzuri.textlint.severity over real JSON-RPC: the writer's level per rule (by its name inside the
 * preset, its full id, or the preset) changes what the editor shows, for the bundled preset, and a
 * settings change applies at once; tsuzuri.overrides gives a folder of the workspace its own.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver-types";
import { LspSession } from "../helpers/lspHarness";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";

const RA = "ja-technical-writing/no-dropping-the-ra";
const KANA = "ja-technical-writing/no-hankaku-kana";
const POST = "# 記事\n\nこの映画は家族で見れる。\n\nﾃｽﾄを書きます。\n";
const levelsOf = (ds: Diagnostic[]) => Object.fromEntries(ds.filter((d) => d.source === "textlint").map((d) => [String(d.code), d.severity]));

describe("tsuzuri.textlint.severity", () => {
  let ws: string;
  let session: LspSession;
  before(async () => {
    ws = makeWorkspace({});
    session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
  });
  after(async () => {
    await session.stop();
    removeWorkspace(ws);
  });

  it("the config's levels first; then hint for one rule by its short name, off for another by its id", async () => {
    const uri = session.open(path.join(ws, "post.md"), POST);
    const plain = await session.nextDiagnostics(uri, 1);
    assert.deepEqual(levelsOf(plain.diagnostics), { [RA]: DiagnosticSeverity.Error, [KANA]: DiagnosticSeverity.Error });
    session.settings = { lint: { debounceMs: 0 }, textlint: { severity: { "no-dropping-the-ra": "hint", [KANA]: "off" } } };
    await session.connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
    const set = await session.nextDiagnostics(uri, 1);
    assert.deepEqual(levelsOf(set.diagnostics), { [RA]: DiagnosticSeverity.Hint });
    session.settings = { lint: { debounceMs: 0 }, textlint: { severity: { "ja-technical-writing": "info", "no-hankaku-kana": "warning" } } };
    await session.connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
    const preset = await session.nextDiagnostics(uri, 1);
    assert.deepEqual(levelsOf(preset.diagnostics), { [RA]: DiagnosticSeverity.Information, [KANA]: DiagnosticSeverity.Warning }, "the rule's own name before its preset's");
  });

  it("tsuzuri.overrides: a post under books/ gets that folder's levels, the others the workspace's", async () => {
    session.settings = { lint: { debounceMs: 0 }, overrides: [{ files: "books/**", settings: { textlint: { severity: { "no-dropping-the-ra": "off" } } } }] };
    await session.connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
    const book = session.open(path.join(ws, "books", "my-book", "1.md"), POST);
    const article = session.open(path.join(ws, "articles", "a.md"), POST);
    assert.deepEqual(levelsOf((await session.nextDiagnostics(book, 1)).diagnostics), { [KANA]: DiagnosticSeverity.Error });
    assert.deepEqual(levelsOf((await session.nextDiagnostics(article, 1)).diagnostics), { [RA]: DiagnosticSeverity.Error, [KANA]: DiagnosticSeverity.Error });
  });
});
