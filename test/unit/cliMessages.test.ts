/** The CLI's message table (server/src/cli/messages.ts) and the language choice. */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { parseArgs } from "node:util";
import { argumentError, cliLang, cliMessages, type CliMessages } from "../../server/src/cli/messages";
import { OPTIONS, usage } from "../../server/src/cli/help";

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Sample arguments of the messages that take more than one string. */
const SAMPLES: Record<string, unknown[]> = {
  unknownFormat: ["xml", ["stylish", "json"]],
  unknownPlatform: ["x", ["zenn", "qiita"]],
  noFilesMatch: [["drafts/*.md"]],
  noMarkdownFiles: [["articles"]],
  stdinTakesNoFiles: [["a.md"]],
  skipped: ["a.md", "reason"],
  dryRunSummary: [{ fixes: 2, files: 1, errors: 1, warnings: 0 }],
};

/** Every message as text. */
function texts(m: CliMessages): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(m) as [string, unknown][]) {
    out[key] = typeof value === "string" ? value : (value as (...args: unknown[]) => string)(...(SAMPLES[key] ?? ["--x"]));
  }
  return out;
}

/** The error parseArgs itself throws for these arguments. */
function parseError(args: string[]): unknown {
  try {
    parseArgs({ args, allowPositionals: true, options: { format: { type: "string", short: "f" }, fix: { type: "boolean" } } });
  } catch (e) {
    return e;
  }
  return assert.fail(`parseArgs accepted ${args.join(" ")}`);
}

describe("CLI messages", () => {
  it("Japanese for ja locales, LC_ALL before LC_MESSAGES before LANG", () => {
    assert.equal(cliLang({ LANG: "ja_JP.UTF-8" }), "ja");
    assert.equal(cliLang({ LANG: "en_US.UTF-8" }), "en");
    assert.equal(cliLang({}), "en");
    assert.equal(cliLang({ LANG: "ja_JP.UTF-8", LC_ALL: "C" }), "en");
    assert.equal(cliLang({ LANG: "C", LC_MESSAGES: "ja_JP.UTF-8" }), "ja");
    assert.equal(cliLang({ LANG: "C", LC_ALL: "", LC_MESSAGES: "ja" }), "ja", "an empty variable does not count");
  });

  it("every message exists in both languages: Japanese in one, none in the other", () => {
    const en = texts(cliMessages("en"));
    const ja = texts(cliMessages("ja"));
    assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      assert.doesNotMatch(en[key] ?? "", JAPANESE, `en.${key}`);
      assert.match(ja[key] ?? "", JAPANESE, `ja.${key}: ${ja[key]}`);
    }
  });

  it("turns parseArgs's errors into the user's words", () => {
    const en = cliMessages("en");
    const ja = cliMessages("ja");
    assert.equal(argumentError(parseError(["--bogus"]), en), "unknown option --bogus");
    assert.equal(argumentError(parseError(["-q"]), ja), "不明なオプションです: -q");
    assert.equal(argumentError(parseError(["--format"]), en), "option --format needs a value");
    assert.equal(argumentError(parseError(["-f"]), en), "option --format needs a value");
    assert.equal(argumentError(parseError(["--fix=1"]), en), "option --fix takes no value");
    assert.equal(argumentError(new Error("something else"), en), "cannot read the arguments: something else");
  });

  it("the help lists each option once, with a description, in both languages", () => {
    for (const lang of ["en", "ja"] as const) {
      const help = usage(lang);
      for (const [syntax, text] of OPTIONS) {
        const lines = help.split("\n").filter((l) => l.startsWith("  ") && l.trimStart().startsWith(`${syntax} `));
        assert.equal(lines.length, 1, `${lang}: ${syntax}`);
        assert.ok((text[lang][0] ?? "").length > 0);
        assert.ok(lines[0]?.includes(text[lang][0] ?? ""), `${lang}: ${syntax} with its description`);
      }
    }
  });
});
