/**
 * The second lint worker: the first lint of a long post on both CPU cores.
 *
 * Almost all of a first lint is the block and window lints (on a real-shaped 100k post the
 * document-wide pass is about 1% of it), and those can be linted anywhere: their results are plain
 * data keyed by block text. So while the main worker lints the post's chunks from the top, a second
 * worker lints them from the bottom and hands what it found to the main worker's cache; the full
 * lint that follows finds every block there and runs only the document-wide rules.
 *
 * The second worker costs a second copy of the rules and the analyser's dictionary, so it is
 * started only for the first lint of a long post (warming up while the visible part is linted)
 * and stopped when it has been idle for a while. A chunk it did not finish (not ready yet, out of
 * memory, stopped) is simply linted by the main worker's full lint: it can only save time.
 */
import type { ConfigChoice } from "../core/lint/configResolution";
import type { LintedBlocks } from "../core/incremental/incrementalLinter";
import type { LintOptions } from "../core/lint/lintEngine";
import type { SecondWorkerMode } from "../core/settings";
import type { LintWorkerClient } from "./lintWorkerClient";

/** Shorter posts lint in about the time a second worker takes to load its rules and dictionary. */
export const SECOND_WORKER_MIN_CHARS = 20_000;
/** About the characters of one chunk: small enough to share evenly, large enough to cost little per request. */
const CHUNK_CHARS = 5_000;
/** How long the second worker stays after its last use (another long post opened soon after). */
const IDLE_MS = 30_000;

export type LineRange = readonly [number, number];

/** Consecutive line ranges (1-based, both included) of about `chunkChars` characters, covering `text`. */
export function chunkLines(text: string, chunkChars: number): LineRange[] {
  const chunks: LineRange[] = [];
  let first = 1;
  let line = 1;
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    size++;
    if (text[i] !== "\n") continue;
    if (size >= chunkChars) {
      chunks.push([first, line]);
      first = line + 1;
      size = 0;
    }
    line++;
  }
  if (size > 0 || chunks.length === 0) chunks.push([first, line]);
  return chunks;
}

export interface ChunkHelper<T> {
  /** Settles when the helper can take chunks (a rejection: it takes none). */
  ready: Promise<void>;
  run(chunk: LineRange): Promise<T>;
}

/**
 * Runs every chunk once: `main` takes them from the front at once, `helper` from the back once it is
 * ready. Resolves when no chunk is left and the helper's chunk in flight (if any) is done, with what
 * the helper's runs gave; a helper still warming up then is not waited for, and a helper that fails
 * leaves its chunk undone (the caller's full lint covers it). A failure of `main` rejects.
 */
export async function shareChunks<T>(chunks: readonly LineRange[], main: (chunk: LineRange) => Promise<void>, helper: ChunkHelper<T>): Promise<T[]> {
  const queue = [...chunks];
  const results: T[] = [];
  let finished = false;
  let inFlight: Promise<unknown> = Promise.resolve();
  const helping = (async () => {
    await helper.ready;
    while (!finished) {
      const chunk = queue.pop();
      if (!chunk) return;
      const run = helper.run(chunk);
      inFlight = run;
      results.push(await run);
    }
  })();
  helping.catch(() => undefined);
  try {
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) await main(chunk);
  } finally {
    finished = true;
  }
  await inFlight.catch(() => undefined);
  return results;
}

/** One lint of blocks shared between the main worker and the second one. */
export interface SharedLint {
  text: string;
  filePath: string;
  choice: ConfigChoice;
  options: LintOptions;
  hardLimitMs: number;
}

/**
 * Whether to share: `auto` with 4 cores or more. Measured on 2 cores (bench `second-worker`), the
 * second worker's start (its own copy of the rules and the dictionary, about 3 s of CPU) competes
 * with the main worker and its collector for the second core, and the first lint of a 50k post
 * took longer than with one worker; with spare cores it runs beside them.
 */
export function wantsSecondWorker(mode: SecondWorkerMode, cores: number): boolean {
  return mode === "on" ? cores >= 2 : mode === "auto" ? cores >= 4 : false;
}

/** The second worker: started on demand, stopped when idle or when configs and packages change. */
export class SecondWorker {
  private client: LintWorkerClient | undefined;
  private users = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly create: () => LintWorkerClient,
    /** The machine's cores (os.availableParallelism()). */
    private readonly cores: number,
    private readonly idleMs = IDLE_MS,
  ) {}

  /** Whether the first lint of a long post is shared, under the setting `mode`. */
  wanted(mode: SecondWorkerMode): boolean {
    return wantsSecondWorker(mode, this.cores);
  }

  /**
   * Lints the blocks of `lint.text` on both workers, into `main`'s cache (what its full lint then
   * finds); the second worker starts warming `lint.choice` at once, while `beforeShare` runs (the
   * visible part's lint; it is given the second worker's readiness). Returns how many chunks each
   * worker took.
   */
  async share(main: LintWorkerClient, lint: SharedLint, beforeShare: (secondReady: Promise<void>) => Promise<void>): Promise<{ main: number; second: number }> {
    const helper = this.acquire();
    try {
      const ready = helper.ready(lint.choice);
      ready.catch(() => undefined);
      await beforeShare(ready);
      const counts = { main: 0, second: 0 };
      const { text, filePath, choice, options, hardLimitMs } = lint;
      const linted = await shareChunks(
        chunkLines(text, CHUNK_CHARS),
        async (lines) => {
          counts.main++;
          await main.lintBlocks(text, filePath, choice, { ...options, lines }, true, hardLimitMs);
        },
        {
          ready,
          run: (lines) => (counts.second++, helper.lintBlocks(text, filePath, choice, { ...options, lines }, false, hardLimitMs)),
        },
      );
      const blocks: LintedBlocks = { units: linted.flatMap((b) => b?.units ?? []), windows: linted.flatMap((b) => b?.windows ?? []) };
      if (blocks.units.length + blocks.windows.length > 0) await main.adoptBlocks(filePath, choice, options, blocks);
      helper.forget(filePath);
      return counts;
    } finally {
      this.release();
    }
  }

  /** Stops the second worker (configs or packages changed, or the server stops). */
  dispose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.client?.dispose();
    this.client = undefined;
  }

  private acquire(): LintWorkerClient {
    this.users++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.client ??= this.create();
    return this.client;
  }

  private release(): void {
    this.users--;
    if (this.users > 0) return;
    this.idleTimer = setTimeout(() => this.dispose(), this.idleMs);
    this.idleTimer.unref();
  }
}
