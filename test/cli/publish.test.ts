/**
 * `tsuzuri publish <file>`: the editor's publishing code from the command line, against a loopback
 * Qiita server, tokens from the environment.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { QiitaServer } from "../publish/qiitaServer";
import { makeWorkspace, removeWorkspace } from "../helpers/workspace";
import { CLI, outputOf } from "./harness";

function publish(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base: NodeJS.ProcessEnv = { ...process.env, LANG: "C" };
  for (const key of ["QIITA_TOKEN", "DEVTO_API_KEY", "HATENA_API_KEY", "TSUZURI_QIITA_BASE_URL"]) delete base[key];
  return outputOf(spawn(process.execPath, [CLI, "publish", ...args], { cwd, env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] }));
}

const POST = "---\ntitle: CLI から投稿する\ntags:\n  - CLI\nprivate: false\nupdated_at: ''\nid: null\norganization_url_name: null\nslide: false\nignorePublish: false\n---\n\n本文です。\n";

describe("tsuzuri publish", () => {
  let server: QiitaServer;
  let ws: string;
  before(async () => {
    server = await new QiitaServer("cli-token").start();
    ws = makeWorkspace({ "qiita.config.json": "{}", "public/post.md": POST });
  });
  after(async () => {
    await server.close();
    removeWorkspace(ws);
  });

  it("publishes to the platform detected from the repository, writes the id back, exits 0", async () => {
    const r = await publish(["public/post.md"], ws, { QIITA_TOKEN: "cli-token", TSUZURI_QIITA_BASE_URL: server.url });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(server.copies("CLI から投稿する").length, 1);
    const id = server.items[0]?.id ?? "";
    const text = fs.readFileSync(path.join(ws, "public/post.md"), "utf8");
    assert.equal(text.replace(`id: ${id}`, "id: null").replace(/updated_at: '[^']+'/, "updated_at: ''"), POST, "only id and updated_at changed");
    assert.match(r.stdout, /Qiita/);
    assert.doesNotMatch(r.stdout + r.stderr, /cli-token/, "the token is never printed");
  });

  it("says why and exits 1 without a token, 2 on a usage error; never sends a token over plain http to another host", async () => {
    const noToken = await publish(["public/post.md"], ws, {});
    assert.equal(noToken.code, 1);
    assert.match(noToken.stderr, /not published \(auth\): No Qiita token is set/);
    assert.equal((await publish([], ws, {})).code, 2);
    const insecure = await publish(["public/post.md"], ws, { QIITA_TOKEN: "cli-token", TSUZURI_QIITA_BASE_URL: "http://example.com" });
    assert.match(insecure.stderr, /ignoring TSUZURI_QIITA_BASE_URL: only https URLs/);
  });
});
