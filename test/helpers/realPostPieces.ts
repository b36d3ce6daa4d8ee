/**
 * Hand-written pieces of the real-shaped posts (realPost.ts): sentence templates, word pools,
 * headings, link titles and URLs. The shapes follow what Japanese tech-blog writers really
 * produce (two real posts were read for the proportions; none of their text is used here).
 *
 * Slots in templates: {tool} {tool2} {thing} {thing2} {thingEn} {person} {os} {os2} {ver} {n} {m}
 * {month} {day} {code} {link} {ja} — filled by realPost.ts from a seeded generator, so that
 * sentences vary from section to section (the analyser's token cache and the incremental
 * engine's block cache must not get a head start from repeated text).
 */

export const TOOLS = [
  "Next.js", "Vite", "esbuild", "Prisma", "Terraform", "GitHub Actions", "Cloud Run", "Docker", "pnpm", "Vitest",
  "Playwright", "Hono", "Deno", "Bun", "Redis", "PostgreSQL", "BigQuery", "Kubernetes", "Astro", "Remix",
  "tRPC", "Zod", "ESLint", "Biome", "Renovate", "Sentry", "Datadog", "OpenTelemetry", "Cloudflare Workers", "Firebase",
  "Storybook", "Turborepo", "Nx", "Jest", "webpack", "Rust", "Go", "Python", "FastAPI", "Rails",
];

export const THINGS = [
  "ビルド", "デプロイ", "キャッシュ", "型定義", "認証まわり", "ログ収集", "監視", "E2E テスト", "マイグレーション", "CI のジョブ",
  "依存関係の更新", "エラー処理", "設定ファイル", "環境変数", "API のレスポンス", "画像の最適化", "フォームの検証", "検索機能", "通知", "バッチ処理",
  "権限管理", "キューの再試行", "ログのローテーション", "スキーマ定義", "ステージング環境", "リリース作業", "障害対応", "コードレビュー", "ページング", "国際化対応",
  "アクセスログ", "ジョブの並列化", "Lambda の関数", "静的解析", "フィーチャーフラグ", "DB の接続プール", "SSR のキャッシュ", "ヘルスチェック", "レート制限", "アラートの閾値",
];

export const THINGS_EN = ["build", "deploy", "cache", "schema", "migration", "queue", "logging", "test suite", "release", "cron job", "rollout", "index", "worker pool", "feature flag"];

export const PEOPLE = ["チームの先輩", "同僚", "レビュアー", "前任者", "インフラ担当の方", "デザイナー", "PdM", "新卒のメンバー", "CTO", "業務委託の方", "QA の担当者", "SRE のメンバー"];

export const OSES = ["macOS", "Ubuntu 22.04", "Ubuntu 24.04", "Windows 11", "WSL2", "Debian", "Arch Linux", "Amazon Linux 2023"];

/** Ordinary sentences, desu/masu style: the bulk of the prose. */
export const SENTENCES = [
  "{tool}の{thing}を見直したところ、{thing2}にかかる時間が{n}秒から{m}秒まで縮みました。",
  "最初は{tool}だけで済むと思っていたのですが、{thing}の扱いで{n}回ほどつまずきました。",
  "ここでは{tool} {ver}を前提に説明します。",
  "{month}月に{person}から「{thing}はもう少し単純にできないか」と聞かれたのがきっかけです。",
  "結論から言うと、{thing}は{tool}に任せるのがいちばん楽でした。",
  "手元では{os}で{tool}を動かしていますが、{os2}でも同じ手順で動くはずです。",
  "{n}件ほどある{thing}を順番に確認していくのは、正直なところ骨が折れました。",
  "{tool}のリリースノートを読むと、{ver}で{thing}の挙動が変わったことがわかります。",
  "この時点で{thing}のテストは{n}本あり、すべて{m}秒以内に終わっていました。",
  "{tool}の{thing}について調べていたら、{person}が以前書いた社内ドキュメントが見つかりました。",
  "{thing}の設定を変えたあとは、必ず{code}を実行して差分を確認します。",
  "{tool}の公式ドキュメントには、{thing}について専用のページが用意されています。",
  "ローカルでは問題なく動いたのに、CI では{thing}だけが{m}回に{n}回ほど失敗していました。",
  "原因は{thing}の初期値が{os}と{os2}で違っていたことでした。",
  "{tool}と{tool2}のどちらを使うかで、チームの中でも意見が分かれました。",
  "週に{n}回ほど{thing}のアラートが鳴っていたので、まずはそこから手を付けました。",
  "移行作業はおよそ{n}日かかり、そのうち半分は{thing}の調査に使いました。",
  "{thing}と{thing2}の責務を分けたことで、レビューで見るべき範囲がかなり狭くなりました。",
  "{thing}の具体的なコードは、後半の{thing2}の節で紹介します。",
  "私のチームでは{n}人のメンバーが交代で{thing}を担当しています。",
  "同じ問題にハマった人が多いようで、GitHub の Issue にも{n}件以上の報告がありました。",
  "{tool}は{ver}から{thing}を標準でサポートしています。",
  "ひとまず{thing}は後回しにして、{thing2}を先に片付けることにしました。",
  "{thing}を本番環境に反映したのは{month}月{day}日で、それ以降は大きな問題は起きていません。",
  "計測してみると、{thing}の処理に全体の{n}%ほどの時間がかかっていました。",
  "この方法なら、既存の{thing}に手を入れずに{thing2}だけを差し替えられます。",
  "ちなみに{tool}のメンテナーは{n}人ほどで、Issue への返信はとても早いです。",
  "詳しい経緯は{link}にまとめられています。",
  "{thing}の設定ファイルは{n}行ほどで、思っていたより短く済みました。",
  "{month}月の振り返りで、{thing}の改善が次の目標に決まりました。",
  "{tool}のエラーメッセージをよく読むと、{thing}のパスが間違っていることがわかりました。",
  "{tool}の作者も、{month}月のブログで{thing}について同じ設計を勧めています。",
  "今回の変更で、{thing}のコードは{m}行から{n}行に減りました。",
  "{n}人くらいの小さなプロジェクトなら、{thing}までは作り込まなくても十分だと思います。",
  "{person}にレビューしてもらい、{thing}の命名を{n}か所ほど直しました。",
  "念のため、{thing}のバックアップを{tool}で取ってから作業を始めます。",
  "ここまでの{thing}と{thing2}の流れを図にすると、次のようになります。",
  "{tool}のバージョンを{ver}に上げると、警告が{n}件ほど出ました。",
  "{thing}の部分は、{tool}のプラグインとして切り出しています。",
  "{tool}で見た{thing}の実際の画面は次のとおりです。",
  "{tool}のコミュニティでは、{thing}の話題が毎週のように出ています。",
  "{thing}を{tool}に寄せたおかげで、新しいメンバーでも{n}日ほどで触れるようになりました。",
  "{code}の出力を見ると、{thing}に{n}ミリ秒ほどかかっているのがわかります。",
  "社内の勉強会で{thing}の話をしたところ、{n}人ほどから質問をもらいました。",
  "{tool2}から{tool}へ移ったのは、{thing}の書き方をそろえたかったからです。",
  "{tool}の{thing}のログは{n}日分だけ残し、それより古いものは削除しています。",
  "ドキュメントの{link}の節に、{thing}の注意点が書かれています。",
  "この{thing}の設計は、{person}と{n}回ほど議論して決めました。",
];

/** Sentences the bundled preset flags (ja-technical-writing), with the rule each one is meant to break. */
export const PROBLEMS = [
  // sentence-length (> 100) and max-ten (> 3 「、」)
  "{tool}を入れる前は、{thing}のたびに手作業で設定を書き換えて、{person}に確認をお願いして、その返事を待ってから{thing2}を進めていたので、一日の作業のうち{n}割近くがこうした待ち時間に消えていたのですが、今ではそれがほとんどなくなりました。",
  // ja-no-redundant-expression
  "{tool}を使えば、{thing}を自動化することができます。",
  "{thing}の結果は{code}で確認することができます。",
  // no-doubled-joshi
  "{tool}で{thing}で使う値を作ります。",
  "{thing}が{tool}が持つ設定を上書きしていました。",
  // no-hankaku-kana
  "{thing}の結果は{n}日ごとに ｻｰﾊﾞ 側で保存しています。",
  "ﾃｽﾄ環境では{tool}の{thing}を無効にしています。",
  // ja-no-weak-phrase
  "{thing}は{tool}で置き換えられるかもしれません。",
  // no-exclamation-question-mark
  "{thing}がようやく{n}秒を切りました！",
  "なぜ{tool}の{thing}だけが遅いのでしょうか？",
  // no-dropping-the-ra
  "{tool}ならローカルでも本番と同じ{thing}が見れるので便利です。",
  // max-kanji-continuous-len
  "{tool}の{thing}は自動脆弱性診断結果通知機能と連携します。",
  // no-double-negative-ja, and である in a ですます post (no-mix-dearu-desumasu)
  "{tool}の{thing}を使わないわけではない。",
  // ja-no-abusage
  "{tool}の本番環境に{thing}の設定を適応します。",
  // ja-no-successive-word (a typo)
  "{thing}をを{tool}で確認します。",
  // no-doubled-conjunctive-particle-ga
  "{thing}は便利ですが、{tool}では使えないのですが、回避策はあります。",
  // arabic-kanji-numbers
  "{n}個ある{thing}を一つ一つ確認しました。",
  // no-doubled-conjunction (two sentences)
  "しかし、{thing}は遅いままでした。しかし、{thing2}は{n}倍速くなりました。",
];

/** Paragraph openers and closers with emoji (the astral ones move code-point positions). */
export const EMOJI_PROBLEM_PARAGRAPHS = [
  "🎉 ついに{thing}の移行が終わり、{tool}で{thing2}を自動化することができました。{ja}",
  "🎉 {n}回目の挑戦で、{thing}をやっと{tool}に載せることができました！{ja}",
  "{ja}🎉 {month}月{day}日のリリース当日は{thing}のアラートもなく、すべて予定どおりに終わりました。{tool}を使えば、{thing2}も自動化することができます。",
];

export const EMOJI_PARAGRAPHS = [
  "週末は家族👨‍👩‍👧‍👦で出かけていたので、{thing}の続きは月曜に片付けました。{ja}",
  "✅ {thing}のチェックが通ることを確認したら、次は{thing2}に進みます。{ja}",
  "{ja}手元の{thing}が無事に動いたときは、思わず🎉と投稿してしまいました。",
  "💡 {thing}の設定は{tool}の公式テンプレートから始めると楽です。{ja}",
];

export const ENGLISH = [
  "The {thingEn} step now takes {n} seconds instead of {m}.",
  "We moved the {thingEn} to {tool} in {n} small pull requests.",
  "This works fine as long as the {thingEn} cache is warm.",
  "Keep the {thingEn} config close to the code that reads it.",
  "Nobody reads a {n}-page runbook during an incident.",
  "Measure first, then decide whether {tool} is worth it for the {thingEn}.",
  "The {thingEn} was flaky on {n} out of {m} CI runs.",
  "What {tool} calls a {thingEn} varies a lot between teams.",
];

/** Headings: never with 「。」. */
export const HEADINGS = [
  "{tool}を導入した理由", "{thing}の見直し", "ハマったところ", "{thing}をどう分けたか", "なぜ{tool}なのか", "{tool} {ver} への移行",
  "{thing}の構成", "{thing}で気を付けたこと", "{thing}の計測", "{tool}と{thing}", "やってみてわかったこと", "{thing}の自動化",
  "{thing}の落とし穴", "{tool}の設定", "今後やりたいこと", "{thing}の現状", "{thing}と{thing2}", "{person}とのやりとり",
];

export const STEP_TITLES = ["{tool}をインストールする", "{thing}を設定する", "{code}を実行する", "{thing}を確認する", "{tool}に{thing}を登録する", "{thing2}を切り替える", "動作確認"];

export const OUTLINE_TITLES = ["事業", "開発", "働き方", "チーム", "技術スタック", "採用", "評価", "環境"];

/** Short lines without 「。」: list items and the lines of "outline" paragraphs. */
export const SHORT_LINES = [
  "{tool}が使えること", "{thing}を自分たちで持てること", "週{n}日の出社", "リモート中心で働けること", "{thing}の担当は{n}人",
  "{tool} / {tool2}", "{thing}に{n}か月", "フルリモートは不可", "{thing}の改善に関われること", "型がつく言語であること",
  "{tool}のバージョンは{ver}", "{thing}は{person}が見る", "オンコールは{n}週に1回", "{thing}と{thing2}を分ける", "{n}人のチーム",
];

export const LINK_TITLES = [
  "{tool}で{thing}を速くする", "{tool} {ver} リリースノート", "{thing}のベストプラクティス", "How we migrated the {thingEn} to {tool}",
  "{tool} 公式ドキュメント", "{thing}をゼロから理解する", "{tool}入門", "{thing}の設計パターン", "Understanding {tool} {thingEn}",
  "{person}が書いた{thing}の記事", "{tool}の{thing}についての Issue #{n}", "{thing}で失敗した話", "{tool} Meetup #{n} 資料",
];

export const CAPTIONS = ["{thing}の構成図", "{tool}の設定画面", "{thing}の処理時間の推移", "{thing2}の前後の比較", "{tool}のダッシュボード"];

export const QUOTES_JA = [
  "{thing}は、あとから足すより最初から入れておく方がずっと安く済みます。",
  "{tool}は道具であって、{thing}の問題を魔法のように消してはくれません。",
];

export const WORDS_EN = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"];

/** Code fences with Zenn's file-name syntax; {n} and {m} vary their content. */
export const FENCES = [
  ["ts:src/index.ts", 'import { Hono } from "hono";\n\nconst app = new Hono();\n\n// {thing}のエンドポイント\napp.get("/api/{word}/:id", (c) => c.json({ id: c.req.param("id"), limit: {n} }));\n\nexport default app;'],
  ["yaml:.github/workflows/{word}.yml", "name: {word}\non:\n  pull_request:\n    paths: [\"src/**\"]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    timeout-minutes: {n}\n    steps:\n      - uses: actions/checkout@v4\n      - run: pnpm install --frozen-lockfile\n      - run: pnpm test -- --shard={m}"],
  ["json:package.json", '{\n  "name": "{word}-{n}",\n  "private": true,\n  "scripts": {\n    "dev": "vite",\n    "build": "tsc && vite build",\n    "test": "vitest run --maxWorkers={m}"\n  }\n}'],
  ["bash", "$ pnpm add -D {word}-cli@{ver}\n$ npx {word}-cli init --yes\n✔ created {word}.config.ts ({n} lines)"],
  ["diff ts:src/{word}.ts", "-const TIMEOUT = {m}_000;\n+const TIMEOUT = {n}_000;\n export async function fetch{Word}(id: string) {\n-  return await client.get(`/{word}/${id}`);\n+  return await client.get(`/{word}/${id}`, { timeout: TIMEOUT });\n }"],
  ["sql", "-- {thing}の集計\nSELECT date_trunc('day', created_at) AS day, count(*)\nFROM {word}_events\nWHERE created_at > now() - interval '{n} days'\nGROUP BY 1\nORDER BY 1 DESC\nLIMIT {m};"],
  ["tsx:app/{word}/page.tsx", "export default async function Page() {\n  const items = await getItems({ limit: {n} });\n  return (\n    <ul>\n      {items.map((item) => (\n        <li key={item.id}>{item.title}</li>\n      ))}\n    </ul>\n  );\n}"],
  ["go:cmd/{word}/main.go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; i < {n}; i++ {\n\t\tfmt.Println(\"{word}\", i*{m})\n\t}\n}"],
] as const;

export const URL_SHAPES = [
  "https://zenn.dev/{user}/articles/{hex14}",
  "https://github.com/{user}/{word}/issues/{n}",
  "https://github.com/{user}/{word}/pull/{m}",
  "https://qiita.com/{user}/items/{hex20}",
  "https://speakerdeck.com/{user}/{word}-{n}",
  "https://developer.mozilla.org/ja/docs/Web/API/{Word}",
  "https://www.youtube.com/watch?v={id11}",
  "https://{word}.dev/docs/{word2}/{n}",
  "https://blog.example.jp/entry/2024/{month}/{day}/{hex8}",
];

export const USERS = ["pon", "yuki_dev", "k-tanaka", "mizuho", "hiro0", "sato-eng", "nakamura_sre", "ayaka", "tsubasa", "ken1"];
