/**
 * The incremental-equivalence property test (test/unit/incremental.property.test.ts), run longer
 * than `npm test` runs it: TSUZURI_PROPERTY_RUNS random edit sequences per seed, for several
 * seeds, one test process per seed (as many at once as there are CPUs). Reports, per seed, the
 * versions checked (each run checks 16: the document and 15 random edits) and any failure.
 *
 *   npm run bench -- --property [--runs=200] [--seeds=20261122,1,2,3]
 *   node out/bench/property.js [--runs=200] [--seeds=...]     (after a build)
 *
 * Exits with 1 if a seed fails (unlike the bench's targets: a failure here is a wrong result).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../test/helpers/workspace";

export const propertyTestFile = path.join(repoRoot, "out", "test", "unit", "incremental.property.test.js");
/** Versions one run of the property checks: the document as it is, then after each of 15 edits. */
const VERSIONS_PER_RUN = 16;

export interface PropertyOptions {
  runs: number;
  seeds: number[];
  parallel: number;
}

export interface SeedResult {
  seed: number;
  runs: number;
  passed: boolean;
  /** Versions whose incremental result was compared with the full lint (and equal, but for the failing one). */
  versionsChecked: number;
  durationMs: number;
  failure?: string;
  exitCode: number | null;
}

export const DEFAULT_PROPERTY: PropertyOptions = { runs: 200, seeds: [20261122, 1, 2, 3], parallel: Math.max(1, Math.min(os.cpus().length, 4)) };

export function parsePropertyArgs(argv: string[]): PropertyOptions {
  const options = { ...DEFAULT_PROPERTY };
  for (const a of argv) {
    if (a.startsWith("--runs=")) options.runs = Number(a.slice("--runs=".length));
    else if (a.startsWith("--seeds=")) options.seeds = a.slice("--seeds=".length).split(",").filter(Boolean).map(Number);
    else if (a.startsWith("--parallel=")) options.parallel = Number(a.slice("--parallel=".length));
    else if (a !== "--property") throw new Error(`unknown argument ${a} (property mode takes --runs=, --seeds=, --parallel=)`);
  }
  if (!(options.runs > 0) || options.seeds.length === 0 || options.seeds.some((s) => !Number.isInteger(s)) || !(options.parallel > 0)) {
    throw new Error(`bad property options ${JSON.stringify(options)}`);
  }
  return options;
}

function runSeed(seed: number, runs: number, log: (line: string) => void): Promise<SeedResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--test", "--test-reporter=tap", "--test-name-pattern=random edits", propertyTestFile], {
      cwd: repoRoot,
      env: { ...process.env, TSUZURI_PROPERTY_RUNS: String(runs), TSUZURI_PROPERTY_SEED: String(seed) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", (exitCode) => {
      const durationMs = performance.now() - started;
      const pass = Number(/^# pass (\d+)/m.exec(output)?.[1] ?? 0);
      const fail = Number(/^# fail (\d+)/m.exec(output)?.[1] ?? 0);
      const passed = exitCode === 0 && pass >= 1 && fail === 0;
      let versionsChecked = passed ? runs * VERSIONS_PER_RUN : 0;
      let failure: string | undefined;
      if (!passed) {
        // fast-check: "Property failed after N tests"; the test: "document D, after edit S (...)".
        const failedRun = Number(/Property failed after (\d+) tests?/.exec(output)?.[1] ?? NaN);
        const step = Number(/after edit (\d+)/.exec(output)?.[1] ?? NaN);
        if (Number.isFinite(failedRun)) versionsChecked = (failedRun - 1) * VERSIONS_PER_RUN + (Number.isFinite(step) ? step : 0);
        const detail = /document \d+, after edit \d+[^\n]*/.exec(output)?.[0] ?? /^\s*error: ([^\n]*)/m.exec(output)?.[1] ?? `exit code ${exitCode}`;
        failure = `${Number.isFinite(failedRun) ? `run ${failedRun}: ` : ""}${detail}`.slice(0, 400);
      }
      const result: SeedResult = { seed, runs, passed, versionsChecked, durationMs, exitCode, ...(failure ? { failure } : {}) };
      log(`  seed ${seed}: ${passed ? "pass" : "FAIL"}, ${versionsChecked} versions checked in ${(durationMs / 1000).toFixed(0)} s${failure ? ` — ${failure}` : ""}`);
      if (!passed) fs.writeFileSync(path.join(os.tmpdir(), `tsuzuri-property-${seed}.log`), output);
      resolve(result);
    });
  });
}

export async function runProperty(options: PropertyOptions, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<{ results: SeedResult[]; text: string; ok: boolean }> {
  if (!fs.existsSync(propertyTestFile)) throw new Error(`${propertyTestFile} is missing; build first (npm run bench -- --property builds)`);
  log(`property: ${options.seeds.length} seeds × ${options.runs} runs (${VERSIONS_PER_RUN} versions each), ${options.parallel} at a time`);
  const started = performance.now();
  const queue = [...options.seeds];
  const results: SeedResult[] = [];
  await Promise.all(
    Array.from({ length: Math.min(options.parallel, queue.length) }, async () => {
      for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) results.push(await runSeed(seed, options.runs, log));
    }),
  );
  results.sort((a, b) => options.seeds.indexOf(a.seed) - options.seeds.indexOf(b.seed));
  const versions = results.reduce((a, r) => a + r.versionsChecked, 0);
  const failures = results.filter((r) => !r.passed);
  const cpus = os.cpus();
  const lines = [
    `Tsuzuri incremental-equivalence property test · ${new Date().toISOString()} · ${((performance.now() - started) / 60_000).toFixed(1)} min`,
    `machine: ${cpus[0]?.model.trim() ?? "?"} × ${cpus.length} · Node ${process.version} · load avg (1 min) ${os.loadavg()[0]?.toFixed(2)} at end`,
    `${path.relative(repoRoot, propertyTestFile)}, TSUZURI_PROPERTY_RUNS=${options.runs}, ${options.parallel} processes at a time`,
    "",
    ...results.map(
      (r) => `  seed ${String(r.seed).padEnd(10)} ${r.passed ? "PASS" : "FAIL"}  ${String(r.versionsChecked).padStart(6)} versions checked  ${(r.durationMs / 1000).toFixed(0).padStart(5)} s${r.failure ? `  ${r.failure}` : ""}`,
    ),
    "",
    `${failures.length === 0 ? "PASS" : "FAIL"}  incremental = full lint on every version: ${versions} versions checked over ${results.length} seeds, ${failures.length} failing seed(s)` +
      (failures.length > 0 ? ` (logs in ${os.tmpdir()}/tsuzuri-property-<seed>.log; reproduce with TSUZURI_PROPERTY_SEED=<seed> TSUZURI_PROPERTY_RUNS=${options.runs} node --test ${path.relative(repoRoot, propertyTestFile)})` : ""),
  ];
  return { results, text: lines.join("\n"), ok: failures.length === 0 };
}

async function main(): Promise<void> {
  const options = parsePropertyArgs(process.argv.slice(2));
  const { results, text, ok } = await runProperty(options);
  const dir = path.join(repoRoot, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `property-${new Date().toISOString().replace(/[:.]/g, "-")}.json`), JSON.stringify({ options, results }, null, 2) + "\n");
  console.log(text);
  process.exit(ok ? 0 : 1);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(2);
  });
}
