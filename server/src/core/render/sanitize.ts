/**
 * The last step of every render: sanitize-html with an allowlist, whatever the renderer was.
 *
 * Allowed: the elements Markdown and the platforms' notations produce (Zenn's own sanitizer list is
 * a subset), `details`/`summary`, `aside`, ruby, tables, task-list checkboxes (disabled), KaTeX's
 * HTML output (spans with classes and sizing styles, its `svg`/`path`/`line`), Zenn's
 * `embed-katex`/`eq`/`eqn`. Attributes: `class`, `id`, `title`, `lang`, `dir`, `data-line`, our
 * placeholders' `data-embed`/`data-url`, and per element what it needs.
 *
 * Removed: `script`, `style`, `iframe` (turned into an offline placeholder), `object`, `embed`,
 * `form` and its controls (other than a disabled checkbox), `meta`, `link`, `base`, `svg` content
 * other than shapes, MathML (`math`: too many parser differentials), every `on*` attribute,
 * `name` (DOM clobbering), ids starting with "tsuzuri" (the page's own elements).
 * URLs: links http/https/mailto/relative/#fragment; images also `data:image/*` (an inline picture
 * cannot run script); no protocol-relative URLs. `target` is dropped (links leave the webview only
 * through VS Code) and `rel` keeps only known tokens. Styles: a list of layout and colour
 * properties, and no value with `url(`, `image(`, `expression(`, quotes, comments or escapes.
 *
 * Images: a local `src` (no scheme) is also put in `data-local-src`, as written, for the webview
 * glue to map through `asWebviewUri`; any `data-local-src` from the post itself is replaced.
 */
import sanitizeHtml from "sanitize-html";

const TAGS = [
  "a", "abbr", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
  "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
  "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt",
  "ruby", "s", "samp", "section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
  "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
  // Zenn's math elements (rendered by a web component on zenn.dev; here styled or filled by renderMath).
  "embed-katex", "eq", "eqn",
  // KaTeX's HTML output draws some glyphs with SVG; Zenn's sanitizer also allows these shapes.
  "svg", "path", "line", "circle", "text",
];

const COMMON_ATTRS = ["class", "id", "title", "lang", "dir", "data-line", "aria-hidden", "aria-label"];

const ATTRS: Record<string, string[]> = {
  "*": COMMON_ATTRS,
  a: ["href", "rel", "style"],
  img: ["src", "alt", "width", "height", "loading", "align", "data-local-src"],
  input: ["type", "checked", "disabled"],
  details: ["open"],
  ol: ["start", "reversed", "type"],
  li: ["value"],
  td: ["style", "colspan", "rowspan", "align"],
  th: ["style", "colspan", "rowspan", "align", "scope"],
  col: ["span", "width"],
  colgroup: ["span"],
  time: ["datetime"],
  span: ["style", "data-embed", "data-url"],
  div: ["style", "data-embed", "data-url", "data-lang"],
  pre: ["style"],
  code: ["style"],
  br: ["style"],
  "embed-katex": ["display-mode"],
  svg: ["width", "height", "viewbox", "preserveaspectratio", "style", "xmlns", "fill"],
  path: ["d", "fill"],
  line: ["x1", "y1", "x2", "y2", "stroke-width", "stroke"],
  circle: ["cx", "cy", "fill", "r"],
  text: ["dominant-baseline", "fill", "font-size", "font-weight", "text-anchor", "x", "y"],
};

/**
 * A CSS value without anything that loads a resource or could confuse the split below: no
 * `url(`-like functions, no quotes, backslashes, comments, `@`, `;` or angle brackets.
 */
const SAFE_CSS_VALUE = /^(?![\s\S]*(?:url|src|image|image-set|cross-fade|element|expression|paint|env)\s*\()(?![\s\S]*\/\*)[-#.,%()\w\s/+*!]+$/i;
const STYLE_PROPERTIES = new Set([
  // No `position`: a post must not lay a fixed box over the preview (KaTeX's classes position its boxes).
  "color", "background-color", "text-align", "vertical-align", "display", "top", "bottom", "left", "right",
  "width", "height", "min-width", "max-width", "min-height", "max-height",
  "margin", "margin-top", "margin-bottom", "margin-left", "margin-right",
  "padding", "padding-top", "padding-bottom", "padding-left", "padding-right",
  "border-bottom-width", "border-top-width", "border-right-width", "border-left-width", "border-style", "border-color",
  "font-size", "font-weight", "font-style", "font-family", "white-space", "text-decoration", "overflow", "overflow-x",
  "aspect-ratio",
]);

/**
 * The allowed declarations of a style attribute, or undefined when none is. Done here rather than
 * by sanitize-html's postcss parse (which took most of the sanitiser's time on Shiki's thousands of
 * `style="color:…"` spans); memoised, as the same few styles repeat.
 */
const styleCache = new Map<string, string | undefined>();

export function filterStyle(style: string): string | undefined {
  if (styleCache.has(style)) return styleCache.get(style);
  const kept: string[] = [];
  for (const declaration of style.split(";")) {
    const colon = declaration.indexOf(":");
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (STYLE_PROPERTIES.has(property) && value !== "" && SAFE_CSS_VALUE.test(value)) kept.push(`${property}:${value}`);
  }
  const result = kept.length > 0 ? kept.join(";") : undefined;
  if (styleCache.size > 10_000) styleCache.clear();
  styleCache.set(style, result);
  return result;
}

const REL_TOKENS = new Set(["nofollow", "noopener", "noreferrer", "ugc", "sponsored", "external"]);
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export interface SanitizeOptions {
  /** Maps each `data-line` value (e.g. from an intermediate text) to the post's own line. */
  mapLine?: (line: number) => number;
}

/** A local image: a path as written (relative or from the repository root), not a URL. */
export function isLocalImageSrc(src: string): boolean {
  const s = src.trim();
  return s !== "" && !SCHEME.test(s) && !s.startsWith("//") && !s.startsWith("#");
}

function transformAll(options: SanitizeOptions): sanitizeHtml.Transformer {
  return (tagName, attribs) => {
    const out: sanitizeHtml.Attributes = { ...attribs };
    if (out["id"] !== undefined && /^tsuzuri/i.test(out["id"])) delete out["id"];
    if (out["style"] !== undefined) {
      const style = filterStyle(out["style"]);
      if (style === undefined) delete out["style"];
      else out["style"] = style;
    }
    const line = out["data-line"];
    if (line !== undefined) {
      const n = Number(line);
      if (!/^\d+$/.test(line) || !Number.isSafeInteger(n)) delete out["data-line"];
      else if (options.mapLine) out["data-line"] = String(options.mapLine(n));
    }
    return { tagName, attribs: out };
  };
}

const transformLink: sanitizeHtml.Transformer = (tagName, attribs) => {
  const out: sanitizeHtml.Attributes = { ...attribs };
  delete out["target"];
  if (out["rel"] !== undefined) {
    const rel = out["rel"].toLowerCase().split(/\s+/).filter((t) => REL_TOKENS.has(t));
    if (rel.length > 0) out["rel"] = [...new Set(rel)].join(" ");
    else delete out["rel"];
  }
  return { tagName, attribs: out };
};

const transformImage: sanitizeHtml.Transformer = (tagName, attribs) => {
  const out: sanitizeHtml.Attributes = { ...attribs };
  delete out["data-local-src"];
  const src = out["src"];
  if (src !== undefined) {
    if (/^\s*data:/i.test(src) && !/^\s*data:image\/[a-z0-9.+-]+[;,]/i.test(src)) delete out["src"];
    else if (isLocalImageSrc(src)) out["data-local-src"] = src;
  }
  return { tagName, attribs: out };
};

/** A checkbox (task lists) stays, disabled; any other control is dropped. */
const transformInput: sanitizeHtml.Transformer = (tagName, attribs) => {
  if ((attribs["type"] ?? "").toLowerCase() !== "checkbox") return { tagName: "tsuzuri-dropped", attribs: {} };
  const out: sanitizeHtml.Attributes = { type: "checkbox", disabled: "" };
  if (attribs["class"] !== undefined) out["class"] = attribs["class"];
  if (attribs["checked"] !== undefined) out["checked"] = "";
  return { tagName, attribs: out };
};

/** A raw `<iframe>` (HTML in a Qiita or blog post) becomes an offline placeholder (plain text). */
const transformIframe: sanitizeHtml.Transformer = (_tagName, attribs) => {
  const src = (attribs["src"] ?? "").trim();
  const http = /^https?:\/\//i.test(src);
  const out: sanitizeHtml.Attributes = { class: "tsuzuri-embed tsuzuri-embed-iframe", "data-embed": "iframe" };
  if (http) out["data-url"] = src;
  return { tagName: "span", attribs: out, text: `iframe: ${http ? src : "(no URL)"}` };
};

function optionsFor(options: SanitizeOptions): sanitizeHtml.IOptions {
  return {
    allowedTags: TAGS,
    allowedAttributes: ATTRS,
    // Styles are filtered in transformAll (filterStyle).
    parseStyleAttributes: false,
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https", "data"] },
    allowedSchemesAppliedToAttributes: ["href", "src", "cite", "action", "formaction", "xlink:href"],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    nonTextTags: ["script", "style", "textarea", "option", "xmp", "noscript", "template", "title", "noembed", "noframes", "object", "select"],
    nestingLimit: 200,
    transformTags: {
      a: transformLink,
      img: transformImage,
      input: transformInput,
      iframe: transformIframe,
      "*": transformAll(options),
    },
  };
}

const DEFAULT_OPTIONS = optionsFor({});

export function sanitizePreviewHtml(html: string, options: SanitizeOptions = {}): string {
  return sanitizeHtml(html, options.mapLine ? optionsFor(options) : DEFAULT_OPTIONS);
}

/** Between the parts given to sanitizePreviewParts: an element only that function allows. */
const CUT = "<tsuzuri-cut></tsuzuri-cut>";

/**
 * Several fragments sanitised in one call (sanitize-html's per-call set-up dominates small
 * fragments), each as sanitizePreviewHtml gives it when the fragments are balanced HTML (every
 * element closed in the fragment that opens it). For renderer output without raw HTML only: the
 * fragments are joined with a marker element that a post's own raw HTML could otherwise forge.
 * Undefined if the markers did not all come back.
 */
export function sanitizePreviewParts(parts: readonly string[], options: SanitizeOptions = {}): string[] | undefined {
  const base = optionsFor(options);
  const html = sanitizeHtml(parts.join(CUT), { ...base, allowedTags: [...TAGS, "tsuzuri-cut"] });
  const out = html.split(CUT);
  return out.length === parts.length ? out : undefined;
}
