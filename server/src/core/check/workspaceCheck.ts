/**
 * "Check All Posts" (the editor's whole-workspace check), its pure part: which files are posts,
 * the run over them (a few in flight, stopping between posts when cancelled, progress as n/total),
 * and what a later file event does to the results a run published. The server glue
 * (checkAllPosts.ts) passes in the linting, the publishing and the cancellation.
 */
import * as path from "node:path";
import { mapInOrder } from "./check";

/**
 * A post the workspace check covers: a `.md`/`.markdown` file inside a workspace folder, not under
 * `node_modules` or a dot-folder (and not a dot-file), as `tsuzuri check <folder>` lists them.
 */
export function isWorkspacePost(filePath: string, folders: readonly string[]): boolean {
  if (!/\.(md|markdown)$/.test(filePath)) return false;
  return folders.some((folder) => {
    if (!filePath.startsWith(folder + path.sep)) return false;
    return !path
      .relative(folder, filePath)
      .split(path.sep)
      .some((segment) => segment === "node_modules" || segment.startsWith("."));
  });
}

export interface PostRun<R> {
  files: readonly string[];
  /** Posts in flight at once (the workers linting them). */
  concurrency: number;
  isCancelled(): boolean;
  /** One post's result; undefined: nothing to publish (open in the editor, unreadable). */
  check(filePath: string): Promise<R | undefined>;
  publish(filePath: string, result: R): void;
  progress(done: number, total: number): void;
}

export interface RunSummary {
  total: number;
  /** Posts finished (published or skipped) before the run ended or was cancelled. */
  done: number;
  published: number;
  cancelled: boolean;
}

/**
 * Checks `files`, publishing each result as it comes. Once cancelled no post is started, and a
 * result that arrives after the cancel is dropped: what was published stays, nothing more appears.
 */
export async function runPosts<R>(run: PostRun<R>): Promise<RunSummary> {
  let done = 0;
  let published = 0;
  await mapInOrder(run.files, run.concurrency, async (filePath) => {
    if (run.isCancelled()) return;
    const result = await run.check(filePath);
    if (run.isCancelled()) return;
    if (result !== undefined) {
      run.publish(filePath, result);
      published++;
    }
    run.progress(++done, run.files.length);
  });
  return { total: run.files.length, done, published, cancelled: done < run.files.length && run.isCancelled() };
}

/** Something that happened to a file after a run: on disk (watched files), or its editor closed. */
export type PostEvent = "created" | "changed" | "deleted" | "closed";

export interface PostFacts {
  /** A run has completed or started since the server started: its results are kept fresh. */
  checked: boolean;
  /** The file is a workspace post (isWorkspacePost). */
  post: boolean;
  /** Open in the editor: its diagnostics are the live lint's. */
  open: boolean;
  /** The workspace check published diagnostics for it. */
  published: boolean;
}

/**
 * What keeps a run's results fresh: a post created, changed or closed is linted again from disk; a
 * deleted one loses its diagnostics. Nothing before the first run, and nothing for an open post.
 */
export function actionFor(event: PostEvent, facts: PostFacts): "lint" | "clear" | "none" {
  if (!facts.checked || !facts.post || facts.open) return "none";
  if (event === "deleted") return facts.published ? "clear" : "none";
  return "lint";
}
