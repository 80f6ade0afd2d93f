import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { configuratorHtml, makeNonce } from '../../src/configurator/html';
import { emptyFormState, validateForm } from '../../src/core/form';
import { FormState, ToWebview, parseToHost } from '../../src/shared/protocol';

export const ROOT = join(__dirname, '..', '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Theme variables as VS Code injects them, enough to see light and dark rendering. */
export const THEMES: Record<'light' | 'dark', Record<string, string>> = {
  dark: {
    '--vscode-foreground': '#cccccc',
    '--vscode-editor-background': '#1e1e1e',
    '--vscode-font-family': 'sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-input-background': '#3c3c3c',
    '--vscode-input-foreground': '#cccccc',
    '--vscode-button-background': '#0e639c',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-errorForeground': '#f48771',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-panel-border': '#3c3c3c',
    '--vscode-textCodeBlock-background': '#2b2b2b',
    '--vscode-focusBorder': '#007fd4',
    '--vscode-testing-iconPassed': '#73c991',
    '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-settings-textInputBackground': '#313131',
    '--vscode-settings-textInputForeground': '#cccccc',
    '--vscode-settings-textInputBorder': '#3c3c3c',
    '--vscode-settings-dropdownBackground': '#313131',
    '--vscode-settings-dropdownForeground': '#cccccc',
    '--vscode-settings-dropdownBorder': '#3c3c3c',
    '--vscode-settings-checkboxBackground': '#313131',
    '--vscode-settings-checkboxForeground': '#cccccc',
    '--vscode-settings-checkboxBorder': '#3c3c3c',
    '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-inputValidation-errorBackground': '#5a1d1d',
    '--vscode-inputValidation-errorBorder': '#be1100',
  },
  light: {
    '--vscode-foreground': '#3b3b3b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-font-family': 'sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-input-background': '#ffffff',
    '--vscode-input-foreground': '#3b3b3b',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-errorForeground': '#a1260d',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-textCodeBlock-background': '#f3f3f3',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-testing-iconPassed': '#388a34',
    '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-input-border': '#cecece',
    '--vscode-settings-textInputBackground': '#ffffff',
    '--vscode-settings-textInputForeground': '#3b3b3b',
    '--vscode-settings-textInputBorder': '#cecece',
    '--vscode-settings-dropdownBackground': '#ffffff',
    '--vscode-settings-dropdownForeground': '#3b3b3b',
    '--vscode-settings-dropdownBorder': '#cecece',
    '--vscode-settings-checkboxBackground': '#f8f8f8',
    '--vscode-settings-checkboxForeground': '#3b3b3b',
    '--vscode-settings-checkboxBorder': '#cecece',
    '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-inputValidation-errorBackground': '#f2dede',
    '--vscode-inputValidation-errorBorder': '#be1100',
    '--vscode-checkbox-background': '#f8f8f8',
    '--vscode-checkbox-border': '#cecece',
  },
};

export interface Harness {
  page: Page;
  /** Messages the page sent to the host, as received (before validation). */
  received: unknown[];
  consoleMessages: string[];
  cspViolations: string[];
  /** Sends a message to the page as the host would. */
  send(message: ToWebview | Record<string, unknown>): Promise<void>;
  state(): FormState;
  close(): Promise<void>;
}

/**
 * Serves the built webview with the extension's own page and Content Security Policy, stands in for the VS Code
 * webview API (acquireVsCodeApi), and answers messages with the host's real logic (src/core/form.ts).
 */
export async function openHarness(
  options: { theme?: 'light' | 'dark'; width?: number; initial?: FormState } = {},
): Promise<Harness> {
  let origin = '';
  const nonce = makeNonce();
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const files: Record<string, [string, string]> = {
      '/dist/webview.js': [join(ROOT, 'dist', 'webview.js'), 'text/javascript'],
      '/media/configurator.css': [join(ROOT, 'media', 'configurator.css'), 'text/css'],
    };
    if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        configuratorHtml({
          cspSource: origin,
          nonce,
          scriptUri: `${origin}/dist/webview.js`,
          styleUri: `${origin}/media/configurator.css`,
        }),
      );
    } else if (files[url]) {
      res.writeHead(200, { 'content-type': files[url][1] });
      res.end(readFileSync(files[url][0]));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  const page = await browser.newPage({ viewport: { width: options.width ?? 900, height: 1400 } });
  const received: unknown[] = [];
  const consoleMessages: string[] = [];
  const cspViolations: string[] = [];
  let current: FormState = options.initial ?? emptyFormState();
  page.on('console', (m) => {
    consoleMessages.push(m.text());
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  const send = (message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);
  await page.exposeFunction('__toHost', async (raw: unknown) => {
    received.push(raw);
    const message = parseToHost(raw);
    if (!message) return;
    if (message.type === 'ready') {
      current = message.state ?? current;
      await send({ type: 'state', state: current });
      await send({ type: 'validation', validation: validateForm(current) });
    } else if (message.type === 'change') {
      current = message.state;
      await send({ type: 'validation', validation: validateForm(current) });
    }
  });
  const theme = THEMES[options.theme ?? 'dark'];
  await page.addInitScript((vars: Record<string, string>) => {
    let saved: unknown;
    const w = window as unknown as Record<string, unknown>;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => (w.__toHost as (m: unknown) => void)(m),
      getState: () => saved,
      setState: (s: unknown) => {
        saved = s;
      },
    });
    document.addEventListener('DOMContentLoaded', () => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
    });
  }, theme);
  await page.goto(`${origin}/`);
  await page.waitForSelector('#realmSid');
  return {
    page,
    received,
    consoleMessages,
    cspViolations,
    send,
    state: () => current,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
