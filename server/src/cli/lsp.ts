/**
 * `tsuzuri lsp --stdio`: the language server the VS Code extension starts, for any other LSP
 * client. It is the very same bundle, `dist/server.js` (server/src/main.ts), loaded from beside the
 * CLI's `dist/cli.js`: bundling the server into the CLI as well would double the CLI's size for a
 * command most runs never use. The server finds its lint worker (`lint-worker.js`) beside itself.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { lspUsage } from "./help";
import type { CliLang, CliMessages } from "./messages";

/** The transports vscode-languageserver reads from the process arguments. */
const TRANSPORT = /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/;
/** Clients may pass their process id so the server ends with them (vscode-languageserver reads it). */
const CLIENT_PROCESS = /^--clientProcessId=\d+$/;

/**
 * Checks the arguments and starts the server, which then lives until the client sends `exit`
 * (or its process ends). Returns an exit code only for a usage error or `--help`.
 */
export function runLsp(args: string[], lang: CliLang, messages: CliMessages): number | undefined {
  if (args.includes("--help") || args.includes("-h")) return process.stdout.write(`${lspUsage(lang)}\n`), 0;
  const unknown = args.find((a) => !TRANSPORT.test(a) && !CLIENT_PROCESS.test(a));
  if (unknown !== undefined) return usageError(messages.lspUnknownArgument(unknown), messages);
  if (args.filter((a) => TRANSPORT.test(a)).length !== 1) return usageError(messages.lspNeedsTransport, messages);
  // It connects with the transport named in process.argv and starts the server.
  return startBundle("server.js", messages.lspServerMissing, messages);
}

/**
 * Loads a bundle that lives beside the CLI's `dist/cli.js` and starts itself (server.js, mcp.js);
 * returns an exit code only when it is missing.
 */
export function startBundle(name: string, missing: (bundlePath: string) => string, messages: CliMessages): number | undefined {
  const bundle = path.join(__dirname, name);
  if (!fs.existsSync(bundle)) return usageError(missing(bundle), messages);
  require(bundle);
  return undefined;
}

export function usageError(message: string, messages: CliMessages): number {
  process.stderr.write(`tsuzuri: ${message}\n${messages.helpHint}\n`);
  return 2;
}
