/**
 * LSP glue for completion and hover in the frontmatter, and the workspace's index of topics/tags
 * (read from the posts' frontmatter once at start, then kept current from the open documents).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { glob } from "tinyglobby";
import type { CompletionParams, Connection, HoverParams, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import { frontmatterCompletions, frontmatterHover, indexEntryOf } from "./core/frontmatter/completion";
import type { Lang } from "./core/shared/i18n";
import type { TsuzuriSettings } from "./core/settings";
import type { FrontmatterService } from "./frontmatterService";

const MAX_INDEXED_POSTS = 5000;
const MAX_POST_BYTES = 1024 * 1024;

/** Topics/tags and identity values (slug, id…) per post of the workspace. */
export class PostIndex {
  private readonly byFile = new Map<string, string[]>();
  private readonly identities = new Map<string, Record<string, string>>();
  private counts: Map<string, number> | undefined;

  set(filePath: string, text: string): void {
    const entry = indexEntryOf(text);
    this.byFile.set(filePath, [...new Set(entry.tags)]);
    this.identities.set(filePath, entry.identities);
    this.counts = undefined;
  }

  /** Other posts whose `key` has `value`. */
  duplicatesOf(key: string, value: string, filePath: string): string[] {
    const out: string[] = [];
    for (const [file, ids] of this.identities) if (file !== filePath && ids[key] === value) out.push(file);
    return out;
  }

  /** Tag → number of posts that use it. */
  usage(): ReadonlyMap<string, number> {
    if (!this.counts) {
      this.counts = new Map();
      for (const tags of this.byFile.values()) for (const t of tags) this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
    }
    return this.counts;
  }

  /** Reads every Markdown post under the folders (node_modules and dot-folders skipped). */
  async scan(folders: readonly string[]): Promise<number> {
    let count = 0;
    for (const folder of folders) {
      const files = await glob(["**/*.md", "**/*.markdown"], { cwd: folder, absolute: true, ignore: ["**/node_modules/**", "**/.*/**"] });
      for (const file of files.slice(0, MAX_INDEXED_POSTS - count)) {
        try {
          if (fs.statSync(file).size > MAX_POST_BYTES) continue;
          this.set(file, fs.readFileSync(file, "utf8"));
          count++;
        } catch {
          // unreadable: not indexed
        }
      }
    }
    return count;
  }
}

export interface FrontmatterFeatureDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  frontmatter: FrontmatterService;
  settingsFor(uri: string): Promise<TsuzuriSettings>;
  folderFor(filePath: string): string | undefined;
  lang(): Lang;
}

export function registerFrontmatterFeatures(deps: FrontmatterFeatureDeps): PostIndex {
  const { connection, documents } = deps;
  const index = new PostIndex();
  deps.frontmatter.duplicatesOf = (key, value, filePath) => index.duplicatesOf(key, value, filePath);
  const platformOf = async (document: TextDocument) => {
    const filePath = URI.parse(document.uri).fsPath;
    return deps.frontmatter.platformOf(document.getText(), filePath, deps.folderFor(filePath), await deps.settingsFor(document.uri));
  };

  connection.onCompletion(async (params: CompletionParams) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const text = document.getText();
    const offset = document.offsetAt(params.position);
    return frontmatterCompletions({ text, offset, platform: await platformOf(document), lang: deps.lang(), usedTags: index.usage() });
  });

  connection.onHover(async (params: HoverParams) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    return frontmatterHover(document.getText(), document.offsetAt(params.position), await platformOf(document), deps.lang()) ?? null;
  });

  documents.onDidChangeContent((e) => index.set(URI.parse(e.document.uri).fsPath, e.document.getText()));
  return index;
}

export function describeIndexed(count: number, folders: readonly string[]): string {
  return `indexed the frontmatter of ${count} posts in ${folders.map((f) => path.basename(f)).join(", ")}`;
}
