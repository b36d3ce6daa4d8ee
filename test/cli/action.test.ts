/**
 * The repository's GitHub Action (action.yml), its shell steps run locally against a Zenn-like
 * repository (actionRunner.ts), with the built dist/cli.js standing in for the npm package: a fake
 * `npm` on PATH records the install command and links the stand-in where npm would put the bin.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { makeWorkspace, RANUKI, removeWorkspace, repoRoot, write } from "../helpers/workspace";
import { parse } from "yaml";
import { loadAction, runAction, runnerTemp, type ActionRun, type StepResult } from "./actionRunner";
import { CLI } from "./harness";

const action = loadAction(path.join(repoRoot, "action.yml"));

const zennPost = (title: string, body: string): string =>
  `---\ntitle: "${title}"\nemoji: "📝"\ntype: "tech"\ntopics: ["textlint"]\npublished: true\n---\n\n${body}\n`;

/** A Zenn repository: articles/<slug>.md, a book, a README that is not a post. */
const ZENN_REPO = {
  "articles/clean-article-0001.md": zennPost("設定ファイルの書き方", "この記事では、textlintの設定ファイルを説明します。"),
  "articles/ranuki-article-0002.md": zennPost("家族で見る映画", RANUKI),
  "books/my-first-book/config.yaml": 'title: "本"\nsummary: "本の説明"\ntopics: ["textlint"]\npublished: false\nprice: 0\nchapters:\n  - intro\n',
  "books/my-first-book/intro.md": '---\ntitle: "はじめに"\n---\n\nこの本の説明です。\n',
  "README.md": "# Zenn のリポジトリ\n",
};

const workspaces: string[] = [];
after(() => workspaces.forEach(removeWorkspace));

/**
 * Bin folder with a fake `npm`: it appends each command line to npm-args.txt and, for `install`,
 * puts `standIn` (a command line) as node_modules/.bin/tsuzuri under --prefix, as npm would.
 */
function fakeNpm(standIn: string): { bin: string; log: string } {
  const bin = makeWorkspace({});
  workspaces.push(bin);
  const log = path.join(bin, "npm-args.txt");
  const shim = write(bin, "tsuzuri-stand-in", `#!/bin/sh\nexec ${standIn} "$@"\n`);
  fs.chmodSync(shim, 0o755);
  write(bin, "npm", [
    "#!/bin/sh",
    `echo "$*" >> '${log}'`,
    '[ "$1" = install ] || exit 0',
    'prefix=""',
    'while [ $# -gt 0 ]; do if [ "$1" = --prefix ]; then prefix="$2"; fi; shift; done',
    'mkdir -p "$prefix/node_modules/.bin"',
    `cp '${shim}' "$prefix/node_modules/.bin/tsuzuri"`,
    "",
  ].join("\n"));
  fs.chmodSync(path.join(bin, "npm"), 0o755);
  return { bin, log };
}

function zennRepo(): string {
  const repo = makeWorkspace(ZENN_REPO);
  workspaces.push(repo);
  const git = (...args: string[]): string => execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  git("init", "--quiet");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "posts");
  return repo;
}

async function runWith(inputs: Record<string, string>, standIn: string, repo = zennRepo()): Promise<{ run: ActionRun; repo: string; temp: string; npmCalls: () => string[] }> {
  const temp = runnerTemp();
  workspaces.push(temp);
  const npm = fakeNpm(standIn);
  const env: NodeJS.ProcessEnv = { PATH: `${npm.bin}${path.delimiter}${process.env["PATH"] ?? ""}`, HOME: process.env["HOME"] ?? temp, LANG: "C.UTF-8", NO_COLOR: "1" };
  const run = await runAction(action, repoRoot, { inputs, workspace: repo, temp, env });
  const npmCalls = (): string[] => (fs.existsSync(npm.log) ? fs.readFileSync(npm.log, "utf8").trim().split("\n") : []);
  return { run, repo, temp, npmCalls };
}

const step = (run: ActionRun, name: string): StepResult => run.steps.find((s) => s.name === name) ?? assert.fail(`no step ${name}: ${run.steps.map((s) => s.name).join(", ")}`);

describe("action.yml", () => {
  it("is a composite action whose scripts take inputs only through env (no ${{ }} in run:)", () => {
    assert.equal(action.runs.using, "composite");
    for (const s of action.runs.steps) {
      if (s.run !== undefined) assert.doesNotMatch(s.run, /\$\{\{/, `step ${s.name} splices an expression into its script`);
    }
    assert.deepEqual(Object.keys(action.inputs).sort(), ["changed-since", "fail-on-error", "format", "node-version", "paths", "version", "working-directory"]);
    const setup = action.runs.steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    assert.equal(setup?.with?.["node-version"], "${{ inputs.node-version }}");
  });

  it("the README's workflow for a Zenn repository passes only inputs the action declares", () => {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    type Workflow = { jobs?: Record<string, { steps?: { uses?: string; with?: Record<string, string> }[] }> };
    const parseBlock = (text: string): Workflow => {
      try {
        return (parse(text) ?? {}) as Workflow;
      } catch {
        return {}; // not a workflow (several documents, say)
      }
    };
    const workflows = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseBlock(m[1] ?? ""));
    const uses = workflows.flatMap((w) => Object.values(w.jobs ?? {}).flatMap((j) => j.steps ?? [])).filter((st) => /\/tsuzuri@/.test(st.uses ?? ""));
    assert.ok(uses.length > 0, "a workflow in the README uses the action");
    for (const st of uses) {
      for (const input of Object.keys(st.with ?? {})) assert.ok(input in action.inputs, `README passes an undeclared input ${input}`);
      assert.ok(["sarif", "github"].some((f) => (st.with?.["format"] ?? "sarif").includes(f)));
    }
  });

  describe("format github, on a Zenn repository with an error", () => {
    let github: Awaited<ReturnType<typeof runWith>>;
    before(async () => {
      github = await runWith({ paths: "articles books", format: "github", version: "0.1.0" }, `'${process.execPath}' '${CLI}'`);
    });

    it("installs the requested version from npm into RUNNER_TEMP and puts its bin on PATH", () => {
      assert.equal(step(github.run, "Install tsuzuri").code, 0, step(github.run, "Install tsuzuri").stderr);
      const [call, ...more] = github.npmCalls();
      assert.equal(more.length, 0);
      const args = call?.split(" ") ?? [];
      assert.equal(args[0], "install");
      assert.ok(args.includes("tsuzuri@0.1.0"), args.join(" "));
      assert.equal(args[args.indexOf("--prefix") + 1], path.join(github.temp, "tsuzuri"));
    });

    it("prints one annotation per problem, fails with tsuzuri's exit code, uploads nothing", () => {
      const check = step(github.run, "Run tsuzuri check");
      assert.equal(check.code, 0, "the check step itself records the exit code");
      const annotations = (check.stdout ?? "").split("\n").filter((l) => l.startsWith("::"));
      const ranuki = annotations.filter((l) => l.includes("no-dropping-the-ra"));
      assert.equal(ranuki.length, 1, check.stdout);
      assert.ok(ranuki[0]?.startsWith(`::error file=${path.join(github.repo, "articles", "ranuki-article-0002.md")},line=9,`), ranuki[0]);
      assert.ok(!annotations.some((l) => l.includes("clean-article-0001.md") || l.includes("README.md")), check.stdout);
      assert.equal(github.run.outputs["exit-code"], "1");
      assert.equal(step(github.run, "Upload SARIF to code scanning").status, "skipped");
      assert.equal(step(github.run, "Fail on errors").code, 1);
      assert.equal(github.run.code, 1);
    });

    it("with fail-on-error false the same run passes and still says why", async () => {
      const lenient = await runWith({ paths: "articles", format: "github", "fail-on-error": "false" }, `'${process.execPath}' '${CLI}'`);
      assert.equal(lenient.run.outputs["exit-code"], "1");
      assert.equal(lenient.run.code, 0);
      assert.match(step(lenient.run, "Run tsuzuri check").stdout ?? "", /^::error file=.*no-dropping-the-ra/m);
    });
  });

  describe("format sarif with changed-since (the command line it builds)", () => {
    let run: Awaited<ReturnType<typeof runWith>>;
    let argsLog: string;
    let base: string;
    before(async () => {
      // A stand-in that records its arguments and prints a SARIF-like document, exiting 1.
      const stub = makeWorkspace({});
      workspaces.push(stub);
      argsLog = path.join(stub, "args.txt");
      write(stub, "tsuzuri-stub", `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsLog}'\necho '{"version":"2.1.0","runs":[]}'\nexit 1\n`);
      fs.chmodSync(path.join(stub, "tsuzuri-stub"), 0o755);
      const repo = zennRepo();
      base = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repo, encoding: "utf8" }).trim();
      // The paths hold a glob that matches files: the shell must pass it to tsuzuri unexpanded.
      run = await runWith({ paths: "articles/*.md\nbooks", "changed-since": base }, `'${path.join(stub, "tsuzuri-stub")}'`, repo);
    });

    it("runs tsuzuri check --format sarif --changed-since <ref> -- <paths>, globs unexpanded", () => {
      const check = step(run.run, "Run tsuzuri check");
      assert.equal(check.code, 0, check.stderr);
      assert.equal(check.stderr, "", "the base commit is there: nothing to fetch");
      assert.deepEqual(fs.readFileSync(argsLog, "utf8").trim().split("\n"), ["check", "--format", "sarif", "--changed-since", base, "--", "articles/*.md", "books"]);
    });

    it("writes the SARIF to RUNNER_TEMP and hands that file to upload-sarif, then fails with the exit code", () => {
      const sarif = run.run.outputs["sarif-file"] ?? "";
      assert.equal(sarif, path.join(run.temp, "tsuzuri.sarif"));
      assert.deepEqual(JSON.parse(fs.readFileSync(sarif, "utf8")), { version: "2.1.0", runs: [] });
      const upload = step(run.run, "Upload SARIF to code scanning");
      assert.equal(upload.status, "not run (uses)");
      assert.deepEqual(upload.with, { sarif_file: sarif, category: "tsuzuri" });
      assert.ok(action.runs.steps.some((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@")));
      assert.equal(run.run.code, 1);
    });
  });

  it('version "source" builds the action\'s own checkout and runs its dist/cli.js', async () => {
    // The fake npm records `npm ci` and `npm run build` in the action's folder (the repository,
    // whose dist/ the test run built) without doing them.
    const { run, npmCalls, repo } = await runWith({ version: "source", paths: "articles", format: "github" }, "false");
    assert.deepEqual(npmCalls(), ["ci --no-audit --no-fund --loglevel=error", "run build --silent -- --production"]);
    const check = step(run, "Run tsuzuri check");
    assert.ok((check.stdout ?? "").includes(`::error file=${path.join(repo, "articles", "ranuki-article-0002.md")},line=9,`), check.stdout);
    assert.equal(run.outputs["exit-code"], "1");
  });

  it("an unknown format is a usage error (2), reported as an annotation, and nothing is uploaded", async () => {
    const { run, npmCalls } = await runWith({ format: "xml" }, `'${process.execPath}' '${CLI}'`);
    assert.ok(npmCalls()[0]?.split(" ").includes("tsuzuri@latest"), "version defaults to latest");
    assert.match(step(run, "Run tsuzuri check").stdout ?? "", /^::error title=Tsuzuri::format must be sarif or github, not xml$/m);
    assert.equal(run.outputs["exit-code"], "2");
    assert.equal(step(run, "Upload SARIF to code scanning").status, "skipped");
    assert.equal(run.code, 2);
  });
});
