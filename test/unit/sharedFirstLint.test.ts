/**
 * A long post's first lint shared by two workers (server/src/node/secondWorker.ts): what one linter's
 * block lints give another of the same config, and how the chunks are shared.
 */
import { before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { LoadedLinter } from "../../server/src/core/lint/linterLoader";
import { loadBundledLinter } from "../helpers/bundledLinter";
import { makeRealPost } from "../helpers/realPost";
import { IncrementalLinter } from "../../server/src/core/incremental/incrementalLinter";
import { detailedLocalityOf as localityOf } from "../../server/src/core/incremental/ruleLocality";
import { chunkLines, shareChunks, wantsSecondWorker, type LineRange } from "../../server/src/node/secondWorker";

const root = path.resolve(__dirname, "..", "..", "..");
const file = "/tmp/tsuzuri-shared/post.md";

describe("block lints adopted from another linter", () => {
  let loaded: LoadedLinter;

  before(async () => {
    loaded = await loadBundledLinter(root);
  });

  it("a full lint after adopting the other half's blocks lints nothing again and equals textlint's", async () => {
    // Footnotes, emoji, link lists, headings without 「。」: window segments cross the halves' border.
    const text = makeRealPost(20_000, 2).text;
    const lineCount = text.split("\n").length;
    const half = Math.floor(lineCount / 2);
    const main = new IncrementalLinter(loaded.kernelConfig, localityOf);
    const second = new IncrementalLinter(loaded.kernelConfig, localityOf);
    await main.lintBlocks(text, file, [1, half]);
    const given = await second.lintBlocks(text, file, [half + 1, lineCount]);
    assert.ok(given.units.length > 20 && given.windows.length > 10, `${given.units.length} units, ${given.windows.length} windows`);
    // What crosses between threads: plain data.
    main.adoptBlocks(file, structuredClone(given));
    const result = await main.lintText(text, file);
    assert.equal(result.relinted, 0, `${result.relinted} of ${result.units} blocks linted again`);
    const expected = (await loaded.linter.lintText(text, file)).messages;
    assert.ok(expected.length >= 20, `only ${expected.length} problems`);
    assert.deepEqual(result.messages, expected);
  });

  it("without the other half, the full lint lints it itself (the same messages)", async () => {
    const text = makeRealPost(20_000, 2).text;
    const main = new IncrementalLinter(loaded.kernelConfig, localityOf);
    await main.lintBlocks(text, file, [1, 100]);
    const result = await main.lintText(text, file);
    assert.ok(result.relinted > 20, `${result.relinted} lints`);
    assert.deepEqual(result.messages, (await loaded.linter.lintText(text, file)).messages);
  });
});

describe("chunkLines", () => {
  it("covers every line once, in order, in chunks of at least the size asked (the last aside)", () => {
    const text = makeRealPost(20_000, 1).text;
    const lines = text.split("\n");
    const chunks = chunkLines(text, 3_000);
    assert.ok(chunks.length >= 5 && chunks.length <= 8, `${chunks.length} chunks`);
    assert.equal(chunks[0]![0], 1);
    assert.equal(chunks.at(-1)![1], lines.length);
    for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i]![0], chunks[i - 1]![1] + 1);
    for (const [first, last] of chunks.slice(0, -1)) {
      const size = lines.slice(first - 1, last).join("\n").length + 1;
      assert.ok(size >= 3_000 && size < 3_000 + 1_000, `lines ${first}-${last}: ${size} chars`);
    }
  });

  it("gives one chunk for a short text, an empty one included", () => {
    assert.deepEqual(chunkLines("一行だけ。", 3_000), [[1, 1]]);
    assert.deepEqual(chunkLines("", 3_000), [[1, 1]]);
    assert.deepEqual(chunkLines("a\nb\n", 3_000), [[1, 3]]);
  });
});

describe("shareChunks", () => {
  const chunks: LineRange[] = Array.from({ length: 8 }, (_, i) => [i * 10 + 1, i * 10 + 10]);
  /** Settles on the next turns of the event loop, so that the other side gets its turn. */
  const later = <T>(value: T): Promise<T> => new Promise((resolve) => setImmediate(() => resolve(value)));

  it("runs every chunk once: the main side from the front, the helper from the back", async () => {
    const byMain: LineRange[] = [];
    const byHelper = await shareChunks(chunks, (c) => later(void byMain.push(c)), { ready: Promise.resolve(), run: (c) => later(c) });
    assert.ok(byHelper.length >= 2 && byMain.length >= 2, `${byMain.length} / ${byHelper.length}`);
    assert.deepEqual([...byMain, ...[...byHelper].reverse()], chunks);
  });

  it("does not wait for a helper that is not ready when the main side is done", async () => {
    const byMain: LineRange[] = [];
    const never = new Promise<void>(() => undefined);
    const byHelper = await shareChunks(chunks, (c) => later(void byMain.push(c)), { ready: never, run: (c) => later(c) });
    assert.deepEqual(byHelper, []);
    assert.deepEqual(byMain, chunks);
  });

  it("waits for the helper's chunk in flight", async () => {
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const byMain: LineRange[] = [];
    const done = shareChunks(chunks, (c) => later(void byMain.push(c)), { ready: Promise.resolve(), run: (c) => slow.then(() => c) });
    let settled = false;
    void done.then(() => (settled = true));
    while (byMain.length < chunks.length - 1) await later(undefined);
    await later(undefined);
    assert.equal(settled, false, "resolved while the helper's chunk was in flight");
    release();
    assert.deepEqual(await done, [chunks.at(-1)]);
  });

  it("leaves a failing helper's chunk undone and takes no more from it; a failing main side rejects", async () => {
    const byMain: LineRange[] = [];
    let runs = 0;
    const byHelper = await shareChunks(chunks, (c) => later(void byMain.push(c)), { ready: Promise.resolve(), run: () => (runs++, later(undefined).then(() => Promise.reject(new Error("worker stopped")))) });
    assert.deepEqual(byHelper, []);
    assert.equal(runs, 1);
    assert.deepEqual(byMain, chunks.slice(0, -1));
    await assert.rejects(shareChunks(chunks, () => Promise.reject(new Error("main stopped")), { ready: Promise.resolve(), run: later }), /main stopped/);
  });
});

describe("wantsSecondWorker", () => {
  it("auto: only with 4 cores or more; on: with 2 or more; off: never", () => {
    assert.deepEqual([1, 2, 3, 4, 8].map((cores) => wantsSecondWorker("auto", cores)), [false, false, false, true, true]);
    assert.deepEqual([1, 2, 4].map((cores) => wantsSecondWorker("on", cores)), [false, true, true]);
    assert.deepEqual([1, 2, 4, 16].map((cores) => wantsSecondWorker("off", cores)), [false, false, false, false]);
  });
});
