// @ts-check
'use strict';
/** Builds a throw-away workspace from test/fixtures/e2e-workspace in a temp folder. */
const fs = require('node:fs');
const path = require('node:path');
const { copyFixtureProject } = require('../fixtureProjects');

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'e2e-workspace');

/**
 * Copies the fixture to `dest` and links `dest/project/node_modules` to the repository's
 * node_modules, which holds the rules the project's .textlintrc.json names (preset-ja-spacing).
 * `projects` adds fixture projects with packages of their own from the npm registry
 * (test/fixtures/projects/<name> → `dest/<name>`, installed on first use; scripts/fixtureProjects.js).
 * @param {string} dest
 * @param {{ projects?: string[] }} [options]
 */
function prepareWorkspace(dest, options = {}) {
  fs.cpSync(FIXTURE, dest, { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dest, 'project', 'node_modules'), 'dir');
  if (!fs.existsSync(path.join(dest, 'project', 'node_modules', 'textlint-rule-preset-ja-spacing'))) {
    throw new Error('node_modules/textlint-rule-preset-ja-spacing is missing: run npm ci');
  }
  for (const name of options.projects ?? []) copyFixtureProject(name, path.join(dest, name));
  return dest;
}

module.exports = { prepareWorkspace, FIXTURE };
