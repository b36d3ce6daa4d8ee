/**
 * `tsuzuri --help` in English and Japanese. The options are one table, so both languages list the
 * same options with the same syntax; only the descriptions are translated.
 */
import type { CliLang } from "./messages";

type Text = Record<CliLang, string[]>;

/** Option syntax → its description, line by line. */
export const OPTIONS: readonly (readonly [string, Text])[] = [
  ["-f, --format <name>", {
    en: ["stylish (default) | json | github | sarif | rdjson | rdjsonl | checkstyle", "(json: textlint's JSON; github: Actions annotations; sarif: code", "scanning; rdjson, rdjsonl: reviewdog)"],
    ja: ["stylish（既定）| json | github | sarif | rdjson | rdjsonl | checkstyle", "（json: textlint の JSON、github: Actions の注釈、sarif: code scanning、", "rdjson・rdjsonl: reviewdog 用）"],
  }],
  ["--fix", { en: ["apply the rules' fixes to the files"], ja: ["ルールの自動修正をファイルに書き込む"] }],
  ["--dry-run", {
    en: ["with --fix: write nothing; print the fixes as a unified diff", "(git apply / patch -p1) and a summary on stderr; with", "--format json, print the --fix JSON instead of the diff"],
    ja: ["--fix と一緒に: ファイルは書き換えず、修正を unified diff", "（git apply / patch -p1 で適用可）で、要約を標準エラーに出す。", "--format json なら diff の代わりに --fix の JSON を出す"],
  }],
  ["-c, --config <path>", { en: ["use this textlint config file"], ja: ["この textlint の設定ファイルを使う"] }],
  ["--bundled", { en: ["always use the bundled preset, ignoring project configs"], ja: ["プロジェクトの設定を無視して、常に同梱のプリセットを使う"] }],
  ["--platform <id>", {
    en: ["frontmatter rules: auto (default: detect per post), off, zenn, qiita,", "hatena, devto, blog, custom (with --schema <file>)"],
    ja: ["frontmatter のルール: auto（既定。記事ごとに判定）、off、zenn、qiita、", "hatena、devto、blog、custom（--schema <file> と一緒に）"],
  }],
  ["--schema <file>", { en: ["the JSON Schema for --platform custom"], ja: ["--platform custom で使う JSON Schema"] }],
  ["--settings <file>", {
    en: ["the editor's tsuzuri.* settings to check with (default: .vscode/settings.json", "when there is one): rule levels, the preset's options, overrides, platform"],
    ja: ["チェックに使うエディターの tsuzuri.* 設定（既定: .vscode/settings.json が", "あればそれ）。ルールのレベル、プリセットのオプション、overrides、platform"],
  }],
  ["--no-editor-settings", { en: ["ignore .vscode/settings.json"], ja: [".vscode/settings.json を読まない"] }],
  ["-j, --jobs <n>", { en: ["worker threads (default: number of CPUs)"], ja: ["ワーカースレッドの数（既定: CPU の数）"] }],
  ["--timeout <seconds>", { en: ["per-file time budget (default 30)"], ja: ["1 ファイルあたりの制限時間（既定 30 秒）"] }],
  ["--max-size <KB>", { en: ["per-file size budget (default 1024)"], ja: ["1 ファイルあたりのサイズの上限（既定 1024 KB）"] }],
  ["--cache", { en: ["reuse the results of files that did not change"], ja: ["変わっていないファイルは前回の結果を使う"] }],
  ["--cache-location <path>", { en: ["where the cache is kept"], ja: ["キャッシュの置き場所"] }],
  ["--changed-since <ref>", { en: ["only problems on lines changed since a git ref (e.g. a PR's base)"], ja: ["git の ref（PR のベースなど）以降に変わった行の問題だけを報告する"] }],
  ["--stdin", {
    en: ["check the text on stdin (with --stdin-filename); with --fix,", "print the fixed text to stdout and write no file"],
    ja: ["標準入力のテキストを校正する（--stdin-filename と一緒に）。--fix なら", "修正後のテキストを標準出力に出し、ファイルは書き換えない"],
  }],
  ["--stdin-filename <path>", { en: ["the file the stdin text stands for: its config and platform apply"], ja: ["標準入力のテキストをこのファイルとして扱う（設定とプラットフォームを決める）"] }],
  ["-h, --help", { en: ["show this help"], ja: ["このヘルプを表示する"] }],
  ["-v, --version", { en: ["show the version"], ja: ["バージョンを表示する"] }],
];

const HEAD: Text = {
  en: [
    "Usage: tsuzuri check [options] [files|folders|globs...]",
    "       tsuzuri check --stdin --stdin-filename <path> [options]",
    "       tsuzuri lsp --stdio                (the language server, for any LSP editor)",
    "       tsuzuri mcp                        (an MCP server for AI agents; tsuzuri mcp --help)",
    "       tsuzuri publish [options] <file>   (tsuzuri publish --help)",
    "",
    "Lints Japanese Markdown posts with textlint: the nearest .textlintrc, else the bundled",
    "textlint-rule-preset-ja-technical-writing. Default: Markdown files under the current folder.",
    "",
    "Options:",
  ],
  ja: [
    "使い方: tsuzuri check [オプション] [ファイル|フォルダー|glob...]",
    "        tsuzuri check --stdin --stdin-filename <path> [オプション]",
    "        tsuzuri lsp --stdio                （言語サーバー。LSP に対応したエディター向け）",
    "        tsuzuri mcp                        （AI エージェント向けの MCP サーバー。tsuzuri mcp --help）",
    "        tsuzuri publish [オプション] <file>  （tsuzuri publish --help）",
    "",
    "日本語の Markdown 記事を textlint で校正します。設定はいちばん近い .textlintrc、なければ同梱の",
    "textlint-rule-preset-ja-technical-writing です。既定ではカレントフォルダー以下の Markdown ファイルを校正します。",
    "",
    "オプション:",
  ],
};

const TAIL: Text = {
  en: [
    "",
    "Exit code: 0 no errors, 1 errors found, 2 usage or configuration error (also: no files",
    "to check). With --fix, with or without --dry-run, the errors are those left after fixing,",
    "as textlint --fix reports them.",
  ],
  ja: [
    "",
    "終了コード: 0 エラーなし、1 エラーあり、2 使い方または設定の誤り（校正するファイルがない場合も）。",
    "--fix では（--dry-run の有無によらず）、textlint --fix と同じく修正後に残ったエラーで決まります。",
  ],
};

const COLUMN = 31;

export function usage(lang: CliLang): string {
  const rows = OPTIONS.flatMap(([syntax, text]) => {
    const head = `  ${syntax.startsWith("--") ? `    ${syntax}` : syntax}`;
    const [first = "", ...rest] = text[lang];
    const lines = head.length + 1 < COLUMN ? [`${head.padEnd(COLUMN)}${first}`] : [head, `${" ".repeat(COLUMN)}${first}`];
    return [...lines, ...rest.map((line) => `${" ".repeat(COLUMN)}${line}`)];
  });
  return [...HEAD[lang], ...rows, ...TAIL[lang]].join("\n");
}

const LSP_USAGE: Text = {
  en: [
    "Usage: tsuzuri lsp --stdio",
    "",
    "Runs Tsuzuri's language server (the one the VS Code extension uses) over stdin/stdout, for",
    "Neovim, Zed, Helix, Emacs and any other LSP client. Settings come from the client's",
    "workspace/configuration answer for the section \"tsuzuri\" (as in VS Code's settings).",
  ],
  ja: [
    "使い方: tsuzuri lsp --stdio",
    "",
    "Tsuzuri の言語サーバー（VS Code 拡張機能と同じもの）を標準入出力で動かします。Neovim、Zed、",
    "Helix、Emacs など LSP に対応したエディターから使えます。設定は、クライアントが",
    "workspace/configuration でセクション \"tsuzuri\" に返す値です（VS Code の設定と同じ形）。",
  ],
};

export function lspUsage(lang: CliLang): string {
  return LSP_USAGE[lang].join("\n");
}

const MCP_USAGE: Text = {
  en: [
    "Usage: tsuzuri mcp",
    "",
    "Runs a Model Context Protocol server over stdin/stdout for AI agents (Claude Desktop, Claude",
    "Code, VS Code, Cursor). Tools: check, fix, detect_platform, render, prepublish. Positions are",
    "1-based lines and columns (UTF-16), as tsuzuri check --format json gives them. Nothing is",
    "written unless fix is given a path and write: true; nothing is published.",
  ],
  ja: [
    "使い方: tsuzuri mcp",
    "",
    "AI エージェント（Claude Desktop、Claude Code、VS Code、Cursor）向けの MCP サーバーを標準入出力で",
    "動かします。ツール: check、fix、detect_platform、render、prepublish。位置は 1 始まりの行と桁",
    "（UTF-16）で、tsuzuri check --format json と同じです。fix に path と write: true を渡したとき",
    "だけファイルを書き換えます。公開はしません。",
  ],
};

export function mcpUsage(lang: CliLang): string {
  return MCP_USAGE[lang].join("\n");
}

const PUBLISH_USAGE: Text = {
  en: [
    "Usage: tsuzuri publish [options] <file>",
    "",
    "Publishes a post to its platform (detected as the editor does, or --platform): Zenn by git commit",
    "and push; Qiita, Hatena Blog and dev.to through their APIs, writing back the remote id/URL.",
    "",
    "Options:",
    "      --platform <id>  zenn | qiita | hatena | devto (default: detected)",
    "      --draft          keep it a draft (Hatena Blog, dev.to; Zenn: push without setting published)",
    "      --force          overwrite a remote copy that changed after the local one",
    "      --remote <name>  Zenn: git remote (default: upstream, else origin)",
    "      --branch <name>  Zenn: branch to push to (default: the current one)",
    "",
    "Environment: QIITA_TOKEN; HATENA_ID, HATENA_BLOG_ID, HATENA_API_KEY; DEVTO_API_KEY.",
    "Exit code: 0 published, 1 not published (the reason is printed), 2 usage error.",
  ],
  ja: [
    "使い方: tsuzuri publish [オプション] <file>",
    "",
    "記事をそのプラットフォームに公開します（エディターと同じく判定、または --platform）。Zenn は git の",
    "commit と push、Qiita・はてなブログ・dev.to は API で公開し、公開先の ID や URL を記事に書き戻します。",
    "",
    "オプション:",
    "      --platform <id>  zenn | qiita | hatena | devto（既定: 判定結果）",
    "      --draft          下書きのままにする（はてなブログ・dev.to。Zenn は published を変えずに push）",
    "      --force          手元より後に変更された公開先の記事を上書きする",
    "      --remote <name>  Zenn: git のリモート（既定: upstream、なければ origin）",
    "      --branch <name>  Zenn: push 先のブランチ（既定: 今のブランチ）",
    "",
    "環境変数: QIITA_TOKEN、HATENA_ID・HATENA_BLOG_ID・HATENA_API_KEY、DEVTO_API_KEY。",
    "終了コード: 0 公開した、1 公開していない（理由を表示します）、2 使い方の誤り。",
  ],
};

export function publishUsage(lang: CliLang): string {
  return PUBLISH_USAGE[lang].join("\n");
}
