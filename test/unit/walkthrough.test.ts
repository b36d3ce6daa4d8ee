/**
 * The Getting Started walkthrough (package.json contributes.walkthroughs): its steps, their English
 * and Japanese text, their buttons and completion events, and their media, which must exist, be
 * packed (.vscodeignore is an allowlist) and stay free of scripts and remote content.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..", "..");
const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, file), "utf8")) as Record<string, unknown>;

interface Step {
  id: string;
  title: string;
  description: string;
  media: { svg?: string; altText?: string; image?: unknown; markdown?: string };
  completionEvents?: string[];
}
interface Walkthrough {
  id: string;
  title: string;
  description: string;
  steps: Step[];
}

const manifest = readJson("package.json") as { contributes: { walkthroughs?: Walkthrough[]; commands: { command: string }[] } };
const en = readJson("package.nls.json") as Record<string, string>;
const ja = readJson("package.nls.ja.json") as Record<string, string>;
const walkthroughs = manifest.contributes.walkthroughs ?? [];
const walkthrough = walkthroughs[0];

/** The key of a `%key%` manifest string (fails on a literal: every text must be localised). */
function key(value: string): string {
  const m = /^%(.+)%$/.exec(value);
  assert.ok(m?.[1], `${JSON.stringify(value)} is a %key% reference`);
  return m[1];
}

/** The targets of the command links of a description: `[label](command:id?args)` → id. */
function commandLinks(text: string): string[] {
  return [...text.matchAll(/\]\(command:(?:toSide:)?([^)?]+)(?:\?[^)]*)?\)/g)].map((m) => m[1] ?? "");
}

describe("Getting Started walkthrough", () => {
  it("is one walkthrough with the steps open a post, see a problem, fix it, preview, publish", () => {
    assert.deepEqual(walkthroughs.map((w) => w.id), ["gettingStarted"]);
    assert.ok(walkthrough);
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ["openPost", "seeProblem", "quickFix", "preview", "publish"]);
  });

  it("has every title, description and alt text in English and Japanese, translated", () => {
    assert.ok(walkthrough);
    const keys = [key(walkthrough.title), key(walkthrough.description)];
    for (const s of walkthrough.steps) keys.push(key(s.title), key(s.description), key(s.media.altText ?? ""));
    for (const k of keys) {
      assert.equal(typeof en[k], "string", `${k} in package.nls.json`);
      assert.equal(typeof ja[k], "string", `${k} in package.nls.ja.json`);
      assert.notEqual(ja[k], en[k], `${k} is translated`);
      assert.match(ja[k] ?? "", /[\u3040-\u30ff\u4e00-\u9fff]/, `${k} is Japanese`);
    }
  });

  it("gives each step a button that runs a command, the same in both languages, and only commands that exist", () => {
    assert.ok(walkthrough);
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const s of walkthrough.steps) {
      const k = key(s.description);
      const links = commandLinks(en[k] ?? "");
      // A link alone on its line is drawn as a button.
      assert.match(en[k] ?? "", /\n\[[^\]]+\]\(command:[^)]+\)(\n|$)/, `${s.id} has a button`);
      assert.deepEqual(commandLinks(ja[k] ?? ""), links, `${s.id}: the Japanese text links the same commands`);
      for (const id of links.filter((c) => c.startsWith("tsuzuri."))) assert.ok(contributed.has(id), `${s.id} links ${id}, a contributed command`);
      // VS Code's walkthrough shows **bold** and `code` marks as they are typed.
      for (const text of [en[k], ja[k]]) assert.doesNotMatch(text ?? "", /\*\*|`/, `${s.id}: no ** or \` in a walkthrough description`);
    }
    assert.deepEqual(commandLinks(en[key(walkthrough.steps.find((s) => s.id === "preview")?.description ?? "")] ?? ""), ["tsuzuri.preview.openToSide"]);
    assert.deepEqual(commandLinks(en[key(walkthrough.steps.find((s) => s.id === "publish")?.description ?? "")] ?? ""), ["tsuzuri.publish", "tsuzuri.setToken"]);
  });

  it("completes each step on what the writer does: the context key the client sets, the Problems view, the commands", () => {
    assert.ok(walkthrough);
    const events = Object.fromEntries(walkthrough.steps.map((s) => [s.id, s.completionEvents ?? []]));
    const client = fs.readFileSync(path.join(root, "client", "src", "walkthrough.ts"), "utf8");
    const contextKey = /POST_OPENED_CONTEXT = "([^"]+)"/.exec(client)?.[1];
    assert.ok(contextKey, "client/src/walkthrough.ts names the context key");
    assert.equal(/WALKTHROUGH_ID = "([^"]+)"/.exec(client)?.[1], walkthrough.id, "the client marks the first step of this walkthrough done");
    assert.deepEqual(events["openPost"], [`onContext:${contextKey}`]);
    assert.ok(events["seeProblem"]?.includes("onView:workbench.panel.markers.view"));
    assert.ok(events["quickFix"]?.includes("onCommand:editor.action.quickFix"));
    // The fix-all code action runs the server's command; the client registers it under this name.
    const codeActions = fs.readFileSync(path.join(root, "server", "src", "core", "fixes", "codeActions.ts"), "utf8");
    assert.ok(events["quickFix"]?.includes("onCommand:tsuzuri.server.fixAll") && codeActions.includes('fixAll: "tsuzuri.server.fixAll"'), "fix-all's command id");
    assert.deepEqual(events["preview"], ["onCommand:tsuzuri.preview.openToSide"]);
    assert.deepEqual(events["publish"], ["onCommand:tsuzuri.publish"]);
    for (const [id, list] of Object.entries(events)) {
      for (const e of list) assert.match(e, /^(onCommand|onContext|onView|onLink|onSettingChanged|onEvent):\S+$/, `${id}: ${e}`);
    }
  });

  it("has an SVG per step under media/walkthrough/, packed by .vscodeignore, themed by VS Code's colours through attributes, with no script or remote content", () => {
    assert.ok(walkthrough);
    const allow = fs
      .readFileSync(path.join(root, ".vscodeignore"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l.startsWith("!"));
    const svgs = walkthrough.steps.map((s) => s.media.svg ?? "");
    assert.equal(new Set(svgs).size, svgs.length, "one picture per step");
    for (const file of svgs) {
      assert.match(file, /^media\/walkthrough\/[a-z-]+\.svg$/);
      assert.ok(allow.includes("!media/**") || allow.includes("!media/walkthrough/**"), `.vscodeignore lets ${file} into the .vsix`);
      const text = fs.readFileSync(path.join(root, file), "utf8");
      assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 400 260"/);
      assert.match(text, /<\/svg>\s*$/);
      assert.match(text, /var\(--vscode-editor-background/, `${file} follows the colour theme`);
      assert.doesNotMatch(text, /<script|on[a-z]+=|href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i, `${file} has no script, handler or link`);
      // VS Code draws it in a webview whose CSP allows no inline style: colours are attributes.
      assert.doesNotMatch(text, /<style|\sstyle=|\sclass=/, `${file} styles with attributes only`);
      assert.ok(text.length < 4096, `${file} stays small (${text.length} bytes)`);
    }
    const onDisk = fs.readdirSync(path.join(root, "media", "walkthrough")).map((f) => `media/walkthrough/${f}`).sort();
    assert.deepEqual(onDisk, [...svgs].sort(), "no unused file in media/walkthrough/");
  });
});
