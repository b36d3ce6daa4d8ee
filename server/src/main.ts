/**
 * The server's transport: stdio when started with `--stdio` (any LSP client, and our tests), IPC or
 * pipes when VS Code's language client starts it (createConnection reads the process arguments).
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";

startServer(createConnection(ProposedFeatures.all));
