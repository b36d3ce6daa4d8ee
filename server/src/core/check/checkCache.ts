/**
 * The CLI's result cache (`--cache`): per file, the outcome of its last lint or fix, under a key
 * that hashes everything the outcome depends on: the file's text, the config chosen for it (and
 * the fingerprint of that config's content, its rule packages' versions and Tsuzuri's version,
 * computed by the caller), and lint or fix. Unlike textlint's own --cache, which only remembers
 * files without problems, the problems themselves are kept, so an unchanged file costs no lint.
 * Pure: the caller reads and writes the cache file.
 */
import { createHash } from "node:crypto";
import type { ConfigChoice } from "../lint/configResolution";
import type { FixOutcome, LintOutcome } from "../lint/lintEngine";
import type { CheckLinter, StoppedOutcome } from "./check";

/** Bumped whenever what an entry holds changes shape. */
const FORMAT = 1;

type Cached = Extract<LintOutcome, { status: "ok" | "ignored" }> | (Omit<Extract<FixOutcome, { status: "ok" }>, "output"> & { output?: string }) | Extract<FixOutcome, { status: "ignored" }>;

interface Entry {
  key: string;
  outcome: Cached;
}

interface CacheFile {
  format: number;
  entries: Record<string, Entry>;
}

export class CheckCache {
  private readonly entries: Map<string, Entry>;
  hits = 0;
  misses = 0;

  private constructor(entries: Record<string, Entry>) {
    this.entries = new Map(Object.entries(entries));
  }

  static empty(): CheckCache {
    return new CheckCache({});
  }

  /** A cache file's content; anything else (another format, broken JSON) is an error for the caller. */
  static parse(json: string): CheckCache {
    const data = JSON.parse(json) as Partial<CacheFile>;
    if (data.format !== FORMAT || typeof data.entries !== "object" || data.entries === null) throw new Error(`not a cache of format ${FORMAT}`);
    return new CheckCache(data.entries);
  }

  /** The cache file's content: this run's entries and those of files it did not check. */
  serialize(): string {
    return JSON.stringify({ format: FORMAT, entries: Object.fromEntries(this.entries) } satisfies CacheFile);
  }

  /** Drops the entries of files that no longer exist (renamed, deleted posts). */
  prune(exists: (filePath: string) => boolean): void {
    for (const filePath of [...this.entries.keys()]) if (!exists(filePath)) this.entries.delete(filePath);
  }

  get(filePath: string, key: string): Cached | undefined {
    const entry = this.entries.get(filePath);
    return entry?.key === key ? entry.outcome : undefined;
  }

  set(filePath: string, key: string, outcome: Cached): void {
    this.entries.set(filePath, { key, outcome });
  }
}

export function cacheKey(parts: { mode: "lint" | "fix"; choice: ConfigChoice; fingerprint: string; filePath: string; text: string }): string {
  const hash = createHash("sha256");
  // The file's path is part of the key: a config's ignore file and overrides depend on it.
  hash.update(JSON.stringify([FORMAT, parts.mode, parts.choice, parts.fingerprint, parts.filePath]));
  hash.update("\0");
  hash.update(parts.text);
  return hash.digest("hex");
}

/**
 * `linter` with the cache in front: a file whose key matches its entry gets the stored outcome and
 * is not linted; otherwise it is linted and the outcome stored (not errors or stopped lints: those
 * are tried again next time). `fingerprint` says what a config's outcome depends on besides the text.
 */
export function withCache(linter: CheckLinter, cache: CheckCache, fingerprint: (choice: ConfigChoice) => string): CheckLinter {
  return {
    resolve: (input) => linter.resolve(input),
    async lint(text, filePath, choice) {
      const key = cacheKey({ mode: "lint", choice, fingerprint: fingerprint(choice), filePath, text });
      const hit = cache.get(filePath, key);
      if (hit && !("remaining" in hit)) return (cache.hits++, hit);
      cache.misses++;
      const outcome = await linter.lint(text, filePath, choice);
      if (outcome.status === "ok" || outcome.status === "ignored") cache.set(filePath, key, outcome);
      return outcome;
    },
    async fix(text, filePath, choice, options) {
      // The rules left out (tsuzuri.textlint.severity's off) change the fixes: part of the key.
      const key = cacheKey({ mode: "fix", choice, fingerprint: `${fingerprint(choice)}${options?.levels ? JSON.stringify(options.levels) : ""}`, filePath, text });
      const hit = cache.get(filePath, key);
      if (hit && (hit.status === "ignored" || "remaining" in hit)) {
        cache.hits++;
        // An unchanged output is not stored twice: it is the text itself.
        return hit.status === "ok" ? { ...hit, output: hit.output ?? text } : hit;
      }
      cache.misses++;
      const outcome: FixOutcome | StoppedOutcome = await linter.fix(text, filePath, choice, options);
      if (outcome.status === "ok") {
        const { output, ...rest } = outcome;
        cache.set(filePath, key, output === text ? rest : outcome);
      } else if (outcome.status === "ignored") cache.set(filePath, key, outcome);
      return outcome;
    },
  };
}
