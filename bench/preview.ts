/**
 * The `preview` case (issue 7, the live preview's extension-side work), in the bench process itself
 * on the compiled sources (out/server/src/core/render), as the extension calls it: `renderPost(text,
 * { platform, filePath, locale: "ja", renderMath: katexMath })`.
 *
 * Per platform (zenn, qiita, blog) and post size (5k, 20k, 100k; test/helpers/previewPost.ts
 * dresses the corpus posts in each platform's notations):
 *
 * - **process-cold**: the process's first render of the platform (module loading, Zenn's Shiki
 *   start-up), on the 5k post, once;
 * - **first render** of a post not seen before (a fresh `filePath`, other corpus variants), warm process;
 * - **warm full render**: `renderPost` of the same text with the cache off (`cacheKey: null`), in
 *   turn with the baselines of the same body (frontmatter lines blanked): a bare `markdown-it`
 *   render (`new MarkdownIt()`, defaults) and, for Zenn, a bare zenn-markdown-html call;
 * - **update**: one character typed into a sentence near the middle (editPlan.ts), then `renderPost`
 *   of the new text with the post's `filePath` (the extension's call: the render cache, when there is
 *   one, is keyed by it); each update's text is also rendered with the cache off (the "full path"
 *   row), both with wall and CPU time, and the two HTML strings must be equal (Zenn's random
 *   footnote ids aside);
 * - the HTML sent to the webview (`result.html`, UTF-8 KB).
 *
 * cases.ts runs this; run.ts adds the targets and summary lines below.
 */
import MarkdownIt from "markdown-it";
import { katexMath, renderPost, type RenderPostOptions, type RenderResult } from "../server/src/core/render/index";
import { preparePost } from "../server/src/core/render/source";
import { zennMarkdownToHtml } from "../server/src/core/render/zenn";
import type { BenchContext, Recorder } from "./context";
import { typingPlan } from "./editPlan";
import { makePreviewPost, type PreviewPlatform } from "../test/helpers/previewPost";
import type { Target } from "./report";
import { summarize } from "./stats";

export const PREVIEW = {
  platforms: ["zenn", "qiita", "blog"] as PreviewPlatform[],
  sizes: [
    { id: "5k", chars: 5_000, firstRenders: 3, fullRounds: 10, edits: 20 },
    { id: "20k", chars: 20_000, firstRenders: 3, fullRounds: 10, edits: 20 },
    { id: "100k", chars: 100_000, firstRenders: 2, fullRounds: 5, edits: 10 },
  ],
  /** Updates made before the measured ones (not timed, but compared). */
  warmUpEdits: 2,
  /** Target: the median update of the 20k post, per platform in `targetPlatforms`. */
  targetSize: "20k",
  targetPlatforms: ["zenn", "qiita"] as PreviewPlatform[],
  updateLimitMs: 100,
} as const;

/** The options the extension passes; `cache: false` turns the render cache off (the full path). */
function options(platform: PreviewPlatform, filePath: string, cache: boolean): RenderPostOptions & { cacheKey?: string | null } {
  return { platform, filePath, locale: "ja", renderMath: katexMath, ...(cache ? {} : { cacheKey: null }) };
}

const filePathOf = (platform: PreviewPlatform, name: string): string => (platform === "zenn" ? `/bench/zenn/articles/${name}.md` : platform === "qiita" ? `/bench/qiita/public/${name}.md` : `/bench/blog/content/posts/${name}.md`);

/** Zenn numbers footnotes with a random document id per render: not a difference. */
const comparable = (html: string): string => html.replace(/\b(fn|fnref)-[0-9a-f]{4}-/g, "$1-ID-");

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (s: string): string => JSON.stringify(s.slice(Math.max(0, i - 40), i + 60));
  return `at offset ${i} (lengths ${a.length} vs ${b.length}): update ${show(a)} vs full ${show(b)}`;
}

export interface PreviewEquivalence {
  compared: number;
  mismatches: number;
  firstMismatch?: string;
}

export interface PreviewFact {
  /** Per platform: the process's first render (5k post), ms. */
  processCold: Record<string, number>;
  /** Per platform and size: the post's length. */
  chars: Record<string, Record<string, number>>;
  /** Per platform and size: update results compared with the full render of the same text. */
  equivalence: Record<string, Record<string, PreviewEquivalence>>;
}

const kb = (html: string): number => Buffer.byteLength(html, "utf8") / 1024;

async function timed(f: () => Promise<unknown> | unknown): Promise<number> {
  return (await timedCpu(f)).ms;
}

/** Wall time and this process's CPU time (all threads), in ms: on a busy machine the CPU time is the comparable figure. */
async function timedCpu(f: () => Promise<unknown> | unknown): Promise<{ ms: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpu: (c.user + c.system) / 1000 };
}

export async function measurePreview(ctx: BenchContext): Promise<void> {
  const { rec } = ctx;
  const sizes = PREVIEW.sizes.filter((s) => ctx.sizes.some((c) => c.id === s.id));
  const fact: PreviewFact = { processCold: {}, chars: {}, equivalence: {} };
  const bareMd = new MarkdownIt();

  // Process-cold: each platform's first render in this process (the 5k post, a name of its own).
  for (const platform of PREVIEW.platforms) {
    const post = makePreviewPost(platform, "5k", 5_000, 0);
    fact.processCold[platform] = await timed(() => renderPost(post.text, options(platform, filePathOf(platform, "process-cold"), true)));
    ctx.log(`  ${platform}: process's first render ${fact.processCold[platform]!.toFixed(0)} ms`);
  }

  for (const platform of PREVIEW.platforms) {
    const chars: Record<string, number> = (fact.chars[platform] = {});
    const equivalence: Record<string, PreviewEquivalence> = (fact.equivalence[platform] = {});
    for (const size of sizes) {
      const key = (what: string): string => `pv.${platform}.${what}`;
      // First render of posts not seen before (other variants, fresh names).
      const first: number[] = [];
      for (let v = 1; v <= size.firstRenders; v++) {
        const other = makePreviewPost(platform, size.id, size.chars, v).text;
        first.push(await timed(() => renderPost(other, options(platform, filePathOf(platform, `first-${size.id}-${v}`), true))));
      }
      const post = makePreviewPost(platform, size.id, size.chars, 0);
      chars[size.id] = post.text.length;
      const file = filePathOf(platform, `post-${size.id}`);
      const body = preparePost(post.text).body;

      // Warm full render and the baselines, in turn.
      const full: number[] = [];
      const md: number[] = [];
      const zenn: number[] = [];
      let html = "";
      for (let r = 0; r < size.fullRounds + 1; r++) {
        let result: RenderResult | undefined;
        const a = await timed(async () => (result = await renderPost(post.text, options(platform, file, false))));
        const b = await timed(() => bareMd.render(body));
        const c = platform === "zenn" ? await timed(() => zennMarkdownToHtml(body)) : NaN;
        html = result?.html ?? "";
        if (r === 0) continue; // warm-up round
        full.push(a);
        md.push(b);
        if (platform === "zenn") zenn.push(c);
      }

      // Updates: one character typed near the middle, the cached render and the full one of the same text.
      const plan = typingPlan(post.text);
      await renderPost(post.text, options(platform, file, true));
      const update: number[] = [];
      const updateFull: number[] = [];
      const updateCpu: number[] = [];
      const updateFullCpu: number[] = [];
      const eq: PreviewEquivalence = (equivalence[size.id] = { compared: 0, mismatches: 0 });
      let updatedHtml = "";
      for (let k = 1; k <= PREVIEW.warmUpEdits + size.edits; k++) {
        const text = plan.textAfter(k);
        let inc: RenderResult | undefined;
        let ref: RenderResult | undefined;
        const a = await timedCpu(async () => (inc = await renderPost(text, options(platform, file, true))));
        const b = await timedCpu(async () => (ref = await renderPost(text, options(platform, file, false))));
        const x = comparable(inc?.html ?? "");
        const y = comparable(ref?.html ?? "");
        eq.compared++;
        if (x !== y) {
          eq.mismatches++;
          eq.firstMismatch ??= `${platform} ${size.id} after ${k} keystrokes: ${firstDifference(x, y)}`;
        }
        updatedHtml = inc?.html ?? "";
        if (k <= PREVIEW.warmUpEdits) continue;
        update.push(a.ms);
        updateFull.push(b.ms);
        updateCpu.push(a.cpu);
        updateFullCpu.push(b.cpu);
      }

      rec.sample(key("first"), `${platform}: first render of a post (warm process)`, "ms", size.id, first);
      rec.sample(key("full"), `${platform}: warm full render (cache off)`, "ms", size.id, full);
      rec.sample(key("update"), `${platform}: update after 1 keystroke (as the extension)`, "ms", size.id, update);
      rec.sample(key("updateCpu"), `${platform}:   CPU time per update`, "ms", size.id, updateCpu);
      rec.sample(key("updateFull"), `${platform}:   same text, full render (cache off)`, "ms", size.id, updateFull);
      rec.sample(key("updateFullCpu"), `${platform}:   CPU time per full render of it`, "ms", size.id, updateFullCpu);
      rec.sample(key("bareMd"), `${platform}:   baseline: bare markdown-it render`, "ms", size.id, md);
      if (platform === "zenn") rec.sample(key("bareZenn"), `${platform}:   baseline: bare zenn-markdown-html`, "ms", size.id, zenn);
      rec.sample(key("html"), `${platform}: HTML sent to the webview, KB`, "KB", size.id, [kb(updatedHtml || html)]);
      const med = (xs: number[]): string => summarize(xs).median.toFixed(1);
      ctx.log(
        `  ${platform} ${size.id} (${post.text.length} chars): first ${med(first)} ms, full ${med(full)} ms, update ${med(update)} ms (full path ${med(updateFull)} ms), bare markdown-it ${med(md)} ms` +
          (platform === "zenn" ? `, bare zenn ${med(zenn)} ms` : "") +
          `; ${kb(html).toFixed(0)} KB; ${eq.compared} updates compared, ${eq.mismatches} ≠`,
      );
    }
  }
  rec.fact("preview", fact);
}

// --- report --------------------------------------------------------------------------------------

const fmtMs = (ms: number | undefined): string => (ms === undefined || !Number.isFinite(ms) ? "–" : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US"));
const fmtX = (r: number | undefined): string => (r === undefined || !Number.isFinite(r) ? "–" : `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`);
const ratio = (rec: Recorder, a: string, b: string, size: string): number | undefined => {
  const x = rec.get(a, size);
  const y = rec.get(b, size);
  return x && y && y.median > 0 ? x.median / y.median : undefined;
};

/** The case's PASS/FAIL lines (SKIP when it did not run). */
export function previewTargets(rec: Recorder): Target[] {
  const fact = rec.facts["preview"] as PreviewFact | undefined;
  const size = PREVIEW.targetSize;
  const targets: Target[] = PREVIEW.targetPlatforms.map((platform) => {
    const s = rec.get(`pv.${platform}.update`, size);
    const label = `preview update of a ${size} post (${platform})`;
    if (!s) return { id: `preview-update-${platform}`, label, pass: null, detail: "not measured" };
    return {
      id: `preview-update-${platform}`,
      label,
      pass: s.median < PREVIEW.updateLimitMs,
      detail:
        `median ${fmtMs(s.median)} ms (target < ${PREVIEW.updateLimitMs} ms), p95 ${fmtMs(s.p95)} ms over ${s.n} keystrokes, CPU time ${fmtMs(rec.get(`pv.${platform}.updateCpu`, size)?.median)} ms; ` +
        `full render of the same texts ${fmtMs(rec.get(`pv.${platform}.updateFull`, size)?.median)} ms (CPU ${fmtMs(rec.get(`pv.${platform}.updateFullCpu`, size)?.median)} ms)`,
    };
  });
  if (fact) {
    const all = Object.values(fact.equivalence).flatMap((bySize) => Object.values(bySize));
    const compared = all.reduce((n, e) => n + e.compared, 0);
    const mismatches = all.reduce((n, e) => n + e.mismatches, 0);
    targets.push({
      id: "preview-identical",
      label: "preview updates identical to a full render of the same text",
      pass: mismatches === 0 && compared > 0,
      detail: `${mismatches} mismatches over ${compared} updates (${PREVIEW.platforms.length} platforms × ${Object.keys(fact.chars[PREVIEW.platforms[0]!] ?? {}).length} sizes)`,
    });
  }
  return targets;
}

/** Summary lines for the table: the posts, process-cold renders, ratios against the baselines. */
export function previewLines(rec: Recorder): string[] {
  const fact = rec.facts["preview"] as PreviewFact | undefined;
  if (!fact) return [];
  const out: string[] = [];
  const sizes = PREVIEW.sizes.map((s) => s.id).filter((id) => fact.chars[PREVIEW.platforms[0]!]?.[id] !== undefined);
  out.push(
    `preview (in-process, out/server/src/core/render; renderPost with locale ja and katexMath, as the extension): posts dressed per platform (previewPost.ts): ` +
      PREVIEW.platforms.map((p) => `${p} ${sizes.map((id) => `${id} = ${fact.chars[p]?.[id]?.toLocaleString("en-US") ?? "?"}`).join(", ")} chars`).join("; "),
  );
  out.push(`  process's first render (5k post, modules loading): ${PREVIEW.platforms.map((p) => `${p} ${fmtMs(fact.processCold[p])} ms`).join(", ")}`);
  for (const p of PREVIEW.platforms) {
    const cells = sizes.map((id) => {
      const parts = [
        `update ${fmtX(ratio(rec, `pv.${p}.update`, `pv.${p}.bareMd`, id))}`,
        `full ${fmtX(ratio(rec, `pv.${p}.full`, `pv.${p}.bareMd`, id))} bare markdown-it`,
      ];
      if (p === "zenn") parts.push(`update ${fmtX(ratio(rec, `pv.${p}.update`, `pv.${p}.bareZenn`, id))}, full ${fmtX(ratio(rec, `pv.${p}.full`, `pv.${p}.bareZenn`, id))} bare zenn-markdown-html`);
      parts.push(`full path / update ${fmtX(ratio(rec, `pv.${p}.updateFull`, `pv.${p}.update`, id))} (CPU ${fmtX(ratio(rec, `pv.${p}.updateFullCpu`, `pv.${p}.updateCpu`, id))})`);
      const e = fact.equivalence[p]?.[id];
      if (e) parts.push(`${e.compared} compared, ${e.mismatches} ≠`);
      return `${id}: ${parts.join(", ")}`;
    });
    out.push(`  ${p} (medians): ${cells.join("; ")}`);
  }
  for (const bySize of Object.values(fact.equivalence)) for (const e of Object.values(bySize)) if (e.firstMismatch) out.push(`  first mismatch: ${e.firstMismatch}`);
  return out;
}
