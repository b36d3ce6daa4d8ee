/**
 * Runs a composite GitHub Action (action.yml) locally the way a runner does, for the tests: each
 * `run:` step in `bash --noprofile --norc -eo pipefail`, its `env:` and `working-directory:` with
 * the `${{ }}` expressions substituted, GITHUB_OUTPUT / GITHUB_PATH files between steps, and the
 * remaining steps skipped after a failure. `uses:` steps are not run; their `with:` is recorded
 * (and their `if:` evaluated) so tests can check what they would receive. Not a test file itself.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { outputOf } from "./harness";

export interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  "working-directory"?: string;
}

export interface Action {
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface StepResult {
  name: string;
  /** skipped: its `if:` was false or an earlier step failed. */
  status: "ran" | "skipped" | "not run (uses)";
  code?: number | null;
  stdout?: string;
  stderr?: string;
  /** A `uses:` step's inputs, expressions substituted. */
  with?: Record<string, string>;
}

export interface ActionRun {
  steps: StepResult[];
  /** The action's outputs, from its `outputs:` expressions. */
  outputs: Record<string, string>;
  /** The first failing step's exit code, or 0. */
  code: number;
}

export function loadAction(file: string): Action {
  return parse(fs.readFileSync(file, "utf8")) as Action;
}

export interface RunContext {
  /** The inputs given in the workflow's `with:` (the rest take their defaults). */
  inputs: Record<string, string>;
  /** The repository checkout (GITHUB_WORKSPACE), where steps run by default. */
  workspace: string;
  /** RUNNER_TEMP. */
  temp: string;
  /** Environment for every step (PATH included). */
  env: NodeJS.ProcessEnv;
}

export async function runAction(action: Action, actionPath: string, context: RunContext): Promise<ActionRun> {
  const outputs = new Map<string, Record<string, string>>();
  const addedPaths: string[] = [];
  const lookup = (name: string): string => {
    const [scope, ...rest] = name.split(".");
    if (scope === "inputs" && rest.length === 1) {
      const input = rest[0] ?? "";
      if (!(input in action.inputs)) throw new Error(`action.yml uses an undeclared input: ${input}`);
      return context.inputs[input] ?? action.inputs[input]?.default ?? "";
    }
    if (scope === "steps" && rest.length === 3 && rest[1] === "outputs") return outputs.get(rest[0] ?? "")?.[rest[2] ?? ""] ?? "";
    if (name === "runner.temp") return context.temp;
    if (name === "github.workspace") return context.workspace;
    if (name === "github.action_path") return actionPath;
    throw new Error(`the test runner does not know the expression ${name}`);
  };
  const substitute = (text: string): string => text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => lookup(name));
  const steps: StepResult[] = [];
  let failed = 0;
  for (const step of action.runs.steps) {
    const name = step.name ?? step.uses ?? step.run ?? "";
    if (failed !== 0 || (step.if !== undefined && !condition(step.if, lookup))) {
      steps.push({ name, status: "skipped" });
      continue;
    }
    if (step.uses) {
      const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v))]));
      steps.push({ name, status: "not run (uses)", with: inputs });
      continue;
    }
    if (step.run === undefined) throw new Error(`step ${name} has neither run nor uses`);
    if (step.shell !== "bash") throw new Error(`step ${name}: composite run steps need shell: bash here, got ${step.shell}`);
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v))]));
    const files = { GITHUB_OUTPUT: tempFile(context.temp, "output"), GITHUB_PATH: tempFile(context.temp, "path"), GITHUB_ENV: tempFile(context.temp, "env") };
    const script = tempFile(context.temp, "script.sh");
    fs.writeFileSync(script, step.run);
    const cwd = path.resolve(context.workspace, substitute(step["working-directory"] ?? "."));
    const pathVar = [...addedPaths, context.env["PATH"] ?? ""].join(path.delimiter);
    const result = await bash(script, cwd, { ...context.env, ...files, RUNNER_TEMP: context.temp, GITHUB_WORKSPACE: context.workspace, ...env, PATH: pathVar });
    steps.push({ name, status: "ran", ...result });
    if (step.id) outputs.set(step.id, readOutputs(files.GITHUB_OUTPUT));
    addedPaths.unshift(...fs.readFileSync(files.GITHUB_PATH, "utf8").split("\n").filter(Boolean).reverse());
    if (result.code !== 0) failed = result.code ?? 1;
  }
  const actionOutputs = Object.fromEntries(Object.entries(action.outputs).map(([k, o]) => [k, substitute(o.value)]));
  return { steps, outputs: actionOutputs, code: failed };
}

/**
 * The small part of GitHub's expression language action.yml's `if:`s use: `a == 'x'`, `a != 'x'`
 * joined by `&&`. Anything else fails the test rather than being guessed.
 */
function condition(expression: string, lookup: (name: string) => string): boolean {
  const bare = expression.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, "$1");
  return bare.split("&&").every((part) => {
    const m = /^\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*$/.exec(part);
    if (!m) throw new Error(`the test runner cannot evaluate the condition ${expression}`);
    // GitHub compares strings ignoring case.
    const equal = lookup(m[1] ?? "").toLowerCase() === (m[3] ?? "").toLowerCase();
    return m[2] === "==" ? equal : !equal;
  });
}

/** `name=value` lines; the multi-line `name<<DELIMITER` form too. */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = fs.readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] ?? "", i + 1);
      out[heredoc[1] ?? ""] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) {
      out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return out;
}

let counter = 0;
function tempFile(dir: string, name: string): string {
  const file = path.join(dir, `_runner_${++counter}_${name}`);
  fs.writeFileSync(file, "");
  return file;
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return outputOf(spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd, env, stdio: ["ignore", "pipe", "pipe"] }));
}

/** A fresh RUNNER_TEMP. */
export function runnerTemp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-runner-"));
}
