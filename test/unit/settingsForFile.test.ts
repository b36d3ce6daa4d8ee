import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { normalizeSettings } from "../../server/src/core/settings";
import { merged, settingsForFile } from "../../server/src/core/settingsForFile";

const folder = path.resolve("/work/zenn");
const at = (...parts: string[]) => path.join(folder, ...parts);

describe("settings per file (tsuzuri.overrides)", () => {
  const settings = normalizeSettings({
    textlint: { sentenceLength: 90, allow: ["ｶﾒﾗ"] },
    overrides: [
      { files: "books/**", settings: { textlint: { sentenceLength: 120 }, platform: "zenn" } },
      { files: ["drafts/**", "books/*/draft-*.md"], settings: { lint: { drafting: true }, textlint: { severity: { "sentence-length": "off" } } } },
      { files: [], settings: { platform: "qiita" } },
      { files: "x/**", settings: "not an object" },
    ],
  });

  it("keeps only well-formed entries", () => {
    assert.deepEqual(settings.overrides.map((o) => o.files), [["books/**"], ["drafts/**", "books/*/draft-*.md"]]);
  });

  it("lays the matching entries over the folder's settings, in order, objects key by key", () => {
    const book = settingsForFile(settings, at("books", "my-book", "1.md"), folder);
    assert.deepEqual([book.textlint.sentenceLength, book.platform, book.textlint.allow, book.lint.drafting], [120, "zenn", ["ｶﾒﾗ"], false]);
    const both = settingsForFile(settings, at("books", "my-book", "draft-2.md"), folder);
    assert.deepEqual([both.textlint.sentenceLength, both.lint.drafting, both.textlint.severity], [120, true, { "sentence-length": "off" }]);
    const draft = settingsForFile(settings, at("drafts", "idea.md"), folder);
    assert.deepEqual([draft.textlint.sentenceLength, draft.platform, draft.lint.drafting], [90, "auto", true]);
  });

  it("leaves other files, files outside the folder and files without a folder alone", () => {
    assert.equal(settingsForFile(settings, at("articles", "a.md"), folder), settings);
    assert.equal(settingsForFile(settings, path.resolve("/elsewhere/books/a.md"), folder), settings);
    assert.equal(settingsForFile(settings, at("books", "a.md"), undefined), settings);
  });

  it("normalises what an override says (a bad value keeps the default)", () => {
    const odd = normalizeSettings({ overrides: [{ files: "**/*.md", settings: { textlint: { sentenceLength: -3 }, platform: "myspace" } }] });
    const s = settingsForFile(odd, at("a.md"), folder);
    assert.deepEqual([s.textlint.sentenceLength, s.platform], [100, "auto"]);
  });

  it("merges objects and replaces anything else", () => {
    assert.deepEqual(merged({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2] }, e: 2 }), { a: { b: 1, c: [2] }, d: 1, e: 2 });
  });
});
