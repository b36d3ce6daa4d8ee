/**
 * The CLI's own problems about a file as a whole (not checked: too large, too slow; fixes not
 * written), in textlint's problem shape at the file's start, in English or Japanese.
 */
import type { LintProblem } from "../lint/lintEngine";

export type CheckLang = "en" | "ja";

export const TOO_LARGE = "tsuzuri/too-large";
export const TOO_SLOW = "tsuzuri/too-slow";
export const WRITE_FAILED = "tsuzuri/write-failed";

function atStart(ruleId: string, message: string): LintProblem {
  return { ruleId, message, severity: 2, range: [0, 0], line: 1, column: 1, endLine: 1, endColumn: 1 };
}

const kb = (bytes: number): string => Math.ceil(bytes / 1024).toLocaleString("en-US");

export function tooLargeProblem(bytes: number, limitBytes: number, lang: CheckLang): LintProblem {
  const message =
    lang === "ja"
      ? `チェックしていません: ファイルが ${kb(bytes)} KB あり、上限の ${kb(limitBytes)} KB（--max-size）を超えています。記事を分けるか、--max-size を大きくしてください。`
      : `Not checked: the file is ${kb(bytes)} KB, over the size budget of ${kb(limitBytes)} KB (--max-size). Split the post, or raise --max-size.`;
  return atStart(TOO_LARGE, message);
}

/** The worker ran out of memory on the file: too large in practice, whatever its size. */
export function outOfMemoryProblem(lang: CheckLang): LintProblem {
  const message =
    lang === "ja"
      ? "チェックしていません: このファイルのチェック中にメモリーが足りなくなり、中断しました。記事を分けてください。"
      : "Not checked: checking this file ran out of memory and was stopped. Split the post.";
  return atStart(TOO_LARGE, message);
}

export function tooSlowProblem(limitSeconds: number, lang: CheckLang): LintProblem {
  const message =
    lang === "ja"
      ? `チェックしていません: ${limitSeconds} 秒（--timeout）で終わらなかったため中断しました。textlint の Markdown パーサーかルールがこの文章でとても遅くなっています（とても長い行、深い入れ子のリスト、閉じていない <!-- など）。ルールが無限ループしている可能性もあります。文章を直すか、--timeout を大きくしてください。`
      : `Not checked: linting did not finish within the time budget of ${limitSeconds} s (--timeout) and was stopped. textlint's Markdown parser or a rule is very slow on this text (very long lines, deeply nested lists, an unclosed <!--, ...), or a rule is stuck in a loop. Fix the text, or raise --timeout.`;
  return atStart(TOO_SLOW, message);
}

/** Why a write failed, from the error's code where we know it (Node's messages are English). */
function writeReason(error: Error & { code?: string }, lang: CheckLang): string {
  const ja: Record<string, string> = {
    TSUZURI_READ_ONLY: "ファイルが読み取り専用です",
    EACCES: "書き込む権限がありません",
    EPERM: "書き込む権限がありません",
    EISDIR: "ファイルがフォルダーに置き換えられています",
    ENOENT: "ファイルかフォルダーがなくなっています",
    ENOSPC: "ディスクに空きがありません",
    EROFS: "読み取り専用のファイルシステムです",
  };
  const en: Record<string, string> = {
    TSUZURI_READ_ONLY: "the file is read-only",
    EISDIR: "the file has been replaced by a folder",
    ENOENT: "the file or its folder is gone",
  };
  const known = (lang === "ja" ? ja : en)[error.code ?? ""];
  if (lang === "ja") return known ?? error.message;
  return known ? `${known} (${error.message})` : error.message;
}

export function writeFailedProblem(error: Error & { code?: string }, lang: CheckLang): LintProblem {
  const reason = writeReason(error, lang);
  const message =
    lang === "ja"
      ? `修正を書き込めませんでした: ${reason}。ファイルは変更されていません（直せる問題も残っています）。`
      : `The fixes were not written: ${reason}. The file is unchanged (its fixable problems remain).`;
  return atStart(WRITE_FAILED, message);
}
