/**
 * Visible-first linting: the blocks on the lines the writer is looking at are linted first (local
 * and window rules, through the config's filters), then the full lint reuses that work.
 */
import { before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { LoadedLinter } from "../../server/src/core/lint/linterLoader";
import { loadBundledLinter } from "../helpers/bundledLinter";
import { IncrementalLinter } from "../../server/src/core/incremental/incrementalLinter";
import { detailedLocalityOf as localityOf } from "../../server/src/core/incremental/ruleLocality";

const root = path.resolve(__dirname, "..", "..", "..");
const file = "/tmp/tsuzuri-visible/post.md";

/** A post of 60 sections, each with a problem or two, a link list, a disabled region and mixed styles. */
function post(): string {
  const sections = Array.from({ length: 60 }, (_, i) =>
    [
      `## 第${i}節の見出し`,
      `この節${i}では映画が見れる。データを解析することができる。`,
      `- [資料${i}](https://example.com/${i})\n- [別の資料${i}](https://example.com/b${i})`,
      i % 7 === 3 ? `<!-- textlint-disable -->\n\nここは見れるが検査しない${i}。\n\n<!-- textlint-enable -->` : `ここは第${i}節である。`,
    ].join("\n\n"),
  );
  return `---\ntitle: 長い記事\n---\n\n${sections.join("\n\n")}\n`;
}

describe("visible-first incremental linting", () => {
  let loaded: LoadedLinter;

  before(async () => {
    loaded = await loadBundledLinter(root);
  });

  it("gives the full lint's messages on the visible lines (document-wide rules aside), then the full lint reuses them", async () => {
    const text = post();
    const incremental = new IncrementalLinter(loaded.kernelConfig, localityOf);
    const lines: [number, number] = [200, 260];
    const partial = await incremental.lintText(text, file, { lines });
    assert.equal(partial.partial, true);
    const full = (await loaded.linter.lintText(text, file)).messages;
    const documentRules = new Set(loaded.kernelConfig.rules.filter((r) => localityOf(r.ruleId, r.options) === "document").map((r) => r.ruleId));
    const lineCount = text.split("\n").length;
    // The blocks touching the range: whole blocks, so a little beyond it at both ends.
    const near = (m: { loc: { start: { line: number } } }) => m.loc.start.line >= lines[0] - 3 && m.loc.start.line <= lines[1] + 3;
    const inRange = (m: { loc: { start: { line: number } } }) => m.loc.start.line >= lines[0] && m.loc.start.line <= lines[1];
    const expected = full.filter((m) => inRange(m) && !documentRules.has(m.ruleId)).map((m) => JSON.stringify(m));
    assert.ok(expected.length >= 10, `only ${expected.length} problems in the range`);
    const got = partial.messages.map((m) => JSON.stringify(m));
    const fullMessages = new Set(full.map((m) => JSON.stringify(m)));
    assert.deepEqual(expected.filter((m) => !got.includes(m)), [], "every problem on the visible lines");
    assert.deepEqual(got.filter((m) => !fullMessages.has(m)), [], "only what the full lint finds");
    assert.ok(partial.messages.every(near), "nothing far outside the visible lines");
    assert.ok(partial.relinted < partial.units / 4, `${partial.relinted} lints for ${partial.units} units, ${lineCount} lines`);
    // textlint-disable regions apply to the partial result too.
    assert.ok(!partial.messages.some((m) => /検査しない/.test(text.slice(m.range[0] - 20, m.range[1] + 20))));

    const after = await incremental.lintText(text, file);
    assert.equal(after.partial, false);
    assert.deepEqual(after.messages, full);
    const fresh = await new IncrementalLinter(loaded.kernelConfig, localityOf).lintText(text, file);
    // The full lint reuses the visible blocks' work (a window segment cut at the last visible block is linted again).
    assert.ok(after.relinted < fresh.relinted && after.relinted + partial.relinted <= fresh.relinted + 2, `${after.relinted} + ${partial.relinted} vs ${fresh.relinted}`);
  });

  it("passes over one document at once (visible lines while a full lint runs, the writer typing) each give their own answer", async () => {
    const text = post();
    const edited = text.replace("第30節の見出し", "第30節の長い見出し");
    const typed = edited.replace("第40節である。", "第40節であるはずだ。");
    const incremental = new IncrementalLinter(loaded.kernelConfig, localityOf);
    await incremental.lintText(text, file);
    // The kernel marks each node it walks with its parent for good: passes that shared one Document
    // node while their texts differ would throw, or walk each other's trees.
    const [full, visible, next] = await Promise.all([
      incremental.lintText(edited, file),
      incremental.lintText(text, file, { lines: [1, 80] }),
      incremental.lintText(typed, file),
    ]);
    assert.deepEqual(full.messages, (await loaded.linter.lintText(edited, file)).messages);
    assert.deepEqual(next.messages, (await loaded.linter.lintText(typed, file)).messages);
    assert.ok(visible.partial && visible.messages.length > 0);
    assert.deepEqual((await incremental.lintText(text, file)).messages, (await loaded.linter.lintText(text, file)).messages, "and the next lint");
  });
});
