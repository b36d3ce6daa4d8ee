/**
 * Frontmatter checking for one post: parse, pick the platform, run its checks and the generic ones.
 * Used by the language server (per lint) and by `tsuzuri check`.
 */
import * as path from "node:path";
import { Fields, fix, problem } from "./fields";
import { say } from "../shared/i18n";
import { parseFrontmatter, type ParsedFrontmatter } from "./parse";
import { detectPlatform, type Detection, type LayoutProbe } from "./detect";
import { generic, type Check, type CheckContext, type FrontmatterOptions } from "./checks/common";
import { zenn } from "./checks/zenn";
import { blog, devto, hatena, qiita } from "./checks/platforms";
import { customChecks, type CompiledSchema } from "./checks/custom";
import { imageProblems, type FileHead } from "./checks/images";
import { isZennChapter, zennBookProblems, zennChapterProblems, type BookFolder } from "./checks/zennBook";
import { applyLevels, ignoredInPost, ignoreInPostEdit } from "./dismiss";
import type { FrontmatterProblem, PlatformId } from "./types";

export interface FrontmatterInput {
  filePath: string;
  /** The workspace folder (or the CLI's current folder) that holds the post. */
  root: string | undefined;
  setting: "auto" | PlatformId;
  options: FrontmatterOptions;
  now: Date;
  probe: LayoutProbe;
  /** For the custom profile: the schema file and its compiled form. */
  schema?: { file: string; compiled: CompiledSchema };
  /** Other posts with the same value of an identity key (slug, id…), from the workspace's index. */
  duplicatesOf?(key: string, value: string, filePath: string): string[];
}

export interface FrontmatterResult {
  detection: Detection;
  frontmatter: ParsedFrontmatter | undefined;
  problems: FrontmatterProblem[];
}

const CHECKS: Record<Exclude<PlatformId, "custom">, Check> = { zenn, qiita, hatena, devto, blog };

/**
 * Frontmatter a platform's own tool would write for a post that has none (the fix for "missing").
 * Zenn and Qiita CLI refuse a post without a title; blogsync posts one without a frontmatter.
 */
const TEMPLATES: Partial<Record<PlatformId, string[]>> = {
  zenn: ['title: ""', 'emoji: "📝"', 'type: "tech"', "topics: []", "published: false"],
  qiita: ["title: ''", "tags:", "  - ''", "private: false", "updated_at: ''", "id: null", "organization_url_name: null", "slide: false", "ignorePublish: false"],
};

function missing(text: string, detection: Detection): FrontmatterProblem[] {
  const template = detection.platform ? TEMPLATES[detection.platform] : undefined;
  if (!template || detection.source !== "layout") return [];
  const eol = /\r\n/.test(text) ? "\r\n" : "\n";
  const start = text.startsWith("\uFEFF") ? 1 : 0;
  const firstLineEnd = (() => {
    const m = /\r\n|\r|\n/.exec(text.slice(start));
    return m ? start + m.index : text.length;
  })();
  const block = `---${eol}${template.join(eol)}${eol}---${eol}`;
  return [
    problem("missing", [start, Math.max(firstLineEnd, Math.min(text.length, start + 1))], say("This post has no frontmatter; the platform needs one.", "この記事にはフロントマターがありません。投稿先のプラットフォームでは必要です。"), [
      fix("Add the frontmatter", "フロントマターを追加", [{ range: [start, start], newText: block }]),
    ]),
  ];
}

/**
 * The post's problems at the levels the settings give (`options.rules`), without the rules the post
 * ignores (dismiss.ts).
 */
export function checkFrontmatter(text: string, input: FrontmatterInput): FrontmatterResult {
  const frontmatter = parseFrontmatter(text);
  const detection = detectPlatform({ text, data: frontmatter?.data, filePath: input.filePath, root: input.root, setting: input.setting, probe: input.probe });
  const found = allProblems(text, input, frontmatter, detection);
  const problems = applyLevels(found, input.options.rules ?? {}, ignoredInPost(text, frontmatter));
  return { detection, frontmatter, problems: problems.map((p) => ({ ...p, ignore: ignoreInPostEdit(text, frontmatter, p.ruleId, detection.platform) })) };
}

function allProblems(text: string, input: FrontmatterInput, frontmatter: ParsedFrontmatter | undefined, detection: Detection): FrontmatterProblem[] {
  if (!frontmatter) return missing(text, detection);
  const problems = [...frontmatter.problems];
  if (!frontmatter.data || !detection.platform) return problems;
  const ctx: CheckContext = {
    fields: new Fields(text, frontmatter),
    filePath: input.filePath,
    root: input.root,
    now: input.now,
    options: input.options,
    fileExists: (p) => input.probe.isFile(p),
    ...(input.duplicatesOf ? { duplicatesOf: input.duplicatesOf } : {}),
  };
  if (detection.platform === "custom") problems.push(...customChecks(ctx, input.schema?.compiled, input.schema?.file ?? "tsuzuri.frontmatter.schema"));
  else if (detection.platform === "zenn" && isZennChapter(input.filePath)) problems.push(...zennChapterProblems(ctx, bookConfigText(input)));
  else problems.push(...CHECKS[detection.platform](ctx));
  problems.push(...generic(ctx));
  problems.push(...imageProblems({ text, bodyStart: frontmatter.range[1], filePath: input.filePath, root: input.root, platform: detection.platform, fileHead: fileHeadOf(input.probe) }));
  return problems;
}

/** The config.yaml (or config.yml) of a chapter's book. */
function bookConfigText(input: FrontmatterInput): string | undefined {
  const dir = path.dirname(input.filePath);
  return input.probe.readText(path.join(dir, "config.yaml")) ?? input.probe.readText(path.join(dir, "config.yml"));
}

/**
 * A Zenn book's config.yaml (checks/zennBook.ts), at the levels the settings give. Rules are
 * dismissed in the settings only: the file is the book's, not a post.
 */
export function checkBookConfig(text: string, input: { filePath: string; folder: BookFolder; now: Date; options: FrontmatterOptions }): FrontmatterResult {
  const problems = applyLevels(zennBookProblems(text, input.filePath, input.folder, input.now), input.options.rules ?? {}, new Set());
  return { detection: { platform: "zenn", source: "layout", reason: { en: "Zenn: a book's config.yaml", ja: "Zenn: 本の config.yaml" } }, frontmatter: undefined, problems };
}

/** The probe's fileHead, or one made of isFile and readText (probes in tests). */
function fileHeadOf(probe: LayoutProbe): FileHead {
  if (probe.fileHead) return (p) => probe.fileHead!(p);
  return (p) => {
    if (!probe.isFile(p)) return undefined;
    const text = probe.readText(p) ?? "";
    return { size: text.length, head: text.slice(0, 256) };
  };
}
