/**
 * The writer's options for the bundled preset, from the settings tsuzuri.textlint.sentenceLength,
 * maxTen, maxKanjiContinuous and bodyStyle: no .textlintrc needed to allow longer sentences or to
 * write in である. Only the options that differ from the preset's own are given, as the preset's rule
 * options a .textlintrc would give (`"preset-ja-technical-writing": { "sentence-length": { "max": 120 } }`).
 * A light module (no preset loaded): the CLI's main thread and the server resolve configs with it.
 */

export type PresetOptions = Record<string, Record<string, unknown>>;

/**
 * textlint-rule-preset-ja-technical-writing's own options for the rules the settings touch (its
 * `rulesConfig`; test/unit/presetOptions.test.ts checks they still are). textlint replaces a rule's
 * options whole, so the preset's other options of that rule are given again.
 */
export const PRESET_DEFAULTS: Readonly<PresetOptions> = {
  "sentence-length": { max: 100 },
  "max-ten": { max: 3 },
  "max-kanji-continuous-len": { max: 6 },
  "no-mix-dearu-desumasu": { preferInHeader: "", preferInBody: "ですます", preferInList: "である", strict: false },
};

export interface PresetSettings {
  sentenceLength: number;
  maxTen: number;
  maxKanjiContinuous: number;
  bodyStyle: string;
}

/** The preset options for these settings, or undefined when they are the preset's own. */
export function presetOptionsOf(settings: PresetSettings): PresetOptions | undefined {
  const wanted: PresetOptions = {
    "sentence-length": { max: settings.sentenceLength },
    "max-ten": { max: settings.maxTen },
    "max-kanji-continuous-len": { max: settings.maxKanjiContinuous },
    "no-mix-dearu-desumasu": { preferInBody: settings.bodyStyle },
  };
  const out: PresetOptions = {};
  for (const [rule, options] of Object.entries(wanted)) {
    const base = PRESET_DEFAULTS[rule] ?? {};
    if (Object.entries(options).some(([k, v]) => base[k] !== v)) out[rule] = { ...base, ...options };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
