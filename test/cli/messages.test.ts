/**
 * The CLI's own words: --help and every message in Japanese under a Japanese locale, English
 * otherwise; unknown options and empty folders explained (exit 2), not Node's parser text.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FIXABLE, tsuzuri, type Run } from "./harness";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";

const JA = { LANG: "ja_JP.UTF-8" };
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Every option --help must list, spelled as the command line takes it. */
const OPTIONS = [
  "-f, --format <name>",
  "--fix",
  "--dry-run",
  "-c, --config <path>",
  "--bundled",
  "--platform <id>",
  "--schema <file>",
  "-j, --jobs <n>",
  "--timeout <seconds>",
  "--max-size <KB>",
  "--cache",
  "--cache-location <path>",
  "--changed-since <ref>",
  "--stdin",
  "--stdin-filename <path>",
  "-h, --help",
  "-v, --version",
];

const workspaces: string[] = [];
after(() => workspaces.forEach(removeWorkspace));
function workspace(files: Record<string, string>): string {
  const dir = makeWorkspace(files);
  workspaces.push(dir);
  return dir;
}

describe("--help", () => {
  let en: Run;
  let ja: Run;
  let lcAll: Run;
  before(async () => {
    const dir = workspace({});
    [en, ja, lcAll] = await Promise.all([
      tsuzuri(["--help"], dir),
      tsuzuri(["--help"], dir, { env: JA }),
      // LC_ALL outranks LANG, as in every POSIX program.
      tsuzuri(["-h"], dir, { env: { ...JA, LC_ALL: "C" } }),
    ]);
  });

  it("tsuzuri publish --help too", async () => {
    const dir = workspace({});
    const [pen, pja] = await Promise.all([tsuzuri(["publish", "--help"], dir), tsuzuri(["publish", "--help"], dir, { env: JA })]);
    assert.match(pen.stdout, /^Usage: tsuzuri publish \[options\] <file>/);
    assert.match(pja.stdout, /^使い方: tsuzuri publish \[オプション\] <file>/);
    for (const option of ["--platform <id>", "--draft", "--force", "--remote <name>", "--branch <name>"]) {
      assert.ok(pen.stdout.includes(`      ${option}`) && pja.stdout.includes(`      ${option}`), option);
    }
  });

  it("is Japanese under a Japanese locale, English otherwise", () => {
    assert.equal(ja.code, 0, ja.describe());
    assert.match(ja.stdout, /^使い方: tsuzuri check/);
    assert.match(ja.stdout, /終了コード: 0 エラーなし、1 エラーあり、2 使い方または設定の誤り/);
    assert.equal(en.code, 0, en.describe());
    assert.match(en.stdout, /^Usage: tsuzuri check/);
    assert.doesNotMatch(en.stdout, JAPANESE, "no Japanese in the English help");
    assert.equal(lcAll.stdout, en.stdout);
  });

  it("lists every option and command in both languages, each option on a line of its own", () => {
    for (const help of [en.stdout, ja.stdout]) {
      for (const option of OPTIONS) {
        assert.match(help, new RegExp(`^ {2}(?: {4})?${option.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?: {2,}|$)`, "m"), `${option} in\n${help}`);
      }
      assert.match(help, /tsuzuri lsp --stdio/);
      assert.match(help, /tsuzuri publish/);
      assert.match(help, /stylish.*\| json \| github \| sarif \| rdjson \| rdjsonl \| checkstyle/);
    }
    // The same options, in the same order, in both.
    const options = (help: string): string[] => [...help.matchAll(/^ {2}((?:-\w, |    )--[\w-]+)/gm)].map((m) => m[1] ?? "");
    assert.deepEqual(options(ja.stdout), options(en.stdout));
  });
});

describe("usage errors in the user's language (exit 2)", () => {
  const cases: { name: string; args: string[]; files?: Record<string, string>; en: string; ja: string }[] = [
    { name: "unknown option", args: ["check", "--bogus"], en: "tsuzuri: unknown option --bogus\n", ja: "tsuzuri: 不明なオプションです: --bogus\n" },
    { name: "unknown short option", args: ["check", "-x"], en: "tsuzuri: unknown option -x\n", ja: "tsuzuri: 不明なオプションです: -x\n" },
    { name: "option without its value", args: ["check", "--format"], en: "tsuzuri: option --format needs a value\n", ja: "tsuzuri: オプション --format には値が必要です\n" },
    { name: "value for a switch", args: ["check", "--fix=yes"], en: "tsuzuri: option --fix takes no value\n", ja: "tsuzuri: オプション --fix は値を取りません\n" },
    { name: "unknown command", args: ["lint"], en: 'tsuzuri: unknown command "lint"', ja: 'tsuzuri: 不明なコマンドです: "lint"' },
    { name: "unknown format", args: ["check", "-f", "xml"], en: 'tsuzuri: unknown format "xml"', ja: 'tsuzuri: 不明な出力形式です: "xml"' },
    { name: "--dry-run alone", args: ["check", "--dry-run"], en: "tsuzuri: --dry-run only works with --fix", ja: "tsuzuri: --dry-run は --fix と一緒に指定してください" },
    { name: "publish without a file", args: ["publish"], en: "tsuzuri: publish takes exactly one file\n", ja: "tsuzuri: publish には記事のファイルを 1 つだけ指定してください\n" },
    { name: "publish with an unknown option", args: ["publish", "--bogus", "a.md"], en: "tsuzuri: unknown option --bogus\nRun tsuzuri publish --help", ja: "tsuzuri: 不明なオプションです: --bogus\nオプションの一覧は tsuzuri publish --help" },
    { name: "no match", args: ["check", "drafts/*.md"], en: "tsuzuri: no files match drafts/*.md", ja: "tsuzuri: 指定に一致するファイルがありません: drafts/*.md" },
  ];
  let runs: Map<string, [Run, Run]>;
  before(async () => {
    const dir = workspace({ "post.md": "# 記事\n" });
    const pairs = await Promise.all(cases.map(async (c) => [c.name, await Promise.all([tsuzuri(c.args, dir), tsuzuri(c.args, dir, { env: JA })])] as const));
    runs = new Map(pairs);
  });
  for (const c of cases) {
    it(c.name, () => {
      const [en, ja] = runs.get(c.name) ?? assert.fail();
      for (const [r, want] of [[en, c.en], [ja, c.ja]] as const) {
        assert.equal(r.code, 2, r.describe());
        assert.ok(r.stderr.startsWith(want), `${JSON.stringify(want)} at the start of\n${r.describe()}`);
        assert.equal(r.stdout, "");
      }
      assert.doesNotMatch(en.stderr, /To specify a positional argument|ERR_PARSE_ARGS/, "not Node's parser text");
      assert.doesNotMatch(en.stderr, JAPANESE);
    });
  }

  it("an unknown option points to --help in the user's language", () => {
    const [en, ja] = runs.get("unknown option") ?? assert.fail();
    assert.equal(en.stderr, "tsuzuri: unknown option --bogus\nRun tsuzuri --help to see the commands and options.\n");
    assert.equal(ja.stderr, "tsuzuri: 不明なオプションです: --bogus\nコマンドとオプションの一覧は tsuzuri --help で表示できます。\n");
  });
});

describe("nothing to check: exit 2 with the reason, with or without a folder", () => {
  let dir: string;
  let bare: Run;
  let bareJa: Run;
  let folder: Run;
  before(async () => {
    dir = workspace({ "notes.txt": "メモ\n", "articles/.keep": "", "node_modules/pkg/README.md": "# not a post\n" });
    [bare, bareJa, folder] = await Promise.all([tsuzuri(["check"], dir), tsuzuri(["check"], dir, { env: JA }), tsuzuri(["check", "articles"], dir)]);
  });

  it("tsuzuri check in a folder without posts", () => {
    assert.equal(bare.code, 2, bare.describe());
    assert.equal(bare.stderr, `tsuzuri: no Markdown files (*.md, *.markdown) found in ${dir}; name the posts to check, e.g. tsuzuri check articles/\n`);
    assert.equal(bareJa.code, 2, bareJa.describe());
    assert.match(bareJa.stderr, /Markdown ファイル（\*\.md、\*\.markdown）がありません/);
    assert.equal(bare.stdout, "");
  });

  it("tsuzuri check <folder> without posts", () => {
    assert.equal(folder.code, 2, folder.describe());
    assert.match(folder.stderr, /^tsuzuri: no Markdown files \(\*\.md, \*\.markdown\) found in articles;/);
  });
});

describe("run messages in Japanese", () => {
  let ja: Run;
  let dir: string;
  before(async () => {
    dir = workspace({ "fixable.md": FIXABLE });
    fs.writeFileSync(path.join(dir, "binary.md"), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x0a]));
    ja = await tsuzuri(["check", "--fix", "--dry-run"], dir, { env: JA });
  });

  it("skipped files and the dry-run summary", () => {
    assert.match(ja.stderr, new RegExp(`^tsuzuri: ${path.join(dir, "binary.md").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} を飛ばしました: バイナリファイル（NUL バイトを含む）のため校正しません$`, "m"));
    const summary = /^tsuzuri: ドライラン（ファイルは書き換えていません）: (\d+) 件の修正で 1 個のファイルが変わります。エラー (\d+) 件と警告 0 件が残ります$/m.exec(ja.stderr);
    assert.ok(summary, ja.describe());
    assert.ok(Number(summary[1]) > 0);
    assert.equal(ja.code, Number(summary[2]) > 0 ? 1 : 0);
  });
});
