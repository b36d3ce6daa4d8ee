/**
 * `tsuzuri mcp`'s bundle (dist/mcp.js, started by cli/mcp.ts): the MCP server on stdin/stdout.
 * The tools' work is dist/post-tools.js (library.ts), loaded from beside it and shared with the VS
 * Code extension. stdout is the protocol, so nothing else may print there; the server ends when its
 * client closes stdin.
 */
import * as path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { cliLang } from "../cli/messages";
import { version } from "../cli/version";
import type * as Library from "./library";
import { registerTools } from "./tools";

async function main(): Promise<void> {
  const server = new McpServer({ name: "tsuzuri", version: version() });
  const lib = require(path.join(__dirname, "post-tools.js")) as typeof Library;
  registerTools(server, lib, new lib.PostTools(process.cwd(), cliLang(process.env), __dirname));
  const transport = new StdioServerTransport();
  transport.onclose = () => process.exit(0);
  process.stdin.on("end", () => void server.close());
  await server.connect(transport);
}

main().catch((e: Error) => {
  process.stderr.write(`tsuzuri mcp: ${e.stack ?? e.message}\n`);
  process.exit(2);
});
