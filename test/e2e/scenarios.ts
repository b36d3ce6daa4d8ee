/**
 * Writer scenarios: what a person sees in VS Code (code-server in Chromium) with Tsuzuri installed.
 * Run by scripts/e2e/run.js; each scenario gets a fresh workspace copy and browser page, and the
 * runner saves a screenshot per scenario into test-results/e2e/.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import type { Page } from "playwright-core";
import { previewThemeScenarios } from "./previewThemes";
import { TIMEOUT_MS, Workbench } from "./workbench";

export interface ScenarioContext {
  page: Page;
  /** http://127.0.0.1:PORT of the code-server under test. */
  baseUrl: string;
  /** Absolute path of this scenario's own copy of test/fixtures/e2e-workspace. */
  workspace: string;
  log(message: string): void;
  /** Saves a screenshot of the page now, as test-results/e2e/writer/<scenario>-<label>.png. */
  screenshot(label: string): Promise<void>;
}

export interface Scenario {
  /** Also the screenshot's file name (test-results/e2e/<name>.png). */
  name: string;
  title: string;
  run(ctx: ScenarioContext): Promise<void>;
}

const RA_MESSAGE = "ら抜き言葉を使用しています。";
const SPACING_MESSAGE = "原則として、全角文字と半角文字の間にスペースを入れません。";
const WEAK_MESSAGE = '弱い表現: "思います" が使われています。';
const KANA_MESSAGE = 'Disallow to use 半角カタカナ: "ｶﾒﾗ"';

/** Resolves once `condition` holds, checking every 100 ms; fails after TIMEOUT_MS with `what`. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const scenarios: Scenario[] = [
  {
    name: "problems-panel",
    title: "opening a post from Quick Open shows squiggles and textlint's Japanese messages in Problems",
    async run({ page, baseUrl, workspace, log }) {
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await wb.quickOpen("ramen-review.md");
      log("post open; waiting for squiggles");
      await wb.squiggles().first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.openProblems();
      const ra = wb.problemRows(RA_MESSAGE).first();
      await ra.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.problemRows(WEAK_MESSAGE).first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      const raText = (await ra.innerText()).replace(/\s+/g, " ");
      log(`Problems row: ${raText}`);
      assert.match(raText, /textlint/, "the row names textlint as the source");
      assert.match(raText, /no-dropping-the-ra/, "the row names the rule");
      // Line 13 starts with an emoji (two UTF-16 units); the rule marks れ of 見れる, column 21.
      assert.match(raText, /\[Ln 13, Col 21\]/, "the problem is placed on れ of 見れる");
      assert.equal(await wb.problemRows().filter({ hasText: "textlint" }).count(), 2, "exactly the two problems textlint reports");
      const status = await wb.languageStatus("textlint:");
      assert.match((await status.innerText()).replace(/\s+/g, " "), /textlint: bundled preset/);
    },
  },
  {
    name: "project-config",
    title: "a post under a project .textlintrc.json gets the project's rules, and the language status names the config",
    async run({ page, baseUrl, workspace, log }) {
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await wb.quickOpen("spacing-note.md");
      await wb.openProblems();
      await wb.problemRows(SPACING_MESSAGE).first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.squiggles().first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      assert.equal(await wb.problemRows(SPACING_MESSAGE).count(), 2, "both spaces around TypeScript are reported");
      assert.equal(await wb.problemRows(RA_MESSAGE).count(), 0, "the project config does not run the bundled preset");
      const status = await wb.languageStatus("textlint:");
      const text = (await status.innerText()).replace(/\s+/g, " ");
      log(`language status: ${text}`);
      assert.match(text, /textlint: project\/\.textlintrc\.json/);
    },
  },
  {
    name: "typing-new-problem",
    title: "typing a sentence with ら抜き言葉 adds a problem while the writer types",
    async run({ page, baseUrl, workspace, log }) {
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await wb.quickOpen("clean-draft.md");
      await wb.openProblems();
      await page.locator(".markers-panel .monaco-tl-row, .markers-panel .message-box-container, .markers-panel").first().waitFor();
      assert.equal(await wb.problemRows(RA_MESSAGE).count(), 0, "the draft starts without a ら抜き problem");
      await wb.cursorToEnd();
      await page.keyboard.press("Enter");
      await page.keyboard.type("この映画は見れる。");
      log("typed the sentence; waiting for the new problem");
      await wb.problemRows(RA_MESSAGE).first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.squiggles().first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      assert.match(await wb.activeEditor().locator(".view-lines").innerText(), /この映画は見れる。/);
      assert.match((await wb.problemRows(RA_MESSAGE).first().innerText()).replace(/\s+/g, " "), /\[Ln 7, Col 7\]/);
    },
  },
  {
    name: "drafting-mode",
    title: "drafting mode: the sentence being typed gets no problem until the cursor leaves its paragraph; the other problems stay",
    async run({ page, baseUrl, workspace, log }) {
      // In this workspace's settings, not the user's: the code-server is shared with the other scenarios.
      fs.mkdirSync(path.join(workspace, ".vscode"), { recursive: true });
      fs.writeFileSync(path.join(workspace, ".vscode", "settings.json"), JSON.stringify({ "tsuzuri.lint.drafting": true }));
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await wb.quickOpen("ramen-review.md");
      await wb.openProblems();
      await wb.problemRows(RA_MESSAGE).filter({ hasText: "[Ln 13, Col 21]" }).first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.languageStatus("Problems of the paragraph you are typing show when you leave it");
      await page.keyboard.press("Escape");
      // A second line for the paragraph of line 11, two paragraphs above the ら抜き problem.
      await wb.goToLine(11, 1);
      await page.keyboard.press("End");
      await page.keyboard.press("Enter");
      await page.keyboard.type("ｶﾒﾗで撮りました。");
      log("typed; waiting for the lint of the typed text (the ら抜き problem one line down)");
      // The Problems panel does not move a problem on edits: [Ln 14 is the server's lint of the new text.
      await wb.problemRows(RA_MESSAGE).filter({ hasText: "[Ln 14, Col 21]" }).first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      assert.equal(await wb.problemRows(KANA_MESSAGE).count(), 0, "the typed sentence's problem is held back while the cursor is in its paragraph");
      log("held back; moving the cursor to the top");
      await page.keyboard.press("Control+Home");
      const kana = wb.problemRows(KANA_MESSAGE).first();
      await kana.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      assert.match((await kana.innerText()).replace(/\s+/g, " "), /\[Ln 12, Col 1\]/);
      assert.equal(await wb.problemRows(RA_MESSAGE).count(), 1);
    },
  },
  {
    name: "palette-commands",
    title: "Tsuzuri: Restart Server and Tsuzuri: Show Output from the command palette",
    async run({ page, baseUrl, workspace, log }) {
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await wb.quickOpen("ramen-review.md");
      await wb.openProblems();
      await wb.problemRows(RA_MESSAGE).first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.runCommand("Tsuzuri: Restart Server");
      log("restart requested; opening the output");
      await wb.runCommand("Tsuzuri: Show Output");
      const output = page.locator(".part.panel .output-view, .part.panel [id='workbench.panel.output']").first();
      await output.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await page
        .locator(".part.panel .monaco-editor .view-lines", { hasText: "restarting the language server" })
        .first()
        .waitFor({ state: "visible", timeout: TIMEOUT_MS });
      // The restarted server lints the open post again: its problem is back in the Problems panel.
      await wb.openProblems();
      await wb.problemRows(RA_MESSAGE).first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.runCommand("Tsuzuri: Show Output");
      await output.waitFor({ state: "visible", timeout: TIMEOUT_MS });
    },
  },
  {
    name: "quick-fix",
    title: "Ctrl+. on a problem offers the rule's fix, picking it removes the squiggle; saving with fix-on-save fixes the rest",
    async run({ page, baseUrl, workspace, log, screenshot }) {
      // The writer's own workspace setting: fix everything Tsuzuri can fix when saving.
      fs.mkdirSync(path.join(workspace, ".vscode"), { recursive: true });
      fs.writeFileSync(path.join(workspace, ".vscode", "settings.json"), JSON.stringify({ "editor.codeActionsOnSave": { "source.fixAll.tsuzuri": "explicit" } }));
      const file = path.join(workspace, "posts", "fixable.md");
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await wb.quickOpen("fixable.md");
      await wb.openProblems();
      await wb.problemRows(KANA_MESSAGE).first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      // Cursor on ｶﾒﾗ (line 3), then the quick-fix menu.
      await wb.goToLine(3, 2);
      // Ctrl+. right after Go to Line can reach the editor before it has focus, or before the code
      // actions for the new cursor position are computed: press it again until the menu lists the fix.
      const fix = page.locator(".action-widget .monaco-list-row", { hasText: "Fix this problem (no-hankaku-kana)" }).first();
      const deadline = Date.now() + TIMEOUT_MS;
      for (;;) {
        await page.keyboard.press("Control+.");
        if (await fix.waitFor({ state: "visible", timeout: 3_000 }).then(() => true, () => false)) break;
        if (Date.now() > deadline) throw new Error("timed out waiting for the quick-fix menu with the fix");
        await page.keyboard.press("Escape");
        await wb.activeEditor().locator(".view-lines").click({ position: { x: 5, y: 5 } }).catch(() => undefined);
        await wb.goToLine(3, 2);
      }
      const menu = (await page.locator(".action-widget").first().innerText()).replace(/\s+/g, " ");
      log(`quick-fix menu: ${menu}`);
      assert.match(menu, /Disable no-hankaku-kana for this line/);
      assert.match(menu, /Allow “ｶﾒﾗ”/);
      await screenshot("menu"); // the README's docs/screenshots/quick-fix.png
      await fix.click();
      await wb.activeEditor().locator(".view-lines", { hasText: "カメラを使用することができます。" }).waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.problemRows(KANA_MESSAGE).first().waitFor({ state: "detached", timeout: TIMEOUT_MS });
      log("the kana squiggle is gone; saving");
      assert.ok(await wb.problemRows("冗長な表現").count() >= 2, "the redundant expressions are still reported before saving");
      await page.keyboard.press("Control+S");
      await until(() => fs.readFileSync(file, "utf8").includes("カメラを使用できます。"), "the file on disk to be fixed on save");
      assert.equal(fs.readFileSync(file, "utf8"), "# カメラの使い方\n\nカメラを使用できます。\n\nこの機能は誰でも利用できます。\n");
      await wb.problemRows("冗長な表現").first().waitFor({ state: "detached", timeout: TIMEOUT_MS });
    },
  },
  {
    name: "new-post",
    title: "Tsuzuri: New Post from F1: pick Zenn, type a title and topics, accept the slug; the post opens with zenn-cli's frontmatter and the Problems panel shows no problem at all",
    async run({ page, baseUrl, workspace, log }) {
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      const input = page.locator(".quick-input-widget input");
      const rows = page.locator(".quick-input-list .monaco-list-row");
      // Workbench.runCommand waits for the palette to close; this command keeps it open with its own
      // prompts. Right after the workbench loads, the extension's commands may not be registered yet
      // and the palette does not refresh its list: reopen it until the command is there.
      const command = rows.filter({ hasText: "Tsuzuri: New Post" }).first();
      const deadline = Date.now() + TIMEOUT_MS;
      for (;;) {
        await page.keyboard.press("F1");
        await input.waitFor({ state: "visible", timeout: TIMEOUT_MS });
        await input.fill(">Tsuzuri: New Post");
        if (await command.waitFor({ state: "visible", timeout: 3_000 }).then(() => true, () => false)) break;
        if (Date.now() > deadline) throw new Error("timed out waiting for Tsuzuri: New Post in the command palette");
        await page.keyboard.press("Escape");
        await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: TIMEOUT_MS });
      }
      await page.keyboard.press("Enter");

      const zenn = rows.filter({ hasText: "articles/<slug>.md" }).first();
      await zenn.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      const detected = (await rows.filter({ hasText: "detected in this folder" }).first().innerText()).replace(/\s+/g, " ");
      log(`platform pick; detected: ${detected}`);
      assert.match(detected, /Blog \(static site\)/, "the fixture folder has no Zenn, Qiita or blogsync layout");
      await input.fill("Zenn");
      // (Browser-side expressions are strings: this project compiles without the DOM library.)
      await page.waitForFunction(`document.querySelectorAll(".quick-input-list .monaco-list-row").length === 1`, undefined, { timeout: TIMEOUT_MS });
      await page.keyboard.press("Enter");

      await page.locator(".quick-input-widget", { hasText: "Title of the Zenn post" }).waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await input.fill("Tsuzuri で記事を書く");
      await page.keyboard.press("Enter");

      // Zenn needs at least one topic: Enter on an empty box is refused with a message.
      const topicsBox = page.locator(".quick-input-widget", { hasText: "Topics, comma-separated (up to 5)" });
      await topicsBox.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await page.keyboard.press("Enter");
      await page.locator(".quick-input-widget", { hasText: "Enter at least one topic." }).waitFor({ state: "visible", timeout: TIMEOUT_MS });
      // Uppercase is what a writer types; Zenn's topics are lowercase, and New Post writes them so.
      await input.fill("TypeScript, VSCode");
      await page.locator(".quick-input-widget", { hasText: "Enter at least one topic." }).waitFor({ state: "hidden", timeout: TIMEOUT_MS });
      log("topics typed");
      await page.keyboard.press("Enter");

      await page.locator(".quick-input-widget", { hasText: "Slug:" }).waitFor({ state: "visible", timeout: TIMEOUT_MS });
      const slugHandle = await page.waitForFunction(
        `(() => { const v = document.querySelector(".quick-input-widget input")?.value ?? ""; return /^[0-9a-f]{14}$/.test(v) && v; })()`,
        undefined,
        { timeout: TIMEOUT_MS },
      );
      const slug = String(await slugHandle.jsonValue());
      log(`suggested slug ${slug}; accepting it`);
      await page.keyboard.press("Enter");

      await wb.activeTab(`${slug}.md`).waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: TIMEOUT_MS });
      const file = path.join(workspace, "articles", `${slug}.md`);
      assert.ok(fs.existsSync(file), `${file} was written`);
      assert.match(fs.readFileSync(file, "utf8"), /^---\ntitle: "Tsuzuri で記事を書く"\nemoji: ".+"\ntype: "tech"[^\n]*\ntopics: \["typescript", "vscode"\]\npublished: false\n---\n\n$/u);
      await wb.activeEditor().locator(".view-lines", { hasText: "published: false" }).waitFor({ state: "visible", timeout: TIMEOUT_MS });

      // The server reports "Last lint" and the frontmatter's platform in the language status right
      // after the post's diagnostics (textlint's and the frontmatter checks') are out; the hover is
      // built when shown, so hover again until it says so.
      const lintDeadline = Date.now() + TIMEOUT_MS;
      for (;;) {
        const entry = page.locator("#status\\.languageStatus");
        await entry.waitFor({ state: "visible", timeout: TIMEOUT_MS });
        await entry.hover();
        const linted = page.locator(".hover-language-status", { hasText: "Last lint" }).first();
        const seen = await linted.waitFor({ state: "visible", timeout: 2_000 }).then(
          () => true,
          () => false,
        );
        if (seen && (await page.locator(".hover-language-status", { hasText: "Frontmatter: Zenn" }).count()) > 0) break;
        if (Date.now() > lintDeadline) throw new Error("timed out waiting for the new post's first lint with Zenn's frontmatter rules");
        await page.mouse.move(0, 0);
      }
      await page.keyboard.press("Escape");
      await wb.openProblems();
      const problems = (await wb.problemRows().allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
      log(`Problems rows: ${problems.length ? problems.join(" | ") : "(none)"}`);
      // Nothing at all: no textlint problem in the prose, no frontmatter/* problem (the topics are filled in).
      assert.deepEqual(problems, [], "the new post has no problem at all");
      assert.equal(await wb.problemRows(`${slug}.md`).count(), 0, "no row for the new post");
    },
  },
  {
    name: "preview",
    title: "Open Preview to the Side shows the Zenn post as Zenn renders it, follows typing and scrolling",
    async run({ page, baseUrl, workspace, log }) {
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await wb.quickOpen("preview-zenn-post.md");
      await wb.squiggles().first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.runCommand("Tsuzuri: Open Preview to the Side");
      const frame = await wb.previewFrame();
      // :::message as Zenn's own renderer writes it: an <aside class="msg message">.
      const message = frame.locator("aside.msg.message", { hasText: "メッセージの中の文章も表示されます。" });
      await message.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await frame.locator("header .tsuzuri-header-title", { hasText: "プレビューの確認" }).waitFor({ timeout: TIMEOUT_MS });
      await frame.locator("span.tsuzuri-lint", { hasText: "れ" }).first().waitFor({ timeout: TIMEOUT_MS });
      log("preview shows the message box, the header and the lint mark; typing");
      // A property on an element of the page: it survives an update only if the page patches its DOM
      // (morphdom) instead of replacing it.
      await frame.locator("h2", { hasText: "手順" }).evaluate((el) => ((el as unknown as Record<string, unknown>)["__kept"] = true));
      await wb.goToLine(11, 1);
      await page.keyboard.press("End");
      await page.keyboard.type("プレビューに届く文です。");
      await frame.locator("p", { hasText: "プレビューに届く文です。" }).waitFor({ state: "visible", timeout: TIMEOUT_MS });
      assert.equal(await frame.locator("h2", { hasText: "手順" }).evaluate((el) => (el as unknown as Record<string, unknown>)["__kept"] === true), true, "the update patched the page");
      // Evaluated in the page (no DOM types in this project's Node tsconfig).
      const scrollY = () => (globalThis as unknown as { scrollY: number }).scrollY;
      const before = await frame.evaluate(scrollY);
      log(`typed text is in the preview; scrolling the editor (preview scrollY ${before})`);
      await wb.goToLine(50, 1);
      await page.keyboard.press("Control+End");
      await frame.waitForFunction((y) => (globalThis as unknown as { scrollY: number }).scrollY > y + 100, before, { timeout: TIMEOUT_MS });
      log(`preview followed to scrollY ${await frame.evaluate(scrollY)}`);
      // A frontmatter problem appears in the header as the platform's rule says it.
      await wb.goToLine(3, 1);
      await page.keyboard.press("Home");
      await page.keyboard.press("Shift+End");
      await page.keyboard.type('emoji: "ab"');
      const problem = frame.locator(".tsuzuri-header-problem", { hasText: "emoji" }).first();
      await problem.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      log(`header problem: ${await problem.innerText()}`);
    },
  },
  {
    name: "preview-hostile",
    title: "a post full of XSS payloads runs nothing in the preview (real Chromium, strict CSP, sanitised HTML)",
    async run({ page, baseUrl, workspace, log }) {
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await wb.quickOpen("hostile.md");
      await wb.runCommand("Tsuzuri: Open Preview to the Side");
      const frame = await wb.previewFrame();
      await frame.locator("p", { hasText: "最後の段落です。" }).waitFor({ state: "visible", timeout: TIMEOUT_MS });
      // Give every payload its trigger: hover, click the links and the button.
      await frame.locator("#hostile-hover, div", { hasText: "マウスを重ねてください。" }).first().hover().catch(() => undefined);
      for (const text of ["リンク", "もう一つのリンク", "Markdown のリンク"]) await frame.locator("a", { hasText: text }).first().click({ timeout: 2000 }).catch(() => undefined);
      await frame.locator("button", { hasText: "送信" }).first().click({ timeout: 2000 }).catch(() => undefined);
      const state = await Promise.all(page.frames().map((f) => f.evaluate(() => (globalThis as unknown as { __pwned?: string }).__pwned ?? null).catch(() => null)));
      log(`payload results per frame: ${JSON.stringify(state)}; dialogs: ${JSON.stringify(dialogs)}`);
      assert.deepEqual(state.filter((v) => v !== null), [], "no injected script ran in any frame");
      assert.deepEqual(dialogs, []);
      // In the rendered post (the page around it also holds VS Code's own webview script).
      const post = frame.locator("#tsuzuri-root");
      assert.equal(await post.locator("script").count(), 0, "no script element from the post");
      assert.equal(await post.locator("iframe, object, embed, form, meta, style").count(), 0);
      assert.equal(await post.locator("[onerror], [onload], [onmouseover], a[href^='javascript'], a[href*='script:']").count(), 0);
      assert.ok(await frame.locator("body").isVisible(), "the post's <style> did not hide the page");
    },
  },
  {
    name: "publish-zenn",
    title: "Tsuzuri: Publish Post from the palette commits a Zenn post and pushes it to the repository's remote",
    async run({ page, baseUrl, workspace, log }) {
      // The writer's Zenn repository (zenn/) with a bare repository as its GitHub remote.
      const repo = path.join(workspace, "zenn");
      const remote = path.join(workspace, "..", `${path.basename(workspace)}-remote.git`);
      const git = (args: string[], cwd = repo) => execFileSync("git", ["-c", "user.name=Writer", "-c", "user.email=writer@example.com", ...args], { cwd, encoding: "utf8" });
      execFileSync("git", ["init", "--bare", "--initial-branch=main", remote]);
      git(["init", "--initial-branch=main"]);
      git(["config", "user.name", "Writer"]);
      git(["config", "user.email", "writer@example.com"]);
      git(["add", "."]);
      git(["commit", "-m", "Start"]);
      git(["remote", "add", "origin", remote]);
      git(["push", "-u", "origin", "main"]);
      const post = path.join(repo, "articles", "publish-from-vscode.md");
      const text = '---\ntitle: "エディターから投稿する"\nemoji: "🚀"\ntype: "tech"\ntopics: ["vscode", "zenn"]\npublished: false\n---\n\nこの記事はエディターから投稿します。\n';
      fs.writeFileSync(post, text);
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await wb.quickOpen("publish-from-vscode.md");
      await wb.languageStatus("Zenn");
      await wb.runCommand("Tsuzuri: Publish Post", { opensInput: true });
      const publish = page.locator('.quick-input-list .monaco-list-row[aria-label="Publish"]').first();
      await publish.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await publish.click();
      log("publishing; waiting for the commit in the remote");
      await until(() => {
        try {
          return execFileSync("git", ["log", "--format=%s", "main"], { cwd: remote, encoding: "utf8" }).includes("publish-from-vscode");
        } catch {
          return false;
        }
      }, "the commit in the bare remote");
      const subject = execFileSync("git", ["log", "-1", "--format=%s", "main"], { cwd: remote, encoding: "utf8" }).trim();
      const files = execFileSync("git", ["show", "--name-only", "--format=", "main"], { cwd: remote, encoding: "utf8" }).trim().split("\n");
      log(`remote: ${subject} (${files.join(", ")})`);
      assert.deepEqual(files, ["articles/publish-from-vscode.md"]);
      assert.equal(fs.readFileSync(post, "utf8"), text.replace("published: false", "published: true"));
    },
  },
  {
    name: "walkthrough",
    title: "Welcome: Open Walkthrough… → Get Started with Tsuzuri: the step 'Open a post' is done with a post open, the preview step's button previews that post",
    async run({ page, baseUrl, workspace, log, screenshot }) {
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await wb.quickOpen("preview-zenn-post.md");
      await wb.squiggles().first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.runCommand("Welcome: Open Walkthrough", { opensInput: true });
      const pick = page.locator(".quick-input-list .monaco-list-row", { hasText: "Get Started with Tsuzuri" }).first();
      await pick.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await pick.click();
      const step = (id: string) => page.locator(`button.getting-started-step[data-step-id="tsuzuri.tsuzuri#gettingStarted#${id}"]`);
      const steps = ["openPost", "seeProblem", "quickFix", "preview", "publish"];
      for (const id of steps) await step(id).waitFor({ state: "visible", timeout: TIMEOUT_MS });
      const titles = (await page.locator("button.getting-started-step h3.step-title").allInnerTexts()).map((t) => t.trim());
      log(`steps: ${titles.join(" | ")}`);
      assert.deepEqual(titles, ["Open a post", "See a problem", "Fix it with a quick fix", "Preview it", "Publish"]);
      // A post is open: the client's context key completed the first step.
      await page.locator(`button.getting-started-step[data-step-id="tsuzuri.tsuzuri#gettingStarted#openPost"][aria-checked="true"]`).waitFor({ state: "attached", timeout: TIMEOUT_MS });
      assert.equal(await step("preview").getAttribute("aria-checked"), "false", "the preview step is not done yet");
      await step("preview").click();
      const button = step("preview").locator(".button-container .monaco-button", { hasText: "Open Preview to the Side" });
      await button.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      // Its picture (media/walkthrough/preview.svg) is drawn beside the steps.
      await page.locator(".gettingStartedContainer .getting-started-media").first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await screenshot("steps"); // the README's docs/screenshots/walkthrough.png
      log("pressing the step's button with the walkthrough in front of the post");
      await button.click();
      const frame = await wb.previewFrame();
      await frame.locator("header .tsuzuri-header-title", { hasText: "プレビューの確認" }).waitFor({ timeout: TIMEOUT_MS });
      await page.locator(`button.getting-started-step[data-step-id="tsuzuri.tsuzuri#gettingStarted#preview"][aria-checked="true"]`).waitFor({ state: "attached", timeout: TIMEOUT_MS });
      log("the preview shows the post and the step is done");
    },
  },
  ...previewThemeScenarios,
];
