/**
 * Derives ratios and targets from the recorded figures, and prints them as one compact table.
 */
import type { BenchContext, Recorder, SizeSpec } from "./context";
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
  naiveOverServer?: number;
  cliOverServer?: number;
  cliOverNaive?: number;
  /** The same ratios on CPU time, which the machine's background load hardly moves. */
  naiveOverServerCpu?: number;
  cliOverServerCpu?: number;
}

export interface Target {
  id: string;
  label: string;
  /** null: not measured in this run (e.g. the case was skipped). */
  pass: boolean | null;
  detail: string;
}

/** What the open-posts case records when some posts never got diagnostics. */
export interface OpenPostsFailure {
  posts: { size: string; count: number }[];
  count: number;
  published: number;
  failures: number;
  firstFailure: string;
  lastPublishedAfterMs: number;
  rssMb: number;
  peakMb: number;
}

export interface OpenPostsFact {
  posts: { size: string; count: number }[];
  count: number;
  allLintedMs: number;
  /** After all of them were opened and linted. */
  rssMb: number;
  peakMb: number;
  edits: number;
  /** After each edit to one of them. */
  rssDuringEditsMb: number[];
  rssAfterEditsMb: number;
  peakAfterEditsMb: number;
}

const ratio = (a: Summary | undefined, b: Summary | undefined): number | undefined =>
  a && b && b.median > 0 ? a.median / b.median : undefined;

export function deriveRatios(rec: Recorder, sizes: SizeSpec[]): Record<string, Ratios> {
  const out: Record<string, Ratios> = {};
  for (const { id } of sizes) {
    const server = rec.get("server.warm", id);
    const naive = rec.get("naive.total", id);
    const cli = rec.get("cli.wall", id);
    const r: Ratios = {};
    const naiveOverServer = ratio(naive, server);
    const cliOverServer = ratio(cli, server);
    const cliOverNaive = ratio(cli, naive);
    const naiveOverServerCpu = ratio(rec.get("naive.cpu", id), rec.get("server.cpu", id));
    const cliOverServerCpu = ratio(rec.get("cli.cpu", id), rec.get("server.cpu", id));
    if (naiveOverServer !== undefined) r.naiveOverServer = naiveOverServer;
    if (cliOverServer !== undefined) r.cliOverServer = cliOverServer;
    if (cliOverNaive !== undefined) r.cliOverNaive = cliOverNaive;
    if (naiveOverServerCpu !== undefined) r.naiveOverServerCpu = naiveOverServerCpu;
    if (cliOverServerCpu !== undefined) r.cliOverServerCpu = cliOverServerCpu;
    out[id] = r;
  }
  return out;
}

export function deriveTargets(rec: Recorder, ratios: Record<string, Ratios>): Target[] {
  const targets: Target[] = [];

  const r5 = ratios["5k"]?.naiveOverServer;
  const server5 = rec.get("server.warm", "5k");
  const naive5 = rec.get("naive.total", "5k");
  targets.push({
    id: "warm-vs-naive-5k",
    label: "warm re-lint ≥ 3× faster than naive on the 5k post",
    pass: r5 === undefined ? null : r5 >= 3,
    detail:
      r5 === undefined || !server5 || !naive5
        ? "not measured"
        : `${fmtRatio(r5)} (server ${fmtMs(server5.median)} ms vs naive ${fmtMs(naive5.median)} ms, medians of wall time; on CPU time ${fmtRatio(ratios["5k"]?.naiveOverServerCpu)})`,
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

  const open = rec.facts["openPosts"] as OpenPostsFact | OpenPostsFailure | undefined;
  const label = `RSS < 600 MB with ${open?.count ?? 20} open posts`;
  if (!open) {
    targets.push({ id: "rss-open-posts", label, pass: null, detail: "not measured" });
  } else if ("failures" in open) {
    targets.push({
      id: "rss-open-posts",
      label,
      pass: null,
      detail: `not measurable: ${open.failures} of ${open.count} posts got no diagnostics (${open.firstFailure}); RSS then ${fmtMb(open.rssMb)} MB, peak ${fmtMb(open.peakMb)} MB`,
    });
  } else {
    // RSS is mostly garbage awaiting collection, so it moves with every lint: judge the highest
    // value seen with all posts open, after opening them and after each of the edits.
    const worst = Math.max(open.rssMb, ...open.rssDuringEditsMb);
    targets.push({
      id: "rss-open-posts",
      label,
      pass: worst < 600,
      detail: `highest ${fmtMb(worst)} MB: ${fmtMb(open.rssMb)} MB once all were linted, then ${open.rssDuringEditsMb.map(fmtMb).join(", ")} MB over ${open.edits} edits to one of them (peak VmHWM ${fmtMb(open.peakAfterEditsMb)} MB)`,
    });
  }
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
  "server.warm",
  "server.lintMs",
  "server.cpu",
  "naive.total",
  "naive.load",
  "naive.cpu",
  "cli.wall",
  "cli.cpu",
  "server-emoji.warm",
  "server-emoji.cpu",
  "server.open",
  "cold.open",
  "cold.spawn",
  "cold.cpu",
];
/** Memory metrics in print order. */
const MEMORY = ["server.rss", "server.peak", "naive.rss", "cold.rss"];
/** In the JSON only. */
const HIDDEN = new Set(["server-emoji.open", "server-emoji.lintMs", "server-emoji.rss", "server-emoji.peak"]);

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
    return `${s.id} = ${p.text.length.toLocaleString("en-US")} chars (${(p.duplicateParagraphShare * 100).toFixed(0)}% repeated paragraphs)`;
  });
  lines.push(`posts from bench/fixtures/post.md (${meta.fixtureChars.toLocaleString("en-US")} chars): ${postList.join(", ")}`);
  const busiest = Math.max(m.loadAverageAtStart[0] ?? 0, m.loadAverageAtEnd?.[0] ?? 0);
  if (busiest > m.cpuCount) {
    lines.push(`NOTE: the machine was busy (load ${busiest.toFixed(1)} on ${m.cpuCount} CPUs): wall times are inflated and noisy; the CPU-time rows and ratios are the comparable ones`);
  }
  const nodeArgs = ctx.config.serverNodeArgs.length > 0 ? `node ${ctx.config.serverNodeArgs.join(" ")} ` : "";
  lines.push(`server: ${nodeArgs}dist/server.js --stdio, settings ${JSON.stringify(ctx.config.settings)}; cells: median / p95 (n), ms unless marked MB`);
  lines.push("");

  const labelWidth = 52;
  const colWidth = 24;
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
  push("ratio naive / server warm re-lint", sizes.map((s) => fmtRatio(ratios[s.id]?.naiveOverServer)));
  push("ratio CLI / server warm re-lint", sizes.map((s) => fmtRatio(ratios[s.id]?.cliOverServer)));
  push("ratio CLI / naive", sizes.map((s) => fmtRatio(ratios[s.id]?.cliOverNaive)));
  push("ratio naive / server, CPU time", sizes.map((s) => fmtRatio(ratios[s.id]?.naiveOverServerCpu)));
  push("ratio CLI / server, CPU time", sizes.map((s) => fmtRatio(ratios[s.id]?.cliOverServerCpu)));
  push("ratio server with 1 emoji / without, CPU time", sizes.map((s) => fmtRatio(ratio(rec.get("server-emoji.cpu", s.id), rec.get("server.cpu", s.id)))));
  for (const key of MEMORY.filter((k) => rec.metrics.has(k))) {
    const metric = rec.metrics.get(key);
    if (metric) push(`${metric.label}, MB`, sizes.map((s) => cell(metric.bySize[s.id], metric.unit)));
  }
  push("diagnostics, same text: server / naive / CLI", sizes.map((s) => parityCell(rec, s.id)));
  lines.push("");

  const idle = rec.facts["server.idle"] as { rssMb: number } | undefined;
  const open = rec.facts["openPosts"] as OpenPostsFact | OpenPostsFailure | undefined;
  const memory: string[] = [];
  if (idle) memory.push(`idle server (initialized, nothing open) ${fmtMb(idle.rssMb)} MB`);
  if (open && "failures" in open) {
    memory.push(
      `${open.count} open posts opened together (fresh server): only ${open.published} got diagnostics (last after ${fmtMs(open.lastPublishedAfterMs)} ms); ${open.failures} failed: ${open.firstFailure}`,
    );
  } else if (open) {
    const mix = open.posts.map((p) => `${p.count} × ${p.size}`).join(" + ");
    memory.push(
      `${open.count} open posts (${mix}, opened together, fresh server): all linted ${fmtMs(open.allLintedMs)} ms after the first didOpen; RSS ${fmtMb(open.rssMb)} MB (peak ${fmtMb(open.peakMb)} MB); after ${open.edits} edits to one: RSS ${fmtMb(open.rssAfterEditsMb)} MB (peak ${fmtMb(open.peakAfterEditsMb)} MB)`,
    );
  }
  const firstOpen = rec.facts["server.firstOpenMs"];
  const naiveFirst = rec.facts["naive.firstLintMs"];
  if (typeof firstOpen === "number") memory.push(`first lint in a fresh server (warm-up post) ${fmtMs(firstOpen)} ms`);
  if (typeof naiveFirst === "number") memory.push(`first naive lint in a fresh process ${fmtMs(naiveFirst)} ms`);
  for (const line of memory) lines.push(line);

  if (rec.bursts.length > 0) {
    lines.push(`typing bursts (didChange per keystroke, no waiting for diagnostics; staleness = newest version sent − published version, on arrival):`);
    for (const b of rec.bursts) {
      lines.push(
        `  ${b.size} · ${b.keystrokes} keys @${b.cadenceMs} ms (${fmtMs(b.typingMs)} ms): v${b.firstVersion}..v${b.lastVersion}, published [${b.publishedVersions.join(", ")}], max stale ${b.maxStaleness}; first diagnostics ${fmtMs(b.firstPublishAfterMs)} ms after the first key, final ${fmtMs(b.finalLatencyMs)} ms after the last`,
      );
    }
  }
  lines.push("");
  lines.push("targets:");
  for (const t of targets) lines.push(`  ${t.pass === null ? "SKIP" : t.pass ? "PASS" : "FAIL"}  ${t.label}: ${t.detail}`);
  for (const note of rec.notes) lines.push(`note: ${note}`);
  lines.push(`results: ${meta.resultsFile}`);
  return lines.join("\n");
}

function parityCell(rec: Recorder, size: string): string {
  const bySource = rec.counts[size];
  if (!bySource) return "–";
  // The first text that most sources linted (all three, unless one was skipped).
  const sources = ["server", "naive", "cli"];
  const keystrokes = [...new Set(Object.values(bySource).flatMap((m) => Object.keys(m).map(Number)))].sort((a, b) => a - b);
  const coverage = (k: number): number => sources.filter((s) => bySource[s]?.[k] !== undefined).length;
  const k = keystrokes.reduce((best, k) => (coverage(k) > coverage(best) ? k : best), keystrokes[0] ?? 0);
  const at = (source: string): string => {
    const n = bySource[source]?.[k];
    return n === undefined ? "–" : String(n);
  };
  return `${sources.map(at).join(" / ")} (key ${k})`;
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
