/**
 * The agent tools without the MCP transport: the bundle `dist/post-tools.js`, which the VS Code
 * extension loads on an agent's first tool call (client/src/agentTools.ts), as it loads the
 * preview's renderer: the CLI's runner and the checks stay out of the extension's own bundle.
 */
export { PostTools, type FixOutput } from "./postTools";
export { callTool, toolAnswer } from "./toolCalls";
