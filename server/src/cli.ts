/**
 * The `tsuzuri` command line: `tsuzuri check [files|folders|globs]` runs the language server's
 * checks in a terminal or CI. Exit code 0: no errors; 1: errors found; 2: usage or config error.
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { loadFixerFormatter, loadLinterFormatter } from "textlint";
import { runCheck } from "./core/check";
import { normalizeSettings } from "./core/settings";
import { listFiles, readForLint } from "./cliFiles";
import { createNodeEngine } from "./nodeDeps";

const FORMATS = ["stylish", "json", "github"] as const;
const USAGE = `Usage: tsuzuri check [options] [files|folders|globs...]

Lints Japanese Markdown posts with textlint: the nearest .textlintrc, else the bundled
textlint-rule-preset-ja-technical-writing. Default: Markdown files under the current folder.

Options:
  -f, --format <name>  stylish (default) | json (textlint's JSON) | github (Actions annotations)
      --fix            apply the rules' fixes to the files
  -c, --config <path>  use this textlint config file
      --bundled        always use the bundled preset, ignoring project configs
  -h, --help           show this help
  -v, --version        show the version

Exit code: 0 no errors, 1 errors found, 2 usage or configuration error.`;

function version(): string {
  return typeof TSUZURI_VERSION === "string" ? TSUZURI_VERSION : "dev";
}
declare const TSUZURI_VERSION: string | undefined;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f", default: "stylish" },
        fix: { type: "boolean", default: false },
        config: { type: "string", short: "c" },
        bundled: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
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
  const cwd = process.cwd();
  if (values.config && !fs.existsSync(values.config)) {
    process.stderr.write(`tsuzuri: config file not found: ${values.config}\n`);
    return 2;
  }
  const settings = normalizeSettings({
    textlint: { configMode: values.bundled ? "bundled" : "auto", configPath: values.config ?? "" },
  });
  const files = await listFiles(patterns, cwd);
  if (files.length === 0 && patterns.length > 0) {
    process.stderr.write(`tsuzuri: no files match ${patterns.join(" ")}\n`);
    return 2;
  }
  const engine = createNodeEngine();
  const report = await runCheck(
    engine,
    { read: readForLint, write: (p, text) => fs.writeFileSync(p, text) },
    { files, cwd, fix: values.fix, settings },
  );
  for (const s of report.skipped) process.stderr.write(`tsuzuri: skipped ${s.filePath}: ${s.reason}\n`);
  for (const e of report.configErrors) process.stderr.write(`tsuzuri: ${e.message}\n${process.env["TSUZURI_DEBUG"] ? `${e.detail}\n` : ""}`);
  const color = format === "stylish" && process.stdout.isTTY === true;
  const output = values.fix
    ? (await loadFixerFormatter({ formatterName: format === "github" ? "stylish" : format, color })).format(report.fixResults)
    : (await loadLinterFormatter({ formatterName: format, color })).format(report.results);
  if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
  if (report.configErrors.length > 0) return 2;
  return report.errorCount > 0 ? 1 : 0;
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
