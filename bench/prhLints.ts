/**
 * A child process of the project-config case: 50 lints of one paragraph through the engine
 * (out/server/src, in this process), with the bundled preset and with the project config, and
 * prints the times as JSON. `plain` turns prhMemo.ts off (its export replaced before the engine is
 * built), so the two modes differ in that alone.
 *
 *     node out/bench/prhLints.js <projectDir> <memo|plain> <lints>
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as prhMemo from "../server/src/node/prhMemo";
import type * as NodeDeps from "../server/src/node/nodeDeps";
import type * as Settings from "../server/src/core/settings";

export interface PrhLintsResult {
  mode: "memo" | "plain";
  /** Per config: wall and CPU time of the lints (after 5 unmeasured), ms. */
  bundled: { wallMs: number; cpuMs: number; problems: number };
  project: { wallMs: number; cpuMs: number; problems: number };
}

/** Smarthr's prh dictionary and ja-no-abusage's both have something to say about it. */
export const PARAGRAPH =
  "# 見出し\n\n漢字で書くかひらがなで書くかは人によって様々で、レビューのたびに同じ指摘をするのは大変でした。この問題は textlint で自動的に検出する事ができます。既に設定がある場合は追記して下さい。\n";

async function main(): Promise<void> {
  const [projectDir, mode, lintsArg] = process.argv.slice(2);
  if (!projectDir || (mode !== "memo" && mode !== "plain")) throw new Error("usage: prhLints.js <projectDir> <memo|plain> <lints>");
  const lints = Number(lintsArg ?? 50);
  if (mode === "plain") (prhMemo as { memoizePrh: (prh: unknown) => boolean }).memoizePrh = () => false;
  // Loaded after the switch, so that the engine's own calls see it.
  const { createNodeEngine } = require("../server/src/node/nodeDeps") as typeof NodeDeps;
  const { normalizeSettings } = require("../server/src/core/settings") as typeof Settings;
  const engine = createNodeEngine();
  const bare = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-prh-"));
  const run = async (dir: string): Promise<{ wallMs: number; cpuMs: number; problems: number }> => {
    const filePath = path.join(dir, "articles", "bench-paragraph.md");
    const choice = engine.resolve({ filePath, workspaceFolder: dir, settings: normalizeSettings({}), trusted: true });
    let problems = -1;
    for (let i = 0; i < 5; i++) await engine.lint(PARAGRAPH, filePath, choice);
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < lints; i++) {
      const outcome = await engine.lint(PARAGRAPH, filePath, choice);
      problems = outcome.status === "ok" ? outcome.problems.length : -1;
    }
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { wallMs, cpuMs: (used.user + used.system) / 1000, problems };
  };
  try {
    const result: PrhLintsResult = { mode, bundled: await run(bare), project: await run(projectDir) };
    process.stdout.write(JSON.stringify(result));
  } finally {
    fs.rmSync(bare, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
