import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { AwsProblemError } from '../../src/aws/errors';
import { IdentityCenter } from '../../src/aws/identityCenter';
import { inventory } from '../../src/aws/inventory';
import { main } from '../../src/cli/main';
import { RequestLimiter } from '../../src/core/common/limiter';
import { loadSeed, withGeneratedApplications } from '../../tools/emulator/seed';
import { withEmulator } from '../support/emulator';

// The real SDK clients, over HTTP, against the emulator: static test credentials, signed like any request.

const INSTANCE = 'arn:aws:sso:::instance/ssoins-0123456789abcdef';
const FRONTLINE = 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef';

describe('IAM Identity Center over HTTP (emulator)', () => {
  const emu = withEmulator(withGeneratedApplications(loadSeed(), 40), {
    switches: () => ({ latencyMs: 0, pageSize: 7, throttleNext: 0, expiredToken: false, accessDenied: [] }),
  });
  const emulator = emu.emulator;
  let api: IdentityCenter;
  beforeEach(() => {
    api?.dispose();
    api = new IdentityCenter({ region: 'us-east-1', endpoint: emu.endpoint });
  });

  const problemKind = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (err) {
      assert.ok(err instanceof AwsProblemError, String(err));
      return err.problem;
    }
    assert.fail('expected a failure');
  };

  test('lists instances and every application across pages smaller than MaxResults', async () => {
    const [instance] = await api.listInstances();
    assert.equal(instance!.identityStoreId, 'd-9067c0ffee');
    const apps = await api.listApplications(INSTANCE);
    // The fixture's 6 (Frontline, Salesforce, an OAuth one, Flex, GitHub and a custom SAML one) and 40 generated.
    assert.equal(apps.length, 46);
    assert.equal(new Set(apps.map((a) => a.applicationArn)).size, 46);
    // 46 applications at 7 per page: 7 round trips, each carrying the previous NextToken.
    assert.equal(emulator.stats.byOperation.ListApplications, 7);
    const frontline = apps.find((a) => a.applicationArn === FRONTLINE)!;
    assert.equal(frontline.name, 'Twilio-Frontline');
    assert.equal(frontline.createdDate, '2024-06-01T00:00:00.000Z');
  });

  test('application providers resolve the federation protocol', async () => {
    const providers = await api.applicationProviders();
    assert.equal(providers.get('arn:aws:sso::aws:applicationProvider/custom')?.federationProtocol, 'SAML');
    await api.applicationProviders();
    assert.equal(emulator.stats.byOperation.ListApplicationProviders, 1, 'cached per refresh');
  });

  test('assignments with names; a deleted user is reported, not thrown', async () => {
    const assignments = await api.listAssignments(FRONTLINE);
    const names = await Promise.all(assignments.map((a) => api.principal('d-9067c0ffee', a)));
    assert.deepEqual(names, [
      { displayName: 'Support agents', exists: true },
      { displayName: 'Night shift', exists: true },
      { displayName: 'Jane Doe', exists: true },
      { displayName: 'deleted user u-deleted', exists: false },
    ]);
    assert.equal(await api.assignmentRequired(FRONTLINE), true);
    assert.deepEqual(await api.listTags(INSTANCE, FRONTLINE), { team: 'support' });
  });

  test('names are cached per identity store', async () => {
    const a = { principalType: 'USER' as const, principalId: 'u-jane' };
    await Promise.all([
      api.principal('d-9067c0ffee', a),
      api.principal('d-9067c0ffee', a),
      api.principal('d-9067c0ffee', a),
    ]);
    assert.equal(emulator.stats.byOperation.DescribeUser, 1);
  });

  test('a short throttling burst is retried by the SDK; a persistent one becomes a problem', async () => {
    emulator.switches.throttleNext = 2;
    assert.equal((await api.listInstances()).length, 1);
    emulator.switches.throttleNext = 100;
    const problem = await problemKind(api.listInstances());
    assert.equal(problem.kind, 'throttled');
  });

  test('expired credentials and access denied name what to do', async () => {
    emulator.switches.expiredToken = true;
    const expired = await problemKind(api.listInstances());
    assert.equal(expired.kind, 'expired-credentials');
    assert.match(expired.message, /aws sso login/);
    emulator.switches.expiredToken = false;
    emulator.switches.accessDenied = ['ListApplications'];
    const denied = await problemKind(api.listApplications(INSTANCE));
    assert.equal(denied.kind, 'access-denied');
    assert.equal(denied.action, 'sso:ListApplications');
    assert.match(denied.message, /IAM policy/);
  });

  test('requests signed for another Region or service are rejected by the emulator', async () => {
    const wrongRegion = new IdentityCenter({ region: 'eu-west-1', endpoint: emu.endpoint });
    const problem = await problemKind(wrongRegion.listInstances());
    wrongRegion.dispose();
    assert.equal(problem.kind, 'expired-credentials');
    assert.match(problem.message, /InvalidSignatureException/);
    assert.equal(emulator.stats.rejectedSignatures, 1);
  });

  test('an unreachable endpoint is a network problem', async () => {
    const offline = new IdentityCenter({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });
    const problem = await problemKind(offline.listInstances());
    offline.dispose();
    assert.equal(problem.kind, 'network');
  });

  test('cancellation stops paging (as a refresh does)', async () => {
    emulator.switches.latencyMs = 40;
    const controller = new AbortController();
    const listing = api.listApplications(INSTANCE, controller.signal);
    setTimeout(() => controller.abort(), 60);
    const problem = await problemKind(listing);
    assert.equal(problem.kind, 'cancelled');
    await new Promise((r) => setTimeout(r, 150));
    assert.ok(
      (emulator.stats.byOperation.ListApplications ?? 0) <= 2,
      `stopped after ${emulator.stats.byOperation.ListApplications} pages`,
    );
  });

  test('parallel lookups stay within 8 in flight and 20 requests per second', async () => {
    emulator.switches.latencyMs = 30;
    const ids = Array.from({ length: 30 }, (_, i) => ({ principalType: 'USER' as const, principalId: `u-${i}` }));
    await Promise.all(ids.map((a) => api.principal('d-9067c0ffee', a)));
    assert.ok(emulator.stats.maxInFlight <= 8, `max in flight ${emulator.stats.maxInFlight}`);
    assert.ok(emulator.stats.peakRequestsPerSecond <= 20, `peak ${emulator.stats.peakRequestsPerSecond}/s`);
    assert.equal(emulator.stats.byOperation.DescribeUser, 30);
  });

  test('inventory and `frontline-sso apps --json` follow the documented shape', async () => {
    const inv = await inventory(api);
    const app = inv.instances[0]!.applications.find((a) => a.applicationArn === FRONTLINE)!;
    assert.deepEqual(app, {
      applicationArn: FRONTLINE,
      name: 'Twilio-Frontline',
      status: 'ENABLED',
      applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
      federationProtocol: 'SAML',
      assignmentRequired: true,
      assignments: [
        { principalType: 'GROUP', principalId: 'g-support-agents', displayName: 'Support agents' },
        { principalType: 'GROUP', principalId: 'g-night-shift', displayName: 'Night shift' },
        { principalType: 'USER', principalId: 'u-jane', displayName: 'Jane Doe' },
        { principalType: 'USER', principalId: 'u-deleted', displayName: 'deleted user u-deleted' },
      ],
    });
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (t: string) => {
        stdout += t;
      },
      stderr: (t: string) => {
        stderr += t;
      },
      readStdin: async () => ({ ok: true as const, bytes: Buffer.alloc(0), path: '-' }),
      cwd: process.cwd(),
      now: () => new Date(),
    };
    assert.equal(await main(['apps', '--region', 'us-east-1', '--endpoint', emu.endpoint, '--json'], io), 0);
    assert.equal(JSON.parse(stdout).instances[0].applications.length, 46);
    emulator.switches.accessDenied = ['ListInstances'];
    assert.equal(await main(['apps', '--region', 'us-east-1', '--endpoint', emu.endpoint], io), 2);
    assert.match(stderr, /Access denied to sso:ListInstances/);
  });
});

describe('RequestLimiter', () => {
  test('never starts more than perSecond calls in any one-second window', async () => {
    const limiter = new RequestLimiter(50, 5);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.run(async () => {
          starts.push(performance.now());
        }),
      ),
    );
    for (let i = 5; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 5]! >= 999, `window at ${i}`);
  });

  test('an urgent call goes before the calls already waiting', async () => {
    let clock = 0;
    const limiter = new RequestLimiter(10, 4, () => clock);
    const order: string[] = [];
    const run = (name: string, urgent = false) =>
      limiter.run(
        async () => {
          order.push(name);
        },
        undefined,
        urgent,
      );
    // Four calls fill the window; two more wait; then an urgent one arrives.
    await Promise.all([run('a'), run('b'), run('c'), run('d')]);
    const waiting = [run('e'), run('f')];
    const urgent = run('urgent', true);
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(order, ['a', 'b', 'c', 'd'], 'the window is full: nothing more starts');
    clock = 1001;
    await urgent;
    // The urgent call went first.
    assert.deepEqual(order.slice(4, 5), ['urgent']);
    await Promise.all(waiting);
    assert.deepEqual(order.slice(5), ['e', 'f']);
  });

  test('an aborted waiter is dropped without running', async () => {
    const limiter = new RequestLimiter(1, 100);
    let release!: () => void;
    const first = limiter.run(
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    );
    const controller = new AbortController();
    let ran = false;
    const second = limiter.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort();
    await assert.rejects(second);
    release();
    await first;
    assert.equal(ran, false);
  });
});
