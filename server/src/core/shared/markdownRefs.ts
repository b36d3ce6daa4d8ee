/**
 * Where a post refers to files: the destinations of Markdown images and links, reference
 * definitions and `<img src>`, with their offsets in the post. Code blocks, code spans and HTML
 * comments are blanked first (offsets kept), so a sample `![](/images/x.png)` in a fence is no
 * reference.
 *
 * Hand-written on purpose: markdown-it (the renderer's parser) gives tokens without character
 * offsets, and a quick fix or a diagnostic needs the destination's exact range. This reads only
 * the destination forms CommonMark allows (`<...>` or a run without spaces), as Zenn's `=250x`
 * width suffix also needs. Every repeat is bounded (1000 characters of link text, 20,000 of a code
 * span), so a hostile line of ten thousand `[` or backticks stays linear: this runs on every lint.
 */

export interface Reference {
  /** The destination as written (without `<>`), e.g. `/images/a.png` or `./a b.png`. */
  url: string;
  /** Its range in the text. */
  range: [number, number];
  /** `image` for `![...](...)`, `<img>` and a definition used by an image; `link` otherwise. */
  kind: "image" | "link";
}

/** The text with fenced code blocks, code spans and HTML comments replaced by spaces (line breaks kept). */
export function blankCode(text: string): string {
  const blank = (s: string) => s.replace(/[^\r\n]/g, " ");
  const lines = text.split(/(?<=\n)/);
  let fence: string | undefined;
  const kept = lines.map((line) => {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (open && open[1]![0] === fence[0] && open[1]!.length >= fence.length && line.trim() === open[1]) fence = undefined;
      return blank(line);
    }
    if (open) {
      fence = open[1]!;
      return blank(line);
    }
    return line;
  });
  return kept
    .join("")
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/(`{1,32})[^`][\s\S]{0,20000}?\1/g, blank);
}

/** Every file reference of `text` from offset `from` (the body, after the frontmatter). */
export function fileReferences(text: string, from = 0): Reference[] {
  const body = blankCode(text.slice(from));
  const out: Reference[] = [];
  const add = (url: string | undefined, at: number, written: number, kind: Reference["kind"]) => {
    if (url === undefined || url === "") return;
    out.push({ url, range: [from + at, from + at + written], kind });
  };
  // ![alt](dest ...) and [text](dest ...): the destination right after "](".
  for (const m of body.matchAll(/(!?)\[[^\][\r\n]{0,1000}\]\(\s*(?:<([^>\r\n]*)>|([^\s)]+))/g)) {
    const url = m[2] ?? m[3];
    const written = m[2] !== undefined ? m[2].length + 2 : (m[3] ?? "").length;
    const at = (m.index ?? 0) + m[0].length - written + (m[2] !== undefined ? 1 : 0);
    add(url, at, url?.length ?? 0, m[1] === "!" ? "image" : "link");
  }
  // Reference definitions: an image when some `![alt][label]` / `![label]` uses the label.
  const imageLabels = new Set<string>();
  for (const m of body.matchAll(/!\[([^\][\r\n]{0,1000})\](?:\[([^\][\r\n]{0,1000})\])?(?!\()/g)) imageLabels.add(normalLabel(m[2] || m[1] || ""));
  for (const m of body.matchAll(/^( {0,3}\[([^\][\r\n]{1,1000})\]:[ \t]*)(?:<([^>\r\n]*)>|(\S+))/gm)) {
    const url = m[3] ?? m[4];
    const at = (m.index ?? 0) + (m[1] ?? "").length + (m[3] !== undefined ? 1 : 0);
    add(url, at, url?.length ?? 0, imageLabels.has(normalLabel(m[2] ?? "")) ? "image" : "link");
  }
  for (const m of body.matchAll(/(<img\b[^>]{0,2000}?\ssrc\s*=\s*)(?:"([^"]{0,4000})"|'([^']{0,4000})'|([^\s>]+))/gi)) {
    const url = m[2] ?? m[3] ?? m[4];
    const at = (m.index ?? 0) + (m[1] ?? "").length + (m[4] === undefined ? 1 : 0);
    add(url, at, url?.length ?? 0, "image");
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

const normalLabel = (label: string): string => label.trim().replace(/\s+/g, " ").toLowerCase();

/** True for a URL with a scheme (`https:`, `data:`), a protocol-relative `//host`, or a `#fragment`. */
export function isRemote(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//") || url.startsWith("#");
}

/** The path part of a local destination: no `?query`/`#hash`, percent-decoding undone where valid. */
export function localPath(url: string): string {
  const bare = url.replace(/[?#].*$/, "");
  try {
    return decodeURI(bare);
  } catch {
    // Not valid percent-encoding: keep it as written.
    return bare;
  }
}
