import assert from 'node:assert/strict';
import { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { after, describe, test } from 'node:test';
import { MetadataCache, fetchLiveMetadata, fetchMetadata } from '../../src/io/fetchMetadata';
import { parseIdpMetadata } from '../../src/core/saml/metadata';
import { fixture } from './helpers';

const METADATA = fixture('idp', 'metadata.xml');

/** A local server for one test; every server is stopped at the end, hung connections included. */
const servers: Server[] = [];
async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  host = '127.0.0.1',
): Promise<{ url: string; origin: string; requests: IncomingHttpHeaders[] }> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/saml/metadata/abc`, origin, requests };
}
after(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

const loopback = { allowLoopback: true };

describe('fetchMetadata: bounds (local servers)', () => {
  test('a plain GET that returns the body; no AWS credentials or signature in the request', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDSHOULDNOTLEAK';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    try {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end(METADATA);
      });
      const result = await fetchMetadata(server.url, loopback);
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.body.toString('utf8'), METADATA);
      assert.equal(result.fromCache, false);
      const headers = server.requests[0]!;
      assert.equal(headers.authorization, undefined);
      assert.deepEqual(
        Object.keys(headers).filter((h) => h.startsWith('x-amz')),
        [],
      );
      assert.ok(!JSON.stringify(headers).includes('AKIDSHOULDNOTLEAK'));
      assert.equal(headers['accept-encoding'], 'identity');
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });

  test('a server that never answers: a timeout after the read timeout, not a hang', async () => {
    const server = await serve(() => undefined);
    const started = Date.now();
    const result = await fetchMetadata(server.url, { ...loopback, readTimeoutMs: 300 });
    assert.deepEqual({ ok: result.ok, problem: !result.ok && result.problem }, { ok: false, problem: 'timeout' });
    assert.ok(!result.ok && /sent nothing for 0\.3 s/.test(result.message), JSON.stringify(result));
    assert.ok(Date.now() - started < 2000);
  });

  test('a server that drips bytes: the total timeout ends it', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const result = await fetchMetadata(server.url, { ...loopback, readTimeoutMs: 300, totalTimeoutMs: 600 });
    assert.ok(!result.ok && result.problem === 'timeout', JSON.stringify(result));
    assert.match(!result.ok ? result.message : '', /no complete answer within 0\.6 s/);
  });

  test('a connection that never comes up: the connect timeout ends it', async () => {
    const server = await serve(() => assert.fail('no request may arrive'));
    const result = await fetchMetadata(server.url, {
      ...loopback,
      connectTimeoutMs: 200,
      // A connection that swallows the request and never comes up: a black-holed address or a stalled TLS handshake.
      createConnection: () =>
        new Duplex({
          read() {},
          write(_chunk, _encoding, done) {
            done();
          },
        }) as Socket,
    });
    assert.ok(!result.ok && result.problem === 'timeout', JSON.stringify(result));
    assert.match(!result.ok ? result.message : '', /no connection to 127\.0\.0\.1:\d+ within 0\.2 s/);
  });

  test('a huge body: refused by Content-Length before reading', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(50 * 1024 * 1024) });
      res.write('<');
    });
    const result = await fetchMetadata(server.url, loopback);
    assert.ok(!result.ok && result.problem === 'too-large', JSON.stringify(result));
    assert.match(!result.ok ? result.message : '', /is 50 MB; metadata is a few KB, so over 1 MB is not read/);
  });

  test('a huge body without Content-Length: cut off at 1 MB while reading; the server sees the connection close', async () => {
    let sent = 0;
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (sent < 50 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', closed);
      pump();
    });
    const result = await fetchMetadata(server.url, loopback);
    assert.ok(!result.ok && result.problem === 'too-large', JSON.stringify(result));
    assert.match(
      !result.ok ? result.message : '',
      /passed 1 MB without ending; metadata is a few KB, so it was not read further/,
    );
    await serverSawClose;
    assert.ok(sent < 10 * 1024 * 1024, `the client stopped reading early (${sent} bytes sent)`);
  });

  test('a redirect to another host is not followed; one on the same origin is', async () => {
    const elsewhere = await serve(() => assert.fail('the other host must not be asked'), '127.0.0.2');
    const away = await serve((_req, res) => {
      res.writeHead(302, { location: elsewhere.url });
      res.end();
    });
    const result = await fetchMetadata(away.url, loopback);
    assert.ok(!result.ok && result.problem === 'redirect', JSON.stringify(result));
    assert.match(
      !result.ok ? result.message : '',
      /redirected to 127\.0\.0\.2:\d+, another host; such redirects are not followed/,
    );
    assert.equal(elsewhere.requests.length, 0);

    const same = await serve((req, res) => {
      if (req.url === '/saml/metadata/abc') {
        res.writeHead(301, { location: '/saml/metadata/new' });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(METADATA);
    });
    const followed = await fetchMetadata(same.url, loopback);
    assert.ok(followed.ok, JSON.stringify(followed));
    const loop = await serve((_req, res) => {
      res.writeHead(302, { location: '/again' });
      res.end();
    });
    const looped = await fetchMetadata(loop.url, loopback);
    assert.ok(!looped.ok && /more than 3 redirects/.test(looped.message), JSON.stringify(looped));
  });

  test('ETag and Last-Modified: the second fetch asks conditionally and a 304 reuses the cached body', async () => {
    const server = await serve((req, res) => {
      if (
        req.headers['if-none-match'] === '"v1"' &&
        req.headers['if-modified-since'] === 'Mon, 30 Nov 2026 10:00:00 GMT'
      ) {
        res.writeHead(304, { etag: '"v1"' });
        return void res.end();
      }
      res.writeHead(200, {
        'content-type': 'application/xml',
        etag: '"v1"',
        'last-modified': 'Mon, 30 Nov 2026 10:00:00 GMT',
      });
      res.end(METADATA);
    });
    const cache = new MetadataCache();
    const first = await fetchMetadata(server.url, { ...loopback, cache });
    const second = await fetchMetadata(server.url, { ...loopback, cache });
    assert.ok(first.ok && second.ok);
    assert.deepEqual([first.status, first.fromCache, second.status, second.fromCache], [200, false, 304, true]);
    assert.equal(second.body.toString('utf8'), METADATA);
    assert.equal(server.requests[0]!['if-none-match'], undefined);
    assert.equal(server.requests[1]!['if-none-match'], '"v1"');
    // Without a cache a 304 is just an unexpected status.
    const uncached = await fetchMetadata(server.url, loopback);
    assert.ok(uncached.ok, 'a plain request gets the full answer');
  });

  test('4xx and 5xx: the status with a hint', async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.url?.endsWith('abc') ? 404 : 503);
      res.end('no');
    });
    const missing = await fetchMetadata(server.url, loopback);
    assert.ok(!missing.ok && missing.problem === 'http-status' && missing.status === 404);
    assert.match(
      missing.message,
      /answered 404 Not Found \(the application may not exist any more, or its issuer URL is wrong\)/,
    );
    const down = await fetchMetadata(server.url.replace('abc', 'x'), loopback);
    assert.ok(!down.ok && down.status === 503 && /try again later/.test(down.message));
  });

  test('an HTML page or a non-XML answer is not metadata', async () => {
    const server = await serve((req, res) => {
      const html = req.url?.endsWith('abc');
      res.writeHead(200, { 'content-type': html ? 'text/html' : 'application/json' });
      res.end(html ? '<!DOCTYPE html><html><body>Sign in</body></html>' : '{"not":"xml"}');
    });
    const html = await fetchMetadata(server.url, loopback);
    assert.ok(!html.ok && html.problem === 'not-metadata' && /HTML page/.test(html.message));
    const json = await fetchMetadata(server.url.replace('abc', 'x'), loopback);
    assert.ok(!json.ok && json.problem === 'not-metadata' && /not XML \(application\/json\)/.test(json.message));
  });

  test('not allowed, refused, cancelled: results with reasons, never a throw', async () => {
    const refused = await serve(() => undefined);
    const port = new URL(refused.url).port;
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    const closed = await fetchMetadata(`http://127.0.0.1:${port}/saml/metadata/abc`, loopback);
    assert.ok(!closed.ok && closed.problem === 'unreachable' && /refused the connection/.test(closed.message));

    const notAllowed = await fetchMetadata('http://127.0.0.1:1/saml/metadata/abc');
    assert.ok(!notAllowed.ok && notAllowed.problem === 'not-allowed');
    const foreign = await fetchMetadata('https://example.com/saml/metadata/abc', loopback);
    assert.ok(!foreign.ok && foreign.problem === 'not-allowed');

    const hang = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const cancelled = await fetchMetadata(hang.url, { ...loopback, signal: controller.signal });
    assert.ok(!cancelled.ok && cancelled.problem === 'cancelled');
  });

  test('fetchLiveMetadata: parsed metadata, or "not SAML metadata" with the parser\'s reason', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(req.url?.endsWith('abc') ? METADATA : '<root>not metadata</root>');
    });
    const good = await fetchLiveMetadata(server.url, loopback, parseIdpMetadata);
    assert.ok(good.ok && good.metadata.certificates.length === 1);
    const bad = await fetchLiveMetadata(server.url.replace('abc', 'x'), loopback, parseIdpMetadata);
    assert.ok(!bad.ok);
    assert.match(
      bad.reason,
      /the answer of 127\.0\.0\.1:\d+ is not SAML metadata: This is not SAML metadata \(the root element is <root>\)/,
    );
  });
});
