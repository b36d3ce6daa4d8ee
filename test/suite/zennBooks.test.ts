/**
 * Pre-publish checks in the editor (issue 16): a Zenn book's config.yaml gets the book's rules (the
 * client asks the server for books' config.yaml, a YAML file), and a Zenn article's relative image
 * path gets zenn-image-path with the quick fix to its /images/ path. The files are written into
 * the workspace copy's zenn/ repository by the test and removed afterwards.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { api, describeDiagnostics, ruleOf, waitForDiagnostics, workspaceRoot } from "./helpers";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000001f4000002bc0806000000", "hex");

describe("Zenn books and local images in the editor", function () {
  let zenn: string;
  const written: string[] = [];
  const write = (rel: string, content: string | Buffer): string => {
    const file = path.join(zenn, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    written.push(file);
    return file;
  };

  before(async function () {
    zenn = path.join(workspaceRoot(), "zenn");
    await api();
  });

  after(async function () {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    for (const file of written) fs.rmSync(file, { force: true });
    fs.rmSync(path.join(zenn, "books"), { recursive: true, force: true });
    fs.rmSync(path.join(zenn, "images", "e2e"), { recursive: true, force: true });
  });

  it("a book's config.yaml: the book's rules as zenn-cli checks them, and no textlint on the YAML", async function () {
    write("books/e2e-checked-book/cover.png", PNG);
    write("books/e2e-checked-book/intro.md", '---\ntitle: "はじめに"\n---\n本文です。\n');
    const file = write("books/e2e-checked-book/config.yaml", 'title: "この本は家族で見れる"\nsummary: "説明"\ntopics: ["zenn"]\npublished: false\nprice: 150\nchapters:\n  - intro\n  - missing\n');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc, { preview: false });
    const isPrice = (d: vscode.Diagnostic) => ruleOf(d) === "frontmatter/zenn-book-price";
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some(isPrice), "frontmatter/zenn-book-price", 30_000, { source: "all" });
    assert.deepEqual(ds.map(ruleOf).sort(), ["frontmatter/zenn-book-chapter-file", "frontmatter/zenn-book-price"], describeDiagnostics(ds));
    const price = ds.find(isPrice)!;
    assert.equal(price.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(price.range), "150");
  });

  it("a Zenn article's relative image: zenn-image-path, and the quick fix writes the /images/ path", async function () {
    write("images/e2e/diagram.png", PNG);
    const file = write("articles/relative-image-e2e.md", '---\ntitle: "画像"\nemoji: "🖼"\ntype: "tech"\ntopics: ["zenn"]\npublished: false\n---\n\n![図](../images/e2e/diagram.png)\n');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc, { preview: false });
    const isPath = (d: vscode.Diagnostic) => ruleOf(d) === "frontmatter/zenn-image-path";
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some(isPath), "frontmatter/zenn-image-path", 30_000, { source: "tsuzuri" });
    const problem = ds.find(isPath)!;
    assert.equal(doc.getText(problem.range), "../images/e2e/diagram.png");
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, problem.range, vscode.CodeActionKind.QuickFix.value);
    const use = actions.find((a) => a.title === "Use /images/e2e/diagram.png");
    assert.ok(use?.edit, actions.map((a) => a.title).join(" | "));
    const cleared = waitForDiagnostics(doc.uri, (d) => !d.some(isPath), "no zenn-image-path after the fix", 30_000, { source: "tsuzuri", skipCurrent: true });
    assert.ok(await vscode.workspace.applyEdit(use.edit));
    await cleared;
    assert.match(doc.getText(), /!\[図\]\(\/images\/e2e\/diagram\.png\)/);
    await vscode.commands.executeCommand("workbench.action.files.revert");
  });
});
