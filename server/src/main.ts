/**
 * The server's transport: stdio when started with `--stdio` (any LSP client, and our tests), IPC or
 * pipes when VS Code's language client starts it (createConnection reads the process arguments).
 * The Node side of the server (worker threads, the file system, the CPU count) is built here and
 * handed to startServer.
 */
import * as os from "node:os";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";
import { LintWorkerClient } from "./node/lintWorkerClient";
import { nodeConfigFs } from "./node/nodeFs";

startServer(createConnection(ProposedFeatures.all), {
  newWorker: (log) => new LintWorkerClient(log),
  cores: os.availableParallelism(),
  configFs: nodeConfigFs,
});
