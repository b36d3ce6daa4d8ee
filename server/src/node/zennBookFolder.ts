/** What a Zenn book's folder holds (chapters, cover and its pixel size), read from the disk for core/frontmatter/checks/zennBook.ts. */
import * as fs from "node:fs";
import * as path from "node:path";
import { imageSize } from "image-size";
import { COVER_NAMES, ZENN_MAX_COVER_BYTES, type BookFolder } from "../core/frontmatter/checks/zennBook";

export function readBookFolder(dir: string): BookFolder {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    // An unreadable folder: no chapters, no cover.
  }
  const chapterFiles = names.filter((n) => n.endsWith(".md"));
  for (const name of COVER_NAMES) {
    if (!names.includes(name)) continue;
    const file = path.join(dir, name);
    const size = fs.statSync(file, { throwIfNoEntry: false })?.size;
    if (size === undefined) continue;
    // Past the limit the pixel size does not matter (the size is the problem); below it, read it all.
    if (size > ZENN_MAX_COVER_BYTES) return { chapterFiles, cover: { name, size } };
    try {
      const { width, height } = imageSize(fs.readFileSync(file));
      return { chapterFiles, cover: { name, size, width, height } };
    } catch {
      return { chapterFiles, cover: { name, size } };
    }
  }
  return { chapterFiles };
}
