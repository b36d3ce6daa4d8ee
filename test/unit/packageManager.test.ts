/**
 * Issue 13: a repository whose textlint config names packages that are not installed (bun and pnpm
 * repositories cloned without node_modules) is told which packages, and its own package manager's
 * command, detected from the lockfile — never "run npm install" in a bun repository.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { installCommandFor } from "../../server/src/core/lint/packageManager";
import type { ConfigFs } from "../../server/src/core/lint/configResolution";
import { createNodeEngine } from "../../server/src/node/nodeDeps";
import { normalizeSettings } from "../../server/src/core/settings";
import type { LintEngine, LintOutcome } from "../../server/src/core/lint/lintEngine";
import { makeWorkspace, removeWorkspace, repoRoot } from "../helpers/workspace";

/** An in-memory file system: path → text. */
function memoryFs(files: Record<string, string>): Pick<ConfigFs, "isFile" | "readText"> {
  return { isFile: (p) => p in files, readText: (p) => files[p] };
}

describe("installCommandFor: the package manager from the lockfile", () => {
  const cases: [string, string][] = [
    ["bun.lock", "bun install"],
    ["bun.lockb", "bun install"],
    ["pnpm-lock.yaml", "pnpm install"],
    ["yarn.lock", "yarn install"],
    ["package-lock.json", "npm install"],
  ];
  for (const [lockfile, command] of cases) {
    it(`${lockfile} → ${command}, run where the lockfile is`, () => {
      const found = installCommandFor(memoryFs({ [`/blog/${lockfile}`]: "", "/blog/package.json": "{}" }), "/blog", "/blog");
      assert.deepEqual(found, { manager: command.split(" ")[0], command, cwd: "/blog", evidence: `/blog/${lockfile}` });
    });
  }

  it("no lockfile and no packageManager field: npm install in the fallback folder", () => {
    assert.deepEqual(installCommandFor(memoryFs({ "/blog/package.json": "{}" }), "/blog", "/blog", "/blog"), { manager: "npm", command: "npm install", cwd: "/blog" });
  });

  it("package.json's packageManager (corepack) decides when there is no lockfile", () => {
    const found = installCommandFor(memoryFs({ "/blog/package.json": JSON.stringify({ packageManager: "pnpm@9.15.0" }) }), "/blog", "/blog");
    assert.equal(found.command, "pnpm install");
  });

  it("a config in a sub-folder of a monorepo finds the root's lockfile, but never above the workspace folder", () => {
    const files = { "/ws/pnpm-lock.yaml": "", "/ws/package.json": "{}", "/ws/blog/.textlintrc.json": "{}", "/bun.lock": "" };
    assert.deepEqual(installCommandFor(memoryFs(files), "/ws/blog", "/ws"), { manager: "pnpm", command: "pnpm install", cwd: "/ws", evidence: "/ws/pnpm-lock.yaml" });
    assert.equal(installCommandFor(memoryFs({ "/bun.lock": "" }), "/ws/blog", "/ws", "/ws/blog").command, "npm install", "a lockfile above the workspace folder is not the project's");
  });
});

describe("a project config whose packages are not installed", () => {
  let engine: LintEngine;
  const dirs: string[] = [];
  before(() => {
    engine = createNodeEngine();
  });
  after(() => dirs.forEach(removeWorkspace));

  /** A copy of test/fixtures/repos/<name> in a temporary folder (as cloned: no node_modules). */
  function cloned(name: string): string {
    const dir = makeWorkspace({});
    dirs.push(dir);
    fs.cpSync(path.join(repoRoot, "test", "fixtures", "repos", name), dir, { recursive: true });
    assert.ok(!fs.existsSync(path.join(dir, "node_modules")));
    return dir;
  }

  async function lintIn(dir: string, rel: string): Promise<LintOutcome> {
    const filePath = path.join(dir, rel);
    return engine.lint(fs.readFileSync(filePath, "utf8"), filePath, engine.resolve({ filePath, workspaceFolder: dir, settings: normalizeSettings({}), trusted: true }));
  }

  it("bun: every missing package (presets and the filter), and bun install where bun.lock is", async () => {
    const dir = cloned("bun-blog");
    const outcome = await lintIn(dir, "articles/bun-textlint-setup.md");
    assert.equal(outcome.status, "error");
    if (outcome.status !== "error") return;
    assert.deepEqual(outcome.error.missing, {
      packages: ["textlint-filter-rule-comments", "textlint-rule-preset-ja-spacing", "textlint-rule-preset-ja-technical-writing"],
      nodeModulesDir: path.join(dir, "node_modules"),
      install: { manager: "bun", command: "bun install", cwd: dir, evidence: path.join(dir, "bun.lock") },
    });
    assert.equal(
      outcome.error.message,
      `textlint-filter-rule-comments, textlint-rule-preset-ja-spacing, textlint-rule-preset-ja-technical-writing are not installed in ${path.join(dir, "node_modules")} (named in ${path.join(dir, ".textlintrc.json")}); run bun install in ${dir}`,
    );
  });

  it("pnpm: pnpm install, from pnpm-lock.yaml", async () => {
    const dir = cloned("pnpm-blog");
    const outcome = await lintIn(dir, "posts/hello-pnpm.md");
    assert.equal(outcome.status, "error");
    if (outcome.status !== "error") return;
    assert.deepEqual(outcome.error.missing?.packages, ["textlint-filter-rule-comments", "textlint-rule-preset-ja-technical-writing"]);
    assert.equal(outcome.error.missing?.install.command, "pnpm install");
    assert.match(outcome.error.message, /run pnpm install in /);
  });

  it("once installed, the same config loads and lints", async () => {
    const dir = cloned("bun-blog");
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
    const outcome = await lintIn(dir, "articles/bun-textlint-setup.md");
    assert.equal(outcome.status, "ok", outcome.status === "error" ? outcome.error.message : "");
    assert.ok(outcome.status === "ok" && outcome.problems.some((p) => p.ruleId === "ja-technical-writing/no-dropping-the-ra"));
  });
});
