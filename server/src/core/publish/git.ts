/**
 * Git plumbing for Zenn publishing: the runner type (also `--changed-since`'s; the Node glue is
 * server/src/publish/gitRunner.ts), running a step with its failure named in the writer's language,
 * finding the repository, and the patterns that tell an authentication or network failure from
 * git's own words. Split from zenn.ts, which keeps the publishing flow.
 */
import { say, type Localized } from "../shared/i18n";
import { PublishFailure, type PublishErrorKind } from "./types";

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the writer's own `git` with `args` (no shell) in `cwd`. Resolves with git's exit code; rejects with GitRunFailure when git could not run or finish. */
export type GitRunner = (args: string[], cwd: string) => Promise<GitResult>;

/** Git could not be run (not installed), or was stopped at the time limit. */
export class GitRunFailure extends Error {
  constructor(
    readonly reason: "missing" | "timeout" | "spawn",
    message: string,
  ) {
    super(message);
  }
}

export function fail(kind: PublishErrorKind, message: Localized, detail?: string): PublishFailure {
  const trimmed = detail?.trim();
  return new PublishFailure({ kind, message, ...(trimmed ? { detail: trimmed } : {}) });
}

export const firstLine = (text: string): string => text.trim().split(/\r?\n/).find((l) => l.trim() !== "")?.trim() ?? "";
export const stripEol = (text: string): string => text.replace(/\r?\n$/, "");
export const nulList = (text: string): string[] => text.split("\0").filter((p) => p !== "");

export const AUTH_PATTERNS = [
  /Authentication failed/i,
  /Permission denied/i,
  /Permission to \S+ denied/i,
  /could not read (Username|Password)/i,
  /terminal prompts disabled/i,
  /Invalid username or (password|token)/i,
  /Host key verification failed/i,
  /The requested URL returned error: 40[13]/i,
];
export const NETWORK_PATTERNS = [
  /Could not resolve host/i,
  /Failed to connect to/i,
  /Connection (refused|timed out|reset)/i,
  /Could not resolve hostname/i,
  /Network is unreachable/i,
  /unable to access '[^']*': (?!The requested URL returned error)/i,
  /Could not read from remote repository/i,
];

export interface Context {
  git: GitRunner;
  top: string;
}

/** The git subcommand in `args` (after global options such as `-c key=value`). */
export function subcommand(args: string[]): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-c" || a === "-C") i++;
    else if (!a.startsWith("-")) return a;
  }
  return "";
}

export async function run(git: GitRunner, args: string[], cwd: string): Promise<GitResult> {
  try {
    return await git(args, cwd);
  } catch (e) {
    if (e instanceof GitRunFailure) {
      if (e.reason === "missing") {
        throw fail("git", say("Git is not installed or not on the PATH; Zenn publishes by git push. Install git and publish again.", "git が見つかりません（インストールされていないか PATH にありません）。Zenn への公開は git push で行います。git をインストールしてからもう一度公開してください。"), e.message);
      }
      if (e.reason === "timeout") {
        throw fail("timeout", say(`git ${subcommand(args)} did not finish in time and was stopped.`, `git ${subcommand(args)} が時間内に終わらなかったため中止しました。`), e.message);
      }
      throw fail("git", say(`Git could not be run: ${e.message}`, `git を実行できませんでした: ${e.message}`), e.message);
    }
    throw e;
  }
}

/** Runs git in the repository's top level; a non-zero exit becomes a "git" failure naming the step. */
export async function must(ctx: Context, args: string[], what: Localized): Promise<GitResult> {
  const result = await run(ctx.git, args, ctx.top);
  if (result.code !== 0) {
    const line = firstLine(result.stderr) || firstLine(result.stdout);
    throw fail("git", say(`${what.en} failed: ${line}`, `${what.ja}に失敗しました: ${line}`), result.stderr || result.stdout);
  }
  return result;
}

export async function locate(git: GitRunner, dir: string): Promise<{ top: string; prefix: string }> {
  const top = await run(git, ["rev-parse", "--show-toplevel"], dir);
  if (top.code !== 0) {
    if (/not a git repository/i.test(top.stderr)) {
      throw fail(
        "git",
        say(
          `${dir} is not in a git repository. Zenn publishes what is pushed to the GitHub repository linked to your account: clone that repository (or run git init and git remote add origin <its URL>) and keep the post in its articles/ folder.`,
          `${dir} は git リポジトリの中にありません。Zenn は連携した GitHub リポジトリに push された内容を公開します。そのリポジトリを clone する（または git init と git remote add origin <URL> を実行する）と、記事を articles/ フォルダーに置いてください。`,
        ),
        top.stderr,
      );
    }
    const line = firstLine(top.stderr);
    throw fail("git", say(`Git could not find the repository of ${dir}: ${line}`, `${dir} の git リポジトリを特定できませんでした: ${line}`), top.stderr);
  }
  const prefix = await run(git, ["rev-parse", "--show-prefix"], dir);
  if (prefix.code !== 0) throw fail("git", say(`Git could not place ${dir} in its repository: ${firstLine(prefix.stderr)}`, `${dir} のリポジトリ内の位置を特定できませんでした: ${firstLine(prefix.stderr)}`), prefix.stderr);
  return { top: stripEol(top.stdout), prefix: stripEol(prefix.stdout) };
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function list(paths: string[]): string {
  return paths.join(", ");
}
