/**
 * `npm run bench`: the language server's incremental re-lint against its full lint
 * (`lint.incremental: false`), the naive use of textlint's API and the textlint CLI, on generated
 * Japanese posts of about 5k, 20k, 40k and 100k characters, in one run; the incremental results
 * are compared with the full lint's for every edit. Prints a table (with the machine, since the
 * figures mean nothing without it) and writes the figures as JSON to bench/results/<timestamp>.json.
 * Targets are printed as PASS/FAIL; they do not fail the process.
 *
 *   --quick        skip the slow sizes (100k)
 *   --only=a,b     run only these cases (ids in cases.ts), e.g. --only=relint,burst, --only=codeactions, --only=frontmatter, --only=preview, --only=preview-paint or --only=real
 *   --server-node-args="--max-old-space-size=400"
 *                  extra Node options for the server processes (to try a fix; printed with the results)
 *   --property     instead: the incremental-equivalence property test, longer (see property.ts)
 *   --profile      instead: a CPU profile of the lint worker while typing (see profile.ts)
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cases } from "./cases";
import { codeActionLines, codeActionTargets } from "./codeActions";
import { frontmatterLines, frontmatterTargets } from "./frontmatter";
import { previewLines, previewTargets } from "./preview";
import { previewPaintLines, previewPaintTargets } from "./previewPaint";
import { realLines, realTargets } from "./realCase";
import { projectConfigLines, projectConfigTargets } from "./projectConfig";
import { secondWorkerLines } from "./secondWorker";
import { cliCheckLines, cliCheckTargets } from "./cliCheck";
import { Recorder, type BenchConfig, type BenchContext, type SizeSpec } from "./context";
import { fixturePath, makePost, type Post } from "../test/helpers/corpusPost";
import { serverPath } from "../test/helpers/lspHarness";
import { repoRoot } from "../test/helpers/workspace";
import { writeConfig } from "./naive";
import { parseProfileArgs, runProfile } from "./profile";
import { DEFAULT_PROPERTY, parsePropertyArgs, runProperty } from "./property";
import { deriveRatios, deriveTargets, parityMismatches, renderTable, type Machine } from "./report";

/**
 * One row per post size. Sized to keep a whole run near 10 minutes on 2 CPUs: the naive way and
 * the CLI (issue 2's baselines) only where issue 2 measured them (5k, 20k: at 40k and beyond the
 * full server is the baseline and they add nothing but minutes), and at 100k only 3 timed full
 * lints (about 20 s each); the other 100k edits get their reference full lint from two servers
 * side by side.
 */
const SIZES: SizeSpec[] = [
  { id: "5k", chars: 5_000, edits: 20, warmupEdits: 2, fullEdits: 20, emojiEdits: 10, coldRuns: 2, naiveRuns: 5, cliRuns: 3, burst: true, slow: false },
  { id: "20k", chars: 20_000, edits: 20, warmupEdits: 1, fullEdits: 20, emojiEdits: 10, coldRuns: 1, naiveRuns: 3, cliRuns: 2, burst: true, slow: false },
  { id: "40k", chars: 40_000, edits: 20, warmupEdits: 1, fullEdits: 20, emojiEdits: 0, coldRuns: 0, naiveRuns: 0, cliRuns: 0, burst: false, slow: false },
  { id: "100k", chars: 100_000, edits: 20, warmupEdits: 1, fullEdits: 3, emojiEdits: 0, coldRuns: 0, naiveRuns: 0, cliRuns: 0, burst: true, slow: true },
];

// Debounce 0: every change is linted at once, so the figures are the server's own work. A time
// budget of 10 s (hard limit 100 s) so that a 100k full lint on a busy machine is not cut off.
// Visible-first off: these cases time the whole post's first lint (the real case measures both).
const lint = { debounceMs: 0, timeBudgetMs: 10_000, visibleFirst: false };
const CONFIG: BenchConfig = {
  sizes: SIZES,
  openPosts: [
    { id: "issue2", posts: [{ size: "5k", count: 10 }, { size: "20k", count: 10 }], editsEach: 1, editsOne: 5 },
    { id: "long", posts: [{ size: "20k", count: 10 }, { size: "40k", count: 10 }], editsEach: 1, editsOne: 10 },
  ],
  burst: { keystrokes: 30, cadencesMs: [0, 50] },
  settings: { lint, textlint: { configMode: "bundled" } },
  fullSettings: { lint: { ...lint, incremental: false }, textlint: { configMode: "bundled" } },
  referenceServers: Math.max(1, Math.min(2, os.cpus().length)),
  serverNodeArgs: [],
};

interface Args {
  quick: boolean;
  only?: string[];
  /** Only these size ids (e.g. 100k), for a case whose other sizes were just measured. */
  sizes?: string[];
  serverNodeArgs: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, serverNodeArgs: [] };
  for (const a of argv) {
    if (a === "--quick") args.quick = true;
    else if (a.startsWith("--only=")) args.only = a.slice("--only=".length).split(",").filter(Boolean);
    else if (a.startsWith("--sizes=")) args.sizes = a.slice("--sizes=".length).split(",").filter(Boolean);
    else if (a.startsWith("--server-node-args=")) args.serverNodeArgs = a.slice("--server-node-args=".length).split(/\s+/).filter(Boolean);
    else if (a === "--help" || a === "-h") {
      console.log(
        [
          `usage: npm run bench -- [--quick] [--only=${cases.map((c) => c.id).join(",")}] [--sizes=5k,20k,100k] [--server-node-args="..."]`,
          `       npm run bench -- --property [--runs=${DEFAULT_PROPERTY.runs}] [--seeds=${DEFAULT_PROPERTY.seeds.join(",")}] [--parallel=N]`,
          `       npm run bench -- --profile [--size=100k] [--edits=15] [--full] [--server-node-args="..."]`,
        ].join("\n"),
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  const known = new Set(cases.map((c) => c.id));
  for (const id of args.only ?? []) if (!known.has(id)) throw new Error(`unknown case ${id}; cases: ${[...known].join(", ")}`);
  return args;
}

/** The commit measured, and whether the server's sources differed from it (others may be editing). */
function revision(): { commit: string; dirty: string[] } {
  try {
    const git = (...args: string[]): string => execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" });
    const dirty = git("status", "--porcelain", "--", "server", "scripts", "package.json", "package-lock.json")
      .split("\n")
      .filter(Boolean)
      .map((l) => l.slice(3));
    return { commit: git("rev-parse", "--short", "HEAD").trim(), dirty };
  } catch {
    return { commit: "unknown", dirty: [] };
  }
}

function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown CPU",
    cpuCount: cpus.length,
    totalMemoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg(),
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes("--property")) {
    const options = parsePropertyArgs(argv);
    const { results, text, ok } = await runProperty(options);
    const dir = path.join(repoRoot, "bench", "results");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `property-${new Date().toISOString().replace(/[:.]/g, "-")}.json`), JSON.stringify({ options, machine: machine(), results }, null, 2) + "\n");
    console.log(text);
    if (!ok) process.exitCode = 1;
    return;
  }
  if (argv.includes("--profile")) {
    console.log(await runProfile(parseProfileArgs(argv)));
    return;
  }
  const args = parseArgs(argv);
  if (!fs.existsSync(serverPath)) throw new Error(`${serverPath} is missing; run npm run bench (it builds first)`);
  if (!fs.existsSync("/proc/self/status")) throw new Error("the bench reads RSS from /proc and runs on Linux only");
  const startedAt = new Date();
  const started = performance.now();
  const host = machine();
  const rev = revision();
  const sizes = SIZES.filter((s) => !(args.quick && s.slow) && (!args.sizes || args.sizes.includes(s.id)));
  const selected = cases.filter((c) => !args.only || args.only.includes(c.id));

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-bench-"));
  const workDir = path.join(scratch, "workspace");
  const configDir = path.join(scratch, "config");
  fs.mkdirSync(workDir);
  fs.mkdirSync(configDir);
  const source = fs.readFileSync(fixturePath, "utf8");
  const posts = new Map<string, Post>();
  const rec = new Recorder();
  const config: BenchConfig = { ...CONFIG, serverNodeArgs: args.serverNodeArgs };
  const ctx: BenchContext = {
    config,
    sizes,
    post(size, variant = 0) {
      const key = `${size}#${variant}`;
      let post = posts.get(key);
      if (!post) {
        const spec = SIZES.find((s) => s.id === size);
        if (!spec) throw new Error(`no size ${size}`);
        post = makePost(size, spec.chars, variant, source);
        posts.set(key, post);
      }
      return post;
    },
    workDir,
    configFile: writeConfig(configDir),
    rec,
    log: (message) => process.stderr.write(`${message}\n`),
  };

  ctx.log(`bench: sizes ${sizes.map((s) => s.id).join(", ")}; cases ${selected.map((c) => c.id).join(", ")}; scratch ${scratch}`);
  const caseDurations: Record<string, number> = {};
  try {
    for (const c of selected) {
      ctx.log(`— ${c.id}: ${c.description}`);
      const t0 = performance.now();
      try {
        await c.run(ctx);
      } catch (e) {
        // One broken case (a server that died, a lint over its hard limit) must not hide the others.
        rec.notes.push(`case ${c.id} failed: ${(e as Error).message}`);
        ctx.log(`  ${c.id} failed: ${(e as Error).stack ?? e}`);
      }
      caseDurations[c.id] = performance.now() - t0;
      ctx.log(`  (${(caseDurations[c.id]! / 1000).toFixed(1)} s)`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  host.loadAverageAtEnd = os.loadavg();
  for (const mismatch of parityMismatches(rec)) rec.notes.push(`diagnostic counts differ on the same text: ${mismatch}`);
  const ratios = deriveRatios(rec, sizes);
  const targets = [...deriveTargets(rec, ratios), ...codeActionTargets(rec), ...frontmatterTargets(rec), ...previewTargets(rec), ...previewPaintTargets(rec), ...realTargets(rec), ...projectConfigTargets(rec), ...cliCheckTargets(rec)];
  const resultsDir = path.join(repoRoot, "bench", "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  const resultsFile = path.join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  const durationMs = performance.now() - started;
  const rendered = renderTable(
    ctx,
    { machine: host, revision: rev, startedAt: startedAt.toISOString(), durationMs, fixtureChars: source.length, resultsFile: path.relative(repoRoot, resultsFile) },
    ratios,
    targets,
  );
  // The code-action, frontmatter, preview and real-post cases' summaries go just before the targets.
  const extra = [...codeActionLines(rec), ...frontmatterLines(rec), ...previewLines(rec), ...previewPaintLines(rec), ...realLines(rec), ...secondWorkerLines(rec), ...projectConfigLines(rec), ...cliCheckLines(rec)];
  const table = extra.length === 0 ? rendered : rendered.replace(/^targets:$/m, () => `${extra.join("\n")}\n\ntargets:`);
  const json = {
    startedAt: startedAt.toISOString(),
    durationMs,
    args,
    revision: rev,
    machine: host,
    config: { ...config, sizes },
    posts: [...posts.values()].map((p) => ({ id: p.id, chars: p.text.length, sections: p.sections, duplicateParagraphShare: p.duplicateParagraphShare })),
    caseDurationsMs: caseDurations,
    metrics: Object.fromEntries(rec.metrics),
    facts: rec.facts,
    bursts: rec.bursts,
    diagnosticCounts: rec.counts,
    equivalence: rec.equivalence,
    ratios,
    targets,
    notes: rec.notes,
  };
  fs.writeFileSync(resultsFile, JSON.stringify(json, null, 2) + "\n");
  console.log(table);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
