/**
 * The `preview-paint` case (issue 7, the live preview's webview side): the bundled webview script
 * (dist/preview.js, from client/src/preview/webview/main.ts) in Debian's Chromium (/usr/bin/chromium,
 * driven by playwright-core, headless), on a page like the extension's shell: `<main id="tsuzuri-root">`,
 * every stylesheet of dist/styles and media/styles inlined (served by a playwright route as one
 * document; the fonts' relative URLs get 404s), and a stub `acquireVsCodeApi` whose postMessage records
 * `performance.now()`. No Chromium → SKIP.
 *
 * Per platform (zenn, qiita) and post size (5k, 20k, 100k; test/helpers/previewPost.ts):
 *
 * - **first paint**: a fresh page, `renderPost` of the post (its filePath: fills the render cache),
 *   then the first `update` message; timed in the page from `window.postMessage` to the script's
 *   "updated" and to two `requestAnimationFrame`s after it (the frame after the patch has painted);
 * - **updates**: one character typed near the middle (editPlan.ts), `renderPost` with the post's
 *   filePath (the render cache applies), timed in the bench process ("render"); the HTML posted as an
 *   `update` (no lint marks) and timed in the page as above ("paint"); render + paint is the update
 *   as the writer sees it, VS Code's IPC between the extension host and the webview excluded;
 * - **baseline**: a second page in the same browser gets the same HTML strings in the same order,
 *   applied by `root.innerHTML = html` (no morphdom) from a message listener and timed the same way
 *   (message → its "updated" → two frames), alternately before and after the morphdom page.
 *
 * cases.ts runs this; run.ts adds the targets and summary lines below.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { katexMath, renderPost, type RenderPostOptions } from "../server/src/core/render/index";
import type { BenchContext, Recorder } from "./context";
import { typingPlan } from "./editPlan";
import { repoRoot } from "../test/helpers/workspace";
import { makePreviewPost, type PreviewPlatform } from "../test/helpers/previewPost";
import type { Target } from "./report";
import { summarize } from "./stats";

export const PREVIEW_PAINT = {
  chromium: "/usr/bin/chromium",
  platforms: ["zenn", "qiita"] as PreviewPlatform[],
  sizes: [
    { id: "5k", chars: 5_000 },
    { id: "20k", chars: 20_000 },
    { id: "100k", chars: 100_000 },
  ],
  edits: 15,
  /** Updates made before the measured ones (not timed). */
  warmUpEdits: 2,
  viewport: { width: 900, height: 1000 },
  targetSize: "20k",
  limitMs: 100,
} as const;

const ORIGIN = "http://tsuzuri-bench.invalid";

const filePathOf = (platform: PreviewPlatform, name: string): string => (platform === "zenn" ? `/bench/zenn/articles/${name}.md` : `/bench/qiita/public/${name}.md`);

function options(platform: PreviewPlatform, filePath: string): RenderPostOptions {
  return { platform, filePath, locale: "ja", renderMath: katexMath };
}

/** In the page, before dist/preview.js: the stub API, the innerHTML baseline and the timing helper. */
const HARNESS = `
window.__posted = [];
window.__waiters = [];
window.acquireVsCodeApi = () => ({
  postMessage(m) {
    const t = performance.now();
    window.__posted.push({ type: m && m.type, version: m && m.version, t });
    window.__waiters = window.__waiters.filter((w) => !w(m, t));
  },
});
const __api = window.acquireVsCodeApi();
window.addEventListener("message", (e) => {
  const m = e.data;
  if (!m || m.type !== "bench-innerhtml") return;
  const root = document.getElementById("tsuzuri-root");
  root.innerHTML = m.html;
  __api.postMessage({ type: "updated", version: m.version, blocks: root.querySelectorAll("[data-line]").length, marks: 0 });
});
window.__measure = (mode, html, version) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("no 'updated' for version " + version + " within 60 s")), 60000);
  const t0 = performance.now();
  window.__waiters.push((m, t1) => {
    if (!m || m.type !== "updated" || m.version !== version) return false;
    requestAnimationFrame(() => requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve({ updated: t1 - t0, painted: performance.now() - t0, blocks: m.blocks, visibility: document.visibilityState });
    }));
    return true;
  });
  if (mode === "morphdom") window.postMessage({ type: "update", html, marks: [], version, uri: "file:///bench/post.md", resetScroll: false }, "*");
  else window.postMessage({ type: "bench-innerhtml", html, version }, "*");
});
`;

function stylesheets(): { names: string[]; css: string } {
  const names: string[] = [];
  let css = "";
  for (const dir of [path.join(repoRoot, "dist", "styles"), path.join(repoRoot, "media", "styles")]) {
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".css")).sort()) {
      names.push(path.relative(repoRoot, path.join(dir, name)));
      css += `\n/* ${name} */\n` + fs.readFileSync(path.join(dir, name), "utf8");
    }
  }
  return { names, css };
}

function shell(css: string, script: string): string {
  const safe = (s: string): string => s.replace(/<\/(script|style)/gi, "<\\/$1");
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>${safe(css)}</style>
<script>${safe(HARNESS)}</script>
</head>
<body>
<main id="tsuzuri-root"></main>
<script>${safe(script)}</script>
</body>
</html>`;
}

interface Timing {
  updated: number;
  painted: number;
  blocks: number;
  visibility: string;
}

export interface PreviewPaintFact {
  skipped?: string;
  chromium?: string;
  stylesheets?: string[];
  chars: Record<string, Record<string, number>>;
  /** Per platform and size: updates where the two pages reported different block counts. */
  blockMismatches: Record<string, Record<string, number>>;
  /** Visibility states seen (rAF is throttled in hidden pages: must be "visible"). */
  visibility: string[];
}

// Typed loosely: playwright-core is loaded at run time only when Chromium is there.
type Page = {
  goto(url: string): Promise<unknown>;
  route(url: string, f: (route: { request(): { url(): string }; fulfill(o: { status: number; contentType: string; body: string }): Promise<void> }) => void): Promise<void>;
  bringToFront(): Promise<void>;
  evaluate<R, A>(f: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  on(event: "pageerror", f: (e: Error) => void): void;
};

async function measure(page: Page, mode: "morphdom" | "innerHTML", html: string, version: number): Promise<Timing> {
  await page.bringToFront();
  return page.evaluate(
    ({ mode, html, version }) => (globalThis as unknown as { __measure(m: string, h: string, v: number): Promise<Timing> }).__measure(mode, html, version),
    { mode, html, version },
  );
}

export async function measurePreviewPaint(ctx: BenchContext): Promise<void> {
  const { rec } = ctx;
  const fact: PreviewPaintFact = { chars: {}, blockMismatches: {}, visibility: [] };
  rec.fact("previewPaint", fact);
  if (!fs.existsSync(PREVIEW_PAINT.chromium)) {
    fact.skipped = `${PREVIEW_PAINT.chromium} is not installed`;
    ctx.log(`  SKIP: ${fact.skipped}`);
    rec.notes.push(`preview-paint skipped: ${fact.skipped}`);
    return;
  }
  const scriptFile = path.join(repoRoot, "dist", "preview.js");
  if (!fs.existsSync(scriptFile)) throw new Error(`${scriptFile} is missing; run node scripts/build.js`);
  const { css, names } = stylesheets();
  fact.stylesheets = names;
  const page0 = shell(css, fs.readFileSync(scriptFile, "utf8"));
  const { chromium } = (await import("playwright-core")) as unknown as {
    chromium: { launch(o: { executablePath: string; headless: boolean }): Promise<{ version(): string; newPage(): Promise<Page>; close(): Promise<void> }> };
  };
  const browser = await chromium.launch({ executablePath: PREVIEW_PAINT.chromium, headless: true });
  fact.chromium = browser.version();
  ctx.log(`  Chromium ${fact.chromium}; stylesheets ${names.join(", ")}`);
  const sizes = PREVIEW_PAINT.sizes.filter((s) => ctx.sizes.some((c) => c.id === s.id));
  const seen = new Set<string>();
  try {
    const morph = await browser.newPage();
    const inner = await browser.newPage();
    for (const page of [morph, inner]) {
      await page.setViewportSize(PREVIEW_PAINT.viewport);
      page.on("pageerror", (e) => ctx.log(`  page error: ${e.message}`));
      // A fresh document per load (setContent's document.write keeps the window and its globals);
      // anything else the page asks for (the fonts) is a 404.
      await page.route(`${ORIGIN}/**`, (route) => void route.fulfill(route.request().url() === `${ORIGIN}/` ? { status: 200, contentType: "text/html; charset=utf-8", body: page0 } : { status: 404, contentType: "text/plain", body: "" }));
    }
    // Warm-up: load both pages once and paint a small post (JIT, font fallback, style caches).
    const warm = makePreviewPost("zenn", "5k", 5_000, 100).text;
    const warmHtml = (await renderPost(warm, options("zenn", filePathOf("zenn", "warm-up")))).html;
    for (const page of [morph, inner]) await page.goto(`${ORIGIN}/`);
    await measure(morph, "morphdom", warmHtml, 1);
    await measure(inner, "innerHTML", warmHtml, 1);

    for (const platform of PREVIEW_PAINT.platforms) {
      const chars: Record<string, number> = (fact.chars[platform] = {});
      const mismatches: Record<string, number> = (fact.blockMismatches[platform] = {});
      for (const size of sizes) {
        const key = (what: string): string => `pp.${platform}.${what}`;
        const post = makePreviewPost(platform, size.id, size.chars, 0);
        chars[size.id] = post.text.length;
        const file = filePathOf(platform, `paint-${size.id}`);
        mismatches[size.id] = 0;

        // First paint: fresh pages, the first update.
        for (const page of [morph, inner]) await page.goto(`${ORIGIN}/`);
        const r0 = performance.now();
        const firstHtml = (await renderPost(post.text, options(platform, file))).html;
        const firstRender = performance.now() - r0;
        const fm = await measure(morph, "morphdom", firstHtml, 1);
        const fi = await measure(inner, "innerHTML", firstHtml, 1);
        for (const t of [fm, fi]) seen.add(t.visibility);

        // Updates.
        const plan = typingPlan(post.text);
        const render: number[] = [];
        const updated: number[] = [];
        const paint: number[] = [];
        const paintInner: number[] = [];
        const total: number[] = [];
        for (let k = 1; k <= PREVIEW_PAINT.warmUpEdits + PREVIEW_PAINT.edits; k++) {
          const text = plan.textAfter(k);
          const r1 = performance.now();
          const html = (await renderPost(text, options(platform, file))).html;
          const r = performance.now() - r1;
          // Alternate which page goes first, so neither always follows the other's GC or paint.
          let m: Timing;
          let i: Timing;
          if (k % 2 === 1) {
            m = await measure(morph, "morphdom", html, k + 1);
            i = await measure(inner, "innerHTML", html, k + 1);
          } else {
            i = await measure(inner, "innerHTML", html, k + 1);
            m = await measure(morph, "morphdom", html, k + 1);
          }
          seen.add(m.visibility).add(i.visibility);
          if (m.blocks !== i.blocks) mismatches[size.id]!++;
          if (k <= PREVIEW_PAINT.warmUpEdits) continue;
          render.push(r);
          updated.push(m.updated);
          paint.push(m.painted);
          paintInner.push(i.painted);
          total.push(r + m.painted);
        }
        rec.sample(key("firstRender"), `${platform}: preview first render (renderPost, fills the cache)`, "ms", size.id, [firstRender]);
        rec.sample(key("firstPaint"), `${platform}: webview first update → paint (morphdom)`, "ms", size.id, [fm.painted]);
        rec.sample(key("firstPaintInner"), `${platform}:   baseline: root.innerHTML`, "ms", size.id, [fi.painted]);
        rec.sample(key("render"), `${platform}: update: extension-side render (cached)`, "ms", size.id, render);
        rec.sample(key("updated"), `${platform}: update: webview message → "updated" (morphdom)`, "ms", size.id, updated);
        rec.sample(key("paint"), `${platform}: update: webview message → paint (morphdom)`, "ms", size.id, paint);
        rec.sample(key("paintInner"), `${platform}:   baseline: root.innerHTML → paint`, "ms", size.id, paintInner);
        rec.sample(key("total"), `${platform}: update: render + webview paint (no IPC)`, "ms", size.id, total);
        const med = (xs: number[]): string => summarize(xs).median.toFixed(1);
        ctx.log(
          `  ${platform} ${size.id} (${post.text.length} chars, ${fm.blocks} blocks): first render ${firstRender.toFixed(1)} ms, first paint ${fm.painted.toFixed(1)} ms (innerHTML ${fi.painted.toFixed(1)} ms); ` +
            `update render ${med(render)} ms, → updated ${med(updated)} ms, → paint ${med(paint)} ms (innerHTML ${med(paintInner)} ms), render + paint ${med(total)} ms; block-count mismatches ${mismatches[size.id]}`,
        );
      }
    }
  } finally {
    fact.visibility = [...seen];
    await browser.close();
  }
}

// --- report --------------------------------------------------------------------------------------

const fmtMs = (ms: number | undefined): string => (ms === undefined || !Number.isFinite(ms) ? "–" : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US"));
const fmtX = (r: number | undefined): string => (r === undefined || !Number.isFinite(r) ? "–" : `${r.toFixed(2)}×`);
const ratio = (rec: Recorder, a: string, b: string, size: string): number | undefined => {
  const x = rec.get(a, size);
  const y = rec.get(b, size);
  return x && y && y.median > 0 ? x.median / y.median : undefined;
};

/** PASS/FAIL per platform: render + webview paint of the 20k post, median (SKIP when not run). */
export function previewPaintTargets(rec: Recorder): Target[] {
  const fact = rec.facts["previewPaint"] as PreviewPaintFact | undefined;
  if (!fact) return [];
  const size = PREVIEW_PAINT.targetSize;
  return PREVIEW_PAINT.platforms.map((platform) => {
    const s = rec.get(`pp.${platform}.total`, size);
    const label = `preview update (render + webview paint) of a ${size} post (${platform})`;
    if (!s) return { id: `preview-paint-${platform}`, label, pass: null, detail: fact.skipped ?? "not measured" };
    return {
      id: `preview-paint-${platform}`,
      label,
      pass: s.median < PREVIEW_PAINT.limitMs,
      detail:
        `median ${fmtMs(s.median)} ms (target < ${PREVIEW_PAINT.limitMs} ms), p95 ${fmtMs(s.p95)} ms over ${s.n} keystrokes: ` +
        `render ${fmtMs(rec.get(`pp.${platform}.render`, size)?.median)} ms + webview paint ${fmtMs(rec.get(`pp.${platform}.paint`, size)?.median)} ms (VS Code's IPC excluded)`,
    };
  });
}

export function previewPaintLines(rec: Recorder): string[] {
  const fact = rec.facts["previewPaint"] as PreviewPaintFact | undefined;
  if (!fact) return [];
  if (fact.skipped) return [`preview-paint: SKIP (${fact.skipped})`];
  const sizes = PREVIEW_PAINT.sizes.map((s) => s.id).filter((id) => fact.chars[PREVIEW_PAINT.platforms[0]!]?.[id] !== undefined);
  const out = [
    `preview-paint (Chromium ${fact.chromium}, headless, ${PREVIEW_PAINT.viewport.width}×${PREVIEW_PAINT.viewport.height}; dist/preview.js with ${fact.stylesheets?.length ?? 0} stylesheets inlined, no fonts; paint = message → "updated" → 2 rAF; page visibility ${fact.visibility.join("/")}): ` +
      PREVIEW_PAINT.platforms.map((p) => `${p} ${sizes.map((id) => `${id} = ${fact.chars[p]?.[id]?.toLocaleString("en-US") ?? "?"}`).join(", ")} chars`).join("; "),
  ];
  for (const p of PREVIEW_PAINT.platforms) {
    const cells = sizes.map(
      (id) =>
        `${id}: paint morphdom/innerHTML ${fmtX(ratio(rec, `pp.${p}.paint`, `pp.${p}.paintInner`, id))} (first paint ${fmtX(ratio(rec, `pp.${p}.firstPaint`, `pp.${p}.firstPaintInner`, id))}), ` +
        `render + paint p95 ${fmtMs(rec.get(`pp.${p}.total`, id)?.p95)} ms, ${fact.blockMismatches[p]?.[id] ?? "?"} block-count ≠`,
    );
    out.push(`  ${p} (medians): ${cells.join("; ")}`);
  }
  return out;
}
