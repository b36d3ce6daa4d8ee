/**
 * Where the lint worker's time goes while a writer types into a long post: builds a readable
 * (scripts/build.js's options, not minified) bundle of the server into a scratch
 * folder, runs it with `--cpu-prof`, opens a post, types one-character edits into its middle (each
 * waits for its diagnostics), and summarises the worker thread's CPU profile over the edits only
 * (or, with --open, over the didOpen lint only):
 * by package (self and inclusive), the engine's own functions, the hottest functions and source
 * lines. The profile is kept in bench/results/ (with the bundle it refers to) for Chrome DevTools
 * or speedscope.
 *
 *   npm run bench -- --profile [--size=100k] [--edits=15] [--open] [--full] [--real] [--server-node-args="..."]
 *   node out/bench/profile.js [same options]      (after a build)
 */
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import { SourceMap } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { makePost } from "../test/helpers/corpusPost";
import { typingPlan } from "./editPlan";
import { LspSession } from "../test/helpers/lspHarness";
import { repoRoot } from "../test/helpers/workspace";
import { realPlaces } from "./realEdits";
import { makeRealPost } from "../test/helpers/realPost";

/** Typing at the real-shaped post's paragraph place (realEdits.ts), in typingPlan's shape. */
function paragraphPlan(text: string): { offset: number; char: (i: number) => string } {
  const place = realPlaces(text).find((p) => p.id === "paragraph");
  if (!place) throw new Error("the real-shaped post has no paragraph place");
  return { offset: place.offset, char: (i) => place.phrase[i % place.phrase.length] ?? "あ" };
}

export interface ProfileOptions {
  size: string;
  edits: number;
  /** Profile the didOpen lint (the first, whole-document one) instead of the edits. */
  open: boolean;
  full: boolean;
  /** The real-shaped post (test/helpers/realPost.ts), typed into at its paragraph place. */
  real: boolean;
  serverNodeArgs: string[];
}

export function parseProfileArgs(argv: string[]): ProfileOptions {
  const options: ProfileOptions = { size: "100k", edits: 15, open: false, full: false, real: false, serverNodeArgs: [] };
  for (const a of argv) {
    if (a.startsWith("--size=")) options.size = a.slice("--size=".length);
    else if (a.startsWith("--edits=")) options.edits = Number(a.slice("--edits=".length));
    else if (a === "--full") options.full = true;
    else if (a === "--open") options.open = true;
    else if (a === "--real") options.real = true;
    else if (a.startsWith("--server-node-args=")) options.serverNodeArgs = a.slice("--server-node-args=".length).split(/\s+/).filter(Boolean);
    else if (a !== "--profile") throw new Error(`unknown argument ${a} (profile mode takes --size=, --edits=, --open, --full, --real, --server-node-args=)`);
  }
  if (!/^\d+k$/.test(options.size) || !(options.edits > 0)) throw new Error(`bad profile options ${JSON.stringify(options)}`);
  return options;
}

/** scripts/build.js's server and worker bundles, with its options but not minified, into `outDir`. */
async function readableBuild(outDir: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is CommonJS
  const { common } = require(path.join(repoRoot, "scripts", "build.js")) as { common: esbuild.BuildOptions };
  await esbuild.build({
    ...common,
    absWorkingDir: repoRoot,
    minify: false,
    sourcemap: "linked",
    logLevel: "error",
    entryPoints: { server: "server/src/main.ts", "lint-worker": "server/src/node/lintWorker.ts" },
    outdir: outDir,
  });
  const kuromoji = path.dirname(require.resolve("kuromoji/package.json", { paths: [repoRoot] }));
  fs.cpSync(path.join(kuromoji, "dict"), path.join(outDir, "dict"), { recursive: true });
  return path.join(outDir, "server.js");
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
  /** Samples per line (1-based) of this node, over the whole profile. */
  positionTicks?: { line: number; ticks: number }[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The module (esbuild's `// path` comments) each line of a bundle belongs to. */
function moduleMap(bundle: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  bundle.split("\n").forEach((text, i) => {
    const m = /^\/\/ ((?:node_modules|server|client)\/\S+)$/.exec(text);
    if (m?.[1]) starts.push({ line: i + 1, module: m[1] });
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = "(bundle runtime)";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = starts[mid];
      if (!s) break;
      if (s.line <= line) {
        found = s.module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

const packageOf = (module: string): string => {
  const i = module.lastIndexOf("node_modules/");
  if (i < 0) return module.startsWith("server/") ? `tsuzuri ${module.replace(/^server\/src\//, "")}` : module;
  const rest = module.slice(i + "node_modules/".length).split("/");
  return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? module);
};

export interface ProfileSummary {
  windowMs: number;
  sampledMs: number;
  text: string;
}

/** Summarises a worker profile over [fromUs, toUs] (CLOCK_MONOTONIC µs, as V8 stamps samples). */
export function summarize(profile: CpuProfile, bundlePath: string, fromUs: number, toUs: number, what: string, top = 25): ProfileSummary {
  const moduleAt = moduleMap(fs.readFileSync(bundlePath, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const bundleUrl = (url: string): boolean => url.endsWith("/lint-worker.js");
  const where = (n: ProfileNode): { module: string; pkg: string } => {
    const { url, functionName } = n.callFrame;
    if (bundleUrl(url)) {
      const module = moduleAt(n.callFrame.lineNumber + 1);
      return { module, pkg: packageOf(module) };
    }
    if (!url) return { module: functionName, pkg: functionName.startsWith("(") ? functionName : "(V8 builtins)" };
    return { module: url, pkg: url.startsWith("node:") ? "(Node.js internals)" : url };
  };
  const label = (n: ProfileNode): string => {
    const w = where(n);
    return `${n.callFrame.functionName || "(anonymous)"}  ${w.module.replace(/^node_modules\//, "")}${bundleUrl(n.callFrame.url) ? `:${n.callFrame.lineNumber + 1}` : ""}`;
  };

  // Source lines: V8 counts samples per line of each profile node, but over the whole profile; a
  // node's self time in the window is spread over its lines in those proportions (approximate).
  const bundleText = fs.readFileSync(bundlePath, "utf8");
  const bundleLines = bundleText.split("\n");
  const mapFile = `${bundlePath}.map`;
  const sourceMap = fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, "utf8"))) : undefined;
  const sourceLine = new Map<number, string>();
  const sourceOf = (line: number): string => {
    let known = sourceLine.get(line);
    if (known === undefined) {
      const text = bundleLines[line - 1] ?? "";
      const column = Math.max(0, text.search(/\S/));
      const entry = sourceMap?.findEntry(line - 1, column) as { originalSource?: string; originalLine?: number } | undefined;
      const source = entry?.originalSource?.replace(/^file:\/\//, "");
      const file = source ? path.relative(repoRoot, path.resolve(path.dirname(mapFile), source)) : undefined;
      known = file && entry?.originalLine !== undefined ? `${file}:${entry.originalLine + 1}` : `lint-worker.js:${line}`;
      known += `  ${text.trim().slice(0, 90)}`;
      sourceLine.set(line, known);
    }
    return known;
  };
  const windowSelf = new Map<number, number>();
  const selfFn = new Map<string, number>();
  const selfPkg = new Map<string, number>();
  const inclPkg = new Map<string, number>();
  const inclOwn = new Map<string, number>();
  let t = profile.startTime;
  let sampled = 0;
  const add = (m: Map<string, number>, k: string, v: number): void => void m.set(k, (m.get(k) ?? 0) + v);
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (t < fromUs || t > toUs) continue;
    const leaf = byId.get(profile.samples[i] ?? -1);
    if (!leaf) continue;
    sampled += dt;
    windowSelf.set(leaf.id, (windowSelf.get(leaf.id) ?? 0) + dt);
    add(selfFn, label(leaf), dt);
    add(selfPkg, where(leaf).pkg, dt);
    const pkgs = new Set<string>();
    const own = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id);
      if (!n) break;
      const w = where(n);
      pkgs.add(w.pkg);
      if (w.module.startsWith("server/")) own.add(label(n));
    }
    for (const p of pkgs) add(inclPkg, p, dt);
    for (const f of own) add(inclOwn, f, dt);
  }
  const windowMs = (toUs - fromUs) / 1000;
  const lines: string[] = [];
  const pct = (v: number): string => `${((100 * v) / Math.max(1, sampled)).toFixed(1).padStart(5)}%`;
  const list = (title: string, m: Map<string, number>, n: number, skip: (k: string) => boolean = () => false): void => {
    lines.push(title);
    for (const [k, v] of [...m].filter(([k]) => !skip(k)).sort((a, b) => b[1] - a[1]).slice(0, n)) lines.push(`  ${pct(v)} ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  };
  lines.push(`worker CPU samples over ${what}: ${(sampled / 1000).toFixed(0)} ms in a window of ${windowMs.toFixed(0)} ms wall`);
  list("self time by package (the code that was running):", selfPkg, top);
  list("inclusive time by package (on the stack; nested, so shares add up to more than 100%):", inclPkg, top, (k) => k === "(root)" || k === "(program)");
  list("the engine's own functions (inclusive):", inclOwn, top);
  list("hottest functions (self):", selfFn, top);
  const lineSelf = new Map<string, number>();
  for (const [id, time] of windowSelf) {
    const n = byId.get(id);
    if (!n || !bundleUrl(n.callFrame.url) || !n.positionTicks?.length) continue;
    const ticks = n.positionTicks.reduce((a, p) => a + p.ticks, 0);
    for (const p of n.positionTicks) add(lineSelf, sourceOf(p.line), (time * p.ticks) / ticks);
  }
  list("hottest source lines (self; approximate, see profile.ts):", lineSelf, top);
  return { windowMs, sampledMs: sampled / 1000, text: lines.join("\n") };
}

export async function runProfile(options: ProfileOptions, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<string> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-profile-"));
  try {
    const buildDir = path.join(scratch, "dist");
    const profDir = path.join(scratch, "prof");
    const workDir = path.join(scratch, "workspace");
    fs.mkdirSync(workDir);
    log(`profile: readable build in ${buildDir}`);
    const serverJs = await readableBuild(buildDir);
    const lint = { debounceMs: 0, timeBudgetMs: 10_000, ...(options.full ? { incremental: false } : {}) };
    const server = await LspSession.start({
      workspaceFolders: [workDir],
      settings: { lint, textlint: { configMode: "bundled" } },
      nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profDir}`, ...options.serverNodeArgs],
      command: [serverJs, "--stdio"],
    });
    const chars = Number(options.size.replace(/k$/, "")) * 1000;
    const post = options.real ? makeRealPost(chars, 1) : makePost(options.size, chars, 0);
    const plan = options.real ? paragraphPlan(post.text) : typingPlan(post.text);
    const file = path.join(workDir, "post.md");
    fs.writeFileSync(file, post.text);
    const times: number[] = [];
    let fromUs = 0;
    let toUs = 0;
    let openMs = NaN;
    try {
      // A small post first, so the dictionary is loaded and the linter warm before the measured one.
      const warm = makePost("warm-up", 2_000, 100);
      const warmFile = path.join(workDir, "warm-up.md");
      fs.writeFileSync(warmFile, warm.text);
      const warmOpen = await server.openTimed(warmFile, warm.text);
      await server.nextDiagnosticsOrError(warmOpen.uri, 1, 600_000);
      await server.close(warmOpen.uri);
      const openFromUs = Number(process.hrtime.bigint() / 1000n);
      const { uri, sentAt } = await server.openTimed(file, post.text);
      const opened = await server.nextDiagnosticsOrError(uri, 1, 600_000);
      openMs = opened.at - sentAt;
      const openToUs = Number(process.hrtime.bigint() / 1000n);
      log(`  didOpen → diagnostics ${Math.round(openMs)} ms`);
      // One unmeasured edit, then the profiled ones.
      for (let i = 0; i <= options.edits; i++) {
        if (i === 1) fromUs = Number(process.hrtime.bigint() / 1000n);
        const from = server.diagnostics.all.length;
        const { version, sentAt: at } = await server.edit(uri, plan.offset + i, 0, plan.char(i));
        const published = await server.nextDiagnosticsOrError(uri, version, 600_000, from);
        if (i >= 1) times.push(published.at - at);
      }
      toUs = Number(process.hrtime.bigint() / 1000n);
      if (options.open) [fromUs, toUs] = [openFromUs, openToUs];
      log(`  edits: ${times.map((x) => Math.round(x)).join(", ")} ms`);
    } finally {
      await server.stop();
    }
    const files = fs.existsSync(profDir) ? fs.readdirSync(profDir) : [];
    // CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile; the worker is the thread that is not 0.
    const worker = files.find((f) => /\.\d+\.[1-9]\d*\.\d+\.cpuprofile$/.test(f));
    if (!worker) throw new Error(`no worker profile in ${profDir} (found ${files.join(", ") || "nothing"})`);
    const profile = JSON.parse(fs.readFileSync(path.join(profDir, worker), "utf8")) as CpuProfile;
    if (toUs < profile.startTime || fromUs > profile.endTime) {
      log(`  the window is not within the profile's clock (${fromUs}..${toUs} vs ${profile.startTime}..${profile.endTime}): summarising the whole profile`);
      fromUs = profile.startTime;
      toUs = profile.endTime;
    }
    const summary = summarize(profile, path.join(buildDir, "lint-worker.js"), fromUs, toUs, options.open ? "the didOpen lint" : "the edits");
    const resultsDir = path.join(repoRoot, "bench", "results");
    fs.mkdirSync(resultsDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    // The profile with the readable bundle (and its source map) it refers to, for DevTools or speedscope.
    const kept = path.join(resultsDir, `profile-${stamp}-${options.size}-${options.full ? "full" : "incremental"}${options.open ? "-open" : ""}`);
    fs.mkdirSync(kept, { recursive: true });
    fs.copyFileSync(path.join(profDir, worker), path.join(kept, "lint-worker.cpuprofile"));
    for (const f of ["lint-worker.js", "lint-worker.js.map"]) fs.copyFileSync(path.join(buildDir, f), path.join(kept, f));
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted.length % 2 ? (sorted[(sorted.length - 1) / 2] ?? NaN) : ((sorted[sorted.length / 2 - 1] ?? NaN) + (sorted[sorted.length / 2] ?? NaN)) / 2;
    const cpus = os.cpus();
    return [
      `Tsuzuri lint-worker profile · ${new Date().toISOString()} · ${options.size} ${options.real ? "real-shaped " : ""}post (${post.text.length.toLocaleString("en-US")} chars), ${options.full ? "full lint (lint.incremental false)" : "incremental"}, ${options.open ? "the didOpen lint" : `${times.length} one-character edits in the middle`}`,
      `machine: ${cpus[0]?.model.trim() ?? "?"} × ${cpus.length} · Node ${process.version} · load avg (1 min) ${os.loadavg()[0]?.toFixed(2)} · readable build (--cpu-prof adds some overhead)`,
      options.open ? `didOpen → diagnostics: ${Math.round(openMs)} ms` : `didChange → diagnostics: median ${Math.round(median)} ms (${times.map((x) => Math.round(x)).join(", ")})`,
      "",
      summary.text,
      "",
      `profile: ${path.relative(repoRoot, kept)}/lint-worker.cpuprofile (with the readable bundle and source map it refers to)`,
    ].join("\n");
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runProfile(parseProfileArgs(process.argv.slice(2))).then(
    // Exit at once: a client's pending wait timers would otherwise keep the process alive.
    (text) => (console.log(text), process.exit(0)),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e);
      process.exit(1);
    },
  );
}
