/**
 * `tsuzuri check` reads the editor's settings (.vscode/settings.json, or --settings <file>), so CI
 * checks as the editor does: rule levels (tsuzuri.textlint.severity), the bundled preset's options,
 * per-folder overrides. --no-editor-settings ignores them; a broken file stops with its position.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";
import { jsonResults, tsuzuri, type Run } from "./harness";
import { settingsFromFile } from "../../server/src/core/settingsFile";
import { normalizeSettings } from "../../server/src/core/settings";

// A sentence of 45 characters with ら抜き: sentence-length fires only below the default (100).
const POST = "# 映画の感想\n\nこの映画は家族で見れる。これは三十文字を超えるとても長い文章になっていますが大丈夫でしょうか。\n";
const SETTINGS = `// Tsuzuri's settings for this blog (comments and trailing commas, as VS Code writes them)
{
  "editor.wordWrap": "on",
  "tsuzuri.textlint.severity": { "no-dropping-the-ra": "off", "ja-technical-writing/sentence-length": "info", },
  "tsuzuri.textlint.sentenceLength": 30,
  "tsuzuri.overrides": [{ "files": "books/**", "settings": { "textlint": { "severity": { "no-dropping-the-ra": "error" } } } }],
}
`;

const rules = (r: Run, file: string) => jsonResults(r).find((x) => x.filePath.endsWith(file))?.messages.map((m) => `${m.ruleId} ${m.severity}`) ?? [];

describe("tsuzuri check with the editor's settings", () => {
  let dir: string;
  let withEditor: Run;
  let without: Run;
  let explicit: Run;
  let broken: Run;

  before(async () => {
    dir = makeWorkspace({
      ".vscode/settings.json": SETTINGS,
      "other-settings.json": '{ "tsuzuri.textlint.severity": { "ja-technical-writing": "warning" } }',
      "broken.json": '{ "tsuzuri.platform": "zenn" "x": 1 }',
      "kana-off.json": '{ "tsuzuri.textlint.severity": { "no-hankaku-kana": "off" } }',
      "kana.md": "ｶﾒﾗを買った。\n",
      "post.md": POST,
      "books/chapter.md": POST,
    });
    [withEditor, without, explicit, broken] = await Promise.all([
      tsuzuri(["check", "-f", "json"], dir),
      tsuzuri(["check", "-f", "json", "--no-editor-settings"], dir),
      tsuzuri(["check", "-f", "json", "--settings", "other-settings.json", "post.md"], dir),
      tsuzuri(["check", "--settings", "broken.json", "post.md"], dir),
    ]);
  });
  after(() => removeWorkspace(dir));

  it("reads .vscode/settings.json: levels, the preset's sentence length, and overrides for books/", () => {
    assert.deepEqual(rules(withEditor, "post.md"), ["ja-technical-writing/sentence-length 3"], withEditor.describe());
    assert.deepEqual(rules(withEditor, "chapter.md"), ["ja-technical-writing/no-dropping-the-ra 2", "ja-technical-writing/sentence-length 3"]);
    assert.equal(withEditor.code, 1, "an error in books/ fails the run");
  });

  it("--no-editor-settings checks with the defaults", () => {
    assert.deepEqual(rules(without, "post.md"), ["ja-technical-writing/no-dropping-the-ra 2"]);
  });

  it("--settings <file> reads another file instead", () => {
    assert.deepEqual(rules(explicit, "post.md"), ["ja-technical-writing/no-dropping-the-ra 1"]);
    assert.equal(explicit.code, 0, "warnings only");
  });

  it("--fix leaves an off rule's text alone, as fix-all does in the editor", async () => {
    const off = await tsuzuri(["check", "--fix", "--dry-run", "--settings", "kana-off.json", "kana.md"], dir);
    assert.equal(off.stdout, "", off.describe());
    assert.match(off.stderr, /0 fixes would change 0 files/);
    const on = await tsuzuri(["check", "--fix", "--dry-run", "--no-editor-settings", "kana.md"], dir);
    assert.match(on.stdout, /^\+カメラを買った。$/m, on.describe());
  });

  it("a broken settings file stops the run with its place", () => {
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken\.json:1:30: the settings file is not valid JSON \(CommaExpected\)/);
  });
});

describe("settingsFromFile", () => {
  it("reads the flat tsuzuri.* keys, with a [markdown] block over them, and nothing else", () => {
    const read = settingsFromFile('{ "tsuzuri.platform": "qiita", "[markdown]": { "tsuzuri.platform": "zenn", "tsuzuri.lint.drafting": true }, "tsuzuri.unknown": 1, "files.eol": "\\n" }', "s.json");
    assert.ok(read.ok);
    assert.deepEqual(read.raw, { platform: "zenn", lint: { drafting: true } });
    assert.equal(read.keys, 2);
    const settings = normalizeSettings(read.raw);
    assert.equal(settings.platform, "zenn");
    assert.equal(settings.lint.drafting, true);
  });

  it("keeps a rule-level object whole (its keys contain dots and slashes)", () => {
    const read = settingsFromFile('{ "tsuzuri.textlint.severity": { "ja-technical-writing/sentence-length": "off" }, "tsuzuri.frontmatter.rules": { "zenn-topic-case": "off" } }', "s.json");
    assert.ok(read.ok);
    const settings = normalizeSettings(read.raw);
    assert.deepEqual(settings.textlint.severity, { "ja-technical-writing/sentence-length": "off" });
    assert.deepEqual(settings.frontmatter.rules, { "zenn-topic-case": "off" });
  });

  it("refuses what is not an object, in both languages", () => {
    const read = settingsFromFile("[1, 2]", "s.json");
    assert.ok(!read.ok);
    assert.match(read.message.ja, /オブジェクト/);
  });
});
