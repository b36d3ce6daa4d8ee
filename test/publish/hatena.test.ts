/**
 * Hatena Blog publishing against a real loopback AtomPub server (hatenaServer.ts): WSSE, create and
 * update, blogsync's conflict rule, the write-back, and every fault the network can bring. For each
 * fault: the text comes back byte-identical except EditURL/URL/Draft (or not at all on failure), the
 * server holds exactly one copy (or none), the message says what happened, and the API key appears
 * nowhere (messages, details, log lines, what was sent).
 */
import { afterEach, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as YAML from "yaml";
import { forgetRemoteHatena, hatenaEntryToPost, publishHatena, pullHatena, wsseHeader, type HatenaCredentials, type HatenaPublishOptions } from "../../server/src/core/publish/hatena";
import { parseEntry } from "../../server/src/core/publish/hatenaXml";
import { parseFrontmatter } from "../../server/src/core/frontmatter/parse";
import { PublishFailure, type PublishEnvironment, type PublishMode, type PublishOutcome } from "../../server/src/core/publish/types";
import { HatenaServer, jst } from "./hatenaServer";

const T0 = Date.parse("2024-05-01T00:00:00Z");
let clock = T0;
let server: HatenaServer;
let creds: HatenaCredentials;

beforeEach(async () => {
  clock = T0;
  server = new HatenaServer(() => clock);
  await server.start();
  creds = { hatenaId: server.hatenaId, blogId: server.blogId, apiKey: server.apiKey };
});

afterEach(async () => {
  // The key is never sent: only its digest.
  for (const r of server.requests) assert.ok(!JSON.stringify(r).includes(server.apiKey), `the API key was sent in ${r.method} ${r.url}`);
  await server.close();
});

const BASE_FM = ["Title: はじめての投稿", "Date: 2024-04-30T10:00:00+09:00", "Category:", "- 日記", "- TypeScript"];

function postText(fm: string[] = BASE_FM, body = "本文です。\n\n## 見出し\n\nおわり。\n", eol = "\n"): string {
  return ["---", ...fm, "---", "", ...body.split("\n")].join(eol);
}

/** The post without the write-back keys (only in the frontmatter). */
function withoutWriteBack(text: string): string {
  const fm = parseFrontmatter(text);
  assert.ok(fm, "the text still has its frontmatter");
  const head = text.slice(0, fm.range[1]).replace(/^(?:EditURL|URL|Draft):[^\r\n]*(?:\r\n|\r|\n)/gm, "");
  return head + text.slice(fm.range[1]);
}

function assertOnlyWriteBack(input: string, output: string): void {
  assert.equal(withoutWriteBack(output), withoutWriteBack(input), "only EditURL, URL and Draft changed");
}

function frontmatter(text: string): Record<string, unknown> {
  const data = parseFrontmatter(text)?.data;
  assert.ok(data);
  return data;
}

interface Run {
  outcome: PublishOutcome;
  logs: string[];
  sleeps: number[];
}

async function publish(text: string, mode: PublishMode = "publish", extra: { force?: boolean; env?: Partial<PublishEnvironment>; options?: HatenaPublishOptions; creds?: HatenaCredentials } = {}): Promise<Run> {
  const { env, logs, sleeps } = server.env(extra.env);
  const outcome = await publishHatena({ text, filePath: "/blog/entry.md", mode, ...(extra.force ? { force: true } : {}) }, extra.creds ?? creds, env, extra.options);
  const seen = JSON.stringify({ outcome, logs });
  assert.ok(!seen.includes(server.apiKey), "the API key appears in the outcome or the log");
  return { outcome, logs, sleeps };
}

function ok(outcome: PublishOutcome): Extract<PublishOutcome, { ok: true }> {
  if (!outcome.ok) assert.fail(`expected success, got ${outcome.error.kind}: ${outcome.error.message.en}`);
  return outcome;
}

function failed(outcome: PublishOutcome): Extract<PublishOutcome, { ok: false }>["error"] {
  if (outcome.ok) assert.fail(`expected a failure, got ${outcome.action}: ${outcome.message.en}`);
  assert.ok(!("text" in outcome), "a failure returns no new text: the post stays as it was");
  assert.ok(outcome.error.message.en.length > 0 && outcome.error.message.ja.length > 0);
  assert.match(outcome.error.message.ja, /[ぁ-んァ-ン一-龯]/, "the Japanese message is Japanese");
  return outcome.error;
}

const only = () => {
  assert.equal(server.entries.size, 1, "the server holds exactly one copy");
  const [entry] = [...server.entries.values()];
  assert.ok(entry);
  return entry;
};

async function created(text = postText()): Promise<{ text: string; id: string }> {
  const { outcome } = await publish(text);
  const result = ok(outcome);
  const entry = only();
  return { text: result.text, id: entry.id };
}

describe("Hatena Blog: WSSE", () => {
  it("builds the UsernameToken header from the nonce, Created and the key", () => {
    const nonce = Uint8Array.from({ length: 20 }, (_, i) => i);
    const header = wsseHeader({ hatenaId: "alice", blogId: "b", apiKey: "secret-key" }, { now: () => Date.parse("2024-05-01T12:34:56.789Z"), randomBytes: () => nonce });
    const digest = createHash("sha1").update(nonce).update("2024-05-01T12:34:56Z").update("secret-key").digest("base64");
    assert.equal(header, `UsernameToken Username="alice", PasswordDigest="${digest}", Nonce="${Buffer.from(nonce).toString("base64")}", Created="2024-05-01T12:34:56Z"`);
    assert.ok(!header.includes("secret-key"));
  });

  it("a wrong API key is refused (401): auth, Hatena's words in the message, nothing created", async () => {
    const { outcome } = await publish(postText(), "publish", { creds: { ...creds, apiKey: "wrong-key-123" } });
    const error = failed(outcome);
    assert.equal(error.kind, "auth");
    assert.match(error.message.en, /refused the credentials \(401\): 401 Unauthorized: WSSE authentication failed \(wrong digest\)/);
    assert.match(error.message.en, /not created/);
    assert.match(error.message.ja, /認証を拒否/);
    assert.ok(!JSON.stringify(error).includes("wrong-key-123"), "not even a wrong key is shown");
    assert.equal(server.entries.size, 0);
  });

  it("every attempt carries a fresh nonce (a retried GET is not refused as a replay)", async () => {
    const first = await created();
    server.fault("GET", "member", { kind: "status", status: 503 });
    server.fault("PUT", "member", { kind: "status", status: 500 });
    clock += 60_000;
    const { outcome, sleeps } = await publish(first.text.replace("おわり。", "おわり。追記。"), "publish", { options: { localEditedMs: clock } });
    assert.equal(ok(outcome).action, "updated");
    assert.equal(new Set(server.nonces).size, server.nonces.length);
    assert.equal(server.sent("GET", "member").length, 2);
    assert.equal(server.sent("PUT", "member").length, 2);
    assert.equal(sleeps.length, 2, "one backoff per retry");
    assert.match(only().content, /追記/);
  });

  it("refuses a malformed Hatena ID or an empty key before sending anything", async () => {
    for (const bad of [{ ...creds, hatenaId: 'x", Evil="1' }, { ...creds, blogId: "a/b" }, { ...creds, apiKey: " " }]) {
      const error = failed((await publish(postText(), "publish", { creds: bad })).outcome);
      assert.equal(error.kind, "auth");
    }
    assert.equal(server.requests.length, 0);
  });
});

describe("Hatena Blog: create and update", () => {
  it("creates with POST: the entry has every field, the text gets EditURL, URL and Draft only", async () => {
    const text = postText(["Title: はじめての投稿", "Date: 2024-04-30T10:00:00+09:00", "Category:", "- 日記", "- TypeScript", "CustomPath: first-post"]);
    const { outcome } = await publish(text);
    const result = ok(outcome);
    assert.equal(result.action, "created");
    const entry = only();
    assert.equal(entry.title, "はじめての投稿");
    assert.equal(entry.author, server.hatenaId);
    assert.equal(entry.content, "本文です。\n\n## 見出し\n\nおわり。\n");
    assert.equal(entry.contentType, "text/x-markdown");
    assert.equal(entry.updated, Date.parse("2024-04-30T10:00:00+09:00"));
    assert.deepEqual(entry.categories, ["日記", "TypeScript"]);
    assert.equal(entry.draft, false);
    assert.equal(entry.customUrl, "first-post");
    assertOnlyWriteBack(text, result.text);
    const fm = frontmatter(result.text);
    assert.equal(fm["EditURL"], server.memberUrl(entry.id));
    assert.equal(fm["URL"], `https://${server.blogId}/entry/first-post`);
    assert.equal(fm["Draft"], false);
    assert.equal(result.url, fm["URL"]);
    assert.match(result.message.en, /^Created the post on Hatena Blog: https:/);
    assert.match(result.message.ja, /記事を作成しました/);
    assert.equal(server.sent("POST").length, 1);
  });

  it("round trip: create, edit locally, update with PUT (after the conflict check's GET)", async () => {
    const first = await created();
    clock += 3600_000;
    const edited = first.text.replace("おわり。", "おわり。\n\n追記しました。");
    const { outcome } = await publish(edited, "publish", { options: { localEditedMs: clock } });
    const result = ok(outcome);
    assert.equal(result.action, "updated");
    assert.match(result.message.en, /^Updated the post on Hatena Blog: https:/);
    const entry = only();
    assert.equal(entry.id, first.id);
    assert.match(entry.content, /追記しました。/);
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.target}`),
      ["POST collection", "GET member", "PUT member"],
    );
    assert.equal(result.text, edited, "EditURL, URL and Draft were already right: the text is unchanged");
  });

  it("draft: mode draft sends app:draft yes and records Draft: true; Draft: true in the frontmatter is not made public", async () => {
    const asDraft = ok((await publish(postText(), "draft")).outcome);
    assert.equal(only().draft, true);
    assert.equal(frontmatter(asDraft.text)["Draft"], true);
    assert.match(asDraft.message.en, /as a draft/);
    assert.match(asDraft.message.ja, /下書きとして/);

    clock += 1000;
    const marked = ok((await publish(asDraft.text, "publish", { options: { localEditedMs: clock } })).outcome);
    assert.equal(only().draft, true, "Draft: true keeps it a draft");
    assert.match(marked.message.en, /stays a draft because the frontmatter says Draft: true/);

    clock += 1000;
    const live = ok((await publish(marked.text.replace("Draft: true", "Draft: false"), "publish", { options: { localEditedMs: clock } })).outcome);
    assert.equal(only().draft, false);
    assert.equal(frontmatter(live.text)["Draft"], false);
  });

  it("keeps CRLF line breaks: the body reaches Hatena with its CRs, the write-back uses CRLF", async () => {
    const text = postText(BASE_FM, "一行目\n二行目\n", "\r\n");
    const result = ok((await publish(text)).outcome);
    assert.equal(only().content, "一行目\r\n二行目\r\n");
    assertOnlyWriteBack(text, result.text);
    assert.match(result.text, /\r\nEditURL: [^\r\n]+\r\nURL: [^\r\n]+\r\nDraft: false\r\n---\r\n/);
    assert.ok(!/[^\r]\n/.test(result.text), "no bare LF was introduced");
  });

  it("escapes XML: a title, body and category with <&>\"' and Japanese arrive exactly", async () => {
    const title = `<&>"' と "引用" & ]]> 'quote'`;
    const body = "<script>alert('x')</script> &amp; は &amp; のまま\n]]> <![CDATA[ x ]]>\n\"二重\" '一重' 日本語\n";
    const category = `C&C "<b>"`;
    const text = postText([`Title: ${JSON.stringify(title)}`, "Category:", `- ${JSON.stringify(category)}`], body);
    const result = ok((await publish(text)).outcome);
    const entry = only();
    assert.equal(entry.title, title);
    assert.equal(entry.content, body);
    assert.deepEqual(entry.categories, [category]);
    const sent = server.sent("POST")[0]?.body ?? "";
    assert.ok(sent.includes("&lt;script&gt;alert('x')&lt;/script&gt; &amp;amp;"), "the body's markup is escaped, & first");
    assert.ok(!sent.includes("]]>"), "no ]]> in character data");
    assertOnlyWriteBack(text, result.text);
    // And back: the pulled copy holds the same title and body.
    const pulled = await pullHatena(result.text, creds, server.env().env);
    assert.equal(frontmatter(pulled)["Title"], title);
    assert.ok(pulled.endsWith(`---\n\n${body}`));
  });

  it("refuses a control character XML cannot carry, before sending", async () => {
    const error = failed((await publish(postText(BASE_FM, "ベル\u0007です\n"))).outcome);
    assert.equal(error.kind, "local");
    assert.match(error.message.en, /U\+0007/);
    assert.equal(server.requests.length, 0);
  });

  it("refuses an EditURL outside the blog without sending the credentials there", async () => {
    const text = postText([...BASE_FM, "EditURL: https://evil.example/atom/entry/1"]);
    const error = failed((await publish(text)).outcome);
    assert.equal(error.kind, "local");
    assert.deepEqual(error.fields, ["EditURL"]);
    assert.match(error.message.en, /not an entry of the blog/);
    assert.equal(server.requests.length, 0);
  });

  it("a post without a title is refused with the key named", async () => {
    const error = failed((await publish(postText(["Date: 2024-04-30T10:00:00+09:00"]))).outcome);
    assert.equal(error.kind, "local");
    assert.deepEqual(error.fields, ["Title"]);
    assert.equal(server.requests.length, 0);
  });
});

describe("Hatena Blog: a create whose answer is lost is looked up, never sent twice", () => {
  it("connection dropped after the post was stored: found, written back, one copy", async () => {
    server.fault("POST", "collection", { kind: "drop", store: true });
    const text = postText();
    const result = ok((await publish(text)).outcome);
    const entry = only();
    assert.equal(result.action, "created");
    assertOnlyWriteBack(text, result.text);
    assert.equal(frontmatter(result.text)["EditURL"], server.memberUrl(entry.id));
    assert.match(result.message.en, /connection failed after the post was sent.*found on the blog, created once/);
    assert.match(result.message.ja, /接続が切れました.*1 件作成されている/);
    assert.equal(server.sent("POST").length, 1);
    assert.equal(server.sent("GET", "collection").length, 1);
  });

  it("connection dropped before it was stored: not created, says so, nothing sent twice", async () => {
    server.fault("POST", "collection", { kind: "drop", store: false });
    const error = failed((await publish(postText())).outcome);
    assert.equal(error.kind, "network");
    assert.match(error.message.en, /connection failed after the post was sent.*not on the blog.*not created\. Publishing again is safe/);
    assert.match(error.message.ja, /作成されていない/);
    assert.equal(server.entries.size, 0);
    assert.equal(server.sent("POST").length, 1);
  });

  it("500 without storing: kind server, not created (checked), not retried", async () => {
    server.fault("POST", "collection", { kind: "status", status: 500, body: "Internal Server Error" });
    const error = failed((await publish(postText())).outcome);
    assert.equal(error.kind, "server");
    assert.match(error.message.en, /answered 500 to the post.*not created/);
    assert.equal(server.entries.size, 0);
    assert.equal(server.sent("POST").length, 1);
  });

  it("500 after storing: found by the lookup, created once", async () => {
    server.fault("POST", "collection", { kind: "status", status: 500, store: true });
    const text = postText();
    const result = ok((await publish(text)).outcome);
    only();
    assertOnlyWriteBack(text, result.text);
    assert.match(result.message.en, /answered 500 to the post\. The post was found on the blog/);
    assert.equal(server.sent("POST").length, 1);
  });

  it("429 with Retry-After: waits as asked, then creates once", async () => {
    server.fault("POST", "collection", { kind: "status", status: 429, headers: { "Retry-After": "7" }, body: "Too Many Requests" });
    const text = postText();
    const { outcome, sleeps } = await publish(text);
    const result = ok(outcome);
    assert.deepEqual(sleeps, [7000]);
    only();
    assertOnlyWriteBack(text, result.text);
    assert.equal(server.sent("POST").length, 2);
  });

  it("429 that does not end: rateLimited, nothing created", async () => {
    server.fault("POST", "collection", { kind: "status", status: 429, headers: { "Retry-After": "1" } }, 5);
    const { outcome, sleeps } = await publish(postText());
    const error = failed(outcome);
    assert.equal(error.kind, "rateLimited");
    assert.match(error.message.en, /429.*not created/);
    assert.deepEqual(sleeps, [1000, 1000]);
    assert.equal(server.entries.size, 0);
  });

  it("a slow answer (client time-out) after storing: found, created once", async () => {
    server.fault("POST", "collection", { kind: "slow", ms: 2000 });
    const text = postText();
    const result = ok((await publish(text, "publish", { env: { timeoutMs: 250 } })).outcome);
    only();
    assertOnlyWriteBack(text, result.text);
    assert.match(result.message.en, /did not answer in time after the post was sent\. The post was found/);
    assert.equal(server.sent("POST").length, 1);
  });

  it("a malformed XML answer to the POST: the post exists, found, created once", async () => {
    server.fault("POST", "collection", { kind: "malformed" });
    const text = postText();
    const result = ok((await publish(text)).outcome);
    only();
    assertOnlyWriteBack(text, result.text);
    assert.match(result.message.en, /accepted the post \(201\) but its answer could not be read \(malformed XML/);
    assert.equal(server.sent("POST").length, 1);
  });

  it("malformed answer and an unreadable list: ambiguous, tells to check the blog, text untouched", async () => {
    server.fault("POST", "collection", { kind: "malformed" });
    server.fault("GET", "collection", { kind: "malformed" });
    const error = failed((await publish(postText())).outcome);
    assert.equal(error.kind, "ambiguous");
    assert.match(error.message.en, /could not be read.*may well have been created.*list of entries could not be read.*Check the blog before publishing again/);
    assert.match(error.message.ja, /ブログを確認してください/);
    assert.equal(server.entries.size, 1);
    assert.equal(server.sent("POST").length, 1);
  });

  it("follows rel=next: an old Date puts the post on a later page", async () => {
    for (let i = 0; i < 7; i++) server.add({ title: `既存 ${i}`, content: `本文 ${i}\n`, updated: T0 - i * 1000 });
    server.fault("POST", "collection", { kind: "drop", store: true });
    const text = postText(["Title: 古い日付の記事", "Date: 2020-01-01T00:00:00+09:00"]);
    const result = ok((await publish(text)).outcome);
    const mine = [...server.entries.values()].filter((e) => e.title === "古い日付の記事");
    assert.equal(mine.length, 1);
    assert.equal(server.entries.size, 8);
    assert.equal(frontmatter(result.text)["EditURL"], server.memberUrl(mine[0]?.id ?? ""));
    assert.equal(server.sent("GET", "collection").length, 3, "pages of 3: the post is on the third");
  });

  it("an entry with the same title but another body is not taken for the post", async () => {
    server.add({ title: "はじめての投稿", content: "別の本文\n" });
    server.fault("POST", "collection", { kind: "drop", store: false });
    const error = failed((await publish(postText())).outcome);
    assert.equal(error.kind, "network");
    assert.equal(server.entries.size, 1);
  });

  it("not among the pages searched: ambiguous, never 'not created'", async () => {
    for (let i = 0; i < 40; i++) server.add({ title: `既存 ${i}`, content: `本文 ${i}\n`, updated: T0 - i * 1000 });
    server.fault("POST", "collection", { kind: "drop", store: false });
    const error = failed((await publish(postText(["Title: 古い日付の記事", "Date: 2020-01-01T00:00:00+09:00"]))).outcome);
    assert.equal(error.kind, "ambiguous");
    assert.match(error.message.en, /not among the 10 most recent pages/);
    assert.equal(server.sent("GET", "collection").length, 10);
    assert.equal(server.sent("POST").length, 1);
  });
});

describe("Hatena Blog: updates, conflicts, deletions", () => {
  it("refuses when the remote was edited after the local copy, with the remote as a blogsync post; force overwrites", async () => {
    const first = await created();
    const localEdit = clock + 60_000;
    clock += 3600_000;
    server.editRemotely(first.id, "はてなブログの編集画面で書き換えた本文\n");
    const local = first.text.replace("おわり。", "手元で追記。");
    const refused = failed((await publish(local, "publish", { options: { localEditedMs: localEdit } })).outcome);
    assert.equal(refused.kind, "conflict");
    assert.match(refused.message.en, new RegExp(`edited at ${jst(clock).replace(/\+/g, "\\+")}, after this copy`));
    assert.match(refused.message.ja, /上書きされます/);
    assert.ok(refused.remoteText);
    assert.equal(refused.remoteText, hatenaEntryToPost(parseEntry(server.entryXml(only())), clock));
    assert.ok(refused.remoteText.endsWith("---\n\nはてなブログの編集画面で書き換えた本文\n"));
    assert.equal(frontmatter(refused.remoteText)["EditURL"], server.memberUrl(first.id));
    assert.equal(server.sent("PUT").length, 0);
    assert.match(only().content, /編集画面で書き換えた/);

    const forced = ok((await publish(local, "publish", { force: true, options: { localEditedMs: localEdit } })).outcome);
    assert.equal(forced.action, "updated");
    assert.match(only().content, /手元で追記。/);
    assert.equal(server.sent("PUT").length, 1);
    assert.equal(server.entries.size, 1);
  });

  it("allows 3 s of clock skew, not 4", async () => {
    const first = await created();
    const createdAt = only().edited;
    const local = first.text.replace("おわり。", "変更。");
    assert.equal(ok((await publish(local, "publish", { options: { localEditedMs: createdAt - 3000 } })).outcome).action, "updated");
    const refused = failed((await publish(local.replace("変更。", "再変更。"), "publish", { options: { localEditedMs: only().edited - 4000 } })).outcome);
    assert.equal(refused.kind, "conflict");
  });

  it("without a local edit time, the Date is the reference (an old Date with a changed body conflicts)", async () => {
    const first = await created();
    clock += 86_400_000;
    const error = failed((await publish(first.text.replace("おわり。", "変更。"))).outcome);
    assert.equal(error.kind, "conflict");
  });

  it("no conflict when the remote already holds what would be sent (e.g. an update sent twice)", async () => {
    const first = await created();
    clock += 86_400_000;
    assert.equal(ok((await publish(first.text)).outcome).action, "updated");
  });

  it("deleted remotely (404): notFound with a way out; forgetting the links creates it anew", async () => {
    const first = await created();
    server.entries.delete(first.id);
    const error = failed((await publish(first.text, "publish", { options: { localEditedMs: clock } })).outcome);
    assert.equal(error.kind, "notFound");
    assert.match(error.message.en, /no longer on Hatena Blog \(404\).*forget its EditURL and URL/);
    assert.match(error.message.ja, /削除されています/);
    assert.equal(server.sent("PUT").length, 0);

    const forgotten = forgetRemoteHatena(first.text);
    assert.equal(frontmatter(forgotten)["EditURL"], "");
    assert.equal(frontmatter(forgotten)["URL"], "");
    assert.equal(withoutWriteBack(forgotten), withoutWriteBack(first.text));
    const again = ok((await publish(forgotten)).outcome);
    assert.equal(again.action, "created");
    const entry = only();
    assert.notEqual(entry.id, first.id);
    assertOnlyWriteBack(forgotten, again.text);
  });

  it("404 on the PUT itself (forced, no GET first) is notFound too", async () => {
    const first = await created();
    server.entries.clear();
    const error = failed((await publish(first.text, "publish", { force: true })).outcome);
    assert.equal(error.kind, "notFound");
    assert.equal(server.entries.size, 0);
  });

  it("a PUT that keeps timing out: timeout, says the update is safe to send again, one copy", async () => {
    const first = await created();
    server.fault("PUT", "member", { kind: "slow", ms: 2000 }, 3);
    clock += 1000;
    const error = failed((await publish(first.text.replace("おわり。", "変更。"), "publish", { env: { timeoutMs: 250 }, options: { localEditedMs: clock } })).outcome);
    assert.equal(error.kind, "timeout");
    assert.match(error.message.en, /did not answer in time.*may or may not have been updated; publishing again is safe/);
    assert.equal(server.sent("PUT").length, 3);
    assert.equal(server.entries.size, 1);
  });

  it("a PUT refused as invalid (400) says the post was not changed", async () => {
    const first = await created();
    server.fault("PUT", "member", { kind: "status", status: 400, body: "<html><body><p>Invalid custom URL</p></body></html>" });
    clock += 1000;
    const error = failed((await publish(first.text, "publish", { options: { localEditedMs: clock } })).outcome);
    assert.equal(error.kind, "invalid");
    assert.match(error.message.en, /refused the post \(400\): Invalid custom URL\. The post on Hatena Blog was not changed\./);
  });

  it("a malformed answer to the conflict check's GET: nothing is PUT", async () => {
    const first = await created();
    server.fault("GET", "member", { kind: "malformed" });
    const error = failed((await publish(first.text, "publish", { options: { localEditedMs: clock } })).outcome);
    assert.equal(error.kind, "server");
    assert.match(error.message.en, /could not be read \(malformed XML.*Nothing was changed/);
    assert.equal(server.sent("PUT").length, 0);
  });

  it("a malformed answer to the PUT: updated, URL left as it was", async () => {
    const first = await created();
    server.fault("PUT", "member", { kind: "malformed" });
    clock += 1000;
    const local = first.text.replace("おわり。", "変更。");
    const result = ok((await publish(local, "publish", { options: { localEditedMs: clock } })).outcome);
    assert.equal(result.action, "updated");
    assert.match(result.message.en, /answer could not be read.*URL was left as it was/);
    assert.equal(result.text, local);
    assert.match(only().content, /変更。/);
  });

  it("401 on update: auth, nothing changed", async () => {
    const first = await created();
    const error = failed((await publish(first.text, "publish", { creds: { ...creds, apiKey: "another-wrong-key" } })).outcome);
    assert.equal(error.kind, "auth");
    assert.match(error.message.en, /Nothing was changed on Hatena Blog/);
  });
});

describe("Hatena Blog: pull and the API key", () => {
  it("pulls the remote entry as a blogsync post", async () => {
    const text = postText(['Title: "題: コロン入り"', "Date: 2024-04-30T10:00:00+09:00", "Category:", "- 日記"]);
    const first = ok((await publish(text, "draft")).outcome).text;
    clock += 1000;
    const entry = only();
    const pulled = await pullHatena(first, creds, server.env().env);
    const url = server.alternateUrl(entry);
    assert.equal(
      pulled,
      [
        "---",
        'Title: "題: コロン入り"',
        "Category:",
        "- 日記",
        `URL: ${url}`,
        `EditURL: ${server.memberUrl(entry.id)}`,
        `PreviewURL: https://${server.blogId}/draft/${entry.id}`,
        "Draft: true",
        "---",
        "",
        "本文です。",
        "",
        "## 見出し",
        "",
        "おわり。",
        "",
      ].join("\n"),
      "a draft whose date has passed has no Date, as blogsync writes it",
    );
    assert.deepEqual(YAML.parse(pulled.split("---\n")[1] ?? "")["Category"], ["日記"]);
  });

  it("pull without EditURL, or of a deleted entry, fails with what happened", async () => {
    await assert.rejects(pullHatena(postText(), creds, server.env().env), (e: unknown) => e instanceof PublishFailure && e.error.kind === "local");
    const first = await created();
    server.entries.clear();
    await assert.rejects(pullHatena(first.text, creds, server.env().env), (e: unknown) => e instanceof PublishFailure && e.error.kind === "notFound" && /no longer on Hatena Blog/.test(e.error.message.en));
  });

  it("an unexpected failure (not the network's, not Hatena's) is an outcome with the key scrubbed, as for Qiita and dev.to", async () => {
    const { env } = server.env();
    // A fault before any request (failures inside a request are a create of unknown fate: looked up).
    const broken = Object.defineProperty({ ...env }, "baseUrls", {
      get: () => {
        throw new Error(`settings unreadable for ${server.apiKey}`);
      },
    }) as PublishEnvironment;
    const outcome = await publishHatena({ text: postText(), filePath: "/blog/entry/post.md", mode: "publish" }, creds, broken);
    const error = failed(outcome);
    assert.equal(error.kind, "local");
    assert.match(error.message.en, /unexpectedly: settings unreadable for \*\*\*/);
    assert.ok(!JSON.stringify(error).includes(server.apiKey));
    assert.equal(server.entries.size, 0, "nothing was sent");
  });

  it("a server that echoes the key in an error: the key is scrubbed from the message, the detail and the log", async () => {
    server.fault("POST", "collection", { kind: "status", status: 403, body: `Forbidden: api key ${server.apiKey} is not allowed to post` });
    const { outcome, logs } = await publish(postText());
    const error = failed(outcome);
    assert.equal(error.kind, "auth");
    assert.match(error.message.en, /Forbidden: api key \*\*\* is not allowed/);
    assert.ok(error.detail?.includes("***"));
    assert.ok(!JSON.stringify({ error, logs }).includes(server.apiKey));
    assert.equal(server.entries.size, 0);
  });

  it("a failing connection writes log lines, none with the key", async () => {
    server.fault("GET", "member", { kind: "drop", store: false }, 3);
    const first = await created();
    const { outcome, logs } = await publish(first.text, "publish", { options: { localEditedMs: clock } });
    assert.equal(failed(outcome).kind, "network");
    assert.ok(logs.length >= 3, "each attempt is logged");
    assert.ok(logs.every((l) => !l.includes(server.apiKey)));
  });
});
