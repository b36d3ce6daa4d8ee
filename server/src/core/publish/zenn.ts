/**
 * Publishing to Zenn: Zenn deploys what is pushed to the GitHub repository linked to the account,
 * so "publish" is: set `published: true` (a minimal edit), commit the post and the images it
 * references (nothing else), and push to the branch Zenn deploys from.
 *
 * Pure apart from the injected pieces: git runs through a GitRunner (the Node glue is
 * server/src/publish/gitRunner.ts), the post is read and written through `io`.
 *
 * Staged changes of the writer's own (other files already in the index) are never swept into the
 * commit: the commit is made with `git commit --only -- <our paths>`, which records only those paths
 * (their working-tree content) and leaves the rest of the index staged as it was. Checked with real
 * git in test/publish/zenn.test.ts. (A plain `git commit` would take everything staged; `git commit
 * -- <paths>` is the same as `--only`, spelled out here so the intent is visible.) `--only` refuses
 * paths git does not know yet (a new post or image), so they are `git add`ed first — only ours.
 * Other commits already on the branch and not yet pushed do go out with the push: that is what
 * pushing the branch means; the message says when only those were pushed.
 */
import * as path from "node:path";
import { parseFrontmatter } from "../frontmatter/parse";
import { say, type Localized } from "../shared/i18n";
import { fileReferences, localPath } from "../shared/markdownRefs";
import { writeBack } from "./writeBack";
import { PublishFailure, type PublishOutcome, type PublishRequest } from "./types";
import { AUTH_PATTERNS, fail, firstLine, list, locate, must, NETWORK_PATTERNS, nulList, oneLine, run, stripEol, type Context, type GitResult, type GitRunner } from "./git";

export interface ZennIo {
  readText(path: string): string;
  writeText(path: string, text: string): void;
  /** True when `path` is an existing file. Optional: without it, an image exists when readText succeeds. */
  exists?(path: string): boolean;
}

export interface ZennPublishOptions {
  /** The remote to push to (default: the current branch's upstream remote, else `origin`). */
  remote?: string;
  /** The branch to push to (default: the upstream's branch when pushing to the upstream remote, else the current branch). */
  branch?: string;
}

export type ZennPublishRequest = PublishRequest & {
  /**
   * The Zenn content root (where `articles/` and `images/` are). Default: the git repository's
   * top level. Must be inside the same repository as the post.
   */
  repoRoot?: string;
};


/**
 * The files under `/images/` a post refers to: Markdown images and links (`![](/images/a.png =250x)`,
 * `[x](</images/a b.png>)`), reference definitions and `<img src="/images/...">`. Code blocks, code
 * spans and HTML comments are skipped. Returned as paths relative to the Zenn root (`images/a.png`),
 * decoded, normalised, each once; anything that leaves `images/` is dropped.
 */
export function zennImagePaths(body: string): string[] {
  const found = new Set<string>();
  for (const { url } of fileReferences(body)) {
    if (!url.startsWith("/images/")) continue;
    const normal = path.posix.normalize(localPath(url)).replace(/^\/+/, "");
    if (!normal.startsWith("images/") || normal.split("/").includes("..") || normal.endsWith("/")) continue;
    found.add(normal);
  }
  return [...found];
}

export async function publishZenn(request: ZennPublishRequest, git: GitRunner, io: ZennIo, options: ZennPublishOptions = {}): Promise<PublishOutcome> {
  try {
    return await publish(request, git, io, options);
  } catch (e) {
    if (e instanceof PublishFailure) return { ok: false, error: e.error };
    throw e;
  }
}

async function publish(request: ZennPublishRequest, git: GitRunner, io: ZennIo, options: ZennPublishOptions): Promise<PublishOutcome> {
  const place = await placeOf(request, git);
  const ctx: Context = { git, top: place.top };
  const { remote, branch } = await pushTarget(ctx, options);
  const post = readPost(request, io, place.postRel);
  const { images, missing } = imagesOf(post.text, post.bodyStart, place, io);
  const ours = [place.postRel, ...images];
  await refuseIgnored(ctx, ours);
  await refuseLfs(ctx, images);
  const stagedBefore = nulList((await must(ctx, ["diff", "--cached", "--name-only", "-z"], say("Reading the staged changes", "ステージされた変更の取得"))).stdout);
  const othersStaged = stagedBefore.filter((p) => !ours.includes(p));
  const commit = await commitOurs(ctx, request, io, post, place.postRel, ours);
  const upToDate = await pushTo(ctx, remote, branch, commit);
  return summary(request, post, place.postRel, { remote, branch, upToDate, othersStaged, missing, ...commit });
}

/** Where the post is: its repository, its path in it, and the Zenn root (articles/ and images/). */
async function placeOf(request: ZennPublishRequest, git: GitRunner): Promise<{ top: string; postRel: string; zennPrefix: string; zennRoot: string }> {
  const filePath = request.filePath;
  const fileName = path.basename(filePath);

  // Paths inside the repository come from git itself (--show-prefix), so a symlinked folder
  // (macOS /tmp → /private/tmp) does not confuse them.
  const post = await locate(git, path.dirname(filePath));
  const postRel = `${post.prefix}${fileName}`;
  let zennPrefix = "";
  const zennRoot = request.repoRoot ?? post.top;
  if (request.repoRoot !== undefined) {
    const root = await locate(git, request.repoRoot);
    if (root.top !== post.top) {
      throw fail("local", say(`The post is not in the same git repository as the Zenn folder ${request.repoRoot}.`, `記事が Zenn のフォルダー ${request.repoRoot} と同じ git リポジトリにありません。`));
    }
    zennPrefix = root.prefix;
  }
  if (postRel !== `${zennPrefix}articles/${fileName}` || !fileName.endsWith(".md")) {
    throw fail(
      "local",
      say(
        `Zenn publishes the articles in ${zennPrefix}articles/ (articles/<slug>.md); this post is ${postRel}. Move it there to publish it.`,
        `Zenn が公開するのは ${zennPrefix}articles/ にある記事（articles/<slug>.md）です。この記事は ${postRel} にあります。公開するにはそこへ移動してください。`,
      ),
    );
  }
  return { top: post.top, postRel, zennPrefix, zennRoot };
}

/** The remote and branch to push to, after refusing a detached HEAD, a merge in progress and a missing remote. */
async function pushTarget(ctx: Context, options: ZennPublishOptions): Promise<{ remote: string; branch: string }> {
  const git = ctx.git;
  const head = await run(git, ["symbolic-ref", "--quiet", "--short", "HEAD"], ctx.top);
  if (head.code !== 0) {
    throw fail(
      "git",
      say(
        "HEAD is detached (no branch is checked out, e.g. during a rebase or after checking out a commit). Check out the branch Zenn deploys from (git switch main) and publish again.",
        "HEAD が detached の状態です（ブランチがチェックアウトされていません。rebase の途中やコミットを直接チェックアウトした後など）。Zenn がデプロイするブランチをチェックアウトして（git switch main）、もう一度公開してください。",
      ),
      head.stderr,
    );
  }
  const current = stripEol(head.stdout);
  const merging = await run(git, ["rev-parse", "-q", "--verify", "MERGE_HEAD"], ctx.top);
  if (merging.code === 0) {
    throw fail("git", say("A merge is in progress. Finish it (git commit) or abort it (git merge --abort), then publish again.", "マージの途中です。マージを完了する（git commit）か中止して（git merge --abort）から、もう一度公開してください。"));
  }
  const remotes = stripEol((await must(ctx, ["remote"], say("Listing the remotes", "リモートの一覧の取得"))).stdout)
    .split(/\r?\n/)
    .filter((r) => r !== "");
  const configured = async (key: string): Promise<string | undefined> => {
    const r = await run(git, ["config", "--get", key], ctx.top);
    return r.code === 0 ? stripEol(r.stdout) : undefined;
  };
  const upstreamRemote = await configured(`branch.${current}.remote`);
  const upstreamMerge = await configured(`branch.${current}.merge`);
  const remote = options.remote ?? (upstreamRemote && upstreamRemote !== "." ? upstreamRemote : "origin");
  if (remotes.length === 0) {
    throw fail(
      "git",
      say(
        "This repository has no remote, so there is nowhere to push. Add the GitHub repository linked to Zenn: git remote add origin https://github.com/<you>/<repo>.git — then publish again.",
        "このリポジトリにはリモートがないため push できません。Zenn と連携した GitHub リポジトリを追加してください: git remote add origin https://github.com/<you>/<repo>.git — その後もう一度公開してください。",
      ),
    );
  }
  if (!remotes.includes(remote)) {
    throw fail(
      "git",
      say(
        `The remote "${remote}" does not exist (this repository has: ${list(remotes)}). Add it with git remote add ${remote} https://github.com/<you>/<repo>.git, or choose one of those remotes.`,
        `リモート「${remote}」がありません（このリポジトリのリモート: ${list(remotes)}）。git remote add ${remote} https://github.com/<you>/<repo>.git で追加するか、既存のリモートを指定してください。`,
      ),
    );
  }
  const branch =
    options.branch ??
    (remote === upstreamRemote && upstreamMerge?.startsWith("refs/heads/") ? upstreamMerge.slice("refs/heads/".length) : current);

  return { remote, branch };
}

interface PostToPublish {
  /** The text as saved, and as it will be committed (published: true written when publishing). */
  text: string;
  newText: string;
  flipped: boolean;
  wasPublished: boolean;
  title: string;
  /** Where the body starts (after the frontmatter). */
  bodyStart: number;
}

/** The post as saved (it must equal the text to publish), with published: true when publishing. */
function readPost(request: ZennPublishRequest, io: ZennIo, postRel: string): PostToPublish {
  const filePath = request.filePath;
  let onDisk: string;
  try {
    onDisk = io.readText(filePath);
  } catch (e) {
    throw fail("local", say(`The post could not be read: ${(e as Error).message}`, `記事を読み込めませんでした: ${(e as Error).message}`));
  }
  if (onDisk !== request.text) {
    throw fail("local", say(`${postRel} on disk differs from the text to publish (unsaved changes, or changed by another program). Save it and publish again.`, `${postRel} のディスク上の内容が公開しようとした内容と異なります（未保存の変更があるか、別のプログラムが変更しました）。保存してからもう一度公開してください。`));
  }
  const text = request.text;
  const fm = parseFrontmatter(text);
  if (!fm || fm.kind !== "yaml" || !fm.data) {
    throw fail("local", say(`${postRel} has no readable YAML frontmatter (title, emoji, type, topics, published); fix it and publish again.`, `${postRel} に読み取れる YAML フロントマター（title, emoji, type, topics, published）がありません。修正してからもう一度公開してください。`));
  }
  const wasPublished = fm.data["published"] === true;
  const title = typeof fm.data["title"] === "string" ? oneLine(fm.data["title"]) : "";
  const newText = request.mode === "publish" && !wasPublished ? writeBack(text, { published: "true" }) : text;
  const flipped = newText !== text;

  return { text, newText, flipped, wasPublished, title, bodyStart: fm.range[1] };
}

/** The images the post references: those that exist (to push) and those that do not (to mention). */
function imagesOf(text: string, bodyStart: number, place: { zennPrefix: string; zennRoot: string }, io: ZennIo): { images: string[]; missing: string[] } {
  const { zennPrefix, zennRoot } = place;
  const exists = (p: string): boolean => {
    if (io.exists) return io.exists(p);
    try {
      io.readText(p);
      return true;
    } catch {
      return false;
    }
  };
  const images: string[] = [];
  const missing: string[] = [];
  for (const rel of zennImagePaths(text.slice(bodyStart))) {
    if (exists(path.join(zennRoot, ...rel.split("/")))) images.push(`${zennPrefix}${rel}`);
    else missing.push(`/${rel}`);
  }
  return { images, missing };
}

/**
 * Images stored with Git LFS reach Zenn as pointer files, which zenn.dev answers with an error
 * (zenn-dev/zenn-community#710): refuse before writing anything. git itself says which paths its
 * attributes give `filter=lfs` (.gitattributes at any level, info/attributes).
 */
async function refuseLfs(ctx: Context, images: string[]): Promise<void> {
  if (images.length === 0) return;
  const attrs = await run(ctx.git, ["check-attr", "-z", "filter", "--", ...images], ctx.top);
  if (attrs.code !== 0) return;
  const fields = attrs.stdout.split("\0");
  const lfs: string[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) if (fields[i + 2] === "lfs") lfs.push(fields[i]!);
  if (lfs.length === 0) return;
  throw fail(
    "local",
    say(
      `These images are stored with Git LFS, which Zenn does not read (it would show them broken): ${list(lfs)}. Remove their filter=lfs line from .gitattributes, run "git lfs untrack" and "git add --renormalize", then publish again.`,
      `次の画像は Git LFS で管理されていますが、Zenn は Git LFS を読まないため表示されません: ${list(lfs)}。.gitattributes の filter=lfs の行を外し（git lfs untrack）、git add --renormalize してからもう一度公開してください。`,
    ),
  );
}

/** Ignored files cannot be added (and Zenn would never get them): refuse before writing anything. */
async function refuseIgnored(ctx: Context, ours: string[]): Promise<void> {
  const git = ctx.git;
  const ignored = await run(git, ["-c", "core.quotepath=off", "check-ignore", "--", ...ours], ctx.top);
  if (ignored.code === 0) {
    const names = ignored.stdout.split(/\r?\n/).filter((l) => l !== "");
    throw fail(
      "local",
      say(
        `These files are ignored by .gitignore, so they cannot be pushed to Zenn: ${list(names)}. Remove them from .gitignore and publish again.`,
        `次のファイルは .gitignore で除外されているため Zenn に push できません: ${list(names)}。.gitignore から外してもう一度公開してください。`,
      ),
      ignored.stdout,
    );
  }
  if (ignored.code !== 1) {
    throw fail("git", say(`git check-ignore failed: ${firstLine(ignored.stderr)}`, `git check-ignore に失敗しました: ${firstLine(ignored.stderr)}`), ignored.stderr);
  }

}

interface Commit {
  committed: string | undefined;
  commitMessage: string;
  toCommit: string[];
}

/** Writes published: true if needed, stages our paths only and commits our paths only. */
async function commitOurs(ctx: Context, request: ZennPublishRequest, io: ZennIo, post: PostToPublish, postRel: string, ours: string[]): Promise<Commit> {
  const git = ctx.git;
  const { filePath } = request;
  const { newText, flipped, title } = post;
  if (flipped) {
    try {
      io.writeText(filePath, newText);
    } catch (e) {
      throw fail("local", say(`The post could not be written: ${(e as Error).message}`, `記事を書き込めませんでした: ${(e as Error).message}`));
    }
  }
  const written = flipped ? say(" published: true is written in the post.", " 記事には published: true を書き込み済みです。") : say("", "");
  const added = await run(git, ["--literal-pathspecs", "add", "--", ...ours], ctx.top);
  if (added.code !== 0) {
    const line = firstLine(added.stderr);
    throw fail("git", say(`git add failed: ${line}.${written.en}`, `git add に失敗しました: ${line}。${written.ja}`), added.stderr);
  }
  const toCommit = nulList((await must(ctx, ["--literal-pathspecs", "diff", "--cached", "--name-only", "-z", "--", ...ours], say("Reading the staged changes", "ステージされた変更の取得"))).stdout);

  const verb = request.mode === "publish" ? (flipped ? "Publish" : "Update") : "Update draft";
  const commitMessage = `${verb} ${postRel}${title ? `: ${title}` : ""}`;
  let committed: string | undefined;
  if (toCommit.length > 0) {
    const commit = await run(git, ["--literal-pathspecs", "commit", "--only", "--quiet", "-m", commitMessage, "--", ...ours], ctx.top);
    if (commit.code !== 0) {
      const identity = /Please tell me who you are|empty ident|unable to auto-detect email/i.test(commit.stderr);
      const line = firstLine(commit.stderr) || firstLine(commit.stdout);
      throw fail(
        "git",
        identity
          ? say(
              `git commit failed: git does not know your name and e-mail. Run git config --global user.name "Your Name" and git config --global user.email you@example.com, then publish again. The post and its images are staged.${written.en}`,
              `git commit に失敗しました: git に名前とメールアドレスが設定されていません。git config --global user.name "名前" と git config --global user.email you@example.com を実行してから、もう一度公開してください。記事と画像はステージ済みです。${written.ja}`,
            )
          : say(
              `git commit failed: ${line}. The post and its images are staged; fix this and publish again.${written.en}`,
              `git commit に失敗しました: ${line}。記事と画像はステージ済みです。原因を取り除いてからもう一度公開してください。${written.ja}`,
            ),
        commit.stderr || commit.stdout,
      );
    }
    committed = stripEol((await must(ctx, ["rev-parse", "--short", "HEAD"], say("Reading the new commit", "新しいコミットの取得"))).stdout);
  }

  return { committed, commitMessage, toCommit };
}

/** Pushes HEAD to the branch; a refusal says why and what stays local. Returns whether nothing was new. */
async function pushTo(ctx: Context, remote: string, branch: string, commit: Commit): Promise<boolean> {
  const git = ctx.git;
  const { committed, commitMessage } = commit;
  const target = branch.startsWith("refs/") ? branch : `refs/heads/${branch}`;
  const kept = committed
    ? say(` The commit ${committed} ("${commitMessage}") stays in your local repository.`, ` コミット ${committed}（「${commitMessage}」）はローカルのリポジトリに残っています。`)
    : say("", "");
  let push: GitResult;
  try {
    push = await run(git, ["push", remote, `HEAD:${target}`], ctx.top);
  } catch (e) {
    if (e instanceof PublishFailure) {
      const { message } = e.error;
      throw new PublishFailure({ ...e.error, message: say(`${message.en}${kept.en}`, `${message.ja}${kept.ja}`) });
    }
    throw e;
  }
  if (push.code !== 0) {
    const out = `${push.stderr}\n${push.stdout}`;
    const line = firstLine(push.stderr) || firstLine(push.stdout);
    if (AUTH_PATTERNS.some((p) => p.test(out))) {
      throw fail(
        "auth",
        say(
          `git push to ${remote} was refused for lack of credentials (${line}). Tsuzuri runs git without password prompts: set up a credential helper (for GitHub: gh auth setup-git, or Git Credential Manager) or an SSH key so that git push works in a terminal, then publish again.${kept.en}`,
          `認証情報がないため ${remote} への git push が拒否されました（${line}）。Tsuzuri はパスワードの入力を求めずに git を実行します。認証情報ヘルパー（GitHub なら gh auth setup-git や Git Credential Manager）か SSH 鍵を設定し、ターミナルで git push できることを確かめてから、もう一度公開してください。${kept.ja}`,
        ),
        push.stderr,
      );
    }
    if (/\[rejected\]|non-fast-forward|fetch first|\(stale info\)/i.test(out)) {
      throw fail(
        "git",
        say(
          `git push was rejected: ${remote}/${branch} has commits that your branch does not have. Run git pull --rebase ${remote} ${branch}, then publish again.${kept.en}`,
          `git push が拒否されました: ${remote}/${branch} にローカルのブランチにないコミットがあります。git pull --rebase ${remote} ${branch} を実行してから、もう一度公開してください。${kept.ja}`,
        ),
        push.stderr,
      );
    }
    if (/\[remote rejected\]|hook declined|protected branch/i.test(out)) {
      throw fail(
        "git",
        say(
          `${remote} refused the push (a hook or a branch protection rule on the remote): ${line}. Check the repository's settings, then publish again.${kept.en}`,
          `${remote} が push を拒否しました（リモートのフックまたはブランチ保護ルール）: ${line}。リポジトリの設定を確認してから、もう一度公開してください。${kept.ja}`,
        ),
        push.stderr,
      );
    }
    if (NETWORK_PATTERNS.some((p) => p.test(out))) {
      throw fail("network", say(`git push could not reach ${remote}: ${line}. Check the connection and the remote's URL (git remote -v), then publish again.${kept.en}`, `${remote} に接続できず git push できませんでした: ${line}。接続とリモートの URL（git remote -v）を確認してから、もう一度公開してください。${kept.ja}`), push.stderr);
    }
    throw fail("git", say(`git push to ${remote} failed: ${line}.${kept.en}`, `${remote} への git push に失敗しました: ${line}。${kept.ja}`), push.stderr);
  }
  return /Everything up-to-date/i.test(push.stderr);

}

interface Pushed extends Commit {
  remote: string;
  branch: string;
  upToDate: boolean;
  othersStaged: string[];
  missing: string[];
}

/** What happened, in the writer's words. */
function summary(request: ZennPublishRequest, post: PostToPublish, postRel: string, pushed: Pushed): PublishOutcome {
  const { remote, branch, upToDate, othersStaged, missing, committed, commitMessage, toCommit } = pushed;
  const { wasPublished, newText } = post;
  const parts: Localized[] = [];
  if (committed) {
    parts.push(say(`Committed ${committed} "${commitMessage}" (${list(toCommit)}) and pushed it to ${remote}/${branch}.`, `${committed}「${commitMessage}」（${list(toCommit)}）をコミットし、${remote}/${branch} に push しました。`));
  } else if (upToDate) {
    parts.push(say(`Nothing to commit: ${postRel} and its images are unchanged and already pushed to ${remote}/${branch}.`, `コミットするものはありません: ${postRel} と画像は変更がなく、${remote}/${branch} に push 済みです。`));
  } else {
    parts.push(say(`Nothing to commit: ${postRel} and its images are unchanged; pushed the earlier local commits to ${remote}/${branch}.`, `コミットするものはありません: ${postRel} と画像は変更がありません。未 push のローカルコミットを ${remote}/${branch} に push しました。`));
  }
  const published = request.mode === "publish" || wasPublished;
  parts.push(
    published
      ? say(" Zenn deploys it from GitHub in a minute or so.", " Zenn が GitHub から 1 分ほどでデプロイします。")
      : say(" It stays a draft on Zenn (published: false).", " Zenn では下書きのままです（published: false）。"),
  );
  if (request.mode === "draft" && wasPublished) {
    parts.push(say(" Note: the post has published: true, so Zenn shows it publicly.", " 注意: 記事は published: true なので Zenn で公開されます。"));
  }
  if (othersStaged.length > 0) {
    parts.push(say(` Other staged changes were left staged and not committed: ${list(othersStaged)}.`, ` ほかにステージされていた変更はコミットせず、ステージしたままにしました: ${list(othersStaged)}。`));
  }
  if (missing.length > 0) {
    parts.push(say(` Images referenced but not found (not pushed): ${list(missing)}.`, ` 参照されているが見つからない画像（push していません）: ${list(missing)}。`));
  }
  return {
    ok: true,
    action: "committed",
    text: newText,
    message: { en: parts.map((p) => p.en).join(""), ja: parts.map((p) => p.ja).join("") },
  };
}
