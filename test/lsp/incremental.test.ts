/**
 * Typing into a long post: every diagnostics the server publishes (incrementally linted) equals a
 * full textlint lint of that very version, converted the same way.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { TextDocument } from "vscode-languageserver-textdocument";
import { sharedSession } from "../helpers/lspHarness";
import { repoRoot } from "../helpers/workspace";
import { createNodeEngine } from "../../server/src/node/nodeDeps";
import { FrontmatterService, notationsOf } from "../../server/src/frontmatterService";
import { frontmatterDiagnostic } from "../../server/src/core/frontmatter/diagnostics";
import { normalizeSettings } from "../../server/src/core/settings";
import { toDiagnostic } from "../../server/src/core/lint/diagnostics";

const postsDir = path.join(repoRoot, "test", "fixtures", "posts");
const posts = fs.readdirSync(postsDir).map((f) => fs.readFileSync(path.join(postsDir, f), "utf8"));

function longPost(minChars: number): string {
  const body = posts.map((p) => p.replace(/^---[\s\S]*?\n---\n/, "")).join("\n\n");
  let text = posts[0] ?? "";
  for (let i = 1; text.length < minChars; i++) text += `\n\n## 第${i}部\n\n${body}`;
  return text;
}

describe("typing into a long post (incremental linting)", () => {
  const shared = sharedSession();

  it("publishes, for every version it publishes, exactly the full lint of that version", async () => {
    const file = path.join(shared.ws, "long.md");
    let text = longPost(15_000);
    const texts = new Map<number, string>([[1, text]]);
    const uri = shared.session.open(file, text);
    await shared.session.nextDiagnostics(uri, 1, 60_000);
    const from = shared.session.diagnostics.all.length;
    const typed = ["こ", "の", "映", "画", "は", "見", "れ", "る", "。", "\n\n", "😀", "か", "も", "し", "れ", "な", "い", "。"];
    let at = text.indexOf("\n\n", Math.floor(text.length / 2));
    let version = 1;
    for (const piece of typed) {
      text = text.slice(0, at) + piece + text.slice(at);
      at += piece.length;
      version = shared.session.change(uri, text);
      texts.set(version, text);
    }
    await shared.session.nextDiagnostics(uri, version, 60_000);
    const published = shared.session.diagnostics.all.slice(from).filter((p) => p.uri === uri);
    assert.ok(published.length >= 1);
    assert.equal(published[published.length - 1]?.version, version, "the last version is published");

    const engine = createNodeEngine();
    const settings = normalizeSettings({});
    const frontmatter = new FrontmatterService();
    for (const p of published) {
      const versionText = texts.get(p.version ?? -1);
      assert.ok(versionText !== undefined, `published version ${String(p.version)} was sent`);
      // The full lint as the server configures it: the post is a Qiita one (its notations filtered).
      const notations = notationsOf(frontmatter.platformOf(versionText, file, shared.ws, settings));
      assert.equal(notations, "qiita");
      const choice = engine.resolve({ filePath: file, workspaceFolder: shared.ws, settings, trusted: true, notations });
      const outcome = await engine.lint(versionText, file, choice);
      assert.equal(outcome.status, "ok");
      const document = TextDocument.create(uri, "markdown", p.version ?? 0, versionText);
      const expected = outcome.status === "ok" ? outcome.problems.map((problem) => toDiagnostic(problem, document)) : [];
      const fm = frontmatter.check(versionText, file, shared.ws, settings)?.problems ?? [];
      expected.push(...fm.map((problem) => frontmatterDiagnostic(problem, document, "en")));
      assert.deepEqual(p.diagnostics, expected, `version ${String(p.version)}`);
    }
  });
});
