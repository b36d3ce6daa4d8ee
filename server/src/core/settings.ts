/**
 * The one typed settings module, shared by the client (which contributes it in package.json)
 * and the server (which reads it per document through `workspace/configuration`).
 * A test checks that `contributes.configuration` in package.json matches `settingDefaults`.
 */
import { RULE_LEVELS, type RuleLevel } from "./frontmatter/types";

export type LintRun = "onType" | "onSave" | "off";
export type SecondWorkerMode = "auto" | "on" | "off";
/** Which platform's frontmatter rules apply: detected, none, or one chosen. */
export type PublishBlockOn = "error" | "warning" | "never";
export type PreviewPlatformSetting = "zenn" | "qiita" | "hatena" | "devto" | "blog";
export type PlatformSetting = "auto" | "off" | "zenn" | "qiita" | "hatena" | "devto" | "blog" | "custom";
export type ConfigMode = "auto" | "bundled";
/** The bundled preset's body style (no-mix-dearu-desumasu's preferInBody). */
export type BodyStyle = "ですます" | "である";
export type { RuleLevel };

export interface TsuzuriSettings {
  lint: {
    /** When to lint: as the writer types, on save, or never. */
    run: LintRun;
    /** Quiet time after the last keystroke before an on-type lint; 0 lints at once. */
    debounceMs: number;
    /** After this long a lint is reported as slow in the language status item. */
    timeBudgetMs: number;
    /** Re-lint only the blocks an edit touched (same result as a full lint); false: full lint always. */
    incremental: boolean;
    /** Rule ids (from a project config) declared block-local, so incremental linting may split them. */
    localRules: string[];
    /** On opening a long post, show the problems on the visible lines first, then the rest. */
    visibleFirst: boolean;
    /**
     * Share the first lint of a long post with a second lint worker. `auto`: on machines with 4 or
     * more cores (with 2, its start-up costs the first lint more than it saves: see node/secondWorker.ts).
     */
    secondWorker: SecondWorkerMode;
    /** Posts longer than this (characters) are linted only when saved; 0: no limit. */
    maxLiveLength: number;
    /** Drafting mode: the paragraph being typed shows its problems when the cursor leaves it (the client's). */
    drafting: boolean;
  };
  textlint: {
    /** `auto`: the nearest project config, else the bundled default. `bundled`: always the bundled default. */
    configMode: ConfigMode;
    /** An explicit config file (absolute, or relative to the workspace folder); empty = search. */
    configPath: string;
    /** Words and /regex/ patterns the bundled preset never reports (textlint-filter-rule-allowlist). */
    allow: string[];
    /** A level per textlint rule, preset rule name or preset (lint/ruleLevels.ts): off, hint, info, warning or error. */
    severity: Record<string, RuleLevel>;
    /** The bundled preset's options (lint/bundledConfig.ts): the longest sentence, in characters. */
    sentenceLength: number;
    /** The most 「、」 in one sentence. */
    maxTen: number;
    /** The longest run of kanji. */
    maxKanjiContinuous: number;
    /** The style of body text: ですます or である. */
    bodyStyle: BodyStyle;
  };
  /** The blog platform whose frontmatter rules apply (per folder); `auto` detects it per post. */
  platform: PlatformSetting;
  frontmatter: {
    /** The JSON Schema file for the `custom` platform (absolute, or relative to the workspace folder). */
    schema: string;
    /** Titles longer than this get a hint; 0 turns it off. */
    maxTitleLength: number;
    /** Descriptions longer than this get a hint; 0 turns it off. */
    maxDescriptionLength: number;
    /** A level per frontmatter rule name (`zenn-topic-case`): off, hint, info, warning or error. */
    rules: Record<string, RuleLevel>;
  };
  /** Publishing (read by the client and the CLI). */
  publish: {
    /** Problems at or above this severity stop publishing; "never" only asks. */
    blockOn: PublishBlockOn;
    /** API base URLs (https by default; a setting only so tests can point at a loopback server). */
    qiitaBaseUrl: string;
    hatenaBaseUrl: string;
    devtoBaseUrl: string;
    /** Zenn: the git remote and branch to push to (empty: the branch's upstream, else origin). */
    zennRemote: string;
    zennBranch: string;
  };
  /** The live preview (read by the client). */
  preview: {
    /** The look used when the post's platform is not detected. */
    platform: PreviewPlatformSetting;
    scrollPreviewWithEditor: boolean;
    scrollEditorWithPreview: boolean;
  };
  /** Settings for some files of the folder (`books/**`), applied in order over the rest (settingsForFile.ts). */
  overrides: SettingsOverride[];
}

export interface SettingsOverride {
  /** Globs relative to the workspace folder (picomatch, `/` separators). */
  files: string[];
  /** Any of the settings above, as in settings.json without the `tsuzuri.` prefix, nested. */
  settings: Record<string, unknown>;
}

export const settingDefaults: TsuzuriSettings = {
  lint: { run: "onType", debounceMs: 300, timeBudgetMs: 4000, incremental: true, localRules: [], visibleFirst: true, secondWorker: "auto", maxLiveLength: 150_000, drafting: false },
  textlint: { configMode: "auto", configPath: "", allow: [], severity: {}, sentenceLength: 100, maxTen: 3, maxKanjiContinuous: 6, bodyStyle: "ですます" },
  platform: "auto",
  frontmatter: { schema: "", maxTitleLength: 60, maxDescriptionLength: 120, rules: {} },
  publish: { blockOn: "error", qiitaBaseUrl: "", hatenaBaseUrl: "", devtoBaseUrl: "", zennRemote: "", zennBranch: "" },
  preview: { platform: "blog", scrollPreviewWithEditor: true, scrollEditorWithPreview: true },
  overrides: [],
};

const lintRuns: readonly LintRun[] = ["onType", "onSave", "off"];
const secondWorkerModes: readonly SecondWorkerMode[] = ["auto", "on", "off"];
const configModes: readonly ConfigMode[] = ["auto", "bundled"];
const bodyStyles: readonly BodyStyle[] = ["ですます", "である"];
export const blockOns: readonly PublishBlockOn[] = ["error", "warning", "never"];
const previewPlatforms: readonly PreviewPlatformSetting[] = ["zenn", "qiita", "hatena", "devto", "blog"];
export const platformSettings: readonly PlatformSetting[] = ["auto", "off", "zenn", "qiita", "hatena", "devto", "blog", "custom"];

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function positiveInteger(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : fallback;
}

function nonNegative(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** `{ "zenn-topic-case": "off" }`: known levels only; `prefix` (`frontmatter/`) is dropped from names. */
function ruleLevels(value: unknown, prefix: string): Record<string, RuleLevel> {
  const out: Record<string, RuleLevel> = {};
  if (Array.isArray(value)) return out;
  for (const [name, level] of Object.entries(record(value))) {
    if (typeof level === "string" && (RULE_LEVELS as readonly string[]).includes(level)) out[prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name] = level as RuleLevel;
  }
  return out;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Turns whatever the client sent (possibly nothing, possibly hand-edited JSON) into complete settings. */
export function normalizeSettings(raw: unknown): TsuzuriSettings {
  const root = record(raw);
  const lint = record(root["lint"]);
  const textlint = record(root["textlint"]);
  const frontmatter = record(root["frontmatter"]);
  const preview = record(root["preview"]);
  const publish = record(root["publish"]);
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
  const bool = (value: unknown, fallback: boolean) => (typeof value === "boolean" ? value : fallback);
  const d = settingDefaults;
  return {
    lint: {
      run: pick(lint["run"], lintRuns, d.lint.run),
      debounceMs: nonNegative(lint["debounceMs"], d.lint.debounceMs),
      timeBudgetMs: nonNegative(lint["timeBudgetMs"], d.lint.timeBudgetMs),
      incremental: typeof lint["incremental"] === "boolean" ? lint["incremental"] : d.lint.incremental,
      localRules: strings(lint["localRules"]),
      visibleFirst: bool(lint["visibleFirst"], d.lint.visibleFirst),
      secondWorker: pick(lint["secondWorker"], secondWorkerModes, d.lint.secondWorker),
      maxLiveLength: nonNegative(lint["maxLiveLength"], d.lint.maxLiveLength),
      drafting: bool(lint["drafting"], d.lint.drafting),
    },
    textlint: {
      configMode: pick(textlint["configMode"], configModes, d.textlint.configMode),
      configPath: typeof textlint["configPath"] === "string" ? textlint["configPath"].trim() : d.textlint.configPath,
      allow: strings(textlint["allow"]).filter((w) => w.length > 0),
      severity: ruleLevels(textlint["severity"], ""),
      sentenceLength: positiveInteger(textlint["sentenceLength"], d.textlint.sentenceLength),
      maxTen: positiveInteger(textlint["maxTen"], d.textlint.maxTen),
      maxKanjiContinuous: positiveInteger(textlint["maxKanjiContinuous"], d.textlint.maxKanjiContinuous),
      bodyStyle: pick(textlint["bodyStyle"], bodyStyles, d.textlint.bodyStyle),
    },
    platform: pick(root["platform"], platformSettings, d.platform),
    frontmatter: {
      schema: typeof frontmatter["schema"] === "string" ? frontmatter["schema"].trim() : d.frontmatter.schema,
      maxTitleLength: nonNegative(frontmatter["maxTitleLength"], d.frontmatter.maxTitleLength),
      maxDescriptionLength: nonNegative(frontmatter["maxDescriptionLength"], d.frontmatter.maxDescriptionLength),
      rules: ruleLevels(frontmatter["rules"], "frontmatter/"),
    },
    publish: {
      blockOn: pick(publish["blockOn"], blockOns, d.publish.blockOn),
      qiitaBaseUrl: text(publish["qiitaBaseUrl"]),
      hatenaBaseUrl: text(publish["hatenaBaseUrl"]),
      devtoBaseUrl: text(publish["devtoBaseUrl"]),
      zennRemote: text(publish["zennRemote"]),
      zennBranch: text(publish["zennBranch"]),
    },
    preview: {
      platform: pick(preview["platform"], previewPlatforms, d.preview.platform),
      scrollPreviewWithEditor: bool(preview["scrollPreviewWithEditor"], d.preview.scrollPreviewWithEditor),
      scrollEditorWithPreview: bool(preview["scrollEditorWithPreview"], d.preview.scrollEditorWithPreview),
    },
    overrides: overridesOf(root["overrides"]),
  };
}

/** `[{ "files": "books/**", "settings": { … } }]`: entries with files and a settings object only. */
function overridesOf(value: unknown): SettingsOverride[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): SettingsOverride[] => {
    const e = record(entry);
    const files = typeof e["files"] === "string" ? [e["files"]] : strings(e["files"]);
    const settings = e["settings"];
    if (files.length === 0 || typeof settings !== "object" || settings === null || Array.isArray(settings)) return [];
    return [{ files, settings: settings as Record<string, unknown> }];
  });
}

/**
 * The settings as a reader of the `tsuzuri` section gives them (the client's
 * `workspace.getConfiguration("tsuzuri", uri).get`), normalised as the server normalises what the
 * client sends: one shape and one set of defaults on both sides.
 */
export function readSettings(get: (section: string) => unknown): TsuzuriSettings {
  return normalizeSettings(Object.fromEntries(Object.keys(settingDefaults).map((section) => [section, get(section)])));
}

/** Settings whose value is an object of the writer's keys (one setting, not a group of settings). */
const OBJECT_SETTINGS = new Set(["tsuzuri.frontmatter.rules", "tsuzuri.textlint.severity"]);

/** The flat keys as they appear in package.json `contributes.configuration`. */
export function flatSettingDefaults(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (prefix: string, value: unknown): void => {
    if (typeof value === "object" && value !== null && !Array.isArray(value) && !OBJECT_SETTINGS.has(prefix)) {
      for (const [k, v] of Object.entries(value)) walk(`${prefix}.${k}`, v);
    } else {
      out[prefix] = value;
    }
  };
  walk("tsuzuri", settingDefaults);
  return out;
}
