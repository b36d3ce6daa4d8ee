// @ts-check
'use strict';
/**
 * `npm run test:e2e`: Tsuzuri's packaged extension in a real VS Code (code-server + Debian Chromium).
 *
 *  1. provisions Debian packages, Node 24 and code-server (scripts/e2e/setup.js; cached in .vscode-test/)
 *  2. compiles the tests (tsc) and packages the extension (`npm run package` → tsuzuri-<version>.vsix)
 *  3. installs the .vsix into a fresh code-server profile in a temp folder
 *  4. layer "suite":  the extension-host mocha suite (out/test/suite) through code-server's smoke-test
 *     driver, against the installed copy of the extension
 *  5. layer "writer": the playwright-core scenarios (out/test/e2e/scenarios.js), one screenshot each
 *  6. stops every process group it started (also on failure and on SIGINT/SIGTERM); exits non-zero
 *     on any failure.
 *
 * Options: --layer suite|writer (default: both), --only <scenario-name>, --skip-package (reuse the
 * existing .vsix and out/), --keep (keep the temp folder), --update-screenshots (copy the README's
 * screenshots, README_SCREENSHOTS, from the writer scenarios into docs/screenshots/; `npm run
 * screenshots` runs just those scenarios with it). Results: test-results/e2e/.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const setup = require('./setup');
const { prepareWorkspace } = require('./workspace');

const ROOT = setup.ROOT;
const RESULTS = path.join(ROOT, 'test-results', 'e2e');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${PKG.publisher}.${PKG.name}`;
const VSIX = path.join(ROOT, `${PKG.name}-${PKG.version}.vsix`);

/**
 * The README's screenshots: docs/screenshots/<name> ← test-results/e2e/writer/<shot> (a scenario's
 * final screenshot `<scenario>.png`, or one it took on the way, `<scenario>-<label>.png`).
 */
const README_SCREENSHOTS = {
  'quick-fix.png': 'quick-fix-menu.png',
  'preview.png': 'preview.png',
  'walkthrough.png': 'walkthrough-steps.png',
};
const SCREENSHOT_SCENARIOS = ['quick-fix', 'preview', 'walkthrough'];
const DOCS_SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

const SUITE_TIMEOUT_MS = 6 * 60_000;
const SCENARIO_TIMEOUT_MS = 3 * 60_000;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=en-US',
];

const { values: opts } = parseArgs({
  options: {
    layer: { type: 'string', multiple: true },
    only: { type: 'string', multiple: true },
    'skip-package': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'update-screenshots': { type: 'boolean', default: false },
  },
});
const layers = opts.layer?.length ? opts.layer : ['suite', 'writer'];
for (const l of layers) if (l !== 'suite' && l !== 'writer') fail(`unknown --layer ${l}`);

function log(msg) {
  process.stdout.write(`[e2e] ${msg}\n`);
}
function fail(msg) {
  process.stderr.write(`[e2e] ${msg}\n`);
  process.exit(2);
}
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------
// Process groups: everything long-lived is started as a group leader (setsid) and killed as a group.

/** @type {Set<number>} */
const groups = new Set();
/** @type {(() => Promise<void>)[]} */
const closers = [];
let tmpRoot = '';
/** @type {Promise<void> | undefined} */
let cleaningUp;
let interrupted = false;

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (re-checking every 50 ms) until `cond()` holds or `ms` elapse; returns whether it held. */
async function until(cond, ms) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

async function killGroup(pgid) {
  if (!groupAlive(pgid)) return groups.delete(pgid);
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {}
  if (!(await until(() => !groupAlive(pgid), 5000))) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {}
    if (!(await until(() => !groupAlive(pgid), 5000))) log(`warning: process group ${pgid} survived SIGKILL`);
  }
  groups.delete(pgid);
}

/** Stops everything; every caller (normal end, failure, signal) waits for the same single run. */
function cleanup() {
  cleaningUp ??= doCleanup();
  return cleaningUp;
}

async function doCleanup() {
  for (const close of closers.splice(0).reverse()) {
    await Promise.race([close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
  }
  for (const pgid of [...groups]) await killGroup(pgid);
  if (tmpRoot && !opts.keep) fs.rmSync(tmpRoot, { recursive: true, force: true });
  else if (tmpRoot) log(`kept ${tmpRoot}`);
}

for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(sig, () => {
    interrupted = true;
    log(`${sig}: stopping everything this run started`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------

/** @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [o] */
function runSync(cmd, args, o = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...o });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
  return r;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** The environment every child gets: state folders inside `dir`, nothing inherited that redirects it. */
function isolatedEnv(dir, extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(npm_|VSCODE_|ELECTRON_|NODE_OPTIONS$|CODE_SERVER_)/i.test(k)) delete env[k];
  }
  const xdg = {
    HOME: path.join(dir, 'home'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(dir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(dir, 'xdg', 'cache'),
    XDG_STATE_HOME: path.join(dir, 'xdg', 'state'),
    TMPDIR: path.join(dir, 'tmp'),
  };
  for (const d of Object.values(xdg)) fs.mkdirSync(d, { recursive: true });
  return { ...env, ...xdg, LANG: 'C.UTF-8', ...extra };
}

/**
 * @typedef {{ name: string, dir: string, port: number, baseUrl: string, pgid: number,
 *   userDataDir: string, outLog: string, env: NodeJS.ProcessEnv, stop(): Promise<void> }} CodeServer
 */

/** @returns {Promise<CodeServer>} */
async function startCodeServer(name, tools, extensionsDir, { smokeTestDriver = false, env: extraEnv = {}, locale = 'en' } = {}) {
  const dir = path.join(tmpRoot, name);
  const userDataDir = path.join(dir, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  if (locale !== 'en') installLanguagePack(tools, locale, extensionsDir, userDataDir);
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'git.enabled': false,
        'files.autoSave': 'off',
        'editor.minimap.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  const configFile = path.join(dir, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = isolatedEnv(dir, extraEnv);
  const outLog = path.join(dir, 'code-server.log');
  const out = fs.openSync(outLog, 'a');
  const args = [
    tools.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--ignore-last-opened',
    '--reconnection-grace-time', '5',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', configFile,
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(locale !== 'en' ? ['--locale', locale] : []),
  ];
  const child = spawn(tools.node24, args, { detached: true, stdio: ['ignore', out, out], env, cwd: dir });
  fs.closeSync(out);
  const pgid = /** @type {number} */ (child.pid);
  groups.add(pgid);
  let exited = /** @type {string | null} */ (null);
  child.on('exit', (code, signal) => (exited = `${code ?? signal}`));
  const baseUrl = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (exited !== null) throw new Error(`code-server (${name}) exited with ${exited} before it was ready; see ${outLog}`);
    if (Date.now() - t0 > 60_000) throw new Error(`code-server (${name}) not ready after 60 s; see ${outLog}`);
    const ok = await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`code-server (${name}) ready on ${baseUrl} in ${seconds(Date.now() - t0)} (process group ${pgid})`);
  return { name, dir, port, baseUrl, pgid, userDataDir, outLog, env, stop: () => killGroup(pgid) };
}

/**
 * Makes `locale` (only `ja`) a display language of the code-server about to start with `userDataDir`.
 * code-server takes `--locale ja` only when a language pack for ja is installed — else the workbench
 * and every extension stay in English (`vscode.env.language` is `en`, so neither package.nls.ja.json
 * nor bundle.l10n.ja.json applies). No pack can be downloaded here, so the project ships one without
 * translations (test/fixtures/ja-language-pack): VS Code's own strings stay English, Tsuzuri's are
 * Japanese. code-server resolves the language from `languagepacks.json` in the user data folder for
 * each page and extension host; its language pack service writes that file only some time after
 * starting (a page loaded before gets English), so it is written here first, as that service does.
 */
function installLanguagePack(tools, locale, extensionsDir, userDataDir) {
  if (locale !== 'ja') throw new Error(`no language pack fixture for ${locale}`);
  const source = path.join(ROOT, 'test', 'fixtures', 'ja-language-pack');
  const manifest = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const work = path.join(tmpRoot, 'ja-language-pack');
  const vsix = path.join(tmpRoot, 'ja-language-pack.vsix');
  if (!fs.existsSync(vsix)) {
    fs.cpSync(source, work, { recursive: true });
    runSync(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], { cwd: work });
  }
  runSync(tools.node24, [tools.codeServerEntry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
    env: isolatedEnv(path.join(tmpRoot, 'ja-install')),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const folder = fs.readdirSync(extensionsDir).find((d) => d.toLowerCase().startsWith(`${id}-`.toLowerCase()));
  if (!folder) throw new Error(`the language pack did not install as ${id} into ${extensionsDir}`);
  const translations = path.join(extensionsDir, folder, 'translations', 'main.i18n.json');
  const packs = {
    [locale]: {
      hash: `${id}-${manifest.version}`,
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: { vscode: translations },
      label: '日本語',
    },
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
  log(`language pack for ${locale} installed (${folder})`);
}

/** Launches Debian Chromium as its own process group and connects playwright-core to it. */
async function startBrowser(name) {
  const { chromium } = require('playwright-core');
  const dir = path.join(tmpRoot, name, 'browser');
  fs.mkdirSync(dir, { recursive: true });
  const server = await chromium.launchServer({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    env: isolatedEnv(path.join(tmpRoot, name)),
    timeout: 60_000,
    // This runner handles signals itself and stops the browser's process group with everything else.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const pid = server.process().pid;
  if (pid) groups.add(pid); // playwright starts the browser detached: it leads its own group
  const browser = await chromium.connect(server.wsEndpoint());
  closers.push(async () => {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
    if (pid) await killGroup(pid);
  });
  return browser;
}

/** Copies code-server's and the extension host's logs (and whatever else is given) into `dest`. */
function saveLogs(cs, dest, extra = []) {
  try {
    copyLogs(cs, dest, extra);
  } catch (e) {
    log(`could not save all logs into ${path.relative(ROOT, dest)}: ${e}`);
  }
}

function copyLogs(cs, dest, extra) {
  fs.mkdirSync(dest, { recursive: true });
  const copies = [
    [cs.outLog, 'code-server.log'],
    [path.join(cs.userDataDir, 'logs'), 'user-data-logs'], // remote server + exthost*/ + output channels
    [path.join(cs.dir, 'xdg', 'data', 'code-server', 'coder-logs'), 'coder-logs'],
    ...extra,
  ];
  for (const [from, to] of copies) {
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dest, to), { recursive: true });
  }
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^(code-server\.log|browser-console\.log|remoteexthost\.log|Tsuzuri\.log|exthost\.log)$/.test(e.name)) found.push(path.relative(ROOT, p));
    }
  };
  walk(dest);
  log(`logs saved in ${path.relative(ROOT, dest)}/; start with:`);
  for (const f of found) log(`  ${f}`);
}

// ---------------------------------------------------------------------------------------------
// Layer 1: the extension-host suite through the smoke-test driver.

async function runSuite(tools, extensionsDir, installedExtension) {
  // The suite also lints a project with packages of its own (preset-smarthr, issue 12).
  const workspace = prepareWorkspace(path.join(tmpRoot, 'suite-workspace'), { projects: ['smarthr'] });
  const mochaLog = path.join(RESULTS, 'suite', 'mocha.log');
  fs.mkdirSync(path.dirname(mochaLog), { recursive: true });
  fs.rmSync(mochaLog, { force: true });
  const cs = await startCodeServer('suite', tools, extensionsDir, {
    smokeTestDriver: true,
    env: { TSUZURI_TEST_LOG: mochaLog, ...(process.env.TSUZURI_TEST_GREP ? { TSUZURI_TEST_GREP: process.env.TSUZURI_TEST_GREP } : {}) },
  });
  closers.push(cs.stop);
  const browser = await startBrowser('suite');
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const consoleLog = path.join(cs.dir, 'browser-console.log');
  page.on('console', (m) => fs.appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => fs.appendFileSync(consoleLog, `[pageerror] ${e.stack ?? e}\n`));

  /** @type {(v: { code: number, logs?: unknown }) => void} */
  let done = () => {};
  const exited = new Promise((r) => (done = r));
  await page.exposeFunction('codeAutomationExit', (code, logs) => done({ code: Number(code), logs }));
  const remote = (p) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(installedExtension)],
    ['extensionTestsPath', remote(path.join(ROOT, 'out', 'test', 'suite', 'index.js'))],
  ];
  const url = `${cs.baseUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const t0 = Date.now();
  await page.goto(url);
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(() => r({ code: -1, logs: undefined }), SUITE_TIMEOUT_MS)));
  const result = /** @type {{ code: number, logs?: unknown }} */ (await Promise.race([exited, timeout]));
  clearTimeout(timer);
  const elapsed = Date.now() - t0;

  const report = fs.existsSync(mochaLog) ? fs.readFileSync(mochaLog, 'utf8') : '';
  process.stdout.write(`\n----- extension-host suite (${path.relative(ROOT, mochaLog)}) -----\n${report || '(no reporter output)\n'}-----\n`);
  await page.screenshot({ path: path.join(RESULTS, 'suite', 'suite-final.png') }).catch(() => {});
  const ok = result.code === 0 && /\b0 failing\b/.test(report) && /\b[1-9]\d* passing\b/.test(report);
  if (!ok) {
    const why = result.code === -1 ? `no result after ${seconds(SUITE_TIMEOUT_MS)}` : `exit code ${result.code}`;
    log(`suite FAILED (${why})`);
    const logsDir = path.join(RESULTS, 'suite', 'logs');
    if (Array.isArray(result.logs)) {
      for (const l of result.logs) {
        if (l && typeof l.relativePath === 'string' && typeof l.contents === 'string') {
          const p = path.join(logsDir, 'workbench', l.relativePath.replace(/^[/\\]+/, ''));
          fs.mkdirSync(path.dirname(p), { recursive: true });
          fs.writeFileSync(p, l.contents);
        }
      }
    }
    saveLogs(cs, logsDir, [[consoleLog, 'browser-console.log']]);
  }
  await context.close().catch(() => {});
  await cs.stop();
  return { ok, ms: elapsed };
}

// ---------------------------------------------------------------------------------------------
// Layer 2: writer scenarios.

/** The modules of test/e2e whose `scenarios` the writer layer runs, in this order. */
const SCENARIO_MODULES = ['scenarios.js', 'states.js'];

async function runWriter(tools, extensionsDir) {
  /** @type {{ name: string, title: string, locale?: string, run(ctx: any): Promise<void> }[]} */
  const scenarios = SCENARIO_MODULES.flatMap((m) => require(path.join(ROOT, 'out', 'test', 'e2e', m)).scenarios);
  const selected = opts.only?.length ? scenarios.filter((s) => opts.only?.includes(s.name)) : scenarios;
  if (selected.length === 0) throw new Error(`no scenario matches --only ${opts.only?.join(',')}`);
  const browser = await startBrowser('writer');
  const dir = path.join(RESULTS, 'writer');
  fs.mkdirSync(dir, { recursive: true });
  const results = [];
  // One code-server per display language (`locale` of a scenario; English by default).
  const locales = [...new Set(selected.map((s) => s.locale ?? 'en'))];
  for (const locale of locales) {
    if (interrupted) break;
    const cs = await startCodeServer(locale === 'en' ? 'writer' : `writer-${locale}`, tools, extensionsDir, { locale });
    closers.push(cs.stop);
    results.push(...(await runScenarios(cs, browser, selected.filter((s) => (s.locale ?? 'en') === locale), dir)));
    await cs.stop();
  }
  return results;
}

async function runScenarios(cs, browser, selected, dir) {
  const results = [];
  for (const s of selected) {
    if (interrupted) break;
    const workspace = prepareWorkspace(path.join(tmpRoot, `writer-workspace-${s.name}`));
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const consoleLog = path.join(cs.dir, `browser-console-${s.name}.log`);
    page.on('console', (m) => fs.appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => fs.appendFileSync(consoleLog, `[pageerror] ${e.stack ?? e}\n`));
    const t0 = Date.now();
    log(`scenario ${s.name}: ${s.title}`);
    let error = /** @type {unknown} */ (null);
    let timer;
    try {
      await Promise.race([
        s.run({
          page,
          baseUrl: cs.baseUrl,
          workspace,
          log: (m) => log(`  ${s.name}: ${m}`),
          screenshot: async (label) => {
            const file = path.join(dir, `${s.name}-${label}.png`);
            await page.screenshot({ path: file });
            log(`  ${s.name}: screenshot ${path.relative(ROOT, file)}`);
          },
        }),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`scenario timed out after ${seconds(SCENARIO_TIMEOUT_MS)}`)), SCENARIO_TIMEOUT_MS))),
      ]);
    } catch (e) {
      error = e;
    } finally {
      clearTimeout(timer);
    }
    if (interrupted) break;
    const shot = path.join(dir, `${s.name}${error ? '-FAILED' : ''}.png`);
    await page.screenshot({ path: shot }).catch((e) => log(`  screenshot failed: ${e}`));
    const ms = Date.now() - t0;
    if (error) {
      log(`✘ ${s.name} (${seconds(ms)}): ${error instanceof Error ? (error.stack ?? error.message) : error}`);
      log(`  screenshot: ${path.relative(ROOT, shot)}`);
      saveLogs(cs, path.join(dir, `${s.name}-logs`), [[consoleLog, 'browser-console.log']]);
    } else {
      log(`✔ ${s.name} (${seconds(ms)}) → ${path.relative(ROOT, shot)}`);
    }
    results.push({ name: s.name, ok: !error, ms, screenshot: path.relative(ROOT, shot) });
    await context.close().catch(() => {});
  }
  return results;
}

/**
 * --update-screenshots: copies README_SCREENSHOTS from this run into docs/screenshots/, only from
 * scenarios that passed; returns false (the run fails) when one of them is missing.
 */
function updateScreenshots(results) {
  const passed = new Set(results.filter((r) => r.ok).map((r) => r.name));
  const dir = path.join(RESULTS, 'writer');
  let ok = true;
  fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  for (const [name, shot] of Object.entries(README_SCREENSHOTS)) {
    const scenario = SCREENSHOT_SCENARIOS.find((s) => shot === `${s}.png` || shot.startsWith(`${s}-`));
    const from = path.join(dir, shot);
    if (!scenario || !passed.has(scenario) || !fs.existsSync(from)) {
      log(`screenshot ${name}: not updated (${scenario ?? shot} did not run or did not pass)`);
      ok = false;
      continue;
    }
    fs.copyFileSync(from, path.join(DOCS_SCREENSHOTS, name));
    log(`screenshot ${path.relative(ROOT, path.join(DOCS_SCREENSHOTS, name))} ← ${path.relative(ROOT, from)} (${(fs.statSync(from).size / 1024).toFixed(0)} KiB)`);
  }
  return ok;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const tStart = Date.now();
  const timings = {};
  let t = Date.now();
  const tools = setup.ensureAll();
  timings.setup = Date.now() - t;

  t = Date.now();
  if (!opts['skip-package']) {
    runSync('npm', ['run', 'compile']);
    fs.rmSync(VSIX, { force: true });
    runSync('npm', ['run', 'package']);
  }
  if (!fs.existsSync(VSIX)) throw new Error(`${path.relative(ROOT, VSIX)} was not produced by npm run package`);
  for (const f of ['out/test/suite/index.js', ...SCENARIO_MODULES.map((m) => `out/test/e2e/${m}`)]) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: npm run compile`);
  }
  timings.package = Date.now() - t;

  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuzuri-e2e-'));
  log(`temp folder ${tmpRoot}`);

  t = Date.now();
  const extensionsDir = path.join(tmpRoot, 'extensions');
  const installDir = path.join(tmpRoot, 'install');
  fs.mkdirSync(installDir, { recursive: true });
  runSync(tools.node24, [tools.codeServerEntry, '--install-extension', VSIX, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(installDir, 'user-data'), '--config', path.join(installDir, 'config.yaml')], {
    env: isolatedEnv(installDir),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const installed = fs
    .readdirSync(extensionsDir)
    .filter((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`.toLowerCase()))
    .map((d) => path.join(extensionsDir, d));
  if (installed.length !== 1 || !fs.existsSync(path.join(installed[0], PKG.main ?? 'dist/extension.js'))) {
    throw new Error(`the .vsix did not install as ${EXTENSION_ID} into ${extensionsDir}: ${fs.readdirSync(extensionsDir).join(', ')}`);
  }
  timings.install = Date.now() - t;
  log(`installed ${path.basename(installed[0])} in ${seconds(timings.install)}`);

  let ok = true;
  const summary = { timings, suite: /** @type {any} */ (null), writer: /** @type {any[]} */ ([]) };
  if (layers.includes('suite')) {
    t = Date.now();
    const r = await runSuite(tools, extensionsDir, installed[0]);
    timings.suite = Date.now() - t;
    summary.suite = r;
    ok &&= r.ok;
    log(`layer suite: ${r.ok ? 'PASSED' : 'FAILED'} in ${seconds(timings.suite)} (mocha run ${seconds(r.ms)})`);
  }
  if (layers.includes('writer')) {
    t = Date.now();
    const rs = await runWriter(tools, extensionsDir);
    timings.writer = Date.now() - t;
    summary.writer = rs;
    const failed = rs.filter((r) => !r.ok);
    ok &&= failed.length === 0;
    log(`layer writer: ${failed.length ? `FAILED (${failed.map((r) => r.name).join(', ')})` : 'PASSED'} in ${seconds(timings.writer)}`);
    if (opts['update-screenshots']) ok &&= updateScreenshots(rs);
  }
  timings.total = Date.now() - tStart;
  fs.writeFileSync(path.join(RESULTS, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  log(`timings: ${Object.entries(timings).map(([k, v]) => `${k} ${seconds(v)}`).join(', ')}`);
  log(`screenshots: ${path.relative(ROOT, RESULTS)}/`);
  return ok;
}

main()
  .then(async (ok) => {
    await cleanup();
    log(interrupted ? 'e2e INTERRUPTED' : ok ? 'e2e PASSED' : 'e2e FAILED');
    process.exit(interrupted ? 130 : ok ? 0 : 1);
  })
  .catch(async (e) => {
    if (!interrupted) log(`e2e FAILED: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
    await cleanup();
    process.exit(interrupted ? 130 : 1);
  });
