/**
 * The MCP tools: descriptions (models read them: English, and say what positions mean), input
 * schemas and annotations, registered over toolCalls.ts's thin dispatch to PostTools. A failure (a
 * missing file, a broken config, a rule that crashed) is an error result with its message, never a
 * dead server. VS Code's Language Model Tools (package.json) carry the same descriptions and
 * inputs; test/unit/agentTools.test.ts keeps the two in step.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { blockOns, platformSettings } from "../core/settings";
import { RENDER_PLATFORMS } from "../core/render/types";
import { DEFAULT_FILE_NAME } from "./post";
import type * as Library from "./library";
import { TOOL_NAMES, type ToolName } from "./toolNames";

const POSITIONS =
  "Positions: line and column are 1-based and count UTF-16 code units (as `tsuzuri check --format json` and editors show them); endLine/endColumn point just after the problem.";

const enumOf = (values: readonly string[]) => z.enum(values as [string, ...string[]]);

const post = {
  path: z.string().optional().describe("Path of a Markdown post on disk (absolute, or relative to the server's working folder). Give path or text."),
  text: z.string().optional().describe("The post's Markdown text (e.g. unsaved edits). Give path or text."),
  fileName: z
    .string()
    .optional()
    .describe(`With text: the file the text stands for (e.g. articles/my-post.md): it decides the platform and the nearest .textlintrc. Default: ${DEFAULT_FILE_NAME} in the working folder.`),
  platform: enumOf(platformSettings.filter((p) => p !== "custom"))
    .optional()
    .describe("Frontmatter rules to apply: auto (default: detect from the post, its folder and its repository), off, or a platform."),
};

const readOnly: ToolAnnotations = { readOnlyHint: true, openWorldHint: false };

export interface ToolSpec {
  title: string;
  description: string;
  inputSchema: z.ZodRawShape;
  annotations: ToolAnnotations;
}

export const TOOLS: Record<ToolName, ToolSpec> = {
  check: {
    title: "Check a Japanese tech-blog post",
    description:
      "Lint a Markdown post with Tsuzuri, exactly as `tsuzuri check` does: textlint with the project's nearest config (else the bundled ja-technical-writing preset) and the frontmatter rules of the post's platform (Zenn, Qiita, Hatena Blog, dev.to, blog). Returns each problem's ruleId, message (often Japanese), severity (error/warning/info), position and whether the fix tool can fix it. " +
      POSITIONS,
    inputSchema: post,
    annotations: readOnly,
  },
  fix: {
    title: "Apply the rules' automatic fixes",
    description:
      "Apply the automatic fixes of the same checks as the check tool (like `tsuzuri check --fix`) and return the fixed text and the problems that remain in it (positions refer to the fixed text). Writes nothing unless path is given and write is true; then the file is replaced atomically. " +
      POSITIONS,
    inputSchema: { ...post, write: z.boolean().optional().describe("With path: write the fixed text to the file (default false: only return it).") },
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  },
  detect_platform: {
    title: "Which platform a post is for",
    description:
      "Tell which platform a post is written for (zenn, qiita, hatena, devto or blog) and why: a `tsuzuri-platform:` comment in the post, the platform argument, the repository's layout and tools (zenn-cli's articles/, Qiita CLI's public/, blogsync.yaml, a static-site generator's config), or the frontmatter's keys. Also says whether Tsuzuri can publish there.",
    inputSchema: post,
    annotations: readOnly,
  },
  render: {
    title: "Render the platform preview",
    description:
      "Render a post as its platform shows it (Tsuzuri's preview: Zenn's own renderer for Zenn, each platform's Markdown notations otherwise), offline: embeds become placeholders, math stays TeX. Returns the sanitised HTML (a header from the frontmatter, then the body) and the same as plain text.",
    inputSchema: { ...post, renderAs: enumOf(RENDER_PLATFORMS).optional().describe("Render as this platform instead of the detected one (default: detected, else blog).") },
    annotations: readOnly,
  },
  prepublish: {
    title: "Would the pre-publish gate let this post through?",
    description:
      "The verdict of Tsuzuri's pre-publish gate, without publishing or sending anything: runs the same checks as the check tool and applies blockOn (the editor's tsuzuri.publish.blockOn). verdict is blocked (problems at or above blockOn: listed in blocking), confirm (nothing blocks, but the writer must accept the problems in needsConfirmation), ready, or notPublishable (the post's platform is not zenn, qiita, hatena or devto). " +
      POSITIONS,
    inputSchema: { ...post, blockOn: enumOf(blockOns).optional().describe("error: errors block, warnings ask; warning: both block; never: nothing blocks, everything asks. Default: the folder's tsuzuri.publish.blockOn, else error.") },
    annotations: readOnly,
  },
};

/** `lib` is dist/post-tools.js, the tools' work, shared with the VS Code extension (library.ts). */
export function registerTools(server: McpServer, lib: typeof Library, tools: Library.PostTools): void {
  for (const name of TOOL_NAMES) {
    const spec = TOOLS[name];
    server.registerTool(name, spec, async (args: Record<string, unknown>) => {
      const { text, isError } = await lib.toolAnswer(() => lib.callTool(tools, name, args));
      return { content: [{ type: "text", text }], ...(isError ? { isError: true } : {}) };
    });
  }
}
