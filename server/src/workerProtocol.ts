/** Messages between the server's main thread and its lint worker thread. */
import type { ConfigChoice } from "./core/configResolution";
import type { FixOptions, FixOutcome, LintOptions, LintOutcome } from "./core/lintEngine";

export type WorkerRequest =
  | { id: number; type: "lint"; text: string; filePath: string; choice: ConfigChoice; options: LintOptions }
  | { id: number; type: "fix"; text: string; filePath: string; choice: ConfigChoice; options: FixOptions }
  | { id: number; type: "invalidate" }
  | { id: number; type: "forget"; filePath: string }
  | { id: number; type: "warm"; choice: ConfigChoice };

export type WorkerResponse =
  | { id: number; type: "lint"; outcome: LintOutcome }
  | { id: number; type: "fix"; outcome: FixOutcome }
  | { id: number; type: "done" }
  | { id: number; type: "failed"; message: string; stack?: string };
