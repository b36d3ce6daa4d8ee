/** Every UI string exists in English and Japanese: the manifest's %keys% and the client's l10n bundle. */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..", "..");
const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, file), "utf8")) as Record<string, unknown>;

function manifestKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === "string") {
    const m = /^%(.+)%$/.exec(value);
    if (m?.[1]) out.add(m[1]);
  } else if (Array.isArray(value)) value.forEach((v) => manifestKeys(v, out));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => manifestKeys(v, out));
  return out;
}

function l10nCalls(dir: string): Set<string> {
  const out = new Set<string>();
  for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(root, dir, file), "utf8");
    for (const m of text.matchAll(/l10n\.t\(\s*"((?:[^"\\]|\\.)*)"/g)) out.add(JSON.parse(`"${m[1] ?? ""}"`) as string);
  }
  return out;
}

describe("localisation", () => {
  it("every %key% of package.json is in package.nls.json and package.nls.ja.json", () => {
    const keys = [...manifestKeys(readJson("package.json"))];
    assert.ok(keys.length >= 10, "the manifest uses localised strings");
    for (const file of ["package.nls.json", "package.nls.ja.json"]) {
      const nls = readJson(file);
      assert.deepEqual(keys.filter((k) => typeof nls[k] !== "string"), [], `missing in ${file}`);
    }
  });

  it("the Japanese manifest strings are translated, not copies of the English", () => {
    const en = readJson("package.nls.json");
    const ja = readJson("package.nls.ja.json");
    const untranslated = Object.keys(en).filter((k) => ja[k] === en[k]);
    assert.deepEqual(untranslated, []);
  });

  it("every l10n.t string of the client and the server has an English and a Japanese entry", () => {
    const used = [...l10nCalls("client/src"), ...l10nCalls("server/src")];
    assert.ok(used.includes("Fix all auto-fixable textlint problems"), "the server's code action titles are scanned");
    assert.ok(used.length > 0);
    const en = readJson("l10n/bundle.l10n.json");
    const ja = readJson("l10n/bundle.l10n.ja.json");
    assert.deepEqual(used.filter((s) => typeof en[s] !== "string"), [], "run npx @vscode/l10n-dev export --outDir l10n client/src server/src");
    assert.deepEqual(used.filter((s) => typeof ja[s] !== "string" || ja[s] === s), [], "missing Japanese translations");
  });
});
