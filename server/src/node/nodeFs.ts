/** The config search's view of the real file system (kept apart so the server's main thread stays light). */
import * as fs from "node:fs";
import type { ConfigFs } from "../core/lint/configResolution";

export const nodeConfigFs: ConfigFs = {
  isFile: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false,
  isDirectory: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false,
  readText: (p) => {
    try {
      return fs.readFileSync(p, "utf8");
    } catch {
      return undefined;
    }
  },
};
