// Bundles the extension, the language server, its lint worker and the CLI with esbuild, and copies
// what cannot be bundled: kuromoji's dictionary files (read from disk at run time).
const esbuild = require("esbuild");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const pkg = require(path.join(root, "package.json"));
const production = process.argv.includes("--production");

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: production ? false : "linked",
  minify: production,
  // No keepNames: it wraps every closure in `__name` (an Object.defineProperty each), ~24% of the
  // Markdown walk in a profile of the lint worker; nothing here reads function names.
  keepNames: false,
  logLevel: "warning",
  // jsonc-parser's "main" is a UMD build whose internal requires esbuild cannot follow; use its ESM build.
  alias: { "jsonc-parser": path.join(root, "node_modules", "jsonc-parser", "lib", "esm", "main.js") },
  // ESM-only dependencies (tinyglobby's fdir) read import.meta.url, which a CJS bundle lacks.
  define: { TSUZURI_VERSION: JSON.stringify(pkg.version), "import.meta.url": "__tsuzuri_import_meta_url" },
  banner: { js: 'var __tsuzuri_import_meta_url = require("url").pathToFileURL(__filename).href;' },
  // Rules, plugins and configs from a project's node_modules are loaded at run time by path;
  // esbuild must leave those dynamic requires and imports alone (it warns about them).
  logOverride: { "unsupported-require-call": "silent", "unsupported-dynamic-import": "silent",
    // kuromojin's own dictionary lookup; the bundle points it at dist/dict instead (node/nodeDeps.ts).
    "require-resolve-not-external": "silent" },
};

async function main() {
  fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
  await Promise.all([
    esbuild.build({ ...common, entryPoints: { extension: "client/src/extension.ts" }, outdir: "dist", external: ["vscode"] }),
    esbuild.build({
      ...common,
      entryPoints: { server: "server/src/main.ts", "lint-worker": "server/src/node/lintWorker.ts" },
      outdir: "dist",
    }),
    esbuild.build({ ...common, entryPoints: { cli: "server/src/cli/main.ts" }, outdir: "dist", banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } }),
    // `tsuzuri mcp`'s server (the MCP SDK), loaded by the CLI only for that command; it loads render.js when asked to render.
    esbuild.build({ ...common, entryPoints: { mcp: "server/src/mcp/main.ts" }, outdir: "dist" }),
    // The same tools for VS Code's agent mode, loaded by the extension on the first tool call.
    esbuild.build({ ...common, entryPoints: { "post-tools": "server/src/mcp/library.ts" }, outdir: "dist" }),
    // The preview's renderer (Zenn's own renderer is large): loaded by the extension on the first preview.
    esbuild.build({ ...common, entryPoints: { render: "server/src/core/render/index.ts" }, outdir: "dist" }),
    // The preview page's own script: runs in the webview (a browser), not in Node.
    esbuild.build({
      bundle: true,
      platform: "browser",
      format: "iife",
      target: "chrome114",
      minify: production,
      sourcemap: production ? false : "inline",
      logLevel: "warning",
      entryPoints: { preview: "client/src/preview/webview/main.ts" },
      outdir: "dist",
    }),
  ]);
  fs.chmodSync(path.join(root, "dist", "cli.js"), 0o755);
  const dictSource = path.join(path.dirname(require.resolve("kuromoji/package.json")), "dict");
  fs.cpSync(dictSource, path.join(root, "dist", "dict"), { recursive: true });
  // The preview's stylesheet for Zenn posts is Zenn's own (zenn-content-css, scoped by .znc).
  fs.mkdirSync(path.join(root, "dist", "styles"), { recursive: true });
  fs.copyFileSync(require.resolve("zenn-content-css"), path.join(root, "dist", "styles", "zenn-content.css"));
  // KaTeX's stylesheet and fonts, for the math the preview renders offline.
  const katexDist = path.join(path.dirname(require.resolve("katex/package.json")), "dist");
  fs.copyFileSync(path.join(katexDist, "katex.min.css"), path.join(root, "dist", "styles", "katex.css"));
  fs.cpSync(path.join(katexDist, "fonts"), path.join(root, "dist", "styles", "fonts"), { recursive: true });
}

// bench/profile.ts builds a readable server with the same options.
module.exports = { common };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
