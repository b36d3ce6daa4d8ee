/**
 * The lint worker thread: textlint runs here so that a long lint never blocks the language
 * server's main loop (hover, completion and document sync stay responsive). It owns the warm
 * linters; one worker serves every document and config.
 */
import { parentPort } from "node:worker_threads";
import { createNodeEngine } from "./nodeDeps";
import type { WorkerRequest, WorkerResponse } from "./workerProtocol";
import { warmAnalyser } from "./warmAnalyser";

const engine = createNodeEngine();
const port = parentPort;
if (!port) throw new Error("lint-worker must run as a worker thread");

// Load the morphological analyser's dictionary now, in the background, not on the first lint.
warmAnalyser();

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  switch (request.type) {
    case "lint":
      return { id: request.id, type: "lint", outcome: await engine.lint(request.text, request.filePath, request.choice, request.options) };
    case "fix":
      return { id: request.id, type: "fix", outcome: await engine.fix(request.text, request.filePath, request.choice, request.options) };
    case "invalidate":
      engine.invalidate();
      return { id: request.id, type: "done" };
    case "forget":
      engine.forget(request.filePath);
      return { id: request.id, type: "done" };
    case "warm":
      await engine.warm(request.choice);
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
