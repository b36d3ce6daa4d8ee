/**
 * The layout the README promises: `server/src/core/` is pure logic — no `vscode`, no LSP connection
 * (the protocol's data types are fine),
 * and no import reaching up into the server glue, its Node side (`server/src/node/`), the CLI or the
 * client; `server/src/` and `client/src/` build on it, not the other way round. `server/src/node/`
 * (the lint worker, module hooks, the file system) builds on the core alone: the LSP glue and the
 * CLI both use it, so it uses neither.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../helpers/workspace";

const coreDir = path.join(repoRoot, "server", "src", "core");
const nodeDir = path.join(repoRoot, "server", "src", "node");

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports (static, side-effect only and dynamic, `require` too). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']/g)) found.push(m[1] ?? "");
  for (const m of source.matchAll(/(?:import|require)\(\s*["']([^"']+)["']\s*\)/g)) found.push(m[1] ?? "");
  for (const m of source.matchAll(/(?:^|\n)\s*import\s+["']([^"']+)["']/g)) found.push(m[1] ?? "");
  for (const m of source.matchAll(/(?:^|\n)\s*import\s+\w+\s*=\s*require\(\s*["']([^"']+)["']/g)) found.push(m[1] ?? "");
  return found;
}

/** Imports of `files` that name vscode or an LSP connection, or reach outside the folders `allowed`. */
function offendingImports(files: readonly string[], allowed: readonly string[]): string[] {
  const offending: string[] = [];
  for (const file of files) {
    for (const spec of specifiers(fs.readFileSync(file, "utf8"))) {
      const target = path.resolve(path.dirname(file), spec);
      const reachesOut = spec.startsWith(".") && !allowed.some((dir) => target.startsWith(dir + path.sep));
      // The protocol's plain data types (vscode-languageserver-types, -textdocument) are fine; a connection is not.
      const connection = /^(vscode-languageserver|vscode-languageserver-protocol|vscode-jsonrpc|vscode-languageclient)(\/|$)/.test(spec);
      if (spec === "vscode" || connection || reachesOut) {
        offending.push(`${path.relative(repoRoot, file)} imports ${spec}`);
      }
    }
  }
  return offending;
}

describe("layout", () => {
  it("server/src/core imports nothing from vscode, the LSP connection, the server glue, server/src/node, the CLI or the client", () => {
    const files = tsFiles(coreDir);
    assert.ok(files.length > 50, `${files.length} core files`);
    assert.deepEqual(offendingImports(files, [coreDir]), []);
  });

  it("server/src/core does no I/O of its own: no file system, processes, threads or network modules (they are passed in)", () => {
    const io = /^(node:)?(fs|fs\/promises|child_process|worker_threads|net|http|https)$/;
    const found = tsFiles(coreDir).flatMap((file) => specifiers(fs.readFileSync(file, "utf8")).filter((spec) => io.test(spec)).map((spec) => `${path.relative(repoRoot, file)} imports ${spec}`));
    assert.deepEqual(found, []);
  });

  it("server/src/node imports nothing from vscode, the LSP connection, the server glue, the CLI or the client: only the core", () => {
    const files = tsFiles(nodeDir);
    assert.ok(files.length > 10, `${files.length} node files`);
    assert.deepEqual(offendingImports(files, [nodeDir, coreDir]), []);
  });
});
