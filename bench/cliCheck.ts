/**
 * Bench case `cli-check` (issue 14): `tsuzuri check` against the `textlint` CLI on a corpus of 300
 * real-shaped posts (`makeRealPost`, sizes 2k–12k characters, like a blog's archive) with the same
 * config (`.textlintrc.json` equal to the bundled default, the repo's node_modules), in one run:
 * textlint once; `tsuzuri check --platform off --cache` with an empty cache (the first run, default
 * `--jobs`: one worker per CPU); the same command again (the second, unchanged run); and, for
 * contrast, `--jobs 1` without the cache. Wall and CPU time of each process; the messages of
 * tsuzuri's first run compared with textlint's, file by file (rule, message, severity, line and
 * column), and the second run's output with the first's.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { TextlintResult } from "@textlint/types";
import type { BenchCase, BenchContext, Recorder } from "./context";
import { readCpuMs } from "../test/helpers/processStats";
import { repoRoot } from "../test/helpers/workspace";
import { nodeModulesDir, rawConfig, textlintBin } from "./naive";
import type { Target } from "./report";
import { makeRealPost } from "../test/helpers/realPost";

const POSTS = 300;
const SIZES = [2_000, 4_000, 6_000, 12_000];
const CLI = path.join(repoRoot, "dist", "cli.js");

interface Timed {
  wallMs: number;
  cpuMs: number;
  code: number | null;
  stdout: string;
}

function timed(args: string[], cwd: string): Promise<Timed> {
  const cpuBefore = readCpuMs("self")?.children ?? NaN;
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
  const out: Buffer[] = [];
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => out.push(d));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      const cpuMs = (readCpuMs("self")?.children ?? NaN) - cpuBefore;
      if (code !== 0 && code !== 1) return reject(new Error(`${path.basename(args[0] ?? "")} exited ${code}: ${stderr.slice(0, 800)}`));
      resolve({ wallMs, cpuMs, code, stdout: Buffer.concat(out).toString("utf8") });
    });
  });
}

type Row = string;
function rows(results: TextlintResult[], withPosition: boolean): Map<string, Row[]> {
  return new Map(results.map((r) => [r.filePath, r.messages.map((m) => [m.ruleId, m.severity, m.message, ...(withPosition ? [m.line, m.column] : [])].join("\u0001"))]));
}

/** Files whose messages differ, with and without positions. */
function compare(ours: TextlintResult[], theirs: TextlintResult[]): { files: number; messages: number; differentFiles: number; differentIgnoringPositions: number; first?: string } {
  let differentFiles = 0;
  let differentIgnoringPositions = 0;
  let first: string | undefined;
  const [a, b, a0, b0] = [rows(ours, true), rows(theirs, true), rows(ours, false), rows(theirs, false)];
  for (const file of new Set([...a.keys(), ...b.keys()])) {
    const same = JSON.stringify(a.get(file) ?? []) === JSON.stringify(b.get(file) ?? []);
    if (!same) {
      differentFiles++;
      if (!first) {
        const mine = a.get(file) ?? [];
        const theirsRows = b.get(file) ?? [];
        const i = mine.findIndex((row, k) => row !== theirsRows[k]);
        first = `${path.basename(file)}: tsuzuri ${JSON.stringify((mine[i] ?? "(none)").split("\u0001"))} vs textlint ${JSON.stringify((theirsRows[i] ?? "(none)").split("\u0001"))}`;
      }
    }
    // Without positions, as multisets: messages are listed by line and column, and where Tsuzuri
    // corrects a position (after an emoji, sentence-length's column) the order follows the correction.
    const sorted = (rows: Row[] | undefined) => JSON.stringify([...(rows ?? [])].sort());
    if (sorted(a0.get(file)) !== sorted(b0.get(file))) differentIgnoringPositions++;
  }
  return { files: a.size, messages: ours.reduce((n, r) => n + r.messages.length, 0), differentFiles, differentIgnoringPositions, ...(first ? { first } : {}) };
}

export const cliCheckCase: BenchCase = {
  id: "cli-check",
  description: `tsuzuri check (first run, second unchanged run with --cache, --jobs 1) vs the textlint CLI on ${POSTS} real-shaped posts`,
  async run(ctx: BenchContext): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-bench-cli-"));
    try {
      fs.writeFileSync(path.join(dir, ".textlintrc.json"), JSON.stringify(rawConfig));
      fs.symlinkSync(nodeModulesDir, path.join(dir, "node_modules"), "dir");
      fs.mkdirSync(path.join(dir, "articles"));
      let chars = 0;
      for (let i = 0; i < POSTS; i++) {
        const post = makeRealPost(SIZES[i % SIZES.length] ?? 5_000, 1_000 + i);
        chars += post.text.length;
        fs.writeFileSync(path.join(dir, "articles", `post-${String(i).padStart(3, "0")}.md`), post.text);
      }
      ctx.log(`  corpus: ${POSTS} posts, ${chars} characters; ${os.cpus().length} CPUs`);
      const cache = path.join(dir, "cache", ".tsuzuricache");
      const tsuzuriArgs = [CLI, "check", "--platform", "off", "--format", "json", "articles"];
      const theirs = await timed([textlintBin(), "--format", "json", "articles"], dir);
      ctx.log(`  textlint: ${Math.round(theirs.wallMs)} ms`);
      const first = await timed([...tsuzuriArgs, "--cache", "--cache-location", cache], dir);
      ctx.log(`  tsuzuri first run: ${Math.round(first.wallMs)} ms`);
      const second = await timed([...tsuzuriArgs, "--cache", "--cache-location", cache], dir);
      ctx.log(`  tsuzuri second run: ${Math.round(second.wallMs)} ms`);
      const single = await timed([...tsuzuriArgs, "--jobs", "1"], dir);
      ctx.log(`  tsuzuri --jobs 1: ${Math.round(single.wallMs)} ms`);
      const rec = ctx.rec;
      const id = `${POSTS} posts`;
      for (const [k, label, t] of [["textlint", "textlint CLI", theirs], ["first", "tsuzuri check, first run", first], ["second", "tsuzuri check --cache, second run", second], ["jobs1", "tsuzuri check --jobs 1, no cache", single]] as const) {
        rec.sample(`cli.${k}.wall`, `${label}: wall`, "ms", id, [t.wallMs]);
        rec.sample(`cli.${k}.cpu`, `${label}: CPU`, "ms", id, [t.cpuMs]);
      }
      const parity = compare(JSON.parse(first.stdout) as TextlintResult[], JSON.parse(theirs.stdout) as TextlintResult[]);
      rec.fact("cli.parity", parity);
      rec.fact("cli.secondSameAsFirst", second.stdout === first.stdout && second.code === first.code);
      rec.fact("cli.jobs1SameAsFirst", single.stdout === first.stdout);
      rec.fact("cli.corpus", { posts: POSTS, chars, cpus: os.cpus().length, loadAverage: os.loadavg() });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

const LIMITS = { first: 0.5, second: 0.1 };

function wall(rec: Recorder, k: string): number | undefined {
  return rec.get(`cli.${k}.wall`, `${POSTS} posts`)?.median;
}

export function cliCheckLines(rec: Recorder): string[] {
  const t = wall(rec, "textlint");
  if (t === undefined) return [];
  const parity = rec.facts["cli.parity"] as ReturnType<typeof compare> | undefined;
  const r = (k: string): string => `${Math.round(wall(rec, k) ?? NaN)} ms = ${((wall(rec, k) ?? NaN) / t).toFixed(3)}×`;
  return [
    `tsuzuri check vs the textlint CLI (${POSTS} real-shaped posts, textlint ${Math.round(t)} ms):`,
    `  first run ${r("first")}, second unchanged run (--cache) ${r("second")}, --jobs 1 without cache ${r("jobs1")}`,
    parity
      ? `  messages: ${parity.messages} in ${parity.files} files; files differing from textlint: ${parity.differentFiles} (ignoring positions: ${parity.differentIgnoringPositions})${parity.first ? `; first: ${parity.first}` : ""}`
      : "  messages: not compared",
    `  second run's output identical to the first's: ${String(rec.facts["cli.secondSameAsFirst"])}; --jobs 1's: ${String(rec.facts["cli.jobs1SameAsFirst"])}`,
  ];
}

export function cliCheckTargets(rec: Recorder): Target[] {
  const t = wall(rec, "textlint");
  const parity = rec.facts["cli.parity"] as ReturnType<typeof compare> | undefined;
  const ratio = (k: string): number | undefined => (t === undefined || wall(rec, k) === undefined ? undefined : (wall(rec, k) as number) / t);
  const first = ratio("first");
  const second = ratio("second");
  return [
    {
      id: "cli-first-run",
      label: `tsuzuri check first run ≤ ${LIMITS.first}× textlint, identical messages (ignoring the positions Tsuzuri corrects)`,
      pass: first === undefined ? null : first <= LIMITS.first && parity?.differentIgnoringPositions === 0,
      detail: first === undefined ? "not measured" : `${first.toFixed(3)}×; files differing: ${parity?.differentIgnoringPositions ?? "?"} ignoring positions, ${parity?.differentFiles ?? "?"} with positions`,
    },
    {
      id: "cli-second-run",
      label: `tsuzuri check --cache second unchanged run ≤ ${LIMITS.second}× textlint, same output as the first`,
      pass: second === undefined ? null : second <= LIMITS.second && rec.facts["cli.secondSameAsFirst"] === true,
      detail: second === undefined ? "not measured" : `${second.toFixed(3)}×`,
    },
  ];
}
