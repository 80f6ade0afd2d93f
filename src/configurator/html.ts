import { PageAssets, PageOptions, webviewPage } from '../webviews/webviewPage';

export { makeNonce } from '../webviews/webviewPage';

/**
 * The page's files, relative to the extension: its own build folder (the script, and the stylesheet that esbuild
 * emits from webview/configurator.css), which is the webview's only localResourceRoot. VS Code takes folders as roots,
 * not single files, hence a folder holding only the page's files.
 */
export const CONFIGURATOR_ASSETS: PageAssets = {
  folder: ['dist', 'configurator'],
  script: 'configurator.js',
  style: 'configurator.css',
};

/** The configurator page (see src/webviews/webviewPage.ts for its policy). */
export function configuratorHtml(options: PageOptions): string {
  return webviewPage(options, { title: 'Frontline SSO Configurator', body: '<main id="root"></main>', images: true });
}
