/**
 * Issue 12: a Zenn repository whose .textlintrc uses preset-smarthr and preset-ja-technical-writing,
 * with the packages installed from the npm registry (test/fixtures/projects/smarthr, cached under
 * .cache/). The built server lints its post with the project's rules — the same problems as the
 * project's own textlint CLI — inside a memory bound: one dictionary, however many copies of
 * kuromojin the project installed.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { LspSession, type Published } from "../helpers/lspHarness";
import { fixtureProject } from "../helpers/fixtureProject";
import { removeWorkspace } from "../helpers/workspace";

const POST = path.join("articles", "textlint-smarthr-memory.md");
/** Peak resident memory of the whole server (main thread + lint worker) with this config. */
const MAX_PEAK_MB = 600;

interface CliMessage {
  ruleId: string;
  message: string;
  line: number;
  column: number;
}

type Diagnostic = Published["diagnostics"][number];
const codeOf = (d: Diagnostic): string => String(d.code);
const messageOf = (d: Diagnostic): string => (typeof d.message === "string" ? d.message : d.message.value);

describe("a project config with preset-smarthr and preset-ja-technical-writing (issue 12)", () => {
  let ws: string;
  let session: LspSession;
  let text: string;
  let uri: string;
  let published: Published;

  before(async () => {
    ws = fixtureProject("smarthr");
    text = fs.readFileSync(path.join(ws, POST), "utf8");
    session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
    uri = session.open(path.join(ws, POST), text);
    // The first lint loads both presets and the dictionary: allow a slow, busy machine.
    published = await session.diagnostics.next((p) => p.uri === uri && p.diagnostics.some((d) => codeOf(d).startsWith("smarthr/")), 120_000);
  });
  after(async () => {
    await session.stop();
    removeWorkspace(ws);
  });

  it("lints the post with the project's rules, smarthr's among them, and says so in the status", async () => {
    const codes = new Set(published.diagnostics.map(codeOf));
    for (const rule of ["smarthr/prh-rules", "smarthr/ja-keishikimeishi", "smarthr/ja-hiragana-hojodoushi", "ja-technical-writing/no-dropping-the-ra"]) {
      assert.ok(codes.has(rule), `${rule} in ${[...codes].join(", ")}`);
    }
    // Both presets carry ja-no-redundant-expression; which copy's report survives textlint's
    // de-duplication follows asynchronous tokenization (see the CLI comparison below).
    assert.ok([...codes].some((c) => c.endsWith("/ja-no-redundant-expression")), `ja-no-redundant-expression in ${[...codes].join(", ")}`);
    const prh = published.diagnostics.find((d) => d.code === "smarthr/prh-rules" && messageOf(d).startsWith("全て => すべて"));
    assert.ok(prh, "smarthr's prh dictionary finds 全て");
    const status = await session.statuses.next((s) => s.uri === uri && s.state === "ok", 60_000, 0);
    assert.equal(status.configKind, "project");
    assert.equal(status.configLabel, path.join(ws, ".textlintrc.json"));
    assert.deepEqual(session.shownMessages.all, [], "no error messages");
    assert.deepEqual(session.logs.filter((l) => /crashed|stopped|exceeded|out of memory/i.test(l)), []);
  });

  it("counts positions in UTF-16 for the project's analyser rules too (after the family emoji)", () => {
    const ra = published.diagnostics.find((d) => d.code === "ja-technical-writing/no-dropping-the-ra");
    assert.ok(ra, "ら抜き言葉 in the emoji line");
    const line = text.split("\n")[ra.range.start.line] ?? "";
    assert.equal(line.slice(ra.range.start.character, ra.range.end.character), "れ");
  });

  it("finds what the project's own textlint CLI finds", () => {
    const cli = path.join(ws, "node_modules", "textlint", "bin", "textlint.js");
    let out: string;
    try {
      out = execFileSync(process.execPath, [cli, "--format", "json", POST], { cwd: ws, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    } catch (e) {
      // textlint exits 1 when it found errors; its JSON is on stdout all the same.
      out = (e as { stdout?: string }).stdout ?? "";
    }
    const [result] = JSON.parse(out) as { messages: CliMessage[] }[];
    assert.ok(result && result.messages.length > 10, "the CLI found problems");
    const lines = text.split("\n");
    // Both presets bundle copies of a few rules (ja-no-mixed-period, ja-no-redundant-expression): when
    // both report the same message at the same place, textlint keeps the one reported last, and which
    // copy reports last depends on when their asynchronous tokenizations finish (it flips between
    // runs). So a rule counts by its name, not the preset whose copy won.
    const rule = (id: string) => id.slice(id.lastIndexOf("/") + 1);
    const key = (id: string, message: string, line: number) => `${line}: ${rule(id)} ${message.split("\n")[0]}`;
    const ours = published.diagnostics.filter((d) => d.source === "textlint");
    assert.deepEqual(
      ours.map((d) => key(codeOf(d), messageOf(d), d.range.start.line + 1)).sort(),
      result.messages.map((m) => key(m.ruleId, m.message, m.line)).sort(),
    );
    // Same columns too, except on the line with an emoji, where textlint counts code points.
    for (const m of result.messages) {
      if (/[\uD800-\uDFFF]/.test(lines[m.line - 1] ?? "")) continue;
      const d = ours.find((x) => rule(codeOf(x)) === rule(m.ruleId) && messageOf(x) === m.message && x.range.start.line === m.line - 1 && x.range.start.character === m.column - 1);
      assert.ok(d, `${m.ruleId} at ${m.line}:${m.column}`);
    }
  });

  it(`stays under ${MAX_PEAK_MB} MB of resident memory with a second post open (one dictionary)`, async () => {
    const second = session.open(path.join(ws, "articles", "second-post.md"), text.replace("はじめに", "はじめに（その 2）"));
    const next = await session.diagnostics.next((p) => p.uri === second && p.diagnostics.some((d) => codeOf(d).startsWith("smarthr/")), 60_000, 0);
    assert.ok(next.diagnostics.length > 10);
    const { peakMb: peak } = session.memory();
    assert.ok(peak <= MAX_PEAK_MB, `peak RSS ${peak.toFixed(0)} MB > ${MAX_PEAK_MB} MB`);
  });
});
