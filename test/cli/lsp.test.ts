/**
 * `tsuzuri lsp --stdio`: the language server from the CLI bundle, spoken to over real JSON-RPC as
 * Neovim, Helix or Emacs would: it starts its lint worker, reads the settings it asks for
 * (workspace/configuration, section "tsuzuri") and publishes textlint's and the frontmatter's problems.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { LspSession } from "../helpers/lspHarness";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";
import { CLI, tsuzuri, ZENN_RANUKI_POST as ZENN_POST } from "./harness";


describe("tsuzuri lsp --stdio", () => {
  let ws: string;
  let session: LspSession;
  const sections: (string | undefined)[] = [];

  before(async () => {
    ws = makeWorkspace({ "articles/short.md": ZENN_POST });
    session = await LspSession.start({ command: [CLI, "lsp", "--stdio"], workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
    // What the server asks the editor for, to check the section the README's snippets configure.
    session.connection.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) => {
      sections.push(...p.items.map((i) => i.section));
      return p.items.map(() => session.settings);
    });
  });
  after(async () => {
    await session.stop();
    removeWorkspace(ws);
  });

  it("publishes textlint's problems and the post's frontmatter problems on open", async () => {
    const uri = session.open(path.join(ws, "articles", "short.md"), ZENN_POST);
    const published = await session.nextDiagnostics(uri);
    const codes = published.diagnostics.map((d) => String(d.code));
    const ranuki = published.diagnostics.find((d) => d.code === "ja-technical-writing/no-dropping-the-ra");
    assert.ok(ranuki, `ら抜き in ${codes.join(", ")}`);
    assert.deepEqual(ranuki.range.start, { line: 8, character: 9 });
    assert.ok(codes.some((c) => c.includes("zenn-slug")), `the Zenn slug check in ${codes.join(", ")}`);
    assert.deepEqual([...new Set(sections)], ["tsuzuri"], "the settings are read from the section tsuzuri");
  });

  it("follows the settings the editor returns", async () => {
    const from = session.diagnostics.all.length;
    session.settings = { lint: { debounceMs: 0 }, platform: "off" };
    await session.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    const published = await session.diagnostics.next((p) => p.uri.endsWith("/articles/short.md"), 20_000, from);
    const codes = published.diagnostics.map((d) => String(d.code));
    assert.ok(!codes.some((c) => c.includes("zenn-slug")), `platform off: no frontmatter checks, got ${codes.join(", ")}`);
    assert.ok(codes.includes("ja-technical-writing/no-dropping-the-ra"), codes.join(", "));
  });
});

describe("tsuzuri lsp usage", () => {
  it("needs a transport, refuses unknown arguments (exit 2), and has --help", async () => {
    const dir = makeWorkspace({});
    try {
      const [bare, bogus, ja, help] = await Promise.all([
        tsuzuri(["lsp"], dir),
        tsuzuri(["lsp", "--stdio", "--bogus"], dir),
        tsuzuri(["lsp"], dir, { env: { LANG: "ja_JP.UTF-8" } }),
        tsuzuri(["lsp", "--help"], dir),
      ]);
      assert.equal(bare.code, 2, bare.describe());
      assert.match(bare.stderr, /^tsuzuri: tsuzuri lsp needs a transport: tsuzuri lsp --stdio\n/);
      assert.equal(bogus.code, 2, bogus.describe());
      assert.match(bogus.stderr, /unknown argument for tsuzuri lsp: --bogus/);
      assert.equal(ja.code, 2, ja.describe());
      assert.match(ja.stderr, /通信方法の指定が必要です: tsuzuri lsp --stdio/);
      assert.equal(help.code, 0, help.describe());
      assert.match(help.stdout, /^Usage: tsuzuri lsp --stdio/);
      assert.equal(bare.stdout, "");
    } finally {
      removeWorkspace(dir);
    }
  });
});
