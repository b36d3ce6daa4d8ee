/**
 * The post an MCP tool is asked about: a Markdown file on disk (`path`), or text that is not saved
 * (`text`, checked as if it were `fileName`, as `tsuzuri check --stdin --stdin-filename` does).
 * Bad input becomes a ToolError, which the tool reports as an error result with its message.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readForLint } from "../cli/files";
import type { CliMessages } from "../cli/messages";
import { normalizeSettings, type PlatformSetting, type TsuzuriSettings } from "../core/settings";
import { merged, settingsForFile } from "../core/settingsForFile";
import { editorSettings } from "../cli/editorSettings";

/** A problem with the tool's input or the project (missing file, broken config): the agent is told, the server goes on. */
export class ToolError extends Error {}

export interface PostInput {
  path?: string | undefined;
  text?: string | undefined;
  fileName?: string | undefined;
  platform?: PlatformSetting | undefined;
}

export interface Post {
  /** Absolute path: the file, or the name the text is checked as. */
  filePath: string;
  text: string;
  onDisk: boolean;
  /** The project root for config lookup and platform detection: the working folder when the post is in it (as tsuzuri check). */
  root: string | undefined;
  settings: TsuzuriSettings;
}

/** The name unsaved text is checked as when no fileName is given. */
export const DEFAULT_FILE_NAME = "untitled.md";

export function resolvePost(input: PostInput, cwd: string, messages: CliMessages): Post {
  // The editor's settings of the working folder (.vscode/settings.json), as tsuzuri check reads them.
  const editor = editorSettings(cwd, undefined, false);
  if (!editor.ok) throw new ToolError(editor.message.en);
  const folderSettings = normalizeSettings(merged(editor.raw, input.platform !== undefined ? { platform: input.platform } : {}));
  const rootOf = (filePath: string) => (filePath.startsWith(cwd + path.sep) ? cwd : undefined);
  if (input.path !== undefined && input.text !== undefined) {
    throw new ToolError("Give either path or text, not both (with text, fileName says which file it stands for).");
  }
  if (input.text !== undefined) {
    const filePath = path.resolve(cwd, input.fileName ?? DEFAULT_FILE_NAME);
    return { filePath, text: input.text, onDisk: false, root: rootOf(filePath), settings: settingsForFile(folderSettings, filePath, cwd) };
  }
  if (input.path === undefined || input.path === "") throw new ToolError("Give the post: path (a Markdown file) or text.");
  const filePath = path.resolve(cwd, input.path);
  const stat = fs.statSync(filePath, { throwIfNoEntry: false });
  if (!stat) throw new ToolError(`No such file: ${filePath}`);
  if (!stat.isFile()) throw new ToolError(`Not a file: ${filePath} (give one Markdown file)`);
  const read = readForLint(filePath, messages);
  if (!read.ok) throw new ToolError(`Cannot check ${filePath}: ${read.reason}`);
  return { filePath, text: read.text, onDisk: true, root: rootOf(filePath), settings: settingsForFile(folderSettings, filePath, cwd) };
}
