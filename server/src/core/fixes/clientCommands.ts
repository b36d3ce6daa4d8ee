/**
 * The commands of code actions that only the client can carry out (they write VS Code settings),
 * with their arguments. Re-exported by server/src/protocol.ts with the other messages.
 */
import type { RuleLevel } from "../frontmatter/types";

/** Arguments of the "allow this word" commands (server: project config; client: the bundled preset's setting). */
export interface AllowWordArgs {
  uri: string;
  word: string;
}

/** A client command: the bundled preset's allowlist is a setting, which only the client can write. */
export const CLIENT_ALLOW_IN_SETTINGS = "tsuzuri.allowWordInSettings";

/** Arguments of "turn this frontmatter rule off": the rule's name (`zenn-topic-case`) and its new level. */
export interface FrontmatterRuleArgs {
  uri: string;
  rule: string;
  level: RuleLevel;
}

/** A client command: writes the level to `tsuzuri.frontmatter.rules` of the post's workspace folder. */
export const CLIENT_SET_FRONTMATTER_RULE = "tsuzuri.setFrontmatterRule";
