// @ts-check
'use strict';
/**
 * `npm run test:vscode`: the same extension-host suite (out/test/suite) in desktop VS Code through
 * @vscode/test-electron. Needs a machine that can download VS Code (not ours: use `npm run test:e2e`,
 * which runs the suite in code-server). The extension is loaded from this repository's dist/.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { prepareWorkspace } = require('./workspace');

const ROOT = path.resolve(__dirname, '..', '..');

function npm(script) {
  const r = spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run ${script} failed`);
}

async function main() {
  npm('compile');
  npm('build');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuzuri-vscode-'));
  const workspace = prepareWorkspace(path.join(tmp, 'workspace'), { projects: ['smarthr'] });
  const logFile = path.join(ROOT, 'test-results', 'vscode', 'mocha.log');
  fs.rmSync(logFile, { force: true });
  try {
    await runTests({
      version: process.env.TSUZURI_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'suite', 'index.js'),
      extensionTestsEnv: { TSUZURI_TEST_LOG: logFile },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(tmp, 'user-data')}`,
        `--extensions-dir=${path.join(tmp, 'extensions')}`,
      ],
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`test:vscode failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
