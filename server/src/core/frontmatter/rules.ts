/**
 * Every frontmatter rule, with its default severity and where the rule comes from. A rule is an
 * error or a warning by default only when the platform's own tool or site reports it at that level
 * (`enforced`); Tsuzuri's own advice, and what a platform accepts silently, is a hint or an
 * information. The README's frontmatter table cites the same sources.
 *
 * Sources (read to learn, not copied): zenn-dev/zenn-editor `packages/zenn-model/src/utils.ts`
 * (`validateArticle`: `isCritical` validators are errors, the others warnings in `zenn preview`);
 * increments/qiita-cli `src/lib/check-frontmatter-type.ts` and `src/lib/validators/item-validator.ts`
 * (both refuse to publish); x-motemen/blogsync `entry.go` (`EntryHeader`, read with Go's yaml.v2 into
 * typed, case-sensitive fields: a wrong type stops blogsync); Forem's API (dev.to).
 */
import type { FrontmatterSeverity, RuleLevel } from "./types";

export interface RuleInfo {
  level: FrontmatterSeverity;
  /** How the platform's own tool or site reports it: as an error, a warning, or not at all. */
  enforced: "error" | "warning" | false;
  source: string;
}

const rule = (level: FrontmatterSeverity, enforced: RuleInfo["enforced"], source: string): RuleInfo => ({ level, enforced, source });

const ZENN = "zenn-model validateArticle";
const QIITA_CLI = "Qiita CLI checkFrontmatterType";

export const RULES = {
  // --- the frontmatter block itself (every platform) ---
  unclosed: rule("warning", "warning", "every platform's parser needs the closing fence (else the post has no frontmatter)"),
  "yaml-syntax": rule("error", "error", "js-yaml (zenn-cli, Qiita CLI), yaml.v2 (blogsync), Hugo: a syntax error stops them"),
  "duplicate-key": rule("error", "error", "js-yaml and yaml.v2 refuse a duplicated key"),
  binary: rule("error", "error", "YAML forbids control characters; js-yaml and yaml.v2 refuse them"),
  "not-a-mapping": rule("error", "error", "every platform reads `key: value` pairs"),
  "toml-syntax": rule("error", "error", "Hugo stops the build on a TOML syntax error"),
  "too-large": rule("info", false, "Tsuzuri's own limit: a frontmatter over 256 KB is not checked"),
  "yaml-aliases": rule("info", false, "Tsuzuri's own limit: aliases expanded at most 100 times"),
  missing: rule("error", "error", `${ZENN} validateMissingTitle; ${QIITA_CLI} checkTitle`),
  // --- Zenn ---
  "zenn-slug": rule("error", "error", `${ZENN} validateItemSlug`),
  "zenn-title": rule("error", "error", `${ZENN} validateMissingTitle`),
  "zenn-title-length": rule("error", "error", `${ZENN} validateTitleLength`),
  "zenn-emoji-missing": rule("warning", "warning", `${ZENN} validateMissingEmoji (not critical)`),
  "zenn-emoji": rule("error", "error", `${ZENN} validateEmojiFormat`),
  "zenn-type": rule("error", "error", `${ZENN} validateArticleType`),
  "zenn-published": rule("error", "error", `${ZENN} validatePublishedStatus`),
  "zenn-published-at": rule("error", "error", `${ZENN} validatePublishedAtParse`),
  "zenn-scheduled": rule("error", "error", `${ZENN} validatePublishedAtSchedule`),
  "zenn-publication": rule("error", "error", `${ZENN} validatePublicationName`),
  "zenn-topics": rule("warning", "warning", `${ZENN} validateMissingTopics (not critical)`),
  "zenn-tags": rule("warning", "warning", `${ZENN} validateUseTags (not critical)`),
  "zenn-topics-count": rule("error", "error", `${ZENN} validateTooManyTopics`),
  "zenn-topic": rule("error", "error", `${ZENN} validateTopicType`),
  "zenn-topic-symbols": rule("warning", "warning", `${ZENN} validateInvalidTopicLetters (not critical)`),
  // zenn.dev publishes the post and cuts the topic to 18 characters (zenn-dev/zenn-community#555:
  // "18文字での切り捨ては仕様"); zenn-cli releases since 2025-08 (zenn-editor#545) also flag it in the
  // preview, older ones do not. The post is accepted, so: an information that says what Zenn shows.
  "zenn-topic-length": rule("info", false, "zenn.dev cuts topics to 18 characters (zenn-community#555); newer zenn-cli validateTopicLength"),
  // No zenn-cli rule: zenn.dev accepts "Obsidian" as the topic obsidian.
  "zenn-topic-case": rule("hint", false, "none: zenn-cli has no case rule (topic pages are lowercase)"),
  // --- Zenn: local images, as zenn-cli's preview checks them (zenn-cli server/lib/helper.ts completeHtml) ---
  "zenn-image-path": rule("error", "error", "zenn-cli completeHtml: a local image must be written from /images/ (zenn.dev deploys images/ only)"),
  "zenn-image-type": rule("error", "error", "zenn-cli completeHtml: png, jpg, jpeg, gif or webp only"),
  "zenn-image-missing": rule("error", "error", "zenn-cli completeHtml: the image file must exist"),
  "zenn-image-size": rule("error", "error", "zenn-cli completeHtml: at most 3 MB (3 × 1024 × 1024 bytes)"),
  // --- Zenn Books (zenn-model validateBook / validateBookChapter; zenn-cli server/lib/books.ts) ---
  "zenn-book-summary": rule("error", "error", "zenn-model validateBookSummary"),
  "zenn-book-price": rule("error", "error", "zenn-model validateBookPriceType, validateBookPriceRange, validateBookPriceFraction"),
  "zenn-book-cover": rule("warning", "warning", "zenn-model validateMissingBookCover (not critical)"),
  "zenn-book-cover-size": rule("error", "error", "zenn-model validateBookCoverSize: at most 1 MB"),
  "zenn-book-cover-ratio": rule("warning", "warning", "zenn-model validateBookCoverAspectRatio (not critical): 1 : 1.4"),
  "zenn-book-chapters": rule("error", "error", "zenn-model validateBookChapterSlugs, validateBookChaptersFormat; zenn-cli getLocalBookMeta (no nesting)"),
  "zenn-book-chapter-file": rule("info", false, "Tsuzuri: config.yaml lists a chapter whose file does not exist"),
  "zenn-chapter-slug": rule("error", "error", "zenn-model validateChapterItemSlug"),
  "zenn-chapter-free": rule("error", "error", "zenn-model validateChapterFreeType"),
  "zenn-chapter-unlisted": rule("info", false, "Tsuzuri: a chapter config.yaml does not list is left out (the config.yaml template: 本に含めるチャプターを順番に並べましょう); zenn-cli orders unnumbered files last"),
  // --- Qiita ---
  "qiita-title": rule("error", "error", `${QIITA_CLI} checkTitle; validateItem validateItemTitle`),
  "qiita-tags": rule("error", "error", `${QIITA_CLI} checkTags; validateItem validateItemTags, validateLengthItemTags`),
  "qiita-private": rule("error", "error", `${QIITA_CLI} checkSecret`),
  "qiita-slide": rule("error", "error", `${QIITA_CLI} checkSlide`),
  // gray-matter's js-yaml reads an unquoted timestamp as a Date, which checkUpdatedAt refuses.
  "qiita-updated-at": rule("error", "error", `${QIITA_CLI} checkUpdatedAt`),
  "qiita-id": rule("error", "error", `${QIITA_CLI} checkId; Qiita API v2 item ids (PATCH /api/v2/items/:id)`),
  "qiita-organization-private": rule("error", "error", "Qiita CLI validateItem validateOrganizationSecretItem"),
  // Not type-checked by Qiita CLI: a quoted "false" is a non-empty string (unconfirmed how it is read).
  "qiita-ignore-publish": rule("info", false, "none: Qiita CLI does not check ignorePublish's type"),
  // --- Hatena Blog (blogsync) ---
  // yaml.v2 fills EntryHeader's fields by their exact names: `title` is dropped, not refused.
  "hatena-key-case": rule("warning", "warning", "blogsync EntryHeader (yaml tags, case-sensitive): the value is dropped"),
  "hatena-title": rule("hint", false, "none: Hatena Blog accepts an entry without a title"),
  "hatena-date": rule("error", "error", "blogsync EntryHeader Date (yaml.v2 time.Time: YAML timestamps only)"),
  "hatena-boolean": rule("error", "error", "blogsync EntryHeader Draft/Scheduled (yaml.v2 bool: a quoted value fails)"),
  "hatena-category": rule("error", "error", "blogsync EntryHeader Category (yaml.v2 []string)"),
  // --- dev.to (Forem) ---
  "devto-title": rule("error", "error", "Forem API: title can't be blank (422)"),
  "devto-title-length": rule("error", "error", "Forem API: title at most 128 characters (422)"),
  "devto-tags": rule("error", "error", "Forem API: at most 4 tags (422)"),
  // (unconfirmed) how Forem reads a quoted "false"; a warning since it may publish the post.
  "devto-published": rule("warning", "warning", "Forem editor guide: published is a boolean"),
  "devto-canonical-url": rule("error", "error", "Forem API: canonical_url must be a valid URL (422)"),
  // --- static-site blogs: the generators accept all of these (themes and schemas vary) ---
  "blog-title": rule("hint", false, "none: Hugo, Astro and Gatsby accept a post without a title unless your schema requires one"),
  "blog-date": rule("info", false, "none: YAML reads 2020/07/30 as a string, which generators parse differently"),
  "blog-draft": rule("info", false, "none: Hugo reads a quoted \"true\"; a schema may not"),
  "blog-tags": rule("hint", false, "none: Hugo reads a single string as one tag"),
  // --- Tsuzuri's own advice (every platform) ---
  "title-length": rule("hint", false, "Tsuzuri: search results show about 60 characters (tsuzuri.frontmatter.maxTitleLength)"),
  "description-length": rule("hint", false, "Tsuzuri: search snippets show about 120 characters (tsuzuri.frontmatter.maxDescriptionLength)"),
  "image-missing": rule("info", false, "Tsuzuri: a local image (the frontmatter's cover or one in the body) does not exist"),
  // A pointer file is ~130 bytes of text: the image is not checked out; zenn.dev answers it with an error (zenn-community#710).
  "image-lfs-pointer": rule("warning", "error", "zenn.dev answers an image that is a Git LFS pointer with an error (zenn-community#710); other sites get the pointer's text"),
  // Qiita API v2, Forem's API and AtomPub take the Markdown text; Tsuzuri uploads no image.
  "local-image": rule("info", false, "Tsuzuri: publishing through the platform's API sends the text only, not local images"),
  duplicate: rule("info", false, "Tsuzuri: another post of the workspace has the same slug or id"),
  // --- custom: the writer's own JSON Schema is the platform ---
  schema: rule("error", "error", "your JSON Schema (tsuzuri.frontmatter.schema)"),
} satisfies Record<string, RuleInfo>;

export type RuleName = keyof typeof RULES;

export const RULE_NAMES = Object.keys(RULES) as RuleName[];

/** `frontmatter/zenn-topic-case` or `zenn-topic-case` → `zenn-topic-case`. */
export const ruleNameOf = (ruleId: string): string => ruleId.replace(/^frontmatter\//, "");

export function isRuleName(name: string): name is RuleName {
  return Object.prototype.hasOwnProperty.call(RULES, name);
}

export function defaultLevel(name: RuleName): FrontmatterSeverity {
  return RULES[name].level;
}

/** The level a problem of `ruleId` gets: the setting's, else the rule's default. */
export function levelOf(ruleId: string, overrides: Readonly<Record<string, RuleLevel>>): RuleLevel {
  const name = ruleNameOf(ruleId);
  return overrides[name] ?? (isRuleName(name) ? RULES[name].level : "error");
}
