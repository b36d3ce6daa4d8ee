import { after, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { loadConfig } from "@textlint/config-loader";
import {
  CONFIG_FILE_NAMES,
  findNearestConfig,
  findNodeModules,
  resolveConfig,
  type ConfigFs,
} from "../../server/src/core/lint/configResolution";
import { normalizeSettings, type TsuzuriSettings } from "../../server/src/core/settings";
import { nodeConfigFs } from "../../server/src/node/nodeFs";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";

/** An in-memory file system: files with their text, plus folders (every parent of a file is one). */
function memoryFs(files: Record<string, string>, extraDirs: string[] = []): ConfigFs & { reads: string[] } {
  const dirs = new Set<string>(extraDirs.map((d) => path.resolve(d)));
  for (const f of Object.keys(files)) {
    for (let d = path.dirname(path.resolve(f)); ; d = path.dirname(d)) {
      dirs.add(d);
      if (path.dirname(d) === d) break;
    }
  }
  const reads: string[] = [];
  return {
    reads,
    isFile: (p) => Object.prototype.hasOwnProperty.call(files, path.resolve(p)),
    isDirectory: (p) => dirs.has(path.resolve(p)),
    readText: (p) => {
      reads.push(path.resolve(p));
      return files[path.resolve(p)];
    },
  };
}

const auto = normalizeSettings({});
const settings = (textlint: Partial<TsuzuriSettings["textlint"]>): TsuzuriSettings => normalizeSettings({ textlint });
const RC = JSON.stringify({ rules: {} });

describe("resolveConfig: the nearest config", () => {
  it("picks the nearest config from the file's folder upward", () => {
    const fs = memoryFs({
      "/ws/.textlintrc.json": RC,
      "/ws/blog/.textlintrc.yml": "rules: {}\n",
      "/ws/blog/2024/post.md": "",
    });
    const choice = resolveConfig(fs, { filePath: "/ws/blog/2024/post.md", workspaceFolder: "/ws", settings: auto, trusted: true });
    assert.equal(choice.kind, "project");
    assert.equal(choice.kind === "project" && choice.configFile, "/ws/blog/.textlintrc.yml");
    assert.equal(choice.baseDir, "/ws/blog", "a project config's folder is where .textlintignore is read");

    const top = resolveConfig(fs, { filePath: "/ws/notes/idea.md", workspaceFolder: "/ws", settings: auto, trusted: true });
    assert.equal(top.kind === "project" && top.configFile, "/ws/.textlintrc.json");
  });

  it("includes the workspace folder itself but stops there", () => {
    const fs = memoryFs({ "/home/me/.textlintrc.json": RC, "/home/me/ws/post.md": "" });
    const inside = resolveConfig(fs, { filePath: "/home/me/ws/post.md", workspaceFolder: "/home/me/ws", settings: auto, trusted: true });
    assert.deepEqual(inside, { kind: "bundled", key: "bundled:/home/me/ws", reason: "noConfig", baseDir: "/home/me/ws" });

    // Outside any workspace folder (a loose file, or the CLI outside its cwd) the search goes to the root.
    const loose = resolveConfig(fs, { filePath: "/home/me/ws/post.md", workspaceFolder: undefined, settings: auto, trusted: true });
    assert.equal(loose.kind === "project" && loose.configFile, "/home/me/.textlintrc.json");

    const atRoot = memoryFs({ "/home/me/ws/.textlintrc": RC });
    assert.equal(findNearestConfig(atRoot, "/home/me/ws/a/b", "/home/me/ws"), "/home/me/ws/.textlintrc");
  });

  it("uses a package.json with a textlint field, and skips one without it or that does not parse", () => {
    const fs = memoryFs({
      "/mono/package.json": JSON.stringify({ name: "mono", textlint: { rules: { "preset-ja-spacing": true } } }),
      "/mono/site/package.json": JSON.stringify({ name: "site", scripts: {} }),
      "/mono/site/broken/package.json": "{ not json",
      "/mono/site/broken/post.md": "",
    });
    assert.equal(findNearestConfig(fs, "/mono/site/broken", "/mono"), "/mono/package.json");
    const falsy = memoryFs({ "/p/package.json": JSON.stringify({ textlint: false }), "/p/a.md": "" });
    assert.equal(findNearestConfig(falsy, "/p", "/p"), undefined);
  });

  it("prefers a .textlintrc* over package.json in the same folder, and a nearer package.json over a farther .textlintrc", () => {
    const same = memoryFs({ "/p/package.json": JSON.stringify({ textlint: { rules: {} } }), "/p/.textlintrc.yaml": "rules: {}" });
    assert.equal(findNearestConfig(same, "/p", "/p"), "/p/.textlintrc.yaml");
    const nearer = memoryFs({ "/p/.textlintrc.json": RC, "/p/sub/package.json": JSON.stringify({ textlint: { rules: {} } }) });
    assert.equal(findNearestConfig(nearer, "/p/sub", "/p"), "/p/sub/package.json");
  });

  it("does not read files it does not need (the search is cheap per keystroke)", () => {
    const fs = memoryFs({ "/ws/.textlintrc.json": RC, "/ws/a/b/post.md": "" });
    findNearestConfig(fs, "/ws/a/b", "/ws");
    assert.deepEqual(fs.reads, [], "existence checks only; package.json is read only when it exists");
  });
});

describe("config file order within one folder, against textlint's own loader", () => {
  const dirs: string[] = [];
  after(() => dirs.forEach(removeWorkspace));

  // Each pair of config files side by side in a real folder: which one does textlint load?
  const contents: Record<string, string> = {
    ".textlintrc": RC,
    ".textlintrc.cjs": `module.exports = ${RC};`,
    ".textlintrc.js": `module.exports = ${RC};`,
    ".textlintrc.json": RC,
    ".textlintrc.yaml": "rules: {}\n",
    ".textlintrc.yml": "rules: {}\n",
    "package.json": JSON.stringify({ name: "p", textlint: { rules: {} } }),
  };
  const names = Object.keys(contents);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = names[i] ?? "";
      const b = names[j] ?? "";
      it(`${a} + ${b}`, async () => {
        const dir = makeWorkspace({ [a]: contents[a] ?? "", [b]: contents[b] ?? "" });
        dirs.push(dir);
        const theirs = await loadConfig({ cwd: dir, node_modulesDir: path.join(dir, "node_modules") });
        assert.ok(theirs.ok, "textlint loads one of them");
        assert.equal(findNearestConfig(nodeConfigFs, dir, dir), theirs.configFilePath);
      });
    }
  }

  it("knows every config file name textlint looks for", () => {
    assert.deepEqual([...CONFIG_FILE_NAMES].sort(), names.filter((n) => n !== "package.json").sort());
  });
});

describe("resolveConfig: settings and trust", () => {
  const fs = memoryFs({ "/ws/.textlintrc.json": RC, "/ws/config/strict.json": RC, "/etc/textlint/shared.json": RC, "/ws/posts/a.md": "" });

  it("uses an explicit configPath relative to the workspace folder, or absolute, without searching", () => {
    const rel = resolveConfig(fs, { filePath: "/ws/posts/a.md", workspaceFolder: "/ws", settings: settings({ configPath: "config/strict.json" }), trusted: true });
    assert.equal(rel.kind === "project" && rel.configFile, "/ws/config/strict.json");
    assert.equal(rel.baseDir, "/ws/config");
    const abs = resolveConfig(fs, { filePath: "/ws/posts/a.md", workspaceFolder: "/ws", settings: settings({ configPath: "/etc/textlint/shared.json" }), trusted: true });
    assert.equal(abs.kind === "project" && abs.configFile, "/etc/textlint/shared.json");
    // With no workspace folder a relative path is taken from the file's folder.
    const loose = resolveConfig(fs, { filePath: "/ws/posts/a.md", workspaceFolder: undefined, settings: settings({ configPath: "../config/strict.json" }), trusted: true });
    assert.equal(loose.kind === "project" && loose.configFile, "/ws/config/strict.json");
  });

  it("passes a configPath that does not exist on to the loader (which names it in its error)", () => {
    const missing = resolveConfig(fs, { filePath: "/ws/posts/a.md", workspaceFolder: "/ws", settings: settings({ configPath: "nope.json" }), trusted: true });
    assert.equal(missing.kind === "project" && missing.configFile, "/ws/nope.json");
  });

  it("configMode bundled ignores every project config", () => {
    const choice = resolveConfig(fs, { filePath: "/ws/posts/a.md", workspaceFolder: "/ws", settings: settings({ configMode: "bundled", configPath: "config/strict.json" }), trusted: true });
    assert.deepEqual(choice, { kind: "bundled", key: "bundled:/ws", reason: "setting", baseDir: "/ws" });
  });

  it("an untrusted workspace gets the bundled preset and is told which config was ignored", () => {
    const found = resolveConfig(fs, { filePath: "/ws/posts/a.md", workspaceFolder: "/ws", settings: auto, trusted: false });
    assert.deepEqual(found, { kind: "bundled", key: "bundled:/ws", reason: "untrusted", baseDir: "/ws", ignoredConfigFile: "/ws/.textlintrc.json" });
    const explicit = resolveConfig(fs, { filePath: "/ws/posts/a.md", workspaceFolder: "/ws", settings: settings({ configPath: "/etc/textlint/shared.json" }), trusted: false });
    assert.equal(explicit.kind, "bundled");
    assert.equal(explicit.kind === "bundled" && explicit.ignoredConfigFile, "/etc/textlint/shared.json");
    const none = resolveConfig(memoryFs({ "/w/a.md": "" }), { filePath: "/w/a.md", workspaceFolder: "/w", settings: auto, trusted: false });
    assert.deepEqual(none, { kind: "bundled", key: "bundled:/w", reason: "noConfig", baseDir: "/w" });
  });

  it("gives files under one config the same key, and different configs different keys", () => {
    const many = memoryFs({ "/ws/.textlintrc.json": RC, "/ws/sub/.textlintrc.json": RC });
    const key = (f: string): string => resolveConfig(many, { filePath: f, workspaceFolder: "/ws", settings: auto, trusted: true }).key;
    assert.equal(key("/ws/a.md"), key("/ws/x/y/b.md"));
    assert.notEqual(key("/ws/a.md"), key("/ws/sub/c.md"));
    const bundledKey = (f: string, ws: string | undefined): string =>
      resolveConfig(memoryFs({}), { filePath: f, workspaceFolder: ws, settings: auto, trusted: true }).key;
    assert.equal(bundledKey("/a/x.md", "/a"), bundledKey("/a/deep/y.md", "/a"));
    assert.notEqual(bundledKey("/a/x.md", "/a"), bundledKey("/b/x.md", "/b"), "each workspace folder has its own .textlintignore");
    const loose = resolveConfig(memoryFs({}), { filePath: "/tmp/loose/x.md", workspaceFolder: undefined, settings: auto, trusted: true });
    assert.equal(loose.baseDir, "/tmp/loose");
  });
});

describe("node_modules of a project config", () => {
  it("is the nearest node_modules from the config's folder upward (hoisted in a monorepo)", () => {
    const fs = memoryFs(
      { "/mono/packages/blog/.textlintrc.json": RC, "/mono/packages/blog/post.md": "" },
      ["/mono/node_modules", "/elsewhere/node_modules"],
    );
    const choice = resolveConfig(fs, { filePath: "/mono/packages/blog/post.md", workspaceFolder: "/mono", settings: auto, trusted: true });
    assert.equal(choice.kind === "project" && choice.nodeModulesDir, "/mono/node_modules");
  });

  it("prefers the config's own node_modules", () => {
    const fs = memoryFs({ "/mono/packages/blog/.textlintrc.json": RC }, ["/mono/node_modules", "/mono/packages/blog/node_modules"]);
    assert.equal(findNodeModules(fs, "/mono/packages/blog"), "/mono/packages/blog/node_modules");
  });

  it("falls back to the config's own (absent) node_modules, so that the error names the right place", () => {
    const fs = memoryFs({ "/p/.textlintrc.json": RC });
    assert.equal(findNodeModules(fs, "/p"), "/p/node_modules");
  });

  it("does not take a file named node_modules for the folder", () => {
    const fs = memoryFs({ "/p/node_modules": "", "/p/sub/.textlintrc.json": RC }, ["/node_modules"]);
    assert.equal(findNodeModules(fs, "/p/sub"), "/node_modules");
  });
});
