/**
 * Issue 12: memory that degrades gracefully. A post over `lint.maxLiveLength` is linted only when
 * saved, with a notice; a post the lint worker stops on is not linted again until it is saved (no
 * crash loop), the writer gets one message whatever the number of posts, and the status says what
 * the problems shown are.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { LspSession, type Published, type StatusMessage } from "../helpers/lspHarness";
import { makeWorkspace, removeWorkspace, repoRoot, RANUKI } from "../helpers/workspace";

const RA = "ja-technical-writing/no-dropping-the-ra";
const codes = (p: Published): string[] => p.diagnostics.map((d) => String(d.code));
const ZENN_FRONTMATTER = '---\ntitle: "記事"\nemoji: "📝"\ntype: "tech"\ntopics: ["textlint"]\npublished: false\n---\n\n';

describe("a post too long to lint as the writer types", () => {
  let ws: string;
  let session: LspSession;
  const long = `# 長い記事\n\n${"今日は晴れです。".repeat(40)}\n\n${RANUKI}\n`;

  before(async () => {
    ws = makeWorkspace({});
    session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0, maxLiveLength: 200 } } });
  });
  after(async () => {
    await session.stop();
    removeWorkspace(ws);
  });

  it("is not linted on open: a notice on its first line, and the status says it is linted when saved", async () => {
    const uri = session.open(path.join(ws, "long.md"), long);
    const published = await session.nextDiagnostics(uri);
    assert.deepEqual(codes(published), ["lint/too-long"]);
    const [notice] = published.diagnostics;
    assert.equal(notice?.severity, 3, "information");
    assert.equal(notice?.source, "tsuzuri");
    assert.match(String(notice?.message), /too long to check as you type \(\d+ characters; the limit is 200/);
    const status = await session.statuses.next((s) => s.uri === uri, 10_000, 0);
    assert.deepEqual([status.state, status.length, status.maxLength, status.stale], ["tooLong", long.length, 200, false]);
  });

  it("is linted when saved; later edits are not linted and the status says the problems are from the save", async () => {
    const uri = session.open(path.join(ws, "saved.md"), long);
    await session.nextDiagnostics(uri);
    await session.statuses.next((s) => s.uri === uri, 10_000, 0);
    const from = session.statuses.all.length;
    session.save(uri);
    const linted = await session.nextDiagnostics(uri);
    assert.ok(codes(linted).includes(RA), `linted on save: ${codes(linted).join(", ")}`);
    assert.ok(codes(linted).includes("lint/too-long"), "the notice stays");
    // (A "slow" status may come first: the save's lint is this session's first, which loads the linter.)
    const afterSave = await session.statuses.next((s) => s.uri === uri && s.state !== "slow", 10_000, from);
    assert.equal(afterSave.state, "tooLong");
    assert.equal(afterSave.stale, false);
    assert.equal(typeof afterSave.lastLintMs, "number");

    const published = session.diagnostics.all.length;
    const beforeEdit = session.statuses.all.length;
    session.change(uri, `${long}\n${RANUKI}\n`);
    const afterEdit = await session.statuses.next((s) => s.uri === uri, 10_000, beforeEdit);
    assert.deepEqual([afterEdit.state, afterEdit.stale], ["tooLong", true]);
    assert.equal(session.diagnostics.all.length, published, "the problems of the save stay as they are");
  });

  it("is linted as usual again once it is shorter than the limit", async () => {
    const uri = session.open(path.join(ws, "shrinks.md"), long);
    await session.nextDiagnostics(uri);
    const v = session.change(uri, `# 短い記事\n\n${RANUKI}\n`);
    const linted = await session.nextDiagnostics(uri, v);
    assert.deepEqual(codes(linted), [RA]);
  });
});

describe("a post the lint worker stops on", () => {
  let ws: string;
  let session: LspSession;
  let a: string;
  const stopping = `${ZENN_FRONTMATTER}# 記事\n\nここで停止します。\n`;

  before(async () => {
    ws = makeWorkspace({ ".textlintrc.json": JSON.stringify({ rules: { exits: true } }) });
    fs.cpSync(path.join(repoRoot, "test/fixtures/unit-rules/textlint-rule-exits"), path.join(ws, "node_modules/textlint-rule-exits"), { recursive: true });
    session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0 } } });
  });
  after(async () => {
    await session.stop();
    removeWorkspace(ws);
  });

  const stoppedStatus = (uri: string, from: number): Promise<StatusMessage> => session.statuses.next((s) => s.uri === uri && s.state === "stopped", 30_000, from);
  const stopLogs = (): number => session.logs.filter((l) => l.includes("The lint worker stopped unexpectedly while checking")).length;

  it("says so once, keeps the frontmatter checks and the platform, and is not linted again on the next keystrokes", async () => {
    a = session.open(path.join(ws, "a.md"), stopping);
    const status = await stoppedStatus(a, 0);
    assert.equal(status.stopReason, "crash");
    assert.equal(status.stale, false, "nothing was shown before");
    assert.equal(status.platform, "zenn", "the platform item keeps telling the truth");
    const shown = await session.shownMessages.next((m) => m.message.includes(path.join(ws, "a.md")), 10_000, 0);
    assert.match(shown.message, /checks this post again when you save it/);
    assert.equal(stopLogs(), 1);

    for (let i = 0; i < 3; i++) {
      const from = session.statuses.all.length;
      session.change(a, `${stopping}\n追記 ${i} です。\n`);
      await stoppedStatus(a, from);
    }
    assert.equal(stopLogs(), 1, "edits do not send the post to the worker again");
  });

  it("another post stopping the worker gets the status, not a second message; other posts are linted", async () => {
    const b = session.open(path.join(ws, "b.md"), stopping);
    await stoppedStatus(b, 0);
    const c = session.open(path.join(ws, "c.md"), "# 記事\n\nここに注意します。\n");
    const linted = await session.nextDiagnostics(c);
    assert.ok(codes(linted).includes("exits"), codes(linted).join(", "));
    assert.equal(session.shownMessages.all.length, 1);
  });

  it("is linted again when saved (and stops the worker again without a new message), then as usual once fixed", async () => {
    const before = stopLogs();
    const from = session.statuses.all.length;
    session.save(a);
    await stoppedStatus(a, from);
    assert.equal(stopLogs(), before + 1, "the save tried again");
    assert.equal(session.shownMessages.all.length, 1);

    const v = session.change(a, `${ZENN_FRONTMATTER}# 記事\n\nここに注意します。\n`);
    session.save(a);
    const linted = await session.nextDiagnostics(a, v);
    assert.ok(codes(linted).includes("exits"), codes(linted).join(", "));
    await session.statuses.next((s) => s.uri === a && s.state === "ok", 10_000, from);
  });
});
