/**
 * The preview webview's own script (the only script the page runs; bundled to dist/preview.js).
 * It patches the DOM on each update (morphdom: no flashing, the scroll position stays), underlines
 * the server's problems in the rendered text, and syncs scrolling both ways by the `data-line`
 * source lines the renderer puts on block elements.
 */
import morphdom from "morphdom";
import type { FromWebview, LintMark, ToWebview } from "../protocol";

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById("tsuzuri-root") as HTMLElement;
/** Until then, scroll events come from our own scrolling (editor → preview) and are not echoed. */
let quietUntil = 0;
let scrollFrame = 0;

window.addEventListener("message", (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message.type === "update") update(message.html, message.marks, message.version, message.resetScroll);
  else if (message.type === "marks") applyMarks(message.marks);
  else if (message.type === "scrollToLine") scrollToLine(message.line);
});

function update(html: string, marks: LintMark[], version: number, resetScroll: boolean): void {
  const next = document.createElement("div");
  next.id = root.id;
  next.innerHTML = html;
  morphdom(root, next, { childrenOnly: true });
  const count = applyMarks(marks);
  if (resetScroll) {
    quietUntil = Date.now() + 300;
    window.scrollTo(0, 0);
  }
  vscode.postMessage({ type: "updated", version, blocks: root.querySelectorAll("[data-line]").length, marks: count });
}

/** Block elements with their source line, in document order. */
function blocks(): { el: HTMLElement; line: number }[] {
  const out: { el: HTMLElement; line: number }[] = [];
  root.querySelectorAll<HTMLElement>("[data-line]").forEach((el) => {
    const line = Number(el.dataset["line"]);
    if (Number.isFinite(line)) out.push({ el, line });
  });
  return out;
}

/** The innermost block that starts at or before `line` (the last such in document order). */
function blockAt(line: number): HTMLElement | undefined {
  let found: HTMLElement | undefined;
  let best = -1;
  for (const b of blocks()) {
    if (b.line <= line && b.line >= best) {
      best = b.line;
      found = b.el;
    }
  }
  return found;
}

function clearMarks(): void {
  root.querySelectorAll<HTMLElement>("span.tsuzuri-lint").forEach((span) => {
    span.replaceWith(...Array.from(span.childNodes));
  });
  root.querySelectorAll<HTMLElement>(".tsuzuri-lint-block").forEach((el) => {
    el.classList.remove("tsuzuri-lint-block", "tsuzuri-lint-block-error", "tsuzuri-lint-block-warning", "tsuzuri-lint-block-info");
    el.removeAttribute("title");
  });
  root.normalize();
}

/** Underlines each problem's text in its block; a problem whose text is not found marks the block. */
function applyMarks(marks: LintMark[]): number {
  clearMarks();
  let placed = 0;
  for (const mark of marks) {
    const block = blockAt(mark.line);
    if (!block) continue;
    if (mark.text.trim() !== "" && wrapText(block, mark)) placed++;
    else {
      block.classList.add("tsuzuri-lint-block", `tsuzuri-lint-block-${mark.severity}`);
      block.title = mark.message;
      placed++;
    }
  }
  return placed;
}

function wrapText(block: HTMLElement, mark: LintMark): boolean {
  const nodes: { node: Text; start: number }[] = [];
  let all = "";
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if ((n.parentElement?.closest("pre, code, .tsuzuri-embed") ?? null) !== null) continue;
    nodes.push({ node: n as Text, start: all.length });
    all += (n as Text).data;
  }
  const at = all.indexOf(mark.text);
  if (at < 0) return false;
  const entry = [...nodes].reverse().find((e) => e.start <= at);
  if (!entry) return false;
  const offset = at - entry.start;
  const length = Math.min(mark.text.length, entry.node.data.length - offset);
  const target = entry.node.splitText(offset);
  target.splitText(length);
  const span = document.createElement("span");
  span.className = `tsuzuri-lint tsuzuri-lint-${mark.severity}`;
  span.title = mark.message;
  // Not data-line: that attribute is the renderer's, for blocks (scroll sync, blockAt).
  span.dataset["markLine"] = String(mark.line);
  span.dataset["markCharacter"] = String(mark.character);
  target.replaceWith(span);
  span.appendChild(target);
  return true;
}

function scrollToLine(line: number): void {
  const list = blocks();
  if (list.length === 0) return;
  let before = list[0];
  let after: { el: HTMLElement; line: number } | undefined;
  for (const b of list) {
    if (b.line <= line) before = b;
    else {
      after = b;
      break;
    }
  }
  if (!before) return;
  const top = before.el.getBoundingClientRect().top + window.scrollY;
  let y = top;
  if (after && after.line > before.line) {
    const nextTop = after.el.getBoundingClientRect().top + window.scrollY;
    y = top + ((line - before.line) / (after.line - before.line)) * (nextTop - top);
  }
  quietUntil = Date.now() + 150;
  window.scrollTo(0, Math.max(0, y - 4));
}

/** The (fractional) source line at the top of the preview. */
function lineAtTop(): number | undefined {
  const list = blocks();
  for (let i = 0; i < list.length; i++) {
    const b = list[i];
    if (!b) continue;
    const rect = b.el.getBoundingClientRect();
    if (rect.bottom <= 0) continue;
    const next = list[i + 1];
    const span = next && next.line > b.line ? next.line - b.line : 1;
    const part = rect.height > 0 ? Math.min(1, Math.max(0, -rect.top / rect.height)) : 0;
    return b.line + part * span;
  }
  return undefined;
}

window.addEventListener("scroll", () => {
  if (Date.now() < quietUntil || scrollFrame) return;
  scrollFrame = requestAnimationFrame(() => {
    scrollFrame = 0;
    const line = lineAtTop();
    if (line !== undefined) vscode.postMessage({ type: "revealLine", line });
  });
});

document.addEventListener("dblclick", (event) => {
  const block = (event.target as Element | null)?.closest<HTMLElement>("[data-line]");
  if (block) vscode.postMessage({ type: "openLine", line: Number(block.dataset["line"]) });
});

document.addEventListener("click", (event) => {
  const target = event.target as Element | null;
  const mark = target?.closest<HTMLElement>("span.tsuzuri-lint");
  if (mark) {
    vscode.postMessage({ type: "openLine", line: Number(mark.dataset["markLine"]), character: Number(mark.dataset["markCharacter"]) });
    return;
  }
  const link = target?.closest<HTMLAnchorElement>("a[href]");
  if (!link) return;
  const href = link.getAttribute("href") ?? "";
  if (href.startsWith("#")) return;
  // Links leave the webview only through the extension (VS Code asks before opening them).
  event.preventDefault();
  vscode.postMessage({ type: "openLink", href });
});

vscode.postMessage({ type: "ready" });
