/** `- [ ] todo` / `- [x] done` as disabled checkboxes (GitHub's, Qiita's and dev.to's task lists). */
import type { MarkdownIt } from "./types";

const TASK = /^\[([ xX])\]\s/;

export function taskLists(md: MarkdownIt): void {
  md.core.ruler.after("inline", "tsuzuri_task_lists", (state) => {
    const tokens = state.tokens;
    for (let i = 2; i < tokens.length; i++) {
      const inline = tokens[i];
      const item = tokens[i - 2];
      if (inline?.type !== "inline" || tokens[i - 1]?.type !== "paragraph_open" || item?.type !== "list_item_open") continue;
      const first = inline.children?.[0];
      const m = first?.type === "text" ? TASK.exec(first.content) : null;
      if (!first || !m) continue;
      first.content = first.content.slice(m[0].length);
      const box = new state.Token("html_inline", "", 0);
      box.content = `<input type="checkbox" class="task-list-item-checkbox" disabled${m[1] === " " ? "" : " checked"}> `;
      inline.children?.unshift(box);
      item.attrJoin("class", "task-list-item");
    }
  });
}
