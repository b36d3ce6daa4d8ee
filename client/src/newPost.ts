/**
 * "Tsuzuri: New Post": asks the platform (preselecting the one the folder is laid out for), the
 * title, the topics/tags (checked with the platform's rules, so that the new post has no frontmatter
 * problem) and, for Zenn, the slug; then creates the post where the platform's tool would and opens
 * it with the cursor on the body. Paths and text come from the core (newPost.ts); this file is UI only.
 *
 * Arguments `{ platform, title, topics?, folder?, slug? }` skip the prompts (for keybindings and
 * tests); without `topics` the tool's empty template is written.
 */
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import {
  blogPostsDir,
  detectPlatform,
  isNewPostPlatform,
  isValidZennSlug,
  NEW_POST_PLATFORMS,
  normaliseTopics,
  parseTopics,
  planNewPost,
  randomSlug,
  titleProblem,
  TOPIC_RULES,
  topicsProblem,
  type ExistsProbe,
  type NewPostPlatform,
} from "../../server/src/core/frontmatter/newPost";
import type { ExistingPost } from "../../server/src/core/frontmatter/postNaming";

export interface NewPostArgs {
  platform?: NewPostPlatform;
  title?: string;
  /** A workspace folder's name, path or URI; asked when several are open. */
  folder?: string;
  /** Zenn: the slug (file name); random when omitted. */
  slug?: string;
  /** Topics (Zenn), tags or categories (Hatena Blog): a list, or one comma-separated string. */
  topics?: string[];
}

interface PlatformItem extends vscode.QuickPickItem {
  platform: NewPostPlatform;
}

function platformName(platform: NewPostPlatform): string {
  switch (platform) {
    case "zenn":
      return "Zenn";
    case "qiita":
      return "Qiita";
    case "hatena":
      return vscode.l10n.t("Hatena Blog");
    case "devto":
      return "dev.to";
    case "blog":
      return vscode.l10n.t("Blog (static site)");
  }
}

/** Runs the command; resolves with the new post's URI, or undefined when cancelled or refused. */
export async function newPost(rawArgs: unknown, log: vscode.LogOutputChannel): Promise<vscode.Uri | undefined> {
  const args = argsOf(rawArgs);
  if (args.platform !== undefined && !isNewPostPlatform(args.platform)) {
    void vscode.window.showErrorMessage(vscode.l10n.t("Unknown platform {0}: use zenn, qiita, hatena, devto or blog.", String(args.platform)));
    return undefined;
  }
  const folder = await pickFolder(args.folder);
  if (!folder) return undefined;

  const exists: ExistsProbe = (relPath) => pathExists(vscode.Uri.joinPath(folder.uri, relPath));
  const platform = args.platform ?? (await pickPlatform(folder, exists));
  if (!platform) return undefined;
  const title = args.title ?? (await askTitle(platform));
  if (title === undefined) return undefined;
  const problem = titleProblem(platform, title);
  if (problem) {
    void vscode.window.showErrorMessage(titleMessage(platform, title) ?? problem.kind);
    return undefined;
  }
  let topics = args.topics === undefined ? undefined : normaliseTopics(platform, args.topics);
  if (topics !== undefined) {
    const message = topicsMessage(platform, topics);
    if (message) {
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  } else if (args.title === undefined) {
    topics = await askTopics(platform);
    if (topics === undefined) return undefined;
  }
  let slug = args.slug;
  if (platform === "zenn" && slug === undefined && args.title === undefined) {
    slug = await askZennSlug(exists);
    if (slug === undefined) return undefined;
  }

  try {
    const existingPosts = platform === "qiita" ? await postsIn(vscode.Uri.joinPath(folder.uri, "public")) : undefined;
    const plan = await planNewPost({ platform, title, slug, topics, existingPosts, now: new Date(), randomBytes: (n) => randomBytes(n), exists });
    const uri = vscode.Uri.joinPath(folder.uri, plan.relPath);
    // The plan probed this path; look again right before writing, since writeFile would replace a
    // file created meanwhile.
    if (await pathExists(uri)) throw new Error(vscode.l10n.t("{0} already exists.", plan.relPath));
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, ".."));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(plan.text));
    log.info(`new ${platform} post: ${uri.toString(true)}`);
    const cursor = new vscode.Position(plan.cursor.line, plan.cursor.character);
    await vscode.window.showTextDocument(uri, { preview: false, selection: new vscode.Range(cursor, cursor) });
    return uri;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.error(`new post failed: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t("Could not create the post: {0}", message));
    return undefined;
  }
}

/** Menus pass a URI or nothing, keybindings whatever JSON the writer typed: keep the fields of the right type. */
function argsOf(raw: unknown): NewPostArgs {
  if (!raw || typeof raw !== "object" || raw instanceof vscode.Uri) return {};
  const { platform, title, folder, slug, topics } = raw as Record<string, unknown>;
  const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
  const list = Array.isArray(topics) ? topics.filter((t): t is string => typeof t === "string") : typeof topics === "string" ? topics.split(/[,、，]/) : undefined;
  return { platform: platform === undefined ? undefined : (String(platform) as NewPostPlatform), title: text(title), folder: text(folder), slug: text(slug), topics: list };
}

async function pickFolder(wanted: string | undefined): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t("Open a folder first: a new post is created in a workspace folder."));
    return undefined;
  }
  if (wanted !== undefined) {
    const found = folders.find((f) => f.name === wanted || f.uri.fsPath === wanted || f.uri.toString() === wanted);
    if (!found) void vscode.window.showErrorMessage(vscode.l10n.t("No workspace folder matches {0}.", wanted));
    return found;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t("Workspace folder for the new post") });
}

async function pickPlatform(folder: vscode.WorkspaceFolder, exists: ExistsProbe): Promise<NewPostPlatform | undefined> {
  const detected = await detectPlatform({ exists, readText: (relPath) => readText(vscode.Uri.joinPath(folder.uri, relPath)) });
  const blogDir = await blogPostsDir(exists);
  const where: Record<NewPostPlatform, string> = {
    zenn: "articles/<slug>.md",
    qiita: "public/<name>.md",
    hatena: "entry/YYYY/MM/DD/HHMMSS.md (blogsync)",
    devto: "posts/<slug>.md",
    blog: `${blogDir}/<slug>.md`,
  };
  const items: PlatformItem[] = NEW_POST_PLATFORMS.map((platform) => ({
    platform,
    label: platformName(platform),
    description: platform === detected ? vscode.l10n.t("detected in this folder") : undefined,
    detail: where[platform],
  }));
  const pick = vscode.window.createQuickPick<PlatformItem>();
  pick.title = vscode.l10n.t("Tsuzuri: New Post");
  pick.placeholder = vscode.l10n.t("Where will the post be published?");
  pick.items = items;
  pick.activeItems = items.filter((i) => i.platform === detected);
  return new Promise<NewPostPlatform | undefined>((resolve) => {
    let chosen: NewPostPlatform | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0]?.platform ?? pick.activeItems[0]?.platform;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}

function titleMessage(platform: NewPostPlatform, title: string): string | undefined {
  const problem = titleProblem(platform, title);
  if (!problem) return undefined;
  if (problem.kind === "empty") return vscode.l10n.t("Enter a title.");
  return vscode.l10n.t("{0} allows at most {1} characters in a title ({2} now).", platformName(platform), problem.max, problem.length);
}

function askTitle(platform: NewPostPlatform): Thenable<string | undefined> {
  return showInput({
    title: vscode.l10n.t("Tsuzuri: New Post"),
    prompt: vscode.l10n.t("Title of the {0} post", platformName(platform)),
    validate: (value) => titleMessage(platform, value),
  }).then((title) => title?.trim());
}

/** The platform's own rules for topics/tags, as a message for the prompt (undefined: fine). */
function topicsMessage(platform: NewPostPlatform, topics: readonly string[]): string | undefined {
  const problem = topicsProblem(platform, topics);
  if (!problem) return undefined;
  const noun = TOPIC_RULES[platform].noun;
  switch (problem.kind) {
    case "tooFew":
      return noun === "topic" ? vscode.l10n.t("Enter at least one topic.") : vscode.l10n.t("Enter at least one tag.");
    case "tooMany":
      return noun === "topic"
        ? vscode.l10n.t("{0} allows at most {1} topics ({2} now).", platformName(platform), problem.max, problem.count)
        : vscode.l10n.t("{0} allows at most {1} tags ({2} now).", platformName(platform), problem.max, problem.count);
    case "tooLong":
      return vscode.l10n.t("The topic \"{0}\" is longer than {1} characters.", problem.topic, problem.max);
    case "characters":
      return vscode.l10n.t("The topic \"{0}\" may contain only a-z, 0-9 and letters such as kana and kanji: no spaces, symbols or uppercase.", problem.topic);
  }
}

function topicsPrompt(platform: NewPostPlatform): string {
  const { noun, max } = TOPIC_RULES[platform];
  if (noun === "topic") return vscode.l10n.t("Topics, comma-separated (up to {0})", max ?? "");
  if (noun === "category") return vscode.l10n.t("Categories, comma-separated (optional)");
  return max === undefined ? vscode.l10n.t("Tags, comma-separated (optional)") : vscode.l10n.t("Tags, comma-separated (up to {0})", max);
}

const TOPIC_EXAMPLES: Record<NewPostPlatform, string> = {
  zenn: "typescript, vscode",
  qiita: "TypeScript, VSCode",
  hatena: "日記, プログラミング",
  devto: "javascript, webdev",
  blog: "日記, プログラミング",
};

/** The topics/tags, parsed and normalised (Zenn's lowercased); undefined when cancelled. */
function askTopics(platform: NewPostPlatform): Promise<string[] | undefined> {
  return showInput({
    title: vscode.l10n.t("Tsuzuri: New Post"),
    prompt: topicsPrompt(platform),
    placeholder: vscode.l10n.t("For example: {0}", TOPIC_EXAMPLES[platform]),
    validate: (value) => topicsMessage(platform, parseTopics(platform, value)),
  }).then((value) => (value === undefined ? undefined : parseTopics(platform, value)));
}

function askZennSlug(exists: ExistsProbe): Thenable<string | undefined> {
  const suggested = randomSlug((n) => randomBytes(n));
  return showInput({
    title: vscode.l10n.t("Tsuzuri: New Post"),
    prompt: vscode.l10n.t("Slug: the file name under articles/ and the article's URL (12 to 50 characters: a-z, 0-9, - and _)"),
    value: suggested,
    validate: async (value) => {
      if (!isValidZennSlug(value)) return vscode.l10n.t("Use 12 to 50 characters: lowercase letters a-z, digits 0-9, - and _.");
      if (await exists(`articles/${value}.md`)) return vscode.l10n.t("{0} already exists.", `articles/${value}.md`);
      return undefined;
    },
  });
}

interface InputOptions {
  title: string;
  prompt: string;
  value?: string;
  placeholder?: string;
  validate(value: string): string | undefined | Promise<string | undefined>;
}

/** An InputBox that accepts only a valid value (validation also runs on Enter, before accepting). */
function showInput(options: InputOptions): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.prompt = options.prompt;
  box.value = options.value ?? "";
  if (options.placeholder !== undefined) box.placeholder = options.placeholder;
  box.valueSelection = [0, box.value.length];
  let generation = 0;
  const validate = async (value: string): Promise<boolean> => {
    const mine = ++generation;
    const message = await options.validate(value);
    if (mine === generation) box.validationMessage = message;
    return message === undefined;
  };
  return new Promise<string | undefined>((resolve) => {
    let accepted: string | undefined;
    box.onDidChangeValue((value) => void validate(value));
    box.onDidAccept(async () => {
      const value = box.value;
      box.busy = true;
      const ok = await validate(value);
      box.busy = false;
      if (!ok || box.value !== value) return;
      accepted = value;
      box.hide();
    });
    box.onDidHide(() => {
      box.dispose();
      resolve(accepted);
    });
    box.show();
    if (box.value) void validate(box.value);
  });
}

async function pathExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (e) {
    // Anything but "not found" counts as taken: a post must never replace a file.
    return (e as { code?: unknown }).code !== "FileNotFound";
  }
}

/** How many posts are read to learn the folder's naming convention (their names and frontmatter). */
const MAX_POSTS_READ = 200;

/** The Markdown posts directly in `dir` (Qiita CLI's `public/`), for their naming convention. */
async function postsIn(dir: vscode.Uri): Promise<ExistingPost[]> {
  const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(dir)).catch(() => [] as [string, vscode.FileType][]);
  const names = entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith(".md"))
    .map(([name]) => name)
    .slice(0, MAX_POSTS_READ);
  const posts = await Promise.all(names.map(async (name) => ({ name: name.slice(0, -3), text: (await readText(vscode.Uri.joinPath(dir, name))) ?? "" })));
  return posts;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
