/**
 * Writes a file atomically: the new text goes to a temporary file in the same folder (same file
 * system, so the rename is atomic), which takes the old file's mode and then replaces it. Readers
 * see the old text or the new, never half; a failed write leaves the old file as it was.
 *
 * Hand-written rather than npm's write-file-atomic: we must refuse read-only files (a rename would
 * silently replace them, and root passes every permission check, so the mode bits are checked),
 * and throw one error per file for the caller to report, which is all the rest of it would add.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** With `create`, a file that does not exist yet is created (mode 0666 less the umask), also atomically. */
export function writeFileAtomic(filePath: string, text: string, options: { create?: boolean } = {}): void {
  const existing = fs.statSync(filePath, { throwIfNoEntry: !options.create });
  if (!existing) return replaceWith(filePath, text, undefined);
  const stat = existing;
  if (stat.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, write '${filePath}'`), { code: "EISDIR" });
  if ((stat.mode & 0o222) === 0) throw Object.assign(new Error(`read-only: no write permission on '${filePath}'`), { code: "TSUZURI_READ_ONLY" });
  fs.accessSync(filePath, fs.constants.W_OK);
  replaceWith(filePath, text, stat.mode & 0o7777);
}

function replaceWith(filePath: string, text: string, mode: number | undefined): void {
  const temp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.tsuzuri-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    fs.writeFileSync(temp, text, { flag: "wx", ...(mode !== undefined ? { mode } : {}) });
    // The umask may have narrowed the mode given at creation.
    if (mode !== undefined) fs.chmodSync(temp, mode);
    fs.renameSync(temp, filePath);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}
