// @ts-check
'use strict';
/**
 * Fixture projects with real npm dependencies: test/fixtures/projects/<name>/ holds a writer's
 * repository as it is committed (package.json, package-lock.json, .textlintrc, posts), without
 * node_modules. `copyFixtureProject` copies one to a temporary folder and links its node_modules,
 * installed from the npm registry with `npm ci` once per lock file into the git-ignored
 * .cache/fixture-projects/<name>-<hash>/, so later runs take no time and a fresh machine (CI)
 * installs what it needs by itself. Used by the LSP tests, the e2e workspace and the bench.
 */
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'projects');
const CACHE = path.join(ROOT, '.cache', 'fixture-projects');
/** Written last, so a half-finished install (a killed run) is never taken for a complete one. */
const DONE = '.tsuzuri-installed';

/**
 * The fixture's installed node_modules folder, installing it first if this lock file has not been
 * installed yet (about 40 s for preset-smarthr + preset-ja-technical-writing).
 * @param {string} name
 * @returns {string}
 */
function installedNodeModules(name) {
  const source = path.join(FIXTURES, name);
  const manifest = fs.readFileSync(path.join(source, 'package.json'));
  const lock = fs.readFileSync(path.join(source, 'package-lock.json'));
  const hash = crypto.createHash('sha256').update(manifest).update(lock).digest('hex').slice(0, 12);
  const dir = path.join(CACHE, `${name}-${hash}`);
  if (fs.existsSync(path.join(dir, DONE))) return path.join(dir, 'node_modules');

  // Installed beside the final folder and renamed into place: two runs at once each install, one wins.
  fs.mkdirSync(CACHE, { recursive: true });
  const staging = fs.mkdtempSync(path.join(CACHE, `${name}-${hash}.tmp-`));
  try {
    fs.writeFileSync(path.join(staging, 'package.json'), manifest);
    fs.writeFileSync(path.join(staging, 'package-lock.json'), lock);
    const npmCli = process.env.npm_execpath;
    const [command, prefix] = npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
    const args = [...prefix, 'ci', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', '--loglevel=error'];
    const result = spawnSync(command, args, { cwd: staging, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10 * 60_000 });
    if (result.status !== 0) {
      const why = result.error ? result.error.message : `exit code ${result.status}`;
      throw new Error(`npm ci for the fixture project ${name} failed (${why}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
    }
    fs.writeFileSync(path.join(staging, DONE), `${new Date().toISOString()}\n`);
    try {
      fs.renameSync(staging, dir);
    } catch (e) {
      if (!fs.existsSync(path.join(dir, DONE))) throw e;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return path.join(dir, 'node_modules');
}

/**
 * Copies test/fixtures/projects/<name> to `dest` (created if needed) with its node_modules linked in.
 * @param {string} name
 * @param {string} dest
 * @returns {string} dest
 */
function copyFixtureProject(name, dest) {
  const nodeModules = installedNodeModules(name);
  fs.cpSync(path.join(FIXTURES, name), dest, { recursive: true });
  fs.symlinkSync(nodeModules, path.join(dest, 'node_modules'), 'dir');
  return dest;
}

module.exports = { copyFixtureProject, installedNodeModules, FIXTURES };
