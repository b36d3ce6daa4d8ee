/**
 * The real-shaped posts the bench's `real` case lints (test/helpers/realPost.ts) really have the
 * shapes writers produce: sizes near the target, Zenn frontmatter, link lists and headings without
 * 「。」, footnotes defined at the end, emoji (also in flagged paragraphs), tables, :::message,
 * fences with file names, problems for the preset to find, and sentences that do not repeat.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { makeRealPost, realPostShapes, repeatedSentenceShare } from "../helpers/realPost";

const SIZES = [5_000, 20_000, 100_000];
const SEEDS = [1, 2, 3];
const posts = SIZES.flatMap((size) => SEEDS.map((seed) => ({ size, seed, text: makeRealPost(size, seed).text })));
const name = (p: { size: number; seed: number }): string => `${p.size / 1000}k seed ${p.seed}`;

describe("real-shaped posts", () => {
  it("are within ±10% of the target size, and deterministic per seed", () => {
    for (const p of posts) {
      assert.ok(Math.abs(p.text.length - p.size) <= p.size * 0.1, `${name(p)}: ${p.text.length} chars`);
      assert.equal(makeRealPost(p.size, p.seed).text, p.text, `${name(p)} is not deterministic`);
    }
    assert.notEqual(posts[0]!.text, posts[1]!.text, "other seeds must give other posts");
  });

  it("start with Zenn frontmatter", () => {
    for (const p of posts) {
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(p.text)?.[1];
      assert.ok(fm, `${name(p)}: no frontmatter`);
      for (const key of ["title", "emoji", "type", "topics", "published"]) assert.match(fm, new RegExp(`^${key}: `, "m"), `${name(p)}: no ${key}`);
    }
  });

  it("have link lists and headings without 「。」, in runs of blocks with no 「。」 paragraph", () => {
    for (const p of posts) {
      const headings = p.text.match(/^#{1,6} .*$/gm) ?? [];
      assert.ok(headings.length >= 5, `${name(p)}: ${headings.length} headings`);
      assert.ok(headings.every((h) => !h.includes("。")), `${name(p)}: a heading with 「。」`);
      // A list of at least 4 consecutive `- [title](https://…)` items.
      assert.match(p.text, /(^- \[[^\]\n]+\]\(https:\/\/[^)\n]+\)\n(?: {2}- [^\n]*\n)?){4,}/m, `${name(p)}: no link list`);
      assert.ok((p.text.match(/^- \[[^\]\n]+\]\(https:\/\/[^)\n]+\)$/gm) ?? []).every((l) => !l.includes("。")), `${name(p)}: a link item with 「。」`);
      assert.match(p.text, /^https:\/\/\S+$/m, `${name(p)}: no bare URL line`);
      const run = realPostShapes(p.text).longestRunWithoutPeriod;
      assert.ok(run.blocks >= 3 && run.chars >= (p.size >= 20_000 ? 1500 : 500), `${name(p)}: longest run without 「。」 ${run.blocks} blocks, ${run.chars} chars`);
    }
  });

  it("reference footnotes in the prose and define them at the end, with reference-style link definitions", () => {
    for (const p of posts) {
      const refs = new Set(p.text.match(/(?<=[^\n])\[\^\d+\]/g) ?? []);
      const defs = p.text.match(/^\[\^\d+\]: .+$/gm) ?? [];
      assert.ok(refs.size >= 3, `${name(p)}: ${refs.size} footnote references`);
      assert.deepEqual(new Set(defs.map((d) => d.slice(0, d.indexOf(":")))), refs, `${name(p)}: references and definitions differ`);
      // Definitions come last: nothing but definitions after the first one.
      const tail = p.text.slice(p.text.indexOf(defs[0]!));
      assert.ok(tail.split("\n").every((l) => l === "" || /^\[\^\d+\]: /.test(l)), `${name(p)}: footnote definitions are not at the end`);
      const linkDefs = p.text.match(/^\[ref-\d+\]: https:\/\/\S+$/gm) ?? [];
      for (const d of linkDefs) assert.ok(p.text.includes(`][${d.slice(1, d.indexOf("]"))}]`), `${name(p)}: ${d} is not used`);
      if (p.size >= 20_000) assert.ok(linkDefs.length >= 1, `${name(p)}: no reference-style link`);
    }
  });

  it("have emoji in the prose, also in paragraphs the preset flags", () => {
    for (const p of posts) {
      const body = p.text.replace(/^---\n[\s\S]*?\n---\n/, "");
      assert.match(body, /^.*🎉.*(することができ|！).*$|^.*(することができ|！).*🎉.*$/m, `${name(p)}: no 🎉 in a flagged paragraph`);
    }
    const long = posts.filter((p) => p.size >= 20_000).map((p) => p.text).join("\n");
    assert.ok(long.includes("👨‍👩‍👧‍👦"), "no ZWJ family emoji in the 20k and 100k posts");
    assert.ok(long.includes("✅"), "no ✅ in the 20k and 100k posts");
  });

  it("have tables, :::message, fences with file names, images, quotes and nested lists", () => {
    for (const p of posts) {
      const s = realPostShapes(p.text);
      assert.ok(s.tables >= 1, `${name(p)}: no table`);
      assert.match(p.text, /^\| .+ \|\n\| --- \| --- \| --- (\| --- )?\|\n(\| .+ \|\n){3,}/m, `${name(p)}: no table with 3+ rows`);
      assert.match(p.text, /^:::message( alert)?\n[^\n]+\n:::$/m, `${name(p)}: no :::message`);
      assert.match(p.text, /^```(ts|tsx|yaml|json|go|diff ts):[\w./-]+\n/m, `${name(p)}: no fence with a file name`);
      assert.ok(s.nestedItems >= 1, `${name(p)}: no nested list`);
      if (p.size >= 20_000) {
        assert.ok(s.details >= 1 && s.images >= 1 && s.blockquotes >= 1, `${name(p)}: details ${s.details}, images ${s.images}, quotes ${s.blockquotes}`);
        assert.match(p.text, /^!\[[^\]]*\]\(\/images\/[\w-]+\/fig-\d+\.png( =\d+x)?\)$/m, `${name(p)}: no Zenn image`);
      }
    }
  });

  it("mix English and Japanese and break the preset's rules", () => {
    const long = posts.filter((p) => p.size >= 20_000);
    for (const p of long) {
      assert.match(p.text, /[。] [A-Z][a-z]+( [\w-]+)+\.|^> [A-Z][a-z]+( [\w-]+)+\./m, `${name(p)}: no English sentence`);
      for (const problem of [/することができ/, /[ｦ-ﾟ]{2,}/, /！|？/, /かもしれません/]) assert.match(p.text, problem, `${name(p)}: no ${problem}`);
    }
    // A sentence over 100 characters somewhere in the long posts.
    assert.ok(long.some((p) => (p.text.match(/[^。\n]+。/g) ?? []).some((s) => s.length > 100)), "no long sentence");
  });

  it("do not repeat their sentences", () => {
    for (const p of posts) {
      const share = repeatedSentenceShare(p.text);
      assert.ok(share < 0.02, `${name(p)}: ${(share * 100).toFixed(1)}% of the sentences repeat`);
    }
  });
});
