/**
 * A loopback Forem (dev.to) API v1: POST /api/articles, PUT /api/articles/:id, GET /api/articles/me/all
 * (newest first, paged by page/per_page, no Link header), articles kept in memory, api-key checked.
 */
import { Loopback, type LoopbackRequest, type LoopbackResponse } from "./loopback";

export interface StoredArticle {
  id: number;
  title: string;
  body_markdown: string;
  published: boolean;
  tags: string[];
  description: string | null;
  canonical_url: string | null;
  main_image: string | null;
  series: string | null;
  url: string;
}

export class DevtoServer extends Loopback {
  readonly articles: StoredArticle[] = [];
  private nextId = 1_000_001;

  constructor(readonly apiKey: string) {
    super();
  }

  copies(title: string): StoredArticle[] {
    return this.articles.filter((a) => a.title === title);
  }

  private view(a: StoredArticle) {
    return { type_of: "article", ...a, tag_list: a.tags, cover_image: a.main_image };
  }

  protected handle(request: LoopbackRequest): LoopbackResponse {
    if (request.headers["api-key"] !== this.apiKey) return { status: 401, json: { error: "unauthorized", status: 401 } };
    const one = /^\/api\/articles\/(\d+)$/.exec(request.path);
    if (request.method === "POST" && request.path === "/api/articles") {
      const { article } = JSON.parse(request.body) as { article: Partial<StoredArticle> };
      if (!article.title) return { status: 422, json: { error: "Title can't be blank", status: 422 } };
      if ((article.tags ?? []).length > 4) return { status: 422, json: { error: "Tag list exceed the maximum of 4 tags", status: 422 } };
      const id = this.nextId++;
      const slug = article.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "post";
      const stored: StoredArticle = {
        id,
        title: article.title,
        body_markdown: article.body_markdown ?? "",
        published: article.published === true,
        tags: article.tags ?? [],
        description: article.description ?? null,
        canonical_url: article.canonical_url ?? null,
        main_image: article.main_image ?? null,
        series: article.series ?? null,
        url: `https://dev.example/me/${slug}-${id.toString(36)}`,
      };
      this.articles.push(stored);
      return { status: 201, json: this.view(stored) };
    }
    if (one && request.method === "PUT") {
      const stored = this.articles.find((a) => a.id === Number(one[1]));
      if (!stored) return { status: 404, json: { error: "not found", status: 404 } };
      const { article } = JSON.parse(request.body) as { article: Partial<StoredArticle> };
      for (const key of ["title", "body_markdown", "published", "tags", "description", "canonical_url", "main_image", "series"] as const) {
        if (article[key] !== undefined) (stored as unknown as Record<string, unknown>)[key] = article[key];
      }
      return { status: 200, json: this.view(stored) };
    }
    if (request.method === "GET" && request.path === "/api/articles/me/all") {
      const page = Number(request.query.get("page") ?? "1");
      const perPage = Number(request.query.get("per_page") ?? "30");
      const list = [...this.articles].sort((a, b) => b.id - a.id);
      return { status: 200, json: list.slice((page - 1) * perPage, page * perPage).map((a) => this.view(a)) };
    }
    return { status: 404, json: { error: "not found", status: 404 } };
  }
}
