/**
 * The process-wide module hook (sharedModules.ts): a project's kuromojin is answered with the
 * process's own (one dictionary), in the shape of the installed major, and every copy of prh gets
 * its parsing memoized, every copy of analyze-desumasu-dearu its analyses. On fake packages in a temporary node_modules, so each case is exact; the
 * real preset-smarthr project is covered by test/lsp/projectConfig.test.ts. (node --test runs
 * each file in its own process, so this file's hook and fakes meet nothing else.)
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { shareAnalyserAndDictionaries, sharingStats, projectSharesAnalyser, type Kuromojin } from "../../server/src/node/sharedModules";
import { makeWorkspace, removeWorkspace, write } from "../helpers/workspace";

/** A fake kuromojin of `version` whose functions say they are the installed copy. */
function fakeKuromojin(dir: string, version: string): void {
  write(dir, "package.json", JSON.stringify({ name: "kuromojin", version, main: "lib/index.js" }));
  write(dir, "lib/index.js", `exports.tokenize = async () => ["installed ${version}"]; exports.getTokenizer = async () => "installed ${version}";`);
}

const calls: { text: string; options?: Record<string, unknown> }[] = [];
const own: Kuromojin = {
  tokenize: async (text, options) => {
    calls.push({ text, ...(options ? { options } : {}) });
    return [`own:${text}`];
  },
  getTokenizer: async () => "own tokenizer",
};

describe("one analyser per process", () => {
  let ws: string;
  let requireFrom: (rel: string) => NodeJS.Require;

  before(() => {
    ws = makeWorkspace({});
    const nm = path.join(ws, "node_modules");
    fakeKuromojin(path.join(nm, "kuromojin"), "3.0.1");
    fakeKuromojin(path.join(nm, "rule-a", "node_modules", "kuromojin"), "2.1.1");
    fakeKuromojin(path.join(nm, "rule-b", "node_modules", "kuromojin"), "1.5.1");
    fakeKuromojin(path.join(nm, "rule-c", "node_modules", "kuromojin"), "4.0.0");
    write(nm, "prh/package.json", JSON.stringify({ name: "prh", version: "5.4.4", main: "index.js" }));
    write(nm, "prh/index.js", "exports.fromYAML = (p, c) => ({ targets: [], rules: [c], sourcePaths: [p] }); exports.fromYAMLFilePath = (p) => ({ targets: [], rules: [p], sourcePaths: [p] });");
    write(nm, "analyze-desumasu-dearu/package.json", JSON.stringify({ name: "analyze-desumasu-dearu", version: "5.0.2", main: "lib/analyze.js" }));
    write(nm, "analyze-desumasu-dearu/lib/analyze.js", "exports.calls = 0; exports.analyze = async (text) => (exports.calls++, [text]);");
    write(nm, "rule-esm/index.mjs", 'import { tokenize } from "kuromojin"; export default tokenize;');
    shareAnalyserAndDictionaries(own);
    requireFrom = (rel) => createRequire(path.join(nm, rel, "index.js"));
  });
  after(() => removeWorkspace(ws));

  it("answers a hoisted kuromojin 3.x with ours", async () => {
    const k = requireFrom("rule-x")("kuromojin") as Kuromojin;
    assert.deepEqual(await k.tokenize("本文"), ["own:本文"]);
    assert.equal(await k.getTokenizer(), "own tokenizer");
    assert.ok(sharingStats.kuromojinShared.has(path.join(ws, "node_modules", "kuromojin")));
  });

  it("answers a nested 2.x too, and passes its options on (the token cache switch)", async () => {
    const k = requireFrom("rule-a")("kuromojin") as Kuromojin;
    assert.deepEqual(await k.tokenize("文", { noCacheTokenize: true }), ["own:文"]);
    assert.deepEqual(calls.at(-1), { text: "文", options: { noCacheTokenize: true } });
  });

  it("answers 1.x in its shape (the module is tokenize itself), without the token cache it never had", async () => {
    const k = requireFrom("rule-b")("kuromojin") as ((text: string) => Promise<unknown[]>) & Kuromojin;
    assert.equal(typeof k, "function");
    assert.deepEqual(await k("一"), ["own:一"]);
    assert.deepEqual(await k.tokenize("二"), ["own:二"]);
    assert.deepEqual(calls.at(-1), { text: "二", options: { noCacheTokenize: true } });
  });

  it("loads a kuromojin of an unknown major as installed", async () => {
    const k = requireFrom("rule-c")("kuromojin") as Kuromojin;
    assert.deepEqual(await k.tokenize("x"), ["installed 4.0.0"]);
    assert.equal(sharingStats.kuromojinOwn.get(path.join(ws, "node_modules", "rule-c", "node_modules", "kuromojin")), "4.0.0");
  });

  it("serves an ES module's import of kuromojin as well", async () => {
    const mod = (await import(pathToFileURL(path.join(ws, "node_modules", "rule-esm", "index.mjs")).href)) as { default: Kuromojin["tokenize"] };
    assert.deepEqual(await mod.default("ESM"), ["own:ESM"]);
  });

  it("leaves other packages and missing ones alone", () => {
    assert.throws(() => createRequire(path.join(ws, "elsewhere.js"))("kuromojin-missing"), /Cannot find module/);
    assert.equal(typeof requireFrom("rule-x")("node:path"), "object");
  });

  it("memoizes every copy of prh it loads", () => {
    const prh = requireFrom("rule-x")("prh") as { fromYAML(p: string, c: string): { rules: unknown[] } };
    const before = sharingStats.prhMemoized;
    const first = prh.fromYAML("", "rules: []");
    const second = prh.fromYAML("", "rules: []");
    assert.notEqual(first, second, "each caller gets its own copy to merge into");
    assert.deepEqual(second.rules, first.rules);
    requireFrom("rule-a")("prh");
    assert.equal(sharingStats.prhMemoized, before, "the same copy is wrapped once");
    assert.ok(sharingStats.prhMemoized >= 1);
  });

  it("memoizes every copy of analyze-desumasu-dearu it loads", async () => {
    const mod = requireFrom("rule-x")("analyze-desumasu-dearu") as { calls: number; analyze(t: string): Promise<string[]> };
    assert.deepEqual(await mod.analyze("です"), ["です"]);
    assert.deepEqual(await mod.analyze("です"), ["です"]);
    assert.equal(mod.calls, 1, "the second analysis came from memory");
    const count = sharingStats.analysisMemoized;
    requireFrom("rule-a")("analyze-desumasu-dearu");
    assert.equal(sharingStats.analysisMemoized, count, "the same copy is wrapped once");
    assert.equal(count, 1);
  });

  it("tells whether a project's hoisted kuromojin will share our dictionary", () => {
    assert.equal(projectSharesAnalyser(path.join(ws, "node_modules")), true);
    assert.equal(projectSharesAnalyser(path.join(ws, "node_modules", "rule-c", "node_modules")), false);
    assert.equal(projectSharesAnalyser(path.join(ws, "no-such", "node_modules")), true);
  });
});
