/**
 * The post's local images, checked before the platform sees them (what it would reject or show
 * broken only after publishing):
 *
 * - Zenn, as zenn-cli's preview checks them (zenn-dev/zenn-editor `packages/zenn-cli/src/server/lib/
 *   helper.ts` `completeHtml`): a path from `/images/` (not relative), a png/jpg/jpeg/gif/webp file
 *   name (compared as written, as zenn-cli does), a file that exists, at most 3 MB (3 × 1024 × 1024
 *   bytes). zenn.dev deploys the repository's `images/` folder only (platforms.md).
 * - Every platform: a file that is a Git LFS pointer (the image is not checked out: the preview and
 *   the platform get ~130 bytes of text; zenn.dev answers such an image with an error,
 *   zenn-dev/zenn-community#710).
 * - Qiita, dev.to and Hatena Blog: publishing sends the Markdown text through their APIs; a local
 *   image is not uploaded, so readers would see a broken image.
 * - Static-site blogs: a relative image that does not exist (as the frontmatter's cover check).
 */
import * as path from "node:path";
import { fix, problem } from "../fields";
import { say } from "../../shared/i18n";
import { PLATFORM_NAMES } from "../../shared/platforms";
import { fileReferences, isRemote, localPath, type Reference } from "../../shared/markdownRefs";
import type { FrontmatterProblem, PlatformId } from "../types";
import { localImageCandidates } from "./common";
import { booksRootOf } from "./zennBook";

/** zenn-cli `acceptImageTypes`. */
const ZENN_EXTENSIONS = [".png", ".jpg", ".jpeg", ".webp", ".gif"];
/** zenn-cli `completeHtml`: "ファイルサイズは3MB以内にしてください". */
export const ZENN_MAX_IMAGE_BYTES = 3 * 1024 * 1024;
/** The first line of every Git LFS pointer file (git-lfs spec v1); pointers are under 1024 bytes. */
const LFS_POINTER = "version https://git-lfs.github.com/spec/v1";
export const LFS_POINTER_MAX_BYTES = 1024;
const MAX_IMAGES = 500;

/** A file's size and its first bytes (as text), or undefined when it is not a readable file. */
export type FileHead = (filePath: string) => { size: number; head: string } | undefined;

export interface ImageCheckInput {
  text: string;
  /** Where the body starts (after the frontmatter). */
  bodyStart: number;
  filePath: string;
  /** The workspace folder or repository root. */
  root: string | undefined;
  platform: PlatformId;
  fileHead: FileHead;
}

export function isLfsPointer(file: { size: number; head: string }): boolean {
  return file.size < LFS_POINTER_MAX_BYTES && file.head.startsWith(LFS_POINTER);
}

/**
 * Zenn's content root for a post: the folder holding `articles/` (or `books/`), which holds `images/`.
 * A Publication repository's `{user}/articles` works the same way.
 */
export function zennRootOf(filePath: string, root: string | undefined): string | undefined {
  const dir = path.dirname(path.resolve(filePath));
  if (path.basename(dir) === "articles") return path.dirname(dir);
  if (path.basename(path.dirname(dir)) === "books") return booksRootOf(filePath);
  return root;
}

export function imageProblems(input: ImageCheckInput): FrontmatterProblem[] {
  // At most MAX_IMAGES looked up on disk per check: a generated post with thousands stays cheap.
  const refs = fileReferences(input.text, input.bodyStart)
    .filter((r) => r.kind === "image" && !isRemote(r.url))
    .slice(0, MAX_IMAGES);
  if (refs.length === 0) return [];
  const zennRoot = input.platform === "zenn" ? zennRootOf(input.filePath, input.root) : undefined;
  return refs.flatMap((ref) => (input.platform === "zenn" ? zennImage(ref, input, zennRoot) : otherImage(ref, input)));
}

function lfs(ref: Reference, file: { size: number; head: string } | undefined): FrontmatterProblem[] {
  if (!file || !isLfsPointer(file)) return [];
  return [
    problem(
      "image-lfs-pointer",
      ref.range,
      say(
        `"${ref.url}" is a Git LFS pointer, not the image: run "git lfs pull" to get it. Platforms that read the repository (such as Zenn) would show it broken; commit the image itself.`,
        `「${ref.url}」は Git LFS のポインタで、画像そのものではありません。「git lfs pull」で取得してください。リポジトリを読むプラットフォーム（Zenn など）では画像が表示されないため、画像そのものをコミットしてください。`,
      ),
    ),
  ];
}

function zennImage(ref: Reference, input: ImageCheckInput, zennRoot: string | undefined): FrontmatterProblem[] {
  const written = localPath(ref.url);
  if (!written.startsWith("/")) {
    const resolved = path.resolve(path.dirname(input.filePath), written);
    const images = zennRoot ? path.join(zennRoot, "images") : undefined;
    const inside = images !== undefined && (resolved + path.sep).startsWith(images + path.sep);
    const to = inside && zennRoot ? `/${path.relative(zennRoot, resolved).split(path.sep).join("/")}` : undefined;
    const fixes = to && !/[\s()<>]/.test(to) ? [fix(`Use ${to}`, `${to} に変更`, [{ range: ref.range, newText: to }])] : [];
    return [
      problem(
        "zenn-image-path",
        ref.range,
        say(`Zenn cannot show "${ref.url}": write local images from /images/, e.g. /images/example.png.`, `「${ref.url}」は Zenn で表示できません。ローカルの画像は /images/example.png のように /images/ から始まるパスで書いてください。`),
        fixes,
      ),
    ];
  }
  if (!written.startsWith("/images/")) {
    return [problem("zenn-image-path", ref.range, say(`Zenn deploys only the images/ folder: put "${ref.url}" under /images/.`, `Zenn に反映されるのは images/ フォルダだけです。「${ref.url}」を /images/ の下に置いてください。`))];
  }
  if (!ZENN_EXTENSIONS.some((ext) => written.endsWith(ext))) {
    return [problem("zenn-image-type", ref.range, say(`Zenn shows images ending in ${ZENN_EXTENSIONS.join(", ")} only.`, `Zenn で表示できる画像の拡張子は ${ZENN_EXTENSIONS.join(", ")} だけです。`))];
  }
  if (!zennRoot) return [];
  const file = input.fileHead(path.join(zennRoot, ...written.split("/").filter((s) => s !== "")));
  if (!file) return [problem("zenn-image-missing", ref.range, say(`"${ref.url}" does not exist.`, `「${ref.url}」にファイルがありません。`))];
  const pointer = lfs(ref, file);
  if (pointer.length > 0) return pointer;
  if (file.size > ZENN_MAX_IMAGE_BYTES) {
    const mb = (Math.trunc((file.size * 100) / 1024 / 1024) / 100).toFixed(2);
    return [problem("zenn-image-size", ref.range, say(`"${ref.url}" is ${mb} MB; Zenn takes images up to 3 MB.`, `「${ref.url}」は ${mb} MB です。Zenn にアップロードできる画像は 3 MB までです。`))];
  }
  return [];
}

function otherImage(ref: Reference, input: ImageCheckInput): FrontmatterProblem[] {
  const file = localImageCandidates(localPath(ref.url), input.filePath, input.root)
    .map((c) => input.fileHead(c))
    .find((f) => f !== undefined);
  if (input.platform === "qiita" || input.platform === "devto" || input.platform === "hatena") {
    const name = PLATFORM_NAMES[input.platform];
    return [
      ...lfs(ref, file),
      problem(
        "local-image",
        ref.range,
        say(
          `Publishing to ${name} sends the text only: upload "${ref.url}" to ${name} (or any image host) and use its URL.`,
          `${name} への投稿で送られるのは本文のテキストだけです。「${ref.url}」を ${name}（または画像ホスティング）にアップロードし、その URL を使ってください。`,
        ),
      ),
    ];
  }
  if (!file) return [problem("image-missing", ref.range, say(`The image "${ref.url}" does not exist.`, `画像「${ref.url}」が見つかりません。`))];
  return lfs(ref, file);
}
