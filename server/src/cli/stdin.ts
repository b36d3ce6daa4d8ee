/**
 * `tsuzuri check --stdin --stdin-filename <path>`: the text on stdin, checked as if it were that
 * file (the file's nearest config, its platform, its frontmatter checks), for editor plugins and
 * pipes. Nothing is ever written: with --fix the fixed text goes to stdout.
 *
 * textlint's `--stdin --fix` writes the fixed text into the --stdin-filename file (its fixer writes
 * every result to its filePath) and prints a report; the text itself only with
 * `--format fixed-result`. An editor's unsaved buffer must not land on disk, so here `--fix` prints
 * the text, as textlint's `--fix --format fixed-result` does, byte for byte.
 */
import * as path from "node:path";
import type { CheckIo, CheckReport } from "../core/check/check";
import type { CliMessages } from "./messages";

export interface StdinInput {
  /** The absolute path of --stdin-filename (it need not exist). */
  filePath: string;
  text: string;
}

/** Usage errors of --stdin and --stdin-filename, or undefined when they are fine. */
export function stdinUsageError(
  options: { stdin: boolean; stdinFilename: string | undefined; files: readonly string[] },
  messages: CliMessages,
): string | undefined {
  if (!options.stdin) return options.stdinFilename === undefined ? undefined : messages.stdinFilenameNeedsStdin;
  if (!options.stdinFilename) return messages.stdinNeedsFilename;
  if (options.files.length > 0) return messages.stdinTakesNoFiles(options.files);
  return undefined;
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** The stdin text as what `read` returns for the stdin file; other paths are read as usual. */
export function stdinReader(input: StdinInput, read: CheckIo["read"]): CheckIo["read"] {
  return (filePath) => (path.resolve(filePath) === input.filePath ? { ok: true, text: input.text } : read(filePath));
}

/**
 * What `--stdin --fix` prints: the fixed text, or the text as it came when nothing could be fixed
 * (ignored by the config, a config error, skipped), so a plugin that replaces its buffer with
 * stdout never loses the text.
 */
export function fixedText(report: CheckReport, input: StdinInput): string {
  return report.changes.find((c) => c.filePath === input.filePath)?.after ?? input.text;
}
