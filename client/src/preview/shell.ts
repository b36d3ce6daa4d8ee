/**
 * The preview page's HTML around the rendered post: a Content-Security-Policy that lets only
 * elements carrying our nonce run (our one script), our stylesheets, and the empty root the script
 * fills. No vscode import: the hostile-post test loads the same page in plain Chromium.
 */

export interface ShellInput {
  /** The webview's own origin for resources (webview.cspSource). */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: readonly string[];
  /** Initial content of the root (tests only; the panel sends content by message). */
  body?: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // Images: the extension, the workspace (through asWebviewUri) and https (a post's remote images).
    `img-src ${cspSource} https: data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    // Style attributes (KaTeX sizes its boxes with them) cannot run code; style elements still need the nonce.
    "style-src-attr 'unsafe-inline'",
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
}

const attr = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

export function shellHtml(input: ShellInput): string {
  const links = input.styleUris.map((href) => `<link rel="stylesheet" href="${attr(href)}" nonce="${attr(input.nonce)}">`).join("\n");
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${links}
</head>
<body>
<main id="tsuzuri-root">${input.body ?? ""}</main>
<script nonce="${attr(input.nonce)}" src="${attr(input.scriptUri)}"></script>
</body>
</html>`;
}
