/**
 * Each platform's frontmatter keys with their documentation, for completion and hover
 * (../../../../shared/platforms.md has the sources). `values` are the values completion offers.
 */
import type { PlatformId } from "./types";
import type { Localized } from "../shared/i18n";

export interface FieldDoc {
  key: string;
  doc: Localized;
  /** What to insert after `key: ` when completing the key. */
  snippet: string;
  values?: string[];
  /** Values are a list of tags/topics (completion offers those used in other posts). */
  tagList?: boolean;
}

const f = (key: string, en: string, ja: string, snippet: string, extra: Partial<FieldDoc> = {}): FieldDoc => ({ key, doc: { en, ja }, snippet, ...extra });
const BOOL = ["true", "false"];

export const FIELD_DOCS: Record<Exclude<PlatformId, "custom">, FieldDoc[]> = {
  zenn: [
    f("title", "The article's title: a non-empty string of at most 70 characters.", "記事のタイトル。70 文字以内の空でない文字列。", '"$1"'),
    f("emoji", "One emoji shown as the article's icon (missing: a warning; anything but one emoji: an error).", "記事のアイコンとして表示する絵文字 1 つ（ないと警告、絵文字 1 つ以外はエラー）。", '"${1:📝}"'),
    f("type", "tech (technical article) or idea (opinion, news, career…).", "tech（技術記事）または idea（アイデア・ポエムなど）。", "${1|tech,idea|}", { values: ["tech", "idea"] }),
    f("topics", "Up to 5 topics, without spaces or symbols; Zenn shows the first 18 characters of each, in lowercase.", "トピックは 5 つまで、空白や記号なし。Zenn では各トピックの先頭 18 文字が小文字で表示されます。", "[$1]", { tagList: true }),
    f("published", "true publishes the article when pushed; false keeps it a draft. A boolean, not quoted.", "true でプッシュ時に公開、false で下書き。引用符なしの真偽値。", "${1|false,true|}", { values: BOOL }),
    f("published_at", 'Scheduled or back-dated publication: "YYYY-MM-DD" or "YYYY-MM-DD hh:mm" (Japan time); a future date needs published: true.', "予約公開・公開日の指定:「YYYY-MM-DD」または「YYYY-MM-DD hh:mm」（日本時間）。未来の日時には published: true が必要。", "$1"),
    f("publication_name", "The publication (team) to publish in: 2 to 15 characters of a-z, 0-9 and _.", "投稿先の Publication 名。a-z・0-9・_ の 2〜15 文字。", "$1"),
  ],
  qiita: [
    f("title", "The article's title (required, non-empty).", "記事のタイトル（必須、空でないこと）。", "$1"),
    f("tags", "1 to 5 tags; their order is kept.", "タグを 1〜5 個。順序はそのまま使われます。", "\n  - $1", { tagList: true }),
    f("private", "true: a limited-sharing article; false: public. Required.", "true で限定共有記事、false で公開記事。必須。", "${1|false,true|}", { values: BOOL }),
    f("updated_at", "Written by Qiita CLI after publishing; keep it quoted. Used to refuse overwriting a newer remote copy.", "投稿後に Qiita CLI が書き込みます。引用符付きのまま保ってください。リモートの新しい記事を上書きしないために使われます。", "''"),
    f("id", "null until the first publish, then the item's 20-character id (written by Qiita CLI).", "初回投稿までは null、その後は記事の 20 文字の ID（Qiita CLI が書き込みます）。", "null"),
    f("organization_url_name", "The organization to publish under, or null.", "記事を紐付ける Organization、または null。", "null"),
    f("slide", "true makes the article a slide deck. Required.", "true でスライドモード。必須。", "${1|false,true|}", { values: BOOL }),
    f("ignorePublish", "true: Qiita CLI never publishes this file.", "true にすると Qiita CLI はこのファイルを投稿しません。", "${1|false,true|}", { values: BOOL }),
  ],
  hatena: [
    f("Title", "The entry's title (blogsync keys are case-sensitive).", "記事のタイトル（blogsync のキーは大文字・小文字を区別します）。", "$1"),
    f("Date", "The entry's date in RFC 3339, e.g. 2024-01-31T09:00:00+09:00.", "記事の日時。RFC 3339 形式（例: 2024-01-31T09:00:00+09:00）。", "$1"),
    f("URL", "The public URL (written by blogsync; read-only).", "公開 URL（blogsync が書き込みます。読み取り専用）。", "$1"),
    f("EditURL", "The AtomPub member URL (written by blogsync; empty for a new entry).", "AtomPub のメンバー URL（blogsync が書き込みます。新規記事では空）。", "$1"),
    f("PreviewURL", "The preview URL of a draft (written by blogsync).", "下書きのプレビュー URL（blogsync が書き込みます）。", "$1"),
    f("Draft", "true keeps the entry a draft.", "true で下書き。", "${1|true,false|}", { values: BOOL }),
    f("Scheduled", "true schedules the entry for its Date.", "true で Date の日時に予約投稿。", "${1|false,true|}", { values: BOOL }),
    f("Category", "The entry's categories, a list.", "記事のカテゴリー（リスト）。", "\n- $1", { tagList: true }),
    f("CustomPath", "A custom URL path for the entry.", "記事のカスタム URL パス。", "$1"),
  ],
  devto: [
    f("title", "The article's title, at most 128 characters.", "記事のタイトル。128 文字以内。", "$1"),
    f("published", "true publishes the article; false keeps it a draft.", "true で公開、false で下書き。", "${1|false,true|}", { values: BOOL }),
    f("description", "The summary shown in feeds and link previews.", "フィードやリンクプレビューに表示される概要。", "$1"),
    f("tags", "At most 4 tags, comma-separated or a list.", "タグは 4 つまで（カンマ区切りかリスト）。", "$1", { tagList: true }),
    f("canonical_url", "The original URL when the article is a copy (an http(s) URL).", "記事の転載元 URL（http(s) の URL）。", "https://$1"),
    f("cover_image", "The cover image URL.", "カバー画像の URL。", "$1"),
    f("series", "The series the article belongs to.", "記事が属するシリーズ名。", "$1"),
  ],
  blog: [
    f("title", "The post's title.", "記事のタイトル。", "$1"),
    f("date", "The publication date: YYYY-MM-DD or RFC 3339 (2020/07/30 is a string to YAML, not a date).", "公開日。YYYY-MM-DD または RFC 3339（2020/07/30 は YAML では日付ではなく文字列です）。", "$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE"),
    f("description", "The summary search engines and link previews show (about 120 characters are shown).", "検索結果やリンクプレビューに表示される説明（表示はおよそ 120 文字まで）。", "$1"),
    f("tags", "The post's tags, a list.", "記事のタグ（リスト）。", "[$1]", { tagList: true }),
    f("draft", "true keeps the post out of the built site.", "true にするとサイトに出力されません。", "${1|false,true|}", { values: BOOL }),
    f("slug", "The post's URL path segment.", "記事の URL の一部（スラッグ）。", "$1"),
    f("cover", "The cover image (a path or URL).", "カバー画像（パスまたは URL）。", "$1"),
  ],
};

export function fieldDocs(platform: PlatformId | undefined): FieldDoc[] {
  return platform && platform !== "custom" ? FIELD_DOCS[platform] : [];
}
