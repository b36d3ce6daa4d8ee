/**
 * The `codeactions` case (issue 5, quick fixes): on a ~20k post with 100+ problems (fixablePost.ts),
 * how long `textDocument/codeAction` takes at the cursor, as the editor asks for the light bulb,
 * and how long `source.fixAll.tsuzuri` (fix on save) takes next to `textlint --fix` on the same
 * file; the text the server's fix-all edits produce must equal the CLI's output byte for byte.
 * cases.ts starts the server and runs this; run.ts adds the targets and summary lines below.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { CodeAction, Diagnostic, Range, TextDocumentEdit, TextEdit } from "vscode-languageserver-protocol";
import type { BenchContext, Recorder } from "./context";
import { fixturePath } from "../test/helpers/corpusPost";
import { hasAstralOrBom, makeFixablePost } from "./fixablePost";
import type { LspSession } from "../test/helpers/lspHarness";
import { readCpuMs } from "../test/helpers/processStats";
import { nodeModulesDir, rawConfig, textlintBin } from "./naive";
import type { Target } from "./report";
import { summarize } from "./stats";

export const CODE_ACTIONS = {
  /** The post's size label (its column in the table) and length. */
  size: "20k",
  chars: 20_000,
  /** Cursor positions timed (spread evenly over the diagnostics), after unmeasured warm-up requests. */
  positions: 40,
  warmUpRequests: 5,
  /** Fix-all requests and `textlint --fix` runs, alternated so that load changes hit both alike. */
  fixAllRuns: 5,
  /** Targets: at least this many problems in the post, code actions at the cursor under this median. */
  minProblems: 100,
  cursorLimitMs: 50,
} as const;

const FIX_ALL_KIND = "source.fixAll.tsuzuri";

/** What the offered actions are, by title (the server's English titles: no l10n bundle is sent). */
const ACTION_KINDS: readonly (readonly [string, RegExp])[] = [
  ["fix this problem", /^Fix this problem \(/],
  ["fix all of the rule", /^Fix all \d+ problems of \S+ in this file$/],
  ["fix all in file", /^Fix all \d+ auto-fixable problems in this file$/],
  ["disable for line/block", /^Disable \S+ for this /],
  ["allow word", /^Allow “.+”/],
];

export interface CodeActionsFact {
  chars: number;
  problems: number;
  fixable: number;
  /** Per rule: [problems, fixable]. */
  byRule: Record<string, [number, number]>;
  positions: number;
  /** Diagnostics sent per request (those intersecting the range), on average. */
  diagnosticsPerRequest: number;
  actionsPerRequest: number;
  /** Requests whose answer offered each kind of action. */
  offered: Record<string, number>;
  fixAllEdits: number;
  fixAllChangedChars: number;
  /** The server's fix-all output equals `textlint --fix`'s, byte for byte. */
  match: boolean;
  firstDifference?: string;
  /** Every fix-all answer produced the same text. */
  fixAllStable: boolean;
  cliExitCodes: number[];
  /** Median wall time, server fix-all over `textlint --fix`. */
  fixAllOverCli: number;
}

const before = (a: Range["start"], b: Range["start"]): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);
/** As VS Code's Range.intersection: touching ranges intersect (in an empty range). */
const intersects = (a: Range, b: Range): boolean => !before(a.end, b.start) && !before(b.end, a.start);

const isFixable = (d: Diagnostic): boolean => typeof d.data === "object" && d.data !== null && "fix" in d.data && (d.data as { fix?: unknown }).fix !== undefined;

interface CliFix {
  wallMs: number;
  cpuMs: number;
  exitCode: number;
  output: string;
}

/** `textlint --fix post.md` in `dir` (its .textlintrc.json and node_modules link), on a fresh copy. */
function cliFix(dir: string, text: string): Promise<CliFix> {
  const file = path.join(dir, "post.md");
  fs.writeFileSync(file, text);
  const cpuBefore = readCpuMs("self")?.children ?? NaN;
  const started = performance.now();
  const child = spawn(process.execPath, [textlintBin(), "--fix", "post.md"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise<CliFix>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const wallMs = performance.now() - started;
      const cpuMs = (readCpuMs("self")?.children ?? NaN) - cpuBefore;
      // 1: problems remain (those without a fix); anything else is a broken run.
      if (exitCode !== 0 && exitCode !== 1) return reject(new Error(`textlint --fix exited with ${exitCode}: ${stderr.slice(0, 500)}`));
      resolve({ wallMs, cpuMs, exitCode, output: fs.readFileSync(file, "utf8") });
    });
  });
}

function firstDifference(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = a.slice(0, i).split("\n").length;
  const show = (s: string): string => JSON.stringify(s.slice(Math.max(0, i - 20), i + 30));
  return `at offset ${i} (line ${line}; lengths ${a.length} vs ${b.length}): server ${show(a)} vs textlint ${show(b)}`;
}

/**
 * Runs the case on a started, warmed-up server. `open` opens a post in it and waits for its first
 * diagnostics (cases.ts's openAndWait).
 */
export async function measureCodeActions(
  ctx: BenchContext,
  server: LspSession,
  open: (name: string, text: string) => Promise<{ uri: string; ms: number; diagnostics: Diagnostic[] }>,
): Promise<void> {
  const { size } = CODE_ACTIONS;
  const { rec } = ctx;
  const text = makeFixablePost(size, CODE_ACTIONS.chars, 0, fs.readFileSync(fixturePath, "utf8")).text;
  if (hasAstralOrBom(text)) throw new Error("the codeactions post holds an astral character or a BOM");

  const opened = await open("codeactions-20k.md", text);
  const { uri, diagnostics } = opened;
  rec.sample("ca.open", "codeactions post (100+ problems): didOpen → diagnostics", "ms", size, [opened.ms]);
  const byRule: Record<string, [number, number]> = {};
  for (const d of diagnostics) {
    const entry = (byRule[String(d.code)] ??= [0, 0]);
    entry[0]++;
    if (isFixable(d)) entry[1]++;
  }
  const fixable = diagnostics.filter(isFixable).length;
  ctx.log(`  codeactions post: ${text.length} chars, ${diagnostics.length} problems, ${fixable} fixable`);
  rec.fact("codeActions.problems", { problems: diagnostics.length, fixable });
  if (diagnostics.length === 0) throw new Error("the codeactions post got no diagnostics");

  // At the cursor, as VS Code asks for the light bulb: the cursor on a problem widens the range to
  // that problem's, and context.diagnostics holds every diagnostic intersecting the range; no `only`.
  const codeActions = (range: Range, only?: string[]): Promise<(CodeAction | { command: string })[] | null> =>
    server.codeActions(uri, range, diagnostics.filter((d) => intersects(d.range, range)), only, 2);
  const positions = Math.min(CODE_ACTIONS.positions, diagnostics.length);
  const at = (i: number, of: number): Diagnostic => diagnostics[Math.floor(((i + 0.5) * diagnostics.length) / of)] ?? diagnostics[0]!;
  for (let i = 0; i < CODE_ACTIONS.warmUpRequests; i++) await codeActions(at(i, CODE_ACTIONS.warmUpRequests).range);
  const cursorMs: number[] = [];
  const offered: Record<string, number> = Object.fromEntries(ACTION_KINDS.map(([k]) => [k, 0]));
  let sentDiagnostics = 0;
  let actions = 0;
  for (let i = 0; i < positions; i++) {
    const range = at(i, positions).range;
    sentDiagnostics += diagnostics.filter((d) => intersects(d.range, range)).length;
    const t0 = performance.now();
    const answer = (await codeActions(range)) ?? [];
    cursorMs.push(performance.now() - t0);
    actions += answer.length;
    for (const [kind, pattern] of ACTION_KINDS) if (answer.some((a) => "title" in a && pattern.test(a.title))) offered[kind] = (offered[kind] ?? 0) + 1;
  }
  rec.sample("ca.cursor", "code actions at the cursor (quick fixes; 100+ problems)", "ms", size, cursorMs);
  ctx.log(`  code actions at ${positions} cursor positions: median ${summarize(cursorMs).median.toFixed(1)} ms, p95 ${summarize(cursorMs).p95.toFixed(1)} ms; offered ${JSON.stringify(offered)}`);

  // Fix-all (source.fixAll.tsuzuri, as on save) and `textlint --fix`, in turn.
  const cliDir = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-bench-fix-"));
  const fixAllMs: number[] = [];
  const fixAllCpu: number[] = [];
  const cli: CliFix[] = [];
  const outputs = new Set<string>();
  let edits: TextEdit[] = [];
  try {
    fs.writeFileSync(path.join(cliDir, ".textlintrc.json"), JSON.stringify(rawConfig));
    fs.symlinkSync(nodeModulesDir, path.join(cliDir, "node_modules"), "dir");
    const whole: Range = { start: { line: 0, character: 0 }, end: TextDocument.create(uri, "markdown", 1, text).positionAt(text.length) };
    for (let r = 0; r < CODE_ACTIONS.fixAllRuns; r++) {
      const cpuBefore = server.cpuMs();
      const t0 = performance.now();
      const answer = (await codeActions(whole, [FIX_ALL_KIND])) ?? [];
      fixAllMs.push(performance.now() - t0);
      fixAllCpu.push(server.cpuMs() - cpuBefore);
      const action = answer.find((a): a is CodeAction => "kind" in a && a.kind === FIX_ALL_KIND);
      const change = action?.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
      if (!change) throw new Error(`no ${FIX_ALL_KIND} action with edits in the answer: ${JSON.stringify(answer).slice(0, 300)}`);
      if (change.textDocument.version !== 1) throw new Error(`fix-all edits for version ${change.textDocument.version}, the post is at 1`);
      edits = change.edits as TextEdit[];
      outputs.add(TextDocument.applyEdits(TextDocument.create(uri, "markdown", 1, text), edits));
      const run = await cliFix(cliDir, text);
      cli.push(run);
      ctx.log(`  fix-all ${r + 1}/${CODE_ACTIONS.fixAllRuns}: server ${Math.round(fixAllMs[r] ?? NaN)} ms (${edits.length} edits), textlint --fix ${Math.round(run.wallMs)} ms`);
    }
  } finally {
    fs.rmSync(cliDir, { recursive: true, force: true });
    await server.close(uri);
  }
  rec.sample("ca.fixAll", "source.fixAll.tsuzuri: request → minimal edits", "ms", size, fixAllMs);
  rec.sample("ca.fixAllCpu", "  server CPU per fix-all (all threads)", "ms", size, fixAllCpu);
  rec.sample("ca.cli", "textlint --fix on a copy (process wall time)", "ms", size, cli.map((c) => c.wallMs));
  rec.sample("ca.cliCpu", "  textlint --fix CPU time (all threads)", "ms", size, cli.map((c) => c.cpuMs));

  const serverOutput = [...outputs][0] ?? "";
  const cliOutput = cli[0]?.output ?? "";
  const cliStable = cli.every((c) => c.output === cliOutput);
  const difference = firstDifference(serverOutput, cliOutput);
  const fact: CodeActionsFact = {
    chars: text.length,
    problems: diagnostics.length,
    fixable,
    byRule,
    positions,
    diagnosticsPerRequest: sentDiagnostics / positions,
    actionsPerRequest: actions / positions,
    offered,
    fixAllEdits: edits.length,
    fixAllChangedChars: edits.reduce((n, e) => n + e.newText.length, 0),
    match: difference === undefined && outputs.size === 1 && cliStable,
    ...(difference ? { firstDifference: difference } : {}),
    fixAllStable: outputs.size === 1,
    cliExitCodes: cli.map((c) => c.exitCode),
    fixAllOverCli: summarize(fixAllMs).median / summarize(cli.map((c) => c.wallMs)).median,
  };
  if (!cliStable) fact.firstDifference = `${fact.firstDifference ?? ""} (textlint --fix gave different outputs over its runs)`.trim();
  rec.fact("codeActions", fact);
  ctx.log(`  fix-all vs textlint --fix: ${fact.match ? "MATCH" : `MISMATCH ${fact.firstDifference ?? ""}`}; ratio ${fact.fixAllOverCli.toFixed(2)}`);
}

const fmt = (ms: number | undefined): string => (ms === undefined || !Number.isFinite(ms) ? "–" : ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US"));

/** The case's PASS/FAIL lines (SKIP when it did not run). */
export function codeActionTargets(rec: Recorder): Target[] {
  const counted = rec.facts["codeActions.problems"] as { problems: number; fixable: number } | undefined;
  const fact = rec.facts["codeActions"] as CodeActionsFact | undefined;
  const cursor = rec.get("ca.cursor", CODE_ACTIONS.size);
  const enough = counted !== undefined && counted.problems >= CODE_ACTIONS.minProblems;
  const label = `code actions at cursor on 20k post with ${CODE_ACTIONS.minProblems}+ problems`;
  return [
    {
      id: "codeactions-problems",
      label: `codeactions post has ${CODE_ACTIONS.minProblems}+ problems`,
      pass: counted === undefined ? null : enough,
      detail: counted === undefined ? "not measured" : `${counted.problems} problems, ${counted.fixable} fixable`,
    },
    {
      id: "codeactions-cursor",
      label,
      pass: cursor === undefined ? null : enough && cursor.median < CODE_ACTIONS.cursorLimitMs,
      detail:
        cursor === undefined
          ? "not measured"
          : `median ${fmt(cursor.median)} ms (target < ${CODE_ACTIONS.cursorLimitMs} ms), p95 ${fmt(cursor.p95)} ms over ${cursor.n} positions` +
            (enough ? "" : `; the post has only ${counted?.problems ?? 0} problems`),
    },
    {
      id: "codeactions-fixall-match",
      label: "source.fixAll.tsuzuri output = textlint --fix output, byte for byte",
      pass: fact === undefined ? null : fact.match,
      detail: fact === undefined ? "not measured" : fact.match ? `MATCH (${fact.fixAllEdits} edits)` : `MISMATCH ${fact.firstDifference ?? ""}`,
    },
  ];
}

/** Summary lines for the table: the post, what was offered, fix-all against the CLI. */
export function codeActionLines(rec: Recorder): string[] {
  const fact = rec.facts["codeActions"] as CodeActionsFact | undefined;
  if (!fact) return [];
  const rules = Object.entries(fact.byRule)
    .sort((a, b) => b[1][0] - a[1][0])
    .map(([rule, [n, f]]) => `${rule.slice(rule.lastIndexOf("/") + 1)} ${n}${f > 0 ? ` (${f} fixable)` : ""}`);
  const offered = Object.entries(fact.offered).map(([k, n]) => `${k} ${n}/${fact.positions}`);
  const server = rec.get("ca.fixAll", CODE_ACTIONS.size);
  const cli = rec.get("ca.cli", CODE_ACTIONS.size);
  return [
    `code actions (${CODE_ACTIONS.size} column): post of ${fact.chars.toLocaleString("en-US")} chars, no emoji or BOM: ${fact.problems} problems, ${fact.fixable} fixable: ${rules.join(", ")}`,
    `  at the cursor: ${fact.positions} positions, ${fact.diagnosticsPerRequest.toFixed(1)} diagnostics sent and ${fact.actionsPerRequest.toFixed(1)} actions answered per request; offered: ${offered.join(", ")}`,
    `  ratio server fix-all / textlint --fix (median wall time): ${fact.fixAllOverCli.toFixed(2)}× (${fmt(server?.median)} ms vs ${fmt(cli?.median)} ms; the CLI is a fresh process, config and dictionary loading included)`,
    `  fix-all output vs textlint --fix: ${fact.match ? "MATCH" : "MISMATCH"} (${fact.fixAllEdits} edits inserting ${fact.fixAllChangedChars} chars${fact.fixAllStable ? "" : "; the server's answers differed between runs"}${fact.firstDifference ? `; ${fact.firstDifference}` : ""})`,
  ];
}
