import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ruleDocUrl, type PackageInfo, type ReadPackage } from "../../server/src/core/lint/ruleDocs";

/**
 * A fake node_modules tree: installed package folders with their homepage. Lookups walk up from
 * `fromDir` like Node's resolution, and every lookup is recorded.
 */
function fakeTree(installed: Record<string, string | undefined>): ReadPackage & { asked: string[] } {
  const asked: string[] = [];
  const read = ((name: string, fromDir: string): PackageInfo | undefined => {
    asked.push(name);
    for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
      const base = path.basename(dir) === "node_modules" ? dir : path.join(dir, "node_modules");
      const pkgDir = path.join(base, name);
      if (pkgDir in installed) {
        const homepage = installed[pkgDir];
        return homepage === undefined ? { dir: pkgDir } : { dir: pkgDir, homepage };
      }
      if (path.dirname(dir) === dir) return undefined;
    }
  }) as ReadPackage & { asked: string[] };
  read.asked = asked;
  return read;
}

const NM = "/p/node_modules";

describe("ruleDocUrl", () => {
  it("finds a plain rule's package textlint-rule-<id>", () => {
    const read = fakeTree({ [`${NM}/textlint-rule-no-todo`]: "https://example.com/no-todo" });
    assert.equal(ruleDocUrl("no-todo", NM, read), "https://example.com/no-todo");
  });

  it("accepts a rule id that already carries the textlint-rule- prefix", () => {
    const read = fakeTree({ [`${NM}/textlint-rule-no-todo`]: "https://example.com/no-todo" });
    assert.equal(ruleDocUrl("textlint-rule-no-todo", NM, read), "https://example.com/no-todo");
  });

  it("falls back to the @textlint-rule scope", () => {
    const read = fakeTree({ [`${NM}/@textlint-rule/textlint-rule-no-unmatched-pair`]: "https://example.com/pair" });
    assert.equal(ruleDocUrl("no-unmatched-pair", NM, read), "https://example.com/pair");
  });

  it("finds a scoped rule @scope/<id> as @scope/textlint-rule-<id>", () => {
    const read = fakeTree({ [`${NM}/@acme/textlint-rule-house-style`]: "https://acme.example/house-style" });
    assert.equal(ruleDocUrl("@acme/house-style", NM, read), "https://acme.example/house-style");
    assert.equal(ruleDocUrl("@acme/textlint-rule-house-style", NM, read), "https://acme.example/house-style");
  });

  it("for a preset member, prefers the member's own package, found from the preset's folder", () => {
    const read = fakeTree({
      [`${NM}/textlint-rule-preset-ja-technical-writing`]: "https://example.com/preset",
      // Nested under the preset (not hoisted): found only by looking from the preset's folder.
      [`${NM}/textlint-rule-preset-ja-technical-writing/node_modules/textlint-rule-no-dropping-the-ra`]: "https://example.com/ra",
      // Hoisted next to the preset.
      [`${NM}/textlint-rule-max-ten`]: "https://example.com/max-ten",
    });
    assert.equal(ruleDocUrl("ja-technical-writing/no-dropping-the-ra", NM, read), "https://example.com/ra");
    assert.equal(ruleDocUrl("ja-technical-writing/max-ten", NM, read), "https://example.com/max-ten");
  });

  it("falls back to the preset's homepage for a member defined inside the preset or without a homepage", () => {
    const read = fakeTree({
      [`${NM}/textlint-rule-preset-ja-technical-writing`]: "https://example.com/preset",
      [`${NM}/textlint-rule-sentence-length`]: undefined,
    });
    assert.equal(ruleDocUrl("ja-technical-writing/arabic-kanji-numbers", NM, read), "https://example.com/preset");
    assert.equal(ruleDocUrl("ja-technical-writing/sentence-length", NM, read), "https://example.com/preset");
  });

  it("finds a scoped preset's members", () => {
    const read = fakeTree({
      [`${NM}/@acme/textlint-rule-preset-blog`]: "https://acme.example/preset",
      [`${NM}/textlint-rule-no-todo`]: "https://example.com/no-todo",
    });
    assert.equal(ruleDocUrl("@acme/blog/no-todo", NM, read), "https://example.com/no-todo");
    assert.equal(ruleDocUrl("@acme/blog/inline-rule", NM, read), "https://acme.example/preset");
  });

  it("is undefined when nothing is installed or the package declares no homepage", () => {
    assert.equal(ruleDocUrl("no-todo", NM, fakeTree({})), undefined);
    assert.equal(ruleDocUrl("ja-technical-writing/max-ten", NM, fakeTree({ [`${NM}/textlint-rule-max-ten`]: "x" })), undefined, "no preset, no member link");
    assert.equal(ruleDocUrl("no-todo", NM, fakeTree({ [`${NM}/textlint-rule-no-todo`]: undefined })), undefined);
  });

  it("does not mistake a scoped plain rule for a preset member", () => {
    const read = fakeTree({ [`${NM}/@acme/textlint-rule-x`]: "https://acme.example/x" });
    assert.equal(ruleDocUrl("@acme/x", NM, read), "https://acme.example/x");
    assert.ok(!read.asked.some((n) => n.includes("preset")), `looked for a preset: ${read.asked.join(", ")}`);
  });
});
