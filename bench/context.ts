/**
 * What every bench case gets: the sizes to run, the posts, a scratch workspace, and the recorder
 * that collects figures for the table and the JSON file. A new case (issue 4's incremental
 * re-lint, say) is one more `BenchCase` in cases.ts; a new size is one more row in run.ts's SIZES.
 */
import type { Post } from "./corpus";
import { summarize, type Summary } from "./stats";

export interface SizeSpec {
  /** Label and key, e.g. "5k". */
  id: string;
  /** Target length of the post in UTF-16 code units. */
  chars: number;
  /** Measured one-character edits against the warm server (each waits for its own diagnostics). */
  edits: number;
  /** Edits made first and not measured (JIT and caches warm). */
  warmupEdits: number;
  /** Fresh server processes for the cold didOpen measurement. */
  coldRuns: number;
  /** Changes linted the naive way (fresh linter each). */
  naiveRuns: number;
  /** Changes linted by a fresh `textlint` CLI process each. */
  cliRuns: number;
  /** Part of the typing-burst (staleness) test. */
  burst: boolean;
  /** Skipped with --quick. */
  slow: boolean;
}

export interface OpenPostsSpec {
  /** Which size, and how many distinct posts of it, are open at once. */
  posts: { size: string; count: number }[];
  /** Edits to one of the open posts afterwards, for the steady-state RSS. */
  edits: number;
}

export interface BurstSpec {
  keystrokes: number;
  /** Milliseconds between keystrokes; 0 sends them back to back. */
  cadencesMs: number[];
}

export interface BenchConfig {
  sizes: SizeSpec[];
  openPosts: OpenPostsSpec;
  burst: BurstSpec;
  /** The server's settings (answered to `workspace/configuration`). */
  settings: Record<string, unknown>;
  /** Extra Node options for every server process (--server-node-args). */
  serverNodeArgs: string[];
}

export interface Metric {
  key: string;
  label: string;
  unit: string;
  bySize: Record<string, Summary>;
}

export interface BurstResult {
  size: string;
  cadenceMs: number;
  keystrokes: number;
  firstVersion: number;
  lastVersion: number;
  /** Versions published during the burst and until it settled, in arrival order. */
  publishedVersions: number[];
  /** Per publication: newest version already sent when it arrived, minus its version. */
  staleness: number[];
  maxStaleness: number;
  monotonic: boolean;
  finalIsLastSent: boolean;
  /** From the first keystroke to the first diagnostics of any burst version. */
  firstPublishAfterMs: number;
  /** From the last keystroke to the diagnostics of the last version. */
  finalLatencyMs: number;
  typingMs: number;
}

export class Recorder {
  readonly metrics = new Map<string, Metric>();
  readonly facts: Record<string, unknown> = {};
  readonly bursts: BurstResult[] = [];
  readonly notes: string[] = [];
  /** Diagnostics count per size, per source, per number of keystrokes typed (same text everywhere). */
  readonly counts: Record<string, Record<string, Record<number, number>>> = {};

  sample(key: string, label: string, unit: string, size: string, samples: readonly number[]): void {
    if (samples.length === 0) return;
    let metric = this.metrics.get(key);
    if (!metric) {
      metric = { key, label, unit, bySize: {} };
      this.metrics.set(key, metric);
    }
    metric.bySize[size] = summarize(samples);
  }

  get(key: string, size: string): Summary | undefined {
    return this.metrics.get(key)?.bySize[size];
  }

  fact(key: string, value: unknown): void {
    this.facts[key] = value;
  }

  count(size: string, source: string, keystrokes: number, diagnostics: number): void {
    const bySource = (this.counts[size] ??= {});
    (bySource[source] ??= {})[keystrokes] = diagnostics;
  }
}

export interface BenchContext {
  config: BenchConfig;
  /** The sizes this run covers (--quick drops the slow ones). */
  sizes: SizeSpec[];
  post(size: string, variant?: number): Post;
  /** Scratch workspace folder (no .textlintrc: the server uses its bundled default). */
  workDir: string;
  /** .textlintrc.json for the naive API and the CLI, equal to the bundled default. */
  configFile: string;
  rec: Recorder;
  log(message: string): void;
}

export interface BenchCase {
  id: string;
  description: string;
  run(ctx: BenchContext): Promise<void>;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How long to wait for one lint of a post of `chars` characters before calling it stuck. */
export const lintTimeoutMs = (chars: number): number => 60_000 + chars * 3;
