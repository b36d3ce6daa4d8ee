/**
 * Every message the `tsuzuri` command line prints itself, in English and Japanese. The language
 * follows the terminal's (LC_ALL, then LC_MESSAGES, then LANG: `ja_JP.UTF-8` → Japanese). Messages
 * from textlint, its rules and configs are theirs and stay as they are.
 */

export type CliLang = "en" | "ja";

/** The terminal's language as POSIX orders the variables: the first one set decides. */
export function cliLang(env: NodeJS.ProcessEnv): CliLang {
  const locale = env["LC_ALL"] || env["LC_MESSAGES"] || env["LANG"] || "";
  return /^ja/i.test(locale) ? "ja" : "en";
}

export interface CliMessages {
  /** After a usage error: where to read about the options. */
  helpHint: string;
  unknownOption(option: string): string;
  missingValue(option: string): string;
  takesNoValue(option: string): string;
  /** Any other complaint of the argument parser (its own text, in English). */
  badArguments(detail: string): string;
  unknownCommand(command: string): string;
  missingCommand: string;
  unknownFormat(format: string, formats: readonly string[]): string;
  dryRunNeedsFix: string;
  changedSinceWithFix: string;
  configNotFound(configPath: string): string;
  unknownPlatform(platform: string, platforms: readonly string[]): string;
  noFilesMatch(patterns: readonly string[]): string;
  /** `tsuzuri check` (or a folder) with no Markdown file in it. */
  noMarkdownFiles(folders: readonly string[]): string;
  skipped(filePath: string, reason: string): string;
  cannotRead(detail: string): string;
  binaryFile: string;
  dryRunSummary(counts: { fixes: number; files: number; errors: number; warnings: number }): string;
  stdinNeedsFilename: string;
  stdinFilenameNeedsStdin: string;
  stdinTakesNoFiles(files: readonly string[]): string;
  lspNeedsTransport: string;
  lspUnknownArgument(argument: string): string;
  lspServerMissing(serverPath: string): string;
  mcpUnknownArgument(argument: string): string;
  mcpServerMissing(serverPath: string): string;
  publishHelpHint: string;
  publishOneFile: string;
  publishCannotRead(file: string, detail: string): string;
  publishNotAPost(file: string, detected: string | undefined): string;
  publishNotPublished(kind: string, reason: string): string;
  publishIgnoredBaseUrl(variable: string): string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const en: CliMessages = {
  helpHint: "Run tsuzuri --help to see the commands and options.",
  unknownOption: (option) => `unknown option ${option}`,
  missingValue: (option) => `option ${option} needs a value`,
  takesNoValue: (option) => `option ${option} takes no value`,
  badArguments: (detail) => `cannot read the arguments: ${detail}`,
  unknownCommand: (command) => `unknown command "${command}" (use check, lsp, mcp or publish)`,
  missingCommand: "missing command (use check, lsp, mcp or publish)",
  unknownFormat: (format, formats) => `unknown format "${format}" (use ${formats.join(", ")})`,
  dryRunNeedsFix: "--dry-run only works with --fix (tsuzuri check --fix --dry-run)",
  changedSinceWithFix: "--changed-since does not work with --fix (fixes apply to whole files)",
  configNotFound: (configPath) => `config file not found: ${configPath}`,
  unknownPlatform: (platform, platforms) => `unknown platform "${platform}" (use ${platforms.join(", ")})`,
  noFilesMatch: (patterns) => `no files match ${patterns.join(" ")}`,
  noMarkdownFiles: (folders) => `no Markdown files (*.md, *.markdown) found in ${folders.join(", ")}; name the posts to check, e.g. tsuzuri check articles/`,
  skipped: (filePath, reason) => `skipped ${filePath}: ${reason}`,
  cannotRead: (detail) => `cannot read: ${detail}`,
  binaryFile: "binary file (contains NUL bytes), not linted",
  dryRunSummary: ({ fixes, files, errors, warnings }) =>
    `dry run, no file written: ${plural(fixes, "fix", "fixes")} would change ${plural(files, "file")}; ${plural(errors, "error")} and ${plural(warnings, "warning")} would remain`,
  stdinNeedsFilename: "--stdin needs --stdin-filename <path>: the file the text stands for (its config and platform apply)",
  stdinFilenameNeedsStdin: "--stdin-filename only works with --stdin",
  stdinTakesNoFiles: (files) => `--stdin checks the text on stdin, not files: remove ${files.join(" ")}`,
  lspNeedsTransport: "tsuzuri lsp needs a transport: tsuzuri lsp --stdio",
  lspUnknownArgument: (argument) => `unknown argument for tsuzuri lsp: ${argument} (use --stdio)`,
  lspServerMissing: (serverPath) => `the language server is missing: ${serverPath} (run the CLI from its package's dist/ folder)`,
  mcpUnknownArgument: (argument) => `tsuzuri mcp takes no arguments: ${argument} (it talks MCP over stdin/stdout)`,
  mcpServerMissing: (serverPath) => `the MCP server is missing: ${serverPath} (run the CLI from its package's dist/ folder)`,
  publishHelpHint: "Run tsuzuri publish --help to see its options.",
  publishOneFile: "publish takes exactly one file",
  publishCannotRead: (file, detail) => `cannot read ${file}: ${detail}`,
  publishNotAPost: (file, detected) => `${file} is not a Zenn, Qiita, Hatena Blog or dev.to post (detected: ${detected ?? "none"}); use --platform`,
  publishNotPublished: (kind, reason) => `not published (${kind}): ${reason}`,
  publishIgnoredBaseUrl: (variable) => `ignoring ${variable}: only https URLs (or a loopback http one) are allowed`,
};

const ja: CliMessages = {
  helpHint: "コマンドとオプションの一覧は tsuzuri --help で表示できます。",
  unknownOption: (option) => `不明なオプションです: ${option}`,
  missingValue: (option) => `オプション ${option} には値が必要です`,
  takesNoValue: (option) => `オプション ${option} は値を取りません`,
  badArguments: (detail) => `引数を解釈できません: ${detail}`,
  unknownCommand: (command) => `不明なコマンドです: "${command}"（check、lsp、mcp、publish のいずれかを指定してください）`,
  missingCommand: "コマンドがありません（check、lsp、mcp、publish のいずれかを指定してください）",
  unknownFormat: (format, formats) => `不明な出力形式です: "${format}"（${formats.join("、")} のいずれかを指定してください）`,
  dryRunNeedsFix: "--dry-run は --fix と一緒に指定してください（tsuzuri check --fix --dry-run）",
  changedSinceWithFix: "--changed-since は --fix と一緒には使えません（修正はファイル全体にかかります）",
  configNotFound: (configPath) => `設定ファイルが見つかりません: ${configPath}`,
  unknownPlatform: (platform, platforms) => `不明なプラットフォームです: "${platform}"（${platforms.join("、")} のいずれかを指定してください）`,
  noFilesMatch: (patterns) => `指定に一致するファイルがありません: ${patterns.join(" ")}`,
  noMarkdownFiles: (folders) => `${folders.join("、")} に Markdown ファイル（*.md、*.markdown）がありません。校正する記事を指定してください（例: tsuzuri check articles/）`,
  skipped: (filePath, reason) => `${filePath} を飛ばしました: ${reason}`,
  cannotRead: (detail) => `読み込めません: ${detail}`,
  binaryFile: "バイナリファイル（NUL バイトを含む）のため校正しません",
  dryRunSummary: ({ fixes, files, errors, warnings }) =>
    `ドライラン（ファイルは書き換えていません）: ${fixes} 件の修正で ${files} 個のファイルが変わります。エラー ${errors} 件と警告 ${warnings} 件が残ります`,
  stdinNeedsFilename: "--stdin には --stdin-filename <パス> が必要です（そのファイルとして、設定とプラットフォームを決めます）",
  stdinFilenameNeedsStdin: "--stdin-filename は --stdin と一緒に指定してください",
  stdinTakesNoFiles: (files) => `--stdin は標準入力のテキストを校正します。ファイルの指定を外してください: ${files.join(" ")}`,
  lspNeedsTransport: "tsuzuri lsp には通信方法の指定が必要です: tsuzuri lsp --stdio",
  lspUnknownArgument: (argument) => `tsuzuri lsp の不明な引数です: ${argument}（--stdio を指定してください）`,
  lspServerMissing: (serverPath) => `言語サーバーが見つかりません: ${serverPath}（パッケージの dist/ フォルダーにある CLI を実行してください）`,
  mcpUnknownArgument: (argument) => `tsuzuri mcp は引数を取りません: ${argument}（標準入出力で MCP を話します）`,
  mcpServerMissing: (serverPath) => `MCP サーバーが見つかりません: ${serverPath}（パッケージの dist/ フォルダーにある CLI を実行してください）`,
  publishHelpHint: "オプションの一覧は tsuzuri publish --help で表示できます。",
  publishOneFile: "publish には記事のファイルを 1 つだけ指定してください",
  publishCannotRead: (file, detail) => `${file} を読み込めません: ${detail}`,
  publishNotAPost: (file, detected) => `${file} は Zenn・Qiita・はてなブログ・dev.to の記事ではありません（判定: ${detected ?? "なし"}）。--platform で指定してください`,
  publishNotPublished: (kind, reason) => `公開していません（${kind}）: ${reason}`,
  publishIgnoredBaseUrl: (variable) => `${variable} を無視します: https の URL（またはループバックの http の URL）だけが使えます`,
};

export function cliMessages(lang: CliLang): CliMessages {
  return lang === "ja" ? ja : en;
}

/**
 * Node's parseArgs errors in the user's words: the option it stumbled on, in the user's language.
 * Its own text ("Unknown option '--bogus'. To specify a positional argument …") is for programmers.
 */
export function argumentError(error: unknown, messages: CliMessages): string {
  const e = error as { code?: string; message?: string };
  const text = e.message ?? String(error);
  // The quoted part names the option: '--bogus', or '-f, --format <value>' (the long form says more).
  const quoted = /'([^']*)'/.exec(text)?.[1] ?? "";
  const option = /--[\w-]+/.exec(quoted)?.[0] ?? /-[\w]/.exec(quoted)?.[0];
  if (option && e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return messages.unknownOption(option);
  if (option && e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return /does not take an argument/.test(text) ? messages.takesNoValue(option) : messages.missingValue(option);
  }
  return messages.badArguments(text);
}
