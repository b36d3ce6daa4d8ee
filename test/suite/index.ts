/**
 * Extension-host test entry (the @vscode/test-electron contract: a module exporting `run()`).
 * Loaded by VS Code's extension host, either through @vscode/test-electron (`npm run test:vscode`)
 * or through code-server's smoke-test driver (`npm run test:e2e`). Every reporter line also goes
 * to the file named by TSUZURI_TEST_LOG, since code-server only forwards the extension host's
 * console to the browser.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { format } from "node:util";

export async function run(): Promise<void> {
  // mocha 12 is an ES module; a dynamic import works in every extension host (require(esm) does not).
  const { default: Mocha } = await import("mocha");
  const logFile = process.env["TSUZURI_TEST_LOG"];
  if (logFile) fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const write = (...args: unknown[]): void => {
    const line = format(...args);
    console.log(line);
    if (logFile) fs.appendFileSync(logFile, line + "\n");
  };

  const mocha = new Mocha({
    ui: "bdd",
    color: false,
    timeout: Number(process.env["TSUZURI_TEST_TIMEOUT_MS"] ?? 60_000),
    reporter: reporterFor(Mocha, write),
  });
  const grep = process.env["TSUZURI_TEST_GREP"];
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith(".test.js")) mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();

  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}

/** A spec-like reporter that writes through `write` (console and log file). */
function reporterFor(Mocha: typeof import("mocha"), write: (...args: unknown[]) => void) {
  const { EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
  return class TsuzuriReporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      const failures: { title: string; err: Error }[] = [];
      let depth = 0;
      runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
        if (suite.root) return;
        depth = depthOf(suite);
        write(`${"  ".repeat(depth)}${suite.title}`);
      });
      runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
        write(`${"  ".repeat(depth + 1)}✔ ${test.title} (${test.duration ?? 0} ms)`);
      });
      runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
        write(`${"  ".repeat(depth + 1)}- ${test.title} (pending)`);
      });
      runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, err: Error) => {
        failures.push({ title: test.fullTitle(), err });
        write(`${"  ".repeat(depth + 1)}✘ ${failures.length}) ${test.title}`);
      });
      runner.once(EVENT_RUN_END, () => {
        const stats = runner.stats;
        write("");
        write(`  ${stats?.passes ?? 0} passing, ${stats?.failures ?? 0} failing, ${stats?.pending ?? 0} pending (${stats?.duration ?? 0} ms)`);
        failures.forEach(({ title, err }, i) => {
          write("");
          write(`  ${i + 1}) ${title}:`);
          write(indent(err.stack ?? String(err), 5));
        });
      });
    }
  };
}

function depthOf(suite: Mocha.Suite): number {
  let d = 0;
  for (let s: Mocha.Suite | undefined = suite; s && !s.root; s = s.parent) d++;
  return d;
}

function indent(text: string, n: number): string {
  return text
    .split("\n")
    .map((l) => " ".repeat(n) + l)
    .join("\n");
}
