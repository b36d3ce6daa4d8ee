/**
 * The bench cases, run in this order by run.ts. Each records its figures in ctx.rec under metric
 * keys that report.ts knows how to print; run.ts derives the ratios and targets from them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { lintTimeoutMs, sleep, type BenchCase, type BenchContext, type BurstResult, type SizeSpec } from "./context";
import type { Post } from "./corpus";
import { typingPlan, type TypingPlan } from "./editPlan";
import { BenchServer } from "./lspClient";
import { NaiveLinter, runCli } from "./naive";
import type { OpenPostsFact } from "./report";

/** Section-numbering round of the warm-up post: far from every measured post's. */
const WARM_UP_VARIANT = 100;

async function startServer(ctx: BenchContext): Promise<BenchServer> {
  return BenchServer.start({ workspaceFolder: ctx.workDir, settings: ctx.config.settings, nodeArgs: ctx.config.serverNodeArgs });
}

/** Opens a post, waits for its first diagnostics; returns the uri and the didOpen→diagnostics time. */
async function openAndWait(ctx: BenchContext, server: BenchServer, name: string, text: string): Promise<{ uri: string; ms: number; diagnostics: number }> {
  const file = path.join(ctx.workDir, name);
  fs.writeFileSync(file, text);
  const from = server.diagnostics.all.length;
  const { uri, sentAt } = await server.open(file, text);
  const published = await server.waitForDiagnostics(uri, 1, lintTimeoutMs(text.length), from);
  return { uri, ms: published.at - sentAt, diagnostics: published.diagnostics.length };
}

/**
 * Loads the worker, its linter and the analyser's dictionary, so later figures are warm. It lints
 * a variant of the smallest post whose sentences no measured post repeats (no token-cache head start).
 */
async function warmUp(ctx: BenchContext, server: BenchServer): Promise<number> {
  const { uri, ms } = await openAndWait(ctx, server, "warm-up.md", ctx.post(ctx.sizes[0]?.id ?? "5k", WARM_UP_VARIANT).text);
  await server.close(uri);
  return ms;
}

function memoryOrThrow(server: BenchServer): { rssMb: number; peakMb: number } {
  const memory = server.memory();
  if (!memory) throw new Error(`cannot read /proc/${server.pid}/status`);
  return memory;
}

/**
 * One way of linting a post after each keystroke. The re-lint case runs the contenders in turn on
 * the same texts, keystroke by keystroke, so a change in the machine's background load hits them
 * alike and the ratios stay fair. (Issue 4's incremental engine is one more contender.)
 */
interface ChangeResult {
  /** Wall time of the change, as the writer waits for it. */
  ms: number;
  /** CPU time spent on it by the linting process (all threads). */
  cpuMs: number;
  diagnostics: number;
}

interface Contender {
  id: string;
  /** How many keystrokes of this size it measures (after the size's warm-up keystrokes). */
  runs(size: SizeSpec): number;
  /**
   * Which keystrokes it lints: the server must see every one (its document is edited, not
   * replaced); the naive process lints the warm-up ones too (its JIT and caches warm like the
   * server's); the CLI, a fresh process each time, only the measured ones.
   */
  sees: "every" | "warm-up and measured" | "measured";
  /** Whether it lints the same texts as the others (then their diagnostic counts must agree). */
  sameText: boolean;
  open(size: SizeSpec, post: Post): Promise<void>;
  /** Lints the post after `keystrokes` keystrokes of the typing plan; `measured` is false for warm-ups. */
  change(keystrokes: number, measured: boolean): Promise<ChangeResult>;
  /** Records this size's figures and closes the post. */
  close(size: SizeSpec, samples: ChangeResult[]): Promise<void>;
  dispose(): Promise<void>;
}

interface ServerVariant {
  id: string;
  /** Metric keys are `${id}.warm` etc. */
  label: string;
  openLabel: string;
  /** The post as this variant opens it. */
  text(post: Post): string;
  runs(size: SizeSpec): number;
  /** Whether its texts equal the naive way's and the CLI's (so diagnostic counts must agree). */
  sameText: boolean;
}

const plainServer: ServerVariant = {
  id: "server",
  label: "server warm re-lint: didChange → diagnostics",
  openLabel: "warm server: didOpen → diagnostics",
  text: (post) => post.text,
  runs: (size) => size.edits,
  sameText: true,
};

/**
 * The same post with one emoji in a paragraph that has a problem: the engine's position
 * correction for code-point-counting rules (core/astralShadow.ts) then lints a shadow copy of the
 * whole document as well. Not run on the slow sizes.
 */
const emojiServer: ServerVariant = {
  id: "server-emoji",
  label: "server re-lint, 1 emoji in a flagged paragraph",
  openLabel: "warm server: didOpen → diagnostics, 1 emoji",
  text: (post) => {
    // Every round of the fixture's summary has 「一つ一つ」, which the preset flags.
    const at = post.text.indexOf("リンク切れは一つ一つは");
    if (at < 0) throw new Error("the fixture's summary paragraph is missing; update emojiServer");
    return `${post.text.slice(0, at)}🎉 ${post.text.slice(at)}`;
  },
  runs: (size) => (size.slow ? 0 : Math.min(size.edits, 10)),
  sameText: false,
};

function serverContender(ctx: BenchContext, server: BenchServer, variant: ServerVariant): Contender {
  let uri = "";
  let plan: TypingPlan | undefined;
  let textLength = 0;
  const lintTimes: number[] = [];
  const key = (metric: string): string => `${variant.id}.${metric}`;
  return {
    id: variant.id,
    runs: variant.runs,
    sees: "every",
    sameText: variant.sameText,
    async open(size, post) {
      const text = variant.text(post);
      const opened = await openAndWait(ctx, server, `relint-${variant.id}-${size.id}.md`, text);
      ctx.rec.sample(key("open"), variant.openLabel, "ms", size.id, [opened.ms]);
      if (variant.sameText) ctx.rec.count(size.id, variant.id, 0, opened.diagnostics);
      uri = opened.uri;
      plan = typingPlan(text);
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
      const published = await server.waitForDiagnostics(uri, version, lintTimeoutMs(textLength), from);
      const cpuMs = server.cpuMs() - cpuBefore;
      const status = await server.statuses.next((s) => s.uri === uri && s.lastLintMs !== undefined, 10_000, statusFrom);
      if (measured) lintTimes.push(status.lastLintMs ?? NaN);
      return { ms: published.at - sentAt, cpuMs, diagnostics: published.diagnostics.length };
    },
    async close(size, samples) {
      ctx.rec.sample(key("warm"), variant.label, "ms", size.id, samples.map((s) => s.ms));
      ctx.rec.sample(key("lintMs"), "  of which lint in the worker (status lastLintMs)", "ms", size.id, lintTimes);
      ctx.rec.sample(key("cpu"), "  server CPU time per re-lint (all threads)", "ms", size.id, samples.map((s) => s.cpuMs));
      const memory = memoryOrThrow(server);
      ctx.rec.sample(key("rss"), "server RSS after this size's edits", "MB", size.id, [memory.rssMb]);
      ctx.rec.sample(key("peak"), "server peak RSS so far (VmHWM)", "MB", size.id, [memory.peakMb]);
      await server.close(uri);
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
    runs: (size) => size.naiveRuns,
    sees: "warm-up and measured",
    sameText: true,
    async open(_size, post) {
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
      ctx.rec.sample("naive.rss", "naive process RSS after its changes", "MB", size.id, [rss]);
    },
    dispose: async () => naive.stop(),
  };
}

function cliContender(ctx: BenchContext): Contender {
  let plan: TypingPlan | undefined;
  let file = "";
  return {
    id: "cli",
    runs: (size) => size.cliRuns,
    sees: "measured",
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

const relint: BenchCase = {
  id: "relint",
  description: "one-character edits: warm server (debounce 0) vs naive API vs textlint CLI, in turn on the same texts",
  async run(ctx) {
    const server = await startServer(ctx);
    const contenders: Contender[] = [];
    try {
      ctx.rec.fact("server.idle", memoryOrThrow(server));
      ctx.rec.fact("server.firstOpenMs", await warmUp(ctx, server));
      contenders.push(serverContender(ctx, server, plainServer), await naiveContender(ctx), cliContender(ctx), serverContender(ctx, server, emojiServer));
      for (const size of ctx.sizes) {
        const post = ctx.post(size.id);
        const active = contenders.filter((c) => c.runs(size) > 0);
        const samples = new Map<string, ChangeResult[]>(active.map((c) => [c.id, []]));
        try {
          for (const c of active) await c.open(size, post);
          const total = size.warmupEdits + Math.max(...active.map((c) => c.runs(size)));
          for (let k = 1; k <= total; k++) {
            const measuredIndex = k - size.warmupEdits;
            const line: string[] = [];
            for (const c of active) {
              const measured = measuredIndex >= 1 && measuredIndex <= c.runs(size);
              const warmUp = measuredIndex < 1;
              if (!measured && !(c.sees === "every" || (warmUp && c.sees === "warm-up and measured"))) continue;
              const r = await c.change(k, measured);
              if (c.sameText) ctx.rec.count(size.id, c.id, k, r.diagnostics);
              if (measured) {
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
      }
    } finally {
      for (const c of contenders) await c.dispose();
      await server.stop();
    }
  },
};

const serverCold: BenchCase = {
  id: "server-cold",
  description: "cold server (fresh process each): didOpen → first diagnostics",
  async run(ctx) {
    for (const size of ctx.sizes) {
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
            const { uri, sentAt } = await server.open(file, ctx.post(size.id).text);
            const published = await server.waitForDiagnostics(uri, 1, lintTimeoutMs(size.chars));
            openToDiag.push(published.at - sentAt);
            spawnToDiag.push(published.at - server.spawnedAt);
            cpu.push(server.cpuMs());
            rss.push(memoryOrThrow(server).rssMb);
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

const openPosts: BenchCase = {
  id: "open-posts",
  description: "RSS with many posts open at once (fresh server, all opened together)",
  async run(ctx) {
    const spec = ctx.config.openPosts;
    const server = await startServer(ctx);
    try {
      const opened: { uri: string; size: string; sentAt: number }[] = [];
      for (const { size, count } of spec.posts) {
        for (let i = 0; i < count; i++) {
          // Distinct posts: each starts its section numbering at another round.
          const text = ctx.post(size, i + 1).text;
          const file = path.join(ctx.workDir, `open-${size}-${i + 1}.md`);
          fs.writeFileSync(file, text);
          const { uri, sentAt } = await server.open(file, text);
          opened.push({ uri, size, sentAt });
        }
      }
      const started = opened[0]?.sentAt ?? performance.now();
      const settled = await Promise.allSettled(opened.map((o) => server.waitForDiagnostics(o.uri, 1, 20 * lintTimeoutMs(20_000), 0)));
      const published = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
      const failures = settled.flatMap((s) => (s.status === "rejected" ? [(s.reason as Error).message] : []));
      const allLintedMs = Math.max(...published.map((p) => p.at)) - started;
      const afterOpen = memoryOrThrow(server);
      if (failures.length > 0) {
        // Not an RSS figure for 20 linted posts: record what happened, and why.
        ctx.rec.fact("openPosts", {
          posts: spec.posts,
          count: opened.length,
          published: published.length,
          failures: failures.length,
          firstFailure: failures[0],
          lastPublishedAfterMs: allLintedMs,
          rssMb: afterOpen.rssMb,
          peakMb: afterOpen.peakMb,
        });
        throw new Error(`${failures.length} of ${opened.length} posts got no diagnostics: ${failures[0]}`);
      }
      ctx.log(`  ${opened.length} posts open and linted in ${Math.round(allLintedMs)} ms: RSS ${afterOpen.rssMb.toFixed(0)} MB, peak ${afterOpen.peakMb.toFixed(0)} MB`);
      // Then a writer types into one of them for a while; RSS after every edit.
      const target = opened[opened.length - 1];
      const rssSeries: number[] = [];
      let afterEdits = afterOpen;
      if (target && spec.edits > 0) {
        const text = ctx.post(target.size, spec.posts.find((p) => p.size === target.size)?.count ?? 1).text;
        const plan = typingPlan(text);
        for (let i = 0; i < spec.edits; i++) {
          const from = server.diagnostics.all.length;
          const { version } = await server.edit(target.uri, plan.offset + i, 0, plan.char(i));
          await server.waitForDiagnostics(target.uri, version, lintTimeoutMs(text.length), from);
          rssSeries.push(memoryOrThrow(server).rssMb);
        }
        afterEdits = memoryOrThrow(server);
        ctx.log(`  after ${spec.edits} edits to one ${target.size} post: RSS ${rssSeries.map((r) => r.toFixed(0)).join(", ")} MB`);
      }
      const fact: OpenPostsFact = {
        posts: spec.posts,
        count: opened.length,
        allLintedMs,
        rssMb: afterOpen.rssMb,
        peakMb: afterOpen.peakMb,
        edits: spec.edits,
        rssDuringEditsMb: rssSeries,
        rssAfterEditsMb: afterEdits.rssMb,
        peakAfterEditsMb: afterEdits.peakMb,
      };
      ctx.rec.fact("openPosts", fact);
    } finally {
      await server.stop();
    }
  },
};

const burst: BenchCase = {
  id: "burst",
  description: "typing bursts without waiting: which versions get published, and how stale",
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
          const final = await server.waitForDiagnostics(uri, last.version, lintTimeoutMs(post.text.length) * 2, from);
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

export const cases: BenchCase[] = [relint, burst, openPosts, serverCold];
