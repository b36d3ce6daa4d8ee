/**
 * Visible-first: when a long post opens, the server publishes the problems on the lines in view
 * first (the client reports them with tsuzuri/visibleRanges), then the whole post's.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { sharedSession } from "../helpers/lspHarness";
import { VISIBLE_RANGES_METHOD, type VisibleRangesParams } from "../../server/src/protocol";

const RA = "ja-technical-writing/no-dropping-the-ra";

/** 120 sections of about 90 characters, each with one ら抜き problem, and a mix of である/ですます. */
function longPost(): string {
  const sections = Array.from({ length: 120 }, (_, i) => `## 第${i}節\n\nこの節${i}の映画は家族で見れる。説明の文章がここに続きます。詳しい話は下の資料を読んでください。\n\n- [資料${i}](https://example.com/${i})`);
  return `${sections.join("\n\n")}\n\n最後の段落である。\n`;
}

describe("visible-first linting of a long post", () => {
  const shared = sharedSession();

  it("publishes the visible lines' problems first, then the whole post's", async () => {
    const text = longPost();
    assert.ok(text.length > 8_000);
    const from = shared.session.diagnostics.all.length;
    const uri = shared.session.open(path.join(shared.ws, "long.md"), text);
    const visible: VisibleRangesParams = { uri, ranges: [{ start: 300, end: 340 }] };
    void shared.session.connection.sendNotification(VISIBLE_RANGES_METHOD, visible);
    const first = await shared.session.nextDiagnostics(uri);
    const lines = first.diagnostics.map((d) => d.range.start.line);
    assert.ok(lines.length >= 5, `${lines.length} problems first`);
    assert.ok(lines.every((l) => l >= 297 && l <= 343), `first problems on lines ${lines.join(", ")}`);
    const full = await shared.session.diagnostics.next((p) => p.uri === uri && p.diagnostics.length > first.diagnostics.length, 60_000, from);
    assert.equal(full.diagnostics.filter((d) => d.code === RA).length, 120);
    // What came first is part of the whole: same problems, same places.
    const key = (d: { code?: unknown; range: unknown; message: unknown }) => JSON.stringify([d.code, d.range, d.message]);
    const all = new Set(full.diagnostics.map(key));
    assert.deepEqual(first.diagnostics.map(key).filter((k) => !all.has(k)), []);
    // The document-wide rule (である/ですます) is only in the full lint.
    assert.ok(full.diagnostics.some((d) => String(d.code).endsWith("no-mix-dearu-desumasu")));
  });

  it("a short post is linted whole at once", async () => {
    const from = shared.session.diagnostics.all.length;
    const uri = shared.session.open(path.join(shared.ws, "short.md"), "この映画は家族で見れる。\n\n最後の段落である。説明です。\n");
    const first = await shared.session.nextDiagnostics(uri);
    assert.ok(first.diagnostics.some((d) => String(d.code).endsWith("no-mix-dearu-desumasu")));
    await shared.session.statuses.next((s) => s.uri === uri && s.state === "ok", 20_000, 0);
    assert.equal(shared.session.diagnostics.all.slice(from).filter((p) => p.uri === uri).length, 1);
  });
});
