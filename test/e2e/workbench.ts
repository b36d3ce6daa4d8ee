/**
 * Driving code-server's workbench as a writer does: keyboard shortcuts, Quick Open, the command
 * palette, the Problems panel. Every wait is on a selector or a condition, never a fixed sleep.
 */
import type { Locator, Page } from "playwright-core";

export const TIMEOUT_MS = 45_000;

export class Workbench {
  constructor(readonly page: Page) {}

  /** Loads the workbench for `folder` and waits until it can take input. */
  async open(baseUrl: string, folder: string): Promise<void> {
    await this.page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
    await this.page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: TIMEOUT_MS });
    await this.page.locator("#workbench\\.parts\\.statusbar").waitFor({ state: "visible", timeout: TIMEOUT_MS });
    await this.page.locator(".monaco-workbench").click({ position: { x: 5, y: 5 }, force: true });
  }

  /** Ctrl+P, type `fileName`, wait for its row, Enter, wait for its tab. */
  async quickOpen(fileName: string): Promise<void> {
    await this.page.keyboard.press("Control+P");
    const input = this.page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible", timeout: TIMEOUT_MS });
    await input.fill(fileName);
    await this.page
      .locator(".quick-input-list .monaco-list-row", { hasText: fileName })
      .first()
      .waitFor({ state: "visible", timeout: TIMEOUT_MS });
    await this.page.keyboard.press("Enter");
    await this.activeTab(fileName).waitFor({ state: "visible", timeout: TIMEOUT_MS });
    await this.page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: TIMEOUT_MS });
  }

  activeTab(fileName: string): Locator {
    return this.page.locator(".tabs-container .tab.active", { hasText: fileName });
  }

  /** The editor group's active text editor. */
  activeEditor(): Locator {
    return this.page.locator(".editor-group-container.active .editor-instance .monaco-editor").first();
  }

  squiggles(): Locator {
    return this.activeEditor().locator(".squiggly-error, .squiggly-warning, .squiggly-info");
  }

  /**
   * F1, type the command's title, wait for its row, Enter. Right after the workbench loads, the
   * extension's commands may not be registered yet and the palette does not refresh its list, so
   * the palette is reopened until the command is there. `opensInput`: the command asks something
   * itself (a quick pick), so the input does not close.
   */
  async runCommand(title: string, options: { opensInput?: boolean } = {}): Promise<void> {
    const input = this.page.locator(".quick-input-widget input");
    const row = this.page.locator(`.quick-input-list .monaco-list-row[aria-label^="${title}"]`).first();
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      await this.page.keyboard.press("F1");
      await input.waitFor({ state: "visible", timeout: TIMEOUT_MS });
      await input.fill(`>${title}`);
      if (await row.waitFor({ state: "visible", timeout: 3_000 }).then(() => true, () => false)) break;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${title} in the command palette`);
      await this.page.keyboard.press("Escape");
      await this.page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: TIMEOUT_MS });
    }
    // Click the row itself: Enter runs the focused row, which may be another, recently used command.
    await row.click();
    if (!options.opensInput) await this.page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: TIMEOUT_MS });
  }

  /** Ctrl+Shift+M: the Problems panel. */
  async openProblems(): Promise<Locator> {
    const panel = this.page.locator(".markers-panel");
    if (!(await panel.isVisible())) await this.page.keyboard.press("Control+Shift+M");
    await panel.waitFor({ state: "visible", timeout: TIMEOUT_MS });
    return panel;
  }

  problemRows(text?: string): Locator {
    const rows = this.page.locator(".markers-panel .monaco-list-row");
    return text ? rows.filter({ hasText: text }) : rows;
  }

  /** The Problems item in the status bar (its accessible label counts errors and warnings). */
  problemsStatus(): Locator {
    return this.page.locator("#status\\.problems");
  }

  /**
   * Hovers the language status ({}) in the status bar and returns the hover row of the item whose
   * text contains `text` (Tsuzuri's item: "textlint: <config>").
   */
  async languageStatus(text: string): Promise<Locator> {
    const entry = this.page.locator("#status\\.languageStatus");
    await entry.waitFor({ state: "visible", timeout: TIMEOUT_MS });
    await entry.hover();
    const row = this.page.locator(".hover-language-status", { hasText: text }).first();
    await row.waitFor({ state: "visible", timeout: TIMEOUT_MS });
    return row;
  }

  /** Puts the cursor at the end of the active editor's text. */
  async cursorToEnd(): Promise<void> {
    await this.activeEditor().locator(".view-lines").click();
    await this.page.keyboard.press("Control+End");
  }

  /** Ctrl+G: moves the cursor to a 1-based line and column of the active editor. */
  async goToLine(line: number, column: number): Promise<void> {
    await this.activeEditor().locator(".view-lines").click();
    await this.page.keyboard.press("Control+G");
    const input = this.page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible", timeout: TIMEOUT_MS });
    // Go to Line is Quick Open with a ":" prefix; fill() replaces the whole input, prefix included.
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press("Enter");
    await this.page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: TIMEOUT_MS });
  }

  /** The frame of Tsuzuri's preview webview (the inner frame that holds #tsuzuri-root). */
  async previewFrame(): Promise<import("playwright-core").Frame> {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      for (const frame of this.page.frames()) {
        const root = await frame.$("#tsuzuri-root").catch(() => null);
        if (root) return frame;
      }
      if (Date.now() > deadline) throw new Error("no Tsuzuri preview frame appeared");
      await this.page.waitForTimeout(200);
    }
  }
}
