/**
 * The readiness report page. No vscode import: the webview tests serve the same page with the same policy.
 * Content Security Policy: nothing by default; scripts only with this load's nonce; styles and fonts only from the
 * webview's own origin (the components use constructable stylesheets, which the policy allows).
 */
export interface ReadinessPageOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

/** The page's files, relative to the extension: its only resource root is their folder. */
export const READINESS_ASSETS = { folder: ['dist', 'readiness'], script: 'readiness.js', style: 'readiness.css' };

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function readinessHtml({ cspSource, nonce, scriptUri, styleUri }: ReadinessPageOptions): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>Sign-in readiness</title>
</head>
<body>
<main id="root" aria-busy="true"><p class="empty">Checking who can sign in…</p></main>
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
