/**
 * A loopback Qiita API v2: POST/GET/PATCH /api/v2/items[/:id] and GET /api/v2/authenticated_user/items
 * (newest first, paged with a Link header), items kept in memory, Bearer token checked.
 */
import { jst, Loopback, type LoopbackRequest, type LoopbackResponse } from "./loopback";

export interface StoredItem {
  id: string;
  title: string;
  body: string;
  tags: { name: string; versions: string[] }[];
  private: boolean;
  organization_url_name: string | null;
  slide: boolean;
  url: string;
  created_at: string;
  updated_at: string;
}

export class QiitaServer extends Loopback {
  readonly items: StoredItem[] = [];
  /** Second-resolution clock that moves on with every write (like Qiita's updated_at). */
  private clock = Date.now();
  private serial = 0;
  /** List the oldest first (to make the lookup read a second page). */
  oldestFirst = false;

  constructor(readonly token: string) {
    super();
  }

  tick(): string {
    this.clock += 1000;
    return jst(this.clock);
  }

  /** Items with this title (how many copies of the post Qiita holds). */
  copies(title: string): StoredItem[] {
    return this.items.filter((i) => i.title === title);
  }

  protected handle(request: LoopbackRequest): LoopbackResponse {
    if (request.headers.authorization !== `Bearer ${this.token}`) return { status: 401, json: { message: "Unauthorized", type: "unauthorized" } };
    const one = /^\/api\/v2\/items\/([^/]+)$/.exec(request.path);
    if (request.method === "POST" && request.path === "/api/v2/items") {
      const input = JSON.parse(request.body) as Omit<StoredItem, "id" | "url" | "created_at" | "updated_at">;
      if (!input.title) return { status: 422, json: { message: "Title can't be blank", type: "invalid_params" } };
      const id = (++this.serial).toString(16).padStart(20, "0").replace(/^0/, "a");
      const now = this.tick();
      const item: StoredItem = {
        id,
        title: input.title,
        body: input.body,
        tags: input.tags,
        private: input.private,
        organization_url_name: input.organization_url_name,
        slide: input.slide,
        url: `https://qiita.example/me/items/${id}`,
        created_at: now,
        updated_at: now,
      };
      this.items.push(item);
      return { status: 201, json: item };
    }
    if (one && request.method === "GET") {
      const item = this.items.find((i) => i.id === one[1]);
      return item ? { status: 200, json: item } : { status: 404, json: { message: "Not found", type: "not_found" } };
    }
    if (one && request.method === "PATCH") {
      const item = this.items.find((i) => i.id === one[1]);
      if (!item) return { status: 404, json: { message: "Not found", type: "not_found" } };
      const input = JSON.parse(request.body) as Partial<StoredItem>;
      Object.assign(item, {
        title: input.title,
        body: input.body,
        tags: input.tags,
        private: input.private,
        organization_url_name: input.organization_url_name,
        slide: input.slide,
        updated_at: this.tick(),
      });
      return { status: 200, json: item };
    }
    if (request.method === "GET" && request.path === "/api/v2/authenticated_user/items") {
      const page = Number(request.query.get("page") ?? "1");
      const perPage = Number(request.query.get("per_page") ?? "20");
      const list = this.oldestFirst ? [...this.items] : [...this.items].reverse();
      const slice = list.slice((page - 1) * perPage, page * perPage);
      const last = Math.max(1, Math.ceil(list.length / perPage));
      const link = `${page < last ? `<${this.url}${request.path}?page=${page + 1}&per_page=${perPage}>; rel="next", ` : ""}<${this.url}${request.path}?page=${last}&per_page=${perPage}>; rel="last"`;
      return { status: 200, json: slice, headers: { Link: link, "Total-Count": String(list.length) } };
    }
    return { status: 404, json: { message: "Not found", type: "not_found" } };
  }
}
