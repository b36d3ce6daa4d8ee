/**
 * Bench case `project-config` (issue 12): a Zenn repository whose .textlintrc uses preset-smarthr
 * and preset-ja-technical-writing, its packages installed from the npm registry
 * (test/fixtures/projects/smarthr, cached by scripts/fixtureProjects.js).
 *
 * - Per config, a fresh server (dist/server.js) opens the fixture's post, then a second post, then
 *   types into the first (2 unmeasured and 15 measured keystrokes): first lint, re-lint, and the
 *   server's RSS and peak (VmHWM) at the end. Configs: the project's, and the bundled preset on
 *   the same post in a folder without a config (the baseline a project config is compared with).
 * - prh dictionaries parsed once: 50 lints of a paragraph in a child process (prhLints.ts), with
 *   prhMemo.ts on and off in turn, 3 rounds each, for both configs.
 *
 * Target: the server's peak RSS with the project config at most 600 MB.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BenchContext, Recorder } from "./context";
import { typingPlan } from "./editPlan";
import { LspSession } from "../test/helpers/lspHarness";
import { repoRoot } from "../test/helpers/workspace";
import type { PrhLintsResult } from "./prhLints";
import type { Target } from "./report";
import { summarize, type Summary } from "./stats";

export const PROJECT_CONFIG = {
  project: "smarthr",
  post: path.join("articles", "textlint-smarthr-memory.md"),
  maxPeakMb: 600,
  warmupEdits: 2,
  edits: 15,
  prhLints: 50,
  prhRounds: 3,
};

interface ConfigRun {
  config: "project" | "bundled";
  firstLintMs: number;
  diagnostics: number;
  smarthrDiagnostics: number;
  relint: Summary;
  rssMb: number;
  peakMb: number;
  /** CPU time of the server (all threads) from spawn to the end of the edits. */
  cpuMs: number;
}

export interface ProjectConfigFact {
  chars: number;
  runs: ConfigRun[];
  prh: { bundled: { memo: number; plain: number }; project: { memo: number; plain: number }; problems: string } | undefined;
}

interface FixtureProjects {
  copyFixtureProject(name: string, dest: string): string;
}

async function measureConfig(ctx: BenchContext, config: ConfigRun["config"], dir: string, text: string): Promise<ConfigRun> {
  // The bench's settings pin the bundled preset for the other cases; here the folder decides.
  const settings = { ...ctx.config.settings, textlint: { configMode: "auto" } };
  const server = await LspSession.start({ workspaceFolders: [dir], settings, nodeArgs: ctx.config.serverNodeArgs });
  try {
    const open = async (rel: string, body: string): Promise<{ uri: string; ms: number; diagnostics: { code?: unknown }[] }> => {
      const file = path.join(dir, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, body);
      const from = server.diagnostics.all.length;
      const { uri, sentAt } = await server.openTimed(file, body);
      const published = await server.nextDiagnosticsOrError(uri, 1, 180_000, from);
      return { uri, ms: published.at - sentAt, diagnostics: published.diagnostics };
    };
    const first = await open(PROJECT_CONFIG.post, text);
    await open(path.join("articles", "second-post.md"), text.replace("はじめに", "はじめに（その 2）"));
    const plan = typingPlan(text);
    const times: number[] = [];
    for (let k = 0; k < PROJECT_CONFIG.warmupEdits + PROJECT_CONFIG.edits; k++) {
      const from = server.diagnostics.all.length;
      const { version, sentAt } = await server.edit(first.uri, plan.offset + k, 0, plan.char(k));
      const published = await server.nextDiagnosticsOrError(first.uri, version, 60_000, from);
      if (k >= PROJECT_CONFIG.warmupEdits) times.push(published.at - sentAt);
    }
    const memory = server.memory();
    const failures = [...server.logs, ...server.shownMessages.all.map((m) => m.message)].filter((l) => /crashed|stopped|exceeded/i.test(l));
    if (failures.length > 0) throw new Error(`the ${config} server reported: ${failures[0]}`);
    return {
      config,
      firstLintMs: first.ms,
      diagnostics: first.diagnostics.length,
      smarthrDiagnostics: first.diagnostics.filter((d) => String(d.code).startsWith("smarthr/")).length,
      relint: summarize(times),
      rssMb: memory.rssMb,
      peakMb: memory.peakMb,
      cpuMs: server.cpuMs(),
    };
  } finally {
    await server.stop();
  }
}

function prhLints(projectDir: string, mode: "memo" | "plain"): PrhLintsResult {
  const script = path.join(repoRoot, "out", "bench", "prhLints.js");
  const out = execFileSync(process.execPath, [script, projectDir, mode, String(PROJECT_CONFIG.prhLints)], { encoding: "utf8", maxBuffer: 1024 * 1024 });
  return JSON.parse(out) as PrhLintsResult;
}

export async function measureProjectConfig(ctx: BenchContext): Promise<void> {
  const fixtures = require(path.join(repoRoot, "scripts", "fixtureProjects.js")) as FixtureProjects;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-bench-project-"));
  try {
    const projectDir = fixtures.copyFixtureProject(PROJECT_CONFIG.project, path.join(scratch, "project"));
    const text = fs.readFileSync(path.join(projectDir, PROJECT_CONFIG.post), "utf8");
    const bundledDir = path.join(scratch, "bundled");
    fs.mkdirSync(bundledDir);
    const fact: ProjectConfigFact = { chars: text.length, runs: [], prh: undefined };
    ctx.rec.fact("projectConfig", fact);
    for (const [config, dir] of [["project", projectDir], ["bundled", bundledDir]] as const) {
      const run = await measureConfig(ctx, config, dir, text);
      fact.runs.push(run);
      ctx.log(`  ${config}: first lint ${Math.round(run.firstLintMs)} ms, re-lint median ${Math.round(run.relint.median)} ms, RSS ${run.rssMb.toFixed(0)} MB (peak ${run.peakMb.toFixed(0)} MB)`);
    }
    // In turn, so that a change in the machine's load hits both modes alike.
    const rounds: PrhLintsResult[] = [];
    for (let i = 0; i < PROJECT_CONFIG.prhRounds; i++) for (const mode of ["memo", "plain"] as const) rounds.push(prhLints(projectDir, mode));
    const median = (mode: "memo" | "plain", config: "bundled" | "project"): number => summarize(rounds.filter((r) => r.mode === mode).map((r) => r[config].cpuMs)).median;
    const problems = rounds.map((r) => `${r.bundled.problems}/${r.project.problems}`);
    fact.prh = {
      bundled: { memo: median("memo", "bundled"), plain: median("plain", "bundled") },
      project: { memo: median("memo", "project"), plain: median("plain", "project") },
      problems: [...new Set(problems)].join(", "),
    };
    ctx.log(`  prh: ${JSON.stringify(fact.prh)}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const mb = (n: number): string => n.toFixed(0);
const ms = (n: number): string => Math.round(n).toLocaleString("en-US");

export function projectConfigLines(rec: Recorder): string[] {
  const fact = rec.facts["projectConfig"] as ProjectConfigFact | undefined;
  if (!fact) return [];
  const lines = [`project config (${PROJECT_CONFIG.project} fixture: preset-smarthr + preset-ja-technical-writing; a Zenn post of ${fact.chars.toLocaleString("en-US")} chars, 2 open, ${PROJECT_CONFIG.edits} keystrokes):`];
  for (const run of fact.runs) {
    const what = run.config === "project" ? "project config" : "bundled preset, same post";
    lines.push(
      `  ${what}: first lint ${ms(run.firstLintMs)} ms (${run.diagnostics} problems${run.config === "project" ? `, ${run.smarthrDiagnostics} of smarthr's` : ""}), re-lint median ${ms(run.relint.median)} ms (p95 ${ms(run.relint.p95)}), RSS ${mb(run.rssMb)} MB, peak ${mb(run.peakMb)} MB, server CPU ${ms(run.cpuMs)} ms`,
    );
  }
  if (fact.prh) {
    const ratio = (c: { memo: number; plain: number }): string => `${ms(c.memo)} ms vs ${ms(c.plain)} ms parsed on every lint (${(c.memo / c.plain).toFixed(2)}×)`;
    lines.push(
      `  prh dictionaries parsed once, ${PROJECT_CONFIG.prhLints} lints of a paragraph (CPU, median of ${PROJECT_CONFIG.prhRounds}): bundled ${ratio(fact.prh.bundled)}; project ${ratio(fact.prh.project)}; problems bundled/project ${fact.prh.problems}`,
    );
  }
  return lines;
}

export function projectConfigTargets(rec: Recorder): Target[] {
  const fact = rec.facts["projectConfig"] as ProjectConfigFact | undefined;
  const project = fact?.runs.find((r) => r.config === "project");
  const label = `RSS ≤ ${PROJECT_CONFIG.maxPeakMb} MB with the preset-smarthr project config`;
  if (!project) return [{ id: "project-config-rss", label, pass: null, detail: "not measured" }];
  const linted = project.smarthrDiagnostics > 0;
  return [
    {
      id: "project-config-rss",
      label,
      pass: linted && project.peakMb <= PROJECT_CONFIG.maxPeakMb,
      detail: `peak (VmHWM) ${mb(project.peakMb)} MB, ${mb(project.rssMb)} MB after the edits` + (linted ? "" : "; but no smarthr rule reported anything: the project config did not run"),
    },
  ];
}
