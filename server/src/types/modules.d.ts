// Packages that ship no type declarations; only what Tsuzuri uses is declared.
declare module "@textlint/resolver" {
  export interface ResolveHookResult { url: string }
  export interface ImportHookResult { exports: Record<string, unknown> }
  export function registerResolveHook(
    hook: (specifier: string, context: { parentModule: string }) => ResolveHookResult | undefined,
  ): void;
  export function registerImportHook(
    hook: (specifier: string, context: { parentModule: string }) => Promise<ImportHookResult | undefined>,
  ): void;
}
declare module "textlint-rule-preset-ja-technical-writing" {
  const preset: { rules: Record<string, unknown>; rulesConfig: Record<string, unknown> };
  export = preset;
}
declare module "textlint-filter-rule-comments" {
  const filter: unknown;
  export = filter;
}
declare module "textlint-filter-rule-allowlist" {
  const filter: unknown;
  export = filter;
}
declare module "textlint/lib/src/loader/TextlintrcLoader" {
  import type { TextlintKernelPlugin } from "@textlint/kernel";
  export const builtInPlugins: TextlintKernelPlugin[];
}
declare module "kuromoji/src/Tokenizer.js" {
  const Tokenizer: { prototype: unknown };
  export = Tokenizer;
}
// The lattice classes, for core/analyser/analyserLattice.ts (their shapes are declared there).
declare module "kuromoji/src/*" {
  const value: unknown;
  export = value;
}
declare module "markdown-it-footnote" {
  import type MarkdownIt from "markdown-it";
  const footnote: (md: MarkdownIt.MarkdownIt) => void;
  export = footnote;
}

declare module "analyze-desumasu-dearu" {
  export function analyze(text: string, options?: { ignoreConjunction?: boolean }): Promise<unknown[]>;
}
