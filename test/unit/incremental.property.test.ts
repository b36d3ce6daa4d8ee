/**
 * The contract of incremental linting: after every edit, the incremental result equals a full textlint
 * lint of the same text, message for message (every field, in order). Random edits, seeded and
 * reproducible (TSUZURI_PROPERTY_SEED, TSUZURI_PROPERTY_RUNS to vary), over the project's sample posts
 * and variants with CRLF, emoji, definitions and textlint-disable comments.
 */
import { before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import type { LoadedLinter } from "../../server/src/core/lint/linterLoader";
import { loadBundledLinter } from "../helpers/bundledLinter";
import { IncrementalLinter } from "../../server/src/core/incremental/incrementalLinter";
import { detailedLocalityOf as localityOf } from "../../server/src/core/incremental/ruleLocality";

const root = path.resolve(__dirname, "..", "..", "..");
const posts = fs
  .readdirSync(path.join(root, "test/fixtures/posts"))
  .map((f) => fs.readFileSync(path.join(root, "test/fixtures/posts", f), "utf8"));

const extra = [
  "# 参照とフィルター\n\n詳しくは[公式ドキュメント][docs]を見てください。脚注もあります[^1]。\n\n",
  "<!-- textlint-disable -->\n\nこの映画は見れる。ここは検査しない！\n\n<!-- textlint-enable -->\n\n",
  "この映画は見れる。😀絵文字の後でも見れる。\n\n| 項目 | 説明 |\n| --- | --- |\n| 見れる | ら抜き |\n\n",
  "- 箇条書きで見れる\n- 二つ目の項目です\n  - 入れ子の項目かもしれない\n\n",
  "[docs]: https://example.com/docs\n[^1]: 脚注の本文です。\n",
].join("");

const documents = [...posts, posts[0] + "\n" + extra, (posts[1] ?? "").replace(/\n/g, "\r\n"), extra];

const PIECES = [
  "この映画は見れる。",
  "これはおかしいかもしれない。",
  "です。",
  "である。",
  "しかし、",
  "、",
  "\n",
  "\n\n",
  "\r\n",
  "```\n",
  "```js\nconst a = 1;\n```\n",
  "- ",
  "1. ",
  "| a | b |\n",
  "---\n",
  "# 見出し\n",
  "> 引用です。\n",
  "😀",
  "👨‍👩‍👧‍👦",
  "<!-- textlint-disable -->\n",
  "<!-- textlint-enable -->\n",
  "[docs]",
  "[docs]: https://example.com/x\n",
  "[^2]: 追加の脚注。\n",
  "**強調**",
  "`code`",
  "長い文".repeat(30) + "。",
  // A phrase that window rules (token matchers keeping state across blocks) see across two blocks.
  "# 問題はない\n",
  "もないと思う。",
];

type Edit =
  | { kind: "insert"; at: number; piece: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "join"; which: number }
  | { kind: "inside"; region: RegExp; at: number; piece: string };

const REGIONS = [/```[\s\S]*?```/g, /^---\r?\n[\s\S]*?\r?\n---/g, /^(?:[-*] |\d+\. ).*$/gm, /^\|.*\|$/gm, /\r?\n\r?\n/g];

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("insert" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), piece: fc.constantFrom(...PIECES) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("join" as const), which: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("inside" as const),
      region: fc.constantFrom(...REGIONS),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      piece: fc.constantFrom(...PIECES),
    }),
  },
);

/** Never between the two halves of a surrogate pair: kuromoji (and so textlint) crashes on a lone one. */
function boundary(text: string, at: number): number {
  return /[\uDC00-\uDFFF]/.test(text.charAt(at)) && /[\uD800-\uDBFF]/.test(text.charAt(at - 1)) ? at - 1 : at;
}

export function applyEdit(text: string, edit: Edit): string {
  const pos = (f: number) => boundary(text, Math.min(text.length, Math.floor(f * text.length)));
  switch (edit.kind) {
    case "insert":
      return text.slice(0, pos(edit.at)) + edit.piece + text.slice(pos(edit.at));
    case "delete":
      return text.slice(0, pos(edit.at)) + text.slice(boundary(text, pos(edit.at) + edit.length));
    case "join": {
      const breaks = [...text.matchAll(/\r?\n\r?\n/g)];
      const m = breaks[Math.floor(edit.which * breaks.length)];
      return m?.index === undefined ? text : text.slice(0, m.index) + "\n" + text.slice(m.index + m[0].length);
    }
    case "inside": {
      const regions = [...text.matchAll(edit.region)];
      const m = regions[Math.floor(edit.at * regions.length)];
      if (m?.index === undefined) return text;
      const at = boundary(text, m.index + Math.floor(edit.at * m[0].length));
      return text.slice(0, at) + edit.piece + text.slice(at);
    }
  }
}

describe("incremental linting equals a full lint after every edit", () => {
  let loaded: LoadedLinter;

  before(async () => {
    loaded = await loadBundledLinter(root);
  });

  it("random edits on sample posts (seeded)", async () => {
    const seed = Number(process.env["TSUZURI_PROPERTY_SEED"] ?? 20261122);
    const numRuns = Number(process.env["TSUZURI_PROPERTY_RUNS"] ?? 12);
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...documents.keys()), fc.array(editArb, { minLength: 15, maxLength: 15 }), async (docIndex, edits) => {
        const incremental = new IncrementalLinter(loaded.kernelConfig, localityOf);
        let text = documents[docIndex] ?? "";
        for (const [step, edit] of [{ kind: "insert", at: 0, piece: "" } as Edit, ...edits].entries()) {
          text = applyEdit(text, edit);
          const full = (await loaded.linter.lintText(text, "/tmp/tsuzuri-property/post.md")).messages;
          const inc = (await incremental.lintText(text, "/tmp/tsuzuri-property/post.md")).messages;
          if (JSON.stringify(inc) !== JSON.stringify(full)) {
            const a = full.map((m) => JSON.stringify(m));
            const b = inc.map((m) => JSON.stringify(m));
            throw new Error(
              `document ${docIndex}, after edit ${step} (${JSON.stringify(edit)}):\n` +
                `only in the full lint: ${a.filter((x) => !b.includes(x)).join("\n")}\n` +
                `only incremental: ${b.filter((x) => !a.includes(x)).join("\n")}\n` +
                `(${a.length} vs ${b.length} messages; order differs: ${a.every((x, i) => x === b[i])})\ntext: ${JSON.stringify(text.slice(0, 400))}`,
            );
          }
          checked++;
        }
      }),
      { seed, numRuns, endOnFailure: true, includeErrorInReport: true },
    );
    assert.ok(checked >= numRuns * 16, `checked ${checked} versions`);
  });

  it("re-lints only the units an edit touched", async () => {
    const incremental = new IncrementalLinter(loaded.kernelConfig, localityOf);
    const text = documents[1] ?? "";
    const first = await incremental.lintText(text, "/tmp/tsuzuri-property/b.md");
    // Each unit is linted by the local rules; the window rules lint each segment (from a block with
    // 「。」 to the next) once, not each unit's window.
    assert.ok(first.relinted > first.units && first.relinted < first.units * 2, `${first.relinted} lints for ${first.units} units`);
    const middle = text.indexOf("。", Math.floor(text.length / 2));
    const edited = text.slice(0, middle) + "あ" + text.slice(middle);
    const second = await incremental.lintText(edited, "/tmp/tsuzuri-property/b.md");
    assert.ok(second.relinted <= 4, `${second.relinted} re-lints for ${second.units} units`);
    assert.deepEqual(second.messages, (await loaded.linter.lintText(edited, "/tmp/tsuzuri-property/b.md")).messages);
  });

  it("a long stretch without 「。」 (link lists, headings, bare URLs) costs one window lint per edit, not one per block", async () => {
    const incremental = new IncrementalLinter(loaded.kernelConfig, localityOf);
    const links = Array.from({ length: 40 }, (_, i) => `- [参考資料${i}について見れる記事](https://example.com/${i})`).join("\n");
    const text = [
      "# はじめに",
      "最初の段落です。",
      "## 参考リンク",
      links,
      "https://example.com/bare-url",
      "## 問題はない",
      "```ts\nconst a = 1;\n```",
      "もないと思う。ここで区切ります。",
      "## まとめ",
      "- 処理を実行する",
      "ことが、できる。",
      // 「。」 glued to an ASCII symbol is no sentence end for kuromoji: the phrase still crosses it.
      "値を設定",
      "確認)。",
      "を行う。",
      "",
    ].join("\n\n");
    const first = await incremental.lintText(text, "/tmp/tsuzuri-property/links.md");
    assert.deepEqual(first.messages, (await loaded.linter.lintText(text, "/tmp/tsuzuri-property/links.md")).messages);
    for (const [n, at] of [text.indexOf("参考資料20"), text.indexOf("bare-url"), text.indexOf("問題はない")].entries()) {
      const edited = text.slice(0, at) + "あ".repeat(n + 1) + text.slice(at);
      const second = await incremental.lintText(edited, "/tmp/tsuzuri-property/links.md");
      // The edited block by the local rules, and its segment once by the window rules.
      assert.ok(second.relinted <= 2, `${second.relinted} re-lints for ${second.units} units`);
      assert.deepEqual(second.messages, (await loaded.linter.lintText(edited, "/tmp/tsuzuri-property/links.md")).messages);
    }
  });
});
