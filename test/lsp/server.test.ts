import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { LspSession } from "../helpers/lspHarness";
import { makeWorkspace, removeWorkspace, RANUKI, SPACING_CONFIG, write } from "../helpers/workspace";

const ruleIds = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.map((d) => String(d.code));

describe("language server over stdio", () => {
  let ws: string;
  let session: LspSession;

  before(async () => {
    ws = makeWorkspace({ "post.md": `# 記事\n\n${RANUKI}\n` });
    session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
  });
  after(async () => {
    await session.stop();
    removeWorkspace(ws);
  });

  it("publishes textlint diagnostics on open, with the rule as code and its documentation", async () => {
    const uri = session.open(path.join(ws, "post.md"), `# 記事\n\n${RANUKI}\n`);
    const published = await session.nextDiagnostics(uri);
    const ranuki = published.diagnostics.find((d) => d.code === "ja-technical-writing/no-dropping-the-ra");
    assert.ok(ranuki, `expected no-dropping-the-ra in ${ruleIds(published).join(", ")}`);
    assert.equal(ranuki.source, "textlint");
    assert.equal(ranuki.message, "ら抜き言葉を使用しています。");
    assert.match(ranuki.codeDescription?.href ?? "", /textlint-rule-no-dropping-the-ra/);
    // 「この映画は家族で見れる。」 on line 2: the problem is the 「れ」 at column 9.
    assert.deepEqual(ranuki.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 10 } });
    const status = await session.statuses.next((s) => s.uri === uri && s.state === "ok", 20_000, 0);
    assert.equal(status.configKind, "bundled");
  });

  it("puts squiggles on the offending character after an emoji (UTF-16), with CRLF line ends", async () => {
    const text = "# 家族\r\n\r\n👨‍👩‍👧‍👦家族で見れる映画を探しています。\r\n";
    const uri = session.open(path.join(ws, "emoji.md"), text);
    const published = await session.nextDiagnostics(uri);
    const ranuki = published.diagnostics.find((d) => d.code === "ja-technical-writing/no-dropping-the-ra");
    assert.ok(ranuki);
    const line = text.split("\r\n")[2] ?? "";
    assert.equal(line.slice(ranuki.range.start.character, ranuki.range.end.character), "れ");
    assert.equal(ranuki.range.start.line, 2);
  });

  it("does not lint the frontmatter as prose", async () => {
    const text = `---\ntitle: この映画は見れる？！\ntags: [見れる]\n---\n\n本文です。\n`;
    const uri = session.open(path.join(ws, "frontmatter.md"), text);
    const published = await session.nextDiagnostics(uri);
    assert.deepEqual(
      published.diagnostics.filter((d) => d.range.start.line < 4),
      [],
      "no diagnostics inside the frontmatter",
    );
  });

  it("updates diagnostics on change and never publishes a superseded version", async () => {
    const base = `# 記事\n\n${"今日は晴れです。".repeat(200)}\n`;
    const uri = session.open(path.join(ws, "edit.md"), base);
    const first = await session.nextDiagnostics(uri);
    assert.equal(first.diagnostics.filter((d) => d.code === "ja-technical-writing/no-dropping-the-ra").length, 0);
    const from = session.diagnostics.all.length;
    session.change(uri, `${base}\n${RANUKI}\n`);
    const v3 = session.change(uri, `${base}\n${RANUKI}\n\n${RANUKI}\n`);
    const latest = await session.nextDiagnostics(uri, v3);
    assert.equal(latest.diagnostics.filter((d) => d.code === "ja-technical-writing/no-dropping-the-ra").length, 2);
    const published = session.diagnostics.all.slice(from).filter((p) => p.uri === uri);
    assert.deepEqual(published.map((p) => p.version), [v3], "only the newest version is published");
  });

  it("clears diagnostics when the document closes", async () => {
    const uri = session.open(path.join(ws, "closing.md"), `${RANUKI}\n`);
    assert.ok((await session.nextDiagnostics(uri)).diagnostics.length > 0);
    void session.close(uri);
    assert.deepEqual((await session.nextDiagnostics(uri)).diagnostics, []);
  });
});

describe("project configs, config changes and broken configs", () => {
  it("honours the nearest .textlintrc and picks up a change to it without a restart", async () => {
    const ws = makeWorkspace({ "blog/post.md": `${RANUKI}\n日本語 English\n` }, { linkNodeModules: true });
    const session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
    try {
      const file = path.join(ws, "blog", "post.md");
      const uri = session.open(file, fs.readFileSync(file, "utf8"));
      const bundled = await session.nextDiagnostics(uri);
      assert.ok(ruleIds(bundled).includes("ja-technical-writing/no-dropping-the-ra"));

      write(ws, ".textlintrc.json", SPACING_CONFIG);
      void session.connection.sendNotification("workspace/didChangeWatchedFiles", {
        changes: [{ uri: pathToFileURL(path.join(ws, ".textlintrc.json")).href, type: 1 }],
      });
      const project = await session.nextDiagnostics(uri);
      assert.deepEqual(ruleIds(project), ["ja-spacing/ja-space-between-half-and-full-width"]);
      const status = await session.statuses.next((s) => s.uri === uri && s.configKind === "project", 20_000, 0);
      assert.equal(status.configLabel, path.join(ws, ".textlintrc.json"));
    } finally {
      await session.stop();
      removeWorkspace(ws);
    }
  });

  it("reports a broken config once, keeps the server alive, and other folders keep working", async () => {
    const broken = makeWorkspace({ ".textlintrc.json": "{ rules: {", "post.md": `${RANUKI}\n` });
    const missing = makeWorkspace({ ".textlintrc.json": JSON.stringify({ rules: { "does-not-exist": true } }), "post.md": `${RANUKI}\n` });
    const healthy = makeWorkspace({ "post.md": `${RANUKI}\n` });
    const session = await LspSession.start({ workspaceFolders: [broken, missing, healthy], settings: { lint: { debounceMs: 0 } } });
    try {
      const brokenUri = session.open(path.join(broken, "post.md"), `${RANUKI}\n`);
      const shown = await session.shownMessages.next((m) => m.message.includes(path.join(broken, ".textlintrc.json")));
      assert.match(shown.message, /cannot read .*\.textlintrc\.json.*Fix the file's syntax/);
      const brokenStatus = await session.statuses.next((s) => s.uri === brokenUri && s.state === "error", 20_000, 0);
      assert.ok(brokenStatus.message?.includes(".textlintrc.json"));

      // Packages not installed are a state of their own, which the client tells the writer about
      // once per config with the install command (test/lsp/missingPackages.test.ts).
      const missingUri = session.open(path.join(missing, "post.md"), `${RANUKI}\n`);
      const notInstalled = await session.statuses.next((s) => s.uri === missingUri && s.state === "needsInstall", 20_000, 0);
      assert.deepEqual(notInstalled.missingPackages, ["textlint-rule-does-not-exist"]);
      assert.match(notInstalled.message ?? "", /textlint-rule-does-not-exist is not installed in .*node_modules.*run npm install/);
      const brokenNote = session.diagnostics.all.find((p) => p.uri === brokenUri && p.diagnostics.some((d) => d.code === "config/error"));
      assert.ok(brokenNote, "the broken config's post has a note on line 1, not an empty Problems panel");

      const healthyUri = session.open(path.join(healthy, "post.md"), `${RANUKI}\n`);
      const ok = await session.nextDiagnostics(healthyUri);
      assert.ok(ruleIds(ok).includes("ja-technical-writing/no-dropping-the-ra"));
      assert.ok(session.alive);

      // The same broken config is reported once, not on every keystroke.
      const before = session.shownMessages.all.length;
      session.change(brokenUri, `${RANUKI}\n追記。\n`);
      await session.statuses.next((s) => s.uri === brokenUri && s.state === "error");
      assert.equal(session.shownMessages.all.length, before);
    } finally {
      await session.stop();
      for (const d of [broken, missing, healthy]) removeWorkspace(d);
    }
  });

  it("in an untrusted workspace runs only the bundled preset, and switches when trust is granted", async () => {
    const ws = makeWorkspace({ ".textlintrc.json": SPACING_CONFIG, "post.md": `${RANUKI}\n日本語 English\n` }, { linkNodeModules: true });
    const session = await LspSession.start({ workspaceFolders: [ws], trusted: false, settings: { lint: { debounceMs: 0 } } });
    try {
      const uri = session.open(path.join(ws, "post.md"), `${RANUKI}\n日本語 English\n`);
      const untrusted = await session.nextDiagnostics(uri);
      assert.ok(ruleIds(untrusted).includes("ja-technical-writing/no-dropping-the-ra"));
      const status = await session.statuses.next((s) => s.uri === uri && s.state === "ok", 20_000, 0);
      assert.equal(status.bundledReason, "untrusted");

      void session.connection.sendNotification("tsuzuri/trustChanged", { trusted: true });
      const trusted = await session.nextDiagnostics(uri);
      assert.deepEqual(ruleIds(trusted), ["ja-spacing/ja-space-between-half-and-full-width"]);
    } finally {
      await session.stop();
      removeWorkspace(ws);
    }
  });
});

describe("settings", () => {
  it("honours lint.run off and configMode bundled, re-read on didChangeConfiguration", async () => {
    const ws = makeWorkspace({ ".textlintrc.json": SPACING_CONFIG, "post.md": `${RANUKI}\n日本語 English\n` }, { linkNodeModules: true });
    const session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0, run: "off" } } });
    try {
      const uri = session.open(path.join(ws, "post.md"), `${RANUKI}\n日本語 English\n`);
      assert.deepEqual((await session.nextDiagnostics(uri)).diagnostics, []);
      session.settings = { lint: { debounceMs: 0 }, textlint: { configMode: "bundled" } };
      void session.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
      const bundled = await session.nextDiagnostics(uri);
      assert.ok(ruleIds(bundled).includes("ja-technical-writing/no-dropping-the-ra"));
      assert.ok(!ruleIds(bundled).some((id) => id.startsWith("ja-spacing/")));
    } finally {
      await session.stop();
      removeWorkspace(ws);
    }
  });

  it("skips files excluded by .textlintignore", async () => {
    const ws = makeWorkspace({ ".textlintignore": "drafts/**\n", "drafts/wip.md": `${RANUKI}\n` });
    const session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
    try {
      const uri = session.open(path.join(ws, "drafts", "wip.md"), `${RANUKI}\n`);
      assert.deepEqual((await session.nextDiagnostics(uri)).diagnostics, []);
      assert.equal((await session.statuses.next((s) => s.uri === uri, 20_000, 0)).state, "ignored");
    } finally {
      await session.stop();
      removeWorkspace(ws);
    }
  });
});

describe("installing a rule", () => {
  it("takes effect without a restart once npm has installed it", async () => {
    const ws = makeWorkspace({ ".textlintrc.json": JSON.stringify({ rules: { "tsuzuri-test-rule": true } }), "post.md": "禁止語があります。\n" });
    const session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
    try {
      const uri = session.open(path.join(ws, "post.md"), "禁止語があります。\n");
      const missing = await session.statuses.next((s) => s.uri === uri && s.state === "needsInstall", 20_000, 0);
      assert.deepEqual(missing.missingPackages, ["textlint-rule-tsuzuri-test-rule"]);
      // What `npm install textlint-rule-tsuzuri-test-rule` leaves behind: the package and npm's lock mark.
      write(ws, "node_modules/textlint-rule-tsuzuri-test-rule/package.json", JSON.stringify({ name: "textlint-rule-tsuzuri-test-rule", main: "index.js" }));
      write(
        ws,
        "node_modules/textlint-rule-tsuzuri-test-rule/index.js",
        `module.exports = (context) => ({ [context.Syntax.Str](node) {
          const i = context.getSource(node).indexOf("禁止語");
          if (i >= 0) context.report(node, new context.RuleError("禁止語です", { index: i }));
        } });`,
      );
      write(ws, "node_modules/.package-lock.json", "{}");
      void session.connection.sendNotification("workspace/didChangeWatchedFiles", {
        changes: [{ uri: pathToFileURL(path.join(ws, "node_modules", ".package-lock.json")).href, type: 1 }],
      });
      const published = await session.diagnostics.next((p) => p.uri === uri && p.diagnostics.length > 0);
      assert.deepEqual(
        published.diagnostics.map((d) => [d.code, d.message, d.range.start.character]),
        [["tsuzuri-test-rule", "禁止語です", 0]],
      );
    } finally {
      await session.stop();
      removeWorkspace(ws);
    }
  });
});
