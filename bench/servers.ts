/**
 * What the server cases share (cases.ts's and realCase.ts's): opening a post and waiting for its
 * first diagnostics, and the comparison of incremental and full results.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { lintTimeoutMs, type BenchContext } from "./context";
import type { LspSession } from "../test/helpers/lspHarness";

/** Opens a post, waits for its first diagnostics; returns the uri and the didOpen→diagnostics time. */
export async function openAndWait(
  ctx: BenchContext,
  server: LspSession,
  name: string,
  text: string,
  timeoutMs = lintTimeoutMs(text.length),
): Promise<{ uri: string; ms: number; firstMs: number; diagnostics: Diagnostic[] }> {
  const file = path.join(ctx.workDir, name);
  fs.writeFileSync(file, text);
  const from = server.diagnostics.all.length;
  const statusFrom = server.statuses.all.length;
  const { uri, sentAt } = await server.openTimed(file, text);
  const first = await server.nextDiagnosticsOrError(uri, 1, timeoutMs, from);
  // A long post's first publish may hold only the visible lines (visible-first); the whole post's
  // follows, and the server reports the lint's status right after publishing it.
  await server.statuses.next((s) => s.uri === uri && (s.lastLintMs !== undefined || s.state === "error"), timeoutMs, statusFrom);
  const published = server.diagnostics.all.slice(from).filter((p) => p.uri === uri).pop() ?? first;
  return { uri, ms: published.at - sentAt, firstMs: first.at - sentAt, diagnostics: published.diagnostics };
}

/**
 * A diagnostic as compared: whole, except `data.version`, the version of the document it was
 * published for (the servers may have been sent different numbers of changes for the same text,
 * e.g. the real case's primer keystrokes).
 */
function comparable(d: Diagnostic): string {
  const data = d.data as Record<string, unknown> | undefined;
  if (!data || typeof data !== "object" || !("version" in data)) return JSON.stringify(d);
  const { version: _version, ...rest } = data;
  return JSON.stringify({ ...d, data: rest });
}

/** What is compared between the incremental and the full lint: the published diagnostics (see comparable). */
export const fingerprint = (diagnostics: Diagnostic[]): string => JSON.stringify(diagnostics.map(comparable));

/** A mismatch, for the report: the counts, and up to two diagnostics only one side has. */
export function describeMismatch(what: string, incremental: Diagnostic[], full: Diagnostic[]): string {
  const inc = incremental.map(comparable);
  const ful = full.map(comparable);
  const onlyFull = ful.filter((d) => !inc.includes(d));
  const onlyInc = inc.filter((d) => !ful.includes(d));
  return (
    `${what}: ${inc.length} incremental vs ${ful.length} full diagnostics` +
    (onlyFull.length + onlyInc.length === 0 ? " (same diagnostics, other order)" : `; only full: ${onlyFull.slice(0, 2).join(" ")}; only incremental: ${onlyInc.slice(0, 2).join(" ")}`)
  );
}
