/**
 * `tsuzuri lsp --stdio`: the language server the VS Code extension starts (server/src/main.ts),
 * for any other LSP client. It is bundled into the CLI; its lint worker (`lint-worker.js`) is
 * found beside the running script, which is `dist/` for the CLI as for `dist/server.js`.
 */
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
export async function runLsp(args: string[], lang: CliLang, messages: CliMessages): Promise<number | undefined> {
  if (args.includes("--help") || args.includes("-h")) return process.stdout.write(`${lspUsage(lang)}\n`), 0;
  const unknown = args.find((a) => !TRANSPORT.test(a) && !CLIENT_PROCESS.test(a));
  if (unknown !== undefined) return usageError(messages.lspUnknownArgument(unknown), messages);
  if (args.filter((a) => TRANSPORT.test(a)).length !== 1) return usageError(messages.lspNeedsTransport, messages);
  // main.ts connects with the transport named in process.argv and starts the server.
  await import("../main");
  return undefined;
}

function usageError(message: string, messages: CliMessages): number {
  process.stderr.write(`tsuzuri: ${message}\n${messages.helpHint}\n`);
  return 2;
}
