/**
 * What every bench case gets: the sizes to run, the posts, a scratch workspace, and the recorder
 * that collects figures for the table and the JSON file. A new case is one more `BenchCase` in
 * cases.ts; a new size is one more row in run.ts's SIZES.
 */
import type { Post } from "../test/helpers/corpusPost";
import { summarize, type Summary } from "./stats";

export interface SizeSpec {
  /** Label and key, e.g. "5k". */
  id: string;
  /** Target length of the post in UTF-16 code units. */
  chars: number;
  /** Measured one-character edits against the incremental server (each waits for its own diagnostics). */
  edits: number;
  /** Edits made first and not measured (JIT and caches warm). */
  warmupEdits: number;
  /** Measured edits against the full-lint server (`lint.incremental: false`); at most `edits`. */
  fullEdits: number;
  /** Measured edits to the same post with one emoji (the shadow-lint path), incremental server. */
  emojiEdits: number;
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

export interface OpenPostsPhase {
  id: string;
  /**
   * The posts open during this phase (post i of a size is variant i + 1 of it, so all differ).
   * Posts of the previous phase that are not listed are closed first; those listed stay open.
   */
  posts: { size: string; count: number }[];
  /** Edits to every open post, one after the other, then `editsOne` more to one of them. */
  editsEach: number;
  editsOne: number;
}

export interface BurstSpec {
  keystrokes: number;
  /** Milliseconds between keystrokes; 0 sends them back to back. */
  cadencesMs: number[];
}

export interface BenchConfig {
  sizes: SizeSpec[];
  /** One server, phase after phase (issue 2's mix of posts, then issue 4's long posts). */
  openPosts: OpenPostsPhase[];
  burst: BurstSpec;
  /** The server's settings (answered to `workspace/configuration`): incremental, as shipped. */
  settings: Record<string, unknown>;
  /** The same with `lint.incremental: false`: the full warm lint the incremental one is compared with. */
  fullSettings: Record<string, unknown>;
  /**
   * Full-lint servers that compute, in parallel, the reference results of the measured edits the
   * timed full server did not lint itself (the 100k post): one per CPU, at most 2.
   */
  referenceServers: number;
  /** Extra Node options for every server process (--server-node-args). */
  serverNodeArgs: string[];
}

/** Incremental results compared with the full lint of the same text, for one post size. */
export interface Equivalence {
  /** Edits whose published diagnostics were compared (warm-up edits included). */
  checked: number;
  /** Of which measured (timed) edits, and how many measured edits there were. */
  measuredChecked: number;
  measured: number;
  /** Edits whose diagnostics differ in anything (count, order, range, message, ...). */
  mismatches: number;
  /** Diagnostics compared, summed over the edits. */
  diagnostics: number;
  /** Where the references came from: the timed full server, or the reference servers afterwards. */
  fromTimedFull: number;
  fromReferenceServers: number;
  firstMismatch?: string;
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
  /** Incremental vs full lint, per size. */
  readonly equivalence: Record<string, Equivalence> = {};

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
