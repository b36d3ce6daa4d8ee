/**
 * What the MCP tools do, on the same code paths as the CLI: `tsuzuri check`'s runner (a lint worker
 * under the time and size budgets, the project's config or the bundled preset, the frontmatter
 * checks), the editor's platform detection, the preview's renderer and the pre-publish gate.
 * Results are plain data; tools.ts turns them into MCP results. Nothing is sent anywhere.
 */
import * as path from "node:path";
import type * as Render from "../core/render";
import { agentProblem, gateLevelOf, problemCounts, type AgentProblem } from "../core/agent/problems";
import { gateVerdict, isPublishable } from "../core/publish/gate";
import type { PublishBlockOn } from "../core/settings";
import { RENDER_PLATFORMS, type RenderPlatform } from "../core/render/types";
import { htmlToPlainText } from "../core/render/plainText";
import { readForLint } from "../cli/files";
import { cliMessages, type CliLang, type CliMessages } from "../cli/messages";
import { postChecks } from "../cli/postChecks";
import { runChecks, runnerOptions } from "../cli/runner";
import { stdinReader } from "../cli/stdin";
import { version } from "../cli/version";
import { FrontmatterService } from "../frontmatterService";
import { resolvePost, ToolError, type Post, type PostInput } from "./post";

export interface CheckOutput {
  file: string;
  /** Problems in textlint's order, frontmatter first; positions 1-based (see core/agent/problems.ts). */
  problems: AgentProblem[];
  errors: number;
  warnings: number;
  /** True when the project's .textlintignore excludes the file (nothing was checked). */
  ignored?: boolean;
}

export interface FixOutput extends CheckOutput {
  fixedText: string;
  changed: boolean;
  /** True only when the fixed text was written to the file (path given and write: true). */
  written: boolean;
  fixesApplied: number;
}

export class PostTools {
  private readonly messages: CliMessages;
  private readonly frontmatter = new FrontmatterService();
  private renderer: typeof Render | undefined;

  constructor(
    private readonly cwd: string,
    private readonly lang: CliLang,
    /** Where dist/render.js is (the bundle's own folder). */
    private readonly bundleDir: string,
  ) {
    this.messages = cliMessages(lang);
  }

  async check(input: PostInput): Promise<CheckOutput> {
    const post = this.post(input);
    const report = await this.run(post, false, false);
    const result = report.results[0];
    return this.output(post, result?.messages.map(agentProblem) ?? [], result === undefined);
  }

  async fix(input: PostInput & { write?: boolean | undefined }): Promise<FixOutput> {
    const post = this.post(input);
    if (input.write && !post.onDisk) throw new ToolError("write: true needs path (the file to write); with text, the fixed text is only returned.");
    const write = input.write === true;
    const report = await this.run(post, true, write);
    const result = report.fixResults[0];
    const fixedText = result?.output ?? post.text;
    const remaining = result?.remainingMessages.map(agentProblem) ?? [];
    const written = write && report.changes.length > 0 && !remaining.some((p) => p.ruleId === "tsuzuri/write-failed");
    return { ...this.output(post, remaining, result === undefined), fixedText, changed: fixedText !== post.text, written, fixesApplied: result?.applyingMessages.length ?? 0 };
  }

  detectPlatform(input: PostInput) {
    const post = this.post(input);
    const detection = this.frontmatter.detect(post.text, post.filePath, post.root, post.settings);
    const platform = detection?.platform ?? null;
    return {
      file: post.filePath,
      platform,
      source: detection?.source ?? "setting",
      reason: detection?.reason[this.lang] ?? "platform checks are off (platform: off)",
      publishable: isPublishable(platform ?? undefined),
    };
  }

  async render(input: PostInput & { renderAs?: RenderPlatform | undefined }) {
    const post = this.post(input);
    const detected = this.frontmatter.platformOf(post.text, post.filePath, post.root, post.settings);
    const platform = input.renderAs ?? (RENDER_PLATFORMS as readonly string[]).find((p) => p === detected) ?? "blog";
    // No math renderer: math stays TeX source, which a reader of the text can still read.
    const result = await this.loadRenderer().renderPost(post.text, { platform: platform as RenderPlatform, filePath: post.filePath, locale: this.lang, cacheKey: null });
    return { file: post.filePath, platform: result.platform, html: result.html, text: htmlToPlainText(result.html) };
  }

  async prepublish(input: PostInput & { blockOn?: PublishBlockOn | undefined }) {
    // The argument, else the folder's tsuzuri.publish.blockOn (.vscode/settings.json), else error.
    const blockOn = input.blockOn ?? this.post(input).settings.publish.blockOn;
    const detected = this.detectPlatform(input);
    if (!isPublishable(detected.platform ?? undefined)) {
      const reason = `Tsuzuri publishes to zenn, qiita, hatena and devto; this post's platform is ${detected.platform ?? "unknown"} (${detected.reason}).`;
      return { file: detected.file, verdict: "notPublishable" as const, platform: detected.platform, blockOn, reason, blocking: [], needsConfirmation: [] };
    }
    const checked = await this.check(input);
    const gate = gateVerdict(checked.problems, blockOn, gateLevelOf);
    const reason =
      gate.verdict === "blocked"
        ? `${gate.blocking.length} problem(s) at or above blockOn "${blockOn}" block publishing: fix them first.`
        : gate.verdict === "confirm"
          ? `Nothing blocks, but the writer must confirm ${gate.asks.length} problem(s) before publishing.`
          : "Nothing blocks publishing.";
    return { file: detected.file, verdict: gate.verdict, platform: detected.platform, blockOn, reason, blocking: gate.blocking, needsConfirmation: gate.asks };
  }

  private post(input: PostInput): Post {
    return resolvePost(input, this.cwd, this.messages);
  }

  private output(post: Post, problems: AgentProblem[], ignored: boolean): CheckOutput {
    const counts = problemCounts(problems);
    return { file: post.filePath, problems, errors: counts.errors, warnings: counts.warnings, ...(ignored ? { ignored: true } : {}) };
  }

  /** `tsuzuri check` (with --fix) on one post, its text as given; writes only when `write`. */
  private async run(post: Post, fix: boolean, write: boolean) {
    const runner = runnerOptions({ jobs: "1" }, this.cwd, this.lang);
    if ("error" in runner) throw new ToolError(runner.error);
    const report = await runChecks(
      runner,
      {
        read: stdinReader({ filePath: post.filePath, text: post.text }, (p) => readForLint(p, this.messages)),
        warn: () => undefined,
        ...postChecks(this.frontmatter, post.settings, this.cwd, this.lang),
      },
      { files: [post.filePath], cwd: this.cwd, fix, dryRun: fix && !write, settings: post.settings },
      version(),
      this.lang,
    );
    if (report.configErrors.length > 0) throw new ToolError(report.configErrors.map((e) => e.message).join("\n"));
    const skipped = report.skipped[0];
    if (skipped) throw new ToolError(this.messages.skipped(skipped.filePath, skipped.reason));
    return report;
  }

  private loadRenderer(): typeof Render {
    const bundle = path.join(this.bundleDir, "render.js");
    try {
      this.renderer ??= require(bundle) as typeof Render;
    } catch (e) {
      throw new ToolError(`The preview renderer could not be loaded from ${bundle}: ${(e as Error).message}`);
    }
    return this.renderer;
  }
}
