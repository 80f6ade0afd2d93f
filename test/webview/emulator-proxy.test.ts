import assert from 'node:assert/strict';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Browser, chromium } from 'playwright-core';
import { SignInTarget } from '../../src/aws/sso/cache';
import { SignInUi, signIn } from '../../src/aws/sso/signIn';
import { IdentityCenterEmulator } from '../../tools/emulator/server';
import { loadSeed } from '../../tools/emulator/seed';
import { tempDir } from '../unit/helpers';
import { CHROMIUM, CHROMIUM_ARGS } from './harness';

/**
 * The emulator's sign-in pages as `npm start` shows them: code-server opens a loopback page through its port proxy,
 * `http://<code-server>/proxy/<port>/device?user_code=…`, so every link and form on the page must be relative, or
 * the browser leaves the proxy and lands on code-server's own root ("Unsupported method POST").
 */
class PortProxy {
  private server: Server | undefined;
  /** Requests that missed the proxy path, as code-server answers them. */
  readonly missed: string[] = [];

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.forward(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/proxy\/(\d+)(\/.*)$/.exec(req.url ?? '');
    // The browser asks the origin for its icon by itself; that is not the page's doing.
    if (!match && req.url !== '/favicon.ico') {
      this.missed.push(`${req.method} ${req.url}`);
      res.writeHead(req.method === 'GET' ? 404 : 405, { 'content-type': 'text/plain' });
      res.end(req.method === 'GET' ? 'Not found' : `Unsupported method ${req.method}`);
      return;
    }
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await fetch(`http://127.0.0.1:${match[1]}${match[2]}`, {
      method: req.method,
      headers: { 'content-type': String(req.headers['content-type'] ?? 'text/plain') },
      body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
      redirect: 'manual',
    });
    const location = answer.headers.get('location');
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'text/plain',
      ...(location ? { location } : {}),
    });
    res.end(Buffer.from(await answer.arrayBuffer()));
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('the emulator sign-in pages behind a path prefix (code-server port proxy)', () => {
  const emulator = new IdentityCenterEmulator(loadSeed());
  const proxy = new PortProxy();
  let endpoint = '';
  let proxyOrigin = '';
  let browser: Browser;
  const target: SignInTarget = {
    sessionName: 'emulator',
    startUrl: '',
    region: 'us-east-1',
    scopes: ['sso:account:access'],
  };

  /** What code-server does to a loopback URL the extension opens. */
  const throughProxy = (url: string) => {
    const u = new URL(url);
    return `${proxyOrigin}/proxy/${u.port}${u.pathname}${u.search}`;
  };

  before(async () => {
    endpoint = await emulator.start();
    target.startUrl = `${endpoint}/start`;
    proxyOrigin = await proxy.start();
    process.env.HOME = tempDir();
    process.env.USERPROFILE = process.env.HOME;
    emulator.switches = { ...emulator.switches, oidcInterval: 1, oidcAutoApprove: false };
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await proxy.stop();
    await emulator.stop();
  });

  /** Signs in with `flow`; the browser opens the page through the proxy, and the user clicks Allow. */
  const signInThroughProxy = async (flow: SignInUi['flow']) => {
    proxy.missed.length = 0;
    const page = await browser.newPage();
    const controller = new AbortController();
    const seen: string[] = [];
    const visit = async (url: string) => {
      await page.goto(throughProxy(url));
      seen.push((await page.locator('h1').textContent()) ?? '');
      const form = page.url();
      await page.getByRole('button', { name: 'Allow' }).click();
      // The answer to the form (through the proxy, or at its root when the form leaves it), loaded.
      await page.waitForURL((url) => url.href !== form, { timeout: 10_000 });
      await page.waitForLoadState('load');
      seen.push(
        (await page
          .locator('h1')
          .textContent({ timeout: 5000 })
          .catch(() => '')) ?? '',
      );
    };
    // Wrapped, so that `visited` resolves when the page opens, not when the visit ends.
    let opened: (visit: { done: Promise<void> }) => void = () => undefined;
    const visited = new Promise<{ done: Promise<void> }>((resolve) => (opened = resolve));
    try {
      const result = signIn(
        target,
        { endpoint },
        { flow, signal: controller.signal, openBrowser: (url) => opened({ done: visit(url) }) },
      );
      // The page's outcome first (the sign-in may end before the page is read): with a form that leaves the proxy,
      // the sign-in would only wait until it times out.
      await (
        await Promise.race([visited, result.then(() => ({ done: Promise.resolve() }))])
      ).done;
      assert.deepEqual(proxy.missed, [], 'every request of the page stayed behind the proxy');
      return { result: await result, seen };
    } finally {
      controller.abort();
      await page.close();
    }
  };

  test('device code: the confirmation page posts back through the proxy, and the sign-in completes', async () => {
    const { result, seen } = await signInThroughProxy('device');
    assert.match(seen[0] as string, /^Confirm the code [A-Z]{4}-[A-Z]{4}$/);
    assert.equal(seen[1], 'Done');
    assert.equal(result.flow, 'device');
  });

  test('browser flow: the authorize page posts back through the proxy, and the browser reaches the listener', async () => {
    const { result, seen } = await signInThroughProxy('browser');
    assert.equal(seen[0], 'Allow Frontline SSO to access your AWS accounts?');
    assert.equal(seen[1], 'Signed in');
    assert.equal(result.flow, 'browser');
  });
});
