/**
 * Writer scenarios of issue 13: what the status and the notifications say on real-shaped
 * repositories (a broken config under a long path, a bun repository cloned without node_modules),
 * and Tsuzuri's UI in Japanese in a code-server started with `--locale ja` (scripts/e2e/run.js).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Locator, Page } from "playwright-core";
import type { Scenario } from "./scenarios";
import { TIMEOUT_MS, Workbench } from "./workbench";

/** The repository (out/test/e2e → the root), for its fixtures. */
const REPO = path.resolve(__dirname, "..", "..", "..");
const RA_MESSAGE = "ら抜き言葉を使用しています。";
const PACKAGES = ["textlint-filter-rule-comments", "textlint-rule-preset-ja-spacing", "textlint-rule-preset-ja-technical-writing"];

/** A scenario, run in a code-server whose display language is `locale` (default English). */
export type LocalizedScenario = Scenario & { locale?: "ja" };

/** test/fixtures/repos/bun-blog copied into the workspace, as cloned (no node_modules). */
function cloneBunBlog(workspace: string): string {
  const repo = path.join(workspace, "bun-blog");
  fs.cpSync(path.join(REPO, "test", "fixtures", "repos", "bun-blog"), repo, { recursive: true });
  return repo;
}

/** What an install leaves: node_modules with the packages (linked from the repository's own). */
function installPackages(repo: string): void {
  fs.mkdirSync(path.join(repo, "node_modules"), { recursive: true });
  for (const pkg of PACKAGES) {
    const link = path.join(repo, "node_modules", pkg);
    if (!fs.existsSync(link)) fs.symlinkSync(path.join(REPO, "node_modules", pkg), link, "dir");
  }
}

/**
 * Hovers the language status until its hover has a row with `text` (the hover is built when shown,
 * and the status may still change): returns that row, the hover left open.
 */
async function languageStatusRow(page: Page, text: string): Promise<Locator> {
  const deadline = Date.now() + TIMEOUT_MS;
  const entry = page.locator("#status\\.languageStatus");
  for (;;) {
    await entry.waitFor({ state: "visible", timeout: TIMEOUT_MS });
    await entry.hover();
    const row = page.locator(".hover-language-status", { hasText: text }).first();
    if (await row.waitFor({ state: "visible", timeout: 2_000 }).then(() => true, () => false)) return row;
    if (Date.now() > deadline) throw new Error(`timed out waiting for a language status row with "${text}"`);
    await page.mouse.move(0, 0);
  }
}

/** The toast whose text contains `text`. */
function toast(page: Page, text: string): Locator {
  return page.locator(".notifications-toasts .notification-toast", { hasText: text }).first();
}

export const scenarios: LocalizedScenario[] = [
  {
    name: "honest-states",
    title: "a broken config's hover keeps Show Output in the window; a bun repository without node_modules says so (status, one toast with bun install, a Problems row) and clears once installed",
    async run({ page, baseUrl, workspace, log }) {
      // A broken config under a long path: its message is long, the hover must stay in the window
      // (VS Code draws each item on one line, starting left of the { } entry).
      const deep = path.join(workspace, "broken", "a-rather-long-folder-name-for-posts", "drafts-of-the-year-2024", "series-on-writing");
      fs.mkdirSync(deep, { recursive: true });
      fs.writeFileSync(path.join(deep, ".textlintrc.json"), '{ "rules": { "preset-ja-technical-writing": true, } ');
      fs.writeFileSync(path.join(deep, "broken-config-post.md"), "# 記事\n\nこの映画は家族で見れる。\n");
      const repo = cloneBunBlog(workspace);

      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await wb.quickOpen("broken-config-post.md");
      const broken = await languageStatusRow(page, "Error: see the output");
      const brokenText = (await broken.innerText()).replace(/\s+/g, " ");
      log(`broken config hover: ${brokenText}`);
      const showOutput = broken.getByText("Show Output");
      await showOutput.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
      for (const [what, box] of [["the hover row", await broken.boundingBox()], ["Show Output", await showOutput.boundingBox()]] as const) {
        assert.ok(box, `${what} has a box`);
        assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `${what} is inside the window: x ${box.x}, width ${box.width}`);
      }
      await page.mouse.move(0, 0);
      await wb.openProblems();
      await wb.problemRows("textlint could not check this post").first().waitFor({ state: "visible", timeout: TIMEOUT_MS });

      await wb.quickOpen("bun-textlint-setup.md");
      const notice = toast(page, "needs packages that are not installed");
      await notice.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      const noticeText = (await notice.innerText()).replace(/\s+/g, " ");
      log(`toast: ${noticeText}`);
      assert.match(noticeText, /Run bun install in /);
      await notice.getByRole("button", { name: "Run bun install in Terminal" }).waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await notice.getByRole("button", { name: "Copy Command" }).waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.problemRows("textlint checked nothing").first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      const row = await languageStatusRow(page, "textlint: packages not installed");
      assert.match((await row.innerText()).replace(/\s+/g, " "), /Run bun install/);
      await page.mouse.move(0, 0);

      log("running bun install from the toast");
      await notice.getByRole("button", { name: "Run bun install in Terminal" }).click();
      await page.locator(".part.panel .terminal-wrapper").first().waitFor({ state: "visible", timeout: TIMEOUT_MS });

      log("installing the packages");
      installPackages(repo);
      // The terminal has the focus: back to the editor, so that Ctrl+Shift+M reaches the workbench.
      await wb.activeEditor().locator(".view-lines").click();
      await wb.openProblems();
      await wb.problemRows(RA_MESSAGE).first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.problemRows("textlint checked nothing").first().waitFor({ state: "detached", timeout: TIMEOUT_MS });
      await languageStatusRow(page, "textlint: bun-blog/.textlintrc.json");
    },
  },
  {
    name: "japanese-ui",
    locale: "ja",
    title: "code-server --locale ja: Tsuzuri's commands, status and messages are in Japanese",
    async run({ page, baseUrl, workspace, log }) {
      cloneBunBlog(workspace);
      const wb = new Workbench(page);
      await wb.open(baseUrl, workspace);
      await wb.quickOpen("ramen-review.md");
      await wb.squiggles().first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      // The status item's words come from l10n/bundle.l10n.ja.json.
      const status = await languageStatusRow(page, "textlint: 同梱プリセット");
      const statusText = (await status.innerText()).replace(/\s+/g, " ");
      log(`language status: ${statusText}`);
      assert.match(statusText, /前回の校正: \d+ ms/);
      assert.match(statusText, /出力を表示/);
      await page.mouse.move(0, 0);
      // A command title from package.nls.ja.json, in the command palette.
      await wb.runCommand("Tsuzuri: 出力を表示");
      await page.locator(".part.panel .output-view, .part.panel [id='workbench.panel.output']").first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      // The client's notification and the server's note on line 1 (the server gets the same bundle).
      await wb.quickOpen("bun-textlint-setup.md");
      const notice = toast(page, "インストールされていない");
      await notice.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await notice.getByRole("button", { name: "ターミナルで bun install を実行" }).waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await wb.openProblems();
      await wb.problemRows("textlint は何も校正していません").first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await languageStatusRow(page, "textlint: パッケージ未インストール");
      await page.mouse.move(0, 0);
      // The Get Started walkthrough's title and steps from package.nls.ja.json.
      await wb.runCommand("Welcome: Open Walkthrough", { opensInput: true });
      const walkthrough = page.locator(".quick-input-list .monaco-list-row", { hasText: "Tsuzuri をはじめる" }).first();
      await walkthrough.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await walkthrough.click();
      await page.locator("button.getting-started-step h3.step-title", { hasText: "プレビューする" }).waitFor({ state: "visible", timeout: TIMEOUT_MS });
      const steps = (await page.locator("button.getting-started-step h3.step-title").allInnerTexts()).map((t) => t.trim());
      log(`walkthrough steps: ${steps.join(" | ")}`);
      assert.deepEqual(steps, ["記事を開く", "問題を見る", "クイック修正で直す", "プレビューする", "投稿する"]);
    },
  },
];
