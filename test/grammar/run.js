#!/usr/bin/env node
// npm run test:grammar — tests of the TextMate injection grammars in syntaxes/ with vscode-tmgrammar-test.
//
// The injections need VS Code's Markdown grammar (and the YAML grammar it embeds for the frontmatter)
// underneath; neither is on npm, so test/grammar/vendor/ holds unchanged copies (see its README).
// vscode-tmgrammar-test reads our grammars and their `injectTo` from package.json (--config) and the
// vendored ones from -g; it injects a grammar only through `injectTo`, as VS Code does.
//
// Runs, all of which must pass (exit code 1 otherwise):
//   1. assertion tests  test/grammar/cases/*.test.md        (vscode-tmgrammar-test)
//   2. snapshot tests   test/grammar/snap/*.md (+ .md.snap)  (vscode-tmgrammar-snap); a missing .snap
//      is an error here (the tool would silently write one) — `npm run test:grammar -- --update`
//      writes/overwrites the snapshots, then review the diff.
//   3. test/grammar/with-markdown-math/*.test.md with VS Code's built-in markdown-math injections
//      loaded as well, once registered before ours (VS Code's order: built-in extensions first) and
//      once after, so neither order lets one grammar's math start inside the other's.
//
// The Markdown grammar includes grammars for fenced code languages and inline HTML that are not
// vendored; vscode-tmgrammar-test warns about each ("grammar not found for ..."). Those warnings are
// counted and summarised; one about a grammar that the tests do need fails the run.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const here = path.join(root, 'test', 'grammar');
const vendor = path.join(here, 'vendor');
const toolDir = path.dirname(require.resolve('vscode-tmgrammar-test/package.json', { paths: [root] }));
const unitBin = path.join(toolDir, 'dist', 'unit.js');
const snapBin = path.join(toolDir, 'dist', 'snapshot.js');

const update = process.argv.includes('--update') || process.argv.includes('-u');

const rel = (p) => path.relative(root, p);
const baseGrammars = [
  path.join(vendor, 'markdown-basics', 'markdown.tmLanguage.json'),
  ...fs
    .readdirSync(path.join(vendor, 'yaml'))
    .filter((f) => f.endsWith('.tmLanguage.json'))
    .sort()
    .map((f) => path.join(vendor, 'yaml', f)),
];
const gFlags = (files) => files.flatMap((f) => ['-g', rel(f)]);

// Scopes whose absence would make the tests meaningless.
const required = /^(text\.html\.markdown(\.math)?|source\.yaml(\..*)?|markdown\.tsuzuri\..*|markdown\.math\..*)$/;

function run(title, bin, args) {
  console.log(`\n── ${title}`);
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  let ok = r.status === 0;
  const notVendored = new Set();
  for (const line of (r.stderr || '').split('\n')) {
    const m = /^grammar not found for "([^"]+)"$/.exec(line);
    if (m && !required.test(m[1])) notVendored.add(m[1]);
    else if (line.trim() !== '') {
      process.stderr.write(line + '\n');
      if (m) ok = false;
    }
  }
  if (notVendored.size > 0) {
    console.log(`   (${notVendored.size} grammars for code-fence languages and HTML are not vendored; expected)`);
  }
  if (r.error) {
    console.error(r.error);
    ok = false;
  }
  console.log(ok ? '   ok' : `   FAILED (exit code ${r.status})`);
  return ok;
}

function files(dir, suffix) {
  const d = path.join(here, dir);
  const found = fs
    .readdirSync(d)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join(d, f));
  if (found.length === 0) throw new Error(`no *${suffix} test files in ${rel(d)}`);
  return found;
}

const results = [];
// A section that cannot even start (no test files...) is a failed run, and the others still run.
function section(fn) {
  try {
    fn();
  } catch (e) {
    console.log(`\n── ${e.message}\n   FAILED`);
    results.push(false);
  }
}

// 1. Assertions.
section(() => {
  const cases = files('cases', '.test.md');
  results.push(run('assertions (test/grammar/cases)', unitBin, ['--config', 'package.json', ...gFlags(baseGrammars), ...cases.map(rel)]));
});

// 2. Snapshots.
section(() => {
  const snaps = files('snap', '.md');
  const missing = snaps.filter((f) => !fs.existsSync(f + '.snap'));
  if (missing.length > 0 && !update) {
    throw new Error(`snapshots: missing ${missing.map(rel).join(', ')} — run \`npm run test:grammar -- --update\` and review them`);
  }
  results.push(
    run('snapshots (test/grammar/snap)', snapBin, [
      '--config', 'package.json',
      '-s', 'text.html.markdown',
      ...(update ? ['--updateSnapshot'] : []),
      ...gFlags(baseGrammars),
      ...snaps.map(rel),
    ]),
  );
});

// 3. Next to VS Code's markdown-math, in both registration orders.
const ours = require(path.join(root, 'package.json')).contributes.grammars.map((g) => ({
  ...g,
  path: path.join(root, g.path),
}));
const mathDir = path.join(vendor, 'markdown-math');
const builtinMath = [
  { scopeName: 'text.html.markdown.math', path: path.join(mathDir, 'md-math.tmLanguage.json') },
  { scopeName: 'markdown.math.block', path: path.join(mathDir, 'md-math-block.tmLanguage.json'), injectTo: ['text.html.markdown'] },
  { scopeName: 'markdown.math.inline', path: path.join(mathDir, 'md-math-inline.tmLanguage.json'), injectTo: ['text.html.markdown'] },
  { scopeName: 'markdown.math.codeblock', path: path.join(mathDir, 'md-math-fence.tmLanguage.json'), injectTo: ['text.html.markdown'] },
];
section(() => {
  const withMath = files('with-markdown-math', '.test.md');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuzuri-grammar-'));
  try {
    for (const [order, list] of [
      ['markdown-math registered first', [...builtinMath, ...ours]],
      ['markdown-math registered after ours', [...ours, ...builtinMath]],
    ]) {
      // vscode-tmgrammar-test joins each path to the config file's folder.
      const config = path.join(tmp, `${order.replace(/\W+/g, '-')}.json`);
      const grammars = list.map((g) => ({ ...g, path: path.relative(tmp, g.path) }));
      fs.writeFileSync(config, JSON.stringify({ contributes: { grammars } }, null, 2));
      results.push(run(`with VS Code's markdown-math, ${order} (test/grammar/with-markdown-math)`, unitBin, ['--config', config, ...gFlags(baseGrammars), ...withMath.map(rel)]));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

const failed = results.filter((r) => !r).length;
console.log(failed === 0 ? `\ngrammar tests: all ${results.length} runs passed` : `\ngrammar tests: ${failed} of ${results.length} runs FAILED`);
process.exit(failed === 0 ? 0 : 1);
