/**
 * Parity with the real textlint CLI: for the same files and config, `tsuzuri check --format json`
 * prints the same messages as `textlint --format json`, one for one. The only allowed differences are
 * positions that Tsuzuri corrects: (1) an astral character such as an emoji earlier on the line, before
 * a problem found by a rule that counts code points; there the test checks independently that our
 * column points at the offending text and textlint's does not; (2) a `line`/`column`/`loc` that
 * textlint takes from elsewhere than its own offsets (sentence-length's, from the sentence splitter,
 * after a paragraph's first sentence); there everything else is textlint's, ours are where the
 * offsets are (worked out here from the text), and textlint's are not.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";
import {
  asJson,
  BUNDLED_EQUIVALENT_CONFIG,
  jsonResults,
  PROJECT_CONFIG,
  REPO_NODE_MODULES,
  samplePosts,
  textlint,
  tsuzuri,
  type Message,
} from "./harness";

/** Extra lines that put emoji before problems of several rules built on the morphological analyser. */
const EMOJI_POST = [
  "# 絵文字のあとの指摘",
  "",
  "👨‍👩‍👧‍👦家族で見れる映画を探しています。",
  "",
  "🎉 私は彼は好きです。",
  "",
  "絵文字😀を使った文のあとで、この映画は家族で見れる。",
  "",
  "🍣 お寿司はたぶん美味しいかもしれない。",
  "",
].join("\n");

/**
 * The text a message is about, read from its message (not from our output): what the squiggle must
 * start on. Only rules that appear on emoji lines of the fixtures need an entry.
 */
function offendingText(m: Message): string {
  const rule = m.ruleId.split("/").pop();
  const quoted = (re: RegExp): string => {
    const found = re.exec(m.message)?.[1];
    assert.ok(found, `cannot read the offending text from ${JSON.stringify(m.message)}`);
    return found;
  };
  switch (rule) {
    case "no-dropping-the-ra":
      return "れ";
    case "no-doubled-joshi":
      return quoted(/助詞 "(.+?)"/);
    case "ja-no-weak-phrase":
      return quoted(/弱い表現: "(.+?)"/);
    default:
      return assert.fail(`${m.ruleId} moved a position; add an independent check of its offending text`);
  }
}

const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
const astralBefore = (line: string, column: number): number => (line.slice(0, column - 1).match(ASTRAL) ?? []).length;
const key = (m: Message): string => JSON.stringify(m);
/** A 1-based column that falls between the two UTF-16 units of one astral character. */
const splitsSurrogatePair = (line: string, column: number): boolean =>
  /[\uDC00-\uDFFF]/.test(line.charAt(column - 1)) && /[\uD800-\uDBFF]/.test(line.charAt(column - 2));

/** 1-based line and UTF-16 column of an offset, lines ending at LF, CRLF or a lone CR (the sample posts have no BOM). */
function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: (before[before.length - 1] ?? "").length + 1 };
}

/** A message whose offsets both tools agree on, and whose line and column only textlint got wrong. */
interface Relocation {
  file: string;
  ruleId: string;
  ours: { line: number; column: number };
  theirs: { line: number; column: number };
}
const relocations: Relocation[] = [];

interface Correction {
  file: string;
  ruleId: string;
  line: number;
  ours: number;
  theirs: number;
  text: string;
}

/**
 * Compares one file's messages. Returns the corrected positions (each checked here); fails on
 * anything else that differs, on a message only one side has, and on messages out of textlint's order.
 * A "correction" that lands inside a surrogate pair is collected in `splits` (a known product bug,
 * asserted by its own test) instead of failing the comparison.
 */
function compareFile(file: string, ours: Message[], theirs: Message[], splits: Correction[]): Correction[] {
  const source = fs.readFileSync(file, "utf8");
  const lines = source.split(/\r?\n/);
  assert.equal(ours.length, theirs.length, `${file}: ${ours.length} messages from us, ${theirs.length} from textlint`);

  // Same order rule as textlint's kernel: by line, then column.
  for (let i = 1; i < ours.length; i++) {
    const a = ours[i - 1] as Message;
    const b = ours[i] as Message;
    assert.ok(a.line < b.line || (a.line === b.line && a.column <= b.column), `${file}: ${a.ruleId} ${a.line}:${a.column} before ${b.ruleId} ${b.line}:${b.column}`);
  }

  const unmatched = new Map<string, number>();
  for (const m of theirs) unmatched.set(key(m), (unmatched.get(key(m)) ?? 0) + 1);
  const oursLeft: Message[] = [];
  for (const m of ours) {
    const n = unmatched.get(key(m)) ?? 0;
    if (n > 0) unmatched.set(key(m), n - 1);
    else oursLeft.push(m);
  }
  const theirsLeft = theirs.filter((m) => {
    const n = unmatched.get(key(m)) ?? 0;
    if (n === 0) return false;
    unmatched.set(key(m), n - 1);
    return true;
  });

  const corrections: Correction[] = [];
  for (const o of oursLeft) {
    const sameOffsets = theirsLeft.find((t) => t.ruleId === o.ruleId && t.message === o.message && t.severity === o.severity && t.range[0] === o.range[0] && t.range[1] === o.range[1]);
    if (sameOffsets) {
      const t = sameOffsets;
      theirsLeft.splice(theirsLeft.indexOf(t), 1);
      assert.deepEqual({ ...o, line: t.line, column: t.column, loc: t.loc }, t, `${file}:${o.line}: only the line and column may differ`);
      const where = { start: positionAt(source, o.range[0]), end: positionAt(source, o.range[1]) };
      assert.deepEqual([o.line, o.column, o.loc], [where.start.line, where.start.column, where], `${file}: ours are where the offsets are`);
      assert.notDeepEqual(t.loc, where, `${file}: textlint's were right after all`);
      relocations.push({ file: path.basename(file), ruleId: o.ruleId, ours: where.start, theirs: t.loc.start });
      continue;
    }
    const candidates = theirsLeft.filter((t) => t.ruleId === o.ruleId && t.message === o.message && t.severity === o.severity && t.line === o.line && t.column < o.column);
    assert.ok(candidates.length > 0, `${file}: only we report ${JSON.stringify(o)}`);
    const t = candidates.reduce((best, c) => (c.column > best.column ? c : best));
    theirsLeft.splice(theirsLeft.indexOf(t), 1);
    const line = lines[o.line - 1] ?? "";
    const shift = o.column - t.column;
    // Everything else is textlint's, shifted by the same amount.
    assert.deepEqual(
      { ...o, index: o.index - shift, column: t.column, range: [o.range[0] - shift, o.range[1] - shift], loc: { start: { ...o.loc.start, column: o.loc.start.column - shift }, end: { ...o.loc.end, column: o.loc.end.column - shift } } },
      t,
      `${file}:${o.line}: only the position may differ`,
    );
    if (splitsSurrogatePair(line, o.column)) {
      splits.push({ file: path.basename(file), ruleId: o.ruleId, line: o.line, ours: o.column, theirs: t.column, text: line.slice(o.column - 2, o.column) });
      continue;
    }
    assert.ok(shift <= astralBefore(line, o.column), `${file}:${o.line}: moved by ${shift}, more than the astral characters before it`);
    const text = offendingText(o);
    assert.ok(line.slice(o.column - 1).startsWith(text), `${file}:${o.line}: our column ${o.column} is on ${JSON.stringify(line.slice(o.column - 1, o.column + 2))}, not ${text}`);
    assert.ok(!line.slice(t.column - 1).startsWith(text), `${file}:${o.line}: textlint's column ${t.column} was right after all`);
    corrections.push({ file: path.basename(file), ruleId: o.ruleId, line: o.line, ours: o.column, theirs: t.column, text });
  }
  assert.deepEqual(theirsLeft, [], `${file}: only textlint reports these`);
  return corrections;
}

const splitPairs: Correction[] = [];

function compareRuns(ours: { filePath: string; messages: Message[] }[], theirs: { filePath: string; messages: Message[] }[]): Correction[] {
  const theirsByPath = new Map(theirs.map((r) => [r.filePath, r]));
  assert.deepEqual(ours.map((r) => r.filePath).sort(), [...theirsByPath.keys()].sort(), "the same files");
  return ours.flatMap((r) => compareFile(r.filePath, asJson(r.messages), asJson(theirsByPath.get(r.filePath)?.messages ?? []), splitPairs));
}

describe("parity with textlint --format json", () => {
  let root: string;
  let ours: Awaited<ReturnType<typeof tsuzuri>>;
  let oursForcedBundled: Awaited<ReturnType<typeof tsuzuri>>;
  let theirsBundled: Awaited<ReturnType<typeof textlint>>;
  let theirsProject: Awaited<ReturnType<typeof textlint>>;
  const bundledDir = (): string => path.join(root, "bundled");
  const projectDir = (): string => path.join(root, "project");

  before(async () => {
    const posts = { ...samplePosts(), "emoji-lines.md": EMOJI_POST };
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries(posts)) {
      files[`bundled/${name}`] = text;
      files[`project/${name}`] = text;
    }
    root = makeWorkspace({
      ...files,
      "project/.textlintrc.json": JSON.stringify(PROJECT_CONFIG, null, 2),
      // Outside both folders: the real textlint is pointed at it with --config.
      "textlint-config/.textlintrc.json": JSON.stringify(BUNDLED_EQUIVALENT_CONFIG),
    });
    fs.symlinkSync(REPO_NODE_MODULES, path.join(root, "project", "node_modules"), "dir");
    // Four processes, two at a time (each loads the morphological dictionary).
    [ours, theirsBundled] = await Promise.all([
      // No config in bundled/: the embedded default. project/: its own config. `--platform off`: no
      // frontmatter rules and no notation filter, which are Tsuzuri's own (compared below).
      tsuzuri(["check", "--format", "json", "--platform", "off", "bundled", "project"], root),
      textlint(["--format", "json", "--config", path.join(root, "textlint-config/.textlintrc.json"), "--rules-base-directory", REPO_NODE_MODULES, "."], bundledDir()),
    ]);
    [oursForcedBundled, theirsProject] = await Promise.all([
      tsuzuri(["check", "--format", "json", "--platform", "off", "--bundled", "project"], root),
      textlint(["--format", "json", "."], projectDir()),
    ]);
  });
  after(() => removeWorkspace(root));

  it("with the platform detected (the default), the only difference is Zenn's and Qiita's notation lines: not reported", async () => {
    const detected = await tsuzuri(["check", "--format", "json", "bundled"], root);
    const mine = jsonResults(detected);
    const theirs = jsonResults(theirsBundled);
    let dropped = 0;
    for (const result of theirs) {
      const ours = mine.find((r) => path.basename(r.filePath) === path.basename(result.filePath));
      assert.ok(ours, result.filePath);
      const text = fs.readFileSync(result.filePath, "utf8");
      const lines = text.split(/\r?\n/);
      // By line, not offset: after an emoji Tsuzuri corrects textlint's columns (tested below).
      const key = (m: { ruleId: string; line: number; message: string }) => `${m.ruleId}@${m.line}:${m.message}`;
      const kept = new Set(ours.messages.map(key));
      for (const m of result.messages.filter((x) => !kept.has(key(x)))) {
        const line = lines[m.line - 1] ?? "";
        const next = lines[m.line] ?? "";
        // ja-no-mixed-period reports the end of the paragraph that a closing ::: ends.
        assert.ok(/^:{3,}/.test(line.trim()) || /^:{3,}\s*$/.test(next.trim()), `${path.basename(result.filePath)}:${m.line} ${m.ruleId} dropped but not at a notation: ${line}`);
        dropped++;
      }
      assert.ok(ours.messages.every((m) => m.ruleId.startsWith("frontmatter/") || result.messages.some((x) => key(x) === key(m))), "nothing new but frontmatter rules");
    }
    assert.ok(dropped >= 1, "the sample posts have notation false positives that plain textlint reports");
  });

  it("every run found problems (exit code 1) and printed JSON", () => {
    for (const r of [ours, oursForcedBundled, theirsBundled, theirsProject]) {
      assert.equal(r.code, 1, r.describe());
      assert.ok(jsonResults(r).every((res) => Array.isArray(res.messages)));
    }
  });

  it("prints textlint's JSON shape: the same keys on every result and message", () => {
    const keysOf = (results: ReturnType<typeof jsonResults>) => ({
      result: [...new Set(results.map((r) => Object.keys(r).sort().join(",")))],
      message: [...new Set(results.flatMap((r) => r.messages.map((m) => Object.keys(m).filter((k) => k !== "fix").sort().join(","))))],
    });
    assert.deepEqual(keysOf(jsonResults(ours)), keysOf([...jsonResults(theirsBundled), ...jsonResults(theirsProject)]));
  });

  let bundledCorrections: Correction[] = [];
  it("(a) the bundled default: the same messages as textlint with the preset and the comments filter", () => {
    const mine = jsonResults(ours).filter((r) => r.filePath.startsWith(bundledDir() + path.sep));
    const theirs = jsonResults(theirsBundled);
    assert.ok(theirs.reduce((n, r) => n + r.messages.length, 0) > 20, "the sample posts trigger many rules");
    bundledCorrections = compareRuns(mine, theirs);
  });

  it("(a') --bundled ignores the project's config and gives the bundled default's messages", () => {
    const toBundled = (p: string): string => path.join(bundledDir(), path.basename(p));
    const forced = jsonResults(oursForcedBundled).map((r) => ({ ...r, filePath: toBundled(r.filePath) }));
    assert.ok(!forced.some((r) => r.messages.some((m) => m.ruleId.startsWith("ja-spacing/"))));
    compareRuns(forced, jsonResults(theirsBundled));
  });

  let projectCorrections: Correction[] = [];
  it("(b) a project config with ja-spacing, rule options, a severity and the comments filter", () => {
    const mine = jsonResults(ours).filter((r) => r.filePath.startsWith(projectDir() + path.sep));
    const theirs = jsonResults(theirsProject);
    const ids = new Set(theirs.flatMap((r) => r.messages.map((m) => m.ruleId)));
    assert.ok([...ids].some((id) => id.startsWith("ja-spacing/")), "the second preset is in play");
    const severities = new Set(theirs.flatMap((r) => r.messages.filter((m) => m.ruleId.endsWith("/sentence-length")).map((m) => m.severity)));
    assert.deepEqual([...severities], [1], "sentence-length is a warning by the config");
    assert.ok(theirs.some((r) => r.messages.some((m) => m.ruleId.endsWith("/sentence-length") && /maximum sentence length of 50/.test(m.message))), "rule options apply");
    projectCorrections = compareRuns(mine, theirs);
  });

  it("the textlint-disable region of the sample post is honoured by both", () => {
    const file = "zenn-raspberry-pi-monitoring.md";
    const lines = (samplePosts()[file] ?? "").split("\n");
    const start = lines.indexOf("<!-- textlint-disable -->") + 1;
    const end = lines.indexOf("<!-- textlint-enable -->") + 1;
    assert.ok(start > 0 && end > start && lines.slice(start, end).some((l) => l.includes("来れる")), "the fixture has a disabled region with problems in it");
    for (const r of [...jsonResults(ours), ...jsonResults(theirsProject), ...jsonResults(theirsBundled)]) {
      if (!r.filePath.endsWith(file)) continue;
      assert.deepEqual(r.messages.filter((m) => m.line > start && m.line < end), [], r.filePath);
    }
  });

  it("positions after emoji are corrected, and only there: ours point at the offending text, textlint's do not", () => {
    const all = [...bundledCorrections, ...projectCorrections];
    const on = (file: string, ruleId: string) => all.filter((c) => c.file === file && c.ruleId.endsWith(ruleId));
    // The 🍓 line of the Raspberry Pi post and the 👨‍👩‍👧‍👦 line of the emoji post, in both configs.
    assert.equal(on("zenn-raspberry-pi-monitoring.md", "no-dropping-the-ra").length, 4);
    assert.equal(on("emoji-lines.md", "no-dropping-the-ra").length, 4);
    assert.equal(on("emoji-lines.md", "no-doubled-joshi").length, 2);
    assert.equal(on("emoji-lines.md", "ja-no-weak-phrase").length, 2);
    assert.ok(all.every((c) => c.ours > c.theirs));
  });

  it("a line and column textlint takes from elsewhere than its offsets are the offsets' (sentence-length's, only)", () => {
    assert.ok(relocations.length >= 2, "the sample posts have such messages, in both configs");
    assert.deepEqual([...new Set(relocations.map((r) => r.ruleId.split("/").pop()))], ["sentence-length"]);
    assert.ok(relocations.some((r) => r.theirs.column > 100 && r.ours.column === 1), JSON.stringify(relocations));
  });

  // Product bug (reported): astralShadow stands two placeholders in for one emoji; a rule that reports
  // on the emoji itself (ja-no-mixed-period on a sentence ending in 🎉) is "corrected" onto the second
  // placeholder, i.e. between the two halves of the surrogate pair, where textlint's position was right.
  it("never moves a position into the middle of an emoji", () => {
    assert.deepEqual(splitPairs, []);
  });
});
