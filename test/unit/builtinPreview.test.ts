/** The notations plugin for VS Code's own Markdown preview (markdown.markdownItPlugins). */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import MarkdownIt from "markdown-it";
import { platformNotations } from "../../server/src/core/render/builtinPreview";
import type { MarkdownIt as Md } from "../../server/src/core/render/plugins/types";

const render = (text: string) => platformNotations(new MarkdownIt() as unknown as Md).render(text);

describe("notations in VS Code's Markdown preview", () => {
  it("renders Zenn's message boxes and details, nested with more colons", () => {
    const html = render("::::details 詳しく\n:::message alert\n注意してください。\n:::\n::::\n\n:::message\nお知らせです。\n:::\n");
    assert.match(html, /^<details><summary>詳しく<\/summary><div class="details-content">\n<aside class="msg alert">/);
    assert.match(html, /<aside class="msg message"><span class="msg-symbol">!<\/span><div class="msg-content">\n<p>お知らせです。<\/p>/);
    assert.equal((html.match(/<\/aside>/g) ?? []).length, 2);
  });
  it("renders Qiita's notes, escapes a details title, and leaves unknown containers as text", () => {
    assert.match(render(":::note warn\n気をつけて\n:::\n"), /<div class="note warn"[^>]*><span class="note-icon"/);
    assert.match(render(":::details <b>x</b>\ny\n:::\n"), /<summary>&lt;b&gt;x&lt;\/b&gt;<\/summary>/);
    assert.equal(render(":::unknown\ntext\n:::\n"), "<p>:::unknown\ntext\n:::</p>\n");
  });
});
