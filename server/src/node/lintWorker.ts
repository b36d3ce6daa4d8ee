/**
 * The lint worker thread: textlint runs here so that a long lint never blocks the language
 * server's main loop (hover, completion and document sync stay responsive). It owns the warm
 * linters; one worker serves every document and config.
 */
import { parentPort } from "node:worker_threads";
import * as v8 from "node:v8";
import { createNodeEngine } from "./nodeDeps";
import type { WorkerRequest, WorkerResponse } from "./workerProtocol";
import { warmAnalyser } from "./warmAnalyser";
import { projectSharesAnalyser } from "./sharedModules";

/**
 * Garbage kept in check without a heap cap. Between two major collections V8 lets a heap grow to
 * up to 4× what survived the last one, and with the analyser's dictionary and a few open posts live
 * that is hundreds of MB of garbage (measured with 20 open posts: RSS 630–840 MB uncapped, 500–550 MB
 * with the 512 MB cap this replaces, which killed the worker on real project configs). Growing by a
 * quarter collects about as often as that cap did, at any heap size. The flag is process-wide and
 * read at every collection; the server's main thread, whose heap is small, collects a little more
 * often too.
 */
const HEAP_GROWING_PERCENT = 25;
v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

const engine = createNodeEngine();
const port = parentPort;
if (!port) throw new Error("lint-worker must run as a worker thread");

/**
 * A rule or a JavaScript config that calls process.exit() ends this thread (in a worker it does not
 * end the process). Say who called it first: the parent reads the stack to name the rule or the
 * config (Node delivers the messages a worker posted before its exit event).
 */
const exit = process.exit.bind(process);
process.exit = ((code?: number | string | null) => {
  const status = typeof code === "number" ? code : Number(code ?? process.exitCode ?? 0) || 0;
  port.postMessage({ id: 0, type: "exiting", code: status, stack: new Error("process.exit() called").stack ?? "" } satisfies WorkerResponse);
  return exit(code);
}) as typeof process.exit;

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  switch (request.type) {
    case "lint":
      return { id: request.id, type: "lint", outcome: await engine.lint(request.text, request.filePath, request.choice, request.options) };
    case "fix":
      return { id: request.id, type: "fix", outcome: await engine.fix(request.text, request.filePath, request.choice, request.options) };
    case "lintBlocks": {
      // Blocks linted for another worker are sent there, not kept (keep: the worker that lints next).
      const blocks = await engine.lintBlocks(request.text, request.filePath, request.choice, request.options);
      return { id: request.id, type: "blocks", blocks: request.keep ? undefined : blocks };
    }
    case "adoptBlocks":
      await engine.adoptBlocks(request.filePath, request.choice, request.options, request.blocks);
      return { id: request.id, type: "done" };
    case "invalidate":
      engine.invalidate();
      return { id: request.id, type: "done" };
    case "forget":
      engine.forget(request.filePath);
      return { id: request.id, type: "done" };
    case "warm":
      // The config the first post will use, and the analyser's dictionary (shared by every config
      // whose kuromojin we can serve): loaded now, in the background, not on the first lint.
      // Done when both are loaded (a second worker takes chunks only then: its first one would wait
      // for the dictionary, and the main worker for it).
      await Promise.all([
        request.choice.kind === "bundled" || projectSharesAnalyser(request.choice.nodeModulesDir) ? warmAnalyser() : undefined,
        engine.warm(request.choice),
      ]);
      return { id: request.id, type: "done" };
  }
}

port.on("message", (request: WorkerRequest) => {
  handle(request).then(
    (response) => port.postMessage(response),
    (e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      port.postMessage({ id: request.id, type: "failed", message: error.message, ...(error.stack ? { stack: error.stack } : {}) });
    },
  );
});
