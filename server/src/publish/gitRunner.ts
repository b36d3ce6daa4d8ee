/**
 * The Node side of Zenn publishing: runs the writer's own `git` (spawn with an argument list, no
 * shell, so paths and commit messages are never interpreted) in English (LANGUAGE=en, so the core
 * can read git's messages), never waiting for a password (GIT_TERMINAL_PROMPT=0, stdin closed, and
 * on POSIX a session of its own, so ssh has no terminal to ask on either), stopped at a time limit.
 *
 * On the time limit the whole process group is killed (POSIX): a push runs `git-remote-https` or
 * `ssh` under git, and killing git alone would leave them holding the output pipes open. On Windows
 * only git itself is killed (its helpers end when their connection does); the promise settles at
 * the limit either way.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { GitRunFailure, type GitRunner } from "../core/publish/git";

export const DEFAULT_GIT_TIMEOUT_MS = 120_000;
const MAX_OUTPUT = 32 * 1024 * 1024;

export interface NodeGitRunnerOptions {
  /** Per git command; a push of large images may need more than the default 2 minutes. */
  timeoutMs?: number;
  /** The git executable (default: `git` from the PATH). */
  gitPath?: string;
}

export function nodeGitRunner(env: NodeJS.ProcessEnv = process.env, options: NodeGitRunnerOptions = {}): GitRunner {
  const timeout = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
  const gitPath = options.gitPath ?? "git";
  const childEnv: NodeJS.ProcessEnv = { ...env, GIT_TERMINAL_PROMPT: "0", LANGUAGE: "en" };
  const posix = process.platform !== "win32";
  return (args, cwd) =>
    new Promise((resolve, reject) => {
      // A missing folder makes spawn fail with ENOENT, like a missing git: tell them apart.
      if (!fs.statSync(cwd, { throwIfNoEntry: false })?.isDirectory()) {
        resolve({ code: 128, stdout: "", stderr: `fatal: cannot change to '${cwd}': No such file or directory\n` });
        return;
      }
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        f();
      };
      const child = spawn(gitPath, args, { cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"], detached: posix, windowsHide: true });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_OUTPUT) into.push(chunk);
      };
      child.stdout.on("data", collect(out));
      child.stderr.on("data", collect(err));
      const kill = (signal: NodeJS.Signals) => {
        try {
          if (posix && child.pid !== undefined) process.kill(-child.pid, signal);
          else child.kill(signal);
        } catch {
          // Already gone.
        }
      };
      const timer = setTimeout(() => {
        kill("SIGTERM");
        setTimeout(() => kill("SIGKILL"), 2000).unref();
        child.stdout.destroy();
        child.stderr.destroy();
        const said = Buffer.concat(err).toString("utf8").trim();
        settle(() => reject(new GitRunFailure("timeout", `git ${args.join(" ")} was stopped after ${timeout} ms${said ? `: ${said}` : ""}`)));
      }, timeout);
      child.on("error", (e: NodeJS.ErrnoException) => {
        settle(() => reject(new GitRunFailure(e.code === "ENOENT" ? "missing" : "spawn", e.code === "ENOENT" ? `${gitPath} was not found (${e.message})` : e.message)));
      });
      child.on("close", (code, signal) => {
        const stdout = Buffer.concat(out).toString("utf8");
        let stderr = Buffer.concat(err).toString("utf8");
        if (size > MAX_OUTPUT) stderr += `\n(git's output was cut at ${MAX_OUTPUT} bytes)`;
        if (code === null) stderr += `\ngit was stopped by ${signal ?? "a signal"}`;
        settle(() => resolve({ code: code ?? 128, stdout, stderr }));
      });
    });
}
