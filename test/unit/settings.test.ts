import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { flatSettingDefaults, normalizeSettings, readSettings, settingDefaults } from "../../server/src/core/settings";
import { PLATFORM_NAMES, platformName } from "../../server/src/core/shared/platforms";
import { PLATFORM_IDS } from "../../server/src/core/frontmatter/types";
import { repoRoot } from "../helpers/workspace";

interface ContributedSetting {
  type: string;
  default: unknown;
  enum?: string[];
  minimum?: number;
}

function manifest(): {
  contributes: { configuration: { properties: Record<string, ContributedSetting> } };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
} {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
}

describe("normalizeSettings", () => {
  it("fills in every default when the client sends nothing or garbage", () => {
    for (const raw of [undefined, null, 42, "onSave", [], {}, { lint: null, textlint: "x" }]) {
      assert.deepEqual(normalizeSettings(raw), settingDefaults, `for ${JSON.stringify(raw)}`);
    }
  });

  it("keeps valid values and replaces only the invalid ones", () => {
    const s = normalizeSettings({
      lint: { run: "onSave", debounceMs: 0, timeBudgetMs: "fast", incremental: "yes", localRules: ["my-rule", 3], visibleFirst: false, maxLiveLength: -5 },
      textlint: { configMode: "bundled", configPath: "  config/.textlintrc.json \n", allow: ["ｶﾒﾗ", 1, "", "/^v\\d+/"], severity: { "sentence-length": "hint", "ja-technical-writing/ja-no-mixed-period": "off", "max-ten": "loud" } },
    });
    assert.deepEqual(s, {
      lint: { run: "onSave", debounceMs: 0, timeBudgetMs: 4000, incremental: true, localRules: ["my-rule"], visibleFirst: false, secondWorker: "auto", maxLiveLength: 150_000, drafting: false },
      textlint: { configMode: "bundled", configPath: "config/.textlintrc.json", allow: ["ｶﾒﾗ", "/^v\\d+/"], severity: { "sentence-length": "hint", "ja-technical-writing/ja-no-mixed-period": "off" }, sentenceLength: 100, maxTen: 3, maxKanjiContinuous: 6, bodyStyle: "ですます" },
      platform: "auto",
      frontmatter: { schema: "", maxTitleLength: 60, maxDescriptionLength: 120, rules: {} },
      publish: { blockOn: "error", qiitaBaseUrl: "", hatenaBaseUrl: "", devtoBaseUrl: "", zennRemote: "", zennBranch: "" },
      preview: { platform: "blog", scrollPreviewWithEditor: true, scrollEditorWithPreview: true },
      overrides: [],
    });
  });

  it("rejects unknown enum values, negative, non-finite and non-numeric numbers", () => {
    const cases: [unknown, number][] = [
      [-1, 300],
      [Number.NaN, 300],
      [Number.POSITIVE_INFINITY, 300],
      ["100", 300],
      [null, 300],
      [1500, 1500],
      [0.5, 0.5],
    ];
    for (const [debounceMs, want] of cases) {
      assert.equal(normalizeSettings({ lint: { debounceMs } }).lint.debounceMs, want, `debounceMs ${String(debounceMs)}`);
    }
    assert.equal(normalizeSettings({ lint: { run: "sometimes" } }).lint.run, "onType");
    assert.equal(normalizeSettings({ lint: { run: "OFF" } }).lint.run, "onType", "enum values are case-sensitive");
    assert.equal(normalizeSettings({ textlint: { configMode: "project" } }).textlint.configMode, "auto");
    assert.equal(normalizeSettings({ textlint: { configPath: 12 } }).textlint.configPath, "");
  });

  it("keeps frontmatter rule levels it knows, by rule name (a frontmatter/ prefix dropped)", () => {
    const s = normalizeSettings({ frontmatter: { rules: { "zenn-topic-case": "off", "frontmatter/zenn-topic-length": "error", "zenn-tags": "loud", "zenn-type": 2 } } });
    assert.deepEqual(s.frontmatter.rules, { "zenn-topic-case": "off", "zenn-topic-length": "error" });
    assert.deepEqual(normalizeSettings({ frontmatter: { rules: ["off"] } }).frontmatter.rules, {});
  });

  it("does not share objects with the defaults (a caller may mutate its copy)", () => {
    const a = normalizeSettings({});
    a.lint.debounceMs = 1;
    assert.equal(normalizeSettings({}).lint.debounceMs, 300);
    assert.equal(settingDefaults.lint.debounceMs, 300);
  });
});

describe("readSettings (the client's typed settings)", () => {
  it("reads each top-level section through the reader, as VS Code's configuration gives them, normalised", () => {
    // What workspace.getConfiguration("tsuzuri", uri).get(section) answers: the merged subtree.
    const tree: Record<string, unknown> = {
      publish: { blockOn: "warning", qiitaBaseUrl: " http://127.0.0.1:9 ", zennBranch: "main" },
      preview: { platform: "qiita", scrollEditorWithPreview: false },
      platform: "zenn",
      lint: { debounceMs: -5 },
    };
    const asked: string[] = [];
    const settings = readSettings((section) => (asked.push(section), tree[section]));
    assert.deepEqual(asked.sort(), Object.keys(settingDefaults).sort());
    assert.equal(settings.publish.blockOn, "warning");
    assert.equal(settings.publish.qiitaBaseUrl, "http://127.0.0.1:9");
    assert.equal(settings.publish.zennBranch, "main");
    assert.equal(settings.preview.platform, "qiita");
    assert.equal(settings.preview.scrollEditorWithPreview, false);
    assert.equal(settings.preview.scrollPreviewWithEditor, true);
    assert.equal(settings.platform, "zenn");
    assert.equal(settings.lint.debounceMs, settingDefaults.lint.debounceMs, "an invalid value falls back to the default");
    assert.deepEqual(readSettings(() => undefined), normalizeSettings({}));
  });
});

describe("platform names", () => {
  it("name every platform id once, and show an unknown id as it is", () => {
    assert.deepEqual(Object.keys(PLATFORM_NAMES).sort(), [...PLATFORM_IDS].sort());
    assert.equal(platformName("hatena"), "Hatena Blog");
    assert.equal(platformName("note"), "note");
  });
});

describe("package.json contributes.configuration", () => {
  it("declares exactly the settings of the settings module, with the same defaults", () => {
    const properties = manifest().contributes.configuration.properties;
    const declared = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v.default]));
    assert.deepEqual(declared, flatSettingDefaults());
  });

  it("declares types that match the defaults' types", () => {
    for (const [key, p] of Object.entries(manifest().contributes.configuration.properties)) {
      assert.equal(p.type, Array.isArray(p.default) ? "array" : typeof p.default, key);
    }
  });

  it("offers exactly the enum values that normalizeSettings accepts", () => {
    const properties = manifest().contributes.configuration.properties;
    const accepted = (key: string, value: string): boolean => {
      const [, group, name] = key.split(".") as [string, string, string | undefined];
      if (name === undefined) return (normalizeSettings({ [group]: value }) as unknown as Record<string, unknown>)[group] === value;
      const normalized = normalizeSettings({ [group]: { [name]: value } }) as unknown as Record<string, Record<string, unknown>>;
      return normalized[group]?.[name] === value;
    };
    let enums = 0;
    for (const [key, p] of Object.entries(properties)) {
      if (!p.enum) continue;
      enums++;
      for (const value of p.enum) assert.ok(accepted(key, value), `${key}: "${value}" is offered but not accepted`);
      assert.ok(!accepted(key, "not-a-value"), `${key} accepts anything`);
    }
    assert.equal(enums, 7, "lint.run, lint.secondWorker, textlint.configMode, textlint.bodyStyle, platform, publish.blockOn and preview.platform are enums");
  });

  it("declares a minimum (0, or 1 for the preset's limits) for numbers, as normalizeSettings enforces", () => {
    for (const [key, p] of Object.entries(manifest().contributes.configuration.properties)) {
      if (p.type !== "number") continue;
      assert.ok(p.minimum === 0 || p.minimum === 1, key);
      const minimum = p.minimum ?? 0;
      const [, group, name] = key.split(".") as [string, string, string];
      const at = (value: number) => (normalizeSettings({ [group]: { [name]: value } }) as unknown as Record<string, Record<string, unknown>>)[group]?.[name];
      assert.equal(at(minimum - 1), p.default, `${key}: a value below the minimum falls back to the default`);
      assert.equal(at(minimum), minimum, `${key}: the minimum itself is accepted`);
    }
  });

  it("restricts only settings that exist (the config path, in untrusted workspaces)", () => {
    const m = manifest();
    const restricted = m.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    assert.ok(restricted.includes("tsuzuri.textlint.configPath"));
    for (const key of restricted) assert.ok(key in m.contributes.configuration.properties, key);
  });
});
