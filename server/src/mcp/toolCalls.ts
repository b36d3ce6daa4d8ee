/**
 * The five tools' names, their arguments as plain data and their answers as text: shared by the MCP
 * server (tools.ts) and VS Code's Language Model Tools (client/src/agentTools.ts), which give the
 * same tools to agents under the same names (prefixed `tsuzuri_` in VS Code, where names are global).
 */
import { blockOns, platformSettings, type PlatformSetting, type PublishBlockOn } from "../core/settings";
import { RENDER_PLATFORMS, type RenderPlatform } from "../core/render/types";
import { ToolError, type PostInput } from "./post";
import type { PostTools } from "./postTools";

import type { ToolName } from "./toolNames";

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined => (allowed as readonly unknown[]).includes(v) ? (v as T) : undefined;

/** The post's part of a tool's arguments; values outside the schema are left out. */
function postInput(args: Record<string, unknown>): PostInput {
  return { path: str(args["path"]), text: str(args["text"]), fileName: str(args["fileName"]), platform: oneOf<PlatformSetting>(args["platform"], platformSettings) };
}

export function callTool(tools: PostTools, name: ToolName, args: Record<string, unknown>): Promise<unknown> | unknown {
  const input = postInput(args);
  switch (name) {
    case "check":
      return tools.check(input);
    case "fix":
      return tools.fix({ ...input, write: args["write"] === true });
    case "detect_platform":
      return tools.detectPlatform(input);
    case "render":
      return tools.render({ ...input, renderAs: oneOf<RenderPlatform>(args["renderAs"], RENDER_PLATFORMS) });
    case "prepublish":
      return tools.prepublish({ ...input, blockOn: oneOf<PublishBlockOn>(args["blockOn"], blockOns) });
  }
}

/** A tool's answer as text: its result as JSON, or the message of what went wrong (isError). */
export async function toolAnswer(work: () => unknown): Promise<{ text: string; isError: boolean }> {
  try {
    return { text: JSON.stringify(await work(), null, 2), isError: false };
  } catch (e) {
    const text = e instanceof ToolError ? e.message : `Tsuzuri failed: ${e instanceof Error ? e.message : String(e)}`;
    return { text, isError: true };
  }
}
