/** The CLI runner's own messages (worker failures, option errors, the cache), in English and Japanese. */
import type { CheckLang } from "../core/check/checkProblems";

export interface StopInfo {
  phase: "load" | "lint";
  kind: "timeout" | "memory" | "crash";
  /** The rule package or config file the stack names, if any. */
  culprit: string | undefined;
  /** The config file, or "the bundled preset". */
  config: string;
  filePath: string;
  detail: string;
  limitSeconds: number;
}

export function stoppedError(info: StopInfo, lang: CheckLang): string {
  const { phase, kind, culprit, config, filePath, limitSeconds } = info;
  const exit = /process\.exit\((\d+)\)/.exec(info.detail);
  if (lang === "ja") {
    const who = culprit ? `${culprit} が` : "ルールか設定が";
    const during = phase === "load" ? `${config} の読み込み中に` : `${filePath} のチェック中に`;
    if (kind === "timeout") return `${config} の読み込みが ${limitSeconds} 秒で終わらなかったため中断しました（設定かルールが無限ループしている可能性があります）。`;
    if (kind === "memory") return `${during}メモリーが足りなくなり、中断しました。`;
    if (exit) return `${during}${who} process.exit(${exit[1]}) を呼び、チェックが終わっていません。${culprit ?? config} を直してください。`;
    return `${during}${who}ワーカーを止めました: ${info.detail}。${culprit ?? config} を直してください。`;
  }
  const who = culprit ?? "a rule or the config";
  const during = phase === "load" ? `while loading ${config}` : `while checking ${filePath}`;
  if (kind === "timeout") return `Loading ${config} did not finish within ${limitSeconds} s and was stopped (the config or a rule may be stuck in a loop).`;
  if (kind === "memory") return `The lint worker ran out of memory ${during}.`;
  if (exit) return `${who} called process.exit(${exit[1]}) ${during}, so nothing was checked. Fix ${culprit ?? config}.`;
  return `${who} stopped the lint worker ${during}: ${info.detail}. Fix ${culprit ?? config}.`;
}

export function badNumberOption(option: string, value: string, what: "integer" | "number", lang: CheckLang): string {
  if (lang === "ja") return `--${option} には${what === "integer" ? "1 以上の整数" : "0 より大きい数"}を指定してください（"${value}" が指定されました）`;
  return `--${option} needs ${what === "integer" ? "a whole number of 1 or more" : "a number greater than 0"} (got "${value}")`;
}

export function cacheUnreadable(file: string, reason: string, lang: CheckLang): string {
  return lang === "ja"
    ? `キャッシュ ${file} を読めないため、使わずにチェックします（${reason}）`
    : `the cache ${file} cannot be read, checking without it (${reason})`;
}

export function cacheUnwritable(file: string, reason: string, lang: CheckLang): string {
  return lang === "ja" ? `キャッシュ ${file} を書き込めませんでした（${reason}）` : `the cache ${file} could not be written (${reason})`;
}
