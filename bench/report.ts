/**
 * Derives ratios and targets from the recorded figures, and prints them as one compact table.
 */
import type { BenchContext, Recorder, SizeSpec } from "./context";
import { REAL_MEMORY, REAL_ORDER } from "./realCase";
import type { Summary } from "./stats";

export interface Machine {
  cpuModel: string;
  cpuCount: number;
  totalMemoryGiB: number;
  node: string;
  platform: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

export interface Ratios {
  /** Full warm re-lint over incremental re-lint (medians of wall time), and the same on CPU time. */
  fullOverInc?: number;
  fullOverIncCpu?: number;
  /** The baselines over the server as shipped (incremental). */
  naiveOverInc?: number;
  cliOverInc?: number;
  /** Issue 2's figure: the naive way over the warm full lint. */
  naiveOverFull?: number;
  /** With one emoji over without (the shadow lint), CPU time. */
  emojiOverIncCpu?: number;
}

export interface Target {
  id: string;
  label: string;
  /** null: not measured in this run (e.g. the case was skipped). */
  pass: boolean | null;
  detail: string;
}

/** One phase of the open-posts case (see OpenPostsPhase). */
export interface OpenPostsPhaseFact {
  id: string;
  posts: { size: string; count: number }[];
  /** Posts open once the phase's posts were opened. */
  count: number;
  closed: number;
  opened: number;
  published: number;
  failures: number;
  firstFailure?: string;
  /** From the first didOpen of the phase to the last post's first diagnostics. */
  allLintedMs: number;
  /** After all of them were opened and linted. */
  rssMb: number;
  peakMb: number;
  editsEach: number;
  editsOne: number;
  /** After each edit. */
  rssDuringEditsMb: number[];
  rssAfterEditsMb: number;
  peakAfterEditsMb: number;
}

const ratio = (a: Summary | undefined, b: Summary | undefined): number | undefined =>
  a && b && b.median > 0 ? a.median / b.median : undefined;

export function deriveRatios(rec: Recorder, sizes: SizeSpec[]): Record<string, Ratios> {
  const out: Record<string, Ratios> = {};
  for (const { id } of sizes) {
    const r: Ratios = {};
    const set = (key: keyof Ratios, value: number | undefined): void => {
      if (value !== undefined) r[key] = value;
    };
    set("fullOverInc", ratio(rec.get("full.warm", id), rec.get("inc.warm", id)));
    set("fullOverIncCpu", ratio(rec.get("full.cpu", id), rec.get("inc.cpu", id)));
    set("naiveOverInc", ratio(rec.get("naive.total", id), rec.get("inc.warm", id)));
    set("cliOverInc", ratio(rec.get("cli.wall", id), rec.get("inc.warm", id)));
    set("naiveOverFull", ratio(rec.get("naive.total", id), rec.get("full.warm", id)));
    set("emojiOverIncCpu", ratio(rec.get("emoji.cpu", id), rec.get("inc.cpu", id)));
    out[id] = r;
  }
  return out;
}

/** Phases of the open-posts case, by id. */
function openPhase(rec: Recorder, id: string): OpenPostsPhaseFact | undefined {
  const facts = rec.facts["openPosts"] as OpenPostsPhaseFact[] | undefined;
  return facts?.find((f) => f.id === id);
}

function rssTarget(id: string, phase: OpenPostsPhaseFact | undefined, what: string, limitMb: number): Target {
  const label = `RSS < ${limitMb} MB with ${phase?.count || 20} open ${what}`;
  if (!phase) return { id, label, pass: null, detail: "not measured" };
  if (phase.failures > 0 || !Number.isFinite(phase.rssMb)) {
    return { id, label, pass: null, detail: `not measurable: ${phase.failures} of ${phase.opened} posts got no diagnostics (${phase.firstFailure ?? "?"}); RSS then ${fmtMb(phase.rssMb)} MB` };
  }
  // RSS is mostly garbage awaiting collection, so it moves with every lint: judge the highest
  // value seen with all posts open, after opening them and after each of the edits.
  const worst = Math.max(phase.rssMb, ...phase.rssDuringEditsMb);
  const mix = phase.posts.map((p) => `${p.count} × ${p.size}`).join(" + ");
  return {
    id,
    label,
    pass: worst < limitMb,
    detail: `highest ${fmtMb(worst)} MB (${mix}, incremental): ${fmtMb(phase.rssMb)} MB once all were linted, then ${phase.rssDuringEditsMb.length > 0 ? `${fmtMb(Math.min(...phase.rssDuringEditsMb))}–${fmtMb(Math.max(...phase.rssDuringEditsMb))}` : "–"} MB over ${phase.rssDuringEditsMb.length} edits (peak VmHWM ${fmtMb(phase.peakAfterEditsMb)} MB)`,
  };
}

function relintTarget(rec: Recorder, ratios: Record<string, Ratios>, size: string, limitMs: number): Target {
  const s = rec.get("inc.warm", size);
  const lint = rec.get("inc.lintMs", size);
  const cpu = rec.get("inc.cpu", size);
  const label = `incremental re-lint of the ${size} post ≤ ${limitMs} ms (median, didChange → diagnostics)`;
  if (!s) return { id: `inc-${size}`, label, pass: null, detail: "not measured" };
  return {
    id: `inc-${size}`,
    label,
    pass: s.median <= limitMs,
    detail: `median ${fmtMs(s.median)} ms, p95 ${fmtMs(s.p95)} ms over ${s.n} edits (worker lint ${fmtMs(lint?.median ?? NaN)} ms, server CPU ${fmtMs(cpu?.median ?? NaN)} ms); full warm lint ${fmtMs(rec.get("full.warm", size)?.median ?? NaN)} ms = ${fmtRatio(ratios[size]?.fullOverInc)}`,
  };
}

export function deriveTargets(rec: Recorder, ratios: Record<string, Ratios>): Target[] {
  const targets: Target[] = [];
  targets.push(relintTarget(rec, ratios, "20k", 150));
  targets.push(relintTarget(rec, ratios, "100k", 300));

  const eq = Object.entries(rec.equivalence);
  if (eq.length === 0) {
    targets.push({ id: "identical", label: "incremental results identical to the full lint", pass: null, detail: "not compared" });
  } else {
    const mismatches = eq.reduce((a, [, e]) => a + e.mismatches, 0);
    const checked = eq.reduce((a, [, e]) => a + e.checked, 0);
    const diagnostics = eq.reduce((a, [, e]) => a + e.diagnostics, 0);
    const uncovered = eq.filter(([, e]) => e.measuredChecked < e.measured).map(([size, e]) => `${size} ${e.measuredChecked} of ${e.measured}`);
    targets.push({
      id: "identical",
      label: "incremental results identical to the full lint",
      pass: mismatches === 0 && uncovered.length === 0,
      detail:
        `${mismatches} mismatches over ${checked} edits (${diagnostics} diagnostics; ${eq.map(([size, e]) => `${size} ${e.checked}`).join(", ")})` +
        (uncovered.length > 0 ? `; measured edits NOT all compared: ${uncovered.join(", ")}` : "; every measured edit compared"),
    });
  }
  targets.push(rssTarget("rss-long-posts", openPhase(rec, "long"), "long posts", 800));

  // Issue 2's targets, now with the incremental server as shipped.
  const r5 = ratios["5k"]?.naiveOverInc;
  const inc5 = rec.get("inc.warm", "5k");
  const naive5 = rec.get("naive.total", "5k");
  targets.push({
    id: "warm-vs-naive-5k",
    label: "warm re-lint ≥ 3× faster than naive on the 5k post",
    pass: r5 === undefined ? null : r5 >= 3,
    detail:
      r5 === undefined || !inc5 || !naive5
        ? "not measured"
        : `${fmtRatio(r5)} (incremental ${fmtMs(inc5.median)} ms vs naive ${fmtMs(naive5.median)} ms, medians of wall time; the full warm lint alone: ${fmtRatio(ratios["5k"]?.naiveOverFull)})`,
  });

  const bursts = rec.bursts;
  if (bursts.length === 0) {
    targets.push({ id: "staleness", label: "no result more than one version stale", pass: null, detail: "not measured" });
  } else {
    const maxStale = Math.max(...bursts.map((b) => b.maxStaleness));
    const finalOk = bursts.every((b) => b.finalIsLastSent);
    const monotonic = bursts.every((b) => b.monotonic);
    targets.push({
      id: "staleness",
      label: "no result more than one version stale",
      pass: maxStale <= 1 && finalOk && monotonic,
      detail: `max staleness ${maxStale} over ${bursts.length} bursts; final published = last sent: ${finalOk ? "all" : "NOT all"}; versions in order: ${monotonic ? "yes" : "NO"}`,
    });
  }
  targets.push(rssTarget("rss-open-posts", openPhase(rec, "issue2"), "posts", 600));
  return targets;
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  return ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US");
}

const fmtMb = (mb: number): string => (Number.isFinite(mb) ? Math.round(mb).toLocaleString("en-US") : "–");
const fmtRatio = (r: number | undefined): string => (r === undefined ? "–" : `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`);

function cell(s: Summary | undefined, unit: string): string {
  if (!s) return "–";
  const f = unit === "MB" ? fmtMb : fmtMs;
  return s.n === 1 ? `${f(s.median)} (1)` : `${f(s.median)} / ${f(s.p95)} (${s.n})`;
}

/** Timing metrics in print order; a recorded metric not listed here or in HIDDEN is printed after them. */
const ORDER = [
  "inc.warm",
  "inc.lintMs",
  "inc.cpu",
  "full.warm",
  "full.lintMs",
  "full.cpu",
  "naive.total",
  "naive.load",
  "naive.cpu",
  "cli.wall",
  "cli.cpu",
  "emoji.warm",
  "emoji.cpu",
  "inc.open",
  "full.open",
  "cold.open",
  "cold.spawn",
  "cold.cpu",
  ...REAL_ORDER,
];
/** Memory metrics in print order. */
const MEMORY = ["inc.rss", "inc.peak", "full.rss", "full.peak", "naive.rss", "cold.rss", ...REAL_MEMORY];
/** In the JSON only. */
const HIDDEN = new Set(["emoji.open", "emoji.lintMs", "emoji.rss", "emoji.peak", "ref.open"]);

export function renderTable(ctx: BenchContext, meta: { machine: Machine; revision: { commit: string; dirty: string[] }; startedAt: string; durationMs: number; fixtureChars: number; resultsFile: string }, ratios: Record<string, Ratios>, targets: Target[]): string {
  const { rec, sizes } = ctx;
  const lines: string[] = [];
  const m = meta.machine;
  const dirty = meta.revision.dirty.length > 0 ? ` + uncommitted changes to ${meta.revision.dirty.join(", ")}` : "";
  lines.push(`Tsuzuri bench · ${meta.startedAt} · ${(meta.durationMs / 60_000).toFixed(1)} min · commit ${meta.revision.commit}${dirty}`);
  lines.push(
    `machine: ${m.cpuModel} × ${m.cpuCount} · ${m.totalMemoryGiB.toFixed(1)} GiB RAM · Node ${m.node} · ${m.platform} · load avg (1 min) ${m.loadAverageAtStart[0]?.toFixed(2)} at start, ${m.loadAverageAtEnd?.[0]?.toFixed(2) ?? "?"} at end`,
  );
  const postList = sizes.map((s) => {
    const p = ctx.post(s.id);
    return `${s.id} = ${p.text.length.toLocaleString("en-US")} chars (${(p.duplicateParagraphShare * 100).toFixed(0)}% repeated blocks)`;
  });
  lines.push(`posts from test/fixtures/corpus/post.md (${meta.fixtureChars.toLocaleString("en-US")} chars), varied per repetition: ${postList.join(", ")}`);
  const busiest = Math.max(m.loadAverageAtStart[0] ?? 0, m.loadAverageAtEnd?.[0] ?? 0);
  if (busiest > m.cpuCount) {
    lines.push(`NOTE: the machine was busy (load ${busiest.toFixed(1)} on ${m.cpuCount} CPUs): wall times are inflated and noisy; the CPU-time rows and ratios are the comparable ones`);
  }
  const nodeArgs = ctx.config.serverNodeArgs.length > 0 ? `node ${ctx.config.serverNodeArgs.join(" ")} ` : "";
  lines.push(`server: ${nodeArgs}dist/server.js --stdio, settings ${JSON.stringify(ctx.config.settings)} (full: lint.incremental false); cells: median / p95 (n), ms unless marked MB`);
  lines.push("");

  const labelWidth = 58;
  const colWidth = 23;
  const row = (label: string, cells: string[]): string => label.padEnd(labelWidth) + cells.map((c) => c.padStart(colWidth)).join("");
  const push = (label: string, cells: string[]): void => {
    if (cells.some((c) => c !== "–")) lines.push(row(label, cells));
  };
  lines.push(row("", sizes.map((s) => s.id)));
  const keys = [
    ...ORDER.filter((k) => rec.metrics.has(k)),
    ...[...rec.metrics.keys()].filter((k) => !ORDER.includes(k) && !MEMORY.includes(k) && !HIDDEN.has(k)),
  ];
  for (const key of keys) {
    const metric = rec.metrics.get(key);
    if (metric) push(metric.label, sizes.map((s) => cell(metric.bySize[s.id], metric.unit)));
  }
  push("ratio full / incremental re-lint", sizes.map((s) => fmtRatio(ratios[s.id]?.fullOverInc)));
  push("ratio full / incremental, CPU time", sizes.map((s) => fmtRatio(ratios[s.id]?.fullOverIncCpu)));
  push("ratio naive / incremental", sizes.map((s) => fmtRatio(ratios[s.id]?.naiveOverInc)));
  push("ratio CLI / incremental", sizes.map((s) => fmtRatio(ratios[s.id]?.cliOverInc)));
  push("ratio naive / full (issue 2's warm linter)", sizes.map((s) => fmtRatio(ratios[s.id]?.naiveOverFull)));
  push("ratio with 1 emoji / without, CPU time", sizes.map((s) => fmtRatio(ratios[s.id]?.emojiOverIncCpu)));
  push("incremental = full: edits compared, mismatches", sizes.map((s) => equivalenceCell(rec, s.id)));
  for (const key of MEMORY.filter((k) => rec.metrics.has(k))) {
    const metric = rec.metrics.get(key);
    if (metric) push(`${metric.label}, MB`, sizes.map((s) => cell(metric.bySize[s.id], metric.unit)));
  }
  push("diagnostics, same text: inc/full/naive/CLI (after k keys)", sizes.map((s) => parityCell(rec, s.id)));
  lines.push("");

  const idle = rec.facts["server.idle"] as { rssMb: number } | undefined;
  const phases = (rec.facts["openPosts"] as OpenPostsPhaseFact[] | undefined) ?? [];
  const memory: string[] = [];
  if (idle) memory.push(`idle server (initialized, nothing open) ${fmtMb(idle.rssMb)} MB`);
  for (const p of phases) {
    const mix = p.posts.map((x) => `${x.count} × ${x.size}`).join(" + ");
    if (p.failures > 0 || !Number.isFinite(p.rssMb)) {
      memory.push(`open posts, ${mix}: only ${p.published} of ${p.opened} got diagnostics; ${p.failures} failed: ${p.firstFailure ?? "?"}`);
      continue;
    }
    const edits = p.rssDuringEditsMb;
    memory.push(
      `open posts, ${mix} (incremental, one server${p.closed > 0 ? `, after closing ${p.closed} of the previous phase` : ""}): ${p.opened} opened and linted in ${fmtMs(p.allLintedMs)} ms; RSS ${fmtMb(p.rssMb)} MB (peak ${fmtMb(p.peakMb)} MB); ` +
        `over ${edits.length} edits (${p.editsEach} to each, ${p.editsOne} to one) RSS ${fmtMb(Math.min(...edits))}–${fmtMb(Math.max(...edits))} MB, after them ${fmtMb(p.rssAfterEditsMb)} MB (peak ${fmtMb(p.peakAfterEditsMb)} MB)`,
    );
  }
  const firstOpen = rec.facts["server.firstOpenMs"];
  const naiveFirst = rec.facts["naive.firstLintMs"];
  if (typeof firstOpen === "number") memory.push(`first lint in a fresh server (warm-up post) ${fmtMs(firstOpen)} ms`);
  if (typeof naiveFirst === "number") memory.push(`first naive lint in a fresh process ${fmtMs(naiveFirst)} ms`);
  for (const line of memory) lines.push(line);

  if (rec.bursts.length > 0) {
    lines.push(`typing bursts (incremental; didChange per keystroke, no waiting for diagnostics; staleness = newest version sent − published version, on arrival):`);
    for (const b of rec.bursts) {
      lines.push(
        `  ${b.size} · ${b.keystrokes} keys @${b.cadenceMs} ms (${fmtMs(b.typingMs)} ms): v${b.firstVersion}..v${b.lastVersion}, published [${b.publishedVersions.join(", ")}], max stale ${b.maxStaleness}; first diagnostics ${fmtMs(b.firstPublishAfterMs)} ms after the first key, final ${fmtMs(b.finalLatencyMs)} ms after the last`,
      );
    }
  }
  lines.push("");
  lines.push("targets:");
  for (const t of targets) lines.push(`  ${t.pass === null ? "SKIP" : t.pass ? "PASS" : "FAIL"}  ${t.label}: ${t.detail}`);
  for (const e of Object.values(rec.equivalence)) if (e.firstMismatch) lines.push(`note: first mismatch: ${e.firstMismatch}`);
  for (const note of rec.notes) lines.push(`note: ${note}`);
  lines.push(`results: ${meta.resultsFile}`);
  return lines.join("\n");
}

function equivalenceCell(rec: Recorder, size: string): string {
  const e = rec.equivalence[size];
  if (!e) return "–";
  return `${e.checked} edits, ${e.mismatches} ≠`;
}

function parityCell(rec: Recorder, size: string): string {
  const bySource = rec.counts[size];
  if (!bySource) return "–";
  // The first text that most sources linted (all three, unless one was skipped).
  const sources = ["inc", "full", "naive", "cli"];
  const keystrokes = [...new Set(Object.values(bySource).flatMap((m) => Object.keys(m).map(Number)))].sort((a, b) => a - b);
  const coverage = (k: number): number => sources.filter((s) => bySource[s]?.[k] !== undefined).length;
  const k = keystrokes.reduce((best, k) => (coverage(k) > coverage(best) ? k : best), keystrokes[0] ?? 0);
  const at = (source: string): string => {
    const n = bySource[source]?.[k];
    return n === undefined ? "–" : String(n);
  };
  return `${sources.map(at).join("/")} (k${k})`;
}

/** Texts linted by more than one source whose diagnostic counts differ. */
export function parityMismatches(rec: Recorder): string[] {
  const out: string[] = [];
  for (const [size, bySource] of Object.entries(rec.counts)) {
    const keystrokes = new Set(Object.values(bySource).flatMap((m) => Object.keys(m).map(Number)));
    for (const k of keystrokes) {
      const counts = Object.entries(bySource)
        .map(([source, m]) => [source, m[k]] as const)
        .filter((e): e is readonly [string, number] => e[1] !== undefined);
      if (new Set(counts.map((c) => c[1])).size > 1) {
        out.push(`${size} after ${k} keystrokes: ${counts.map(([s, n]) => `${s} ${n}`).join(", ")}`);
      }
    }
  }
  return out;
}
