/**
 * The body as the renderers see it: line breaks normalised to `\n`, the BOM dropped, and the
 * frontmatter's lines left in place but emptied. Every line keeps its number, so the line maps the
 * renderers produce are lines of the whole post (what the editor and the diagnostics use).
 */
import { parseFrontmatter, type ParsedFrontmatter } from "../frontmatter/parse";
import { lineIndexOf } from "../shared/lines";

export interface PreparedPost {
  /** The post with `\n` line breaks, the frontmatter lines blank. */
  body: string;
  frontmatter: ParsedFrontmatter | undefined;
  /** True when the frontmatter block is closed (so its lines are blanked and not rendered). */
  hasFrontmatter: boolean;
  /** 0-based first and last line of the frontmatter block. */
  frontmatterLines?: [number, number];
  /** The line of an offset of the original text. */
  lineOf(offset: number): number;
}

export function preparePost(text: string): PreparedPost {
  const frontmatter = parseFrontmatter(text);
  const closed = frontmatter !== undefined && !frontmatter.problems.some((p) => p.ruleId === "frontmatter/unclosed");
  const lineOf = lineIndexOf(text);
  let body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let frontmatterLines: [number, number] | undefined;
  if (frontmatter && closed) {
    const end = frontmatter.range[1];
    // Keep the block's line breaks, drop its text (the BOM at offset 0 goes with it).
    body = text.slice(0, end).replace(/[^\r\n]+/g, "") + text.slice(end);
    frontmatterLines = [lineOf(frontmatter.range[0]), lineOf(end)];
  }
  return { body: body.replace(/\r\n?/g, "\n"), frontmatter, hasFrontmatter: closed, ...(frontmatterLines ? { frontmatterLines } : {}), lineOf };
}

