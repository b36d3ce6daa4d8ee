/**
 * Frontmatter checks over real JSON-RPC: diagnostics with the platform's rules next to textlint's,
 * the platform and its reason in the status, quick fixes that edit only the frontmatter.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { TextDocumentEdit } from "vscode-languageserver-types";
import { sharedSession } from "../helpers/lspHarness";

/** Topics as published on zenn.dev: quoted in two styles, one longer than 18 characters. */
const STYLE = "---\ntitle: \"スタイル\"\nemoji: \"🎨\"\ntype: \"tech\"\ntopics: ['Azure', 'OpenAI', \"microsoft-extensions-ai\"]\npublished: true\n---\n\n本文です。\n";
const ofFrontmatter = <T extends { code?: unknown }>(ds: T[]): T[] => ds.filter((d) => String(d.code).startsWith("frontmatter/"));

const ZENN = '---\ntitle: "テストの話"\nemoji: "🧪"\ntype: "tech"\ntopics: [nodejs, test, ci, github, actions, deno]\npublished: false\n---\n\nこの映画は家族で見れる。\n';

describe("frontmatter over LSP", () => {
  const shared = sharedSession({
      "package.json": JSON.stringify({ devDependencies: { "zenn-cli": "^0.1.150" } }),
      // Other posts of the workspace: their topics are offered, the most used first.
      "articles/older-post-0001.md": "---\ntitle: a\ntopics: [nodejs, deno]\n---\n",
      "articles/older-post-0002.md": "---\ntitle: b\ntopics: [nodejs, bun]\n---\n",
      "articles/older-post-0003.md": "---\ntitle: c\ntopics:\n  - nodejs\n  - deno\n---\n",
      "posts/first.md": "---\ntitle: 最初\nslug: same-slug\n---\n本文です。\n",
    }, { locale: "ja" });

  it("reports the platform's rule next to textlint's problems, in the editor's language, with the reason in the status", async () => {
    const uri = shared.session.open(path.join(shared.ws, "articles", "testing-in-node.md"), ZENN);
    const published = await shared.session.nextDiagnostics(uri, 1);
    const topics = published.diagnostics.find((d) => d.code === "frontmatter/zenn-topics-count");
    assert.ok(topics, JSON.stringify(published.diagnostics.map((d) => d.code)));
    assert.equal(topics.source, "tsuzuri");
    assert.equal(topics.severity, 1);
    assert.equal(topics.message, "Zenn のトピックは 5 つまでです（6 個あります）。");
    assert.deepEqual(topics.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 49 } });
    assert.ok(published.diagnostics.some((d) => d.code === "ja-technical-writing/no-dropping-the-ra"), "textlint still checks the body");
    const status = await shared.session.statuses.next((s) => s.uri === uri && s.state === "ok", 20_000, 0);
    assert.equal(status.platform, "zenn");
    assert.equal(status.platformReason, "Zenn: zenn-cli を使うリポジトリの articles/");
  });

  it("offers the fix as a quick fix; applying it edits only the topics and clears the problem", async () => {
    const uri = shared.session.open(path.join(shared.ws, "articles", "fix-topics-in-node.md"), ZENN);
    const published = await shared.session.nextDiagnostics(uri, 1);
    const topics = published.diagnostics.find((d) => d.code === "frontmatter/zenn-topics-count");
    assert.ok(topics);
    const actions = await shared.session.codeActions(uri, topics.range, [topics]);
    const keep = actions.find((a) => a.title === "最初の 5 つだけ残す");
    assert.ok(keep, actions.map((a) => a.title).join(" | "));
    assert.equal(keep.isPreferred, true);
    const change = keep.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.edits, [{ range: { start: { line: 4, character: 42 }, end: { line: 4, character: 48 } }, newText: "" }]);
    assert.ok(shared.session.applyWorkspaceEdit(keep.edit ?? {}));
    const after = await shared.session.nextDiagnostics(uri, 2);
    assert.equal(after.diagnostics.filter((d) => String(d.code).startsWith("frontmatter/")).length, 0);
    assert.equal(shared.session.text(uri), ZENN.replace(", deno]", "]"));
  });

  it("turns off with tsuzuri.platform off", async () => {
    await shared.session.changeSettings({ lint: { debounceMs: 0 }, platform: "off" });
    const uri = shared.session.open(path.join(shared.ws, "articles", "off-topics-in-node.md"), ZENN);
    const published = await shared.session.nextDiagnostics(uri, 1);
    assert.deepEqual(published.diagnostics.filter((d) => String(d.code).startsWith("frontmatter/")), []);
    assert.ok(published.diagnostics.length > 0, "textlint still runs");
    await shared.session.changeSettings({ lint: { debounceMs: 0 } });
  });

  it("completes keys, enum values and the workspace's topics (most used first), and explains keys on hover", async () => {
    const text = '---\ntitle: "補完"\ntype: \ntopics: [\n\n---\n本文\n';
    const uri = shared.session.open(path.join(shared.ws, "articles", "completion-test.md"), text);
    await shared.session.nextDiagnostics(uri, 1);
    type Item = { label: string; insertText?: string };
    const complete = async (line: number, character: number) =>
      (await shared.session.connection.sendRequest<Item[] | { items: Item[] }>("textDocument/completion", { textDocument: { uri }, position: { line, character } })) as Item[];
    assert.deepEqual((await complete(2, 6)).map((i) => i.label), ["tech", "idea"]);
    const topics = (await complete(3, 9)).map((i) => i.label);
    // nodejs: 3 older posts (+ the posts opened above); deno before bun (2 posts vs 1).
    assert.equal(topics[0], "nodejs");
    assert.ok(topics.indexOf("deno") < topics.indexOf("bun") && topics.includes("bun"), topics.join(","));
    const keys = await complete(4, 0);
    assert.deepEqual(keys.map((i) => i.label), ["emoji", "published", "published_at", "publication_name"], "keys not yet present");
    assert.equal(keys[0]?.insertText, 'emoji: "${1:📝}"');
    assert.deepEqual(await complete(7, 1), [], "nothing in the body");
    const hover = await shared.session.connection.sendRequest<{ contents: { value: string } } | null>("textDocument/hover", { textDocument: { uri }, position: { line: 3, character: 2 } });
    assert.match(hover?.contents.value ?? "", /^\*\*topics\*\* — トピックは 5 つまで/);
  });

  it("reports topic case as a hint and a long topic as an information; the fix keeps the quotes, for one topic or all", async () => {
    const uri = shared.session.open(path.join(shared.ws, "articles", "style-keeping-topics.md"), STYLE);
    const published = await shared.session.nextDiagnostics(uri, 1);
    const fm = ofFrontmatter(published.diagnostics);
    assert.deepEqual(
      fm.map((d) => [d.code, d.severity]),
      [["frontmatter/zenn-topic-length", 3], ["frontmatter/zenn-topic-symbols", 2], ["frontmatter/zenn-topic-case", 4], ["frontmatter/zenn-topic-case", 4]],
      "zenn-cli itself warns about the hyphen; nothing is an error",
    );
    const [length, , azure] = fm;
    assert.ok(length && azure);
    // The cursor on 'Azure'; the editor also passes the other problem of the line.
    const cursor = { start: azure.range.start, end: azure.range.start };
    const actions = await shared.session.codeActions(uri, cursor, [azure, length]);
    assert.deepEqual(
      actions.map((a) => a.title),
      ["azure に変更", "2 個のトピックをすべて小文字に変更", "Ignore zenn-topic-case in this post", "Turn zenn-topic-case off (setting tsuzuri.frontmatter.rules)"],
      "dismissing is offered only for the problem under the cursor",
    );
    assert.equal(actions[0]?.isPreferred, true);
    const all = actions[1];
    assert.ok(all && shared.session.applyWorkspaceEdit(all.edit ?? {}));
    const after = await shared.session.nextDiagnostics(uri, 2);
    assert.equal(shared.session.text(uri), STYLE.replace("['Azure', 'OpenAI',", "['azure', 'openai',"));
    assert.deepEqual(ofFrontmatter(after.diagnostics).map((d) => d.code), ["frontmatter/zenn-topic-length", "frontmatter/zenn-topic-symbols"]);
  });

  it("ignores a rule in this post with a comment in the frontmatter, and the problem goes away", async () => {
    const uri = shared.session.open(path.join(shared.ws, "articles", "ignore-in-this-post.md"), STYLE);
    const published = await shared.session.nextDiagnostics(uri, 1);
    const length = published.diagnostics.find((d) => d.code === "frontmatter/zenn-topic-length");
    assert.ok(length);
    const ignore = (await shared.session.codeActions(uri, length.range, [length])).find((a) => a.title === "Ignore zenn-topic-length in this post");
    assert.ok(ignore && shared.session.applyWorkspaceEdit(ignore.edit ?? {}));
    const after = await shared.session.nextDiagnostics(uri, 2);
    assert.equal(shared.session.text(uri), STYLE.replace("published: true\n---", "published: true\n# tsuzuri-ignore: zenn-topic-length\n---"));
    assert.ok(!after.diagnostics.some((d) => d.code === "frontmatter/zenn-topic-length"));
    assert.equal(ofFrontmatter(after.diagnostics).length, ofFrontmatter(published.diagnostics).length - 1, "only that problem goes");
  });

  it("turns a rule off through the setting tsuzuri.frontmatter.rules (written by the client command)", async () => {
    const uri = shared.session.open(path.join(shared.ws, "articles", "turn-rule-off.md"), STYLE);
    const published = await shared.session.nextDiagnostics(uri, 1);
    const symbols = published.diagnostics.find((d) => d.code === "frontmatter/zenn-topic-symbols");
    assert.ok(symbols);
    const off = (await shared.session.codeActions(uri, symbols.range, [symbols])).find((a) => a.title.startsWith("Turn zenn-topic-symbols off"));
    assert.equal(off?.command?.command, "tsuzuri.setFrontmatterRule");
    assert.deepEqual(off?.command?.arguments, [{ uri, rule: "zenn-topic-symbols", level: "off" }]);
    // What the client command writes.
    await shared.session.changeSettings({ lint: { debounceMs: 0 }, frontmatter: { rules: { "zenn-topic-symbols": "off" } } });
    const codes = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.map((d) => d.code);
    // The next check of the post without the rule; the other rules still apply.
    await shared.session.diagnostics.next((p) => p.uri === uri && codes(p).includes("frontmatter/zenn-topic-length") && !codes(p).includes("frontmatter/zenn-topic-symbols"));
    await shared.session.changeSettings({ lint: { debounceMs: 0 } });
  });

  it("notes when another post of the workspace has the same slug", async () => {
    const text = "---\ntitle: 二つ目\nslug: same-slug\n---\n本文です。\n";
    const uri = shared.session.open(path.join(shared.ws, "posts", "second.md"), text);
    // The workspace's posts are indexed at start; wait until this post's check sees the first one.
    const published = await shared.session.diagnostics.next((p) => p.uri === uri && p.diagnostics.some((d) => d.code === "frontmatter/duplicate"));
    const duplicate = published.diagnostics.find((d) => d.code === "frontmatter/duplicate");
    assert.equal(duplicate?.message, "同じ slug の記事がほかにあります: posts/first.md");
    assert.deepEqual(duplicate?.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 15 } });
  });

  it("checks a Zenn book's config.yaml with the book's rules (no textlint), with quick fixes", async () => {
    const text = 'title: "この本は家族で見れる"\nsummary: "本の説明"\ntopics: ["zenn"]\npublished: "false"\nprice: 150\n';
    const uri = shared.session.open(path.join(shared.ws, "books", "lsp-checked-book", "config.yaml"), text, "yaml");
    const published = await shared.session.nextDiagnostics(uri, 1);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ["frontmatter/zenn-published", "frontmatter/zenn-book-price", "frontmatter/zenn-book-cover"]);
    const price = published.diagnostics.find((d) => d.code === "frontmatter/zenn-book-price");
    assert.equal(price?.message, "有料の本の price は 200〜5000 の間で指定してください。");
    assert.deepEqual(price?.range, { start: { line: 4, character: 7 }, end: { line: 4, character: 10 } });
    const quoted = published.diagnostics.find((d) => d.code === "frontmatter/zenn-published")!;
    const actions = await shared.session.codeActions(uri, quoted.range, [quoted]);
    assert.ok(actions.some((a) => a.title === "引用符を外す: published: false"), actions.map((a) => a.title).join(" | "));
  });
});
