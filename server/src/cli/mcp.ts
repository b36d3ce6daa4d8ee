/**
 * `tsuzuri mcp`: a Model Context Protocol server over stdin/stdout, for AI agents (Claude Desktop,
 * Claude Code, VS Code's agent mode, Cursor). It is its own bundle, `dist/mcp.js`
 * (server/src/mcp/main.ts), loaded from beside `dist/cli.js` as `tsuzuri lsp` loads the language
 * server: the MCP SDK stays out of the CLI most runs use.
 */
import { mcpUsage } from "./help";
import { startBundle, usageError } from "./lsp";
import type { CliLang, CliMessages } from "./messages";

export function runMcp(args: string[], lang: CliLang, messages: CliMessages): number | undefined {
  if (args.includes("--help") || args.includes("-h")) return process.stdout.write(`${mcpUsage(lang)}\n`), 0;
  const [unknown] = args;
  if (unknown !== undefined) return usageError(messages.mcpUnknownArgument(unknown), messages);
  return startBundle("mcp.js", messages.mcpServerMissing, messages);
}
