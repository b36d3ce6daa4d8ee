/** Which files `tsuzuri check` looks at: files, folders (their Markdown files) and globs. */
import * as fs from "node:fs";
import * as path from "node:path";
import { glob } from "tinyglobby";
import { cliMessages, type CliMessages } from "./messages";
import { isBookConfigInZennRepository } from "../core/frontmatter/checks/zennBook";
import { nodeConfigFs } from "../node/nodeFs";

const MARKDOWN_GLOB = "**/*.{md,markdown}";
/** Zenn books' config.yaml, checked with the book's rules (no textlint), in Zenn repositories only. */
const BOOK_CONFIG_GLOB = "**/books/*/config.{yaml,yml}";
const ALWAYS_IGNORED = ["**/node_modules/**", "**/.git/**"];

export async function listFiles(patterns: string[], cwd: string): Promise<string[]> {
  const inputs = patterns.length > 0 ? patterns : ["."];
  const found = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (stat?.isFile()) {
      found.add(abs);
      continue;
    }
    const matches = stat?.isDirectory()
      ? [
          ...(await glob(MARKDOWN_GLOB, { cwd: abs, absolute: true, ignore: ALWAYS_IGNORED, dot: false })),
          ...(await glob(BOOK_CONFIG_GLOB, { cwd: abs, absolute: true, ignore: ALWAYS_IGNORED, dot: false })).filter((p) => isBookConfigInZennRepository(nodeConfigFs, p)),
        ]
      : await glob(input, { cwd, absolute: true, ignore: ALWAYS_IGNORED });
    for (const m of matches) found.add(path.resolve(m));
  }
  return [...found].sort();
}

/** Reads a file for linting; binary files (NUL bytes) are refused rather than linted as garbage. */
export function readForLint(filePath: string, messages: CliMessages = cliMessages("en")): { ok: true; text: string } | { ok: false; reason: string } {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(filePath);
  } catch (e) {
    return { ok: false, reason: messages.cannotRead((e as Error).message) };
  }
  return decodeForLint(buffer, messages);
}

/** The bytes of a post (a file or stdin) as text, unless they are binary. */
export function decodeForLint(buffer: Buffer, messages: CliMessages): { ok: true; text: string } | { ok: false; reason: string } {
  if (buffer.subarray(0, 8000).includes(0)) return { ok: false, reason: messages.binaryFile };
  return { ok: true, text: buffer.toString("utf8") };
}
