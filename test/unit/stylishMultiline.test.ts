import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { stripVTControlCharacters } from "node:util";
import type { TextlintFixResult, TextlintMessage, TextlintResult } from "@textlint/types";
import { loadFixerFormatter, loadLinterFormatter } from "textlint";
import { stylishWithMultilineMessages } from "../../server/src/core/report/stylish";

function message(line: number, column: number, severity: TextlintMessage["severity"], text: string, ruleId: string, fixable = false): TextlintMessage {
  return {
    type: "lint",
    ruleId,
    message: text,
    index: 0,
    line,
    column,
    range: [0, 1],
    loc: { start: { line, column }, end: { line, column: column + 1 } },
    severity,
    ...(fixable ? { fix: { range: [0, 1] as [number, number], text: "x" } } : {}),
  };
}

// Messages as the rules write them: sentence-length's two lines, no-mix-dearu-desumasu's five and a final newline.
const SENTENCE = "Line 3 sentence length(120) exceeds the maximum sentence length of 100.\nOver 20 characters.";
const MIXED = '本文: "である"調 と "ですます"調 が混在\n=> "ですます"調 の文体に、次の "である"調 の箇所があります: "である。"\nTotal:\nである  : 1\nですます: 9\n';
const RESULTS: TextlintResult[] = [
  {
    filePath: "/blog/a.md",
    messages: [
      message(3, 5, 1, SENTENCE, "ja-technical-writing/sentence-length"),
      message(12, 1, 2, MIXED, "ja-technical-writing/no-mix-dearu-desumasu"),
      message(120, 33, 2, "ら抜き言葉を使用しています。", "ja-technical-writing/no-dropping-the-ra", true),
    ],
  },
  { filePath: "/blog/clean.md", messages: [] },
  { filePath: "/blog/b.md", messages: [message(1, 1, 3, "one\r\ntwo.", "info-rule")] },
];

const linesOf = (m: TextlintMessage): string[] => m.message.replace(/\s+$/, "").split(/\r\n|\r|\n/);
const firstLinesOnly = <R extends { messages: TextlintMessage[] }>(rs: R[]): R[] =>
  rs.map((r) => ({ ...r, messages: r.messages.map((m) => ({ ...m, message: linesOf(m)[0] ?? "" })) }));

/**
 * Checks ours against textlint's table of the first lines: its rows are textlint's rows, each
 * followed by the message's other lines indented to where the message starts in the row.
 */
function assertTidy(ours: string, table: string, messages: TextlintMessage[]): void {
  const plain = stripVTControlCharacters(ours).split("\n");
  const tableLines = stripVTControlCharacters(table).split("\n");
  let i = 0;
  let indent: number | undefined;
  for (const line of tableLines) {
    assert.equal(plain[i], line, `line ${i} is textlint's`);
    i++;
    if (line.startsWith("/")) indent = undefined; // a file's header: its own table follows
    const m = messages.find((x) => line.includes(x.ruleId) && line.includes((linesOf(x)[0] ?? "").replace(/\.$/, "")));
    if (!m) continue;
    const at = line.indexOf((linesOf(m)[0] ?? "").replace(/\.$/, ""));
    indent ??= at;
    assert.equal(at, indent, "every message of a table starts in the same column");
    const rest = linesOf(m).slice(1);
    rest.forEach((expected, k) => {
      const want = k === rest.length - 1 ? expected.replace(/\.$/, "") : expected;
      assert.equal(plain[i], " ".repeat(at) + want, `continuation ${k + 1} of ${m.ruleId}`);
      i++;
    });
  }
  assert.equal(i, plain.length, "nothing else");
  assert.ok((indent ?? 0) > 8, "indented past line:column and the severity");
}

describe("stylish with multi-line messages", () => {
  it("textlint's own stylish breaks its table on them (the reason for this)", async () => {
    const raw = (await loadLinterFormatter({ formatterName: "stylish", color: false })).format(RESULTS);
    assert.match(raw, /^Over 20 characters/m);
    assert.match(raw, /^Total:/m);
  });

  for (const color of [false, true]) {
    it(`indents the other lines under the message and keeps textlint's table (color: ${color})`, async () => {
      const formatter = await loadLinterFormatter({ formatterName: "stylish", color });
      const ours = stylishWithMultilineMessages(RESULTS, "messages", (r) => formatter.format(r));
      assert.equal(/\u001b\[/.test(ours), color);
      assertTidy(ours, formatter.format(firstLinesOnly(RESULTS)), RESULTS.flatMap((r) => r.messages));
      assert.doesNotMatch(stripVTControlCharacters(ours), /^(Over|Total|=>|one|two)/m);
    });
  }

  it("does the same for the fixer's table of applied fixes", async () => {
    const fixResults: TextlintFixResult[] = RESULTS.map((r) => ({ filePath: r.filePath, output: "", messages: r.messages, applyingMessages: r.messages, remainingMessages: [] }));
    const formatter = await loadFixerFormatter({ formatterName: "stylish", color: false });
    const ours = stylishWithMultilineMessages(fixResults, "applyingMessages", (r) => formatter.format(r));
    const table = formatter.format(fixResults.map((r) => ({ ...r, applyingMessages: firstLinesOnly([{ messages: r.applyingMessages }])[0]?.messages ?? [] })));
    assertTidy(ours, table, RESULTS.flatMap((r) => r.messages));
  });

  it("leaves single-line messages to textlint untouched", async () => {
    const formatter = await loadLinterFormatter({ formatterName: "stylish", color: false });
    const single = firstLinesOnly(RESULTS);
    assert.equal(stylishWithMultilineMessages(single, "messages", (r) => formatter.format(r)), formatter.format(single));
  });
});
