/**
 * publishQiita / pullQiita against a real loopback Qiita (test/publish/qiitaServer.ts), with a fault
 * injected per request. For every scenario: the text returned is the input with only id/updated_at
 * changed (or no text at all when nothing should be written), Qiita holds exactly the expected number
 * of copies, and the message says what happened. Tokens never reach a message or a log line.
 */
import { after, afterEach, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { forgetRemote, isOlderThanRemote, publishQiita, pullQiita } from "../../server/src/core/publish/qiita";
import { PublishFailure, type PublishOutcome, type PublishRequest } from "../../server/src/core/publish/types";
import { ALL_LOGS, testEnvironment, type Fault } from "./loopback";
import { QiitaServer, type StoredItem } from "./qiitaServer";

const TOKEN = "qiita-secret-token-0123456789abcdef";
const TITLE = "テスト記事: 往復";

// Quirks on purpose: a comment, a quoted title, block tags, a body with a `---` line and an `id:`
// line of its own, trailing spaces, and no line break at the very end.
const POST = [
  "---",
  "# Qiita CLI のフロントマター",
  "title: 'テスト記事: 往復'",
  "tags:",
  "  - TypeScript",
  "  - Node.js",
  "private: false",
  "updated_at: ''",
  "id: null",
  "organization_url_name: null",
  "slide: false",
  "ignorePublish: false",
  "---",
  "# 見出し",
  "",
  "本文です。末尾に空白   ",
  "id: not-the-frontmatter",
  "---",
  "最後の行（改行なし）",
].join("\n");
const BODY = POST.slice(POST.indexOf("---\n# 見出し") + 4);

const MESSAGES: string[] = [];
let server: QiitaServer;

function request(text: string, extra: Partial<PublishRequest> = {}): PublishRequest {
  return { text, filePath: "public/test.md", mode: "publish", ...extra };
}

async function publish(text: string, extra: Partial<PublishRequest> = {}, options: { timeoutMs?: number } = {}) {
  const t = testEnvironment({ qiita: server.url }, options);
  const outcome = await publishQiita(request(text, extra), TOKEN, t.env);
  const message = outcome.ok ? outcome.message : outcome.error.message;
  MESSAGES.push(message.en, message.ja, ...(outcome.ok ? [] : [outcome.error.detail ?? ""]));
  return { outcome, ...t };
}

/** The input with the frontmatter's id and updated_at lines set to the item's (nothing else may differ). */
function expectedText(input: string, item: StoredItem): string {
  return input.replace(/^id: .*$/m, `id: ${item.id}`).replace(/^updated_at: .*$/m, `updated_at: '${item.updated_at}'`);
}

function ok(outcome: PublishOutcome): Extract<PublishOutcome, { ok: true }> {
  if (!outcome.ok) assert.fail(`expected success, got ${outcome.error.kind}: ${outcome.error.message.en}`);
  return outcome;
}

function failed(outcome: PublishOutcome): Extract<PublishOutcome, { ok: false }>["error"] {
  if (outcome.ok) assert.fail(`expected a failure, got ${outcome.action}: ${outcome.message.en}`);
  // Nothing to write into the post: the caller keeps its text byte for byte.
  assert.equal("text" in outcome, false);
  return outcome.error;
}

before(async () => {
  server = await new QiitaServer(TOKEN).start();
});

afterEach(() => {
  server.items.length = 0;
  server.requests.length = 0;
  server.oldestFirst = false;
});

after(async () => {
  await server.close();
  // Tokens never appear in a message or a log line (the log did get lines: retries, lookups…).
  assert.ok(ALL_LOGS.length > 0);
  for (const line of [...ALL_LOGS, ...MESSAGES]) assert.ok(!line.includes(TOKEN), `token leaked: ${line}`);
});

describe("publishQiita: create", () => {
  it("POSTs the frontmatter's fields and the body unchanged, writes back only id and updated_at", async () => {
    const { outcome } = await publish(POST);
    const done = ok(outcome);
    assert.equal(server.copies(TITLE).length, 1);
    const item = server.items[0]!;
    assert.equal(done.action, "created");
    assert.equal(done.text, expectedText(POST, item));
    assert.match(done.text, /^updated_at: '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00'$/m);
    assert.equal(done.url, item.url);
    assert.equal(done.message.en, `Created on Qiita: ${item.url}`);
    assert.equal(done.message.ja, `Qiita に投稿しました: ${item.url}`);
    const [post] = server.sent("POST", /^\/api\/v2\/items$/);
    assert.equal(post!.headers.authorization, `Bearer ${TOKEN}`);
    assert.match(String(post!.headers["content-type"]), /^application\/json/);
    assert.deepEqual(JSON.parse(post!.body), {
      title: TITLE,
      body: BODY,
      tags: [
        { name: "TypeScript", versions: [] },
        { name: "Node.js", versions: [] },
      ],
      private: false,
      organization_url_name: null,
      slide: false,
    });
  });

  it("keeps CRLF line breaks and every other byte of a CRLF post", async () => {
    const crlf = POST.replace(/\n/g, "\r\n");
    const done = ok((await publish(crlf)).outcome);
    const item = server.items[0]!;
    assert.equal(done.text, expectedText(crlf, item));
    assert.equal(done.text.replace(/^(id|updated_at): .*\r\n/gm, ""), crlf.replace(/^(id|updated_at): .*\r\n/gm, ""));
    assert.equal(JSON.parse(server.sent("POST")[0]!.body).body, BODY.replace(/\n/g, "\r\n"));
  });

  it("adds id and updated_at at the end of the frontmatter when the post has neither", async () => {
    const bare = POST.replace("updated_at: ''\n", "").replace("id: null\n", "");
    const done = ok((await publish(bare)).outcome);
    const item = server.items[0]!;
    assert.equal(done.text, bare.replace("ignorePublish: false\n", `ignorePublish: false\nid: ${item.id}\nupdated_at: '${item.updated_at}'\n`));
  });

  it("refuses locally (no request) with more than 5 tags, no private, or draft mode", async () => {
    const six = POST.replace("  - Node.js", "  - a\n  - b\n  - c\n  - d\n  - e");
    const tooMany = failed((await publish(six)).outcome);
    assert.equal(tooMany.kind, "invalid");
    assert.deepEqual(tooMany.fields, ["tags"]);
    assert.match(tooMany.message.en, /^Refused: not sent to Qiita: tags must be a list of 1 to 5/);
    assert.match(tooMany.message.ja, /^送信しませんでした: tags は/);
    const noPrivate = failed((await publish(POST.replace("private: false\n", ""))).outcome);
    assert.deepEqual(noPrivate.fields, ["private"]);
    const draft = failed((await publish(POST, { mode: "draft" })).outcome);
    assert.match(draft.message.en, /no drafts/);
    assert.equal(server.requests.length, 0);
    assert.equal(server.items.length, 0);
  });
});

describe("publishQiita: update", () => {
  it("create then update: PATCH /api/v2/items/:id, one copy, updated_at written back", async () => {
    const created = ok((await publish(POST)).outcome);
    const edited = created.text.replace("本文です。", "書き直した本文です。");
    const { outcome } = await publish(edited);
    const updated = ok(outcome);
    assert.equal(updated.action, "updated");
    assert.equal(server.copies(TITLE).length, 1);
    const item = server.items[0]!;
    assert.match(item.body, /書き直した本文です。/);
    assert.equal(server.sent("PATCH").length, 1);
    assert.equal(server.sent("PATCH")[0]!.path, `/api/v2/items/${item.id}`);
    assert.equal(server.sent("PATCH")[0]!.headers.authorization, `Bearer ${TOKEN}`);
    assert.notEqual(item.updated_at, server.items[0]!.created_at);
    assert.equal(updated.text, expectedText(edited, item));
    assert.equal(updated.message.en, `Updated on Qiita: ${item.url}`);
    assert.equal(updated.message.ja, `Qiita の記事を更新しました: ${item.url}`);
  });

  it("refuses when Qiita's copy is newer (conflict, remote text for a diff), overwrites only when forced", async () => {
    const created = ok((await publish(POST)).outcome);
    const item = server.items[0]!;
    // Edited on qiita.com after our publish.
    item.body = "ウェブで直した本文\n";
    item.tags = [{ name: "Web", versions: [] }];
    item.updated_at = server.tick();
    const local = created.text.replace("本文です。", "ローカルの本文です。");
    const error = failed((await publish(local)).outcome);
    assert.equal(error.kind, "conflict");
    assert.match(error.message.ja, /内容がQiita上の記事より古い可能性があります/);
    assert.match(error.message.en, /^Refused: the post may be older than the one on Qiita/);
    assert.equal(server.sent("PATCH").length, 0);
    assert.equal(item.body, "ウェブで直した本文\n");
    // The remote as a post: Qiita's fields and body, the local frontmatter's other keys kept.
    assert.equal(
      error.remoteText,
      local
        .replace(/^updated_at: .*$/m, `updated_at: '${item.updated_at}'`)
        .replace("  - TypeScript\n  - Node.js\n", "  - Web\n")
        .replace(BODY.replace("本文です。", "ローカルの本文です。"), "ウェブで直した本文\n"),
    );
    const forced = ok((await publish(local, { force: true })).outcome);
    assert.equal(forced.action, "updated");
    assert.equal(server.copies(TITLE).length, 1);
    assert.match(server.items[0]!.body, /ローカルの本文です。/);
    assert.equal(forced.text, expectedText(local, server.items[0]!));
  });

  it("treats an empty local updated_at with an id as older than Qiita's copy", async () => {
    const created = ok((await publish(POST)).outcome);
    const error = failed((await publish(created.text.replace(/^updated_at: .*$/m, "updated_at: ''"))).outcome);
    assert.equal(error.kind, "conflict");
    assert.equal(isOlderThanRemote("", "2024-01-01T00:00:00+09:00"), true);
    assert.equal(isOlderThanRemote("2024-01-01T00:00:01+09:00", "2024-01-01T00:00:00+09:00"), false);
    assert.equal(isOlderThanRemote("2024-01-01T09:00:00+09:00", "2024-01-01T00:00:01Z"), true);
  });

  it("404 on update (deleted on Qiita): notFound offering a new post; forgetRemote then creates it once", async () => {
    const created = ok((await publish(POST)).outcome);
    server.items.length = 0;
    const error = failed((await publish(created.text)).outcome);
    assert.equal(error.kind, "notFound");
    assert.match(error.message.en, /Qiita has no item [0-9a-f]{20} \(404/);
    assert.match(error.message.en, /Publish it as a new post\?/);
    assert.match(error.message.ja, /新しい記事として投稿しますか/);
    const forgotten = forgetRemote(created.text);
    assert.equal(forgotten, POST);
    const again = ok((await publish(forgotten)).outcome);
    assert.equal(again.action, "created");
    assert.equal(server.copies(TITLE).length, 1);
    assert.equal(again.text, expectedText(POST, server.items[0]!));
  });
});

interface Scenario {
  name: string;
  method: "POST" | "PATCH";
  fault: Fault;
  timeoutMs?: number;
  /** Copies of the post Qiita holds afterwards. */
  copies: number;
  ok: boolean;
  kind?: string;
  en: RegExp;
  ja: RegExp;
  waits?: number[];
  fields?: string[];
}

const SCENARIOS: Scenario[] = [
  // Create: the POST's fate unknown → looked up, never sent twice.
  { name: "POST: connection dropped after Qiita stored the post", method: "POST", fault: { kind: "drop", store: true }, copies: 1, ok: true, en: /^Created on Qiita: \S+ \(its answer was lost, but Qiita lists the new post/, ja: /^Qiita に投稿しました: \S+（応答は受け取れませんでした/ },
  { name: "POST: connection dropped before anything was stored", method: "POST", fault: { kind: "drop", store: false }, copies: 0, ok: false, kind: "ambiguous", en: /^Not published to Qiita: .*nothing was created\. Try again\.$/, ja: /何も作成されていません。もう一度試してください。$/ },
  { name: "POST: 500 after Qiita stored the post", method: "POST", fault: { kind: "status", status: 500, body: '{"message":"Internal Server Error","type":"internal_server_error"}', store: true }, copies: 1, ok: true, en: /^Created on Qiita: .*its answer was lost/, ja: /^Qiita に投稿しました/ },
  { name: "POST: 500, nothing stored", method: "POST", fault: { kind: "status", status: 500, body: '{"message":"Internal Server Error","type":"internal_server_error"}' }, copies: 0, ok: false, kind: "ambiguous", en: /failed \(500\).*nothing was created/, ja: /（500）.*何も作成されていません/ },
  { name: "POST: answer later than the time limit", method: "POST", fault: { kind: "slow", ms: 600 }, timeoutMs: 150, copies: 1, ok: true, en: /^Created on Qiita: .*its answer was lost/, ja: /^Qiita に投稿しました/ },
  { name: "POST: 201 with a malformed JSON body", method: "POST", fault: { kind: "malformed" }, copies: 1, ok: true, en: /^Created on Qiita: .*its answer was lost/, ja: /^Qiita に投稿しました/ },
  { name: "POST: 429 with Retry-After, then created", method: "POST", fault: { kind: "status", status: 429, body: '{"message":"Rate limit exceeded","type":"rate_limit_exceeded"}', headers: { "Retry-After": "7" } }, copies: 1, ok: true, en: /^Created on Qiita: \S+$/, ja: /^Qiita に投稿しました: \S+$/, waits: [7000] },
  { name: "POST: 401 (token refused)", method: "POST", fault: { kind: "status", status: 401, body: '{"message":"Unauthorized","type":"unauthorized"}' }, copies: 0, ok: false, kind: "auth", en: /^Not published to Qiita: Qiita refused the token \(401\): Unauthorized \(unauthorized\)/, ja: /トークンを拒否しました（401）/ },
  { name: "POST: 403 forbidden", method: "POST", fault: { kind: "status", status: 403, body: '{"message":"Forbidden","type":"forbidden"}' }, copies: 0, ok: false, kind: "auth", en: /^Not published to Qiita: Qiita refused \(403\): Forbidden \(forbidden\)\. The token may lack the write_qiita scope/, ja: /拒否しました（403）/ },
  { name: "POST: 403 naming a field (bad input)", method: "POST", fault: { kind: "status", status: 403, body: '{"message":"Tag name is invalid","type":"forbidden"}' }, copies: 0, ok: false, kind: "invalid", en: /^Refused by Qiita \(403\): Tag name is invalid/, ja: /受け付けませんでした（403）/, fields: ["tags"] },
  { name: "POST: 422 naming the title", method: "POST", fault: { kind: "status", status: 422, body: '{"message":"Title is too long","type":"invalid_params"}' }, copies: 0, ok: false, kind: "invalid", en: /^Refused by Qiita \(422\): Title is too long \(invalid_params\)\. Not published to Qiita\.$/, ja: /^Qiita が記事を受け付けませんでした（422）: Title is too long/, fields: ["title"] },
  // Update (the item exists): PATCH is idempotent, so the HTTP layer may send it again.
  { name: "PATCH: connection dropped after Qiita stored the update", method: "PATCH", fault: { kind: "drop", store: true }, copies: 1, ok: true, en: /^Updated on Qiita: /, ja: /^Qiita の記事を更新しました: /, waits: [500] },
  { name: "PATCH: 500 once, then updated", method: "PATCH", fault: { kind: "status", status: 500, body: "<html>oops</html>" }, copies: 1, ok: true, en: /^Updated on Qiita: /, ja: /^Qiita の記事を更新しました/, waits: [500] },
  { name: "PATCH: 500 every time", method: "PATCH", fault: { kind: "status", status: 500, body: "{}" }, copies: 1, ok: false, kind: "server", en: /^Not updated on Qiita: .*failed \(500\)/, ja: /^Qiita の記事を更新できませんでした/, waits: [500, 1000] },
  { name: "PATCH: answer later than the time limit", method: "PATCH", fault: { kind: "slow", ms: 600 }, timeoutMs: 150, copies: 1, ok: true, en: /^Updated on Qiita: /, ja: /^Qiita の記事を更新しました/, waits: [500] },
  { name: "PATCH: 200 with a malformed JSON body (read back with GET)", method: "PATCH", fault: { kind: "malformed" }, copies: 1, ok: true, en: /^Updated on Qiita: /, ja: /^Qiita の記事を更新しました/ },
  { name: "PATCH: 429 with Retry-After", method: "PATCH", fault: { kind: "status", status: 429, body: "{}", headers: { "Retry-After": "3" } }, copies: 1, ok: true, en: /^Updated on Qiita: /, ja: /^Qiita の記事を更新しました/, waits: [3000] },
  { name: "PATCH: 403 forbidden", method: "PATCH", fault: { kind: "status", status: 403, body: '{"message":"Forbidden","type":"forbidden"}' }, copies: 1, ok: false, kind: "auth", en: /^Not updated on Qiita: Qiita refused \(403\)/, ja: /^Qiita の記事を更新できませんでした: Qiita が拒否しました（403）/ },
  { name: "PATCH: 404", method: "PATCH", fault: { kind: "status", status: 404, body: '{"message":"Not found","type":"not_found"}' }, copies: 1, ok: false, kind: "notFound", en: /^Not updated on Qiita: Qiita has no item .*Publish it as a new post\?/, ja: /新しい記事として投稿しますか/ },
  { name: "PATCH: 422 naming the tags", method: "PATCH", fault: { kind: "status", status: 422, body: '{"message":"Tags must be less than 6","type":"invalid_params"}' }, copies: 1, ok: false, kind: "invalid", en: /^Refused by Qiita \(422\): Tags must be/, ja: /受け付けませんでした（422）/, fields: ["tags"] },
];

describe("publishQiita: faults", () => {
  for (const s of SCENARIOS) {
    it(s.name, async () => {
      let input = POST;
      let before: StoredItem | undefined;
      if (s.method === "PATCH") {
        input = ok((await publish(POST)).outcome).text.replace("本文です。", "更新後の本文です。");
        before = { ...server.items[0]! };
        server.requests.length = 0;
      }
      server.fault(s.method, /^\/api\/v2\/items/, s.fault, s.name.includes("every time") ? 3 : 1);
      const { outcome, waits } = await publish(input, {}, s.timeoutMs !== undefined ? { timeoutMs: s.timeoutMs } : {});
      // (2) exactly the expected number of copies.
      assert.equal(server.copies(TITLE).length, s.copies, `copies on Qiita`);
      // A create is sent once; again only after a 429, which Qiita did not process.
      assert.equal(server.sent("POST").length, s.method === "POST" ? (s.fault.kind === "status" && s.fault.status === 429 ? 2 : 1) : 0, "POSTs sent");
      // (3) the message says what happened, in both languages.
      const message = outcome.ok ? outcome.message : outcome.error.message;
      assert.match(message.en, s.en);
      assert.match(message.ja, s.ja);
      if (s.waits) assert.deepEqual(waits, s.waits);
      // (1) the text: the input with id/updated_at set to Qiita's, or nothing to write.
      if (s.ok) {
        const done = ok(outcome);
        assert.equal(done.text, expectedText(input, server.items[0]!));
        if (s.method === "PATCH") assert.match(server.items[0]!.body, /更新後の本文です。/);
      } else {
        const error = failed(outcome);
        assert.equal(error.kind, s.kind);
        if (s.fields) assert.deepEqual(error.fields, s.fields);
        if (before) assert.deepEqual(server.items[0], before, "Qiita's copy untouched");
      }
    });
  }

  it("the lookup matters: resending the post after a dropped create would make a second copy", async () => {
    server.fault("POST", /^\/api\/v2\/items$/, { kind: "drop", store: true });
    const first = ok((await publish(POST)).outcome);
    assert.equal(server.copies(TITLE).length, 1);
    // What a client without the lookup would do next: POST the same post again.
    ok((await publish(POST)).outcome);
    assert.equal(server.copies(TITLE).length, 2, "the copy count does catch a double post");
    // The written-back text instead goes to PATCH of the first copy.
    const again = ok((await publish(first.text)).outcome);
    assert.equal(again.action, "updated");
    assert.equal(server.copies(TITLE).length, 2);
  });

  it("the lookup reads further pages (Link rel=next) and skips posts with another body", async () => {
    server.oldestFirst = true;
    for (let i = 0; i < 150; i++) server.items.push(seedItem(server, i));
    server.items.push({ ...seedItem(server, 999), title: TITLE, body: "別の本文" });
    server.fault("POST", /^\/api\/v2\/items$/, { kind: "drop", store: true });
    const done = ok((await publish(POST)).outcome);
    const mine = server.copies(TITLE).filter((i) => i.body === BODY);
    assert.equal(mine.length, 1);
    assert.equal(done.text, expectedText(POST, mine[0]!));
    assert.deepEqual(
      server.sent("GET", /authenticated_user/).map((r) => r.query.get("page")),
      ["1", "2"],
    );
  });

  it("when the lookup itself fails, says the post may or may not exist (never 'nothing was created')", async () => {
    server.fault("POST", /^\/api\/v2\/items$/, { kind: "drop", store: true });
    server.fault("GET", /authenticated_user/, { kind: "status", status: 503, body: "{}" }, 3);
    const error = failed((await publish(POST)).outcome);
    assert.equal(error.kind, "ambiguous");
    assert.match(error.message.en, /may or may not have been created\. Check your posts on Qiita/);
    assert.doesNotMatch(error.message.en, /nothing was created/);
    assert.equal(server.copies(TITLE).length, 1);
    assert.equal(server.sent("POST").length, 1);
  });
});

function seedItem(s: QiitaServer, i: number): StoredItem {
  const at = s.tick();
  return { id: `b${i.toString(16).padStart(19, "0")}`, title: `other ${i}`, body: "x", tags: [], private: false, organization_url_name: null, slide: false, url: `https://qiita.example/me/items/${i}`, created_at: at, updated_at: at };
}

describe("tokens", () => {
  it("a token echoed by Qiita's error body is removed from the message, the detail and the log", async () => {
    server.fault("POST", /^\/api\/v2\/items$/, { kind: "status", status: 401, body: JSON.stringify({ message: `Invalid token ${TOKEN}`, type: "unauthorized" }) });
    const { outcome, logs } = await publish(POST);
    const error = failed(outcome);
    assert.equal(error.kind, "auth");
    assert.match(error.message.en, /Invalid token \*\*\*/);
    for (const text of [error.message.en, error.message.ja, error.detail ?? "", ...logs]) assert.ok(!text.includes(TOKEN), text);
    assert.ok(logs.some((l) => l.includes("***")), "the log saw the refusal, redacted");
  });

  it("the server really checks the token (a wrong one is refused with 401)", async () => {
    const t = testEnvironment({ qiita: server.url });
    const outcome = await publishQiita(request(POST), "wrong-token-xyz", t.env);
    assert.equal(failed(outcome).kind, "auth");
    assert.equal(server.items.length, 0);
  });
});

describe("pullQiita", () => {
  it("returns Qiita's copy as a post: remote fields and body, the local frontmatter's other keys kept", async () => {
    const created = ok((await publish(POST)).outcome);
    const item = server.items[0]!;
    item.title = "ウェブで変えた題";
    item.body = "リモートの本文\n";
    item.tags = [{ name: "Go", versions: [] }, { name: "Rust", versions: [] }];
    item.updated_at = server.tick();
    const text = await pullQiita(created.text, TOKEN, testEnvironment({ qiita: server.url }).env);
    assert.equal(
      text,
      created.text
        .replace("title: 'テスト記事: 往復'", "title: ウェブで変えた題")
        .replace("  - TypeScript\n  - Node.js\n", "  - Go\n  - Rust\n")
        .replace(/^updated_at: .*$/m, `updated_at: '${item.updated_at}'`)
        .replace(BODY, "リモートの本文\n"),
    );
    assert.match(text, /^# Qiita CLI のフロントマター$/m);
    assert.match(text, /^ignorePublish: false$/m);
  });

  it("throws notFound when the item is gone, and local when the post has no id", async () => {
    const created = ok((await publish(POST)).outcome);
    server.items.length = 0;
    const env = testEnvironment({ qiita: server.url }).env;
    await assert.rejects(pullQiita(created.text, TOKEN, env), (e: unknown) => e instanceof PublishFailure && e.error.kind === "notFound" && /Not pulled from Qiita/.test(e.error.message.en));
    await assert.rejects(pullQiita(POST, TOKEN, env), (e: unknown) => e instanceof PublishFailure && e.error.kind === "local");
  });
});
