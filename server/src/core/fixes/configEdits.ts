/**
 * Minimal edits to a project's textlint config: add a word to textlint-filter-rule-allowlist's
 * `allow` list, or turn a filter on. Everything else in the file stays as it was, comments included.
 *
 * JSON (`.textlintrc`, `.textlintrc.json`, the `textlint` field of package.json) goes through
 * jsonc-parser, VS Code's own JSON editor library. YAML goes through the `yaml` package for the
 * structure and positions, but the edit itself is a text insertion at those positions: `yaml`'s
 * stringifier re-indents the whole file and drops alignment before comments, which is not a minimal
 * edit. Every YAML insertion is checked by parsing the result; should the check fail (an unusual
 * layout), the change is made through `yaml`'s document model instead, which keeps comments.
 */
import { isDeepStrictEqual } from "node:util";
import * as jsonc from "jsonc-parser";
import * as YAML from "yaml";
import { isJavaScriptConfig } from "../lint/configResolution";
import { editsBetween } from "./textEdits";
import { lineStartAt } from "../shared/lines";

export type ConfigChange = { kind: "allow"; word: string } | { kind: "filter"; id: string };

export type ConfigEditResult =
  | { ok: true; text: string; changed: boolean }
  | { ok: false; reason: "javascript" | "syntax"; message: string };

type Format = "json" | "yaml" | "packageJson" | "javascript";

export function configFormat(configFile: string, text: string): Format {
  if (isJavaScriptConfig(configFile)) return "javascript";
  if (/(^|[\\/])package\.json$/.test(configFile)) return "packageJson";
  if (/\.json$/.test(configFile)) return "json";
  if (/\.ya?ml$/.test(configFile)) return "yaml";
  // A plain `.textlintrc` is JSON or YAML, as textlint reads it.
  const errors: jsonc.ParseError[] = [];
  const value: unknown = jsonc.parse(text, errors, { allowTrailingComma: true });
  return errors.length === 0 && typeof value === "object" && value !== null ? "json" : "yaml";
}

/** The config value after the change, as plain data (what the edited file must parse to). */
function changed(config: Record<string, unknown>, change: ConfigChange): Record<string, unknown> {
  const next = structuredClone(config);
  const filters = (typeof next["filters"] === "object" && next["filters"] !== null ? next["filters"] : {}) as Record<string, unknown>;
  next["filters"] = filters;
  if (change.kind === "filter") {
    if (!filters[change.id]) filters[change.id] = true;
    return next;
  }
  const current = filters["allowlist"];
  const options = (typeof current === "object" && current !== null ? current : {}) as Record<string, unknown>;
  filters["allowlist"] = options;
  const allow = options["allow"];
  const list = Array.isArray(allow) ? allow : typeof allow === "string" ? [allow] : [];
  if (!list.includes(change.word)) list.push(change.word);
  options["allow"] = list;
  return next;
}

function keysOf(change: ConfigChange): string[] {
  return change.kind === "filter" ? ["filters", change.id] : ["filters", "allowlist", "allow"];
}

export function editConfig(configFile: string, text: string, change: ConfigChange): ConfigEditResult {
  const format = configFormat(configFile, text);
  if (format === "javascript") {
    return {
      ok: false,
      reason: "javascript",
      message: `${configFile} is JavaScript: Tsuzuri cannot edit code safely. Add it by hand: ${describe(change)}.`,
    };
  }
  return format === "yaml" ? editYaml(configFile, text, change) : editJson(configFile, text, change, format === "packageJson" ? ["textlint"] : []);
}

export function describe(change: ConfigChange): string {
  return change.kind === "filter"
    ? `"filters": { "${change.id}": true }`
    : `"filters": { "allowlist": { "allow": [${JSON.stringify(change.word)}] } }`;
}

function editJson(configFile: string, text: string, change: ConfigChange, prefix: string[]): ConfigEditResult {
  const errors: jsonc.ParseError[] = [];
  const root: unknown = jsonc.parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || typeof root !== "object" || root === null) {
    return { ok: false, reason: "syntax", message: `${configFile} is not valid JSON; fix it first.` };
  }
  let config = root as Record<string, unknown>;
  for (const key of prefix) config = (config[key] ?? {}) as Record<string, unknown>;
  const after = changed(config, change);
  if (isDeepStrictEqual(after, config)) return { ok: true, text, changed: false };
  const path = [...prefix, ...keysOf(change)];
  const allowlist = (after["filters"] as Record<string, unknown>)["allowlist"];
  const modify = (options: jsonc.ModificationOptions) =>
    change.kind === "filter"
      ? jsonc.modify(text, path, true, options)
      : Array.isArray(getPath(config, ["filters", "allowlist", "allow"]))
        ? jsonc.modify(text, [...path, -1], change.word, { ...options, isArrayInsertion: true })
        : jsonc.modify(text, [...prefix, "filters", "allowlist"], allowlist, options);
  const formatted = jsonc.applyEdits(text, modify({ formattingOptions: jsonFormatting(text) }));
  // jsonc-parser formats whole lines around an edit; when that would reformat the writer's own
  // text (a one-line object before the insertion), insert unformatted instead.
  const onlyInserts = editsBetween(text, formatted).every((e) => e.range[0] === e.range[1]);
  return { ok: true, text: onlyInserts ? formatted : jsonc.applyEdits(text, modify({})), changed: true };
}

function getPath(value: unknown, keys: readonly string[]): unknown {
  let at = value;
  for (const key of keys) at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

function jsonFormatting(text: string): jsonc.FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? "  ";
  return {
    insertSpaces: !indent.startsWith("\t"),
    tabSize: indent.startsWith("\t") ? 1 : indent.length,
    eol: text.includes("\r\n") ? "\r\n" : "\n",
  };
}

function editYaml(configFile: string, text: string, change: ConfigChange): ConfigEditResult {
  const doc = YAML.parseDocument(text);
  const before: unknown = doc.errors.length === 0 ? doc.toJS() : undefined;
  if (doc.errors.length > 0 || (before !== null && (typeof before !== "object" || Array.isArray(before)))) {
    return { ok: false, reason: "syntax", message: `${configFile} is not valid YAML; fix it first.` };
  }
  const config = (before ?? {}) as Record<string, unknown>;
  const after = changed(config, change);
  if (isDeepStrictEqual(after, config)) return { ok: true, text, changed: false };
  const inserted = insertYaml(text, doc, keysOf(change), change);
  if (inserted !== undefined && parsesTo(inserted, after)) return { ok: true, text: inserted, changed: true };
  // Unusual layout (flow mappings, anchors…): let `yaml` make the change; comments survive.
  doc.setIn(["filters"], doc.createNode(after["filters"]));
  return { ok: true, text: doc.toString(), changed: true };
}

function parsesTo(text: string, expected: unknown): boolean {
  try {
    return isDeepStrictEqual(YAML.parse(text), expected);
  } catch {
    return false;
  }
}

const lineEndOf = (text: string, offset: number) => {
  const m = /\r\n|\r|\n/g;
  m.lastIndex = offset;
  const found = m.exec(text);
  return found ? found.index : text.length;
};

/** A text insertion that makes the change at `keys`, or undefined when the layout is not a plain block one. */
function insertYaml(text: string, doc: YAML.Document, keys: readonly string[], change: ConfigChange): string | undefined {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const unit = /\n( +)\S/.exec(text)?.[1]?.length ?? 2;
  const leaf = change.kind === "filter" ? "true" : JSON.stringify(change.word);
  const block = (rest: readonly string[], indent: number): string =>
    rest
      .map((key, i) => {
        const pad = " ".repeat(indent + i * unit);
        const last = i === rest.length - 1;
        if (!last) return `${pad}${key}:`;
        return change.kind === "filter" ? `${pad}${key}: ${leaf}` : `${pad}${key}:${eol}${" ".repeat(indent + (i + 1) * unit)}- ${leaf}`;
      })
      .join(eol);
  const splice = (at: number, insert: string, end = at) => text.slice(0, at) + insert + text.slice(end);

  let node: unknown = doc.contents;
  if (node === null) {
    const sep = text.length === 0 || /[\r\n]$/.test(text) ? "" : eol;
    return text + sep + block(keys, 0) + eol;
  }
  for (let i = 0; i < keys.length; i++) {
    if (!YAML.isMap(node) || node.flow) return undefined;
    const map: YAML.YAMLMap = node;
    const pair = map.items.find((p) => YAML.isScalar(p.key) && p.key.value === keys[i]);
    if (!pair) {
      const first = map.items[0]?.key;
      const column = YAML.isNode(first) && first.range ? first.range[0] - lineStartAt(text, first.range[0]) : 0;
      const end = map.range?.[1];
      if (end === undefined) return undefined;
      const at = lineEndOf(text, Math.max(0, end - 1));
      return splice(at, eol + block(keys.slice(i), column));
    }
    const value = pair.value;
    const last = i === keys.length - 1;
    if (last && change.kind === "allow" && YAML.isSeq(value) && value.range) {
      if (value.flow) {
        const close = text.lastIndexOf("]", value.range[1]);
        return close < 0 ? undefined : splice(close, `${value.items.length > 0 ? ", " : ""}${leaf}`);
      }
      const first = value.items[0];
      if (!YAML.isNode(first) || !first.range) return undefined;
      const dash = text.lastIndexOf("-", first.range[0]);
      const column = dash - lineStartAt(text, dash);
      return splice(lineEndOf(text, Math.max(0, value.range[1] - 1)), `${eol}${" ".repeat(column)}- ${leaf}`);
    }
    if (!last && YAML.isScalar(value) && value.range && typeof value.value !== "string") {
      // `allowlist: true` → `allowlist: { allow: ["word"] }`, in flow style so a trailing comment stays put.
      const rest = keys.slice(i + 1);
      const flow = rest.reduceRight((inner, key) => `{ ${key}: ${inner} }`, change.kind === "filter" ? leaf : `[${leaf}]`);
      return splice(value.range[0], flow, value.range[1]);
    }
    if (last && change.kind === "allow" && YAML.isScalar(value) && typeof value.value === "string" && value.range) {
      return splice(value.range[0], `[${JSON.stringify(value.value)}, ${leaf}]`, value.range[1]);
    }
    node = value;
  }
  return undefined;
}
