/**
 * Projects for the runner's CLI tests, written by the tests themselves: rule packages in a temp
 * project's own node_modules (a rule that loops, one that calls process.exit, a fixer, a counter),
 * and a runner for the built CLI with extra environment variables. Not a test file itself.
 */
import * as path from "node:path";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";
import { CLI, run, type Run } from "./harness";

const workspaces: string[] = [];
export function cleanUp(): void {
  workspaces.splice(0).forEach(removeWorkspace);
}
export function project(files: Record<string, string>): string {
  const dir = makeWorkspace(files);
  workspaces.push(dir);
  return dir;
}

/** A rule package `textlint-rule-<name>` with this index.js. */
export function rulePackage(name: string, source: string, version = "1.0.0"): Record<string, string> {
  return {
    [`node_modules/textlint-rule-${name}/package.json`]: JSON.stringify({ name: `textlint-rule-${name}`, version, main: "index.js" }),
    [`node_modules/textlint-rule-${name}/index.js`]: source,
  };
}

/** Loops for ever on a sentence with ループ; reports 誤字 otherwise. */
export const LOOP_RULE = `module.exports = function (context) {
  return {
    [context.Syntax.Str](node) {
      const text = context.getSource(node);
      if (text.includes("ループ")) for (;;) {}
      const i = text.indexOf("誤字");
      if (i >= 0) context.report(node, new context.RuleError("誤字があります", { index: i }));
    },
  };
};
`;

export const EXIT_RULE = `module.exports = function (context) {
  return { [context.Syntax.Str]() { process.exit(3); } };
};
`;

/** Fixes 誤 to 正; on a file named vanish.md, replaces the file with a folder while linting it. */
export const FIX_RULE = `const fs = require("fs");
const reporter = (context) => ({
  [context.Syntax.Str](node) {
    const file = context.getFilePath();
    if (file && file.endsWith("vanish.md") && fs.statSync(file).isFile()) { fs.rmSync(file); fs.mkdirSync(file); }
    const text = context.getSource(node);
    const i = text.indexOf("誤");
    if (i >= 0) context.report(node, new context.RuleError("誤を正に", { index: i, fix: context.fixer.replaceTextRange([i, i + 1], "正") }));
  },
});
module.exports = { linter: reporter, fixer: reporter };
`;

/** Reports the word of its options (default 誤), and logs each file it lints to lints.log in the project. */
export const COUNT_RULE = `const fs = require("fs");
const path = require("path");
module.exports = function (context, options) {
  const word = (options && options.word) || "誤";
  return {
    [context.Syntax.Document]() {
      fs.appendFileSync(path.join(__dirname, "..", "..", "lints.log"), path.basename(context.getFilePath()) + "\\n");
    },
    [context.Syntax.Str](node) {
      const i = context.getSource(node).indexOf(word);
      if (i >= 0) context.report(node, new context.RuleError(word + " があります", { index: i }));
    },
  };
};
`;

/** The built CLI with these environment variables set (LANG for the Japanese messages). */
export function tsuzuriWithEnv(env: Record<string, string>, args: string[], cwd: string): Promise<Run> {
  return run(CLI, args, cwd, { env });
}

export const at = (dir: string, name: string): string => path.join(dir, name);

/** No Node stack trace in a run's output. */
export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
