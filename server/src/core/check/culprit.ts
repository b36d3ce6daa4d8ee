/**
 * Who ended a lint worker: from the stack of a process.exit() call or an uncaught error, the first
 * frame outside Tsuzuri and Node itself, named as a writer knows it: the package of a rule under
 * node_modules (`textlint-rule-foo`, `@scope/textlint-rule-bar`), else the file (a `.textlintrc.js`).
 */

/** The file of one stack line (`at f (/a/b.js:1:2)`, `at /a/b.js:1:2`, `at file:///a/b.mjs:1:2`). */
function frameFile(line: string): string | undefined {
  const match = /^\s*at (?:.*?\()?((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^()]*?):\d+:\d+\)?\s*$/.exec(line);
  const file = match?.[1];
  return file?.startsWith("file://") ? decodeURIComponent(file.slice("file://".length)) : file;
}

/** The package a file under node_modules belongs to (the innermost node_modules). */
function packageOf(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf("node_modules");
  if (at < 0) return undefined;
  const first = parts[at + 1];
  if (!first) return undefined;
  return first.startsWith("@") && parts[at + 2] ? `${first}/${parts[at + 2]}` : first;
}

/**
 * @param ownFiles files that are Tsuzuri's own (its bundle, its compiled sources): skipped.
 */
export function culpritOf(stack: string | undefined, isOwnFile: (file: string) => boolean): string | undefined {
  if (!stack) return undefined;
  for (const line of stack.split("\n")) {
    const file = frameFile(line);
    if (!file || isOwnFile(file)) continue;
    const pkg = packageOf(file);
    // textlint's own packages run the rules; the rule is further down the stack.
    if (pkg && /^(@textlint\/|textlint$|rc-config-loader$)/.test(pkg)) continue;
    return pkg ?? file;
  }
  return undefined;
}
