/**
 * Hatena Blog's Atom XML: the entry Tsuzuri sends, and the entry or feed Hatena answers.
 *
 * Reading uses sax (isaacs/sax-js) as a strict, namespace-aware parser: a malformed answer is an
 * error, not a guess; only XML's five predefined entities and character references are decoded
 * (strictEntities: no HTML entities), and a DTD is never expanded (sax keeps a DOCTYPE as text and
 * does not define entities from it), so an answer cannot blow up in memory or reach for files.
 * Elements are matched by namespace URI and local name, not by prefix.
 *
 * Writing is by hand, because there are six fixed elements and no XML writer among the dependencies:
 * every piece of the writer's text goes through escapeText / escapeAttribute (below), which escape
 * `&` first (so no entity is escaped twice), then `<`, `>` (so `]]>` cannot appear), and in
 * attributes `"` and `'` as well; carriage returns (and, in attributes, tabs and line feeds) are
 * written as character references because an XML parser would otherwise normalise them away.
 * Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are
 * refused before anything is built: see invalidXmlCharacter.
 */

export const ATOM_NS = "http://www.w3.org/2005/Atom";
export const APP_NS = "http://www.w3.org/2007/app";
export const HATENABLOG_NS = "http://www.hatena.ne.jp/info/xmlns#hatenablog";

// sax ships no types; the part of its API used here.
interface SaxAttribute {
  value: string;
  uri: string;
  local: string;
}
interface SaxTag {
  name: string;
  uri: string;
  local: string;
  attributes: Record<string, SaxAttribute>;
}
interface SaxParser {
  onopentag: (tag: SaxTag) => void;
  onclosetag: (name: string) => void;
  ontext: (text: string) => void;
  oncdata: (text: string) => void;
  onerror: (error: Error) => void;
  write(chunk: string): SaxParser;
  close(): SaxParser;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require("sax") as { parser(strict: boolean, options: { xmlns: boolean; strictEntities: boolean; trim: boolean; normalize: boolean; position: boolean }): SaxParser };

export interface AtomLink {
  rel: string;
  href: string;
}

/** One entry as Hatena answers it (the fields blogsync reads, and a few more). */
export interface AtomEntry {
  id?: string;
  title: string;
  author?: string;
  content: string;
  contentType?: string;
  /** The post's date (blogsync's Date). */
  updated?: string;
  published?: string;
  /** app:edited: the last time the entry was changed (blogsync's conflict check). */
  edited?: string;
  categories: string[];
  /** app:control/app:draft: true for "yes", false for "no", undefined when absent. */
  draft?: boolean;
  customUrl?: string;
  links: AtomLink[];
}

export interface AtomFeed {
  entries: AtomEntry[];
  links: AtomLink[];
}

/** The answer is not the XML expected (malformed, or another root element). */
export class AtomXmlError extends Error {}

export function linkHref(links: readonly AtomLink[], rel: string): string | undefined {
  return links.find((l) => l.rel === rel)?.href;
}

interface Frame {
  uri: string;
  local: string;
  text: string;
}

function parseAtom(xml: string): { root: Frame; entries: AtomEntry[]; feedLinks: AtomLink[] } {
  const parser = sax.parser(true, { xmlns: true, strictEntities: true, trim: false, normalize: false, position: true });
  const stack: Frame[] = [];
  const entries: AtomEntry[] = [];
  const feedLinks: AtomLink[] = [];
  let root: Frame | undefined;
  let entry: AtomEntry | undefined;
  let entryDepth = -1;
  let failure: Error | undefined;
  const is = (f: Frame | undefined, uri: string, local: string) => f !== undefined && f.uri === uri && f.local === local;
  const attribute = (tag: SaxTag, local: string) => Object.values(tag.attributes).find((a) => a.local === local && a.uri === "")?.value;

  parser.onerror = (error) => {
    failure ??= error;
    throw error;
  };
  parser.onopentag = (tag) => {
    const frame: Frame = { uri: tag.uri, local: tag.local, text: "" };
    const parent = stack[stack.length - 1];
    if (!root) root = frame;
    if (is(frame, ATOM_NS, "entry") && entry === undefined && (parent === undefined || is(parent, ATOM_NS, "feed"))) {
      entry = { title: "", content: "", categories: [], links: [] };
      entryDepth = stack.length;
    } else if (entry && stack.length === entryDepth + 1) {
      if (is(frame, ATOM_NS, "link")) entry.links.push({ rel: attribute(tag, "rel") ?? "alternate", href: attribute(tag, "href") ?? "" });
      else if (is(frame, ATOM_NS, "category")) {
        const term = attribute(tag, "term");
        if (term !== undefined) entry.categories.push(term);
      } else if (is(frame, ATOM_NS, "content")) {
        const type = attribute(tag, "type");
        if (type !== undefined) entry.contentType = type;
      }
    } else if (!entry && stack.length === 1 && is(parent, ATOM_NS, "feed") && is(frame, ATOM_NS, "link")) {
      feedLinks.push({ rel: attribute(tag, "rel") ?? "alternate", href: attribute(tag, "href") ?? "" });
    }
    stack.push(frame);
  };
  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.onclosetag = () => {
    const frame = stack.pop();
    if (!frame || !entry) return;
    const depth = stack.length;
    if (depth === entryDepth) {
      entries.push(entry);
      entry = undefined;
      entryDepth = -1;
      return;
    }
    const parent = stack[depth - 1];
    if (depth === entryDepth + 1) {
      if (frame.uri === ATOM_NS) {
        if (frame.local === "title") entry.title = frame.text;
        else if (frame.local === "content") entry.content = frame.text;
        else if (frame.local === "id") entry.id = frame.text.trim();
        else if (frame.local === "updated") entry.updated = frame.text.trim();
        else if (frame.local === "published") entry.published = frame.text.trim();
      } else if (is(frame, APP_NS, "edited")) entry.edited = frame.text.trim();
      else if (is(frame, HATENABLOG_NS, "custom-url")) entry.customUrl = frame.text.trim();
    } else if (depth === entryDepth + 2) {
      if (is(frame, APP_NS, "draft") && is(parent, APP_NS, "control")) {
        const value = frame.text.trim();
        entry.draft = value === "yes" ? true : value === "no" ? false : undefined;
      } else if (is(frame, ATOM_NS, "name") && is(parent, ATOM_NS, "author")) entry.author = frame.text.trim();
    }
  };
  try {
    parser.write(xml).close();
  } catch (e) {
    const error = failure ?? (e instanceof Error ? e : new Error(String(e)));
    throw new AtomXmlError(`malformed XML: ${error.message.split("\n")[0] ?? ""}`);
  }
  if (!root) throw new AtomXmlError("no XML element in the answer");
  return { root, entries, feedLinks };
}

/** Hatena's answer to GET/POST/PUT on an entry. */
export function parseEntry(xml: string): AtomEntry {
  const { root, entries } = parseAtom(xml);
  if (root.uri !== ATOM_NS || root.local !== "entry") throw new AtomXmlError(`expected an Atom <entry>, got <${root.local}>`);
  const entry = entries[0];
  if (!entry) throw new AtomXmlError("the <entry> was not closed");
  return entry;
}

/** Hatena's answer to GET on the collection: one page of entries and the page's links (rel="next"). */
export function parseFeed(xml: string): AtomFeed {
  const { root, entries, feedLinks } = parseAtom(xml);
  if (root.uri !== ATOM_NS || root.local !== "feed") throw new AtomXmlError(`expected an Atom <feed>, got <${root.local}>`);
  return { entries, links: feedLinks };
}

// --- writing ---

/** The first character XML 1.0 cannot carry, even as a character reference (undefined: none). */
export function invalidXmlCharacter(text: string): { index: number; codePoint: number } | undefined {
  const m = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(text);
  return m ? { index: m.index, codePoint: m[0].charCodeAt(0) } : undefined;
}

/** Character data: `&` first, then `<` and `>`; CR as a reference so it reaches Hatena as written. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

/** A double-quoted attribute value: as text, plus both quotes, and TAB/LF as references (not normalised to spaces). */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

export interface EntryToSend {
  title: string;
  author: string;
  /** The post's body, sent verbatim. */
  content: string;
  /** RFC 3339; omitted: Hatena uses the time of the request. */
  updated?: string;
  categories: readonly string[];
  draft: boolean;
  customUrl?: string;
}

/** The Atom entry for POST (create) and PUT (update). Callers check invalidXmlCharacter first. */
export function buildEntryXml(entry: EntryToSend): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<entry xmlns="${ATOM_NS}" xmlns:app="${APP_NS}" xmlns:hatenablog="${escapeAttribute(HATENABLOG_NS)}">`,
    `  <title>${escapeText(entry.title)}</title>`,
    `  <author><name>${escapeText(entry.author)}</name></author>`,
    `  <content type="text/x-markdown">${escapeText(entry.content)}</content>`,
    ...(entry.updated !== undefined ? [`  <updated>${escapeText(entry.updated)}</updated>`] : []),
    ...entry.categories.map((c) => `  <category term="${escapeAttribute(c)}" />`),
    `  <app:control><app:draft>${entry.draft ? "yes" : "no"}</app:draft></app:control>`,
    ...(entry.customUrl !== undefined && entry.customUrl !== "" ? [`  <hatenablog:custom-url>${escapeText(entry.customUrl)}</hatenablog:custom-url>`] : []),
    "</entry>",
  ];
  return lines.join("\n") + "\n";
}
