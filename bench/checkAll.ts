/**
 * Bench script for "Tsuzuri: Check All Posts" (issue 16): a generated workspace of 1,000
 * real-shaped posts (`makeRealPost`, 1.5k, 2.5k and 3.5k characters in turn, seeds 2000–2999: a
 * blog's archive of short posts) checked through the real server over LSP (`tsuzuri/checkAllPosts`,
 * as the client sends it, with a work-done token):
 *
 * 1. without cache: an empty cache file, every post linted (the run's own lint worker starts in it);
 * 2. with cache: the same request again in the same server (every post from the cache);
 * 3. with cache, new server: a fresh server reading the cache file the first run wrote;
 * 4. cancelled: an empty cache again, cancelled once 50 posts are published: the time from the
 *    cancel to the last publish and to the answer, and how many were published after the cancel.
 *
 * Wall time of each request and the server's CPU time (/proc). Prints the figures with the machine
 * (they mean nothing without it) and writes them to bench/results/check-all-<timestamp>.json.
 *
 *   npm run build && npx tsc -p . && node out/bench/checkAll.js [--posts=1000]
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CancellationTokenSource, WorkDoneProgress } from "vscode-languageserver-protocol/node";
import { LspSession } from "../test/helpers/lspHarness";
import { makeRealPost } from "../test/helpers/realPost";
import { CHECK_ALL_METHOD, type CheckAllParams, type CheckAllResult } from "../server/src/protocol";
import { readCpuMs } from "../test/helpers/processStats";
import { repoRoot } from "../test/helpers/workspace";

const SIZES = [1_500, 2_500, 3_500];
const CANCEL_AFTER = 50;

interface Run {
  wallMs: number;
  serverCpuMs: number;
  result: CheckAllResult;
  /** For the cancelled run: ms from the cancel to the answer and to the last publish after it, and how many came after it. */
  cancel?: { toAnswerMs: number; toLastPublishMs: number; publishedAfter: number };
}

function writeCorpus(dir: string, count: number): number {
  let chars = 0;
  for (let i = 0; i < count; i++) {
    const text = makeRealPost(SIZES[i % SIZES.length] ?? 2_500, 2000 + i).text;
    chars += text.length;
    const file = path.join(dir, "articles", `post-${String(i).padStart(4, "0")}.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return chars;
}

let tokens = 0;
async function checkAll(session: LspSession, cacheFile: string, cancelAfter?: number): Promise<Run> {
  const workDoneToken = `bench-${++tokens}`;
  const source = new CancellationTokenSource();
  let cancelledAt: number | undefined;
  let lastPublish = 0;
  let publishedAfter = 0;
  const onPublish = session.connection.onNotification("textDocument/publishDiagnostics", () => {
    lastPublish = performance.now();
    if (cancelledAt !== undefined) publishedAfter++;
  });
  const onProgress = session.connection.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
    if (cancelAfter === undefined || cancelledAt !== undefined || value.kind !== "report") return;
    if (Number(value.message?.split("/")[0]) >= cancelAfter) {
      cancelledAt = performance.now();
      source.cancel();
    }
  });
  const params: CheckAllParams = { cacheFile, workDoneToken };
  const cpuBefore = readCpuMs(session.pid ?? 0)?.self ?? NaN;
  const started = performance.now();
  const result = await session.connection.sendRequest<CheckAllResult>(CHECK_ALL_METHOD, params, source.token);
  const answered = performance.now();
  const serverCpuMs = (readCpuMs(session.pid ?? 0)?.self ?? NaN) - cpuBefore;
  onPublish.dispose();
  onProgress.dispose();
  const run: Run = { wallMs: answered - started, serverCpuMs, result };
  if (cancelledAt !== undefined) run.cancel = { toAnswerMs: answered - cancelledAt, toLastPublishMs: Math.max(0, lastPublish - cancelledAt), publishedAfter };
  return run;
}

async function main(): Promise<void> {
  const posts = Number(/^--posts=(\d+)$/.exec(process.argv.find((a) => a.startsWith("--posts=")) ?? "")?.[1] ?? 1000);
  const machine = { cpuModel: os.cpus()[0]?.model ?? "?", cpuCount: os.cpus().length, totalMemoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: os.loadavg() };
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-check-all-"));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-check-all-cache-"));
  const log = (m: string) => process.stderr.write(`${m}\n`);
  try {
    const chars = writeCorpus(scratch, posts);
    log(`check-all: ${posts} posts, ${(chars / 1e6).toFixed(2)} M characters in ${scratch}`);
    const start = () => LspSession.start({ workspaceFolders: [scratch] });
    let session = await start();
    const cache = path.join(cacheDir, "warm.tsuzuricache");
    const withoutCache = await checkAll(session, cache);
    log(`  without cache: ${(withoutCache.wallMs / 1000).toFixed(1)} s`);
    const withCache = await checkAll(session, cache);
    log(`  with cache: ${(withCache.wallMs / 1000).toFixed(2)} s`);
    await session.stop();
    session = await start();
    const withCacheNewServer = await checkAll(session, cache);
    log(`  with cache, new server: ${(withCacheNewServer.wallMs / 1000).toFixed(2)} s`);
    const cancelled = await checkAll(session, path.join(cacheDir, "cold.tsuzuricache"), CANCEL_AFTER);
    log(`  cancelled after ${cancelled.result.done}: cancel → answer ${cancelled.cancel?.toAnswerMs.toFixed(0)} ms`);
    await session.stop();
    const figures = {
      machine: { ...machine, loadAverageAtEnd: os.loadavg() },
      posts,
      chars,
      runs: { withoutCache, withCache, withCacheNewServer, cancelled },
      ratios: {
        withCacheOverWithout: withCache.wallMs / withoutCache.wallMs,
        withCacheNewServerOverWithout: withCacheNewServer.wallMs / withoutCache.wallMs,
        cpuWithCacheOverWithout: withCache.serverCpuMs / withoutCache.serverCpuMs,
      },
    };
    const out = path.join(repoRoot, "bench", "results", `check-all-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(figures, null, 2));
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

void main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exitCode = 1;
});
