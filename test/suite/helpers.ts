/** Shared helpers for the extension-host suite: event-based waits, the CLI oracle, fixtures. */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";

export const EXTENSION_ID = "tsuzuri.tsuzuri";

/** The API `activate()` returns (see client/src/extension.ts). */
export interface TsuzuriStatus {
  uri: string;
  state: "ok" | "slow" | "error" | "ignored" | "pending" | "tooLong" | "stopped";
  configKind: "bundled" | "project";
  configLabel: string;
  bundledReason?: string;
  lastLintMs?: number;
  message?: string;
  /** The platform whose frontmatter rules ran (absent when none did). */
  platform?: string;
  platformReason?: string;
}
export interface TsuzuriApi {
  getStatus(uri: vscode.Uri): TsuzuriStatus | undefined;
  preview: {
    onDidUpdate: vscode.Event<{ uri: string; version: number; blocks: number; marks: number }>;
    readonly current: vscode.TextDocument | undefined;
  };
}

/** Resolves with the first preview update that satisfies `predicate`; rejects after `timeoutMs`. */
export function waitForPreview(
  tsuzuri: TsuzuriApi,
  predicate: (u: { uri: string; version: number; blocks: number; marks: number }) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<{ uri: string; version: number; blocks: number; marks: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for the preview: ${what}`));
    }, timeoutMs);
    const sub = tsuzuri.preview.onDidUpdate((u) => {
      if (!predicate(u)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(u);
    });
  });
}

/** The fields of textlint's JSON formatter output the suite compares. */
export interface CliMessage {
  ruleId: string;
  message: string;
  line: number;
  column: number;
  severity: number;
  range: [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}
export interface CliResult {
  filePath: string;
  messages: CliMessage[];
}

export function extension(): vscode.Extension<TsuzuriApi | undefined> {
  const ext = vscode.extensions.getExtension<TsuzuriApi | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

export async function api(): Promise<TsuzuriApi> {
  const ext = extension();
  const exports = ext.isActive ? ext.exports : await ext.activate();
  if (!exports || typeof exports.getStatus !== "function") {
    throw new Error(`${EXTENSION_ID} activated without its test API (activate() returned ${String(exports)}); see the Tsuzuri output`);
  }
  return exports;
}

/** The temporary workspace the runner prepared from test/fixtures/e2e-workspace. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error("the suite needs a workspace folder (a copy of test/fixtures/e2e-workspace)");
  const root = folder.uri.fsPath;
  for (const p of ["posts/ramen-review.md", "posts/clean-draft.md", "project/.textlintrc.json", "project/node_modules", "zenn/package.json", "zenn/articles/six-topics-post.md"]) {
    if (!fs.existsSync(path.join(root, p))) throw new Error(`workspace ${root} lacks ${p}; it must be prepared by scripts/e2e`);
  }
  return root;
}

export function fixtureUri(rel: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), rel));
}

export function textlintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "textlint");
}

/** Which diagnostics a wait looks at: textlint's, the frontmatter checks' ("tsuzuri"), or all of the file's. */
export type DiagnosticSource = "textlint" | "tsuzuri" | "all";

export function diagnosticsOf(uri: vscode.Uri, source: DiagnosticSource): vscode.Diagnostic[] {
  const all = vscode.languages.getDiagnostics(uri);
  return source === "all" ? all : all.filter((d) => d.source === source);
}

/**
 * Resolves with the diagnostics of `uri` (textlint's unless `options.source` says otherwise) once
 * `predicate` holds: at once if it holds now, else on the first onDidChangeDiagnostics event for
 * `uri` after which it holds. Rejects after `timeoutMs` with the last diagnostics seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
  options: { skipCurrent?: boolean; source?: DiagnosticSource } = {},
): Promise<vscode.Diagnostic[]> {
  const source = options.source ?? "textlint";
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = diagnosticsOf(uri, source);
      if (!predicate(ds)) return false;
      cleanup();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${uri.fsPath}; last diagnostics: ${describeDiagnostics(diagnosticsOf(uri, source))}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      sub.dispose();
    };
    if (!options.skipCurrent) check();
  });
}

/**
 * Waits until the extension's status for `uri` satisfies `predicate`. The API has no change event,
 * so this re-checks on each diagnostics event for the file and on a short poll of the condition.
 */
export function waitForStatus(
  tsuzuri: TsuzuriApi,
  uri: vscode.Uri,
  predicate: (s: TsuzuriStatus) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<TsuzuriStatus> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const s = tsuzuri.getStatus(uri);
      if (s && predicate(s)) {
        cleanup();
        resolve(s);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics(check);
    const poll = setInterval(check, 50);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for status ${what} of ${uri.fsPath}; last: ${JSON.stringify(tsuzuri.getStatus(uri))}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      clearInterval(poll);
      sub.dispose();
    };
    check();
  });
}

export function ruleOf(d: vscode.Diagnostic): string {
  const code = d.code;
  if (code === undefined) return "";
  if (typeof code === "object") return String(code.value);
  return String(code);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return "(none)";
  return ds
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${ruleOf(d)} ${d.message}`)
    .join(" | ");
}

/** Runs the packaged CLI (`dist/cli.js` of the installed extension) with the extension host's own runtime. */
export function runCli(files: string[], cwd: string): Promise<CliResult[]> {
  return runCliJson<CliResult[]>(["check", "--format", "json", ...files], cwd);
}

/** What `tsuzuri check --fix` would write for a file (its --dry-run JSON), without writing it. */
export async function cliFixedText(file: string, cwd: string): Promise<string> {
  const [result] = await runCliJson<{ output: string }[]>(["check", "--fix", "--dry-run", "--format", "json", file], cwd);
  if (!result) throw new Error(`the CLI fixed nothing for ${file}`);
  return result.output;
}

function runCliJson<T>(args: string[], cwd: string): Promise<T> {
  const cli = path.join(extension().extensionPath, "dist", "cli.js");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" }, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        if (code !== 0 && code !== 1) {
          reject(new Error(`CLI exited with ${String(error?.code ?? error?.signal)}: ${stderr || stdout}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout) as T);
        } catch (e) {
          reject(new Error(`CLI printed no JSON (${String(e)}): ${stdout.slice(0, 500)} ${stderr.slice(0, 500)}`));
        }
      },
    );
  });
}

export function severityOf(textlintSeverity: number): vscode.DiagnosticSeverity {
  switch (textlintSeverity) {
    case 1:
      return vscode.DiagnosticSeverity.Warning;
    case 3:
      return vscode.DiagnosticSeverity.Information;
    default:
      return vscode.DiagnosticSeverity.Error;
  }
}

/** Sets a setting at workspace level and returns a function that restores the previous value. */
export async function setWorkspaceSetting(section: string, key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration(section);
  const before = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    await vscode.workspace.getConfiguration(section).update(key, before, vscode.ConfigurationTarget.Workspace);
  };
}

/**
 * Resolves once `condition()` holds: at once if it holds now, else on the first `event` after which
 * it holds. Rejects after `timeoutMs`, with `describe()` of the last state when given.
 */
export function waitUntil<E>(event: vscode.Event<E>, condition: () => boolean, what: string, timeoutMs = 10_000, describe?: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!condition()) return;
      cleanup();
      resolve();
    };
    const sub = event(check);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `; last: ${describe()}` : ""}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}
