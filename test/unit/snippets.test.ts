/**
 * The Markdown snippets: well-formed, contributed by the manifest, and each frontmatter snippet
 * expanded with its defaults is YAML with the platform's keys.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { repoRoot } from "../helpers/workspace";

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const SNIPPETS_PATH = "./snippets/markdown.json";

function snippets(): Record<string, Snippet> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, SNIPPETS_PATH), "utf8")) as Record<string, Snippet>;
}

const prefixes = (s: Snippet): string[] => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]);
const bodyText = (s: Snippet): string => (Array.isArray(s.body) ? s.body.join("\n") : s.body);

/** Fixed values for VS Code's date variables (2024-05-06 07:08:09 in Tokyo). */
const VARIABLES: Record<string, string> = {
  CURRENT_YEAR: "2024",
  CURRENT_YEAR_SHORT: "24",
  CURRENT_MONTH: "05",
  CURRENT_DATE: "06",
  CURRENT_HOUR: "07",
  CURRENT_MINUTE: "08",
  CURRENT_SECOND: "09",
  CURRENT_TIMEZONE_OFFSET: "+09:00",
};

/**
 * Expands a snippet body as VS Code would when the writer accepts every default: `${1:default}` →
 * default, `${1|a,b|}` → a, `$1`/`${1}`/`$0` → empty, `$VAR`/`${VAR}` → VARIABLES. Unknown variables
 * fail (VS Code would insert their name).
 */
export function expandDefaults(body: string): string {
  // Escaped characters (\$, \}, \\, and \, \| in choices) are set aside first, as private-use characters.
  const escaped: string[] = [];
  let text = body.replace(/\\(.)/g, (_, c: string) => String.fromCharCode(0xe000 + escaped.push(c) - 1));
  // Innermost placeholders first, so nested defaults expand too.
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = text.replace(/\$\{\d+:([^{}$]*)\}/g, (_, value: string) => value);
  }
  text = text
    .replace(/\$\{\d+\|([^|]*)\|\}/g, (_, choices: string) => choices.split(",")[0] ?? "")
    .replace(/\$\{\d+\}|\$\d+/g, "")
    .replace(/\$\{([A-Z_][A-Z0-9_]*)\}|\$([A-Z_][A-Z0-9_]*)/g, (_, braced?: string, bare?: string) => {
      const name = braced ?? bare ?? "";
      const value = VARIABLES[name];
      if (value === undefined) throw new Error(`unknown snippet variable ${name}`);
      return value;
    });
  assert.doesNotMatch(text, /\$/, `unexpanded $ in ${JSON.stringify(text)}`);
  return text.replace(/[\ue000-\uf8ff]/g, (c) => escaped[c.charCodeAt(0) - 0xe000] ?? c);
}

function frontmatterOf(text: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(m?.[1] !== undefined, `no frontmatter block in ${JSON.stringify(text)}`);
  const doc = YAML.parseDocument(m[1]);
  assert.deepEqual(doc.errors, [], `YAML errors in ${m[1]}`);
  const data = doc.toJS() as unknown;
  assert.ok(data && typeof data === "object" && !Array.isArray(data));
  return data as Record<string, unknown>;
}

const FRONTMATTER: Record<string, { keys: string[]; check(data: Record<string, unknown>): void }> = {
  "fm-zenn": {
    keys: ["title", "emoji", "type", "topics", "published"],
    check: (d) => {
      assert.ok(["tech", "idea"].includes(String(d["type"])));
      assert.deepEqual(d["topics"], []);
      assert.equal(d["published"], false);
    },
  },
  "fm-qiita": {
    keys: ["title", "tags", "private", "updated_at", "id", "organization_url_name", "slide", "ignorePublish"],
    check: (d) => {
      assert.ok(Array.isArray(d["tags"]) && d["tags"].length === 1);
      assert.equal(d["private"], false);
      assert.equal(d["updated_at"], "");
      assert.equal(d["id"], null);
      assert.equal(d["organization_url_name"], null);
      assert.equal(d["slide"], false);
      assert.equal(d["ignorePublish"], false);
    },
  },
  "fm-hatena": {
    keys: ["Title", "Date", "Draft", "Category"],
    check: (d) => {
      assert.equal(d["Date"], "2024-05-06T07:08:09+09:00", "RFC 3339 with the offset");
      assert.equal(d["Draft"], true);
      assert.deepEqual(d["Category"], []);
    },
  },
  "fm-devto": {
    keys: ["title", "published", "description", "tags", "canonical_url", "cover_image"],
    check: (d) => assert.equal(d["published"], false),
  },
  "fm-blog": {
    keys: ["title", "date", "description", "tags", "draft"],
    check: (d) => {
      assert.equal(d["date"], "2024-05-06T07:08:09+09:00");
      assert.deepEqual(d["tags"], []);
      assert.equal(d["draft"], true);
    },
  },
};

describe("Markdown snippets", () => {
  it("package.json contributes the file for Markdown", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
      contributes: { snippets?: { language: string; path: string }[] };
    };
    const contributed = pkg.contributes.snippets ?? [];
    assert.deepEqual(contributed, [{ language: "markdown", path: SNIPPETS_PATH }]);
  });

  it("every snippet has a prefix, a body and a description in English and Japanese; prefixes are unique", () => {
    const all = snippets();
    assert.ok(Object.keys(all).length >= 14);
    const seen = new Map<string, string>();
    for (const [name, s] of Object.entries(all)) {
      assert.ok(prefixes(s).length > 0 && prefixes(s).every((p) => typeof p === "string" && p.length > 0), `${name}: prefix`);
      assert.ok(bodyText(s).length > 0, `${name}: body`);
      assert.equal(typeof s.description, "string", `${name}: description`);
      // Snippet descriptions cannot be localised (no %key% for snippet files), so they carry both languages.
      assert.match(s.description, /[A-Za-z]{3}.*[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u, `${name}: English with the Japanese`);
      for (const p of prefixes(s)) {
        assert.ok(!seen.has(p), `prefix ${p} of ${name} is also used by ${seen.get(p)}`);
        seen.set(p, name);
      }
    }
  });

  it("each frontmatter snippet, with its defaults, is YAML with the platform's keys", () => {
    const all = Object.values(snippets());
    for (const [prefix, expected] of Object.entries(FRONTMATTER)) {
      const snippet = all.find((s) => prefixes(s).includes(prefix));
      assert.ok(snippet, `a snippet with prefix ${prefix}`);
      const text = expandDefaults(bodyText(snippet));
      const data = frontmatterOf(text);
      assert.deepEqual(Object.keys(data), expected.keys, prefix);
      expected.check(data);
      assert.match(bodyText(snippet), /\$\{1[:|]/, `${prefix}: the first tab stop is a placeholder`);
      assert.match(bodyText(snippet), /\$0\s*$/, `${prefix}: ends with the cursor on the body`);
    }
  });

  it("the notation snippets write what Zenn and Qiita expect", () => {
    const byPrefix = (p: string): string => {
      const s = Object.values(snippets()).find((x) => prefixes(x).includes(p));
      assert.ok(s, p);
      return expandDefaults(bodyText(s));
    };
    assert.equal(byPrefix("zenn-message"), ":::message\nメッセージ\n:::\n");
    assert.equal(byPrefix("zenn-alert"), ":::message alert\n警告\n:::\n");
    assert.match(byPrefix("zenn-details"), /^:::details .+\n.+\n:::\n$/);
    assert.match(byPrefix("zenn-card"), /^@\[card\]\(https:\/\/\)$/);
    assert.match(byPrefix("zenn-youtube"), /^@\[youtube\]\(.+\)$/);
    assert.match(byPrefix("zenn-image"), /^!\[.+\]\(.+\)\n\*.+\*\n$/);
    assert.equal(byPrefix("qiita-note"), ":::note info\n本文\n:::\n");
    assert.equal(byPrefix("code-file"), "```js:app.js\n\n```\n");
    assert.match(byPrefix("footnote"), /^\[\^1\]\n\n\[\^1\]: .+$/);
  });

  it("the expander follows VS Code's snippet syntax", () => {
    assert.equal(expandDefaults("a ${1:b ${2:c}} ${3|x,y|} $4${5} $0"), "a b c x  ");
    assert.equal(expandDefaults("$CURRENT_YEAR-${CURRENT_MONTH}"), "2024-05");
    assert.equal(expandDefaults("\\$1 costs \\$"), "$1 costs $");
    assert.throws(() => expandDefaults("$UNKNOWN_THING"), /unknown snippet variable/);
  });
});
