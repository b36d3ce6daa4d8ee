/**
 * `--changed-since <ref>`: asks git which lines of the checked files changed since `ref` (the working
 * tree against the commit, as `git diff <ref>` compares them, renames followed), and which files git
 * does not track (new: every line counts as changed). Pure apart from the injected git runner and
 * realpath; the diff is read by changedLines.ts.
 */
import * as path from "node:path";
import { say, type Localized } from "../shared/i18n";
import { GitRunFailure, type GitResult, type GitRunner } from "../publish/git";
import { parseUnifiedDiff, type ChangedLines } from "./changedLines";

export type ChangedSinceOutcome = { ok: true; changed: Map<string, ChangedLines> } | { ok: false; message: Localized };

class Stop extends Error {
  constructor(readonly said: Localized) {
    super(said.en);
  }
}

async function run(git: GitRunner, args: string[], cwd: string): Promise<GitResult> {
  try {
    return await git(args, cwd);
  } catch (e) {
    if (e instanceof GitRunFailure && e.reason === "missing") {
      throw new Stop(say("--changed-since needs git, which was not found on the PATH.", "--changed-since には git が必要ですが、PATH に見つかりません。"));
    }
    const detail = (e as Error).message;
    throw new Stop(say(`--changed-since: git could not run: ${detail}`, `--changed-since: git を実行できませんでした: ${detail}`));
  }
}

function failed(subcommand: string, result: GitResult): Stop {
  const detail = result.stderr.trim().split("\n")[0] ?? "";
  const command = `git ${subcommand}`;
  return new Stop(say(`--changed-since: ${command} failed (exit ${result.code}): ${detail}`, `--changed-since: ${command} が失敗しました（終了コード ${result.code}）: ${detail}`));
}

/**
 * The changed lines of each of `files` (absolute paths) since `ref`, by those paths; or why they
 * cannot be known (not in a git repository, an unknown ref, no git).
 */
export async function changedSince(git: GitRunner, ref: string, cwd: string, files: readonly string[], realpath: (p: string) => string): Promise<ChangedSinceOutcome> {
  try {
    const top = await run(git, ["rev-parse", "--show-toplevel"], cwd);
    if (top.code !== 0) {
      if (/not a git repository/i.test(top.stderr)) {
        return { ok: false, message: say(`--changed-since works in a git repository; ${cwd} is not in one.`, `--changed-since は git リポジトリの中で使います。${cwd} はリポジトリの中ではありません。`) };
      }
      throw failed("rev-parse", top);
    }
    const root = top.stdout.trim();
    // A ref never starts with "-": such an argument would be read as an option.
    const verify = ref.startsWith("-") ? undefined : await run(git, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], root);
    if (!verify || verify.code !== 0) {
      return {
        ok: false,
        message: say(
          `--changed-since: "${ref}" is not a commit this repository knows (give a branch, tag or commit; in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0).`,
          `--changed-since: "${ref}" はこのリポジトリにないコミットです（ブランチ、タグ、コミットを指定してください。CI では先に fetch してください。例: actions/checkout の fetch-depth: 0）。`,
        ),
      };
    }
    const diffArgs = ["-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--unified=0", "--src-prefix=a/", "--dst-prefix=b/", "-M", "--diff-filter=d", verify.stdout.trim(), "--"];
    const diff = await run(git, diffArgs, root);
    if (diff.code !== 0 || /output was cut/.test(diff.stderr)) throw failed("diff", diff);
    const listed = await run(git, ["ls-files", "-z", "--full-name"], root);
    if (listed.code !== 0) throw failed("ls-files", listed);
    const tracked = new Set(listed.stdout.split("\0").filter((p) => p !== ""));
    const lines = parseUnifiedDiff(diff.stdout);
    const changed = new Map<string, ChangedLines>();
    for (const file of files) {
      const relative = path.relative(root, safeRealpath(realpath, file)).split(path.sep).join("/");
      changed.set(file, tracked.has(relative) ? (lines.get(relative) ?? []) : "all");
    }
    return { ok: true, changed };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, message: e.said };
    throw e;
  }
}

function safeRealpath(realpath: (p: string) => string, file: string): string {
  try {
    return realpath(file);
  } catch {
    return file;
  }
}
