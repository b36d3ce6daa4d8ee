import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { zennImagePaths } from "../../server/src/core/publish/zenn";

describe("zennImagePaths", () => {
  it("finds Markdown images (with Zenn's width suffix and a title), links, definitions and <img>", () => {
    const body = [
      "![図](/images/a.png =250x)",
      '![b](/images/dir/b.png "title")',
      "[download](</images/with space.pdf>)",
      "[ref]: /images/ref.jpg",
      '<img src="/images/c.gif" width="100"> <IMG alt=x src=\'/images/d.webp\'>',
      "![encoded](/images/%E5%9B%B3.png?v=2#x)",
    ].join("\n");
    assert.deepEqual(zennImagePaths(body).slice().sort(), ["images/a.png", "images/c.gif", "images/d.webp", "images/dir/b.png", "images/ref.jpg", "images/with space.pdf", "images/図.png"].sort());
  });

  it("skips code blocks, code spans, comments, other folders, remote URLs and paths leaving images/", () => {
    const body = [
      "```md",
      "![in fence](/images/fenced.png)",
      "```",
      "~~~",
      "<img src=\"/images/tilde.png\">",
      "~~~",
      "`![span](/images/span.png)`",
      "<!-- ![old](/images/commented.png) -->",
      "![x](/articles/x.png) ![y](https://example.com/images/y.png) ![z](images/relative.png)",
      "![up](/images/../secret.txt) ![dir](/images/)",
      "![kept](/images/kept.png) ![kept again](/images/./kept.png)",
    ].join("\n");
    assert.deepEqual(zennImagePaths(body), ["images/kept.png"]);
  });
});
