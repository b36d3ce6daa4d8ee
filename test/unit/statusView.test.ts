/**
 * Issue 13: what the language status items say. VS Code draws each item of the hover on one line
 * (text, detail, command), starting left of the `{ }` entry: a long error pushed "Show Output" off
 * the window. Texts and details stay short; packages not installed are a state of their own
 * (warning, the install command); the frontmatter item follows the frontmatter check, whatever
 * happened to the lint.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DETAIL_MAX, PATH_MAX, platformView, shortPath, statusView, type Translator } from "../../client/src/statusView";
import type { StatusParams } from "../../server/src/protocol";

const root = path.resolve(__dirname, "..", "..", "..");
const ja = JSON.parse(fs.readFileSync(path.join(root, "l10n", "bundle.l10n.ja.json"), "utf8")) as Record<string, string>;
/** vscode.l10n.t without a bundle (English) and with the Japanese one, `{n}` filled in. */
const translator = (bundle: Record<string, string>): Translator => ({
  t: (message, ...args) => (bundle[message] ?? message).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
});
const en = translator({});
const relative = (file: string): string => file.replace("/home/writer/blog/", "");

const base: StatusParams = { uri: "file:///home/writer/blog/articles/a.md", state: "ok", configKind: "project", configLabel: "/home/writer/blog/.textlintrc.json", lastLintMs: 12 };
const DEEP = "broken/a-rather-long-folder-name-for-posts/drafts-of-the-year-2024/series-on-writing/.textlintrc.json";

const STATES: Partial<StatusParams>[] = [
  { state: "ok" },
  { state: "slow" },
  { state: "ignored" },
  { state: "pending" },
  { state: "error", message: `textlint cannot read /home/writer/blog/${DEEP}: invalid JSON: ${"JSON5: invalid character 'x' at 3:5 ".repeat(6)}. Fix the file's syntax.` },
  { state: "tooLong", length: 200_000, maxLength: 150_000, stale: true },
  { state: "stopped", stopReason: "memory" },
  { state: "stopped", stopReason: "timeout" },
  { state: "stopped", stopReason: "crash", stale: true },
  { state: "needsInstall", installCommand: "pnpm install", missingPackages: ["textlint-rule-preset-ja-technical-writing"] },
  { state: "ok", bundledReason: "untrusted", ignoredConfigFile: `/home/writer/blog/${DEEP}`, configKind: "bundled", configLabel: "bundled" },
];

describe("status hovers", () => {
  for (const [lang, t] of [["English", en], ["Japanese", translator(ja)]] as const) {
    it(`every state's text and detail are short, in ${lang}, whatever the config's path and the error`, () => {
      for (const s of STATES) {
        const view = statusView({ ...base, configLabel: `/home/writer/blog/${DEEP}`, ...s } as StatusParams, t, relative);
        assert.ok(view.detail.length <= DETAIL_MAX, `${s.state}: ${view.detail.length} characters: ${view.detail}`);
        assert.ok(view.text.length <= "textlint: ".length + Math.max(PATH_MAX, 22), `${s.state}: ${view.text}`);
        assert.ok(!view.detail.includes("\n") && !view.text.includes("\n"));
      }
    });
  }

  it("a config error says so and sends the writer to the output (the note on line 1 and the toast say what is wrong)", () => {
    const view = statusView({ ...base, state: "error", message: "textlint cannot read /home/writer/blog/.textlintrc.json: invalid JSON" }, en, relative);
    assert.deepEqual([view.text, view.detail, view.severity, view.command], ["textlint: .textlintrc.json", "Error: see the output", "error", "showOutput"]);
  });

  it("a config deep in the repository is named by its last folders", () => {
    assert.equal(shortPath(DEEP), "…/.textlintrc.json");
    assert.equal(shortPath("drafts/series/.textlintrc.json"), "…/series/.textlintrc.json");
    assert.equal(shortPath("bun-blog/.textlintrc.json"), "bun-blog/.textlintrc.json");
    assert.ok(shortPath(DEEP).length <= PATH_MAX);
  });
});

describe("packages not installed", () => {
  it("is a warning of its own, and the item's command runs the install", () => {
    const view = statusView({ ...base, state: "needsInstall", installCommand: "bun install", installCwd: "/home/writer/blog", missingPackages: ["a", "b"] }, en, relative);
    assert.deepEqual([view.text, view.detail, view.severity, view.command], ["textlint: packages not installed", "Nothing checked", "warning", "install"]);
  });
});

describe("the frontmatter item", () => {
  it("keeps the platform through a lint that stopped or failed, and says 'not checked' only when the check did not run", () => {
    const zenn = platformView({ ...base, platform: "zenn", platformReason: "Zenn: articles/ in a repository with zenn-cli", frontmatterChecked: true }, undefined, en);
    assert.deepEqual(zenn, { text: "Frontmatter: Zenn", detail: "articles/ in a repository with zenn-cli" });
    // A status carrying the frontmatter part (stopped, error, needsInstall all do) says the platform.
    assert.equal(platformView({ ...base, state: "stopped", stopReason: "crash", platform: "zenn", frontmatterChecked: true }, zenn, en).text, "Frontmatter: Zenn");
    // A status that says nothing about the frontmatter leaves the item as it was.
    assert.deepEqual(platformView({ ...base, state: "slow" }, zenn, en), zenn);
    assert.equal(platformView({ ...base, state: "ok", frontmatterChecked: false }, zenn, en).text, "Frontmatter: not checked");
    assert.equal(platformView({ ...base, state: "ok" }, undefined, en).text, "Frontmatter: not checked");
  });
});
