/**
 * A real HTTP server on 127.0.0.1 (port 0) for the publishing clients' tests, with faults injected
 * per request: drop the connection after reading the request (after the handler stored the post, or
 * before), answer a status of our choosing (again after storing or not), answer late, answer a
 * malformed body. Plus the test environment: the real fetch, a sleep that records the waits and
 * resolves at once, a log that collects every line.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import type { Fetch, PublishEnvironment } from "../../server/src/core/publish/types";

export interface LoopbackRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface LoopbackResponse {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

export type Fault =
  /** Read the request, (store: run the handler), then destroy the socket without answering. */
  | { kind: "drop"; store: boolean }
  /** Answer this status and body; store: run the handler first (a 500 after the post was saved). */
  | { kind: "status"; status: number; body: string; headers?: Record<string, string>; store?: boolean }
  /** Run the handler, answer after `ms` (beyond the client's time limit). */
  | { kind: "slow"; ms: number }
  /** Run the handler, answer its status with a body that is not JSON. */
  | { kind: "malformed" };

interface FaultRule {
  method: string;
  path: RegExp;
  fault: Fault;
  times: number;
}

export abstract class Loopback {
  readonly requests: LoopbackRequest[] = [];
  private readonly faults: FaultRule[] = [];
  private server: http.Server | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  url = "";

  protected abstract handle(request: LoopbackRequest): LoopbackResponse;

  /** The next `times` requests matching method and path meet `fault`. */
  fault(method: string, path: RegExp, fault: Fault, times = 1): void {
    this.faults.push({ method, path, fault, times });
  }

  /** Requests by "METHOD /path" (for asserting what was sent and how often). */
  sent(method: string, path?: RegExp): LoopbackRequest[] {
    return this.requests.filter((r) => r.method === method && (!path || path.test(r.path)));
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.dispatch(req, res, Buffer.concat(chunks).toString("utf8")));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private dispatch(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const request: LoopbackRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body };
    this.requests.push(request);
    const rule = this.faults.find((f) => f.times > 0 && f.method === request.method && f.path.test(request.path));
    if (rule) rule.times--;
    const fault = rule?.fault;
    const run = () => {
      try {
        return this.handle(request);
      } catch (e) {
        return { status: 500, json: { message: String(e) } };
      }
    };
    const answer = (status: number, text: string, headers: Record<string, string> = {}) => {
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
      res.end(text);
    };
    if (!fault) {
      const r = run();
      answer(r.status, r.json === undefined ? "" : JSON.stringify(r.json), r.headers);
      return;
    }
    switch (fault.kind) {
      case "drop":
        if (fault.store) run();
        req.socket.destroy();
        return;
      case "status":
        if (fault.store) run();
        answer(fault.status, fault.body, fault.headers);
        return;
      case "slow": {
        const r = run();
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          answer(r.status, r.json === undefined ? "" : JSON.stringify(r.json), r.headers);
        }, fault.ms);
        this.timers.add(timer);
        return;
      }
      case "malformed": {
        const r = run();
        answer(r.status, '{"id": "abc", "title": <html>oops', r.headers);
        return;
      }
    }
  }
}

export interface TestEnvironment {
  env: PublishEnvironment;
  /** Every wait the client asked for, in ms. */
  waits: number[];
  /** Every log line. */
  logs: string[];
}

/** Everything any client logged in this process (checked for tokens at the end). */
export const ALL_LOGS: string[] = [];

export function testEnvironment(baseUrls: PublishEnvironment["baseUrls"], options: { timeoutMs?: number } = {}): TestEnvironment {
  const waits: number[] = [];
  const logs: string[] = [];
  const env: PublishEnvironment = {
    fetch: globalThis.fetch as unknown as Fetch,
    now: () => Date.now(),
    sleep: async (ms) => {
      waits.push(ms);
    },
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    timeoutMs: options.timeoutMs ?? 2000,
    ...(baseUrls ? { baseUrls } : {}),
    log: (line) => {
      logs.push(line);
      ALL_LOGS.push(line);
    },
  };
  return { env, waits, logs };
}

/** Qiita's updated_at style: seconds, +09:00. */
export function jst(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000 + 9 * 3600_000).toISOString().replace(/\.\d{3}Z$/, "+09:00");
}
