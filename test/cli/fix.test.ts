/**
 * `tsuzuri check --fix` rewrites files exactly as `textlint --fix` does, for the bundled default and
 * for a project config, compared on two copies of the same files.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";
import { BUNDLED_EQUIVALENT_CONFIG, FIXABLE, PROJECT_CONFIG, REPO_NODE_MODULES, samplePosts, textlint, tsuzuri, type Run } from "./harness";

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".md")).sort()) out[name] = fs.readFileSync(path.join(dir, name), "utf8");
  return out;
}

describe("--fix, against textlint --fix", () => {
  let ours: string;
  let theirs: string;
  let original: Record<string, string>;
  let ourRun: Run;
  let theirBundled: Run;
  let theirProject: Run;

  before(async () => {
    const posts: Record<string, string> = { ...samplePosts(), "fixable.md": FIXABLE, "crlf.md": FIXABLE.replace(/\n/g, "\r\n") };
    const layout = (): Record<string, string> => {
      const files: Record<string, string> = {};
      for (const [name, text] of Object.entries(posts)) {
        files[`bundled/${name}`] = text;
        files[`project/${name}`] = text;
      }
      files["project/.textlintrc.json"] = JSON.stringify(PROJECT_CONFIG);
      return files;
    };
    ours = makeWorkspace(layout());
    theirs = makeWorkspace({ ...layout(), "textlint-config/.textlintrc.json": JSON.stringify(BUNDLED_EQUIVALENT_CONFIG) });
    for (const root of [ours, theirs]) fs.symlinkSync(REPO_NODE_MODULES, path.join(root, "project", "node_modules"), "dir");
    original = snapshot(path.join(ours, "bundled"));

    [ourRun, theirBundled] = await Promise.all([
      tsuzuri(["check", "--fix", "bundled", "project"], ours),
      textlint(["--fix", "--config", path.join(theirs, "textlint-config/.textlintrc.json"), "--rules-base-directory", REPO_NODE_MODULES, "."], path.join(theirs, "bundled")),
    ]);
    theirProject = await textlint(["--fix", "."], path.join(theirs, "project"));
  });
  after(() => {
    removeWorkspace(ours);
    removeWorkspace(theirs);
  });

  it("both runs succeed and still report what cannot be fixed", () => {
    assert.equal(ourRun.code, 1, ourRun.describe());
    for (const r of [theirBundled, theirProject]) assert.ok(r.code === 0 || r.code === 1, r.describe());
    assert.match(ourRun.stdout, /Fixed \d+ problems?/);
  });

  it("the bundled default fixes the files as textlint --fix does", () => {
    const mine = snapshot(path.join(ours, "bundled"));
    const real = snapshot(path.join(theirs, "bundled"));
    assert.notDeepEqual(real, original, "textlint fixed something");
    assert.notEqual(real["fixable.md"], original["fixable.md"]);
    assert.match(real["fixable.md"] ?? "", /カタカナで書かれた/);
    for (const name of Object.keys(real)) assert.equal(mine[name], real[name], name);
  });

  it("a project config (ja-spacing and options) fixes the files as textlint --fix does", () => {
    const mine = snapshot(path.join(ours, "project"));
    const real = snapshot(path.join(theirs, "project"));
    const changed = Object.keys(real).filter((n) => real[n] !== original[n]);
    assert.ok(changed.length >= 4, `ja-spacing rewrites most posts: ${changed.join(", ")}`);
    for (const name of Object.keys(real)) assert.equal(mine[name], real[name], name);
  });

  it("keeps CRLF line ends", () => {
    const fixed = fs.readFileSync(path.join(ours, "bundled", "crlf.md"), "utf8");
    assert.notEqual(fixed, original["crlf.md"]);
    assert.equal(fixed.split("\r\n").length, fixed.split("\n").length, "every line still ends in CRLF");
  });

  it("does not touch files that need no fix", async () => {
    const dir = makeWorkspace({ "clean.md": "# 見出し\n\n問題のない文です。\n" });
    try {
      const file = path.join(dir, "clean.md");
      const old = new Date("2020-01-01T00:00:00Z");
      fs.utimesSync(file, old, old);
      const r = await tsuzuri(["check", "--fix", "clean.md"], dir);
      assert.equal(r.code, 0, r.describe());
      assert.equal(fs.statSync(file).mtimeMs, old.getTime(), "not rewritten");
    } finally {
      removeWorkspace(dir);
    }
  });
});
