/**
 * Dismissing frontmatter rules: per post with a comment Tsuzuri reads, or per folder with the
 * setting `tsuzuri.frontmatter.rules` (`{ "zenn-topic-case": "off" }`, or another level).
 *
 * The comment keeps the post valid for every platform: a YAML (or TOML) comment line inside the
 * frontmatter, `# tsuzuri-ignore: zenn-topic-case, zenn-topic-length`, which the platforms' parsers
 * skip; or an HTML comment line near the top, `<!-- tsuzuri-ignore: qiita-id -->`, which Markdown
 * renders as nothing. The HTML form is written right after the frontmatter for Qiita and Hatena Blog
 * (Qiita CLI and blogsync rewrite the frontmatter when they sync, dropping its comments, but keep the
 * body) and at the top of a post without a frontmatter.
 */
import { ruleNameOf, levelOf } from "./rules";
import type { ParsedFrontmatter } from "./parse";
import type { FrontmatterEdit, FrontmatterProblem, PlatformId, RuleLevel } from "./types";

const HEAD = 8192;
const YAML_DIRECTIVE = /^([ \t]*#[ \t]*tsuzuri-ignore:)([^\r\n]*)$/gm;
const HTML_DIRECTIVE = /^([ \t]*<!--[ \t]*tsuzuri-ignore:)([^\r\n]*?)([ \t]*-->[ \t]*)$/gm;

const namesIn = (list: string): string[] => list.split(/[\s,]+/).map((n) => ruleNameOf(n.trim())).filter((n) => n !== "");

interface Directive {
  /** Where the rule list ends (a new name is inserted there). */
  listEnd: number;
  names: string[];
}

function directives(text: string, fm: ParsedFrontmatter | undefined): Directive[] {
  const out: Directive[] = [];
  if (fm) {
    const [start, end] = fm.contentRange;
    for (const m of text.slice(start, end).matchAll(YAML_DIRECTIVE)) {
      const list = (m[2] ?? "").trimEnd();
      out.push({ listEnd: start + (m.index ?? 0) + (m[1] ?? "").length + list.length, names: namesIn(list) });
    }
  }
  const head = text.slice(0, Math.max(HEAD, fm?.range[1] ?? 0));
  for (const m of head.matchAll(HTML_DIRECTIVE)) {
    const list = (m[2] ?? "").trimEnd();
    out.push({ listEnd: (m.index ?? 0) + (m[1] ?? "").length + list.length, names: namesIn(list) });
  }
  return out;
}

/** The rule names a post ignores. */
export function ignoredInPost(text: string, fm: ParsedFrontmatter | undefined): Set<string> {
  return new Set(directives(text, fm).flatMap((d) => d.names));
}

/** The problems with the levels the settings give and without those the post ignores. */
export function applyLevels(problems: readonly FrontmatterProblem[], overrides: Readonly<Record<string, RuleLevel>>, ignored: ReadonlySet<string>): FrontmatterProblem[] {
  const out: FrontmatterProblem[] = [];
  for (const p of problems) {
    if (ignored.has(ruleNameOf(p.ruleId))) continue;
    const level = levelOf(p.ruleId, overrides);
    if (level !== "off") out.push(level === p.severity ? p : { ...p, severity: level });
  }
  return out;
}

/** The edit that makes the post ignore `ruleId`: added to an existing comment, else a new one. */
export function ignoreInPostEdit(text: string, fm: ParsedFrontmatter | undefined, ruleId: string, platform: PlatformId | undefined): FrontmatterEdit {
  const name = ruleNameOf(ruleId);
  const existing = directives(text, fm);
  const yamlComment = fm !== undefined && fm.range[1] > fm.contentRange[0] && platform !== "qiita" && platform !== "hatena";
  // Add to the comment of the kind this post would get, else to any.
  const same = existing.find((d) => (fm ? d.listEnd >= fm.contentRange[0] && d.listEnd < fm.contentRange[1] : false) === yamlComment) ?? existing[0];
  if (same) return { range: [same.listEnd, same.listEnd], newText: same.names.length > 0 ? `, ${name}` : ` ${name}` };
  const eol = fm?.eol ?? (/\r\n/.test(text) ? "\r\n" : "\n");
  if (fm && yamlComment) {
    const at = fm.contentRange[1];
    const sep = at === fm.contentRange[0] || /[\r\n]$/.test(text.slice(0, at)) ? "" : eol;
    return { range: [at, at], newText: `${sep}# tsuzuri-ignore: ${name}${eol}` };
  }
  const comment = `<!-- tsuzuri-ignore: ${name} -->`;
  if (fm) {
    // After the block (or after the opening line of a block that is never closed).
    const end = fm.range[1];
    const rest = /^\r\n|^\r|^\n/.exec(text.slice(end));
    return rest ? { range: [end + rest[0].length, end + rest[0].length], newText: `${comment}${eol}` } : { range: [end, end], newText: `${eol}${comment}${eol}` };
  }
  const start = text.startsWith("\uFEFF") ? 1 : 0;
  return { range: [start, start], newText: `${comment}${eol}` };
}
