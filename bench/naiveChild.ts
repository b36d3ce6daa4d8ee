/**
 * The naive way, in a process of its own (forked by naive.ts): for every change, load the config
 * with textlint's `loadTextlintrc`, create a fresh linter and lint the whole text. The process stays
 * up between changes, as an editor extension's would, so Node's module cache, the analyser's
 * dictionary and kuromojin's token cache are as warm as they are in the server.
 */
import { createLinter, loadTextlintrc } from "textlint";

export interface NaiveRequest {
  text: string;
  filePath: string;
  configFilePath: string;
  nodeModulesDir: string;
}

export interface NaiveResponse {
  /** loadTextlintrc + createLinter. */
  loadMs: number;
  lintMs: number;
  totalMs: number;
  /** CPU time of the whole process (all threads) during the change. */
  cpuMs: number;
  messages: number;
  rssMb: number;
  error?: string;
}

async function lintOnce(request: NaiveRequest): Promise<NaiveResponse> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const descriptor = await loadTextlintrc({ configFilePath: request.configFilePath, node_modulesDir: request.nodeModulesDir });
  const linter = createLinter({ descriptor });
  const loaded = performance.now();
  const result = await linter.lintText(request.text, request.filePath);
  const done = performance.now();
  const used = process.cpuUsage(cpu);
  return {
    cpuMs: (used.user + used.system) / 1000,
    loadMs: loaded - started,
    lintMs: done - loaded,
    totalMs: done - started,
    messages: result.messages.length,
    rssMb: process.memoryUsage.rss() / 1024 / 1024,
  };
}

process.on("message", (request: NaiveRequest) => {
  lintOnce(request).then(
    (response) => process.send?.(response),
    (e: unknown) =>
      process.send?.({ loadMs: NaN, lintMs: NaN, totalMs: NaN, cpuMs: NaN, messages: -1, rssMb: NaN, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
