/** The agent tools' names (MCP; `tsuzuri_<name>` in VS Code), apart so the extension can list them without loading the tools. */
export const TOOL_NAMES = ["check", "fix", "detect_platform", "render", "prepublish"] as const;
export type ToolName = (typeof TOOL_NAMES)[number];
