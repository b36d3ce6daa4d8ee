/** The bundled preset's linter, as the engine loads it, for core tests of incremental linting. */
import { loadLinter, type LoadedLinter } from "../../server/src/core/lint/linterLoader";
import { patchOwnAnalyser } from "../../server/src/node/nodeDeps";
import { nodeConfigFs } from "../../server/src/node/nodeFs";

export async function loadBundledLinter(baseDir: string): Promise<LoadedLinter> {
  patchOwnAnalyser();
  const result = await loadLinter({ kind: "bundled", key: "bundled:test", reason: "noConfig", baseDir }, nodeConfigFs);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
