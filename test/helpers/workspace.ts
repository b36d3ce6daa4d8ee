/** Temporary workspaces written by the tests themselves (no test depends on files outside the repo). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");

export function makeWorkspace(files: Record<string, string>, options: { linkNodeModules?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-test-"));
  for (const [name, content] of Object.entries(files)) write(dir, name, content);
  // Project configs load their rules from the project's node_modules; the repo's own has the presets.
  if (options.linkNodeModules) fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

export function write(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

export function removeWorkspace(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Japanese prose that the bundled preset flags: ら抜き言葉 and a weak phrase. */
export const RANUKI = "この映画は家族で見れる。";
export const SPACING_CONFIG = JSON.stringify({ rules: { "preset-ja-spacing": true }, filters: { comments: true } });
