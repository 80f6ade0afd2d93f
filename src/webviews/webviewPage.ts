/**
 * The HTML of the extension's webview pages (the configurator, the readiness report). No vscode import: the webview
 * tests serve the same pages with the same policy.
 *
 * Content Security Policy: nothing by default; scripts only with this load's nonce; styles, fonts and images only from
 * the webview's own origin (the components use constructable stylesheets, which the policy allows).
 */
/**
 * A page's built files, relative to the extension (scripts/build.mjs writes dist/<page>/<page>.js and .css from
 * src/<feature>/webview/main.ts): the folder is the webview's only resource root.
 */
export interface PageAssets {
  folder: readonly string[];
  script: string;
  style: string;
}

export interface PageOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

export interface PageContent {
  title: string;
  /** What the page shows before its script runs (static markup, no user data). */
  body: string;
  /** Whether images from the webview's origin and data: URIs may load. */
  images?: boolean;
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function webviewPage({ cspSource, nonce, scriptUri, styleUri }: PageOptions, content: PageContent): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    ...(content.images ? [`img-src ${cspSource} data:`] : []),
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>${escapeText(content.title)}</title>
</head>
<body>
${content.body}
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

/** A fresh nonce per page load. */
export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  let text = '';
  for (const b of bytes) text += b.toString(16).padStart(2, '0');
  return text;
}
