/**
 * Writer scenarios preview-themes-light and preview-themes-dark: the preview of a Zenn, a Qiita and
 * a DEV post reads like the site in a light and in a dark editor theme. For each post and theme it
 * takes a screenshot (test-results/e2e/writer/preview-themes/) and measures, in the real page, the
 * colours Chromium computed for every piece of code text and the background it is painted on: each
 * must reach a contrast of 4.5:1 (WCAG AA). It also checks what the site's stylesheet decides rather
 * than VS Code's webview defaults (body type size, Zenn's links without underline, no background
 * behind code inside a block), the card-shaped link cards, and (dark) that Qiita's `#…` link works.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Frame, Page } from "playwright-core";
import { composite, contrastRatio, parseColor, type Rgba } from "../../server/src/core/render/contrast";
import type { Scenario } from "./scenarios";
import { TIMEOUT_MS, Workbench } from "./workbench";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures", "preview-themes");
const SHOTS = path.join(ROOT, "test-results", "e2e", "writer", "preview-themes");

interface Post {
  platform: "zenn" | "qiita" | "devto";
  /** Where the post goes in the workspace (its platform is detected there). */
  file: string;
  /** A text of the post's last paragraph: the preview shows this post. */
  last: string;
}

const POSTS: Post[] = [
  { platform: "zenn", file: "zenn/articles/preview-theme-zenn.md", last: "最後の段落です。" },
  { platform: "qiita", file: "qiita/public/preview-theme-qiita.md", last: "最後の段落です。" },
  { platform: "devto", file: "posts/preview-theme-devto.md", last: "The last paragraph." },
];

const THEMES = [
  { name: "light", setting: "Light Modern", bodyClass: "vscode-light", workbenchClass: "vs" },
  { name: "dark", setting: "Dark Modern", bodyClass: "vscode-dark", workbenchClass: "vs-dark" },
] as const;

/**
 * What the page computed for every piece of code text (each text node inside a `pre`, coloured
 * token or not): the colour of its element and the backgrounds under it, up to the first opaque one.
 */
const MEASURE_TOKENS = `(() => {
  const out = [];
  for (const pre of document.querySelectorAll("#tsuzuri-root article pre")) {
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.data.trim() === "") continue;
      const backgrounds = [];
      for (let el = node.parentElement; el; el = el.parentElement) {
        const bg = getComputedStyle(el).backgroundColor;
        backgrounds.push(bg);
        if (/^rgb\\(/.test(bg)) break;
      }
      out.push({ text: node.data, color: getComputedStyle(node.parentElement).color, backgrounds });
    }
  }
  return out;
})()`;

/** Computed styles a writer would notice: body type, link decoration, code backgrounds inside blocks. */
const MEASURE_PAGE = `(() => {
  const article = document.querySelector("#tsuzuri-root article");
  const p = article.querySelector(":scope > p");
  const link = article.querySelector("p a:not(.tsuzuri-card-link)");
  const blockCode = article.querySelector("pre code");
  return {
    bodyFontSize: getComputedStyle(p).fontSize,
    linkDecoration: link ? getComputedStyle(link).textDecorationLine : null,
    blockCodeBackground: blockCode ? getComputedStyle(blockCode).backgroundColor : null,
    cards: [...article.querySelectorAll(".tsuzuri-card-host")].map((e) => [e.textContent, e.closest(".tsuzuri-embed").getBoundingClientRect().height]),
  };
})()`;

interface Token {
  text: string;
  color: string;
  backgrounds: string[];
}

/** The opaque colour the token's text is painted on: its backgrounds composited from the bottom up. */
function paintedOn(backgrounds: readonly string[]): Rgba {
  let under: Rgba = [255, 255, 255, 1];
  for (const bg of [...backgrounds].reverse()) {
    const c = parseColor(bg);
    if (c && c[3] > 0) under = composite(c, under);
  }
  return under;
}

/**
 * Quick Open by clicking the file's own row: the posts' names share a prefix, and Enter right after
 * typing can open the row focused before the list was filtered (another post).
 */
async function openPost(page: Page, post: Post): Promise<void> {
  const name = path.basename(post.file);
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: TIMEOUT_MS });
  await input.fill(name);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().click();
  // The editor's tab in the active group (the preview's own tab, "Preview <name>", is active in its group too).
  await page.locator(".editor-group-container.active .tabs-container .tab.active", { hasText: name }).waitFor({ state: "visible", timeout: TIMEOUT_MS });
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: TIMEOUT_MS });
}

async function waitForPost(frame: Frame, post: Post, bodyClass: string): Promise<void> {
  await frame.locator(`body.${bodyClass}`).waitFor({ state: "attached", timeout: TIMEOUT_MS });
  await frame.locator(`#tsuzuri-root article.tsuzuri-${post.platform}`, { hasText: post.last }).waitFor({ state: "visible", timeout: TIMEOUT_MS });
  // Highlighted: Zenn's Shiki output, or the renderer's own for Qiita and DEV.
  const highlighted = post.platform === "zenn" ? "pre.shiki code span[style]" : "pre code.tsuzuri-highlighted span[style]";
  await frame.locator(`#tsuzuri-root ${highlighted}`).first().waitFor({ state: "attached", timeout: TIMEOUT_MS });
}

/** One theme: open the three posts and their preview, measure, screenshot; `after` runs at the end. */
function themeScenario(theme: (typeof THEMES)[number], after?: (page: Page, frame: Frame, log: (m: string) => void) => Promise<void>): Scenario {
  return {
    name: `preview-themes-${theme.name}`,
    title: `Zenn, Qiita and DEV previews in ${theme.setting}: code text reaches 4.5:1 contrast, the site's type and colours win over VS Code's`,
    async run({ page, baseUrl, workspace, log }) {
      for (const post of POSTS) {
        const dest = path.join(workspace, post.file);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.copyFileSync(path.join(FIXTURES, `${post.platform}.md`), dest);
      }
      fs.mkdirSync(SHOTS, { recursive: true });
      fs.mkdirSync(path.join(workspace, ".vscode"), { recursive: true });
      fs.writeFileSync(path.join(workspace, ".vscode", "settings.json"), JSON.stringify({ "workbench.colorTheme": theme.setting }));
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await page.locator(`.monaco-workbench.${theme.workbenchClass}`).waitFor({ state: "attached", timeout: TIMEOUT_MS });
      let frame: Frame | undefined;
      for (const post of POSTS) {
        // The post opens in the first editor group, beside the preview.
        if (frame) await page.keyboard.press("Control+1");
        await openPost(page, post);
        if (!frame) {
          await wb.runCommand("Tsuzuri: Open Preview to the Side");
          frame = await wb.previewFrame();
        }
        await waitForPost(frame, post, theme.bodyClass);
        await measure(page, frame, post, theme.name, log);
      }
      if (after && frame) await after(page, frame, log);
    },
  };
}

async function measure(page: Page, frame: Frame, post: Post, themeName: string, log: (m: string) => void): Promise<void> {
  const shot = path.join(SHOTS, `${post.platform}-${themeName}.png`);
  await page.screenshot({ path: shot });
  const tokens = (await frame.evaluate(MEASURE_TOKENS)) as Token[];
  assert.ok(tokens.length >= 10, `${post.platform}/${themeName}: code text measured (${tokens.length} pieces)`);
  const ratios = tokens.map((t) => {
    const bg = paintedOn(t.backgrounds);
    const fg = parseColor(t.color);
    assert.ok(fg, `a colour Chromium computed: ${t.color}`);
    return { text: t.text, color: t.color, bg, ratio: contrastRatio(fg, bg) };
  });
  const worst = ratios.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  log(`${post.platform}/${themeName}: ${tokens.length} pieces of code text, lowest contrast ${worst.ratio.toFixed(2)}:1 (${JSON.stringify(worst.text)} ${worst.color}) → ${path.relative(ROOT, shot)}`);
  const unreadable = ratios.filter((r) => r.ratio < 4.5).map((r) => `${JSON.stringify(r.text)} ${r.color} on rgb(${r.bg.slice(0, 3).map(Math.round).join(",")}) = ${r.ratio.toFixed(2)}`);
  assert.deepEqual(unreadable, [], `${post.platform}/${themeName}: code text below 4.5:1`);

  const looks = (await frame.evaluate(MEASURE_PAGE)) as { bodyFontSize: string; linkDecoration: string | null; blockCodeBackground: string | null; cards: [string, number][] };
  log(`${post.platform}/${themeName}: ${JSON.stringify(looks)}`);
  const transparent = (c: string | null) => c !== null && (parseColor(c)?.[3] ?? 1) === 0;
  assert.ok(transparent(looks.blockCodeBackground), `${post.platform}/${themeName}: code inside a block has no background of its own (${looks.blockCodeBackground})`);
  const fontSize = { zenn: "16px", qiita: "16px", devto: "19px" }[post.platform];
  assert.equal(looks.bodyFontSize, fontSize, `${post.platform}'s body text is ${fontSize}`);
  if (post.platform === "zenn") assert.equal(looks.linkDecoration, "none", "Zenn's links are not underlined");
  // The link card keeps its shape offline: the host, in a card of the site's height.
  assert.equal(looks.cards.length, 1, `${post.platform}: one link card`);
  const [host, height] = looks.cards[0] ?? ["", 0];
  assert.match(host, /^(zenn\.dev|qiita\.com|dev\.to)$/);
  assert.ok(height >= 100, `${post.platform}: the card is card-sized (${height}px)`);
}

/** Qiita's in-page link to a heading lands on it (heading ids as Qiita makes them). */
async function followQiitaLink(page: Page, frame: Frame, log: (m: string) => void): Promise<void> {
  await page.keyboard.press("Control+1");
  await openPost(page, POSTS[1]!);
  await waitForPost(frame, POSTS[1]!, THEMES[1].bodyClass);
  // VS Code's webview scrolls a `#…` link's target into view itself (getElementById of the
  // decoded fragment): the heading reaches the top, or the page its end.
  const before = Number(await frame.evaluate("window.scrollY"));
  await frame.locator("#tsuzuri-root article a[href^='#']").first().click();
  await frame.waitForFunction(
    `(() => { const h = document.getElementById("おわりに"); const end = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2; return !!h && window.scrollY > ${before} && (Math.abs(h.getBoundingClientRect().top) < 2 || end); })()`,
    undefined,
    { timeout: TIMEOUT_MS },
  );
  log(`Qiita's #おわりに link scrolled the preview to its heading (scrollY ${await frame.evaluate("window.scrollY")})`);
}

export const previewThemeScenarios: Scenario[] = [themeScenario(THEMES[0]), themeScenario(THEMES[1], followQiitaLink)];
