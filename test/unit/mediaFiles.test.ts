/** Every file under media/ the client names exists, and the packaging keeps it (the preview's tab icon was missing once). */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import picomatch from "picomatch";
import { repoRoot } from "../helpers/workspace";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

describe("media files the client uses", () => {
  it("exist, and .vscodeignore does not drop them", () => {
    const named = new Set<string>();
    for (const file of sources(path.join(repoRoot, "client", "src"))) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(/"media",\s*((?:"[^"]+",\s*)*"[^"]+")/g)) {
        named.add(["media", ...[...m[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!)].join("/"));
      }
    }
    assert.ok(named.has("media/preview-icon.svg"), [...named].join(", "));
    // .vscodeignore ignores everything (`**`) but what a `!` line lets through (vsce: negations win).
    const packed = fs.readFileSync(path.join(repoRoot, ".vscodeignore"), "utf8").split(/\r?\n/).filter((l) => l.startsWith("!")).map((l) => picomatch(l.slice(1), { dot: true }));
    for (const rel of named) {
      assert.ok(fs.existsSync(path.join(repoRoot, rel)), `${rel} exists`);
      assert.ok(packed.some((m) => m(rel)), `${rel} is packed`);
    }
  });
});
