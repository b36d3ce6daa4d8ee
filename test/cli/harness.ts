/**
 * Runs the built CLI (dist/cli.js) and the real textlint CLI as child processes, and reads the
 * sample posts. Not a test file itself.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { TextlintMessage, TextlintResult } from "@textlint/types";
import { RANUKI, repoRoot } from "../helpers/workspace";

export const CLI = path.join(repoRoot, "dist", "cli.js");
const textlintDir = path.join(repoRoot, "node_modules", "textlint");
const textlintBin = (JSON.parse(fs.readFileSync(path.join(textlintDir, "package.json"), "utf8")) as { bin: Record<string, string> }).bin;
export const TEXTLINT = path.join(textlintDir, textlintBin["textlint"] ?? "bin/textlint.js");
export const REPO_NODE_MODULES = path.join(repoRoot, "node_modules");
export const POSTS_DIR = path.join(repoRoot, "test", "fixtures", "posts");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** For assertion messages. */
  describe(): string;
}

export interface RunOptions {
  /** Extra environment variables (LANG for the Japanese messages). */
  env?: NodeJS.ProcessEnv;
  /** What the process reads on stdin (default: nothing, stdin closed). */
  input?: string | Buffer;
}

export function run(script: string, args: string[], cwd: string, options: RunOptions = {}): Promise<Run> {
  // English unless a test asks for another language, whatever the machine's locale.
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", LANG: "C.UTF-8", ...options.env };
  delete env["TSUZURI_DEBUG"];
  if (!options.env || !("LC_ALL" in options.env)) delete env["LC_ALL"];
  if (!options.env || !("LC_MESSAGES" in options.env)) delete env["LC_MESSAGES"];
  const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
  if (options.input !== undefined) child.stdin?.end(options.input);
  return outputOf(child).then(({ code, stdout, stderr }) => ({
    code,
    stdout,
    stderr,
    describe: () => `${path.basename(script)} ${args.join(" ")} (in ${cwd}) exited ${code}\n--- stdout\n${stdout.slice(0, 3000)}\n--- stderr\n${stderr.slice(0, 3000)}`,
  }));
}

/** A child process's exit code and its whole stdout and stderr (piped), once it has closed. */
export function outputOf(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const [out, err] = [child.stdout, child.stderr];
    if (!out || !err) throw new Error("spawn gave no stdout/stderr pipes");
    out.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    err.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export const tsuzuri = (args: string[], cwd: string, options?: RunOptions): Promise<Run> => run(CLI, args, cwd, options);
export const textlint = (args: string[], cwd: string, options?: RunOptions): Promise<Run> => run(TEXTLINT, args, cwd, options);

/** stdout of a `--format json` run, parsed; fails with the whole run's output if it is not JSON. */
export function jsonResults(r: Run): TextlintResult[] {
  try {
    return JSON.parse(r.stdout) as TextlintResult[];
  } catch (e) {
    assert.fail(`not JSON (${(e as Error).message}): ${r.describe()}`);
  }
}

/** The sample posts the project ships (test/fixtures/posts), name → text. */
export function samplePosts(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(POSTS_DIR).filter((n) => n.endsWith(".md")).sort()) {
    out[name] = fs.readFileSync(path.join(POSTS_DIR, name), "utf8");
  }
  return out;
}

/** A message as `textlint --format json` prints it (drops keys whose value is undefined). */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export type Message = TextlintMessage;

/** A project config for the parity tests: another preset, rule options (and a severity) and the comments filter. */
export const PROJECT_CONFIG = {
  rules: {
    "preset-ja-spacing": true,
    "preset-ja-technical-writing": {
      "sentence-length": { max: 50, severity: "warning" },
      "max-ten": { max: 2 },
    },
  },
  filters: { comments: true },
};

/** What the bundled default is, spelled as a .textlintrc for the real textlint. */
export const BUNDLED_EQUIVALENT_CONFIG = { rules: { "preset-ja-technical-writing": true }, filters: { comments: true } };

/** Problems the bundled preset can fix: half-width kana, kanji numbers, zero-width spaces, redundant expressions. */
export const FIXABLE = [
  "# 直せる問題",
  "",
  "ｶﾀｶﾅで書かれた見出しを直します。",
  "",
  "一つ目の手順では、設定を確認します。",
  "",
  "この\u200b文には見えない文字があります。",
  "",
  "この機能を使用することができます。",
  "",
  "- 箇条書きの中のｶﾀｶﾅも直ります。",
  "",
  "| 列 | 説明 |",
  "| --- | --- |",
  "| ﾃｰﾌﾞﾙ | 表の中も直ります。 |",
  "",
].join("\n");

/** A Zenn article with a ら抜き言葉 in its body (its slug depends on the file name it is checked as). */
export const ZENN_RANUKI_POST = `---
title: "家族で見る映画"
emoji: "🎬"
type: "idea"
topics: ["映画"]
published: false
---

${RANUKI}
`;
