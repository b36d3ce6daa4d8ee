/** The preview renderer's inputs and results (plain data; no vscode, no I/O). */

export type RenderPlatform = "zenn" | "qiita" | "hatena" | "devto" | "blog";

export const RENDER_PLATFORMS: readonly RenderPlatform[] = ["zenn", "qiita", "hatena", "devto", "blog"];

export type HeaderProblemSeverity = "error" | "warning" | "info" | "hint";

/** A problem to list in the header (the caller's diagnostics of the frontmatter, say). */
export interface HeaderProblem {
  message: string;
  severity: HeaderProblemSeverity;
  /** 0-based line in the post, for the problem's own `data-line`. */
  line?: number;
}

/**
 * Renders TeX to HTML (e.g. `(tex, display) => katex.renderToString(tex, { displayMode: display,
 * output: "html", throwOnError: false })`). Without one, math is shown as its TeX source. The
 * result goes through the sanitiser like everything else: MathML is removed, so use HTML output.
 */
export type MathRenderer = (tex: string, displayMode: boolean) => string;

export interface RenderOptions {
  platform: RenderPlatform;
  /** The post's path (accepted for the glue's convenience; Zenn shows the slug from it). */
  filePath?: string;
  /** Problems to show in the header. */
  problems?: readonly HeaderProblem[];
  /** Language of the header's own words (badges, labels). Default "en". */
  locale?: "en" | "ja";
  renderMath?: MathRenderer;
}

/**
 * What the frontmatter says of the post: a draft (Zenn `published: false`, Qiita `ignorePublish`,
 * blogsync `Draft`…), never posted (Qiita CLI without an `id`, blogsync without an `EditURL`),
 * published, published with limited sharing (Qiita `private`), scheduled, or unknown.
 */
export type PostStatus = "draft" | "unposted" | "published" | "private" | "scheduled" | "unknown";

/** The frontmatter as the preview header shows it, per platform. */
export interface PostHeader {
  platform: RenderPlatform;
  /** Where the frontmatter is: "yaml" (`---`), "toml" (`+++`) or "none". */
  frontmatter: "yaml" | "toml" | "none";
  /** 0-based lines of the frontmatter block (fences included), when there is one. */
  lines?: [number, number];
  title?: string;
  /** 0-based line of the title's key, when known. */
  titleLine?: number;
  /** Zenn's emoji. */
  emoji?: string;
  /** Zenn's `type` (tech / idea). */
  articleType?: string;
  /** Zenn topics, Qiita/dev.to/blog tags, Hatena categories (as written, in order). */
  tags: string[];
  coverImage?: string;
  /** The post's date as written (Zenn published_at, Hatena Date, blog date…). */
  date?: string;
  /** The last update as written (Qiita updated_at, blog lastmod). */
  updated?: string;
  status: PostStatus;
  /** Zenn: the slug (file name). */
  slug?: string;
  problems: HeaderProblem[];
}

export interface RenderResult {
  /** The header, then the body in its platform's container: what the preview shows. Sanitised. */
  html: string;
  header: PostHeader;
  headerHtml: string;
  /** The body alone (sanitised), without its container. */
  bodyHtml: string;
  /** Classes of the body's container (`znc` for Zenn's own stylesheet). */
  bodyClass: string;
  platform: RenderPlatform;
  /** Milliseconds spent (for the log and the benchmark). */
  elapsedMs: number;
}
