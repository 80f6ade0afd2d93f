#!/usr/bin/env node
// Captures the theme variables VS Code itself injects into a webview, for the Chromium harness
// (test/webview/themes.json). Starts code-server (scripts/vscode-host), opens the configurator once per colour theme
// and reads the `--vscode-*` custom properties, the body classes, the theme kind and VS Code's default webview
// stylesheet from the live webview, so the harness renders with the complete sets real VS Code uses, not a
// hand-picked subset.
//   npm run build && node test/webview/capture-themes.mjs
/* global document */
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM, CODE_SERVER_VERSION, installed } from '../../scripts/vscode-host/install.mjs';
import { CHROMIUM_ARGS, startCodeServer, workbenchUrl } from '../../scripts/vscode-host/code-server.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test', 'webview', 'themes.json');

/** Harness name → the `workbench.colorTheme` id of a theme that ships with VS Code. */
export const CAPTURED = {
  light: 'Light Modern',
  dark: 'Dark Modern',
  'light-2026': 'Light 2026',
  'dark-2026': 'Dark 2026',
  'hc-dark': 'Default High Contrast',
  'hc-light': 'Default High Contrast Light',
};

if (!installed()) {
  console.error('The VS Code host is not installed: run npm run vscode:install');
  process.exit(2);
}

const workspace = mkdtempSync(join(tmpdir(), 'frontline-sso-themes-'));
cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
// One config file, so the configurator opens it without asking which.
rmSync(join(workspace, 'broken.frontline-sso.json'));
const themes = {};
for (const [name, id] of Object.entries(CAPTURED)) {
  // One code-server per theme: the setting is read at startup, so nothing depends on the theme picker's UI.
  const server = await startCodeServer({ settings: { 'workbench.colorTheme': id } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(workbenchUrl(server.port, { folder: workspace, extensionDevelopmentPath: ROOT }));
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await page.locator('.part.activitybar .action-item a[aria-label^="Frontline SSO"]').waitFor({ timeout: 60_000 });
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Frontline SSO: Open Configurator');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame
      .locator('#realmSid')
      .waitFor({ timeout: 60_000 })
      .catch(async (err) => {
        await page.screenshot({ path: join(tmpdir(), `capture-themes-${name}.png`) });
        throw err;
      });
    const captured = await frame.locator('html').evaluate((html) => {
      const variables = {};
      for (let i = 0; i < html.style.length; i++) {
        const key = html.style.item(i);
        if (key.startsWith('--vscode-')) variables[key] = html.style.getPropertyValue(key).trim();
      }
      return {
        kind: document.body.dataset.vscodeThemeKind,
        themeId: document.body.dataset.vscodeThemeId,
        bodyClasses: [...document.body.classList].filter((c) => c.startsWith('vscode-')),
        // VS Code's own stylesheet for every webview (body margins, code, links, focus outlines, scrollbars).
        defaultStyles: document.getElementById('_defaultStyles')?.textContent ?? '',
        variables: Object.fromEntries(Object.entries(variables).sort(([a], [b]) => a.localeCompare(b))),
      };
    });
    if (captured.themeId !== id) throw new Error(`Asked for ${id}, the webview shows ${captured.themeId}`);
    themes[name] = captured;
    console.log(`${name}: ${id}, ${Object.keys(captured.variables).length} variables`);
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop().catch(() => undefined);
  }
}
rmSync(workspace, { recursive: true, force: true });
writeFileSync(OUT, JSON.stringify({ source: `code-server ${CODE_SERVER_VERSION}`, themes }, null, 2) + '\n');
console.log(`Wrote ${OUT}`);
