/** `tsuzuri check -j 2` prints exactly what `-j 1` prints, in the same order, with the bundled preset. */
import { after, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { jsonResults, samplePosts } from "./harness";
import { cleanUp, project, tsuzuriWithEnv } from "./runnerFixtures";

after(cleanUp);

describe("--jobs", () => {
  it("gives the same output with one and with two workers", async () => {
    const files: Record<string, string> = {};
    // Eight files, so that two workers start (one per four files at most); names interleave the posts.
    Object.entries(samplePosts()).forEach(([name, text], i) => {
      for (let copy = 0; copy < 3; copy++) files[`${copy}-${i}-${name}`] = copy === 1 ? text.replace(/。/g, "。\n\n見れる。") : text;
    });
    const dir = project(files);
    const [one, two] = await Promise.all([
      tsuzuriWithEnv({ LC_ALL: "C" }, ["check", "--platform", "off", "--format", "json", "-j", "1", "."], dir),
      tsuzuriWithEnv({ LC_ALL: "C" }, ["check", "--platform", "off", "--format", "json", "--jobs", "2", "."], dir),
    ]);
    assert.equal(one.code, 1, one.describe());
    assert.equal(two.code, 1, two.describe());
    assert.ok(jsonResults(one).length >= 8);
    assert.ok(jsonResults(one).reduce((n, r) => n + r.messages.length, 0) > 20);
    assert.equal(two.stdout, one.stdout);
  });
});
