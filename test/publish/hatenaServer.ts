/**
 * A real Hatena Blog AtomPub server on 127.0.0.1 (port 0) for the client's tests: it checks WSSE
 * (digest of a known API key, the Authorization profile, nonces never reused) and answers 401
 * otherwise; keeps entries in memory; serves GET on the collection (newest `updated` first, paged
 * with <link rel="next">), POST, GET and PUT on members; parses what it is sent with a strict XML
 * parser (malformed XML: 400). Faults are injected per request: drop the connection (after storing
 * or before), a status (after storing or not, with headers such as Retry-After and a body), a late
 * answer, a malformed XML answer.
 *
 * Its XML writer is its own (not the client's), so an escaping mistake on one side is not mirrored
 * on the other.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, randomBytes } from "node:crypto";
import type { Fetch, PublishEnvironment } from "../../server/src/core/publish/types";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require("sax") as {
  parser(strict: boolean, options: object): {
    onopentag: (tag: { uri: string; local: string; attributes: Record<string, { local: string; uri: string; value: string }> }) => void;
    onclosetag: () => void;
    ontext: (t: string) => void;
    oncdata: (t: string) => void;
    onerror: (e: Error) => void;
    write(s: string): { close(): void };
  };
};

const ATOM = "http://www.w3.org/2005/Atom";
const APP = "http://www.w3.org/2007/app";
const HATENABLOG = "http://www.hatena.ne.jp/info/xmlns#hatenablog";

export interface StoredEntry {
  id: string;
  title: string;
  author: string;
  content: string;
  contentType: string;
  updated: number;
  published: number;
  edited: number;
  categories: string[];
  draft: boolean;
  customUrl?: string;
}

export type Fault =
  | { kind: "drop"; store: boolean }
  | { kind: "status"; status: number; body?: string; headers?: Record<string, string>; store?: boolean }
  | { kind: "slow"; ms: number }
  | { kind: "malformed" };

export interface SeenRequest {
  method: string;
  target: "collection" | "member" | "other";
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  status?: number;
}

interface FaultRule {
  method: string;
  target: "collection" | "member";
  fault: Fault;
  times: number;
}

/** Hatena-style date: +09:00, no fraction. */
export function jst(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().replace(/\.\d{3}Z$/, "+09:00");
}

// The server's own escaping (deliberately independent of the client's).
const esc = (s: string) =>
  s.replace(/[&<>"'\r]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "\r": "&#xD;" })[c] ?? c);

interface Parsed {
  root: string;
  title?: string;
  author?: string;
  content?: string;
  contentType?: string;
  updated?: string;
  categories: string[];
  draft?: string;
  customUrl?: string;
}

function parseSent(xml: string): Parsed {
  const p = sax.parser(true, { xmlns: true, strictEntities: true });
  const stack: { uri: string; local: string; text: string }[] = [];
  const out: Parsed = { root: "", categories: [] };
  p.onerror = (e) => {
    throw e;
  };
  p.onopentag = (tag) => {
    if (stack.length === 0) out.root = `${tag.uri} ${tag.local}`;
    const attr = (n: string) => Object.values(tag.attributes).find((a) => a.local === n && a.uri === "")?.value;
    if (tag.uri === ATOM && tag.local === "category") out.categories.push(attr("term") ?? "");
    if (tag.uri === ATOM && tag.local === "content") out.contentType = attr("type") ?? "";
    stack.push({ uri: tag.uri, local: tag.local, text: "" });
  };
  p.ontext = p.oncdata = (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  p.onclosetag = () => {
    const f = stack.pop();
    if (!f) return;
    const key = `${f.uri} ${f.local}`;
    if (key === `${ATOM} title` && stack.length === 1) out.title = f.text;
    else if (key === `${ATOM} name`) out.author = f.text;
    else if (key === `${ATOM} content`) out.content = f.text;
    else if (key === `${ATOM} updated`) out.updated = f.text;
    else if (key === `${APP} draft`) out.draft = f.text;
    else if (key === `${HATENABLOG} custom-url`) out.customUrl = f.text;
  };
  // XML 1.0 §2.11: a conforming parser (Hatena's) turns literal CRLF and CR into LF before parsing;
  // sax does not, so do it here: only a CR sent as a character reference survives.
  p.write(xml.replace(/\r\n?/g, "\n")).close();
  return out;
}

export class HatenaServer {
  readonly hatenaId = "tsuzuri-test";
  readonly blogId = "tsuzuri-test.hatenablog.com";
  readonly apiKey = "k3y-S3CR3T-abc123xyz";
  readonly entries = new Map<string, StoredEntry>();
  readonly requests: SeenRequest[] = [];
  readonly nonces: string[] = [];
  pageSize = 3;
  base = "";
  private nextId = 1;
  private readonly faults: FaultRule[] = [];
  private server: http.Server | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly now: () => number) {}

  get collection(): string {
    return `${this.base}/${this.hatenaId}/${this.blogId}/atom/entry`;
  }

  memberUrl(id: string): string {
    return `${this.collection}/${id}`;
  }

  /** The next `times` requests with this method on this target meet `fault`. */
  fault(method: string, target: "collection" | "member", fault: Fault, times = 1): void {
    this.faults.push({ method, target, fault, times });
  }

  sent(method: string, target?: "collection" | "member"): SeenRequest[] {
    return this.requests.filter((r) => r.method === method && (!target || r.target === target));
  }

  /** An entry as if written on Hatena Blog (or by another tool). */
  add(fields: Partial<StoredEntry> & { title: string; content: string }): StoredEntry {
    const t = this.now();
    const entry: StoredEntry = { id: String(this.nextId++).padStart(13, "0"), author: this.hatenaId, contentType: "text/x-markdown", updated: t, published: t, edited: t, categories: [], draft: false, ...fields };
    this.entries.set(entry.id, entry);
    return entry;
  }

  /** Someone edits the entry on Hatena Blog now. */
  editRemotely(id: string, content: string): void {
    const e = this.entries.get(id);
    if (!e) throw new Error(`no entry ${id}`);
    e.content = content;
    e.edited = this.now();
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.onRequest(req, res, Buffer.concat(chunks).toString("utf8")));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The test environment: the real fetch, a sleep that records and resolves at once, a log. */
  env(overrides: Partial<PublishEnvironment> = {}): { env: PublishEnvironment; logs: string[]; sleeps: number[] } {
    const logs: string[] = [];
    const sleeps: number[] = [];
    const env: PublishEnvironment = {
      fetch: globalThis.fetch as unknown as Fetch,
      now: this.now,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      randomBytes: (n) => randomBytes(n),
      timeoutMs: 3000,
      baseUrls: { hatena: this.base },
      log: (m) => logs.push(m),
      ...overrides,
    };
    return { env, logs, sleeps };
  }

  private authError(headers: http.IncomingHttpHeaders): string | undefined {
    if (headers["authorization"] !== 'WSSE profile="UsernameToken"') return "missing WSSE profile";
    const wsse = String(headers["x-wsse"] ?? "");
    const m = /^UsernameToken Username="([^"]*)", PasswordDigest="([^"]*)", Nonce="([^"]*)", Created="([^"]*)"$/.exec(wsse);
    if (!m) return "malformed X-WSSE";
    const [, user, digest, nonce, created] = m as unknown as [string, string, string, string, string];
    if (user !== this.hatenaId) return "unknown user";
    if (Number.isNaN(Date.parse(created))) return "bad Created";
    const expected = createHash("sha1").update(Buffer.from(nonce, "base64")).update(created).update(this.apiKey).digest("base64");
    if (digest !== expected) return "wrong digest";
    if (this.nonces.includes(nonce)) return "nonce reused";
    this.nonces.push(nonce);
    return undefined;
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? "/", this.base);
    const prefix = `/${this.hatenaId}/${this.blogId}/atom/entry`;
    const target = url.pathname === prefix ? "collection" : url.pathname.startsWith(`${prefix}/`) ? "member" : "other";
    const seen: SeenRequest = { method: req.method ?? "", target, url: url.href, headers: req.headers, body };
    this.requests.push(seen);
    const send = (status: number, text: string, headers: Record<string, string> = {}) => {
      seen.status = status;
      res.writeHead(status, { "Content-Type": text.startsWith("<?xml") ? "application/atom+xml; charset=utf-8" : "text/plain; charset=utf-8", ...headers });
      res.end(text);
    };
    const denied = this.authError(req.headers);
    if (denied) return send(401, `401 Unauthorized: WSSE authentication failed (${denied})`, { "WWW-Authenticate": 'WSSE profile="UsernameToken"' });
    if (target === "other") return send(404, "404 Not Found");

    const rule = this.faults.find((f) => f.method === seen.method && f.target === target && f.times > 0);
    if (rule) rule.times--;
    const fault = rule?.fault;
    if (fault?.kind === "drop" && !fault.store) return void req.socket.destroy();
    if (fault?.kind === "status" && !fault.store) return send(fault.status, fault.body ?? `${fault.status} error`, fault.headers);

    const [status, text, headers] = this.handle(seen.method, target, url, body);
    if (fault?.kind === "drop") return void req.socket.destroy();
    if (fault?.kind === "status") return send(fault.status, fault.body ?? `${fault.status} error`, fault.headers);
    if (fault?.kind === "malformed") return send(status, text.slice(0, Math.floor(text.length / 2)));
    if (fault?.kind === "slow") {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!res.destroyed) send(status, text, headers);
      }, fault.ms);
      this.timers.add(timer);
      return;
    }
    send(status, text, headers);
  }

  private handle(method: string, target: "collection" | "member", url: URL, body: string): [number, string, Record<string, string>?] {
    if (target === "collection") {
      if (method === "GET") return [200, this.feedXml(Number(url.searchParams.get("page") ?? "0"))];
      if (method === "POST") {
        const parsed = this.parse(body);
        if (typeof parsed === "string") return [400, parsed];
        const t = this.now();
        const entry = this.add({ ...this.fields(parsed), published: t, edited: t });
        return [201, this.entryXml(entry), { Location: this.memberUrl(entry.id) }];
      }
      return [405, "405 Method Not Allowed"];
    }
    const id = url.pathname.split("/").pop() ?? "";
    const entry = this.entries.get(id);
    if (!entry) return [404, "404 Not Found"];
    if (method === "GET") return [200, this.entryXml(entry)];
    if (method === "PUT") {
      const parsed = this.parse(body);
      if (typeof parsed === "string") return [400, parsed];
      Object.assign(entry, this.fields(parsed), { edited: this.now() });
      return [200, this.entryXml(entry)];
    }
    if (method === "DELETE") {
      this.entries.delete(id);
      return [200, ""];
    }
    return [405, "405 Method Not Allowed"];
  }

  private parse(body: string): Parsed | string {
    try {
      const parsed = parseSent(body);
      return parsed.root === `${ATOM} entry` ? parsed : "400 Bad Request: not an Atom entry";
    } catch (e) {
      return `400 Bad Request: invalid XML (${(e as Error).message.split("\n")[0]})`;
    }
  }

  private fields(p: Parsed): Omit<StoredEntry, "id" | "published" | "edited"> {
    return {
      title: p.title ?? "",
      author: p.author ?? "",
      content: p.content ?? "",
      contentType: p.contentType ?? "",
      updated: p.updated ? Date.parse(p.updated) : this.now(),
      categories: p.categories,
      draft: p.draft === "yes",
      ...(p.customUrl !== undefined ? { customUrl: p.customUrl } : {}),
    };
  }

  alternateUrl(e: StoredEntry): string {
    const d = jst(e.updated);
    return `https://${this.blogId}/entry/${e.customUrl ?? `${d.slice(0, 10).replace(/-/g, "/")}/${d.slice(11, 19).replace(/:/g, "")}`}`;
  }

  private entryBody(e: StoredEntry): string {
    return [
      `<id>tag:blog.hatena.ne.jp,2013:blog-${this.hatenaId}-13574176438046325-${e.id}</id>`,
      `<link rel="edit" href="${esc(this.memberUrl(e.id))}"/>`,
      `<link rel="alternate" type="text/html" href="${esc(this.alternateUrl(e))}"/>`,
      ...(e.draft ? [`<link rel="preview" href="https://${this.blogId}/draft/${e.id}"/>`] : []),
      `<author><name>${esc(e.author)}</name></author>`,
      `<title>${esc(e.title)}</title>`,
      `<updated>${jst(e.updated)}</updated>`,
      `<published>${jst(e.published)}</published>`,
      `<app:edited>${jst(e.edited)}</app:edited>`,
      `<summary type="text">${esc(e.content.slice(0, 20))}</summary>`,
      `<content type="${esc(e.contentType)}">${esc(e.content)}</content>`,
      `<hatena:formatted-content type="text/html" xmlns:hatena="http://www.hatena.ne.jp/info/xmlns#">${esc(`<p>${esc(e.content)}</p>`)}</hatena:formatted-content>`,
      ...e.categories.map((c) => `<category term="${esc(c)}" />`),
      `<app:control><app:draft>${e.draft ? "yes" : "no"}</app:draft></app:control>`,
      ...(e.customUrl !== undefined ? [`<hatenablog:custom-url xmlns:hatenablog="${HATENABLOG}">${esc(e.customUrl)}</hatenablog:custom-url>`] : []),
    ].join("\n  ");
  }

  entryXml(e: StoredEntry): string {
    return `<?xml version="1.0" encoding="utf-8"?>\n<entry xmlns="${ATOM}" xmlns:app="${APP}">\n  ${this.entryBody(e)}\n</entry>\n`;
  }

  private feedXml(offset: number): string {
    const all = [...this.entries.values()].sort((a, b) => b.updated - a.updated || Number(b.id) - Number(a.id));
    const page = all.slice(offset, offset + this.pageSize);
    const next = offset + this.pageSize < all.length ? `\n  <link rel="next" href="${esc(`${this.collection}?page=${offset + this.pageSize}`)}"/>` : "";
    const entries = page.map((e) => `  <entry>\n  ${this.entryBody(e)}\n  </entry>`).join("\n");
    return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="${ATOM}" xmlns:app="${APP}">\n  <link rel="first" href="${esc(this.collection)}"/>${next}\n  <title>${esc(this.blogId)}</title>\n${entries}\n</feed>\n`;
  }
}
