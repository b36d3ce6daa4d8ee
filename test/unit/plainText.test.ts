/** The render tool's plain text (core/render/plainText.ts): what the preview shows, without markup. */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { htmlToPlainText } from "../../server/src/core/render/plainText";

describe("htmlToPlainText", () => {
  it("puts each block on its own line, lists with dashes and table cells with tabs", () => {
    const html = `<h1 class="t">タイトル</h1>\n<p>本文 <strong>太字</strong> と <code>a &lt; b</code></p>\n<ul>\n<li>一つ目</li>\n<li>二つ目</li>\n</ul>\n<table><thead><tr><th>a</th> <th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table><p><img src="x.png" alt="猫"></p>`;
    assert.equal(htmlToPlainText(html), "タイトル\n本文 太字 と a < b\n- 一つ目\n- 二つ目\na\tb\n1\t2\n[猫]");
  });

  it("keeps a code block's own whitespace", () => {
    const html = `<p>前</p>\n<pre><code class="language-js">if (a) {\n  return &quot;x&quot;;\n}\n</code></pre>\n<p>後</p>`;
    assert.equal(htmlToPlainText(html), '前\n\nif (a) {\n  return "x";\n}\n\n後');
  });
});
