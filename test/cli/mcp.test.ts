/**
 * `tsuzuri mcp`: the built CLI's MCP server, spoken to over stdio by the MCP SDK's own Client, as
 * Claude Desktop, Claude Code or VS Code would. Fixture projects are written by the test: a Zenn
 * repository (zenn-cli in package.json, posts in articles/) and one with a broken config.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";
import { CLI, FIXABLE, jsonResults, tsuzuri } from "./harness";

interface Problem {
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}

const RANUKI_LINE = "この映画は家族で見れる。";
/** A Zenn article (slug long enough) with a ら抜き言葉 (an error) and no emoji (a warning). */
const RANUKI_POST = `---
title: "家族で見る映画"
type: "idea"
topics: ["映画"]
published: false
---

## 家族向けの映画

${RANUKI_LINE}
`;
/** The same article with nothing to report. */
const CLEAN_POST = RANUKI_POST.replace('type: "idea"', 'emoji: "🎬"\ntype: "idea"').replace(RANUKI_LINE, "この映画は家族で見られる。");
/** Only a warning: the emoji is missing. */
const WARNING_POST = CLEAN_POST.replace('emoji: "🎬"\n', "");
const FIXABLE_POST = CLEAN_POST.replace("この映画は家族で見られる。", FIXABLE.replace("# 直せる問題\n", ""));

describe("tsuzuri mcp", () => {
  let ws: string;
  let broken: string;
  let client: Client;
  const stderr: string[] = [];

  before(async () => {
    ws = makeWorkspace({
      "package.json": JSON.stringify({ name: "my-zenn", private: true, devDependencies: { "zenn-cli": "0.1.0" } }),
      "articles/family-movie-ranuki.md": RANUKI_POST,
      "articles/family-movie-clean.md": CLEAN_POST,
      "articles/family-movie-emoji.md": WARNING_POST,
      "articles/family-movie-fixes.md": FIXABLE_POST,
      "notes/plain.md": "ただのメモです。\n",
      "notes/ranuki-note.md": `${RANUKI_LINE}\n`,
      // The editor's settings apply as in tsuzuri check: ら抜き is off for notes/.
      "articles/family-movie-strict.md": WARNING_POST,
      ".vscode/settings.json":
        '// notes are not posts; one post is held to warnings\n{ "tsuzuri.overrides": [{ "files": "notes/**", "settings": { "textlint": { "severity": { "no-dropping-the-ra": "off" } } } }, { "files": "articles/*-strict.md", "settings": { "publish": { "blockOn": "warning" } } }] }\n',
    });
    broken = makeWorkspace({ ".textlintrc.json": "{ rules: ", "post.md": `${RANUKI_LINE}\n` });
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "LC_ALL" && k !== "LC_MESSAGES" && k !== "TSUZURI_DEBUG") env[k] = v;
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, "mcp"], cwd: ws, env: { ...env, LANG: "C.UTF-8" }, stderr: "pipe" });
    transport.stderr?.on("data", (d: Buffer) => stderr.push(d.toString()));
    client = new Client({ name: "tsuzuri-test", version: "1.0.0" });
    await client.connect(transport);
  });
  after(async () => {
    await client.close();
    removeWorkspace(ws);
    removeWorkspace(broken);
  });

  const call = async (name: string, args: Record<string, unknown>): Promise<CallToolResult> => (await client.callTool({ name, arguments: args })) as CallToolResult;
  const textOf = (result: CallToolResult): string => result.content.map((c) => (c.type === "text" ? c.text : "")).join("");
  /** The tool's JSON answer; fails with the text when the tool reported an error. */
  const json = async <T>(name: string, args: Record<string, unknown>): Promise<T> => {
    const result = await call(name, args);
    assert.notEqual(result.isError, true, `${name} failed: ${textOf(result)}\n${stderr.join("")}`);
    return JSON.parse(textOf(result)) as T;
  };
  const post = (name: string) => path.join(ws, "articles", name);

  it("lists the five tools with their input schemas", async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ["check", "detect_platform", "fix", "prepublish", "render"]);
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, "object", tool.name);
      assert.ok(tool.inputSchema.properties?.["path"] && tool.inputSchema.properties["text"], `${tool.name} takes path or text`);
      assert.ok((tool.description ?? "").length > 40, `${tool.name} is described`);
    }
    const fix = tools.find((t) => t.name === "fix");
    assert.ok(fix?.inputSchema.properties?.["write"], "fix can be asked to write");
  });

  it("check: textlint's problem at the editor's 1-based position, and the Zenn frontmatter's", async () => {
    const out = await json<{ problems: Problem[]; errors: number; warnings: number }>("check", { path: "articles/family-movie-ranuki.md" });
    const ranuki = out.problems.find((p) => p.ruleId === "ja-technical-writing/no-dropping-the-ra");
    const lines = RANUKI_POST.split("\n");
    const line = lines.findIndex((l) => l === RANUKI_LINE) + 1;
    assert.ok(ranuki, JSON.stringify(out.problems));
    assert.deepEqual(
      { line: ranuki.line, column: ranuki.column, severity: ranuki.severity, fixable: ranuki.fixable },
      // The rule marks the れる of 見れる.
      { line, column: RANUKI_LINE.indexOf("れる") + 1, severity: "error", fixable: false },
    );
    // Every position as `tsuzuri check --format json` gives it (line, column, loc.end).
    const cli = jsonResults(await tsuzuri(["check", "--format", "json", "articles/family-movie-ranuki.md"], ws))[0];
    assert.deepEqual(
      out.problems.map((p) => [p.ruleId, p.line, p.column, p.endLine, p.endColumn]),
      cli?.messages.map((m) => [m.ruleId, m.line, m.column, m.loc.end.line, m.loc.end.column]),
    );
    const emoji = out.problems.find((p) => p.ruleId === "frontmatter/zenn-emoji-missing");
    assert.ok(emoji, `the missing emoji in ${out.problems.map((p) => p.ruleId).join(", ")}`);
    assert.equal(emoji.severity, "warning");
    assert.deepEqual([out.errors, out.warnings], [1, 1]);
  });

  it("check: unsaved text, checked as the file it stands for", async () => {
    const out = await json<{ problems: Problem[] }>("check", { text: RANUKI_POST, fileName: "articles/not-saved-yet-post.md" });
    const rules = out.problems.map((p) => p.ruleId);
    assert.ok(rules.includes("ja-technical-writing/no-dropping-the-ra") && rules.includes("frontmatter/zenn-emoji-missing"), rules.join(", "));
    assert.ok(!fs.existsSync(post("not-saved-yet-post.md")));
  });

  it("fix: returns the fixed text and the problems left, and leaves the file alone", async () => {
    const file = post("family-movie-fixes.md");
    const before = fs.statSync(file).mtimeMs;
    const out = await json<{ fixedText: string; changed: boolean; written: boolean; fixesApplied: number; problems: Problem[] }>("fix", { path: file });
    assert.equal(out.changed, true);
    assert.equal(out.written, false);
    assert.ok(out.fixesApplied >= 4, `fixes applied: ${out.fixesApplied}`);
    assert.ok(out.fixedText.includes("カタカナ") && !out.fixedText.includes("ｶﾀｶﾅ"), out.fixedText);
    assert.ok(!out.fixedText.includes("\u200b"));
    assert.ok(out.problems.every((p) => !p.fixable), `only unfixable problems remain: ${JSON.stringify(out.problems)}`);
    assert.equal(fs.readFileSync(file, "utf8"), FIXABLE_POST, "the file keeps its text");
    assert.equal(fs.statSync(file).mtimeMs, before);
  });

  it("fix: writes the file only with path and write: true", async () => {
    const file = post("family-movie-fixes.md");
    const refused = await call("fix", { text: FIXABLE_POST, write: true });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /write: true needs path/);
    const out = await json<{ fixedText: string; written: boolean }>("fix", { path: file, write: true });
    assert.equal(out.written, true);
    assert.equal(fs.readFileSync(file, "utf8"), out.fixedText);
    assert.deepEqual(fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith(".tmp")), [], "no temporary file left");
  });

  it("detect_platform: the Zenn layout, and a post without frontmatter", async () => {
    const zenn = await json<{ platform: string; source: string; reason: string; publishable: boolean }>("detect_platform", { path: post("family-movie-clean.md") });
    assert.deepEqual([zenn.platform, zenn.source, zenn.publishable], ["zenn", "layout", true]);
    assert.match(zenn.reason, /articles\/.*zenn-cli/);
    const qiita = await json<{ platform: string; source: string }>("detect_platform", { text: "---\ntitle: t\nprivate: false\n---\n本文\n", fileName: "notes/q.md" });
    assert.deepEqual([qiita.platform, qiita.source], ["qiita", "keys"]);
    const none = await json<{ platform: string | null; publishable: boolean }>("detect_platform", { path: "notes/plain.md" });
    assert.deepEqual([none.platform, none.publishable], [null, false]);
  });

  it("render: the preview's HTML and plain text, with the heading", async () => {
    const out = await json<{ platform: string; html: string; text: string }>("render", { path: post("family-movie-clean.md") });
    assert.equal(out.platform, "zenn");
    assert.match(out.html, /<h2[^>]*>(?:<a[^>]*><\/a>)?\s*家族向けの映画<\/h2>/);
    assert.match(out.html, /class="[^"]*znc/, "in Zenn's own body class");
    assert.match(out.text, /^家族向けの映画$/m);
    assert.ok(!/[<>]/.test(out.text), out.text);
    const asQiita = await json<{ platform: string }>("render", { path: post("family-movie-clean.md"), renderAs: "qiita" });
    assert.equal(asQiita.platform, "qiita");
  });

  it("prepublish: blocked, confirm, ready and not publishable", async () => {
    type Verdict = { verdict: string; platform: string | null; blocking: Problem[]; needsConfirmation: Problem[] };
    const blocked = await json<Verdict>("prepublish", { path: post("family-movie-ranuki.md") });
    assert.equal(blocked.verdict, "blocked");
    assert.deepEqual(blocked.blocking.map((p) => p.ruleId), ["ja-technical-writing/no-dropping-the-ra"]);
    const warned = await json<Verdict>("prepublish", { path: post("family-movie-emoji.md") });
    assert.equal(warned.verdict, "confirm");
    assert.deepEqual(warned.needsConfirmation.map((p) => p.ruleId), ["frontmatter/zenn-emoji-missing"]);
    const strict = await json<Verdict>("prepublish", { path: post("family-movie-emoji.md"), blockOn: "warning" });
    assert.equal(strict.verdict, "blocked");
    const ready = await json<Verdict>("prepublish", { path: post("family-movie-clean.md") });
    assert.deepEqual([ready.verdict, ready.platform, ready.blocking, ready.needsConfirmation], ["ready", "zenn", [], []]);
    const byTheSetting = await json<Verdict>("prepublish", { path: post("family-movie-strict.md") });
    assert.equal(byTheSetting.verdict, "blocked", "tsuzuri.publish.blockOn of the folder's settings (an override here)");
    const plain = await json<Verdict>("prepublish", { path: "notes/plain.md" });
    assert.equal(plain.verdict, "notPublishable");
  });

  it("check: with the editor's settings of the folder (.vscode/settings.json), as tsuzuri check", async () => {
    type Checked = { problems: { ruleId: string }[] };
    const note = await json<Checked>("check", { path: "notes/ranuki-note.md" });
    assert.deepEqual(note.problems.map((p) => p.ruleId), [], "ら抜き is off for notes/");
    const article = await json<Checked>("check", { path: post("family-movie-ranuki.md") });
    assert.ok(article.problems.some((p) => p.ruleId === "ja-technical-writing/no-dropping-the-ra"));
  });

  it("errors are results with a message: a missing file, a broken config, bad input", async () => {
    const missing = await call("check", { path: "articles/no-such-post.md" });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /No such file: .*no-such-post\.md/);
    const config = await call("check", { path: path.join(broken, "post.md") });
    assert.equal(config.isError, true, textOf(config));
    assert.match(textOf(config), /\.textlintrc\.json/);
    const both = await call("check", { path: "notes/plain.md", text: "x" });
    assert.equal(both.isError, true);
    // The server is still there.
    assert.equal((await json<{ platform: string }>("detect_platform", { path: post("family-movie-clean.md") })).platform, "zenn");
  });

  it("tsuzuri mcp --help explains it; an argument is a usage error", async () => {
    const help = await tsuzuri(["mcp", "--help"], ws);
    assert.equal(help.code, 0, help.describe());
    assert.match(help.stdout, /detect_platform/);
    const bad = await tsuzuri(["mcp", "--stdio"], ws);
    assert.equal(bad.code, 2, bad.describe());
    assert.match(bad.stderr, /tsuzuri mcp takes no arguments: --stdio/);
    assert.match((await tsuzuri(["--help"], ws)).stdout, /tsuzuri mcp /);
  });
});
