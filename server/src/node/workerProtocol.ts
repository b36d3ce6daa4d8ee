/** Messages between the server's main thread and its lint worker thread. */
import type { ConfigChoice } from "../core/lint/configResolution";
import type { FixOptions, FixOutcome, LintOptions, LintOutcome } from "../core/lint/lintEngine";
import type { LintedBlocks } from "../core/incremental/incrementalLinter";

export type WorkerRequest =
  | { id: number; type: "lint"; text: string; filePath: string; choice: ConfigChoice; options: LintOptions }
  | { id: number; type: "fix"; text: string; filePath: string; choice: ConfigChoice; options: FixOptions }
  | { id: number; type: "lintBlocks"; text: string; filePath: string; choice: ConfigChoice; options: LintOptions & { lines: readonly [number, number] }; keep: boolean }
  | { id: number; type: "adoptBlocks"; filePath: string; choice: ConfigChoice; options: LintOptions; blocks: LintedBlocks }
  | { id: number; type: "invalidate" }
  | { id: number; type: "forget"; filePath: string }
  | { id: number; type: "warm"; choice: ConfigChoice };

export type WorkerResponse =
  | { id: number; type: "lint"; outcome: LintOutcome }
  | { id: number; type: "fix"; outcome: FixOutcome }
  | { id: number; type: "blocks"; blocks: LintedBlocks | undefined }
  | { id: number; type: "done" }
  | { id: number; type: "failed"; message: string; stack?: string }
  /** Sent (id 0) just before the thread ends because a rule or a JS config called process.exit(). */
  | { id: number; type: "exiting"; code: number; stack: string };
