/** The config search's view of the real file system (kept apart so the server's main thread stays light). */
import * as fs from "node:fs";
import type { ConfigFs } from "../core/lint/configResolution";
import type { LayoutProbe } from "../core/frontmatter/detect";

export const nodeConfigFs: ConfigFs & Pick<LayoutProbe, "fileHead"> = {
  isFile: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false,
  isDirectory: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false,
  readText: (p) => {
    try {
      return fs.readFileSync(p, "utf8");
    } catch {
      return undefined;
    }
  },
  /** Size and the first 256 bytes, without reading the rest (images can be megabytes). */
  fileHead: (p) => {
    let fd: number | undefined;
    try {
      fd = fs.openSync(p, "r");
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) return undefined;
      const buffer = Buffer.alloc(Math.min(256, stat.size));
      const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
      return { size: stat.size, head: buffer.subarray(0, read).toString("latin1") };
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  },
};
