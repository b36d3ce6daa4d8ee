/**
 * Bench case `second-worker` (issue 12): the first lint of a long real-shaped post with the second
 * lint worker (lint.secondWorker "on") and without ("off"), in turn, on fresh servers.
 *
 * Each server first lints a short post (so the main worker is warm, as in an editor already in
 * use), then opens a long post (the second worker starts cold, beside it), closes it, and opens
 * another of the same size (the second worker is still warm). Measured: didOpen → the full lint's
 * status, and the server's peak RSS.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BenchCase, BenchContext, Recorder } from "./context";
import { LspSession } from "../test/helpers/lspHarness";
import { makeRealPost } from "../test/helpers/realPost";

const SIZES = [50_000, 100_000];
type Mode = "on" | "off";

async function openUntilLinted(server: LspSession, file: string, text: string): Promise<number> {
  await server.settle();
  const from = server.statuses.all.length;
  const { uri, sentAt } = await server.openTimed(file, text);
  const status = await server.statuses.next((s) => s.uri === uri && s.lastLintMs !== undefined, 600_000, from);
  if (status.state !== "ok") throw new Error(`${file}: status ${status.state}`);
  await server.close(uri);
  return status.at - sentAt;
}

/** Samples across rounds, by metric key and size (Recorder.sample takes all of a metric's at once). */
type Samples = Map<string, { key: string; label: string; unit: string; size: string; values: number[] }>;

function add(samples: Samples, key: string, label: string, unit: string, size: string, value: number): void {
  const entry = samples.get(`${key}\u0000${size}`) ?? { key, label, unit, size, values: [] };
  entry.values.push(value);
  samples.set(`${key}\u0000${size}`, entry);
}

async function measure(ctx: BenchContext, samples: Samples, dir: string, mode: Mode, size: number, round: number): Promise<void> {
  const settings = { ...ctx.config.settings, lint: { ...(ctx.config.settings["lint"] as object), secondWorker: mode, visibleFirst: true } };
  const server = await LspSession.start({ workspaceFolders: [dir], settings, nodeArgs: ctx.config.serverNodeArgs });
  try {
    await openUntilLinted(server, path.join(dir, "warm-up.md"), makeRealPost(3_000, 90).text);
    const cold = await openUntilLinted(server, path.join(dir, "cold.md"), makeRealPost(size, 10 + round).text);
    const warm = await openUntilLinted(server, path.join(dir, "warm.md"), makeRealPost(size, 20 + round).text);
    const memory = server.memory();
    const key = `second.${mode}`;
    const label = mode === "on" ? "second worker on" : "one worker (off)";
    const id = `${size / 1000}k`;
    add(samples, `${key}.cold`, `first full lint, ${label}, second worker cold`, "ms", id, cold);
    add(samples, `${key}.warm`, `first full lint, ${label}, second worker warm`, "ms", id, warm);
    add(samples, `${key}.peak`, `server peak RSS, ${label}`, "MB", id, memory.peakMb);
    const shared = server.logs.filter((l) => /^first lint of /.test(l)).map((l) => l.replace(/^first lint of .*?: /, ""));
    ctx.log(`  ${id} ${mode}: cold ${Math.round(cold)} ms, warm ${Math.round(warm)} ms, peak ${Math.round(memory.peakMb)} MB${shared.length ? `; ${shared.join("; ")}` : ""}`);
  } finally {
    await server.stop();
  }
}

export const secondWorkerCase: BenchCase = {
  id: "second-worker",
  description: "first full lint of real-shaped 50k/100k posts with a second lint worker (cold, then warm) vs one worker, fresh servers in turn",
  async run(ctx: BenchContext): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-bench-second-"));
    try {
      // --quick (no slow sizes): one round, in the order off, on.
      const rounds = ctx.sizes.some((s) => s.slow) ? 2 : 1;
      const samples: Samples = new Map();
      for (const size of SIZES) {
        for (let round = 0; round < rounds; round++) {
          const order: Mode[] = round % 2 === 0 ? ["off", "on"] : ["on", "off"];
          for (const mode of order) await measure(ctx, samples, dir, mode, size, round);
        }
      }
      for (const s of samples.values()) ctx.rec.sample(s.key, s.label, s.unit, s.size, s.values);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export function secondWorkerLines(rec: Recorder): string[] {
  const median = (key: string, id: string): number | undefined => rec.get(key, id)?.median;
  const lines: string[] = [];
  for (const size of SIZES) {
    const id = `${size / 1000}k`;
    const off = { cold: median("second.off.cold", id), warm: median("second.off.warm", id), peak: median("second.off.peak", id) };
    const on = { cold: median("second.on.cold", id), warm: median("second.on.warm", id), peak: median("second.on.peak", id) };
    if (off.cold === undefined || on.cold === undefined || off.warm === undefined || on.warm === undefined) continue;
    lines.push(
      `  ${id}: one worker / two workers ${(off.cold / on.cold).toFixed(2)}× with the second worker cold (${Math.round(off.cold)} vs ${Math.round(on.cold)} ms), ` +
        `${(off.warm / on.warm).toFixed(2)}× warm (${Math.round(off.warm)} vs ${Math.round(on.warm)} ms); peak RSS ${Math.round(off.peak ?? NaN)} vs ${Math.round(on.peak ?? NaN)} MB`,
    );
  }
  return lines.length > 0 ? ["second lint worker (first full lint of a long post, didOpen → full status; ratios > 1: two workers faster):", ...lines] : [];
}
