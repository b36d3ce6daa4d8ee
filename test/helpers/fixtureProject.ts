/**
 * Fixture projects with real npm packages (scripts/fixtureProjects.js): a temporary copy of
 * test/fixtures/projects/<name> with its node_modules, installed from the npm registry on first use
 * and cached under .cache/ (git-ignored).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "./workspace";

interface FixtureProjects {
  copyFixtureProject(name: string, dest: string): string;
}

// A plain script, shared with scripts/e2e and the bench; loaded from the repository, not from out/.
const fixtures = require(path.join(repoRoot, "scripts", "fixtureProjects.js")) as FixtureProjects;

/** A temporary copy of the fixture project `name`, ready to lint (remove it with removeWorkspace). */
export function fixtureProject(name: string): string {
  return fixtures.copyFixtureProject(name, fs.mkdtempSync(path.join(os.tmpdir(), `tsuzuri-${name}-`)));
}
