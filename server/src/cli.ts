/**
 * The `tsuzuri` command line: `tsuzuri check [files|folders|globs]` runs the language server's
 * checks in a terminal or CI. Exit code 0: no errors; 1: errors found; 2: usage or config error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from "diff";
import { loadFixerFormatter, loadLinterFormatter } from "textlint";
import type { CheckReport, FileChange } from "./core/check";
import { normalizeSettings, platformSettings } from "./core/settings";
import { frontmatterLintProblems } from "./core/frontmatter/diagnostics";
import { FrontmatterService, notationsOf } from "./frontmatterService";
import { runPublish } from "./publish/cliPublish";
import { listFiles } from "./cliFiles";
import { RUNNER_ARGS, runChecks, runnerOptions } from "./cli/runner";

const FORMATS = ["stylish", "json", "github"] as const;
const USAGE = `Usage: tsuzuri check [options] [files|folders|globs...]
       tsuzuri publish [options] <file>   (tsuzuri publish --help)

Lints Japanese Markdown posts with textlint: the nearest .textlintrc, else the bundled
textlint-rule-preset-ja-technical-writing. Default: Markdown files under the current folder.

Options:
  -f, --format <name>  stylish (default) | json (textlint's JSON) | github (Actions annotations)
      --fix            apply the rules' fixes to the files
      --dry-run        with --fix: write nothing; print the fixes as a unified diff
                       (git apply / patch -p1) and a summary on stderr; with
                       --format json, print the --fix JSON instead of the diff
  -c, --config <path>  use this textlint config file
      --bundled        always use the bundled preset, ignoring project configs
      --platform <id>  frontmatter rules: auto (default: detect per post), off, zenn, qiita,
                       hatena, devto, blog, custom (with --schema <file>)
      --schema <file>  the JSON Schema for --platform custom
  -h, --help           show this help
  -v, --version        show the version

Exit code: 0 no errors, 1 errors found, 2 usage or configuration error. With --fix, with or
without --dry-run, the errors are those left after fixing, as textlint --fix reports them.`;

function version(): string {
  return typeof TSUZURI_VERSION === "string" ? TSUZURI_VERSION : "dev";
}
declare const TSUZURI_VERSION: string | undefined;

async function main(argv: string[]): Promise<number> {
  // Messages of Tsuzuri's own checks follow the terminal's language (LANG=ja_JP.UTF-8 → Japanese).
  const lang = /^ja/i.test(process.env["LC_ALL"] || process.env["LC_MESSAGES"] || process.env["LANG"] || "") ? "ja" : "en";
  if (argv[0] === "publish") return runPublish(argv.slice(1), lang);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f", default: "stylish" },
        fix: { type: "boolean", default: false },
        platform: { type: "string", default: "auto" },
        schema: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        config: { type: "string", short: "c" },
        bundled: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
        ...RUNNER_ARGS,
      },
    });
  } catch (e) {
    process.stderr.write(`tsuzuri: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return process.stdout.write(`${USAGE}\n`), 0;
  if (values.version) return process.stdout.write(`${version()}\n`), 0;
  const [command, ...patterns] = positionals;
  if (command !== "check") {
    process.stderr.write(`tsuzuri: ${command ? `unknown command "${command}"` : "missing command"}\n\n${USAGE}\n`);
    return 2;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) {
    process.stderr.write(`tsuzuri: unknown format "${values.format}" (use ${FORMATS.join(", ")})\n`);
    return 2;
  }
  const dryRun = values["dry-run"];
  if (dryRun && !values.fix) {
    process.stderr.write(`tsuzuri: --dry-run only works with --fix (tsuzuri check --fix --dry-run)\n`);
    return 2;
  }
  const cwd = process.cwd();
  if (values.config && !fs.existsSync(values.config)) {
    process.stderr.write(`tsuzuri: config file not found: ${values.config}\n`);
    return 2;
  }
  if (!(platformSettings as readonly string[]).includes(values.platform)) {
    process.stderr.write(`tsuzuri: unknown platform "${values.platform}" (use ${platformSettings.join(", ")})\n`);
    return 2;
  }
  const settings = normalizeSettings({
    textlint: { configMode: values.bundled ? "bundled" : "auto", configPath: values.config ?? "" },
    platform: values.platform,
    frontmatter: { schema: values.schema ?? "" },
  });
  const runner = runnerOptions(values, cwd, lang);
  if ("error" in runner) {
    process.stderr.write(`tsuzuri: ${runner.error}\n`);
    return 2;
  }
  const frontmatter = new FrontmatterService();
  const files = await listFiles(patterns, cwd);
  if (files.length === 0 && patterns.length > 0) {
    process.stderr.write(`tsuzuri: no files match ${patterns.join(" ")}\n`);
    return 2;
  }
  // Worker threads with time and size budgets, the cache in front, atomic writes (cli/runner.ts).
  const report = await runChecks(
    runner,
    {
      notations: (p, text, root) => notationsOf(frontmatter.platformOf(text, p, root ?? cwd, settings)),
      frontmatter: (p, text, root) => {
        const result = frontmatter.check(text, p, root ?? cwd, settings);
        return result ? frontmatterLintProblems(text, result.problems, lang) : [];
      },
      warn: (message) => process.stderr.write(`tsuzuri: ${message}\n`),
    },
    { files, cwd, fix: values.fix, dryRun, settings },
    version(),
    lang,
  );
  for (const s of report.skipped) process.stderr.write(`tsuzuri: skipped ${s.filePath}: ${s.reason}\n`);
  for (const e of report.configErrors) process.stderr.write(`tsuzuri: ${e.message}\n${process.env["TSUZURI_DEBUG"] ? `${e.detail}\n` : ""}`);
  const color = format === "stylish" && process.stdout.isTTY === true;
  // --dry-run prints a patch (stdout stays applyable) unless JSON is asked for: then the --fix JSON.
  let output: string;
  if (dryRun && format !== "json") output = report.changes.map((c) => unifiedDiff(c, cwd)).join("");
  else if (values.fix) output = (await loadFixerFormatter({ formatterName: format === "github" ? "stylish" : format, color })).format(report.fixResults);
  else output = (await loadLinterFormatter({ formatterName: format, color })).format(report.results);
  if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
  if (dryRun) process.stderr.write(dryRunSummary(report));
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

function dryRunSummary(report: CheckReport): string {
  const fixes = report.fixResults.reduce((n, r) => n + r.applyingMessages.length, 0);
  const files = report.changes.length;
  const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
  const remain = `${count(report.errorCount, "error")} and ${count(report.warningCount, "warning")} would remain`;
  return `tsuzuri: dry run, no file written: ${count(fixes, "fix", "fixes")} would change ${count(files, "file")}; ${remain}\n`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`tsuzuri: ${e.stack ?? e.message}\n`);
    process.exitCode = 2;
  },
);
