/**
 * The bench cases, run in this order by run.ts. Each records its figures in ctx.rec under metric
 * keys that report.ts knows how to print; run.ts derives the ratios and targets from them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { measureCodeActions } from "./codeActions";
import { measureFrontmatter } from "./frontmatter";
import { measurePreview } from "./preview";
import { measurePreviewPaint } from "./previewPaint";
import { measureProjectConfig } from "./projectConfig";
import { lintTimeoutMs, sleep, type BenchCase, type BenchContext, type BurstResult, type Equivalence, type SizeSpec } from "./context";
import type { Post } from "../test/helpers/corpusPost";
import { typingPlan, type TypingPlan } from "./editPlan";
import { LspSession } from "../test/helpers/lspHarness";
import { NaiveLinter, runCli } from "./naive";
import { realCase } from "./realCase";
import { secondWorkerCase } from "./secondWorker";
import { cliCheckCase } from "./cliCheck";
import type { OpenPostsPhaseFact } from "./report";
import { describeMismatch, fingerprint, openAndWait } from "./servers";

/** Section-numbering round of the warm-up post: far from every measured post's. */
const WARM_UP_VARIANT = 100;

type Mode = "incremental" | "full";

async function startServer(ctx: BenchContext, mode: Mode = "incremental"): Promise<LspSession> {
  return LspSession.start({
    workspaceFolders: [ctx.workDir],
    settings: mode === "incremental" ? ctx.config.settings : ctx.config.fullSettings,
    nodeArgs: ctx.config.serverNodeArgs,
  });
}

/**
 * Loads the worker, its linter and the analyser's dictionary, so later figures are warm. It lints
 * a variant of the smallest post whose sentences no measured post repeats (no token-cache head start).
 */
async function warmUp(ctx: BenchContext, server: LspSession): Promise<number> {
  const { uri, ms } = await openAndWait(ctx, server, "warm-up.md", ctx.post(ctx.sizes[0]?.id ?? "5k", WARM_UP_VARIANT).text);
  await server.close(uri);
  return ms;
}

/**
 * One way of linting a post after each keystroke. The re-lint case runs the contenders in turn on
 * the same texts, keystroke by keystroke, so a change in the machine's background load hits them
 * alike and the ratios stay fair.
 */
interface ChangeResult {
  /** Wall time of the change, as the writer waits for it. */
  ms: number;
  /** CPU time spent on it by the linting process (all threads). */
  cpuMs: number;
  diagnostics: number;
}

type Step = "skip" | "warm-up" | "measured";

interface Contender {
  id: string;
  /** How many keystrokes of the typing plan its text already holds when opened. */
  openAt(size: SizeSpec): number;
  /** Whether it lints the text after `k` keystrokes, and whether that lint is measured. */
  step(size: SizeSpec, k: number): Step;
  /** Whether it lints the same texts as the others (then their diagnostic counts must agree). */
  sameText: boolean;
  open(size: SizeSpec, post: Post): Promise<void>;
  change(keystrokes: number, measured: boolean): Promise<ChangeResult>;
  /** Records this size's figures and closes the post. */
  close(size: SizeSpec, samples: ChangeResult[]): Promise<void>;
  dispose(): Promise<void>;
}

interface ServerVariant {
  id: string;
  label: string;
  lintLabel: string;
  cpuLabel: string;
  openLabel: string;
  /** The post as this variant opens it. */
  text(post: Post): string;
  /** Measured edits, and how many warm-up edits it lints before them (of the size's warm-ups). */
  runs(size: SizeSpec): number;
  warmUps(size: SizeSpec): number;
  /** Whether its texts equal the naive way's and the CLI's (so diagnostic counts must agree). */
  sameText: boolean;
}

const incrementalServer: ServerVariant = {
  id: "inc",
  label: "incremental re-lint: didChange → diagnostics",
  lintLabel: "  of which lint in the worker (status lastLintMs)",
  cpuLabel: "  incremental server CPU per re-lint (all threads)",
  openLabel: "incremental server: didOpen → diagnostics",
  text: (post) => post.text,
  runs: (size) => size.edits,
  warmUps: (size) => size.warmupEdits,
  sameText: true,
};

/**
 * `lint.incremental: false`: the whole document on every change (the warm linter of issue 2). On
 * the slow sizes it opens the post with the warm-up keystrokes already typed (a 100k lint is long
 * enough to be its own warm-up) and measures fewer edits.
 */
const fullServer: ServerVariant = {
  id: "full",
  label: "full re-lint (lint.incremental false): didChange → diagnostics",
  lintLabel: "  of which lint in the worker (status lastLintMs)",
  cpuLabel: "  full server CPU per re-lint (all threads)",
  openLabel: "full server: didOpen → diagnostics",
  text: (post) => post.text,
  runs: (size) => Math.min(size.fullEdits, size.edits),
  warmUps: (size) => (size.slow ? 0 : size.warmupEdits),
  sameText: true,
};

/**
 * The same post with one emoji in a paragraph that has a problem: the engine's position
 * correction for code-point-counting rules (core/lint/astralShadow.ts) then lints a shadow copy of the
 * document as well (incrementally too, with its own cache).
 */
const emojiServer: ServerVariant = {
  id: "emoji",
  label: "incremental re-lint, 1 emoji in a flagged paragraph",
  lintLabel: "  of which lint in the worker, 1 emoji",
  cpuLabel: "  server CPU per re-lint, 1 emoji",
  openLabel: "incremental server: didOpen → diagnostics, 1 emoji",
  text: (post) => {
    // Every round of the fixture's summary has 「一つ一つ」, which the preset flags: the emoji opens its paragraph.
    const at = post.text.indexOf("一つ一つ");
    if (at < 0) throw new Error("the fixture's summary paragraph is missing; update emojiServer");
    const paragraph = post.text.lastIndexOf("\n\n", at) + 2;
    return `${post.text.slice(0, paragraph)}🎉 ${post.text.slice(paragraph)}`;
  },
  runs: (size) => size.emojiEdits,
  warmUps: (size) => size.warmupEdits,
  sameText: false,
};

function serverSteps(variant: ServerVariant): Pick<Contender, "openAt" | "step"> {
  return {
    openAt: (size) => size.warmupEdits - Math.min(size.warmupEdits, variant.warmUps(size)),
    step(size, k) {
      const first = size.warmupEdits - Math.min(size.warmupEdits, variant.warmUps(size));
      if (k <= first || k > size.warmupEdits + variant.runs(size)) return "skip";
      return k <= size.warmupEdits ? "warm-up" : "measured";
    },
  };
}

function serverContender(ctx: BenchContext, server: LspSession, variant: ServerVariant, onPublished?: (keystrokes: number, diagnostics: Diagnostic[]) => void): Contender {
  let uri = "";
  let plan: TypingPlan | undefined;
  let textLength = 0;
  const lintTimes: number[] = [];
  const key = (metric: string): string => `${variant.id}.${metric}`;
  const steps = serverSteps(variant);
  return {
    id: variant.id,
    ...steps,
    sameText: variant.sameText,
    async open(size, post) {
      const base = variant.text(post);
      plan = typingPlan(base);
      const at = steps.openAt(size);
      const text = plan.textAfter(at);
      const opened = await openAndWait(ctx, server, `relint-${variant.id}-${size.id}.md`, text);
      ctx.rec.sample(key("open"), variant.openLabel, "ms", size.id, [opened.ms]);
      if (variant.sameText) ctx.rec.count(size.id, variant.id, at, opened.diagnostics.length);
      onPublished?.(at, opened.diagnostics);
      uri = opened.uri;
      textLength = text.length;
      lintTimes.length = 0;
    },
    async change(keystrokes, measured) {
      if (!plan) throw new Error("not open");
      const i = keystrokes - 1;
      const from = server.diagnostics.all.length;
      const statusFrom = server.statuses.all.length;
      const cpuBefore = server.cpuMs();
      const { version, sentAt } = await server.edit(uri, plan.offset + i, 0, plan.char(i));
      const published = await server.nextDiagnosticsOrError(uri, version, lintTimeoutMs(textLength), from);
      const cpuMs = server.cpuMs() - cpuBefore;
      const status = await server.statuses.next((s) => s.uri === uri && s.lastLintMs !== undefined, 10_000, statusFrom);
      if (measured) lintTimes.push(status.lastLintMs ?? NaN);
      onPublished?.(keystrokes, published.diagnostics);
      return { ms: published.at - sentAt, cpuMs, diagnostics: published.diagnostics.length };
    },
    async close(size, samples) {
      ctx.rec.sample(key("warm"), variant.label, "ms", size.id, samples.map((s) => s.ms));
      ctx.rec.sample(key("lintMs"), variant.lintLabel, "ms", size.id, lintTimes);
      ctx.rec.sample(key("cpu"), variant.cpuLabel, "ms", size.id, samples.map((s) => s.cpuMs));
      const memory = server.memory();
      ctx.rec.sample(key("rss"), `${variant.id === "full" ? "full" : "incremental"} server RSS after this size's edits`, "MB", size.id, [memory.rssMb]);
      ctx.rec.sample(key("peak"), `${variant.id === "full" ? "full" : "incremental"} server peak RSS so far (VmHWM)`, "MB", size.id, [memory.peakMb]);
      if (uri) await server.close(uri);
      uri = "";
    },
    dispose: async () => undefined,
  };
}

async function naiveContender(ctx: BenchContext): Promise<Contender> {
  const naive = new NaiveLinter(ctx.configFile);
  const file = path.join(ctx.workDir, "naive.md");
  // The process's first lint loads the analyser's dictionary, as the server's warm-up does.
  const first = await naive.lint(ctx.post(ctx.sizes[0]?.id ?? "5k", WARM_UP_VARIANT).text, file);
  ctx.rec.fact("naive.firstLintMs", first.totalMs);
  let plan: TypingPlan | undefined;
  const load: number[] = [];
  let rss = NaN;
  return {
    id: "naive",
    openAt: () => 0,
    // Like the server, it lints the warm-up keystrokes too (its JIT and caches warm alike).
    step: (size, k) => (k <= size.warmupEdits ? (size.naiveRuns > 0 ? "warm-up" : "skip") : k <= size.warmupEdits + size.naiveRuns ? "measured" : "skip"),
    sameText: true,
    async open(size, post) {
      if (size.naiveRuns === 0) return;
      // Like the server, the naive process has linted the post as opened.
      await naive.lint(post.text, file);
      plan = typingPlan(post.text);
      load.length = 0;
    },
    async change(keystrokes, measured) {
      if (!plan) throw new Error("not open");
      const r = await naive.lint(plan.textAfter(keystrokes), file);
      if (measured) load.push(r.loadMs);
      rss = r.rssMb;
      return { ms: r.totalMs, cpuMs: r.cpuMs, diagnostics: r.messages };
    },
    async close(size, samples) {
      ctx.rec.sample("naive.total", "naive: fresh createLinter + lintText per change", "ms", size.id, samples.map((s) => s.ms));
      ctx.rec.sample("naive.cpu", "  naive CPU time per change (all threads)", "ms", size.id, samples.map((s) => s.cpuMs));
      ctx.rec.sample("naive.load", "  of which loadTextlintrc + createLinter", "ms", size.id, load);
      if (samples.length > 0) ctx.rec.sample("naive.rss", "naive process RSS after its changes", "MB", size.id, [rss]);
    },
    dispose: async () => naive.stop(),
  };
}

function cliContender(ctx: BenchContext): Contender {
  let plan: TypingPlan | undefined;
  let file = "";
  return {
    id: "cli",
    openAt: () => 0,
    step: (size, k) => (k > size.warmupEdits && k <= size.warmupEdits + size.cliRuns ? "measured" : "skip"),
    sameText: true,
    async open(size, post) {
      plan = typingPlan(post.text);
      file = path.join(ctx.workDir, `cli-${size.id}.md`);
    },
    async change(keystrokes) {
      if (!plan) throw new Error("not open");
      const r = await runCli(ctx.configFile, file, plan.textAfter(keystrokes));
      return { ms: r.wallMs, cpuMs: r.cpuMs, diagnostics: r.messages };
    },
    async close(size, samples) {
      ctx.rec.sample("cli.wall", "textlint CLI per change (process wall time)", "ms", size.id, samples.map((s) => s.ms));
      ctx.rec.sample("cli.cpu", "  textlint CLI CPU time per change (all threads)", "ms", size.id, samples.map((s) => s.cpuMs));
    },
    dispose: async () => undefined,
  };
}

/**
 * Full lints of texts the timed full server did not lint, by full-lint servers in parallel (each
 * text opened as a document of its own): the references for the remaining incremental results.
 */
async function referenceLints(ctx: BenchContext, size: SizeSpec, texts: Map<number, string>, servers: LspSession[]): Promise<Map<number, Diagnostic[]>> {
  const out = new Map<number, Diagnostic[]>();
  const queue = [...texts.keys()].sort((a, b) => a - b);
  const times: number[] = [];
  await Promise.all(
    servers.map(async (server, s) => {
      for (let k = queue.shift(); k !== undefined; k = queue.shift()) {
        const text = texts.get(k) ?? "";
        const { uri, ms, diagnostics } = await openAndWait(ctx, server, `reference-${size.id}-${k}.md`, text);
        await server.close(uri);
        out.set(k, diagnostics);
        times.push(ms);
        ctx.log(`  ${size.id} reference full lint of keystroke ${k} (server ${s + 1} of ${servers.length}): ${Math.round(ms)} ms`);
      }
    }),
  );
  // Not a clean timing (the reference servers run side by side): in the JSON only.
  ctx.rec.sample("ref.open", "reference full lints, side by side", "ms", size.id, times);
  return out;
}

function compare(size: SizeSpec, incremental: Map<number, Diagnostic[]>, references: Map<number, Diagnostic[]>, fromTimed: Set<number>): Equivalence {
  const measured = [...incremental.keys()].filter((k) => k > size.warmupEdits);
  const result: Equivalence = { checked: 0, measuredChecked: 0, measured: measured.length, mismatches: 0, diagnostics: 0, fromTimedFull: 0, fromReferenceServers: 0 };
  for (const [k, diagnostics] of [...incremental].sort((a, b) => a[0] - b[0])) {
    const reference = references.get(k);
    if (!reference) continue;
    result.checked++;
    if (k > size.warmupEdits) result.measuredChecked++;
    if (fromTimed.has(k)) result.fromTimedFull++;
    else result.fromReferenceServers++;
    result.diagnostics += reference.length;
    if (fingerprint(diagnostics) !== fingerprint(reference)) {
      result.mismatches++;
      result.firstMismatch ??= describeMismatch(`${size.id} after ${k} keystrokes`, diagnostics, reference);
    }
  }
  return result;
}

const relint: BenchCase = {
  id: "relint",
  description: "one-character edits: incremental server vs full-lint server vs naive API vs textlint CLI, in turn on the same texts; incremental results compared with full ones",
  async run(ctx) {
    const inc = await startServer(ctx, "incremental");
    const full = await startServer(ctx, "full");
    const helpers: LspSession[] = [];
    const contenders: Contender[] = [];
    try {
      ctx.rec.fact("server.idle", inc.memory());
      // Both warm up at once: loading the dictionary is not measured.
      const [incFirst, fullFirst] = await Promise.all([warmUp(ctx, inc), warmUp(ctx, full)]);
      ctx.rec.fact("server.firstOpenMs", incFirst);
      ctx.rec.fact("full.firstOpenMs", fullFirst);
      const incResults = new Map<number, Diagnostic[]>();
      const fullResults = new Map<number, Diagnostic[]>();
      contenders.push(
        serverContender(ctx, inc, incrementalServer, (k, d) => incResults.set(k, d)),
        serverContender(ctx, full, fullServer, (k, d) => fullResults.set(k, d)),
        await naiveContender(ctx),
        cliContender(ctx),
        serverContender(ctx, inc, emojiServer),
      );
      const seconds: Record<string, number> = {};
      ctx.rec.fact("relint.secondsBySize", seconds);
      for (const size of ctx.sizes) {
        const sizeStarted = performance.now();
        const post = ctx.post(size.id);
        const active = contenders.filter((c) => Array.from({ length: size.warmupEdits + size.edits }, (_, i) => c.step(size, i + 1)).some((s) => s === "measured"));
        const samples = new Map<string, ChangeResult[]>(active.map((c) => [c.id, []]));
        incResults.clear();
        fullResults.clear();
        try {
          for (const c of active) await c.open(size, post);
          for (let k = 1; k <= size.warmupEdits + size.edits; k++) {
            const line: string[] = [];
            for (const c of active) {
              const step = c.step(size, k);
              if (step === "skip") continue;
              const r = await c.change(k, step === "measured");
              if (c.sameText) ctx.rec.count(size.id, c.id, k, r.diagnostics);
              if (step === "measured") {
                samples.get(c.id)?.push(r);
                line.push(`${c.id} ${Math.round(r.ms)} ms (CPU ${Math.round(r.cpuMs)})`);
              }
            }
            if (line.length > 0) ctx.log(`  ${size.id} keystroke ${k}: ${line.join(", ")}`);
          }
        } catch (e) {
          ctx.rec.notes.push(`relint ${size.id} stopped early: ${(e as Error).message}`);
          ctx.log(`  ${size.id} stopped early: ${(e as Error).stack ?? e}`);
        }
        for (const c of active) await c.close(size, samples.get(c.id) ?? []);

        // Incremental results vs full ones, for every incremental edit: the timed full server's
        // where it linted the same text, the reference servers' for the rest.
        try {
          incResults.delete(0); // the edits, not the didOpen
          const fromTimed = new Set([...incResults.keys()].filter((k) => fullResults.has(k)));
          const plan = typingPlan(post.text);
          const missing = new Map([...incResults.keys()].filter((k) => !fullResults.has(k)).map((k) => [k, plan.textAfter(k)] as const));
          if (missing.size > 0) {
            while (helpers.length < ctx.config.referenceServers - 1) {
              const helper = await startServer(ctx, "full");
              helpers.push(helper);
              await warmUp(ctx, helper);
            }
            const references = await referenceLints(ctx, size, missing, [full, ...helpers]);
            for (const [k, d] of references) fullResults.set(k, d);
          }
          const equivalence = compare(size, incResults, fullResults, fromTimed);
          ctx.rec.equivalence[size.id] = equivalence;
          ctx.log(`  ${size.id}: incremental vs full on ${equivalence.checked} edits: ${equivalence.mismatches} mismatches`);
        } catch (e) {
          ctx.rec.notes.push(`relint ${size.id}: comparison with the full lint stopped: ${(e as Error).message}`);
          ctx.log(`  ${size.id} comparison stopped: ${(e as Error).stack ?? e}`);
        }
        seconds[size.id] = (performance.now() - sizeStarted) / 1000;
        ctx.log(`  ${size.id} took ${seconds[size.id]?.toFixed(0)} s`);
      }
    } finally {
      for (const c of contenders) await c.dispose();
      await Promise.all([inc.stop(), full.stop(), ...helpers.map((h) => h.stop())]);
    }
  },
};

const serverCold: BenchCase = {
  id: "server-cold",
  description: "cold server (fresh process each, incremental as shipped): didOpen → first diagnostics",
  async run(ctx) {
    for (const size of ctx.sizes.filter((s) => s.coldRuns > 0)) {
      const openToDiag: number[] = [];
      const spawnToDiag: number[] = [];
      const rss: number[] = [];
      const cpu: number[] = [];
      try {
        for (let r = 0; r < size.coldRuns; r++) {
          const server = await startServer(ctx);
          try {
            const initializedAt = performance.now();
            const file = path.join(ctx.workDir, `cold-${size.id}.md`);
            fs.writeFileSync(file, ctx.post(size.id).text);
            const { uri, sentAt } = await server.openTimed(file, ctx.post(size.id).text);
            const published = await server.nextDiagnosticsOrError(uri, 1, lintTimeoutMs(size.chars));
            openToDiag.push(published.at - sentAt);
            spawnToDiag.push(published.at - server.spawnedAt);
            cpu.push(server.cpuMs());
            rss.push(server.memory().rssMb);
            ctx.log(`  cold ${size.id} run ${r + 1}/${size.coldRuns}: didOpen → diagnostics ${Math.round(published.at - sentAt)} ms (initialize took ${Math.round(initializedAt - server.spawnedAt)} ms)`);
          } finally {
            await server.stop();
          }
        }
      } catch (e) {
        ctx.rec.notes.push(`server-cold ${size.id} stopped early: ${(e as Error).message}`);
        ctx.log(`  cold ${size.id} stopped early: ${(e as Error).message}`);
      }
      ctx.rec.sample("cold.open", "cold server: didOpen → first diagnostics", "ms", size.id, openToDiag);
      ctx.rec.sample("cold.spawn", "cold server: spawn → first diagnostics", "ms", size.id, spawnToDiag);
      ctx.rec.sample("cold.cpu", "  cold server CPU time until then (all threads)", "ms", size.id, cpu);
      ctx.rec.sample("cold.rss", "cold server RSS after first lint", "MB", size.id, rss);
    }
  },
};

interface OpenPost {
  uri: string;
  size: string;
  index: number;
  plan: TypingPlan;
  typed: number;
}

const openPosts: BenchCase = {
  id: "open-posts",
  description: "RSS with 20 posts open (incremental, fresh server): issue 2's 10 × 5k + 10 × 20k, then 10 × 20k + 10 × 40k, with edits",
  async run(ctx) {
    const server = await startServer(ctx);
    const open = new Map<string, OpenPost>();
    const facts: OpenPostsPhaseFact[] = [];
    ctx.rec.fact("openPosts", facts);
    const edit = async (post: OpenPost): Promise<void> => {
      const from = server.diagnostics.all.length;
      const { version } = await server.edit(post.uri, post.plan.offset + post.typed, 0, post.plan.char(post.typed));
      post.typed++;
      await server.nextDiagnosticsOrError(post.uri, version, lintTimeoutMs(server.text(post.uri).length), from);
    };
    try {
      await warmUp(ctx, server);
      for (const phase of ctx.config.openPosts) {
        const fact: OpenPostsPhaseFact = { id: phase.id, posts: phase.posts, count: 0, closed: 0, opened: 0, published: 0, failures: 0, allLintedMs: NaN, rssMb: NaN, peakMb: NaN, editsEach: phase.editsEach, editsOne: phase.editsOne, rssDuringEditsMb: [], rssAfterEditsMb: NaN, peakAfterEditsMb: NaN };
        facts.push(fact);
        const wanted = new Set(phase.posts.flatMap(({ size, count }) => Array.from({ length: count }, (_, i) => `${size}#${i + 1}`)));
        for (const [key, post] of [...open]) {
          if (wanted.has(key)) continue;
          await server.close(post.uri);
          open.delete(key);
          fact.closed++;
        }
        const started = performance.now();
        const waiting: Promise<unknown>[] = [];
        for (const { size, count } of phase.posts) {
          for (let i = 1; i <= count; i++) {
            const key = `${size}#${i}`;
            if (open.has(key)) continue;
            // Distinct posts: each starts its sections at another round.
            const text = ctx.post(size, i).text;
            const file = path.join(ctx.workDir, `open-${size}-${i}.md`);
            fs.writeFileSync(file, text);
            const from = server.diagnostics.all.length;
            const { uri } = await server.openTimed(file, text);
            open.set(key, { uri, size, index: i, plan: typingPlan(text), typed: 0 });
            waiting.push(server.nextDiagnosticsOrError(uri, 1, 20 * lintTimeoutMs(text.length), from));
            fact.opened++;
          }
        }
        const settled = await Promise.allSettled(waiting);
        fact.count = open.size;
        fact.published = settled.filter((s) => s.status === "fulfilled").length;
        fact.failures = settled.length - fact.published;
        fact.allLintedMs = performance.now() - started;
        const afterOpen = server.memory();
        fact.rssMb = afterOpen.rssMb;
        fact.peakMb = afterOpen.peakMb;
        if (fact.failures > 0) {
          const reason = settled.find((s): s is PromiseRejectedResult => s.status === "rejected")?.reason as Error | undefined;
          fact.firstFailure = reason?.message;
          throw new Error(`${fact.failures} of ${fact.opened} posts got no diagnostics: ${fact.firstFailure}`);
        }
        ctx.log(`  ${phase.id}: ${fact.count} posts open (${fact.closed} closed, ${fact.opened} opened and linted in ${Math.round(fact.allLintedMs)} ms): RSS ${afterOpen.rssMb.toFixed(0)} MB, peak ${afterOpen.peakMb.toFixed(0)} MB`);
        // Then a writer edits each of them, and types into one for a while; RSS after every edit.
        const posts = [...open.values()];
        for (let e = 0; e < phase.editsEach; e++) {
          for (const post of posts) {
            await edit(post);
            fact.rssDuringEditsMb.push(server.memory().rssMb);
          }
        }
        const target = posts[posts.length - 1];
        for (let e = 0; target && e < phase.editsOne; e++) {
          await edit(target);
          fact.rssDuringEditsMb.push(server.memory().rssMb);
        }
        const afterEdits = server.memory();
        fact.rssAfterEditsMb = afterEdits.rssMb;
        fact.peakAfterEditsMb = afterEdits.peakMb;
        ctx.log(`  ${phase.id}: after ${phase.editsEach} edit(s) to each and ${phase.editsOne} to one ${target?.size} post: RSS ${fact.rssDuringEditsMb.map((r) => r.toFixed(0)).join(", ")} MB`);
      }
    } finally {
      await server.stop();
    }
  },
};

const burst: BenchCase = {
  id: "burst",
  description: "typing bursts without waiting (incremental server): which versions get published, and how stale",
  async run(ctx) {
    const server = await startServer(ctx);
    try {
      await warmUp(ctx, server);
      for (const size of ctx.sizes.filter((s) => s.burst)) {
        const post = ctx.post(size.id);
        const { uri } = await openAndWait(ctx, server, `burst-${size.id}.md`, post.text);
        const plan = typingPlan(post.text);
        let typed = 0;
        for (const cadenceMs of ctx.config.burst.cadencesMs) {
          const from = server.diagnostics.all.length;
          let first: { version: number; sentAt: number } | undefined;
          let last: { version: number; sentAt: number } | undefined;
          for (let k = 0; k < ctx.config.burst.keystrokes; k++) {
            last = await server.edit(uri, plan.offset + typed, 0, plan.char(typed));
            first ??= last;
            typed++;
            if (cadenceMs > 0) await sleep(cadenceMs);
          }
          if (!first || !last) throw new Error("no keystrokes configured");
          const final = await server.nextDiagnosticsOrError(uri, last.version, lintTimeoutMs(post.text.length) * 2, from);
          // Anything still in flight for an older version would arrive within about one lint.
          await sleep(Math.max(1000, final.at - last.sentAt));
          const published = server.diagnostics.all.slice(from).filter((p) => p.uri === uri);
          const versions = published.map((p) => p.version ?? -1);
          const staleness = published.map((p) => p.latestSent - (p.version ?? -1));
          const result: BurstResult = {
            size: size.id,
            cadenceMs,
            keystrokes: ctx.config.burst.keystrokes,
            firstVersion: first.version,
            lastVersion: last.version,
            publishedVersions: versions,
            staleness,
            maxStaleness: Math.max(...staleness),
            monotonic: versions.every((v, i) => i === 0 || v > (versions[i - 1] ?? -1)),
            finalIsLastSent: versions[versions.length - 1] === last.version,
            firstPublishAfterMs: (published[0]?.at ?? NaN) - first.sentAt,
            finalLatencyMs: final.at - last.sentAt,
            typingMs: last.sentAt - first.sentAt,
          };
          ctx.rec.bursts.push(result);
          ctx.log(`  burst ${size.id} @${cadenceMs} ms: versions ${result.firstVersion}..${result.lastVersion}, published [${versions.join(", ")}], max stale ${result.maxStaleness}`);
        }
        await server.close(uri);
      }
    } finally {
      await server.stop();
    }
  },
};

const codeActions: BenchCase = {
  id: "codeactions",
  description: "quick fixes (issue 5) on a 20k post with 100+ problems: textDocument/codeAction at the cursor, source.fixAll.tsuzuri vs textlint --fix (time and output)",
  async run(ctx) {
    const server = await startServer(ctx);
    try {
      await warmUp(ctx, server);
      await measureCodeActions(ctx, server, (name, text) => openAndWait(ctx, server, name, text));
    } finally {
      await server.stop();
    }
  },
};

const frontmatter: BenchCase = {
  id: "frontmatter",
  description: "frontmatter checks (issue 6), in-process: a 1,000-post workspace scanned and checked; check time per post for each platform on the 5k and 20k bodies",
  run: (ctx) => measureFrontmatter(ctx),
};

const preview: BenchCase = {
  id: "preview",
  description: "live preview (issue 7), in-process: renderPost on zenn/qiita/blog posts of 5k, 20k and 100k — first render, warm full render, update after one keystroke (compared with a full render), against bare markdown-it and zenn-markdown-html",
  run: (ctx) => measurePreview(ctx),
};

const previewPaint: BenchCase = {
  id: "preview-paint",
  description: "live preview (issue 7), webview side: dist/preview.js in /usr/bin/chromium (playwright-core, headless) on zenn/qiita posts of 5k, 20k and 100k — first update → paint, then per keystroke the cached renderPost and update → \"updated\" → next frame, against root.innerHTML on a second page",
  run: (ctx) => measurePreviewPaint(ctx),
};

const projectConfig: BenchCase = {
  id: "project-config",
  description: "issue 12: a preset-smarthr + preset-ja-technical-writing project (npm-installed fixture) vs the bundled preset on the same post: first lint, re-lint, RSS; prh dictionaries parsed once vs on every lint",
  run: (ctx) => measureProjectConfig(ctx),
};

export const cases: BenchCase[] = [relint, burst, openPosts, serverCold, codeActions, frontmatter, preview, previewPaint, realCase, secondWorkerCase, projectConfig, cliCheckCase];
