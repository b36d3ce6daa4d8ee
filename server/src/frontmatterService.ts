/**
 * The server's frontmatter checks: runs core/frontmatter for a document with its settings, the real
 * file system (for the repository layout, images and the custom schema) and caches what rarely
 * changes (the schema's compiled form, per file and content).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { checkBookConfig, checkFrontmatter, type FrontmatterResult } from "./core/frontmatter/check";
import { isBookConfigInZennRepository, isZennBookConfig } from "./core/frontmatter/checks/zennBook";
import { readBookFolder } from "./node/zennBookFolder";
import { compileSchema, type CompiledSchema } from "./core/frontmatter/checks/custom";
import { detectPlatform, type Detection, type LayoutProbe } from "./core/frontmatter/detect";
import { parseFrontmatter } from "./core/frontmatter/parse";
import type { PlatformId } from "./core/frontmatter/types";
import type { TsuzuriSettings } from "./core/settings";
import { nodeConfigFs } from "./node/nodeFs";

export const nodeLayoutProbe: LayoutProbe = nodeConfigFs;

/**
 * The file system as platform detection sees it, remembered for a few seconds: detection walks up
 * the post's folders looking for a dozen tool files on every check (~170 µs per check measured),
 * and repository layouts change rarely; a new blogsync.yaml is noticed within TTL_MS.
 */
export function cachedProbe(probe: LayoutProbe, now: () => number = Date.now, ttlMs = 5000): LayoutProbe {
  const cache = new Map<string, { at: number; value: unknown }>();
  const remember = <T>(key: string, compute: () => T): T => {
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.value as T;
    const value = compute();
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { at: now(), value });
    return value;
  };
  return {
    isFile: (p) => remember(`f:${p}`, () => probe.isFile(p)),
    isDirectory: (p) => remember(`d:${p}`, () => probe.isDirectory(p)),
    readText: (p) => remember(`r:${p}`, () => probe.readText(p)),
    ...(probe.fileHead ? { fileHead: (p: string) => remember(`h:${p}`, () => probe.fileHead!(p)) } : {}),
  };
}

export class FrontmatterService {
  private readonly schemas = new Map<string, { text: string; compiled: CompiledSchema }>();

  /** Set by the server once the workspace's posts are indexed (the duplicate slug/id check). */
  duplicatesOf: ((key: string, value: string, filePath: string) => string[]) | undefined;

  constructor(private readonly probe: LayoutProbe = cachedProbe(nodeLayoutProbe)) {}

  /** Undefined when frontmatter checks are off for the post's folder. */
  check(text: string, filePath: string, root: string | undefined, settings: TsuzuriSettings, now = new Date()): FrontmatterResult | undefined {
    if (settings.platform === "off") return undefined;
    if (isZennBookConfig(filePath)) return this.isBookConfig(filePath, settings) ? checkBookConfig(text, { filePath, folder: readBookFolder(path.dirname(filePath)), now, options: settings.frontmatter }) : undefined;
    return checkFrontmatter(text, {
      filePath,
      root,
      setting: settings.platform,
      options: settings.frontmatter,
      now,
      probe: this.probe,
      ...(this.duplicatesOf ? { duplicatesOf: this.duplicatesOf } : {}),
      ...(settings.platform === "custom" ? { schema: this.schema(settings.frontmatter.schema, root ?? path.dirname(filePath)) } : {}),
    });
  }

  /** A Zenn book's config.yaml, in a Zenn repository (or with the platform set to Zenn). */
  isBookConfig(filePath: string, settings: TsuzuriSettings): boolean {
    if (!isZennBookConfig(filePath)) return false;
    return settings.platform === "zenn" || (settings.platform === "auto" && isBookConfigInZennRepository(this.probe, filePath));
  }

  /** Just the platform (for the notations filter), without the checks. */
  platformOf(text: string, filePath: string, root: string | undefined, settings: TsuzuriSettings): PlatformId | undefined {
    return this.detect(text, filePath, root, settings)?.platform;
  }

  /** The platform and why it was chosen; undefined when frontmatter checks are off. */
  detect(text: string, filePath: string, root: string | undefined, settings: TsuzuriSettings): Detection | undefined {
    if (settings.platform === "off") return undefined;
    return detectPlatform({ text, data: parseFrontmatter(text)?.data, filePath, root, setting: settings.platform, probe: this.probe });
  }

  private schema(setting: string, base: string): { file: string; compiled: CompiledSchema } {
    if (setting === "") return { file: "tsuzuri.frontmatter.schema", compiled: { ok: false, message: "Set tsuzuri.frontmatter.schema to the JSON Schema file for the custom platform." } };
    const file = path.resolve(base, setting);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      return { file, compiled: { ok: false, message: `Cannot read the schema ${file}: ${(e as Error).message}` } };
    }
    const cached = this.schemas.get(file);
    if (cached?.text === text) return { file, compiled: cached.compiled };
    const compiled = compileSchema(text, file);
    this.schemas.set(file, { text, compiled });
    return { file, compiled };
  }
}

/** The platforms whose Markdown notations textlint must not read as prose. */
export function notationsOf(platform: PlatformId | undefined): "zenn" | "qiita" | undefined {
  return platform === "zenn" || platform === "qiita" ? platform : undefined;
}
