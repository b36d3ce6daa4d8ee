/**
 * publishDevto against a real loopback Forem API (test/publish/devtoServer.ts), with a fault injected
 * per request. For every scenario: the text returned is the input with only devto_id/devto_url
 * changed (or no text at all when nothing should be written), dev.to holds exactly the expected
 * number of copies, and the message says what happened. The API key never reaches a message or a log.
 */
import { after, afterEach, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { DEVTO_ID_KEY, DEVTO_URL_KEY, forgetDevtoRemote, publishDevto, pullDevto } from "../../server/src/core/publish/devto";
import type { PublishOutcome, PublishRequest } from "../../server/src/core/publish/types";
import { testEnvironment, type Fault } from "./loopback";
import { DevtoServer, type StoredArticle } from "./devtoServer";

const API_KEY = "devto-secret-key-ABCDEFGHIJKLMNOP";
const TITLE = "Round trip to dev.to";

// dev.to's own front matter keys (tags as its comma-separated string, a commented key) and a body
// with a `---` line of its own; no line break at the very end.
const POST = [
  "---",
  "title: Round trip to dev.to",
  "published: false",
  "description: 'A test post'",
  "tags: typescript, node, testing",
  "# canonical_url: https://example.com/original-post",
  "cover_image: https://example.com/cover.png",
  "series: null",
  "---",
  "",
  "## Hello",
  "",
  "Body text with `code`.",
  "---",
  "devto_id: 42 is not ours",
].join("\n");
const BODY = POST.slice(POST.indexOf("---\n\n## Hello") + 4);

const MESSAGES: string[] = [];
const LOGS: string[] = [];
let server: DevtoServer;

function request(text: string, extra: Partial<PublishRequest> = {}): PublishRequest {
  return { text, filePath: "posts/round-trip.md", mode: "draft", ...extra };
}

async function publish(text: string, extra: Partial<PublishRequest> = {}, options: { timeoutMs?: number } = {}) {
  const t = testEnvironment({ devto: server.url }, options);
  const outcome = await publishDevto(request(text, extra), API_KEY, t.env);
  const message = outcome.ok ? outcome.message : outcome.error.message;
  MESSAGES.push(message.en, message.ja, ...(outcome.ok ? [] : [outcome.error.detail ?? ""]));
  LOGS.push(...t.logs);
  return { outcome, ...t };
}

/** The input with devto_id and devto_url appended to the frontmatter (nothing else may differ). */
function expectedText(input: string, article: StoredArticle): string {
  return input.replace("series: null\n---", `series: null\n${DEVTO_ID_KEY}: ${article.id}\n${DEVTO_URL_KEY}: ${article.url}\n---`);
}

function ok(outcome: PublishOutcome): Extract<PublishOutcome, { ok: true }> {
  if (!outcome.ok) assert.fail(`expected success, got ${outcome.error.kind}: ${outcome.error.message.en}`);
  return outcome;
}

function failed(outcome: PublishOutcome): Extract<PublishOutcome, { ok: false }>["error"] {
  if (outcome.ok) assert.fail(`expected a failure, got ${outcome.action}: ${outcome.message.en}`);
  assert.equal("text" in outcome, false);
  return outcome.error;
}

before(async () => {
  server = await new DevtoServer(API_KEY).start();
});

afterEach(() => {
  server.articles.length = 0;
  server.requests.length = 0;
});

after(async () => {
  await server.close();
  assert.ok(LOGS.length > 0);
  for (const line of [...LOGS, ...MESSAGES]) assert.ok(!line.includes(API_KEY), `API key leaked: ${line}`);
});

describe("publishDevto: create and update", () => {
  it("POSTs the body without our frontmatter and the fields as JSON; writes back devto_id and devto_url", async () => {
    const done = ok((await publish(POST)).outcome);
    assert.equal(server.copies(TITLE).length, 1);
    const article = server.articles[0]!;
    assert.equal(done.action, "created");
    assert.equal(done.text, expectedText(POST, article));
    assert.equal(done.message.en, `Created on dev.to as a draft: ${article.url}`);
    assert.equal(done.message.ja, `dev.to に下書きとして投稿しました: ${article.url}`);
    const [post] = server.sent("POST", /^\/api\/articles$/);
    assert.equal(post!.headers["api-key"], API_KEY);
    assert.equal(post!.headers.accept, "application/vnd.forem.api-v1+json");
    assert.match(String(post!.headers["content-type"]), /^application\/json/);
    assert.deepEqual(JSON.parse(post!.body), {
      article: {
        title: TITLE,
        body_markdown: BODY,
        published: false,
        tags: ["typescript", "node", "testing"],
        description: "A test post",
        series: null,
        main_image: "https://example.com/cover.png",
      },
    });
    assert.doesNotMatch(article.body_markdown, /^title:/m);
  });

  it("create then update: PUT /api/articles/{id}, published from the mode, one copy, text unchanged", async () => {
    const created = ok((await publish(POST)).outcome);
    const edited = created.text.replace("Body text", "Edited body text");
    const updated = ok((await publish(edited, { mode: "publish" })).outcome);
    const article = server.articles[0]!;
    assert.equal(updated.action, "updated");
    assert.equal(server.copies(TITLE).length, 1);
    assert.equal(server.sent("PUT").length, 1);
    assert.equal(server.sent("PUT")[0]!.path, `/api/articles/${article.id}`);
    assert.equal(article.published, true);
    assert.match(article.body_markdown, /Edited body text/);
    assert.equal(updated.text, edited);
    assert.equal(updated.message.en, `Updated on dev.to (published): ${article.url}`);
    assert.equal(updated.message.ja, `dev.to の記事を更新しました（公開）: ${article.url}`);
  });

  it("refuses more than 4 tags locally (no request)", async () => {
    const error = failed((await publish(POST.replace("tags: typescript, node, testing", "tags: [a, b, c, d, e]"))).outcome);
    assert.equal(error.kind, "invalid");
    assert.deepEqual(error.fields, ["tags"]);
    assert.match(error.message.en, /^Refused: not sent to dev\.to: dev\.to takes at most 4 tags; this post has 5\.$/);
    assert.match(error.message.ja, /^送信しませんでした: dev\.to のタグは 4 個までです/);
    assert.equal(server.requests.length, 0);
  });

  it("404 on update: notFound offering a new article; forgetDevtoRemote then creates it once", async () => {
    const created = ok((await publish(POST)).outcome);
    server.articles.length = 0;
    const error = failed((await publish(created.text)).outcome);
    assert.equal(error.kind, "notFound");
    assert.match(error.message.en, /^Not updated on dev\.to: dev\.to has no article \d+ \(404.*Publish it as a new article\?/);
    assert.match(error.message.ja, /新しい記事として投稿しますか/);
    const forgotten = forgetDevtoRemote(created.text);
    assert.equal(forgotten, POST.replace("series: null\n---", `series: null\n${DEVTO_ID_KEY}: null\n${DEVTO_URL_KEY}: null\n---`));
    const again = ok((await publish(forgotten)).outcome);
    assert.equal(again.action, "created");
    assert.equal(server.copies(TITLE).length, 1);
    assert.equal(again.text, forgotten.replace(`${DEVTO_ID_KEY}: null`, `${DEVTO_ID_KEY}: ${server.articles[0]!.id}`).replace(`${DEVTO_URL_KEY}: null`, `${DEVTO_URL_KEY}: ${server.articles[0]!.url}`));
  });
});

interface Scenario {
  name: string;
  method: "POST" | "PUT";
  fault: Fault;
  timeoutMs?: number;
  copies: number;
  posts?: number;
  ok: boolean;
  kind?: string;
  en: RegExp;
  ja: RegExp;
  waits?: number[];
  fields?: string[];
}

const SCENARIOS: Scenario[] = [
  { name: "POST: connection dropped after dev.to stored the article", method: "POST", fault: { kind: "drop", store: true }, copies: 1, ok: true, en: /^Created on dev\.to as a draft: \S+ \(its answer was lost, but dev\.to lists the new article/, ja: /^dev\.to に下書きとして投稿しました: \S+（応答は受け取れませんでした/ },
  { name: "POST: connection dropped before anything was stored", method: "POST", fault: { kind: "drop", store: false }, copies: 0, ok: false, kind: "ambiguous", en: /^Not published to dev\.to: .*nothing was created\. Try again\.$/, ja: /何も作成されていません。もう一度試してください。$/ },
  { name: "POST: 500 after dev.to stored the article", method: "POST", fault: { kind: "status", status: 500, body: '{"error":"Internal Server Error","status":500}', store: true }, copies: 1, ok: true, en: /^Created on dev\.to as a draft: .*its answer was lost/, ja: /^dev\.to に下書きとして投稿しました/ },
  { name: "POST: 500, nothing stored", method: "POST", fault: { kind: "status", status: 500, body: '{"error":"Internal Server Error","status":500}' }, copies: 0, ok: false, kind: "ambiguous", en: /failed \(500\).*nothing was created/, ja: /（500）.*何も作成されていません/ },
  { name: "POST: answer later than the time limit", method: "POST", fault: { kind: "slow", ms: 600 }, timeoutMs: 150, copies: 1, ok: true, en: /^Created on dev\.to as a draft: .*its answer was lost/, ja: /^dev\.to に下書きとして投稿しました/ },
  { name: "POST: 201 with a malformed JSON body", method: "POST", fault: { kind: "malformed" }, copies: 1, ok: true, en: /^Created on dev\.to as a draft: .*its answer was lost/, ja: /^dev\.to に下書きとして投稿しました/ },
  { name: "POST: 429 with Retry-After, then created", method: "POST", fault: { kind: "status", status: 429, body: '{"error":"Rate limit reached, try again in 30 seconds","status":429}', headers: { "Retry-After": "30" } }, copies: 1, posts: 2, ok: true, en: /^Created on dev\.to as a draft: \S+$/, ja: /^dev\.to に下書きとして投稿しました: \S+$/, waits: [30_000] },
  { name: "POST: 401 (API key refused)", method: "POST", fault: { kind: "status", status: 401, body: '{"error":"unauthorized","status":401}' }, copies: 0, ok: false, kind: "auth", en: /^Not published to dev\.to: dev\.to refused the API key \(401\): unauthorized\./, ja: /API キーを拒否しました（401）/ },
  { name: "POST: 403 forbidden", method: "POST", fault: { kind: "status", status: 403, body: '{"error":"forbidden","status":403}' }, copies: 0, ok: false, kind: "auth", en: /^Not published to dev\.to: dev\.to refused the API key \(403\)/, ja: /（403）/ },
  { name: "POST: 422 naming the tags", method: "POST", fault: { kind: "status", status: 422, body: '{"error":"Validation failed: Tag list exceed the maximum of 4 tags","status":422}' }, copies: 0, ok: false, kind: "invalid", en: /^Refused by dev\.to \(422\): Validation failed: Tag list exceed the maximum of 4 tags\. Not published to dev\.to\.$/, ja: /^dev\.to が記事を受け付けませんでした（422）/, fields: ["tags"] },
  { name: "PUT: connection dropped after dev.to stored the update", method: "PUT", fault: { kind: "drop", store: true }, copies: 1, ok: true, en: /^Updated on dev\.to \(draft\): /, ja: /^dev\.to の記事を更新しました（下書き）/, waits: [500] },
  { name: "PUT: 500 every time", method: "PUT", fault: { kind: "status", status: 502, body: "<html>Bad gateway</html>" }, copies: 1, ok: false, kind: "server", en: /^Not updated on dev\.to: .*failed \(502\)/, ja: /^dev\.to の記事を更新できませんでした/, waits: [500, 1000] },
  { name: "PUT: 200 with a malformed JSON body", method: "PUT", fault: { kind: "malformed" }, copies: 1, ok: true, en: /^Updated on dev\.to \(draft\): /, ja: /^dev\.to の記事を更新しました/ },
  { name: "PUT: 422 naming the title", method: "PUT", fault: { kind: "status", status: 422, body: '{"error":"Title is too long (maximum is 128 characters)","status":422}' }, copies: 1, ok: false, kind: "invalid", en: /^Refused by dev\.to \(422\): Title is too long/, ja: /受け付けませんでした（422）/, fields: ["title"] },
];

describe("publishDevto: faults", () => {
  for (const s of SCENARIOS) {
    it(s.name, async () => {
      let input = POST;
      let before: StoredArticle | undefined;
      if (s.method === "PUT") {
        input = ok((await publish(POST)).outcome).text.replace("Body text", "Updated body text");
        before = structuredClone(server.articles[0]!);
        server.requests.length = 0;
      }
      server.fault(s.method, /^\/api\/articles/, s.fault, s.name.includes("every time") ? 3 : 1);
      const { outcome, waits } = await publish(input, {}, s.timeoutMs !== undefined ? { timeoutMs: s.timeoutMs } : {});
      assert.equal(server.copies(TITLE).length, s.copies, "copies on dev.to");
      assert.equal(server.sent("POST").length, s.method === "POST" ? (s.posts ?? 1) : 0, "POSTs sent");
      const message = outcome.ok ? outcome.message : outcome.error.message;
      assert.match(message.en, s.en);
      assert.match(message.ja, s.ja);
      if (s.waits) assert.deepEqual(waits, s.waits);
      if (s.ok) {
        const done = ok(outcome);
        // Created: the two keys appended; updated: the post as it was (same id and URL).
        assert.equal(done.text, s.method === "POST" ? expectedText(input, server.articles[0]!) : input);
        if (s.method === "PUT") assert.match(server.articles[0]!.body_markdown, /Updated body text/);
      } else {
        const error = failed(outcome);
        assert.equal(error.kind, s.kind);
        if (s.fields) assert.deepEqual(error.fields, s.fields);
        if (before) assert.deepEqual(server.articles[0], before, "dev.to's copy untouched");
      }
    });
  }

  it("the lookup matters: resending after a dropped create would make a second copy", async () => {
    server.fault("POST", /^\/api\/articles$/, { kind: "drop", store: true });
    const first = ok((await publish(POST)).outcome);
    ok((await publish(POST)).outcome);
    assert.equal(server.copies(TITLE).length, 2, "the copy count does catch a double post");
    assert.equal(ok((await publish(first.text)).outcome).action, "updated");
    assert.equal(server.copies(TITLE).length, 2);
  });

  it("the lookup reads further pages (no Link header: a full page means more) and skips other bodies", async () => {
    // 120 articles listed before ours (higher ids), one with our title but another body.
    for (let i = 0; i < 120; i++) {
      server.articles.push({ id: 2_000_000 + i, title: i === 7 ? TITLE : `other ${i}`, body_markdown: "other", published: true, tags: [], description: null, canonical_url: null, main_image: null, series: null, url: `https://dev.example/me/other-${i}` });
    }
    server.fault("POST", /^\/api\/articles$/, { kind: "drop", store: true });
    const done = ok((await publish(POST)).outcome);
    const mine = server.copies(TITLE).filter((a) => a.body_markdown === BODY);
    assert.equal(mine.length, 1);
    assert.equal(done.text, expectedText(POST, mine[0]!));
    assert.deepEqual(
      server.sent("GET", /me\/all/).map((r) => r.query.get("page")),
      ["1", "2"],
    );
  });
});

describe("API key", () => {
  it("an API key echoed by dev.to's error body is removed from the message, the detail and the log", async () => {
    server.fault("POST", /^\/api\/articles$/, { kind: "status", status: 401, body: JSON.stringify({ error: `bad key ${API_KEY}`, status: 401 }) });
    const { outcome, logs } = await publish(POST);
    const error = failed(outcome);
    assert.match(error.message.en, /bad key \*\*\*/);
    for (const text of [error.message.en, error.message.ja, error.detail ?? "", ...logs]) assert.ok(!text.includes(API_KEY), text);
  });
});

describe("pullDevto", () => {
  it("returns dev.to's title and body in the local post, other keys kept; says so for an unknown id", async () => {
    const published = ok((await publish(POST.replace(TITLE, "Pulled from dev.to"))).outcome);
    const stored = server.copies("Pulled from dev.to")[0];
    assert.ok(stored);
    stored.title = "Edited on dev.to";
    stored.body_markdown = "## Changed on the site\n\nNew text.\n";
    const t = testEnvironment({ devto: server.url });
    const pulled = await pullDevto(published.text, API_KEY, t.env);
    assert.match(pulled, /^---\ntitle: Edited on dev\.to\npublished: false\n/);
    assert.ok(pulled.endsWith("---\n\n## Changed on the site\n\nNew text.\n"), pulled);
    assert.match(pulled, new RegExp(`\\n${DEVTO_ID_KEY}: ${stored.id}\\n`));
    await assert.rejects(pullDevto(POST, API_KEY, t.env), (e: { error?: { kind: string } }) => e.error?.kind === "local");
    const unknown = published.text.replace(`${DEVTO_ID_KEY}: ${stored.id}`, `${DEVTO_ID_KEY}: 999999`);
    await assert.rejects(pullDevto(unknown, API_KEY, t.env), (e: { error?: { kind: string; message: { en: string } } }) => e.error?.kind === "notFound");
    assert.ok(t.logs.every((line) => !line.includes(API_KEY)));
  });
});
