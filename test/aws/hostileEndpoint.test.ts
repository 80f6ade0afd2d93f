import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { MAX_PAGES } from '../../src/aws/connection';
import { AwsProblemError } from '../../src/aws/errors';
import { IdentityCenter } from '../../src/aws/identityCenter';
import { RequestLimiter } from '../../src/core/common/limiter';
import { EMULATOR_ENV } from '../../tools/emulator/server';
import { FakeEndpoint, json } from './fakeEndpoint';
import { failure } from './helpers';
import { useEmulatorEnvironment } from '../support/emulator';

useEmulatorEnvironment();

const ROOT = join(__dirname, '..', '..', '..');
const INSTANCE = {
  InstanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef',
  IdentityStoreId: 'd-9067c0ffee',
};

describe('AWS endpoints as hostile input (a fake endpoint)', () => {
  const fake = new FakeEndpoint();
  let endpoint = '';
  let api: IdentityCenter;
  before(async () => {
    endpoint = await fake.start();
  });
  after(() => fake.stop());
  beforeEach(() => {
    api?.dispose();
    fake.requests = 0;
    api = new IdentityCenter({ region: 'us-east-1', endpoint, timeoutSeconds: 1 });
  });

  test('an endpoint that accepts the connection and never answers gives up within the timeout', async () => {
    fake.behaviour = () => undefined;
    const problem = await failure(() => api.listInstances());
    assert.equal(problem.kind, 'timeout');
    assert.match(problem.message, /^The endpoint 127\.0\.0\.1:\d+ did not answer ListInstances within 1 second\./);
    assert.match(problem.message, /raise frontlineSso\.aws\.timeoutSeconds/);
    assert.ok(problem.ms < 2000, `gave up after ${problem.ms.toFixed(0)} ms`);
  });

  test('an answer that starts and never finishes gives up within the timeout', async () => {
    fake.behaviour = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.write('{"Instances": [');
      const drip = setInterval(() => (res.writableEnded ? clearInterval(drip) : res.write(' ')), 100);
      res.on('close', () => clearInterval(drip));
    };
    const problem = await failure(() => api.listInstances());
    assert.equal(problem.kind, 'timeout');
    assert.ok(problem.ms < 2000, `gave up after ${problem.ms.toFixed(0)} ms`);
  });

  test('a NextToken that repeats stops paging with a message', async () => {
    fake.behaviour = json(200, { Instances: [INSTANCE], NextToken: 'same' });
    const problem = await failure(() => api.listInstances());
    assert.equal(problem.kind, 'bad-response');
    assert.match(problem.message, /sent the same page token twice while listing \(ListInstances, page 2\)/);
    assert.equal(fake.requests, 2);
  });

  test('a listing that never ends stops after MAX_PAGES pages', async () => {
    assert.equal(MAX_PAGES, 2000, 'the documented cap');
    api.dispose();
    // A smaller cap and no 20 requests/second limit, so that the test takes milliseconds, not minutes.
    api = new IdentityCenter({ region: 'us-east-1', endpoint, timeoutSeconds: 1 }, new RequestLimiter(8, 1e9), 50);
    fake.behaviour = (req, res, body, count) =>
      json(200, { Instances: [], NextToken: `t${count}` })(req, res, body, count);
    const problem = await failure(() => api.listInstances());
    assert.match(problem.message, /ListInstances was still sending pages after 50 pages; the listing was stopped/);
    assert.equal(fake.requests, 50);
  });

  test('an HTML error page is one sentence, not "Unexpected token \'<\'"', async () => {
    fake.behaviour = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>500 Internal Server Error</h1></body></html>');
    };
    const problem = await failure(() => api.listInstances());
    assert.equal(problem.kind, 'bad-response');
    assert.match(
      problem.message,
      /^The endpoint 127\.0\.0\.1:\d+ answered ListInstances with HTTP 500 and a "text\/html" page instead of an AWS response\. Check that frontlineSso\.aws\.endpoint points at IAM Identity Center .*, or try again later\.$/,
    );
    assert.doesNotMatch(problem.message, /SyntaxError|Unexpected token|Deserialization/);
    assert.ok(problem.ms < 2000);
  });

  test('a redirect names where it goes, not "Unknown: UnknownError"', async () => {
    fake.behaviour = (_req, res) => {
      res.writeHead(302, { location: 'https://captive.example.net/login?next=x' });
      res.end();
    };
    const problem = await failure(() => api.listInstances());
    assert.equal(problem.kind, 'bad-response');
    assert.match(
      problem.message,
      /redirected ListInstances to captive\.example\.net \(HTTP 302\), which AWS endpoints never do/,
    );
    assert.match(problem.message, /sign in there first/);
    assert.equal(fake.requests, 1, 'a redirect is not followed');
  });

  test('an empty 200 body is a broken answer, not "no instance"', async () => {
    fake.behaviour = (_req, res) => res.end();
    const problem = await failure(() => api.listInstances());
    assert.equal(problem.kind, 'bad-response');
    assert.match(problem.message, /answered ListInstances with HTTP 200 and an empty body instead of an AWS response/);
  });

  test('an error status without a body says which status', async () => {
    fake.behaviour = (_req, res) => {
      res.writeHead(403);
      res.end();
    };
    const problem = await failure(() => api.listInstances());
    assert.match(problem.message, /answered ListInstances with HTTP 403 and an empty body/);
  });

  test('JSON that is not an object is a broken answer', async () => {
    for (const body of ['null', '[1, 2]', '"text"']) {
      fake.behaviour = json(200, body);
      const problem = await failure(() => api.listInstances());
      assert.equal(problem.kind, 'bad-response', body);
      assert.match(problem.message, /HTTP 200 and a body that is not a JSON object/, body);
    }
  });

  test('wrong types in a response are named, never a TypeError', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ Instances: 'x' }, /\(Instances is a string, not a list\)/],
      [{ Instances: [null] }, /\(Instances\[0\] is null, not an object\)/],
      [{ Instances: [{ ...INSTANCE, InstanceArn: 42 }] }, /\(Instances\[0\]\.InstanceArn is a number, not a string\)/],
      [{ Instances: [{ ...INSTANCE, IdentityStoreId: null }] }, /\(Instances\[0\]\.IdentityStoreId is missing\)/],
      [{ Instances: [{ ...INSTANCE, Name: { a: 1 } }] }, /\(Instances\[0\]\.Name is an object, not a string\)/],
      [{ Instances: [INSTANCE], NextToken: 7 }, /\(NextToken is a number, not a string\)/],
      [{ Instances: [{ ...INSTANCE, CreatedDate: 'yesterday' }] }, /\(HTTP 200, unreadable body\)/],
    ];
    for (const [body, pattern] of cases) {
      fake.behaviour = json(200, body);
      const problem = await failure(() => api.listInstances());
      assert.equal(problem.kind, 'bad-response', JSON.stringify(body));
      assert.match(problem.message, /answered ListInstances with data IAM Identity Center does not send/);
      assert.match(problem.message, pattern, JSON.stringify(body));
    }
    fake.behaviour = json(200, { ApplicationAssignments: [{ PrincipalType: 'ROBOT', PrincipalId: 'x' }] });
    const assignments = await failure(() => api.listAssignments('arn:aws:sso::1:application/ssoins-1/apl-1'));
    assert.match(assignments.message, /ApplicationAssignments\[0\]\.PrincipalType is "ROBOT", not one of USER, GROUP/);
    // A null list is taken as an empty one, as AWS omits empty lists.
    fake.behaviour = json(200, { Instances: null });
    assert.deepEqual(await api.listInstances(), []);
  });

  test('a body larger than 8 MiB is not read whole', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    fake.behaviour = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.write('{');
      for (let i = 0; i < 9; i++) res.write(chunk);
      res.end('}');
    };
    const problem = await failure(() => api.listInstances());
    assert.match(problem.message, /sent more than 8 MiB in answer to ListInstances/);
  });

  test('a cancelled call ends at once, however the endpoint behaves', async () => {
    fake.behaviour = () => undefined;
    const slow = new IdentityCenter({ region: 'us-east-1', endpoint, timeoutSeconds: 30 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const problem = await failure(() => slow.listInstances(controller.signal));
    slow.dispose();
    assert.equal(problem.kind, 'cancelled');
    assert.ok(problem.ms < 2000);
  });

  test('endpoints other than http(s) and timeouts out of range are refused before any request', () => {
    const refused = (settings: ConstructorParameters<typeof IdentityCenter>[0]) => {
      try {
        new IdentityCenter({ region: 'us-east-1', ...settings }).dispose();
      } catch (err) {
        assert.ok(err instanceof AwsProblemError);
        assert.equal(err.problem.kind, 'bad-settings');
        return err.message;
      }
      assert.fail(`accepted ${JSON.stringify(settings)}`);
    };
    assert.match(
      refused({ endpoint: 'file:///etc/passwd' }),
      /^The endpoint "file:\/\/\/etc\/passwd" in frontlineSso\.aws\.endpoint uses file:, but AWS requests go over http or https only\. Set frontlineSso\.aws\.endpoint to an https:\/\/ URL/,
    );
    assert.match(
      refused({ endpoint: 'not a url', origin: 'cli' }),
      /"not a url" in --endpoint is not a URL\. Set --endpoint/,
    );
    assert.match(refused({ endpoint: 'https://user:secret@example.com' }), /contains a user name or password/);
    assert.doesNotMatch(refused({ endpoint: 'https://user:secret@example.com' }), /secret/);
    assert.match(
      refused({ timeoutSeconds: 0 }),
      /timeout 0 in frontlineSso\.aws\.timeoutSeconds is not a number of seconds from 1 to 300/,
    );
    assert.match(refused({ timeoutSeconds: 'soon', origin: 'cli' }), /timeout "soon" in --timeout/);
    // Plain http only to this machine: anywhere else tokens and signed requests would cross the network unencrypted.
    for (const endpoint of [
      'http://sso.example.com',
      'http://10.0.0.1:4599',
      'http://127.0.0.1.nip.io',
      'http://[::2]',
    ])
      assert.match(refused({ endpoint }), /uses plain http:\/\/ to .*, which is not this machine/, endpoint);
    for (const endpoint of ['http://127.0.0.1:4599', 'http://127.1/', 'http://[::1]:4599', 'http://LOCALHOST:1'])
      new IdentityCenter({ region: 'us-east-1', endpoint }).dispose();
    assert.equal(fake.requests, 0);
  });
});

/** Runs the shipped CLI (dist/cli.js) in its own process, as a user would. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

describe('frontline-sso apps against hostile endpoints (dist/cli.js)', () => {
  const fake = new FakeEndpoint();
  let endpoint = '';
  const credentials = {
    AWS_ACCESS_KEY_ID: EMULATOR_ENV.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: EMULATOR_ENV.AWS_SECRET_ACCESS_KEY,
  };
  before(async () => {
    endpoint = await fake.start();
  });
  after(() => fake.stop());

  test('--timeout bounds an endpoint that never answers: one line, exit 2', async () => {
    fake.behaviour = () => undefined;
    const r = await cli(['apps', '--region', 'us-east-1', '--endpoint', endpoint, '--timeout', '1'], credentials);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^frontline-sso apps: The endpoint 127\.0\.0\.1:\d+ did not answer ListInstances within 1 second\. Check that --endpoint points at IAM Identity Center .*; on a slow connection raise --timeout\.\n$/,
    );
    assert.ok(r.ms < 4000, `ended after ${r.ms.toFixed(0)} ms`);
  });

  test('--endpoint file:///etc/passwd is refused without a request', async () => {
    fake.requests = 0;
    const r = await cli(['apps', '--region', 'us-east-1', '--endpoint', 'file:///etc/passwd'], credentials);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^frontline-sso apps: The endpoint "file:\/\/\/etc\/passwd" in --endpoint uses file:, but AWS requests go over http or https only\./,
    );
    assert.equal(r.stderr.split('\n').length, 2, 'one line');
  });

  test('--timeout that is not a number of seconds', async () => {
    const r = await cli(['apps', '--region', 'us-east-1', '--timeout', '0.0.1'], credentials);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /The timeout "0\.0\.1" in --timeout is not a number of seconds from 1 to 300; the default is 20\./,
    );
  });

  test("the AWS SDK's Node-version warning is not passed on to CLI users", async () => {
    fake.behaviour = json(200, { Instances: [] });
    // No AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED in the environment: the CLI itself must keep it quiet.
    const r = await cli(['apps', '--region', 'us-east-1', '--endpoint', endpoint], credentials);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /No IAM Identity Center instance/);
  });
});
