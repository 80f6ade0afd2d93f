import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { CONFIGURATOR_ASSETS, configuratorHtml, makeNonce } from '../../src/configurator/html';
import { emptyFormState, providerSummaries, recogniseInForm, validateForm } from '../../src/configurator/form';
import { LoadedFiles } from '../../src/core/common/loadedFile';
import { FieldStatus, FormState, ToWebview, parseToHost } from '../../src/configurator/webview/protocol';
import { ThemeName, setTheme, themeOnLoad } from './themes';

export const ROOT = join(__dirname, '..', '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Headless Chromium in a container: no sandbox, GPU or background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
];

/** A webview page as the extension serves it, for openWebview. */
export interface WebviewPage {
  /** The page's HTML, built by the extension's own function, with its Content Security Policy. */
  html(options: { cspSource: string; nonce: string; asset(parts: readonly string[]): string }): string;
  /** The files the page may load (the extension's localResourceRoots), relative to `root`. */
  assets: ReadonlyArray<readonly string[]>;
  /** Where the assets are; the repository unless said otherwise. */
  root?: string;
  /** Answers a message from the page as the host would; `send` posts a message back to the page. */
  onMessage?(raw: unknown, send: (message: unknown) => Promise<void>): void | Promise<void>;
  /** An element that exists once the page has rendered. */
  readySelector: string;
}

export interface HarnessOptions {
  theme?: ThemeName;
  width?: number;
  height?: number;
}

export interface Harness {
  page: Page;
  /** Messages the page sent to the host, as received (before validation). */
  received: unknown[];
  consoleMessages: string[];
  cspViolations: string[];
  /** Requests the page made for anything but its own assets (refused with 404). */
  refused: string[];
  /** Sends a message to the page as the host would. */
  send(message: ToWebview | Record<string, unknown>): Promise<void>;
  /** Switches to another of VS Code's theme sets. */
  setTheme(theme: ThemeName): Promise<void>;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css' };

/**
 * Serves a webview page with the extension's own HTML and Content Security Policy, stands in for the VS Code webview
 * API (acquireVsCodeApi, with getState/setState), applies one of VS Code's captured theme sets, and answers messages
 * with `onMessage`. Any webview of the extension can be opened here and audited with audit() from ./audit.
 */
export async function openWebview(webview: WebviewPage, options: HarnessOptions = {}): Promise<Harness> {
  let origin = '';
  const nonce = makeNonce();
  const files = new Map<string, string>(
    webview.assets.map((parts) => [`/${parts.join('/')}`, join(webview.root ?? ROOT, ...parts)]),
  );
  const refused: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const file = files.get(url);
    if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(webview.html({ cspSource: origin, nonce, asset: (parts) => `${origin}/${parts.join('/')}` }));
    } else if (file) {
      res.writeHead(200, { 'content-type': CONTENT_TYPES[url.slice(url.lastIndexOf('.'))] ?? 'text/plain' });
      res.end(readFileSync(file));
    } else {
      refused.push(url);
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage({ viewport: { width: options.width ?? 900, height: options.height ?? 1400 } });
  const received: unknown[] = [];
  const consoleMessages: string[] = [];
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    consoleMessages.push(m.text());
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  const send = (message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);
  await page.exposeFunction('__toHost', async (raw: unknown) => {
    received.push(raw);
    await webview.onMessage?.(raw, send);
  });
  await page.addInitScript(() => {
    let saved: unknown;
    const w = window as unknown as Record<string, unknown>;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => (w.__toHost as (m: unknown) => void)(m),
      getState: () => saved,
      setState: (s: unknown) => {
        saved = s;
      },
    });
  });
  await themeOnLoad(page, options.theme ?? 'dark');
  await page.goto(`${origin}/`);
  await page.waitForSelector(webview.readySelector);
  return {
    page,
    received,
    consoleMessages,
    cspViolations,
    refused,
    send,
    setTheme: (theme) => setTheme(page, theme),
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ConfiguratorHarness extends Harness {
  /** The form as the host last received it. */
  state(): FormState;
  /** How many messages from the page the host has handled. */
  handled(): number;
}

/**
 * The configurator page, answered with the host's real logic (src/configurator/form.ts). `files` stands for the certificate
 * file a config names, as the host would have read it.
 */
export async function openConfigurator(
  options: HarnessOptions & { initial?: FormState; files?: LoadedFiles; root?: string; live?: FieldStatus } = {},
): Promise<ConfiguratorHarness> {
  let current: FormState = options.initial ?? emptyFormState();
  let handled = 0;
  const harness = await openWebview(
    {
      html: ({ cspSource, nonce, asset }) =>
        configuratorHtml({
          cspSource,
          nonce,
          scriptUri: asset([...CONFIGURATOR_ASSETS.folder, CONFIGURATOR_ASSETS.script]),
          styleUri: asset([...CONFIGURATOR_ASSETS.folder, CONFIGURATOR_ASSETS.style]),
        }),
      assets: [
        [...CONFIGURATOR_ASSETS.folder, CONFIGURATOR_ASSETS.script],
        [...CONFIGURATOR_ASSETS.folder, CONFIGURATOR_ASSETS.style],
      ],
      root: options.root,
      readySelector: '#provider',
      onMessage: async (raw, send) => {
        const message = parseToHost(raw);
        if (message?.type === 'ready') {
          current = message.state ?? current;
          await send({ type: 'providers', providers: providerSummaries() });
          await send({ type: 'state', state: current });
          await send({
            type: 'validation',
            validation: { ...validateForm(current, new Date(), options.files), live: options.live },
          });
        } else if (message?.type === 'change') {
          // As the host does: a pasted URL of a provider switches the form to it.
          const recognised = recogniseInForm(message.state, current);
          current = recognised?.state ?? message.state;
          if (recognised) {
            await send({ type: 'state', state: current });
            await send({ type: 'notice', level: 'info', message: recognised.message });
          }
          await send({
            type: 'validation',
            validation: { ...validateForm(current, new Date(), options.files), live: options.live },
          });
        }
        handled++;
      },
    },
    options,
  );
  return { ...harness, state: () => current, handled: () => handled };
}
