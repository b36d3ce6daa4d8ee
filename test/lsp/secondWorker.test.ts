/**
 * Issue 12: the first lint of a long post on both CPU cores. A second lint worker lints chunks of
 * the post from the bottom while the main worker lints from the top, and hands its blocks to the
 * main worker, whose full lint then finds them cached: the same problems as one worker alone.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { LspSession } from "../helpers/lspHarness";
import { makeWorkspace, removeWorkspace, repoRoot } from "../helpers/workspace";
import { makeRealPost } from "../helpers/realPost";
import { LintWorkerClient } from "../../server/src/node/lintWorkerClient";
import { chunkLines, SecondWorker, SECOND_WORKER_MIN_CHARS } from "../../server/src/node/secondWorker";
import type { ConfigChoice } from "../../server/src/core/lint/configResolution";

const workerScript = path.join(repoRoot, "dist", "lint-worker.js");
const HARD_LIMIT_MS = 120_000;

describe("the second lint worker", () => {
  let ws: string;
  before(() => {
    ws = makeWorkspace({});
  });
  after(() => removeWorkspace(ws));

  it("takes chunks once it is ready, and the main worker's full lint equals one worker's", async () => {
    const text = makeRealPost(30_000, 4).text;
    const filePath = path.join(ws, "shared.md");
    const choice: ConfigChoice = { kind: "bundled", key: "bundled:test", reason: "noConfig", baseDir: ws };
    const options = { incremental: true };
    const logs: string[] = [];
    const main = new LintWorkerClient((m) => logs.push(m), workerScript);
    const alone = new LintWorkerClient((m) => logs.push(m), workerScript);
    const second = new SecondWorker(() => new LintWorkerClient((m) => logs.push(m), workerScript), 2, 60_000);
    try {
      // Waiting for the second worker before sharing: it must take its part.
      const counts = await second.share(main, { text, filePath, choice, options, hardLimitMs: HARD_LIMIT_MS }, (ready) => ready);
      assert.equal(counts.main + counts.second, chunkLines(text, 5_000).length);
      assert.ok(counts.second >= 1, `the second worker took ${counts.second} chunks`);
      const shared = await main.lint(text, filePath, choice, options, HARD_LIMIT_MS);
      const reference = await alone.lint(text, filePath, choice, options, HARD_LIMIT_MS);
      assert.equal(shared.status, "ok");
      assert.ok(reference.status === "ok" && reference.problems.length >= 20, "the post has problems");
      assert.deepEqual(shared, reference);
    } finally {
      main.dispose();
      alone.dispose();
      second.dispose();
    }
    assert.deepEqual(logs, []);
  });

  it("in the server: a long post's first lint is shared, with the same problems as without", async () => {
    const text = makeRealPost(SECOND_WORKER_MIN_CHARS + 10_000, 5).text;
    const published = async (secondWorker: "on" | "off") => {
      const session = await LspSession.start({ workspaceFolders: [ws], settings: { lint: { debounceMs: 0, secondWorker } } });
      try {
        const uri = session.open(path.join(ws, `post-${secondWorker}.md`), text);
        await session.statuses.next((s) => s.uri === uri && s.state === "ok", 120_000, 0);
        const last = session.diagnostics.all.filter((p) => p.uri === uri).at(-1);
        const shared = session.logs.filter((l) => /^first lint of .*: blocks in \d+ ms, chunks \d+ on the main worker, \d+ on the second$/.test(l));
        return { diagnostics: last?.diagnostics ?? [], shared };
      } finally {
        await session.stop();
      }
    };
    const withSecond = await published("on");
    const without = await published("off");
    assert.equal(withSecond.shared.length, 1, "one shared first lint");
    assert.equal(without.shared.length, 0, "none with the setting off");
    assert.ok(without.diagnostics.length >= 20, `${without.diagnostics.length} problems`);
    assert.deepEqual(withSecond.diagnostics, without.diagnostics);
  });
});
