import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * VS Code's own theme sets for webviews, as captured from a live webview in code-server by capture-themes.mjs: every
 * `--vscode-*` variable, the body classes and theme kind, and VS Code's default webview stylesheet. The harness
 * applies them exactly as VS Code does, so contrast and focus are measured against real colours.
 */
export interface Theme {
  kind: string;
  themeId: string;
  bodyClasses: string[];
  defaultStyles: string;
  variables: Record<string, string>;
}

export const THEME_NAMES = ['light', 'dark', 'light-2026', 'dark-2026', 'hc-dark', 'hc-light'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

const captured = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'test', 'webview', 'themes.json'), 'utf8'),
) as {
  source: string;
  themes: Record<ThemeName, Theme>;
};

export const THEMES: Readonly<Record<ThemeName, Theme>> = captured.themes;
/** Where the sets come from (the code-server version they were captured in). */
export const THEMES_SOURCE = captured.source;

/**
 * Applies a theme to the current document as VS Code does: variables on <html>, theme classes and kind on <body>,
 * and the default stylesheet (adopted, so the page's Content Security Policy allows it, in VS Code's cascade layer).
 * Runs in the page: self-contained.
 */
function applyTheme(theme: Theme): void {
  const html = document.documentElement;
  const old: string[] = [];
  for (let i = 0; i < html.style.length; i++) old.push(html.style.item(i));
  for (const name of old) if (name.startsWith('--vscode-')) html.style.removeProperty(name);
  for (const [k, v] of Object.entries(theme.variables)) html.style.setProperty(k, v);
  const body = document.body;
  body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light');
  body.classList.add(...theme.bodyClasses);
  body.dataset.vscodeThemeKind = theme.kind;
  body.dataset.vscodeThemeId = theme.themeId;
  const marker = '__vscodeDefaultStyles';
  const w = window as unknown as Record<string, CSSStyleSheet | undefined>;
  const sheet = w[marker] ?? new CSSStyleSheet();
  sheet.replaceSync(theme.defaultStyles);
  if (!w[marker]) document.adoptedStyleSheets = [sheet, ...document.adoptedStyleSheets];
  w[marker] = sheet;
}

/** Makes every document the page loads start with `name`'s theme. */
export async function themeOnLoad(page: Page, name: ThemeName): Promise<void> {
  await page.addInitScript({
    content: `document.addEventListener('DOMContentLoaded', () => (${applyTheme.toString()})(${JSON.stringify(THEMES[name])}));`,
  });
}

/** Switches a loaded page to another theme, as VS Code does when the user picks one. */
export async function setTheme(page: Page, name: ThemeName): Promise<void> {
  await page.evaluate(`(${applyTheme.toString()})(${JSON.stringify(THEMES[name])})`);
}
