/**
 * The agent tools are one set: the MCP server's (server/src/mcp/tools.ts) and VS Code's Language
 * Model Tools (package.json's contributes.languageModelTools) have the same names, descriptions and
 * input schemas; and the dispatch hands each tool only the arguments its schema allows.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { TOOLS } from "../../server/src/mcp/tools";
import { callTool, toolAnswer } from "../../server/src/mcp/toolCalls";
import { TOOL_NAMES } from "../../server/src/mcp/toolNames";
import { ToolError } from "../../server/src/mcp/post";
import type { PostTools } from "../../server/src/mcp/postTools";
import { repoRoot } from "../helpers/workspace";

interface LmTool {
  name: string;
  modelDescription: string;
  inputSchema: unknown;
  displayName: string;
}

describe("agent tools", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { contributes: { languageModelTools: LmTool[] } };
  const lmTools = manifest.contributes.languageModelTools;

  it("VS Code's Language Model Tools are the MCP tools: names, descriptions, input schemas", () => {
    assert.deepEqual(lmTools.map((t) => t.name), TOOL_NAMES.map((n) => `tsuzuri_${n}`));
    for (const name of TOOL_NAMES) {
      const lm = lmTools.find((t) => t.name === `tsuzuri_${name}`);
      const { $schema: _, ...schema } = z.toJSONSchema(z.object(TOOLS[name].inputSchema), { io: "input" });
      assert.equal(lm?.modelDescription, TOOLS[name].description, name);
      assert.deepEqual(lm?.inputSchema, schema, `${name}: regenerate package.json's inputSchema from tools.ts`);
      assert.match(lm?.displayName ?? "", /^%lmTool\.\w+\.displayName%$/);
    }
  });

  it("each tool gets only the arguments its schema allows", async () => {
    const calls: [string, unknown][] = [];
    const fake = new Proxy({}, { get: (_t, method: string) => (input: unknown) => (calls.push([method, input]), method) }) as PostTools;
    await callTool(fake, "check", { path: "a.md", platform: "nowhere", extra: 1 });
    await callTool(fake, "fix", { text: "x", fileName: "b.md", write: "yes" });
    await callTool(fake, "prepublish", { path: "a.md", blockOn: "warning" });
    await callTool(fake, "render", { path: "a.md", renderAs: "zenn", platform: "qiita" });
    assert.deepEqual(calls, [
      ["check", { path: "a.md", text: undefined, fileName: undefined, platform: undefined }],
      ["fix", { path: undefined, text: "x", fileName: "b.md", platform: undefined, write: false }],
      ["prepublish", { path: "a.md", text: undefined, fileName: undefined, platform: undefined, blockOn: "warning" }],
      ["render", { path: "a.md", text: undefined, fileName: undefined, platform: "qiita", renderAs: "zenn" }],
    ]);
  });

  it("answers are JSON, failures their message", async () => {
    assert.deepEqual(await toolAnswer(() => ({ a: 1 })), { text: '{\n  "a": 1\n}', isError: false });
    assert.deepEqual(await toolAnswer(() => Promise.reject(new ToolError("No such file: /x.md"))), { text: "No such file: /x.md", isError: true });
    assert.deepEqual(await toolAnswer(() => { throw new Error("boom"); }), { text: "Tsuzuri failed: boom", isError: true });
  });
});
