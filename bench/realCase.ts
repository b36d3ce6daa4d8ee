/**
 * The `real` case (issue 12, "Fast and sturdy on real posts"): real-shaped posts
 * (test/helpers/realPost.ts: link lists and headings without 「。」, footnotes, reference links,
 * emoji in flagged paragraphs, tables, Zenn fences and containers, English next to Japanese) of
 * about 5k, 20k and 100k characters, linted by the incremental server as shipped and, as the
 * in-run baseline, by the full server (`lint.incremental: false`: a fresh full lint of the whole
 * text on every change, which is vscode-textlint's approach). Per size:
 *
 * 1. **First diagnostics**: didOpen → first publishDiagnostics of posts neither server has seen
 *    (several seeds at 5k and 20k), in both servers in turn; the same for the bench's generated
 *    post of that size (test/helpers/corpusPost.ts), and at 5k and 20k the naive way (fresh
 *    createLinter + lintText, bench/naive.ts) of the first real post.
 * 2. **Per edit**: one-character edits typed at six kinds of places (realEdits.ts), each timed
 *    didChange → publishDiagnostics of that version in the incremental server and then in the
 *    full server on the same text.
 * 3. **Equivalence**: every incremental result (the opens and every edit, warm-up included) is
 *    compared with the full server's for the same text, diagnostic for diagnostic.
 * 4. RSS of both servers after each size's edits.
 *
 * A full lint of a real-shaped 100k post takes minutes (sentence-splitter's per-paragraph cost
 * grows with the paragraph's offset), so the servers get a larger time budget than the other
 * cases' and the 100k size types only one keystroke at each of three places.
 */
import type { Diagnostic } from "vscode-languageserver-protocol";
import { makeRealPost, realPostShapes, type RealPostShapes } from "../test/helpers/realPost";
import type { BenchCase, BenchContext, Recorder } from "./context";
import { LspSession } from "../test/helpers/lspHarness";
import { NaiveLinter } from "./naive";
import { PLACE_LABELS, realTypingPlan, type PlaceId } from "./realEdits";
import type { Target } from "./report";
import { describeMismatch, fingerprint, openAndWait } from "./servers";

export interface RealSizeSpec {
  id: string;
  chars: number;
  /** Posts (seeds 1..opens) opened in both servers for the first-diagnostics figures; the first is then edited. */
  opens: number;
  /** Measured keystrokes at each place (realEdits.ts). */
  perPlace: number;
  /** The places typed at (default: all six). */
  places?: PlaceId[];
  /** Unmeasured keystrokes first (at the first place), linted and compared all the same. */
  warmUp: number;
  /** Also lint the first post the naive way (a fresh linter; minutes at 100k, so not there). */
  naive: boolean;
  /**
   * The first keystroke at each place is typed into the incremental server alone, unmeasured and
   * not compared, right before the measured ones (perPlace counts both). At 100k each full lint
   * keeps the incremental server idle for minutes, and on this VM the first keystroke after such a
   * pause pays for memory the host reclaimed meanwhile (measured: ~250 ms after 90 s idle, ~100 ms
   * for the next ones, whatever V8's flags): that is a pause, not typing. Its time is a row of its own.
   */
  primed?: boolean;
}

export const REAL = {
  sizes: [
    { id: "5k", chars: 5_000, opens: 3, perPlace: 4, warmUp: 1, naive: true },
    { id: "20k", chars: 20_000, opens: 2, perPlace: 3, warmUp: 1, naive: true },
    // Each compared keystroke at 100k costs a full lint of minutes in the full server (the baseline
    // and the reference), so three places only, each primed (see `primed`).
    { id: "100k", chars: 100_000, opens: 1, perPlace: 2, warmUp: 0, naive: false, places: ["paragraph", "link-list", "footnote"], primed: true },
  ] as RealSizeSpec[],
  /** Seed of the warm-up post (no measured post shares its sentences). */
  warmUpSeed: 1000,
  /**
   * lint.timeBudgetMs for both servers: the worker's hard limit is ten times it, and a full lint
   * of the 100k post takes minutes on a busy machine.
   */
  timeBudgetMs: 300_000,
};

/** How long to wait for one lint of a real-shaped post before calling it stuck. */
const realTimeoutMs = (chars: number): number => 120_000 + chars * 30;

/** Targets (issue 12). */
const LIMITS = { editMedianMs: { "20k": 50, "100k": 150 } as Record<string, number>, p95OverMedian: 3, firstSpeedup: { "20k": 2, "100k": 4 } as Record<string, number> };

export interface RealEquivalence {
  /** Texts compared (opens and edits), of which edits, and measured edits. */
  checked: number;
  edits: number;
  measured: number;
  mismatches: number;
  diagnostics: number;
  firstMismatch?: string;
}

interface RealSizeFact {
  shapes: RealPostShapes;
  /** Diagnostics of the first post as opened (incremental server). */
  diagnostics: number;
  equivalence: RealEquivalence;
  places: Record<string, string>;
}

const key = (what: string): string => `real.${what}`;

function settings(ctx: BenchContext, incremental: boolean): Record<string, unknown> {
  const base = ctx.config.settings as { lint?: Record<string, unknown> };
  return { ...base, lint: { ...base.lint, timeBudgetMs: REAL.timeBudgetMs, incremental, visibleFirst: incremental } };
}

interface Published {
  ms: number;
  cpuMs: number;
  lintMs: number;
  diagnostics: Diagnostic[];
}

/** Sends the change from what `server` holds to `text` (one keystroke, or what it has not seen yet) and waits. */
async function changeTo(server: LspSession, uri: string, text: string): Promise<Published> {
  const old = server.text(uri);
  let start = 0;
  while (start < old.length && start < text.length && old[start] === text[start]) start++;
  let end = 0;
  while (end < old.length - start && end < text.length - start && old[old.length - 1 - end] === text[text.length - 1 - end]) end++;
  const from = server.diagnostics.all.length;
  const statusFrom = server.statuses.all.length;
  const cpuBefore = server.cpuMs();
  const { version, sentAt } = await server.edit(uri, start, old.length - end - start, text.slice(start, text.length - end));
  const published = await server.nextDiagnosticsOrError(uri, version, realTimeoutMs(text.length), from);
  const cpuMs = server.cpuMs() - cpuBefore;
  const status = await server.statuses.next((s) => s.uri === uri && s.lastLintMs !== undefined, 10_000, statusFrom);
  return { ms: published.at - sentAt, cpuMs, lintMs: status.lastLintMs ?? NaN, diagnostics: published.diagnostics };
}

async function warmUp(ctx: BenchContext, server: LspSession): Promise<void> {
  const text = makeRealPost(5_000, REAL.warmUpSeed).text;
  const { uri } = await openAndWait(ctx, server, "real-warm-up.md", text, realTimeoutMs(text.length));
  // Two keystrokes too, so the edit path is compiled before anything is measured.
  const plan = realTypingPlan(text, 1, 0, ["paragraph", "link-list"]);
  for (let k = 1; k <= plan.keystrokes.length; k++) await changeTo(server, uri, plan.textAfter(k));
  await server.close(uri);
}

export const realCase: BenchCase = {
  id: "real",
  description: "real-shaped posts (issue 12; test/helpers/realPost.ts) of 5k/20k/100k: first diagnostics and per-edit re-lint at six kinds of places, incremental vs the full server (a fresh full lint per change, vscode-textlint's way) in turn on the same texts, every result compared",
  async run(ctx) {
    const sizes = REAL.sizes.filter((s) => ctx.sizes.some((c) => c.id === s.id));
    const start = (incremental: boolean): Promise<LspSession> =>
      LspSession.start({ workspaceFolders: [ctx.workDir], settings: settings(ctx, incremental), nodeArgs: ctx.config.serverNodeArgs });
    const inc = await start(true);
    const full = await start(false);
    const naive = new NaiveLinter(ctx.configFile);
    const facts: Record<string, RealSizeFact> = {};
    ctx.rec.fact("real.sizes", facts);
    try {
      await Promise.all([warmUp(ctx, inc), warmUp(ctx, full), naive.lint(makeRealPost(5_000, REAL.warmUpSeed).text, `${ctx.workDir}/naive-warm-up.md`)]);
      for (const size of sizes) {
        const started = performance.now();
        try {
          facts[size.id] = await measureSize(ctx, size, inc, full, naive);
        } catch (e) {
          ctx.rec.notes.push(`real ${size.id} stopped early: ${(e as Error).message}`);
          ctx.log(`  real ${size.id} stopped early: ${(e as Error).stack ?? e}`);
        }
        ctx.log(`  real ${size.id} took ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    } finally {
      naive.stop();
      await Promise.all([inc.stop(), full.stop()]);
    }
  },
};

async function measureSize(ctx: BenchContext, size: RealSizeSpec, inc: LspSession, full: LspSession, naive: NaiveLinter): Promise<RealSizeFact> {
  const timeout = realTimeoutMs(size.chars);
  const eq: RealEquivalence = { checked: 0, edits: 0, measured: 0, mismatches: 0, diagnostics: 0 };
  const compare = (what: string, incremental: Diagnostic[], reference: Diagnostic[]): void => {
    eq.checked++;
    eq.diagnostics += reference.length;
    if (fingerprint(incremental) === fingerprint(reference)) return;
    eq.mismatches++;
    eq.firstMismatch ??= describeMismatch(`real ${size.id} ${what}`, incremental, reference);
    ctx.log(`  real ${size.id} ${what}: MISMATCH`);
  };

  // 1. First diagnostics: posts neither server has seen, in both servers in turn (alternating who goes first).
  const posts = Array.from({ length: size.opens }, (_, i) => makeRealPost(size.chars, i + 1).text);
  const incOpen: number[] = [];
  const incVisible: number[] = [];
  const fullOpen: number[] = [];
  let edited: { inc: string; full: string; diagnostics: number } | undefined;
  for (const [i, text] of posts.entries()) {
    const name = (server: string): string => `real-${size.id}-${i + 1}-${server}.md`;
    const order = i % 2 === 0 ? (["inc", "full"] as const) : (["full", "inc"] as const);
    const opened: Record<string, { uri: string; ms: number; firstMs: number; diagnostics: Diagnostic[] }> = {};
    for (const which of order) {
      await Promise.all([inc.settle(), full.settle()]);
      opened[which] = await openAndWait(ctx, which === "inc" ? inc : full, name(which), text, timeout);
    }
    const [a, b] = [opened["inc"]!, opened["full"]!];
    incOpen.push(a.ms);
    incVisible.push(a.firstMs);
    fullOpen.push(b.ms);
    compare(`post ${i + 1} as opened`, a.diagnostics, b.diagnostics);
    ctx.log(`  real ${size.id} post ${i + 1} (${text.length} chars): first diagnostics incremental ${Math.round(a.ms)} ms, full ${Math.round(b.ms)} ms (${b.diagnostics.length} diagnostics)`);
    if (i === 0) edited = { inc: a.uri, full: b.uri, diagnostics: a.diagnostics.length };
    else await Promise.all([inc.close(a.uri), full.close(b.uri)]);
  }
  if (!edited) throw new Error("no post opened");
  ctx.rec.sample(key("inc.open"), "real post: incremental, didOpen → first diagnostics", "ms", size.id, incOpen);
  ctx.rec.sample(key("inc.visible"), "real post: incremental, didOpen → visible lines' diag.", "ms", size.id, incVisible);
  ctx.rec.sample(key("full.open"), "real post: full server (baseline), didOpen → first diag.", "ms", size.id, fullOpen);
  if (size.naive) {
    const r = await naive.lint(posts[0]!, `${ctx.workDir}/real-naive-${size.id}.md`);
    ctx.rec.sample(key("naive.open"), "real post: naive fresh createLinter + lintText", "ms", size.id, [r.totalMs]);
  }
  // The bench's generated post of the same size, for comparison (relint's didOpen rows, in this run).
  const generated = ctx.post(size.id).text;
  for (const [which, server] of [["inc", inc], ["full", full]] as const) {
    const g = await openAndWait(ctx, server, `real-generated-${size.id}-${which}.md`, generated, timeout);
    ctx.rec.sample(key(`gen.${which}.open`), `generated post: ${which === "inc" ? "incremental" : "full server"}, didOpen → first diag.`, "ms", size.id, [g.ms]);
    ctx.log(`  real ${size.id} generated post: first diagnostics ${which} ${Math.round(g.ms)} ms`);
    await server.close(g.uri);
  }

  // 2. Per edit, incremental then full on the same text; 3. every result compared.
  const plan = realTypingPlan(posts[0]!, size.perPlace, size.warmUp, size.places);
  const samples = { inc: [] as Published[], full: [] as Published[] };
  const byPlace = new Map<PlaceId, number[]>();
  const afterIdle: number[] = [];
  for (let k = 1; k <= plan.keystrokes.length; k++) {
    const text = plan.textAfter(k);
    const place = plan.keystrokes[k - 1]!.place;
    if (size.primed && plan.keystrokes[k - 2]?.place !== place) {
      await full.settle();
      const primer = await changeTo(inc, edited.inc, text);
      afterIdle.push(primer.ms);
      ctx.log(`  real ${size.id} keystroke ${k} (primer, not compared) ${place}: incremental ${Math.round(primer.ms)} ms (lint ${Math.round(primer.lintMs)}, CPU ${Math.round(primer.cpuMs)})`);
      continue;
    }
    // Each server measured on a machine the other has left quiet, as a writer's editor runs alone.
    await full.settle();
    const a = await changeTo(inc, edited.inc, text);
    await inc.settle();
    const b = await changeTo(full, edited.full, text);
    eq.edits++;
    compare(`after keystroke ${k} (${place})`, a.diagnostics, b.diagnostics);
    const measured = k > size.warmUp;
    if (measured) {
      eq.measured++;
      samples.inc.push(a);
      samples.full.push(b);
      byPlace.set(place, [...(byPlace.get(place) ?? []), a.ms]);
    }
    ctx.log(`  real ${size.id} keystroke ${k}${measured ? "" : " (warm-up)"} ${place}: incremental ${Math.round(a.ms)} ms (lint ${Math.round(a.lintMs)}, CPU ${Math.round(a.cpuMs)}), full ${Math.round(b.ms)} ms (CPU ${Math.round(b.cpuMs)}), ${b.diagnostics.length} diagnostics`);
  }
  ctx.rec.sample(key("inc.edit"), "real post: incremental re-lint per edit (didChange → diag.)", "ms", size.id, samples.inc.map((s) => s.ms));
  ctx.rec.sample(key("inc.afterIdle"), "  first keystroke after minutes idle (primer, see realCase.ts)", "ms", size.id, afterIdle);
  ctx.rec.sample(key("inc.lintMs"), "  of which lint in the worker (status lastLintMs)", "ms", size.id, samples.inc.map((s) => s.lintMs));
  ctx.rec.sample(key("inc.cpu"), "  incremental server CPU per edit (all threads)", "ms", size.id, samples.inc.map((s) => s.cpuMs));
  for (const [place, ms] of byPlace) ctx.rec.sample(key(`inc.edit.${place}`), `  ${PLACE_LABELS[place]}`, "ms", size.id, ms);
  ctx.rec.sample(key("full.edit"), "real post: full re-lint per edit (baseline)", "ms", size.id, samples.full.map((s) => s.ms));
  ctx.rec.sample(key("full.cpu"), "  full server CPU per edit (all threads)", "ms", size.id, samples.full.map((s) => s.cpuMs));

  // 4. Memory, then close.
  for (const [which, server] of [["inc", inc], ["full", full]] as const) {
    const memory = server.memory();
    const label = which === "inc" ? "real posts: incremental server" : "real posts: full server";
    ctx.rec.sample(key(`${which}.rss`), `${label} RSS after the edits`, "MB", size.id, [memory.rssMb]);
    ctx.rec.sample(key(`${which}.peak`), `${label} peak RSS (VmHWM)`, "MB", size.id, [memory.peakMb]);
  }
  await Promise.all([inc.close(edited.inc), full.close(edited.full)]);
  ctx.log(`  real ${size.id}: incremental vs full on ${eq.checked} texts (${eq.edits} edits): ${eq.mismatches} mismatches`);
  const places = Object.fromEntries(plan.keystrokes.map((k) => [k.place, PLACE_LABELS[k.place]]));
  return { shapes: realPostShapes(posts[0]!), diagnostics: edited.diagnostics, equivalence: eq, places };
}

/** Metric keys in print order (report.ts places them after the other cases' rows). */
export const REAL_ORDER = [
  "real.inc.visible",
  "real.inc.open",
  "real.full.open",
  "real.naive.open",
  "real.gen.inc.open",
  "real.gen.full.open",
  "real.inc.edit",
  "real.inc.lintMs",
  "real.inc.cpu",
  ...(Object.keys(PLACE_LABELS) as PlaceId[]).map((p) => `real.inc.edit.${p}`),
  "real.full.edit",
  "real.full.cpu",
];
export const REAL_MEMORY = ["real.inc.rss", "real.inc.peak", "real.full.rss", "real.full.peak"];

const fmt = (ms: number | undefined): string => (ms === undefined || !Number.isFinite(ms) ? "–" : ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US"));
const ratioOf = (a: number | undefined, b: number | undefined): number | undefined => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);
const fmtRatio = (r: number | undefined): string => (r === undefined ? "–" : `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`);

function sizesOf(rec: Recorder): [string, RealSizeFact][] {
  return Object.entries((rec.facts["real.sizes"] as Record<string, RealSizeFact> | undefined) ?? {});
}

/** Summary lines (before the targets): the posts' shapes, the ratios to the baseline, equivalence. */
export function realLines(rec: Recorder): string[] {
  const sizes = sizesOf(rec);
  if (sizes.length === 0) return [];
  const median = (metric: string, size: string): number | undefined => rec.get(key(metric), size)?.median;
  const lines = ["real-shaped posts (test/helpers/realPost.ts, seed 1 edited; ratios are baseline / incremental, medians of wall time):"];
  for (const [size, f] of sizes) {
    const s = f.shapes;
    lines.push(
      `  ${size} = ${s.chars.toLocaleString("en-US")} chars: ${s.headings} headings, ${s.linkItems} link items + ${s.bareUrls} bare URLs, ${s.footnoteRefs} footnote refs / ${s.footnoteDefinitions} definitions, ${s.referenceDefinitions} reference links, ` +
        `${s.emoji.total} emoji, ${s.tables} tables, ${s.fences} fences (${s.fencesWithFileName} with file names), ${s.messages} :::message, ${s.details} :::details, ${s.images} images, ${s.blockquotes} quote lines, ${s.nestedItems} nested items; ` +
        `longest run without a 「。」 paragraph ${s.longestRunWithoutPeriod.chars.toLocaleString("en-US")} chars (${s.longestRunWithoutPeriod.blocks} blocks); ${f.diagnostics} diagnostics`,
    );
    lines.push(
      `    first diagnostics full / incremental ${fmtRatio(ratioOf(median("full.open", size), median("inc.open", size)))} (generated post: ${fmtRatio(ratioOf(median("gen.full.open", size), median("gen.inc.open", size)))}` +
        `${median("naive.open", size) !== undefined ? `; naive / incremental ${fmtRatio(ratioOf(median("naive.open", size), median("inc.open", size)))}` : ""}); ` +
        `per edit full / incremental ${fmtRatio(ratioOf(median("full.edit", size), median("inc.edit", size)))} (CPU ${fmtRatio(ratioOf(median("full.cpu", size), median("inc.cpu", size)))}); ` +
        `real / generated incremental first diagnostics ${fmtRatio(ratioOf(median("inc.open", size), median("gen.inc.open", size)))}; ` +
        `incremental = full: ${f.equivalence.checked} texts (${f.equivalence.edits} edits), ${f.equivalence.mismatches} mismatches`,
    );
    if (f.equivalence.firstMismatch) lines.push(`    first mismatch: ${f.equivalence.firstMismatch}`);
  }
  return lines;
}

export function realTargets(rec: Recorder): Target[] {
  const sizes = sizesOf(rec);
  const ran = sizes.length > 0;
  const targets: Target[] = [];
  for (const [size, limit] of Object.entries(LIMITS.editMedianMs)) {
    const s = rec.get(key("inc.edit"), size);
    const f = rec.get(key("full.edit"), size);
    targets.push({
      id: `real-edit-${size}`,
      label: `real ${size} post: incremental re-lint per edit ≤ ${limit} ms (median)`,
      pass: s ? s.median <= limit : null,
      detail: s ? `median ${fmt(s.median)} ms, p95 ${fmt(s.p95)} ms over ${s.n} edits; full re-lint ${fmt(f?.median)} ms = ${fmtRatio(ratioOf(f?.median, s.median))}` : ran ? "not measured (size skipped or failed)" : "not measured",
    });
  }
  const spread = sizes.map(([size]) => [size, rec.get(key("inc.edit"), size)] as const).filter((e) => e[1] !== undefined);
  targets.push({
    id: "real-edit-p95",
    label: `real posts: per-edit p95 ≤ ${LIMITS.p95OverMedian}× median (incremental)`,
    pass: spread.length === 0 ? null : spread.every(([, s]) => s!.p95 <= LIMITS.p95OverMedian * s!.median),
    detail: spread.length === 0 ? "not measured" : spread.map(([size, s]) => `${size} ${fmt(s!.p95)} / ${fmt(s!.median)} ms = ${fmtRatio(ratioOf(s!.p95, s!.median))}`).join(", "),
  });
  for (const [size, factor] of Object.entries(LIMITS.firstSpeedup)) {
    const i = rec.get(key("inc.open"), size);
    const f = rec.get(key("full.open"), size);
    const r = ratioOf(f?.median, i?.median);
    targets.push({
      id: `real-first-${size}`,
      label: `real ${size} post: first diagnostics ≥ ${factor}× faster than a fresh full lint`,
      pass: r === undefined ? null : r >= factor,
      detail: r === undefined ? "not measured" : `incremental ${fmt(i?.median)} ms vs full server ${fmt(f?.median)} ms (didOpen → diagnostics, ${i?.n === 1 ? "1 post" : `medians over ${i?.n} posts`}): ${fmtRatio(r)}`,
    });
  }
  // Visible first: the bench client sends no visible ranges, so the server takes a new editor's top
  // lines (1–60); posts under 8,000 characters are linted whole at once (the same publish).
  const visible = sizes.map(([size]) => [size, rec.get(key("inc.visible"), size)] as const).filter(([, s]) => s !== undefined);
  targets.push({
    id: "real-visible-first",
    label: "real posts: first diagnostics for the visible screen ≤ 1 s (every size, slowest median)",
    pass: visible.length === 0 ? null : visible.every(([, s]) => (s?.median ?? Infinity) <= 1000),
    detail: visible.length === 0 ? "not measured" : visible.map(([size, s]) => `${size} ${fmt(s?.median)} ms`).join(", "),
  });
  const compared = sizes.map(([, f]) => f.equivalence);
  const mismatches = compared.reduce((a, e) => a + e.mismatches, 0);
  const uncovered = compared.some((e) => e.edits === 0);
  targets.push({
    id: "real-identical",
    label: "real posts: incremental results identical to the full lint on every measured edit",
    pass: compared.length === 0 ? null : mismatches === 0 && !uncovered,
    detail: compared.length === 0 ? "not compared" : `${mismatches} mismatches over ${compared.reduce((a, e) => a + e.checked, 0)} texts (${sizes.map(([size, f]) => `${size}: ${f.equivalence.edits} edits, ${f.equivalence.measured} measured, + ${f.equivalence.checked - f.equivalence.edits} opens`).join("; ")})`,
  });
  return targets;
}
