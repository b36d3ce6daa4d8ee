/**
 * How a repository names its posts, learned from the posts already there, so that New Post follows
 * it (Qiita CLI repositories: `public/*.md`).
 *
 * Qiita CLI itself names files three ways: `qiita new <name>` writes `<name>.md` with `title: <name>`,
 * so writers who pass the title get files named after their titles (often Japanese); `qiita new`
 * without a name writes `newArticle001.md`, `newArticle002.md`…; `qiita pull` writes posts made on
 * the site as `<item id>.md` (20 hex characters). Pulled names are the tool's, not the writer's, so
 * they do not count towards a convention. Pure: the posts' names and texts are passed in.
 */
import { parseFrontmatter } from "./parse";

/** `title`: files named after their titles; `newArticle`: Qiita CLI's numbered default names. */
export type NamingConvention = "title" | "newArticle" | "default";

export interface ExistingPost {
  /** The file name without `.md`. */
  name: string;
  text: string;
}

const NEW_ARTICLE = /^newArticle\d{3,}$/;
const QIITA_ID = /^[0-9a-f]{20}$/;
/** Characters no file name may hold on Windows, macOS or Linux, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
/** File systems limit a name to 255 bytes; room is left for `-NN.md`. */
const MAX_NAME_BYTES = 240;

/**
 * A title as a file name, kept as written (Japanese included): characters that are not allowed in
 * file names become spaces, runs of spaces one, no leading or trailing dots or spaces, at most
 * MAX_NAME_BYTES of UTF-8 (cut between characters). Empty when nothing is left.
 */
export function titleFileName(title: string): string {
  let name = title.normalize("NFC").replace(UNSAFE, " ").replace(/\s+/g, " ").trim();
  name = name.replace(/^[. ]+|[. ]+$/g, "");
  const encoder = new TextEncoder();
  if (encoder.encode(name).length <= MAX_NAME_BYTES) return name;
  let cut = "";
  for (const ch of name) {
    if (encoder.encode(cut + ch).length > MAX_NAME_BYTES) break;
    cut += ch;
  }
  return cut.replace(/[. ]+$/, "");
}

function titleOf(text: string): string | undefined {
  const title = parseFrontmatter(text)?.data?.["title"];
  return typeof title === "string" && title.trim() !== "" ? title : undefined;
}

function idOf(text: string): string | undefined {
  const id = parseFrontmatter(text)?.data?.["id"];
  return typeof id === "string" ? id : undefined;
}

/** How one post is named. */
function namingOf(post: ExistingPost): NamingConvention | "pulled" {
  if (NEW_ARTICLE.test(post.name)) return "newArticle";
  if (QIITA_ID.test(post.name) && idOf(post.text) === post.name) return "pulled";
  const title = titleOf(post.text);
  if (title !== undefined && (post.name === title.trim() || post.name === titleFileName(title))) return "title";
  return "default";
}

/**
 * The repository's convention, when it is evident: at least two of the posts the writer named
 * (pulled ones aside) follow it, and more than half of them do. Otherwise `default`.
 */
export function namingConvention(posts: readonly ExistingPost[]): NamingConvention {
  const named = posts.map(namingOf).filter((n) => n !== "pulled");
  for (const convention of ["title", "newArticle"] as const) {
    const count = named.filter((n) => n === convention).length;
    if (count >= 2 && count * 2 > named.length) return convention;
  }
  return "default";
}
