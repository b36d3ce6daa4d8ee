/**
 * The bench's `preview` case's posts (and the render cache test's): a corpus post (corpusPost.ts,
 * varied per repetition) dressed in one platform's notations, section by section, then cut back to
 * about the target length (whole sections dropped from the end). Every section gets different
 * numbers and file names, so no two notation blocks are the same text.
 *
 * - zenn: the fixture's code fence gets a file name (```` ```yaml:.github/workflows/link-check-3.yml ````),
 *   and each section one `:::message` (every other one `alert`), one `:::details` holding a fenced
 *   JavaScript file, a sentence with inline math, a `$$ … $$` block and an `@[card](…)` line.
 * - qiita: the same fence with a file name, a `:::note info|warn`, inline math, a ```` ```math ````
 *   block, and a bare URL alone on a line (Qiita's link card).
 * - blog (Hugo): inline and `$$` math, a `{{< youtube … >}}` shortcode; no file names.
 *
 * The frontmatter is the platform's own (the fixture's Zenn frontmatter for Zenn).
 */
import { makePost } from "./corpusPost";

export type PreviewPlatform = "zenn" | "qiita" | "blog";

const FRONTMATTER: Record<Exclude<PreviewPlatform, "zenn">, string> = {
  qiita: [
    "---",
    "title: 社内ドキュメントのリンク切れを CI で見つけるようにした話",
    "tags:",
    "  - CI",
    "  - Markdown",
    "  - GitHubActions",
    "private: false",
    "updated_at: '2024-03-01T09:00:00+09:00'",
    "id: null",
    "organization_url_name: null",
    "slide: false",
    "ignorePublish: false",
    "---",
    "",
  ].join("\n"),
  blog: ["---", 'title: "社内ドキュメントのリンク切れを CI で見つけるようにした話"', "date: 2024-03-01", "tags: [ci, markdown]", "draft: false", "---", ""].join("\n"),
};

function extras(platform: PreviewPlatform, k: number): string {
  const js = ["```js:scripts/check-links-" + k + ".js", `import { glob } from "node:fs/promises";`, `const files = await Array.fromAsync(glob("docs/**/*.md"));`, `console.log(files.length + ${k});`, "```"].join("\n");
  switch (platform) {
    case "zenn":
      return [
        `:::message${k % 2 === 1 ? " alert" : ""}`,
        `この節の数値は ${k} 回目の計測のものです。処理量はおよそ $O(n \\log n)$ で、ファイル数 $n = ${1200 + k}$ に比例します。`,
        ":::",
        "",
        `:::details 検査スクリプトの抜粋（その${k}）`,
        js,
        ":::",
        "",
        `所要時間の合計は $T_{${k}} = \\sum_{i=1}^{n} t_i$ で表せます。`,
        "",
        "$$",
        `T_{${k}} = \\sum_{i=1}^{${k + 5}} \\frac{t_i}{${k + 1}}`,
        "$$",
        "",
        `@[card](https://example.com/docs/link-check-${k})`,
        "",
      ].join("\n");
    case "qiita":
      return [
        `:::note ${k % 2 === 1 ? "warn" : "info"}`,
        `この節の数値は ${k} 回目の計測のものです。処理量はおよそ $O(n \\log n)$ で、ファイル数 $n = ${1200 + k}$ に比例します。`,
        ":::",
        "",
        "```math",
        `T_{${k}} = \\sum_{i=1}^{${k + 5}} \\frac{t_i}{${k + 1}}`,
        "```",
        "",
        `https://example.com/docs/link-check-${k}`,
        "",
      ].join("\n");
    case "blog":
      return [
        `この節の数値は ${k} 回目の計測のものです。処理量はおよそ $O(n \\log n)$ で、ファイル数 $n = ${1200 + k}$ に比例します。`,
        "",
        "$$",
        `T_{${k}} = \\sum_{i=1}^{${k + 5}} \\frac{t_i}{${k + 1}}`,
        "$$",
        "",
        `{{< youtube id="link-check-${k}" >}}`,
        "",
      ].join("\n");
  }
}

/** One section (from "## " to the next) with the platform's notations added. */
function dress(platform: PreviewPlatform, section: string, k: number): string {
  let out = section;
  if (platform !== "blog") out = out.replace(/^```yaml$/m, "```yaml:.github/workflows/link-check-" + k + ".yml");
  // After the section's first paragraph (its heading, a blank line, the paragraph, a blank line).
  const at = out.indexOf("\n\n", out.indexOf("\n\n") + 2);
  if (at < 0) return out.replace(/\n*$/, "\n\n") + extras(platform, k);
  return out.slice(0, at + 2) + extras(platform, k) + "\n" + out.slice(at + 2);
}

export interface PreviewPost {
  platform: PreviewPlatform;
  text: string;
  sections: number;
}

/** A post of about `targetChars` characters for `platform`; `variant` as in corpusPost.ts's makePost. */
export function makePreviewPost(platform: PreviewPlatform, id: string, targetChars: number, variant = 0, source?: string): PreviewPost {
  const base = makePost(id, targetChars, variant, source).text.replace(/\r\n/g, "\n");
  const fm = /^---\n[\s\S]*?\n---\n/.exec(base)?.[0] ?? "";
  const rest = base.slice(fm.length);
  const first = rest.search(/^## /m);
  const intro = first < 0 ? rest : rest.slice(0, first);
  const sections = first < 0 ? [] : rest.slice(first).split(/^(?=## )/m);
  const head = (platform === "zenn" ? fm : FRONTMATTER[platform]) + intro;
  const dressed = sections.map((s, i) => dress(platform, s.replace(/\n*$/, "\n\n"), i + 1));
  // Drop whole sections from the end while that brings the length closer to the target.
  let count = dressed.length;
  let length = head.length + dressed.reduce((n, s) => n + s.length, 0);
  while (count > 1 && Math.abs(length - (dressed[count - 1]?.length ?? 0) - targetChars) < Math.abs(length - targetChars)) {
    length -= dressed[count - 1]?.length ?? 0;
    count--;
  }
  return { platform, text: (head + dressed.slice(0, count).join("")).replace(/\n+$/, "\n"), sections: count };
}
