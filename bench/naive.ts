/**
 * The baselines the server is compared with: textlint's API used naively (a fresh linter per
 * change, in a long-lived child process) and the `textlint` CLI (a fresh process per change).
 * Both use the same configuration as the server's bundled default, from the repo's node_modules.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { readCpuMs } from "../test/helpers/processStats";
import { repoRoot } from "../test/helpers/workspace";
import type { NaiveRequest, NaiveResponse } from "./naiveChild";

export const nodeModulesDir = path.join(repoRoot, "node_modules");

/** The bundled default, spelled as a project would: what the naive way and the CLI load. */
export const rawConfig = { rules: { "preset-ja-technical-writing": true }, filters: { comments: true } };

export function writeConfig(dir: string): string {
  const file = path.join(dir, ".textlintrc.json");
  fs.writeFileSync(file, JSON.stringify(rawConfig));
  return file;
}

export class NaiveLinter {
  private readonly child: ChildProcess;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly configFilePath: string) {
    this.child = fork(path.join(__dirname, "naiveChild.js"), [], { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe", "ipc"] });
    this.child.stderr?.resume();
  }

  /** One change the naive way: loadTextlintrc + createLinter + lintText, timed inside the child. */
  lint(text: string, filePath: string): Promise<NaiveResponse> {
    const request: NaiveRequest = { text, filePath, configFilePath: this.configFilePath, nodeModulesDir };
    const run = this.queue.then(
      () =>
        new Promise<NaiveResponse>((resolve, reject) => {
          const onExit = (code: number | null) => reject(new Error(`naive lint process exited with ${code}`));
          this.child.once("exit", onExit);
          this.child.once("message", (response: NaiveResponse) => {
            this.child.off("exit", onExit);
            if (response.error) reject(new Error(response.error));
            else resolve(response);
          });
          this.child.send(request);
        }),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  stop(): void {
    this.child.kill();
  }
}

export interface CliRun {
  wallMs: number;
  /** CPU time of the textlint process (all threads), from this process's children's times. */
  cpuMs: number;
  messages: number;
  exitCode: number | null;
}

/** textlint's own executable, from its package.json `bin`. */
export function textlintBin(): string {
  const manifest = path.join(nodeModulesDir, "textlint", "package.json");
  const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as { bin?: string | Record<string, string> };
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.["textlint"];
  if (!bin) throw new Error(`${manifest} declares no textlint bin`);
  return path.join(path.dirname(manifest), bin);
}

/** One change the CLI way: write the file, run `textlint --format json` on it, wall time. */
export function runCli(configFilePath: string, filePath: string, text: string): Promise<CliRun> {
  fs.writeFileSync(filePath, text);
  const cpuBefore = readCpuMs("self")?.children ?? NaN;
  const started = performance.now();
  const child = spawn(process.execPath, [textlintBin(), "--config", configFilePath, "--format", "json", filePath], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise<CliRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const wallMs = performance.now() - started;
      const cpuMs = (readCpuMs("self")?.children ?? NaN) - cpuBefore;
      // textlint exits 1 when it found errors; anything else (2, a crash) is a broken run.
      if (exitCode !== 0 && exitCode !== 1) return reject(new Error(`textlint exited with ${exitCode}: ${stderr.slice(0, 500)}`));
      try {
        const results = JSON.parse(stdout) as { messages: unknown[] }[];
        resolve({ wallMs, cpuMs, messages: results.reduce((n, r) => n + r.messages.length, 0), exitCode });
      } catch (e) {
        reject(new Error(`textlint printed no JSON (${(e as Error).message}): ${stderr.slice(0, 500)}`));
      }
    });
  });
}
