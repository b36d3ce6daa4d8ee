/**
 * `tsuzuri check`'s runner: its options (-j/--jobs, --timeout, --max-size, --cache,
 * --cache-location), and a check over worker threads with budgets, the result cache in front and
 * atomic writes for --fix. main.ts parses the other options and prints the report.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCheck, type CheckIo, type CheckOptions, type CheckReport } from "../core/check/check";
import { CheckCache, withCache } from "../core/check/checkCache";
import type { CheckLang } from "../core/check/checkProblems";
import { writeFileAtomic } from "./atomicWrite";
import { fingerprintMemo } from "./fingerprint";
import { WorkerPool } from "./pool";
import { badNumberOption, cacheUnreadable, cacheUnwritable } from "./runnerMessages";

/** For node:util parseArgs, spread into the CLI's options. */
export const RUNNER_ARGS = {
  jobs: { type: "string", short: "j" },
  timeout: { type: "string", default: "30" },
  "max-size": { type: "string", default: "1024" },
  cache: { type: "boolean", default: false },
  "cache-location": { type: "string" },
} as const;

export const DEFAULT_CACHE_FILE = ".tsuzuricache";
const FILES_PER_WORKER = 4;

export interface RunnerOptions {
  jobs: number;
  timeoutMs: number;
  maxBytes: number;
  /** The cache file, when --cache is on. */
  cacheFile: string | undefined;
}

type Values = { jobs?: string | undefined; timeout?: string | undefined; "max-size"?: string | undefined; cache?: boolean | undefined; "cache-location"?: string | undefined };

/** The runner's options from parseArgs' values, or the usage error to print (exit 2). */
export function runnerOptions(values: Values, cwd: string, lang: CheckLang): RunnerOptions | { error: string } {
  const jobsText = values.jobs ?? String(os.availableParallelism());
  const jobs = Number(jobsText);
  if (!Number.isInteger(jobs) || jobs < 1) return { error: badNumberOption("jobs", jobsText, "integer", lang) };
  const timeoutText = values.timeout ?? "30";
  const timeout = Number(timeoutText);
  if (!(timeout > 0) || !Number.isFinite(timeout)) return { error: badNumberOption("timeout", timeoutText, "number", lang) };
  const maxSizeText = values["max-size"] ?? "1024";
  const maxSize = Number(maxSizeText);
  if (!(maxSize > 0) || !Number.isFinite(maxSize)) return { error: badNumberOption("max-size", maxSizeText, "number", lang) };
  return { jobs, timeoutMs: timeout * 1000, maxBytes: Math.floor(maxSize * 1024), cacheFile: values.cache || values["cache-location"] ? cacheFileOf(values["cache-location"], cwd) : undefined };
}

/** As eslint: a folder (existing, or written with a trailing slash) holds `.tsuzuricache`. */
function cacheFileOf(location: string | undefined, cwd: string): string {
  if (!location) return path.join(cwd, DEFAULT_CACHE_FILE);
  const resolved = path.resolve(cwd, location);
  const isFolder = /[\\/]$/.test(location) || fs.statSync(resolved, { throwIfNoEntry: false })?.isDirectory() === true;
  return isFolder ? path.join(resolved, DEFAULT_CACHE_FILE) : resolved;
}

/** Reads a file for linting, flagging it (unlinted) when it is over the size budget. */
function readWithBudget(maxBytes: number, readFile: CheckIo["read"]): CheckIo["read"] {
  return (filePath) => {
    const size = fs.statSync(filePath, { throwIfNoEntry: false })?.size;
    const read = readFile(filePath);
    if (!read.ok || size === undefined || size <= maxBytes) return read;
    return { ...read, tooLarge: { bytes: size, limitBytes: maxBytes } };
  };
}

export interface RunnerIo {
  /** Reads a file for linting (readForLint, or stdin's text for its file name). */
  read: CheckIo["read"];
  /** Writes a fixed file (default: atomically, writeFileAtomic; --stdin: nothing). */
  write?: CheckIo["write"];
  lineIndex: CheckIo["lineIndex"];
  frontmatter: NonNullable<CheckIo["frontmatter"]>;
  notations: NonNullable<CheckIo["notations"]>;
  frontmatterOnly?: CheckIo["frontmatterOnly"];
  /** Warnings for stderr (a cache that cannot be read or written). */
  warn(message: string): void;
}

export async function runChecks(runner: RunnerOptions, io: RunnerIo, check: Omit<CheckOptions, "concurrency">, version: string, lang: CheckLang): Promise<CheckReport> {
  const pool = new WorkerPool({ jobs: runner.jobs, timeoutMs: runner.timeoutMs, lang });
  const cache = runner.cacheFile ? loadCache(runner.cacheFile, io.warn, lang) : undefined;
  const fingerprint = fingerprintMemo(version);
  try {
    const linter = cache ? withCache(pool, cache, fingerprint) : pool;
    const checkIo: CheckIo = {
      read: readWithBudget(runner.maxBytes, io.read),
      write: io.write ?? writeFileAtomic,
      lineIndex: io.lineIndex,
      frontmatter: io.frontmatter,
      notations: io.notations,
      ...(io.frontmatterOnly ? { frontmatterOnly: io.frontmatterOnly } : {}),
    };
    // A worker costs a second or two of start-up (its rules, the analyser's dictionary): one per
    // four files at most, so that checking two posts does not start two.
    const concurrency = Math.min(runner.jobs, Math.max(1, Math.ceil(check.files.length / FILES_PER_WORKER)));
    const report = await runCheck(linter, checkIo, { ...check, concurrency, lang });
    if (cache && runner.cacheFile) saveCache(runner.cacheFile, cache, io.warn, lang);
    return report;
  } finally {
    pool.dispose();
  }
}

export function loadCache(file: string, warn: (message: string) => void, lang: CheckLang): CheckCache {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as { code?: string }).code !== "ENOENT") warn(cacheUnreadable(file, (e as Error).message, lang));
    return CheckCache.empty();
  }
  try {
    return CheckCache.parse(text);
  } catch (e) {
    warn(cacheUnreadable(file, (e as Error).message, lang));
    return CheckCache.empty();
  }
}

export function saveCache(file: string, cache: CheckCache, warn: (message: string) => void, lang: CheckLang): void {
  cache.prune((f) => fs.existsSync(f));
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, cache.serialize(), { create: true });
  } catch (e) {
    warn(cacheUnwritable(file, (e as Error).message, lang));
  }
}
