/**
 * The bundled preset's options from the settings (core/lint/presetOptions.ts): only what differs
 * from the preset's own, the preset's other options of a rule kept, and the rules follow them.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import presetJaTechnicalWriting = require("textlint-rule-preset-ja-technical-writing");
import { PRESET_DEFAULTS, presetOptionsOf } from "../../server/src/core/lint/presetOptions";
import { createNodeEngine } from "../../server/src/node/nodeDeps";
import { normalizeSettings } from "../../server/src/core/settings";
import type { LintEngine } from "../../server/src/core/lint/lintEngine";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";

const defaults = normalizeSettings({}).textlint;

describe("preset options from the settings", () => {
  it("knows the preset's own options for the rules the settings touch", () => {
    const own = (presetJaTechnicalWriting as unknown as { rulesConfig: Record<string, unknown> }).rulesConfig;
    for (const [rule, options] of Object.entries(PRESET_DEFAULTS)) assert.deepEqual(own[rule], options, rule);
  });

  it("gives nothing for the defaults, and only the rules that differ otherwise, whole", () => {
    assert.equal(presetOptionsOf(defaults), undefined);
    assert.deepEqual(presetOptionsOf({ ...defaults, sentenceLength: 120 }), { "sentence-length": { max: 120 } });
    assert.deepEqual(presetOptionsOf({ ...defaults, bodyStyle: "である", maxTen: 4 }), {
      "max-ten": { max: 4 },
      "no-mix-dearu-desumasu": { preferInHeader: "", preferInBody: "である", preferInList: "である", strict: false },
    });
  });

  describe("through the engine (bundled preset)", () => {
    let engine: LintEngine;
    let ws: string;
    before(() => {
      engine = createNodeEngine();
      ws = makeWorkspace({});
    });
    after(() => removeWorkspace(ws));
    const rulesFor = async (text: string, textlint: Record<string, unknown>) => {
      const filePath = path.join(ws, "post.md");
      const outcome = await engine.lint(text, filePath, engine.resolve({ filePath, workspaceFolder: ws, settings: normalizeSettings({ textlint }), trusted: true }));
      assert.equal(outcome.status, "ok");
      return outcome.status === "ok" ? outcome.problems.map((p) => p.ruleId.replace("ja-technical-writing/", "")) : [];
    };

    it("reports by the writer's sentence length and style", async () => {
      const sentence = "この文は設定した長さを少しだけ超える程度の長さの文です。\n";
      assert.deepEqual(await rulesFor(sentence, {}), []);
      assert.deepEqual(await rulesFor(sentence, { sentenceLength: 20 }), ["sentence-length"]);
      const desumasu = "# 記事\n\nこれはペンです。\n\nあれは本です。\n\nそれは机である。\n";
      assert.deepEqual(await rulesFor(desumasu, {}), ["no-mix-dearu-desumasu"]);
      assert.deepEqual(await rulesFor(desumasu, { bodyStyle: "である" }), ["no-mix-dearu-desumasu", "no-mix-dearu-desumasu"]);
    });
  });
});
