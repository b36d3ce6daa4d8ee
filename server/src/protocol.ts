/**
 * Tsuzuri's own LSP messages, declared once for the server and the client. All carry the
 * `tsuzuri/` prefix.
 */
// Methods as plain strings: the server and client libraries pin different protocol versions, whose
// NotificationType classes do not type-check against each other.
/**
 * `tooLong`: over `lint.maxLiveLength`, linted only when saved. `stopped`: the lint worker stopped on
 * this post (out of memory, too slow); linted again when saved. `needsInstall`: the project config
 * names packages that are not installed (nothing was checked; clears itself once they are).
 */
export type LintState = "pending" | "ok" | "slow" | "ignored" | "error" | "tooLong" | "stopped" | "needsInstall";

export interface StatusParams {
  uri: string;
  state: LintState;
  configKind: "bundled" | "project";
  /** The config file in use, or the bundled preset's name. */
  configLabel: string;
  /** Why the bundled default is used: no config found, the setting, or an untrusted workspace. */
  bundledReason?: "noConfig" | "setting" | "untrusted";
  /** A project config that an untrusted workspace may not load. */
  ignoredConfigFile?: string;
  /** Duration of the last completed lint, in milliseconds. */
  lastLintMs?: number;
  /** For `error`: the one-sentence message the writer sees. */
  message?: string;
  /** For `needsInstall`: the npm names of the packages not installed, sorted. */
  missingPackages?: string[];
  /** For `needsInstall`: the project's package manager's command (`bun install`…) and where to run it. */
  installCommand?: string;
  installCwd?: string;
  /** For `stopped`: why the worker stopped. */
  stopReason?: "memory" | "timeout" | "crash";
  /** For `tooLong` and `stopped`: the problems shown are those of an earlier version (the last save). */
  stale?: boolean;
  /** For `tooLong`: the post's length and the setting's limit, in characters. */
  length?: number;
  maxLength?: number;
  /** The blog platform whose frontmatter rules apply, and why (in the editor's language). */
  platform?: string;
  platformReason?: string;
  /**
   * Whether the frontmatter was checked for this status (false: off for this post, or the check
   * failed). Absent: this status says nothing about the frontmatter; the last one stands.
   */
  frontmatterChecked?: boolean;
}

/** Server → client, after every lint (and when a lint runs past its time budget). */
export const STATUS_METHOD = "tsuzuri/status";

export interface TrustParams {
  trusted: boolean;
}

/** Client → server, when the user grants workspace trust. */
export const TRUST_METHOD = "tsuzuri/trustChanged";

export interface VisibleRangesParams {
  uri: string;
  /** The line ranges in view (0-based, end included), as the editor reports them. */
  ranges: { start: number; end: number }[];
}

/** Client → server, when the lines in view of a Markdown editor change (visible-first linting). */
export const VISIBLE_RANGES_METHOD = "tsuzuri/visibleRanges";

export interface CheckAllParams {
  /** The result cache's file (the extension's workspace storage); absent: kept in memory only. */
  cacheFile?: string;
  /** The client's token for `$/progress` (work done: n/total posts). Cancelling the request stops the run. */
  workDoneToken?: string;
}

export interface CheckAllResult {
  /** Posts found in the workspace folders. */
  total: number;
  /** Posts finished before the run ended or was cancelled (published, open or unreadable). */
  done: number;
  /** Of those, whose diagnostics were published (not open in the editor). */
  published: number;
  /** Of those, how many came from the result cache (not linted). */
  fromCache: number;
  cancelled: boolean;
  /** What this run published: errors and warnings, and in how many posts (open posts not counted: the editor shows theirs). */
  errors: number;
  warnings: number;
  postsWithProblems: number;
  /** Another run was in progress: this one did nothing. */
  busy?: boolean;
}

/** Client → server (request): "Tsuzuri: Check All Posts", every post of the workspace into Problems. */
export const CHECK_ALL_METHOD = "tsuzuri/checkAllPosts";

/** What the client passes in `initializationOptions`. */
export interface InitializationOptions {
  trusted?: boolean;
  /** Path of the l10n bundle VS Code loaded for the display language (absent for English). */
  l10nBundle?: string;
}

// The client commands that code actions carry are declared beside the code actions (the core builds
// them); the client and the server glue import them from here as from every other message.
export { CLIENT_ALLOW_IN_SETTINGS, CLIENT_SET_FRONTMATTER_RULE, type AllowWordArgs, type FrontmatterRuleArgs } from "./core/fixes/clientCommands";
