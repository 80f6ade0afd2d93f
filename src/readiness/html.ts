import { PageAssets, PageOptions, webviewPage } from '../webviews/webviewPage';

export { makeNonce } from '../webviews/webviewPage';

/** The page's files, relative to the extension: its only resource root is their folder. */
export const READINESS_ASSETS: PageAssets = {
  folder: ['dist', 'readiness'],
  script: 'readiness.js',
  style: 'readiness.css',
};

/** The readiness report page (see src/webviews/webviewPage.ts for its policy). */
export function readinessHtml(options: PageOptions): string {
  return webviewPage(options, {
    title: 'Sign-in readiness',
    body: '<main id="root" aria-busy="true"><p class="empty">Checking who can sign in…</p></main>',
  });
}
