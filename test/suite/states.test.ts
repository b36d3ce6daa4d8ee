/**
 * Issue 13 in a real VS Code: a bun repository cloned without node_modules. The status says the
 * packages are not installed and names `bun install`, every post has a note on line 1, the writer is
 * told once for the config (not once per post), the frontmatter item still names the platform, and
 * when the packages appear (VS Code's own file watcher) everything clears by itself.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { api, diagnosticsOf, ruleOf, waitForDiagnostics, waitForStatus, workspaceRoot, type TsuzuriApi, type TsuzuriStatus } from "./helpers";

/** The repository this suite runs from (out/test/suite → the root). */
const REPO = path.resolve(__dirname, "..", "..", "..");
const PACKAGES = ["textlint-filter-rule-comments", "textlint-rule-preset-ja-spacing", "textlint-rule-preset-ja-technical-writing"];

type StatesApi = TsuzuriApi & {
  platformText(uri: vscode.Uri): string | undefined;
  onDidNotifyMissingPackages: vscode.Event<string>;
};
type Status = Omit<TsuzuriStatus, "state"> & { state: string; installCommand?: string; installCwd?: string; missingPackages?: string[] };

describe("a bun repository cloned without node_modules", function () {
  this.timeout(120_000);
  let tsuzuri: StatesApi;
  let repo: string;
  const notified: string[] = [];
  let subscription: vscode.Disposable | undefined;

  before(async () => {
    tsuzuri = (await api()) as StatesApi;
    subscription = tsuzuri.onDidNotifyMissingPackages((config) => notified.push(config));
    repo = path.join(workspaceRoot(), "bun-blog");
    fs.cpSync(path.join(REPO, "test", "fixtures", "repos", "bun-blog"), repo, { recursive: true });
    fs.copyFileSync(path.join(repo, "articles", "bun-textlint-setup.md"), path.join(repo, "articles", "second-post-0123.md"));
  });
  after(() => subscription?.dispose());

  const status = (s: TsuzuriStatus): Status => s as Status;

  it("says the packages are not installed, with bun install, and the Problems panel is not empty", async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(repo, "articles", "bun-textlint-setup.md"));
    await vscode.window.showTextDocument(doc);
    const s = status(await waitForStatus(tsuzuri, doc.uri, (x) => status(x).state === "needsInstall", "packages not installed", 60_000));
    assert.equal(s.installCommand, "bun install");
    assert.equal(s.installCwd, repo);
    assert.deepEqual(s.missingPackages, PACKAGES);
    const [note] = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => ruleOf(d) === "config/missing-packages"), "the note on line 1", 20_000, { source: "tsuzuri" });
    assert.equal(note?.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(note?.range.start.line, 0);
    assert.match(note?.message ?? "", /bun install/);
    assert.equal(tsuzuri.platformText(doc.uri), "Frontmatter: Zenn", "the frontmatter was checked whatever happened to the lint");
  });

  it("tells the writer once for the config, not once per post", async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(repo, "articles", "second-post-0123.md"));
    await vscode.window.showTextDocument(doc);
    await waitForStatus(tsuzuri, doc.uri, (x) => status(x).state === "needsInstall", "packages not installed (second post)", 60_000);
    assert.deepEqual(notified, [path.join(repo, ".textlintrc.json")]);
  });

  it("clears by itself when the packages are installed", async () => {
    const uri = vscode.Uri.file(path.join(repo, "articles", "bun-textlint-setup.md"));
    // What an install leaves: node_modules and the packages in it (linked from the repository's own).
    fs.mkdirSync(path.join(repo, "node_modules"));
    for (const pkg of PACKAGES) fs.symlinkSync(path.join(REPO, "node_modules", pkg), path.join(repo, "node_modules", pkg), "dir");
    await waitForStatus(tsuzuri, uri, (x) => x.state === "ok", "linted after the install", 90_000);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => ruleOf(d) === "ja-technical-writing/no-dropping-the-ra"), "textlint's problems after the install", 20_000);
    assert.deepEqual(diagnosticsOf(uri, "tsuzuri").filter((d) => ruleOf(d).startsWith("config/")), [], "the note is gone");
    assert.equal(tsuzuri.platformText(uri), "Frontmatter: Zenn");
  });
});

describe("New Post in a Qiita CLI repository whose posts are named after their titles", function () {
  this.timeout(60_000);

  it("names the new post after its title, as the repository does", async () => {
    await api();
    const root = workspaceRoot();
    const publicDir = path.join(root, "public");
    fs.mkdirSync(publicDir, { recursive: true });
    const source = path.join(REPO, "test", "fixtures", "repos", "qiita-cli", "public");
    for (const name of fs.readdirSync(source).filter((f) => f.endsWith(".md"))) fs.copyFileSync(path.join(source, name), path.join(publicDir, name));
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>("tsuzuri.newPost", { platform: "qiita", title: "textlint の設定を共有する", topics: ["textlint"], folder: root });
    assert.ok(uri, "a post was created");
    assert.equal(uri.fsPath, path.join(publicDir, "textlint の設定を共有する.md"));
    assert.match(fs.readFileSync(uri.fsPath, "utf8"), /^---\ntitle: textlint の設定を共有する\ntags:\n  - textlint\n/);
  });
});
