/**
 * Issue 13: what the language status items say. The hover draws a detail on one line, and a long
 * error pushed "Show Output" off the window: details stay short. Missing packages are a state of
 * their own (warning, the install command). The frontmatter item follows the frontmatter check,
 * whatever happened to the lint.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { DETAIL_MAX, PATH_MAX, platformView, shorten, shortPath, statusView, type Translator } from "../../client/src/statusView";
import type { StatusParams } from "../../server/src/protocol";

/** English, with `{n}` filled in, as vscode.l10n.t does without a bundle. */
const en: Translator = { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) };
const relative = (file: string): string => file.replace("/home/writer/blog/", "");

const base: StatusParams = { uri: "file:///home/writer/blog/articles/a.md", state: "ok", configKind: "project", configLabel: "/home/writer/blog/.textlintrc.json", lastLintMs: 12 };

describe("status hovers", () => {
  it("a long config error is shortened in the hover (the output has it whole), with the config named relatively", () => {
    const message = `textlint cannot read /home/writer/blog/.textlintrc.json: invalid JSON: ${"JSON5: invalid character 'x' at 3:5 ".repeat(6)}. Fix the file's syntax.`;
    const view = statusView({ ...base, state: "error", message }, en, relative);
    assert.equal(view.severity, "error");
    assert.equal(view.command, "showOutput");
    assert.ok(view.detail.length <= DETAIL_MAX, `${view.detail.length} characters: ${view.detail}`);
    assert.ok(view.detail.startsWith("textlint cannot read .textlintrc.json: invalid JSON"), view.detail);
    assert.ok(view.detail.endsWith("…"));
    assert.ok(!view.detail.includes("\n"));
  });

  it("every state's detail fits, in English", () => {
    const states: Partial<StatusParams>[] = [
      { state: "ok" },
      { state: "slow" },
      { state: "ignored" },
      { state: "pending" },
      { state: "tooLong", length: 200_000, maxLength: 150_000, stale: true },
      { state: "tooLong", length: 200_000, maxLength: 150_000, lastLintMs: 900 },
      { state: "tooLong", length: 200_000, maxLength: 150_000 },
      { state: "stopped", stopReason: "memory" },
      { state: "stopped", stopReason: "timeout" },
      { state: "stopped", stopReason: "crash", stale: true },
      { state: "needsInstall", installCommand: "pnpm install", missingPackages: ["textlint-rule-preset-ja-technical-writing"] },
      { state: "ok", bundledReason: "untrusted", ignoredConfigFile: "/home/writer/blog/.textlintrc.json", configKind: "bundled", configLabel: "bundled" },
    ];
    for (const s of states) {
      const view = statusView({ ...base, ...s } as StatusParams, en, relative);
      assert.ok(view.detail.length <= DETAIL_MAX, `${s.state}: ${view.detail.length} characters: ${view.detail}`);
    }
  });

  it("a config deep in the repository is named by its last folders", () => {
    const deep = "broken/a-rather-long-folder-name-for-posts/drafts-of-the-year-2024/series-on-writing/.textlintrc.json";
    assert.equal(shortPath(deep), "…/series-on-writing/.textlintrc.json");
    assert.ok(shortPath(deep).length <= PATH_MAX);
    assert.equal(shortPath("blog/.textlintrc.json"), "blog/.textlintrc.json");
    const view = statusView({ ...base, configLabel: `/home/writer/blog/${deep}`, state: "error", message: `textlint cannot read /home/writer/blog/${deep}: invalid JSON: JSON5: invalid end of input at 1:49. Fix the file's syntax.` }, en, relative);
    assert.equal(view.text, "textlint: …/series-on-writing/.textlintrc.json");
    assert.ok(view.detail.startsWith("textlint cannot read …/series-on-writing/.textlintrc.json: invalid JSON"), view.detail);
  });

  it("shorten keeps short text and cuts long text to the limit", () => {
    assert.equal(shorten("short  text\n"), "short text");
    assert.equal(shorten("x".repeat(200), 10), `${"x".repeat(9)}…`);
  });
});

describe("packages not installed", () => {
  it("is a warning of its own that names the package manager's command, and offers to run it", () => {
    const view = statusView({ ...base, state: "needsInstall", installCommand: "bun install", installCwd: "/home/writer/blog", missingPackages: ["a", "b"] }, en, relative);
    assert.equal(view.text, "textlint: packages not installed");
    assert.equal(view.severity, "warning");
    assert.equal(view.command, "install");
    assert.match(view.detail, /bun install/);
  });
});

describe("the frontmatter item", () => {
  it("keeps the platform through a lint that stopped or failed, and says 'not checked' only when the check did not run", () => {
    const zenn = platformView({ ...base, platform: "zenn", platformReason: "Zenn: articles/ in a repository with zenn-cli", frontmatterChecked: true }, undefined, en);
    assert.equal(zenn.text, "Frontmatter: Zenn");
    // A status carrying the frontmatter part (stopped, error, needsInstall all do) says the platform.
    assert.equal(platformView({ ...base, state: "stopped", stopReason: "crash", platform: "zenn", frontmatterChecked: true }, zenn, en).text, "Frontmatter: Zenn");
    // A status that says nothing about the frontmatter leaves the item as it was.
    assert.deepEqual(platformView({ ...base, state: "slow" }, zenn, en), zenn);
    assert.equal(platformView({ ...base, state: "ok", frontmatterChecked: false }, zenn, en).text, "Frontmatter: not checked");
    assert.equal(platformView({ ...base, state: "ok" }, undefined, en).text, "Frontmatter: not checked");
  });
});
