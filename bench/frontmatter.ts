/**
 * The `frontmatter` case (issue 6, frontmatter checks), measured in-process on the compiled
 * sources (out/server/src), no server needed:
 *
 * 1. A workspace of 1,000 posts written to a scratch folder (a Zenn repository: package.json with
 *    zenn-cli, articles/<14-hex>.md, topics from a pool of 50, a few posts with problems; and a Hugo
 *    blog in blog/ whose posts have `slug:` keys, a few of them duplicated): `PostIndex.scan`, cold
 *    (the process's first read of the files) and warm, then every post read and checked with
 *    `FrontmatterService.check` (duplicatesOf wired to the index, as the server wires it), against
 *    reading the files' bytes alone; RSS and retained heap.
 * 2. Per post: one post per platform (zenn, qiita, hatena, devto, blog) with realistic frontmatter
 *    and a few problems each, on the corpus's ~5k and ~20k bodies, in a folder laid out as that
 *    platform's repository (detection walks the real file system): `FrontmatterService.check`,
 *    `parseFrontmatter` alone, and a bare `yaml` parseDocument of the same frontmatter, timed in
 *    turn call by call.
 *
 * The workspace goes first so that its cold scan is the process's first frontmatter parse. cases.ts
 * runs this; run.ts adds the targets and summary lines below.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import * as YAML from "yaml";
import type { FrontmatterProblem } from "../server/src/core/frontmatter/types";
import { parseFrontmatter } from "../server/src/core/frontmatter/parse";
import { normalizeSettings } from "../server/src/core/settings";
import { PostIndex } from "../server/src/frontmatterFeatures";
import { FrontmatterService, nodeLayoutProbe } from "../server/src/frontmatterService";
import type { BenchContext, Recorder } from "./context";
import { fixturePath, makePost } from "../test/helpers/corpusPost";
import type { Target } from "./report";
import { summarize } from "./stats";

export const FRONTMATTER = {
  /** Column of the workspace's figures in the JSON (not a post size: the table shows them as lines). */
  workspaceColumn: "1000 posts",
  articles: 950,
  blogPosts: 50,
  /** Timed passes over the workspace after the cold scan (read alone, warm scan, check all). */
  workspaceRounds: 5,
  /** Per-post timing: calls per platform and body size, after unmeasured ones. */
  reps: 1000,
  warmUpReps: 200,
  /** Targets. */
  perPostLimitMs: 2,
  workspaceLimitMs: 3000,
} as const;

export const PLATFORMS = ["zenn", "qiita", "hatena", "devto", "blog"] as const;
type Platform = (typeof PLATFORMS)[number];
/** The corpus bodies the per-post figures use (size ids of run.ts, which are the table's columns). */
const BODY_SIZES = [
  { id: "5k", chars: 5_000 },
  { id: "20k", chars: 20_000 },
] as const;

// --- generated content -------------------------------------------------------------------------

/** Deterministic pseudo-random numbers (mulberry32), so every run writes the same workspace. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zenn topics as people write them (lowercase; a few Japanese ones). */
const TOPICS = [
  "typescript", "javascript", "react", "nextjs", "vue", "nuxt", "svelte", "astro", "nodejs", "deno",
  "bun", "python", "django", "fastapi", "go", "rust", "java", "kotlin", "swift", "flutter",
  "aws", "gcp", "azure", "docker", "kubernetes", "terraform", "githubactions", "ci", "git", "github",
  "linux", "vscode", "neovim", "postgresql", "mysql", "redis", "graphql", "prisma", "firebase", "supabase",
  "markdown", "textlint", "zenn", "test", "security", "個人開発", "初心者", "設計", "チーム開発", "アクセシビリティ",
];
const DISPLAY: Record<string, string> = { typescript: "TypeScript", javascript: "JavaScript", nextjs: "Next.js", nodejs: "Node.js", githubactions: "GitHub Actions", postgresql: "PostgreSQL", vscode: "VS Code", graphql: "GraphQL", aws: "AWS", gcp: "GCP" };
const display = (topic: string): string => DISPLAY[topic] ?? (/^[a-z]/.test(topic) ? topic[0]!.toUpperCase() + topic.slice(1) : topic);
const ACTIONS = [
  "入門",
  "を本番運用して分かったこと",
  "のテストを速くした話",
  "でハマったところのまとめ",
  "の設定を見直した",
  "に移行した話",
  "のパフォーマンスを改善する",
  "で個人開発のアプリを作った",
  "を 3 か月使ってみた",
  "のエラーを読み解く",
];
const EMOJI = ["📝", "🚀", "🔧", "🐳", "⚡", "🧪", "📦", "🔍", "🛠️", "💡", "🐍", "🦀", "☁️", "🔗", "📚"];
const LONG_TAIL = "：チームで導入するまでの試行錯誤と、3 か月運用して見えてきた課題と、その改善の記録";

/** The corpus body, without the fixture's own frontmatter. */
function bodyOf(text: string): string {
  return text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, "");
}

const hex = (rnd: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join("");

function pickTopics(rnd: () => number, n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(TOPICS[Math.floor(rnd() * TOPICS.length)]!);
  return [...out];
}

interface Workspace {
  root: string;
  files: string[];
  bytes: number;
  /** Blog posts whose slug another post shares (the duplicate warnings expected). */
  duplicated: number;
  /** Problems put in on purpose, by kind, so the counts found can be read against them. */
  planted: Record<string, number>;
}

/** A Zenn repository (articles/) with a Hugo blog in blog/, 1,000 posts in all. */
function writeWorkspace(root: string, bodies5k: string[], bodies20k: string[]): Workspace {
  const rnd = random(20260601);
  fs.mkdirSync(root, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  const planted: Record<string, number> = {};
  const plant = (kind: string): void => void (planted[kind] = (planted[kind] ?? 0) + 1);
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    files.push(file);
    bytes += Buffer.byteLength(text);
  };
  // About one post in five is long.
  const body = (i: number): string => (i % 5 === 4 ? bodies20k[i % bodies20k.length]! : bodies5k[i % bodies5k.length]!);
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "zenn-content", private: true, devDependencies: { "zenn-cli": "^0.1.158" } }, null, 2) + "\n");
  const slugs = new Set<string>();
  for (let i = 0; i < FRONTMATTER.articles; i++) {
    let slug = hex(rnd, 14);
    while (slugs.has(slug)) slug = hex(rnd, 14);
    slugs.add(slug);
    const topics = pickTopics(rnd, 1 + Math.floor(rnd() * 5));
    let title = `${display(topics[0]!)} ${ACTIONS[Math.floor(rnd() * ACTIONS.length)]}`;
    if (i % 20 === 7) {
      title += LONG_TAIL;
      plant("long title");
    }
    let emoji = EMOJI[Math.floor(rnd() * EMOJI.length)]!;
    if (i % 89 === 11) {
      emoji += "🔥";
      plant("two emoji");
    }
    let topicList = topics.map((t) => `"${t}"`);
    if (i % 37 === 5 && display(topics[0]!) !== topics[0]) {
      topicList[0] = `"${display(topics[0]!)}"`;
      plant("capitalised topic");
    }
    if (i % 53 === 9) {
      topicList = pickTopics(rnd, 6).map((t) => `"${t}"`);
      plant("6 topics");
    }
    let topicsKey = "topics";
    if (i % 97 === 13) {
      topicsKey = "tags";
      plant("tags instead of topics");
    }
    let published = rnd() < 0.8 ? "true" : "false";
    if (i % 71 === 3) {
      published = '"true"';
      plant('published: "true" quoted');
    }
    const lines = [
      "---",
      `title: "${title}"`,
      `emoji: "${emoji}"`,
      `type: "${rnd() < 0.85 ? "tech" : "idea"}"`,
      `${topicsKey}: [${topicList.join(", ")}]`,
      `published: ${published}`,
      ...(i % 6 === 0 ? [`published_at: "2024-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")} 09:00"`] : []),
      "---",
      "",
    ];
    write(path.join(root, "articles", `${slug}.md`), lines.join("\n") + body(i));
  }
  // The blog: Hugo in blog/, posts with slugs; 3 pairs and a triple share one.
  const blog = path.join(root, "blog");
  fs.mkdirSync(blog, { recursive: true });
  fs.writeFileSync(path.join(blog, "hugo.toml"), 'baseURL = "https://example.com/"\ntitle = "開発ブログ"\n');
  const shared: Record<number, string> = { 6: "ci-link-check", 7: "ci-link-check", 18: "docker-compose-tips", 19: "docker-compose-tips", 30: "typescript-5-upgrade", 31: "typescript-5-upgrade", 32: "typescript-5-upgrade", 44: "monorepo", 45: "monorepo" };
  const duplicated = Object.keys(shared).length;
  for (let i = 0; i < FRONTMATTER.blogPosts; i++) {
    const topics = pickTopics(rnd, 1 + Math.floor(rnd() * 3)).filter((t) => /^[a-z]/.test(t));
    const slug = shared[i] ?? `${topics[0] ?? "note"}-${String(i).padStart(3, "0")}`;
    let date = `2023-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    if (i % 10 === 3) {
      date = `2023/${1 + (i % 12)}/${1 + (i % 28)}`;
      plant("blog date written 2023/4/4");
    }
    const lines = [
      "---",
      `title: "${display(topics[0] ?? "note")} ${ACTIONS[i % ACTIONS.length]}"`,
      `date: ${date}`,
      `draft: ${i % 9 === 0 ? "true" : "false"}`,
      `slug: "${slug}"`,
      `tags: [${topics.join(", ")}]`,
      `description: "${display(topics[0] ?? "note")}について、実際に試した手順と気付いたことをまとめます。"`,
      "---",
      "",
    ];
    write(path.join(blog, "content", "posts", `${String(i).padStart(3, "0")}-${slug}.md`), lines.join("\n") + body(i + 1));
  }
  planted[`duplicate slug (posts)`] = duplicated;
  return { root, files, bytes, duplicated, planted };
}

/**
 * One post per platform, with a few problems each, in a folder laid out as that platform's
 * repository (or, for dev.to, which has no layout, recognised by its keys).
 */
interface PlatformPost {
  platform: Platform;
  /** The platform's folder (the workspace folder the post belongs to). */
  root: string;
  file: string;
  frontmatter: string;
  /** The problems put in, as written in the README. */
  planted: string;
}

function writePlatformLayouts(base: string): PlatformPost[] {
  const at = (platform: Platform, rel: string, frontmatter: string[], planted: string, markers: Record<string, string>): PlatformPost => {
    const root = path.join(base, platform);
    for (const [name, text] of Object.entries(markers)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return { platform, root, file, frontmatter: frontmatter.join("\n") + "\n", planted };
  };
  return [
    at(
      "zenn",
      "articles/broken-links-ci-2024.md",
      [
        "---",
        'title: "社内ドキュメントのリンク切れを CI で見つけるようにした話：設計の考え方と、3 か月の運用で分かった 5 つのこと（前編）"',
        'emoji: "🔗"',
        'type: "tech"',
        'topics: ["TypeScript", "markdown", "ci", "githubactions", "textlint", "zenn"]',
        'published: "false"',
        'published_at: "2024-03-01 09:00"',
        "---",
      ],
      'title over 60 chars, 6 topics, one not lowercase, published: "false" quoted',
      { "package.json": JSON.stringify({ private: true, devDependencies: { "zenn-cli": "^0.1.158" } }) + "\n" },
    ),
    at(
      "qiita",
      "public/broken-links-ci.md",
      [
        "---",
        "title: 社内ドキュメントのリンク切れを CI で見つけるようにした話",
        "tags:",
        "  - Markdown",
        "  - CI",
        "  - GitHubActions",
        "  - textlint",
        "  - Node.js",
        "  - TypeScript",
        'private: "false"',
        "updated_at: 2024-03-01T09:00:00+09:00",
        "id: 1234abcd",
        "organization_url_name: null",
        "slide: false",
        "ignorePublish: false",
        "---",
      ],
      'six tags, private: "false" quoted, updated_at not quoted, id not a Qiita id',
      { "qiita.config.json": JSON.stringify({ includePrivate: false, host: "localhost", port: 8888 }) + "\n" },
    ),
    at(
      "hatena",
      "entry/2024/03/01/090000.md",
      [
        "---",
        "title: 社内ドキュメントのリンク切れを CI で見つけるようにした話",
        "Date: 2024/03/01 09:00",
        "URL: https://example.hatenablog.com/entry/2024/03/01/090000",
        "EditURL: https://blog.hatena.ne.jp/example/example.hatenablog.com/atom/entry/13574176438000000000",
        'Draft: "true"',
        "Category:",
        "- CI",
        "- Markdown",
        "---",
      ],
      'title in lowercase, Date not RFC 3339, Draft: "true" quoted',
      { "blogsync.yaml": "example.hatenablog.com:\n  username: example\n  local_root: entry\n" },
    ),
    at(
      "devto",
      "posts/broken-links-ci.md",
      [
        "---",
        "title: How we catch broken links in our internal docs in CI",
        'published: "true"',
        "description: We check every link of the Markdown files a pull request touches against the files that exist, and fail the build on a broken one; here is the design, and what three months of it taught us.",
        "tags: ci, markdown, githubactions, node, typescript",
        "canonical_url: example.com/posts/broken-links-ci",
        "cover_image: ./images/cover.png",
        "series: Docs tooling",
        "---",
      ],
      'published: "true" quoted, description over 120 chars, 5 tags, canonical_url not a URL, cover image missing',
      {},
    ),
    at(
      "blog",
      "content/posts/broken-links-ci.md",
      [
        "---",
        'title: "リンク切れを CI で見つける"',
        "date: 2024/03/01",
        "lastmod: 2024-03-05T10:00:00+09:00",
        'draft: "false"',
        "slug: ci-link-check",
        "tags: [ci, markdown]",
        'description: "社内ドキュメントのリンク切れを、プルリクエストの段階で検出する仕組みについて。"',
        "image: /images/broken-links/cover.png",
        "---",
      ],
      'date 2024/03/01, draft: "false" quoted, image missing, slug shared with 2 workspace posts',
      { "hugo.toml": 'baseURL = "https://example.com/"\n' },
    ),
  ];
}

// --- measurement ---------------------------------------------------------------------------------

/** A forced collection, when V8 lets us have one (for the retained-heap figure). */
function gcFunction(): (() => void) | undefined {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as unknown;
    return typeof gc === "function" ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

const mb = (bytes: number): number => bytes / 1024 ** 2;

export interface WorkspaceFact {
  posts: number;
  bytes: number;
  articles: number;
  blogPosts: number;
  indexed: number;
  coldScanMs: number;
  firstCheckAllMs: number;
  /** CPU time of this process (all threads) over the same: the comparable figures on a busy machine. */
  coldScanCpuMs: number;
  firstCheckAllCpuMs: number;
  /** Cold scan + first check of every post: the target's figure. */
  scanPlusCheckMs: number;
  rounds: number;
  /** Problems found over one check of every post, by rule, and the platforms detected. */
  problemsByRule: Record<string, number>;
  platforms: Record<string, number>;
  duplicatesFlagged: number;
  duplicatesExpected: number;
  planted: Record<string, number>;
  rssBeforeMb: number;
  rssAfterScanMb: number;
  rssAfterCheckMb: number;
  /** Heap kept by the index (after a forced GC), when GC could be forced. */
  indexHeapMb?: number;
  /** Check of every post (read included) over reading the files' bytes alone; warm scan over the same. */
  checkAllOverRead: number;
  warmScanOverRead: number;
}

export interface PlatformFact {
  platform: Platform;
  detection: string;
  planted: string;
  problems: Record<string, number>;
  frontmatterChars: number;
  /** Per body size: the post's length. */
  chars: Record<string, number>;
  /** Per body size: median check over median bare yaml parseDocument, and parse alone over the same. */
  checkOverYaml: Record<string, number>;
  parseOverYaml: Record<string, number>;
}

function countRules(problems: readonly FrontmatterProblem[], into: Record<string, number>): void {
  for (const p of problems) {
    const rule = p.ruleId.replace(/^frontmatter\//, "");
    into[rule] = (into[rule] ?? 0) + 1;
  }
}

export async function measureFrontmatter(ctx: BenchContext): Promise<void> {
  const { rec } = ctx;
  const source = fs.readFileSync(fixturePath, "utf8");
  const settings = normalizeSettings({});
  const gc = gcFunction();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tsuzuri-bench-fm-"));
  try {
    // Bodies: distinct corpus variants (the check reads only the frontmatter, the scan reads it all).
    const bodies5k = [1, 2, 3, 4, 5, 6].map((v) => bodyOf(makePost("5k", 5_000, v, source).text));
    const bodies20k = [1, 2, 3].map((v) => bodyOf(makePost("20k", 20_000, v, source).text));

    // 1. The workspace.
    const ws = writeWorkspace(path.join(scratch, "zenn-content"), bodies5k, bodies20k);
    ctx.log(`  workspace: ${ws.files.length} posts, ${mb(ws.bytes).toFixed(1)} MB, in ${ws.root}`);
    gc?.();
    const before = process.memoryUsage();
    const index = new PostIndex();
    const cpuMs = (since: NodeJS.CpuUsage): number => {
      const d = process.cpuUsage(since);
      return (d.user + d.system) / 1000;
    };
    let cpu0 = process.cpuUsage();
    let t0 = performance.now();
    const indexed = await index.scan([ws.root]);
    const coldScanMs = performance.now() - t0;
    const coldScanCpuMs = cpuMs(cpu0);
    const rssAfterScan = process.memoryUsage().rss;
    const service = new FrontmatterService(nodeLayoutProbe);
    service.duplicatesOf = (key, value, filePath) => index.duplicatesOf(key, value, filePath);

    const problemsByRule: Record<string, number> = {};
    const platforms: Record<string, number> = {};
    let duplicatesFlagged = 0;
    const checkAll = (perPostUs: number[] | undefined, count: boolean): number => {
      const started = performance.now();
      for (const file of ws.files) {
        const text = fs.readFileSync(file, "utf8");
        const c0 = performance.now();
        const result = service.check(text, file, ws.root, settings);
        perPostUs?.push((performance.now() - c0) * 1000);
        if (count && result) {
          countRules(result.problems, problemsByRule);
          duplicatesFlagged += result.problems.filter((p) => p.ruleId === "frontmatter/duplicate").length;
          const key = `${result.detection.platform ?? "none"} (${result.detection.source})`;
          platforms[key] = (platforms[key] ?? 0) + 1;
        }
      }
      return performance.now() - started;
    };
    cpu0 = process.cpuUsage();
    const firstCheckAllMs = checkAll(undefined, true);
    const firstCheckAllCpuMs = cpuMs(cpu0);
    const rssAfterCheck = process.memoryUsage().rss;
    ctx.log(`  cold scan ${coldScanMs.toFixed(0)} ms (${indexed} indexed), first check of all ${firstCheckAllMs.toFixed(0)} ms`);

    // Then in turn, round after round: the files' bytes alone, a warm scan, a check of every post.
    const readMs: number[] = [];
    const warmScanMs: number[] = [];
    const checkAllMs: number[] = [];
    const perPostUs: number[] = [];
    for (let r = 0; r < FRONTMATTER.workspaceRounds; r++) {
      t0 = performance.now();
      let read = 0;
      for (const file of ws.files) read += fs.readFileSync(file).length;
      readMs.push(performance.now() - t0);
      if (read !== ws.bytes) throw new Error(`read ${read} bytes, wrote ${ws.bytes}`);
      const again = new PostIndex();
      t0 = performance.now();
      await again.scan([ws.root]);
      warmScanMs.push(performance.now() - t0);
      checkAllMs.push(checkAll(perPostUs, false));
      ctx.log(`  round ${r + 1}/${FRONTMATTER.workspaceRounds}: read ${readMs[r]!.toFixed(0)} ms, warm scan ${warmScanMs[r]!.toFixed(0)} ms, check all ${checkAllMs[r]!.toFixed(0)} ms`);
    }
    let indexHeapMb: number | undefined;
    if (gc) {
      gc();
      indexHeapMb = mb(process.memoryUsage().heapUsed - before.heapUsed);
    }
    const col = FRONTMATTER.workspaceColumn;
    rec.sample("fm.ws.coldScan", "1,000 posts: PostIndex.scan, cold", "ms", col, [coldScanMs]);
    rec.sample("fm.ws.warmScan", "1,000 posts: PostIndex.scan, warm", "ms", col, warmScanMs);
    rec.sample("fm.ws.read", "1,000 posts: readFileSync of every file (bytes only)", "ms", col, readMs);
    rec.sample("fm.ws.firstCheckAll", "1,000 posts: first read + check of every post", "ms", col, [firstCheckAllMs]);
    rec.sample("fm.ws.checkAll", "1,000 posts: read + check of every post", "ms", col, checkAllMs);
    rec.sample("fm.ws.perPost", "1,000 posts: FrontmatterService.check per post", "µs", col, perPostUs);
    const checkAllMedian = summarize(checkAllMs).median;
    const readMedian = summarize(readMs).median;
    const fact: WorkspaceFact = {
      posts: ws.files.length,
      bytes: ws.bytes,
      articles: FRONTMATTER.articles,
      blogPosts: FRONTMATTER.blogPosts,
      indexed,
      coldScanMs,
      firstCheckAllMs,
      coldScanCpuMs,
      firstCheckAllCpuMs,
      scanPlusCheckMs: coldScanMs + firstCheckAllMs,
      rounds: FRONTMATTER.workspaceRounds,
      problemsByRule,
      platforms,
      duplicatesFlagged,
      duplicatesExpected: ws.duplicated,
      planted: ws.planted,
      rssBeforeMb: mb(before.rss),
      rssAfterScanMb: mb(rssAfterScan),
      rssAfterCheckMb: mb(rssAfterCheck),
      ...(indexHeapMb === undefined ? {} : { indexHeapMb }),
      checkAllOverRead: checkAllMedian / readMedian,
      warmScanOverRead: summarize(warmScanMs).median / readMedian,
    };
    rec.fact("frontmatter.workspace", fact);

    // 2. Per post, per platform, on the corpus bodies; the service still wired to the index.
    const posts = writePlatformLayouts(path.join(scratch, "platforms"));
    const facts: PlatformFact[] = [];
    const series = new Map<string, { check: number[]; parse: number[]; yaml: number[] }>();
    const inputs: { post: PlatformPost; size: string; text: string; content: string }[] = [];
    for (const post of posts) {
      const fact: PlatformFact = { platform: post.platform, detection: "", planted: post.planted, problems: {}, frontmatterChars: post.frontmatter.length, chars: {}, checkOverYaml: {}, parseOverYaml: {} };
      facts.push(fact);
      for (const size of BODY_SIZES) {
        const text = post.frontmatter + "\n" + bodyOf(ctx.post(size.id).text);
        fs.writeFileSync(post.file, text);
        const parsed = parseFrontmatter(text);
        if (!parsed) throw new Error(`${post.platform}: no frontmatter found`);
        const content = text.slice(parsed.contentRange[0], parsed.contentRange[1]);
        const result = service.check(text, post.file, post.root, settings);
        if (!result) throw new Error(`${post.platform}: the check is off`);
        fact.detection = `${result.detection.platform ?? "none"} (${result.detection.source}: ${result.detection.reason.en})`;
        if (result.detection.platform !== post.platform) throw new Error(`${post.platform} post detected as ${fact.detection}`);
        if (size.id === BODY_SIZES[0].id) countRules(result.problems, fact.problems);
        fact.chars[size.id] = text.length;
        inputs.push({ post, size: size.id, text, content });
        series.set(`${post.platform}#${size.id}`, { check: [], parse: [], yaml: [] });
      }
    }
    // Call by call in turn (check, parse, bare yaml), platform after platform, so a change in the
    // machine's load hits all alike; every other round backwards, so no post always follows the same one.
    let sink = 0;
    const backwards = [...inputs].reverse();
    for (let rep = 0; rep < FRONTMATTER.warmUpReps + FRONTMATTER.reps; rep++) {
      const measured = rep >= FRONTMATTER.warmUpReps;
      for (const input of rep % 2 === 0 ? inputs : backwards) {
        const s = series.get(`${input.post.platform}#${input.size}`)!;
        let a = performance.now();
        sink += service.check(input.text, input.post.file, input.post.root, settings)?.problems.length ?? 0;
        let b = performance.now();
        if (measured) s.check.push((b - a) * 1000);
        a = performance.now();
        sink += parseFrontmatter(input.text)?.problems.length ?? 0;
        b = performance.now();
        if (measured) s.parse.push((b - a) * 1000);
        a = performance.now();
        sink += YAML.parseDocument(input.content).errors.length;
        b = performance.now();
        if (measured) s.yaml.push((b - a) * 1000);
      }
    }
    if (sink < 0) ctx.log("unreachable");
    for (const fact of facts) {
      for (const size of BODY_SIZES) {
        const s = series.get(`${fact.platform}#${size.id}`)!;
        rec.sample(`fm.check.${fact.platform}`, `frontmatter check per post, ${fact.platform}, µs`, "µs", size.id, s.check);
        rec.sample(`fm.parse.${fact.platform}`, `  parseFrontmatter alone, ${fact.platform}, µs`, "µs", size.id, s.parse);
        rec.sample(`fm.yaml.${fact.platform}`, `  bare yaml parseDocument, ${fact.platform}, µs`, "µs", size.id, s.yaml);
        const yaml = summarize(s.yaml).median;
        fact.checkOverYaml[size.id] = summarize(s.check).median / yaml;
        fact.parseOverYaml[size.id] = summarize(s.parse).median / yaml;
        ctx.log(`  ${fact.platform} ${size.id}: check median ${summarize(s.check).median.toFixed(1)} µs, p95 ${summarize(s.check).p95.toFixed(1)} µs; parse ${summarize(s.parse).median.toFixed(1)} µs; bare yaml ${yaml.toFixed(1)} µs`);
      }
    }
    rec.fact("frontmatter.platforms", facts);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

// --- report --------------------------------------------------------------------------------------

const fmtMs = (ms: number | undefined): string => (ms === undefined || !Number.isFinite(ms) ? "–" : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US"));
const fmtUs = (us: number | undefined): string => (us === undefined || !Number.isFinite(us) ? "–" : us < 100 ? us.toFixed(1) : Math.round(us).toLocaleString("en-US"));
const fmtX = (r: number | undefined): string => (r === undefined || !Number.isFinite(r) ? "–" : `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`);
const rules = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([rule, n]) => (n === 1 ? rule : `${rule} ${n}`))
    .join(", ");

/** The slowest platform's median check time per post (over the body sizes), in µs. */
function slowest(rec: Recorder): { platform: string; size: string; median: number; p95: number } | undefined {
  let worst: { platform: string; size: string; median: number; p95: number } | undefined;
  for (const platform of PLATFORMS) {
    for (const { id } of BODY_SIZES) {
      const s = rec.get(`fm.check.${platform}`, id);
      if (s && (!worst || s.median > worst.median)) worst = { platform, size: id, median: s.median, p95: s.p95 };
    }
  }
  return worst;
}

/** The case's PASS/FAIL lines (SKIP when it did not run). */
export function frontmatterTargets(rec: Recorder): Target[] {
  const worst = slowest(rec);
  const ws = rec.facts["frontmatter.workspace"] as WorkspaceFact | undefined;
  return [
    {
      id: "frontmatter-per-post",
      label: "frontmatter check per post",
      pass: worst === undefined ? null : worst.median / 1000 < FRONTMATTER.perPostLimitMs,
      detail:
        worst === undefined
          ? "not measured"
          : `median ${fmtMs(worst.median / 1000)} ms (target < ${FRONTMATTER.perPostLimitMs} ms): the slowest of the 5 platforms × 2 bodies, ${worst.platform} on the ${worst.size} body, p95 ${fmtMs(worst.p95 / 1000)} ms over ${FRONTMATTER.reps} calls`,
    },
    {
      id: "frontmatter-workspace",
      label: "1,000-post workspace scan + check",
      pass: ws === undefined ? null : ws.scanPlusCheckMs < FRONTMATTER.workspaceLimitMs,
      detail:
        ws === undefined
          ? "not measured"
          : `${fmtMs(ws.scanPlusCheckMs)} ms (target < ${(FRONTMATTER.workspaceLimitMs / 1000).toFixed(0)} s): cold PostIndex.scan ${fmtMs(ws.coldScanMs)} ms + first read and check of every post ${fmtMs(ws.firstCheckAllMs)} ms (CPU time ${fmtMs(ws.coldScanCpuMs + ws.firstCheckAllCpuMs)} ms)`,
    },
  ];
}

/** Summary lines for the table: what each platform's post holds and what was found; the workspace. */
export function frontmatterLines(rec: Recorder): string[] {
  const facts = rec.facts["frontmatter.platforms"] as PlatformFact[] | undefined;
  const ws = rec.facts["frontmatter.workspace"] as WorkspaceFact | undefined;
  const out: string[] = [];
  if (facts) {
    const sizes = BODY_SIZES.map((s) => `${s.id} = ${facts[0]?.chars[s.id]?.toLocaleString("en-US") ?? "?"} chars`).join(", ");
    out.push(
      `frontmatter (5k/20k columns; in-process, out/server/src): one post per platform on the corpus bodies (${sizes}), in a folder laid out as that platform's repository; ` +
        `FrontmatterService.check with normalizeSettings({}) (platform auto) and duplicatesOf wired to the 1,000-post index; ${FRONTMATTER.reps} calls each after ${FRONTMATTER.warmUpReps}, check / parse / bare yaml in turn, posts in alternating order`,
    );
    for (const f of facts) {
      const ratios = BODY_SIZES.map((s) => `${fmtX(f.checkOverYaml[s.id])} (${s.id})`).join(", ");
      out.push(`  ${f.platform}: ${f.detection}; ${f.frontmatterChars} chars of frontmatter (${f.planted}): ${rules(f.problems) || "no problems"}; check / bare yaml parse ${ratios}, parse alone / bare yaml ${fmtX(f.parseOverYaml["5k"])}`);
    }
    const pooled = BODY_SIZES.map((s) => {
      const all = PLATFORMS.flatMap((p) => rec.get(`fm.check.${p}`, s.id)?.samples ?? []);
      if (all.length === 0) return `${s.id} –`;
      const sum = summarize(all);
      return `${s.id} median ${fmtUs(sum.median)} µs, p95 ${fmtUs(sum.p95)} µs`;
    });
    out.push(`  all 5 platforms pooled, check per post: ${pooled.join("; ")}`);
  }
  if (ws) {
    const col = FRONTMATTER.workspaceColumn;
    const warm = rec.get("fm.ws.warmScan", col);
    const read = rec.get("fm.ws.read", col);
    const check = rec.get("fm.ws.checkAll", col);
    const perPost = rec.get("fm.ws.perPost", col);
    out.push(
      `frontmatter workspace: ${ws.posts.toLocaleString("en-US")} posts, ${(ws.bytes / 1024 ** 2).toFixed(1)} MB (${ws.articles} Zenn articles/<14-hex>.md with zenn-cli in package.json, ${ws.blogPosts} Hugo posts in blog/ with slugs; 5k and 20k corpus bodies); ${ws.indexed} indexed`,
    );
    out.push(
      `  PostIndex.scan: cold ${fmtMs(ws.coldScanMs)} ms, CPU ${fmtMs(ws.coldScanCpuMs)} ms (this process's first read of the files; the OS page cache holds them, just written), warm ${fmtMs(warm?.median)} ms (median of ${warm?.n ?? 0}) = ${fmtX(ws.warmScanOverRead)} the bare read`,
    );
    out.push(
      `  read + FrontmatterService.check of every post: first ${fmtMs(ws.firstCheckAllMs)} ms (CPU ${fmtMs(ws.firstCheckAllCpuMs)} ms), then median ${fmtMs(check?.median)} ms = ${fmtUs(((check?.median ?? NaN) * 1000) / ws.posts)} µs per post = ${fmtX(ws.checkAllOverRead)} reading the files' bytes alone (readFileSync loop, median ${fmtMs(read?.median)} ms); the check call alone per post median ${fmtUs(perPost?.median)} µs, p95 ${fmtUs(perPost?.p95)} µs`,
    );
    out.push(`  found: ${rules(ws.problemsByRule) || "no problems"}; duplicate slugs flagged on ${ws.duplicatesFlagged} of the ${ws.duplicatesExpected} posts sharing one; detected ${Object.entries(ws.platforms).map(([p, n]) => `${p} ${n}`).join(", ")}`);
    out.push(
      `  RSS ${fmtMs(ws.rssBeforeMb)} MB → ${fmtMs(ws.rssAfterScanMb)} MB after the cold scan (+${fmtMs(ws.rssAfterScanMb - ws.rssBeforeMb)}) → ${fmtMs(ws.rssAfterCheckMb)} MB after the first check of all (+${fmtMs(ws.rssAfterCheckMb - ws.rssBeforeMb)} in all, garbage included)` +
        (ws.indexHeapMb === undefined ? "" : `; heap kept by the index after a forced GC ${fmtMs(ws.indexHeapMb)} MB`),
    );
  }
  return out;
}
