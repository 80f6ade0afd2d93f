/**
 * The configurator page. No vscode import: the webview test harness serves the same page with the same policy.
 * Content Security Policy: nothing by default; scripts only with this load's nonce; styles and fonts only from the
 * webview's own origin (the components use constructable stylesheets, which the policy allows).
 */
/**
 * Everything the page loads, relative to the extension: its own build folder (the script, and the stylesheet that
 * esbuild emits from media/configurator.css), which is the webview's only localResourceRoot. VS Code takes folders as
 * roots, not single files, hence a folder holding only the page's files.
 */
export const CONFIGURATOR_ASSETS = {
  root: ['dist', 'webview'],
  script: ['dist', 'webview', 'webview.js'],
  style: ['dist', 'webview', 'webview.css'],
} as const;

export interface PageOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function configuratorHtml({ cspSource, nonce, scriptUri, styleUri }: PageOptions): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>Frontline SSO Configurator</title>
</head>
<body>
<main id="root"></main>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

/** A fresh nonce per page load. */
export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64').replace(/[+/=]/g, '');
}
