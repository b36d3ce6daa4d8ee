/**
 * The preview's sanitiser against XSS payloads, in Markdown and raw HTML, on every platform: the
 * output is parsed as a browser would (parse5, the WHATWG HTML parsing algorithm) and nothing that
 * can run script, load a frame, submit, redirect or style the page must survive.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { renderPost, sanitizePreviewHtml, type RenderPlatform } from "../../server/src/core/render/index";

interface P5Node {
  nodeName: string;
  tagName?: string;
  namespaceURI?: string;
  attrs?: { name: string; value: string; prefix?: string }[];
  childNodes?: P5Node[];
  content?: P5Node;
  value?: string;
}
// parse5 (5.x, here through textlint's dependencies) has no types of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parse5 = require("parse5") as { parseFragment(html: string): P5Node };

const PAYLOADS: Record<string, string> = {
  "script tag": "<script>alert(1)</script>",
  "script tag inline": "text <script>alert(1)</script> text",
  "img onerror": "<img src=x onerror=alert(1)>",
  "img onerror, quoted": '<img src="x" onerror="alert(1)">',
  "javascript: link in Markdown": "[click](javascript:alert(1))",
  "javascript: image in Markdown": "![x](javascript:alert(1))",
  "javascript: autolink": "<javascript:alert(1)>",
  "javascript: link in HTML": '<a href="javascript:alert(1)">click</a>',
  "JaVaScRiPt: with spaces": '<a href="  JaVaScRiPt:alert(1)">click</a>',
  "jav&#x09;ascript:": '<a href="jav&#x09;ascript:alert(1)">tab</a>',
  "&#106;avascript:": '<a href="&#106;avascript:alert(1)">entity</a>',
  "control character before javascript:": '<a href="&#14;javascript:alert(1)">ctrl</a>',
  "vbscript:": '<a href="vbscript:msgbox(1)">vb</a>',
  "data:text/html link in Markdown": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "data:text/html link in HTML": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  "img src javascript:": '<img src="javascript:alert(1)">',
  "img data:text/html": '<img src="data:text/html,<script>alert(1)</script>">',
  "img srcset": '<img src="a.png" srcset="javascript:alert(1) 1x">',
  "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "iframe javascript:": '<iframe src="javascript:alert(1)"></iframe>',
  "iframe unclosed with markup": "<iframe><img src=x onerror=alert(1)>",
  "svg onload": "<svg onload=alert(1)><circle r=5 /></svg>",
  "svg a xlink:href": '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  "svg animate href": '<svg><animate attributeName="href" values="javascript:alert(1)" /><a><text>x</text></a></svg>',
  "svg use": '<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0neCcgb25sb2FkPSdhbGVydCgxKScvPg==#x"/></svg>',
  "math mglyph style": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "math maction": '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  "math href": '<math href="javascript:alert(1)"><mi>x</mi></math>',
  "style tag": "<style>body{background:url(javascript:alert(1))}</style>",
  "style attribute url": '<div style="background-image:url(javascript:alert(1))">x</div>',
  "style attribute expression": '<span style="width:expression(alert(1))">x</span>',
  "style attribute import": '<span style="color:red;@import \'x\'">x</span>',
  "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "base href": '<base href="javascript:/">',
  "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
  "form action": '<form action="javascript:alert(1)"><button>go</button></form>',
  "button formaction": "<button formaction=javascript:alert(1)>x</button>",
  "input onfocus": "<input autofocus onfocus=alert(1)>",
  "object data": '<object data="javascript:alert(1)"></object>',
  "embed src": '<embed src="javascript:alert(1)">',
  "details ontoggle": "<details open ontoggle=alert(1)><summary>x</summary></details>",
  "noscript title breakout": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  "textarea breakout": "<textarea></textarea/><img src=x onerror=alert(1)></textarea>",
  "xmp": "<xmp><img src=x onerror=alert(1)></xmp>",
  "template": "<template><script>alert(1)</script></template>",
  "body onload": "<body onload=alert(1)>",
  "video onerror": "<video><source onerror=alert(1)></video>",
  "marquee onstart": "<marquee onstart=alert(1)>x</marquee>",
  "attribute breakout": '<img src="x` `<script>alert(1)</script>"` `>',
  "id clobbering the page root": '<p id="tsuzuri-root">x</p><a name="vscode">y</a>',
  "Zenn card with javascript:": "@[card](javascript:alert(1))",
  "Zenn youtube breakout": '@[youtube]("><script>alert(1)</script>)',
  "Zenn codepen breakout": '@[codepen](https://codepen.io/a/pen/b"><script>alert(1)</script>)',
  "Zenn details title": ":::details <img src=x onerror=alert(1)>\nx\n:::",
  "Zenn code file name": '```js:"><img src=x onerror=alert(1)>\nx\n```',
  "dev.to liquid with javascript:": "{% embed javascript:alert(1) %}",
  "dev.to details summary": "{% details <img src=x onerror=alert(1)> %}\nx\n{% enddetails %}",
  "Hatena embed breakout": '[https://example.com/"onmouseover="alert(1):embed]',
  "Hatena title breakout": '[https://example.com/:title=<img src=x onerror=alert(1)>]',
  "Qiita file name": '```js:<img src=x onerror=alert(1)>\nx\n```',
  "math with markup": "$<img src=x onerror=alert(1)>$\n\n$$\n<script>alert(1)</script>\n$$",
  "Hugo shortcode": '{{< youtube "<img src=x onerror=alert(1)>" >}}',
};

const FORBIDDEN_ELEMENTS = new Set(["script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "meta", "link", "base", "form", "button", "textarea", "select", "option", "template", "math", "noscript", "video", "audio", "source", "marquee", "use", "animate", "set", "foreignobject", "body", "html", "head", "title", "xmp"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "cite"]);

/** The reasons this HTML, parsed as a browser would, is unsafe (empty when it is safe). */
function problems(html: string): string[] {
  const out: string[] = [];
  const visit = (node: P5Node) => {
    const tag = node.tagName?.toLowerCase();
    if (tag) {
      if (FORBIDDEN_ELEMENTS.has(tag)) out.push(`<${tag}>`);
      for (const attr of node.attrs ?? []) {
        const name = (attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name).toLowerCase();
        // What a browser would resolve: control characters and whitespace do not stop a scheme.
        const value = attr.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
        if (name.startsWith("on")) out.push(`${tag}[${name}]`);
        if (["srcdoc", "formaction", "action", "srcset", "xlink:href", "name"].includes(name)) out.push(`${tag}[${name}]`);
        if (name === "id" && value.startsWith("tsuzuri")) out.push(`${tag}[id=${value}]`);
        if (URL_ATTRIBUTES.has(name)) {
          if (/^(javascript|vbscript|file|blob):/.test(value)) out.push(`${tag}[${name}=${value}]`);
          if (value.startsWith("data:") && !(tag === "img" && name === "src" && value.startsWith("data:image/"))) out.push(`${tag}[${name}=${value}]`);
          if (value.startsWith("//")) out.push(`${tag}[${name}] protocol-relative`);
        }
        if (name === "style" && /url\(|expression\(|@import|\\/.test(value)) out.push(`${tag}[style=${value}]`);
        if (name === "target") out.push(`${tag}[target]`);
        if (tag === "input" && name === "type" && value !== "checkbox") out.push(`input[type=${value}]`);
      }
      if (tag === "input" && !(node.attrs ?? []).some((a) => a.name === "disabled")) out.push("input without disabled");
    }
    for (const child of node.childNodes ?? []) visit(child);
    if (node.content) visit(node.content);
  };
  visit(parse5.parseFragment(html));
  return out;
}

describe("render: the sanitiser against XSS payloads", () => {
  it("the checker itself catches the payloads before sanitising", () => {
    assert.notDeepEqual(problems('<img src=x onerror=alert(1)><a href="jav&#x09;ascript:x">y</a>'), []);
    assert.ok(problems("<svg><a xlink:href='javascript:x'>y</a></svg>").length > 0);
  });

  for (const platform of ["zenn", "qiita", "hatena", "devto", "blog"] as RenderPlatform[]) {
    it(`nothing survives on ${platform}`, async () => {
      for (const [name, payload] of Object.entries(PAYLOADS)) {
        for (const text of [payload, `---\ntitle: x\n---\n\n${payload}\n`, `- item\n\n  ${payload}\n`, `> ${payload}\n`]) {
          const { html } = await renderPost(text, { platform });
          assert.deepEqual(problems(html), [], `${platform}: ${name}\n${html}`);
          // And as text: no tag carries an event handler or a javascript: URL (text content may show them, escaped).
          for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) assert.doesNotMatch(tag, /\son[a-z]+\s*=|javascript:|^<script/i, `${platform}: ${name}\n${html}`);
        }
      }
    });
  }

  it("frontmatter values in the header are escaped", async () => {
    const text = '---\ntitle: "<img src=x onerror=alert(1)>"\nemoji: "<script>alert(1)</script>"\ntopics: ["<svg onload=alert(1)>"]\ncover_image: "javascript:alert(1)"\ncover: "javascript:alert(1)"\n---\n';
    for (const platform of ["zenn", "devto", "blog"] as RenderPlatform[]) {
      const { html, headerHtml } = await renderPost(text, { platform, problems: [{ message: "<script>alert(1)</script>", severity: "error" }] });
      assert.deepEqual(problems(html), [], html);
      assert.match(headerHtml, /&lt;img src=x onerror=alert\(1\)&gt;|&lt;svg/);
    }
  });

  it("keeps what the renderers need", () => {
    const html = sanitizePreviewHtml(
      '<details open data-line="3"><summary>s</summary><aside class="msg alert"><p data-line="4">x</p></aside></details>' +
        '<span class="katex" style="height:0.8em;vertical-align:-0.2em"><svg width="400em" height="1.08em" viewBox="0 0 400000 1080"><path d="M95,702"></path></svg></span>' +
        '<embed-katex display-mode="1"><eqn>x</eqn></embed-katex><ruby>漢<rt>かん</rt></ruby>' +
        '<a href="https://example.com" target="_blank" rel="noopener evil">x</a><a href="#fn1">1</a><a href="mailto:a@example.com">m</a>' +
        '<img src="data:image/png;base64,AAAA" alt="d"><input type="checkbox" checked><td style="text-align:center">c</td>',
    );
    assert.match(html, /<details open data-line="3"><summary>s<\/summary><aside class="msg alert"><p data-line="4">x<\/p><\/aside><\/details>/);
    assert.match(html, /<span class="katex" style="height:0.8em;vertical-align:-0.2em"><svg width="400em" height="1.08em" viewbox="0 0 400000 1080"><path d="M95,702"><\/path><\/svg><\/span>/);
    assert.match(html, /<embed-katex display-mode="1"><eqn>x<\/eqn><\/embed-katex><ruby>漢<rt>かん<\/rt><\/ruby>/);
    assert.match(html, /<a href="https:\/\/example.com" rel="noopener">x<\/a><a href="#fn1">1<\/a><a href="mailto:a@example.com">m<\/a>/);
    assert.match(html, /<img src="data:image\/png;base64,AAAA" alt="d" \/><input type="checkbox" disabled checked \/>/);
  });
});
