/**
 * The `tsuzuri` command line: `tsuzuri check [files|folders|globs]` runs the language server's
 * checks in a terminal or CI (or on stdin, for editor plugins); `tsuzuri lsp --stdio` is the
 * language server itself; `tsuzuri publish` publishes a post; `tsuzuri mcp` is a Model Context
 * Protocol server for AI agents (cli/mcp.ts). Exit code 0: no errors; 1: errors
 * found; 2: usage or config error, or nothing to check. Messages: cli/messages.ts, help: cli/help.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from "diff";
import type { CheckReport, FileChange } from "../core/check/check";
import { changedSince } from "../core/check/changedSince";
import { countProblems, onChangedLines } from "../core/check/changedLines";
import { formatOutput, FORMATS, MACHINE_FORMATS, type Format } from "./format";
import { nodeGitRunner } from "../publish/gitRunner";
import { normalizeSettings, platformSettings } from "../core/settings";
import { merged, settingsForFile } from "../core/settingsForFile";
import { editorSettings } from "./editorSettings";
import { FrontmatterService } from "../frontmatterService";
import { postChecks } from "./postChecks";
import { runPublish } from "../publish/cliPublish";
import { decodeForLint, listFiles, readForLint } from "./files";
import { RUNNER_ARGS, runChecks, runnerOptions } from "./runner";
import { argumentError, cliLang, cliMessages, type CliMessages } from "./messages";
import { usage } from "./help";
import { runLsp } from "./lsp";
import { runMcp } from "./mcp";
import { version } from "./version";
import { fixedText, readAll, stdinReader, stdinUsageError, type StdinInput } from "./stdin";

async function main(argv: string[]): Promise<number | undefined> {
  // Tsuzuri's own messages and checks follow the terminal's language (LANG=ja_JP.UTF-8 → Japanese).
  const lang = cliLang(process.env);
  const msg = cliMessages(lang);
  /** A usage or configuration error: the message, and for usage errors where to read more. */
  const fail = (message: string, hint = true): number => {
    process.stderr.write(`tsuzuri: ${message}\n${hint ? `${msg.helpHint}\n` : ""}`);
    return 2;
  };
  if (argv[0] === "publish") return runPublish(argv.slice(1), lang);
  if (argv[0] === "lsp") return runLsp(argv.slice(1), lang, msg);
  if (argv[0] === "mcp") return runMcp(argv.slice(1), lang, msg);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f", default: "stylish" },
        fix: { type: "boolean", default: false },
        platform: { type: "string" },
        settings: { type: "string" },
        "no-editor-settings": { type: "boolean", default: false },
        schema: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        config: { type: "string", short: "c" },
        bundled: { type: "boolean", default: false },
        stdin: { type: "boolean", default: false },
        "stdin-filename": { type: "string" },
        "changed-since": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
        ...RUNNER_ARGS,
      },
    });
  } catch (e) {
    return fail(argumentError(e, msg));
  }
  const { values, positionals } = parsed;
  if (values.help) return process.stdout.write(`${usage(lang)}\n`), 0;
  if (values.version) return process.stdout.write(`${version()}\n`), 0;
  const [command, ...patterns] = positionals;
  if (command !== "check") return fail(command ? msg.unknownCommand(command) : msg.missingCommand);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) return fail(msg.unknownFormat(values.format, FORMATS));
  const dryRun = values["dry-run"];
  if (dryRun && !values.fix) return fail(msg.dryRunNeedsFix);
  const since = values["changed-since"];
  if (since !== undefined && values.fix) return fail(msg.changedSinceWithFix);
  const stdinError = stdinUsageError({ stdin: values.stdin, stdinFilename: values["stdin-filename"], files: patterns }, msg);
  if (stdinError) return fail(stdinError);
  const cwd = process.cwd();
  if (values.config && !fs.existsSync(values.config)) return fail(msg.configNotFound(values.config), false);
  if (values.platform !== undefined && !(platformSettings as readonly string[]).includes(values.platform)) return fail(msg.unknownPlatform(values.platform, platformSettings));
  const editor = editorSettings(cwd, values.settings, values["no-editor-settings"]);
  if (!editor.ok) return fail(editor.message[lang], false);
  // The editor's settings (.vscode/settings.json), with the command line's options over them.
  const settings = normalizeSettings(
    merged(editor.raw, {
      ...(values.bundled || values.config !== undefined ? { textlint: { ...(values.bundled ? { configMode: "bundled" } : {}), ...(values.config !== undefined ? { configPath: values.config } : {}) } } : {}),
      ...(values.platform !== undefined ? { platform: values.platform } : {}),
      ...(values.schema !== undefined ? { frontmatter: { schema: values.schema } } : {}),
    }),
  );
  const runner = runnerOptions(values, cwd, lang);
  if ("error" in runner) return fail(runner.error);
  let stdin: StdinInput | undefined;
  if (values.stdin) {
    const filePath = path.resolve(cwd, values["stdin-filename"] ?? "");
    const decoded = decodeForLint(await readAll(process.stdin), msg);
    if (!decoded.ok) return fail(msg.skipped(filePath, decoded.reason), false);
    stdin = { filePath, text: decoded.text };
  }
  const files = stdin ? [stdin.filePath] : await listFiles(patterns, cwd);
  if (files.length === 0) return fail(nothingToCheck(patterns, cwd, msg), false);
  const read = (p: string) => readForLint(p, msg);
  // --changed-since: which lines changed, asked of git before any linting (a bad ref stops here).
  const changed = since === undefined ? undefined : await changedSince(nodeGitRunner(), since, cwd, files, (p) => fs.realpathSync(p));
  if (changed && !changed.ok) return fail(changed.message[lang], false);
  // Worker threads with time and size budgets, the cache in front, atomic writes (cli/runner.ts).
  const report = await runChecks(
    runner,
    {
      read: stdin ? stdinReader(stdin, read) : read,
      // --stdin never writes: the fixed text goes to stdout.
      ...(stdin ? { write: () => undefined } : {}),
      warn: (message) => process.stderr.write(`tsuzuri: ${message}\n`),
      ...postChecks(new FrontmatterService(), settings, cwd, lang),
    },
    { files, cwd, fix: values.fix, dryRun, settings, settingsFor: (filePath) => settingsForFile(settings, filePath, cwd) },
    version(),
    lang,
  );
  for (const s of report.skipped) process.stderr.write(`tsuzuri: ${msg.skipped(s.filePath, s.reason)}\n`);
  for (const e of report.configErrors) process.stderr.write(`tsuzuri: ${e.message}\n${process.env["TSUZURI_DEBUG"] ? `${e.detail}\n` : ""}`);
  if (changed?.ok) {
    report.results = onChangedLines(report.results, report.texts, changed.changed);
    Object.assign(report, countProblems(report.results));
  }
  const color = format === "stylish" && process.stdout.isTTY === true;
  // --stdin --fix prints the fixed text, byte for byte (textlint's --format fixed-result), unless a machine format is asked for.
  const fixedToStdout = values.fix && !dryRun && !MACHINE_FORMATS.includes(format);
  // --dry-run prints a patch (stdout stays applyable) unless a machine format is asked for (json: the --fix JSON).
  let output: string;
  if (dryRun && !MACHINE_FORMATS.includes(format)) output = report.changes.map((c) => unifiedDiff(c, cwd)).join("");
  else if (stdin && fixedToStdout) output = fixedText(report, stdin);
  else {
    const context = { cwd, ruleDocs: report.ruleDocs, version: version() };
    output = await formatOutput({ format, fix: values.fix, results: report.results, fixResults: report.fixResults, texts: report.texts, context, color });
  }
  if (stdin && fixedToStdout) process.stdout.write(output);
  else if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
  if (dryRun) process.stderr.write(`tsuzuri: ${dryRunSummary(report, msg)}\n`);
  if (report.configErrors.length > 0) return 2;
  return report.errorCount > 0 ? 1 : 0;
}

/**
 * One file's fixes as a unified diff with `a/` and `b/` paths relative to the cwd, which
 * `git apply` and `patch -p1` turn into exactly the --fix output: line ends (CRLF), a BOM and a
 * missing final newline ("\\ No newline at end of file") are kept by the diff library.
 */
function unifiedDiff(change: FileChange, cwd: string): string {
  const name = path.relative(cwd, change.filePath).split(path.sep).join("/");
  const patch = formatPatch(structuredPatch(`a/${name}`, `b/${name}`, change.before, change.after, undefined, undefined, { context: 3 }), FILE_HEADERS_ONLY);
  if (!name.includes(" ")) return patch;
  // As git does: a name with a space ends with a tab, or patch(1) would read the name only up to the space.
  const [minus = "", plus = "", ...rest] = patch.split("\n");
  return [`${minus}\t`, `${plus}\t`, ...rest].join("\n");
}

/** Why no file was found: no Markdown file in the folders named (or the current one), or no match. */
function nothingToCheck(patterns: string[], cwd: string, msg: CliMessages): string {
  if (patterns.length === 0) return msg.noMarkdownFiles([cwd]);
  const folders = patterns.every((p) => fs.statSync(path.resolve(cwd, p), { throwIfNoEntry: false })?.isDirectory());
  return folders ? msg.noMarkdownFiles(patterns) : msg.noFilesMatch(patterns);
}

function dryRunSummary(report: CheckReport, msg: CliMessages): string {
  const fixes = report.fixResults.reduce((n, r) => n + r.applyingMessages.length, 0);
  return msg.dryRunSummary({ fixes, files: report.changes.length, errors: report.errorCount, warnings: report.warningCount });
}

main(process.argv.slice(2)).then(
  (code) => {
    // undefined: a long-running command (tsuzuri lsp) ends on its own.
    if (code !== undefined) process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`tsuzuri: ${e.stack ?? e.message}\n`);
    process.exitCode = 2;
  },
);
