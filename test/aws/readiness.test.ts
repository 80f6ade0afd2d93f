import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import { IdentityCenter } from '../../src/aws/identityCenter';
import { ReadinessProgress, Resolver, collectReadiness } from '../../src/aws/readiness';
import { RequestLimiter } from '../../src/core/common/limiter';
import { ReadinessReport, checkReadiness } from '../../src/core/readiness/readiness';
import { DEFAULT_SWITCHES, EMULATOR_ENV } from '../../tools/emulator/server';
import { GENERATED_APPLICATION_ARN, loadSeed, withGeneratedDirectory } from '../../tools/emulator/seed';
import { withEmulator } from '../support/emulator';
import { cli } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const FRONTLINE = 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef';
const SALESFORCE = 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-1111111111111111';
const PILOT = 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-00000000000f3e00';

const codes = (report: ReadinessReport, userId: string) =>
  report.users
    .find((u) => u.userId === userId)
    ?.findings.map((f) => f.code)
    .sort();

describe('readiness against the emulator', () => {
  // The fixture directory, plus 10,000 generated users in 50 groups and a pilot application with three of them.
  const seed = withGeneratedDirectory(loadSeed(), 10_000, 50);
  const template = seed.applications.find((a) => a.ApplicationArn === GENERATED_APPLICATION_ARN)!;
  seed.applications.push({ ...template, ApplicationArn: PILOT, Name: 'Frontline pilot' });
  seed.assignments[PILOT] = ['u-gen-000123', 'u-gen-004567', 'u-gen-009876'].map((id) => ({
    PrincipalType: 'USER',
    PrincipalId: id,
  }));
  const emu = withEmulator(seed, { switches: () => ({ ...DEFAULT_SWITCHES, pageSize: 2 }) });
  const emulator = emu.emulator;
  let api: IdentityCenter;
  beforeEach(() => {
    api?.dispose();
    // No 20 requests/second pacing here: the tests count calls, the benchmark measures time.
    api = new IdentityCenter({ region: 'us-east-1', endpoint: emu.endpoint }, new RequestLimiter(8, 1e9));
  });
  const check = async (arn = FRONTLINE, onProgress?: (p: ReadinessProgress) => void) => {
    const { data, strategy } = await collectReadiness(api, { applicationArn: arn }, { onProgress });
    return { report: checkReadiness(data), strategy };
  };

  test('every finding of the fixture directory, on the right users, across pages of two', async () => {
    const { report } = await check();
    assert.deepEqual(Object.keys(report).sort(), [
      'applicationArn',
      'applicationName',
      'assignmentRequired',
      'claims',
      'complete',
      'emailSource',
      'findings',
      'groups',
      'notChecked',
      'provider',
      'status',
      'summary',
      'users',
    ]);
    assert.equal(report.applicationName, 'Twilio-Frontline');
    assert.equal(report.status, 'ENABLED');
    assert.equal(report.assignmentRequired, true);
    assert.equal(report.emailSource, '${user:email}');
    assert.deepEqual(report.summary, { users: 7, ready: 2, notReady: 5, groups: 2, emptyGroups: 1 });
    assert.equal(report.complete, true);
    assert.deepEqual(codes(report, 'u-lee'), ['user-no-email']);
    assert.deepEqual(codes(report, 'u-ana'), ['user-no-primary-email']);
    assert.deepEqual(codes(report, 'u-sam'), ['user-email-duplicate']);
    assert.deepEqual(codes(report, 'u-samuel'), ['user-email-duplicate']);
    assert.deepEqual(codes(report, 'u-kim'), ['user-email-invalid']);
    assert.deepEqual(codes(report, 'u-omar'), []);
    // Assigned directly and through Support agents: ready, with a note.
    const jane = report.users.find((u) => u.userId === 'u-jane')!;
    assert.deepEqual(jane.via, ['direct', 'g-support-agents']);
    assert.equal(jane.ready, true);
    assert.equal(jane.email, 'jane.doe@example.com');
    assert.deepEqual(codes(report, 'u-jane'), ['user-several-assignments']);
    assert.equal(
      report.users.find((u) => u.userId === 'u-sam')!.findings[0]!.message,
      'Sam Park has the same email (sam.park@example.com) as Samuel Park; Frontline identifies workers by email, so they would sign in as one worker. To fix: give each user their own address.',
    );
    // Not ready first.
    assert.deepEqual(
      report.users.map((u) => u.ready),
      [false, false, false, false, false, true, true],
    );
    assert.equal(
      report.users.some((u) => u.userId === 'u-outsider'),
      false,
      'only assigned users are checked',
    );
    const night = report.groups.find((g) => g.groupId === 'g-night-shift')!;
    assert.deepEqual(night, {
      groupId: 'g-night-shift',
      displayName: 'Night shift',
      memberCount: 0,
      findings: [
        {
          code: 'group-empty',
          severity: 'warning',
          message:
            'Group Night shift is assigned but has no members, so it lets nobody sign in. To fix: add the Frontline workers to it, or remove the assignment.',
        },
      ],
    });
    assert.equal(report.groups.find((g) => g.groupId === 'g-support-agents')!.memberCount, 7);
    assert.deepEqual(
      report.findings.map((f) => f.code),
      ['principal-deleted'],
    );
    // Pages of two: 4 assignments → 2 pages; 7 members → 4 pages; the group names in 2 pages.
    assert.equal(emulator.stats.byOperation.ListApplicationAssignments, 2);
    assert.equal(emulator.stats.byOperation.ListGroupMemberships, 4 + 1);
  });

  test('an application whose only user is ready', async () => {
    const { report } = await check(SALESFORCE);
    assert.deepEqual(report.summary, { users: 1, ready: 1, notReady: 0, groups: 0, emptyGroups: 0 });
    assert.equal(report.complete, true);
  });

  test('10,000 users through 50 groups are read in pages of 100, not one by one', async () => {
    emulator.switches.pageSize = 100;
    const progress: ReadinessProgress[] = [];
    const { report, strategy } = await check(GENERATED_APPLICATION_ARN, (p) => progress.push(p));
    assert.deepEqual(report.summary, { users: 10_000, ready: 9980, notReady: 20, groups: 50, emptyGroups: 0 });
    assert.equal(emulator.stats.byOperation.DescribeUser, undefined);
    assert.equal(emulator.stats.byOperation.ListUsers, 101, '10,008 users at 100 a page');
    assert.equal(strategy.users.pages, 101);
    assert.equal(emulator.stats.byOperation.ListGroupMemberships, 100);
    assert.equal(emulator.stats.byOperation.ListGroups, 1);
    assert.equal(emulator.stats.byOperation.DescribeGroup, undefined);
    const last = progress.filter((p) => p.step === 'users').at(-1)!;
    assert.equal(last.message, 'Reading users (10,000 of 10,000)');
  });

  test('three users in a 10,000-user directory are described, not listed', async () => {
    emulator.switches.pageSize = 100;
    const { report } = await check(PILOT);
    assert.equal(report.summary.users, 3);
    const calls = (emulator.stats.byOperation.ListUsers ?? 0) + (emulator.stats.byOperation.DescribeUser ?? 0);
    // Never more than twice the calls of the better choice (3 describes), far below listing everyone (101 pages).
    assert.ok(calls <= 6, `${calls} calls`);
    assert.ok((emulator.stats.byOperation.ListUsers ?? 0) <= 3);
  });

  test('throttling part-way is retried; persistent throttling leaves a report that says what was not checked', async () => {
    let armed = false;
    const short = await check(FRONTLINE, (p) => {
      if (p.step === 'groups' && !armed) {
        armed = true;
        emulator.switches.throttleNext = 2;
      }
    });
    assert.equal(short.report.complete, true);
    assert.equal(short.report.summary.users, 7);

    api.dispose();
    api = new IdentityCenter({ region: 'us-east-1', endpoint: emu.endpoint }, new RequestLimiter(8, 1e9));
    const persistent = await check(FRONTLINE, (p) => {
      if (p.step === 'users') emulator.switches.throttleNext = 1000;
    });
    emulator.switches.throttleNext = 0;
    assert.equal(persistent.report.complete, false);
    assert.match(persistent.report.notChecked.map((g) => g.reason).join(' '), /kept throttling/);
    assert.equal(persistent.report.findings[0]!.code, 'check-incomplete');
  });

  test('access denied to ListGroupMemberships: the groups are not expanded and the report names the permission', async () => {
    emulator.switches.accessDenied = ['ListGroupMemberships'];
    const { report } = await check();
    assert.equal(report.complete, false);
    assert.deepEqual(
      report.notChecked.map(({ scope, what, permission }) => ({ scope, what, permission })),
      [
        {
          scope: 'groups',
          what: 'the members of 2 groups (Support agents, Night shift)',
          permission: 'identitystore:ListGroupMemberships',
        },
      ],
    );
    // The directly assigned user is still checked.
    assert.deepEqual(
      report.users.map((u) => u.userId),
      ['u-jane'],
    );
    assert.equal(report.groups.find((g) => g.groupId === 'g-night-shift')!.memberCount, null);
    assert.match(
      report.findings[0]!.message,
      /^The check is incomplete: the members of 2 groups .*\(needs identitystore:ListGroupMemberships\)\.$/,
    );
    assert.ok((emulator.stats.byOperation.ListGroupMemberships ?? 0) <= 2, 'stops asking after the first denial');
  });

  test('access denied to ListUsers falls back to DescribeUser; denied both, the users are not checked', async () => {
    emulator.switches.accessDenied = ['ListUsers'];
    const fallback = await check();
    assert.equal(fallback.report.complete, true);
    assert.equal(fallback.report.summary.users, 7);
    assert.ok(
      fallback.report.findings.some(
        (f) => f.code === 'read-users-one-by-one' && /identitystore:ListUsers/.test(f.message),
      ),
    );

    emulator.switches.accessDenied = ['ListUsers', 'DescribeUser'];
    emulator.resetStats();
    const denied = await check();
    assert.equal(denied.report.complete, false);
    assert.equal(denied.report.summary.users, 0);
    assert.deepEqual(
      denied.report.notChecked.map((g) => [g.scope, g.what, g.permission]),
      [['users', '8 users', 'identitystore:DescribeUser']],
    );
    assert.ok(
      (emulator.stats.byOperation.DescribeUser ?? 0) <= 8,
      'no more calls after the first denial than were in flight',
    );
  });

  test('access denied to the assignment configuration: partial, and the rest is checked', async () => {
    emulator.switches.accessDenied = ['GetApplicationAssignmentConfiguration'];
    const { report } = await check();
    assert.equal(report.assignmentRequired, null);
    assert.equal(report.complete, false);
    assert.deepEqual(
      report.notChecked.map((g) => [g.scope, g.what, g.permission]),
      [['application', 'whether assignment is required', 'sso:GetApplicationAssignmentConfiguration']],
    );
    assert.equal(report.summary.users, 7);
  });

  test('access denied to the assignments stops the check with the permission to add', async () => {
    emulator.switches.accessDenied = ['ListApplicationAssignments'];
    await assert.rejects(check(), /Access denied to sso:ListApplicationAssignments/);
  });

  test('cancelling stops the check', async () => {
    emulator.switches.latencyMs = 30;
    const controller = new AbortController();
    const running = collectReadiness(api, { applicationArn: FRONTLINE }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(running, (err: Error) => /Cancelled/.test(err.message));
  });
});

describe('Resolver: in bulk or one by one', () => {
  const item = (id: string) => ({ id });
  const listing = (pages: string[][], fetched: string[][] = []) =>
    async function* () {
      for (const page of pages) {
        fetched.push(page);
        await new Promise((r) => setTimeout(r, 1));
        yield page.map(item);
      }
    };

  test('an ID asked for after the listing has finished is found in what it listed, not taken as deleted', async () => {
    const described: string[] = [];
    const resolver = new Resolver(
      listing([
        ['a', 'b'],
        ['c', 'd'],
      ]),
      (x) => x.id,
      async (id) => {
        described.push(id);
        return null;
      },
      () => undefined,
      undefined,
    );
    resolver.add(['c']);
    const listed = resolver.list();
    await new Promise((r) => setTimeout(r, 20));
    resolver.add(['a', 'd']);
    await new Promise((r) => setTimeout(r, 20));
    // The whole directory has been listed; a group's members are still arriving.
    resolver.add(['b', 'gone']);
    resolver.close();
    await listed;
    await resolver.describeRest();
    assert.deepEqual(resolver.found.get('b'), { id: 'b' });
    assert.equal(resolver.found.get('gone'), null, 'not in the complete listing: not in the store');
    assert.deepEqual(described, []);
  });

  test('a few IDs in a large directory: it stops listing and describes them, at most twice the calls', async () => {
    const fetched: string[][] = [];
    const pages = Array.from({ length: 100 }, (_, p) => Array.from({ length: 100 }, (_, i) => `u${p * 100 + i}`));
    const described: string[] = [];
    const resolver = new Resolver(
      listing(pages, fetched),
      (x) => x.id,
      async (id) => {
        described.push(id);
        return item(id);
      },
      () => undefined,
      undefined,
    );
    await resolver.resolveAll(['u5000', 'u9999', 'u7']);
    assert.equal(fetched.length, 3, 'pages fetched: as many as IDs asked for');
    assert.deepEqual(described.sort(), ['u5000', 'u9999']);
    assert.ok(fetched.length + described.length <= 2 * 3);
    assert.deepEqual(resolver.found.get('u7'), item('u7'));
  });
});

describe('frontline-sso readiness (dist/cli.js)', () => {
  const emu = withEmulator(loadSeed());
  const emulator = emu.emulator;
  beforeEach(() => {
    emulator.switches = { ...DEFAULT_SWITCHES };
  });
  const aws = () => ['--region', 'us-east-1', '--endpoint', emu.endpoint];

  test('--json follows the contract; a user not ready exits 1', async () => {
    const r = await cli(['readiness', '--application', FRONTLINE, ...aws(), '--json']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '', 'no progress when standard error is not a terminal');
    const report = JSON.parse(r.stdout) as ReadinessReport;
    assert.deepEqual(report.summary, { users: 7, ready: 2, notReady: 5, groups: 2, emptyGroups: 1 });
    const user = report.users[0]!;
    assert.deepEqual(Object.keys(user).sort(), [
      'displayName',
      'email',
      'findings',
      'ready',
      'userId',
      'userName',
      'values',
      'via',
    ]);
    assert.deepEqual(Object.keys(user.findings[0]!).sort(), ['code', 'message', 'severity']);
    assert.deepEqual(Object.keys(report.groups[0]!).sort(), ['displayName', 'findings', 'groupId', 'memberCount']);
  });

  test('the human report lists who is not ready, why, and the fix', async () => {
    const r = await cli(['readiness', '--application', FRONTLINE, ...aws()]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Twilio-Frontline \(enabled\) — arn:aws:sso::/);
    assert.match(r.stdout, /2 ready · 5 not ready · 7 users · 2 groups \(1 empty\) · email from \$\{user:email\}/);
    assert.match(
      r.stdout,
      /Lee Chen <no email> \(group Support agents\)\n {4}error {3}Lee Chen has no email address.*To fix: add a primary email/,
    );
  });

  test('everyone ready exits 0', async () => {
    const r = await cli(['readiness', '--application', SALESFORCE, ...aws()]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /✓ all 1 users can sign in/);
  });

  test('an incomplete check exits 2 with the report and one line saying what was not checked', async () => {
    emulator.switches.accessDenied = ['ListGroupMemberships'];
    const r = await cli(['readiness', '--application', FRONTLINE, ...aws(), '--json']);
    assert.equal(r.code, 2);
    assert.equal(JSON.parse(r.stdout).complete, false);
    assert.equal(
      r.stderr,
      'frontline-sso readiness: incomplete: the members of 2 groups (Support agents, Night shift) not checked (needs identitystore:ListGroupMemberships).\n',
    );
  });

  test('the application and the mapping can come from --config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-'));
    const config = join(dir, 'frontline-sso.json');
    writeFileSync(
      config,
      JSON.stringify({
        attributeMappings: [
          { attribute: 'Subject', value: '${user:preferredUsername}', format: 'emailAddress' },
          { attribute: 'email', value: '${user:preferredUsername}', format: 'unspecified' },
        ],
        application: { applicationArn: FRONTLINE, region: 'us-east-1' },
      }),
    );
    const r = await cli(['readiness', '--config', config, '--endpoint', emu.endpoint, '--json']);
    const report = JSON.parse(r.stdout) as ReadinessReport;
    assert.equal(report.emailSource, '${user:preferredUsername}');
    assert.ok(
      report.findings.some(
        (f) => f.code === 'email-source-mapped' && /as mapped in frontline-sso\.json/.test(f.message),
      ),
    );
    // The user name is checked instead: Lee Chen's "lee.chen" is not an address (a warning: the mapping is not verified).
    const lee = report.users.find((u) => u.userId === 'u-lee')!;
    assert.deepEqual(
      lee.findings.map((f) => [f.code, f.severity]),
      [['user-email-invalid', 'warning']],
    );
    assert.equal(lee.email, 'lee.chen');
  });

  test('bad input: no application, not an ARN', async () => {
    const none = await cli(['readiness', ...aws()]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^frontline-sso readiness: Give the application: --application arn:aws:sso::/);
    const bad = await cli(['readiness', '--application', 'apl-123', ...aws()]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /"apl-123" is not an IAM Identity Center application ARN/);
  });

  test('progress goes to standard error only when it is a terminal', async () => {
    const command = [
      process.execPath,
      join(ROOT, 'dist', 'cli.js'),
      'readiness',
      '--application',
      FRONTLINE,
      ...aws(),
      '--json',
    ]
      .map((a) => `'${a}'`)
      .join(' ');
    // `script` gives the command a terminal; its standard output (the JSON) goes to a file, so only stderr is on it.
    // (Asynchronously: the emulator answering it runs in this process.)
    const out = join(mkdtempSync(join(tmpdir(), 'readiness-tty-')), 'out.json');
    const tty = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn('script', ['-qec', `${command} > '${out}'`, '/dev/null'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...EMULATOR_ENV },
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('close', (status) => resolve({ status, stdout }));
    });
    assert.equal(tty.status, 1, tty.stdout);
    assert.match(tty.stdout, /Reading the application…/);
    assert.ok(tty.stdout.endsWith('\r\x1b[K'), 'the line is cleared when done');
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as ReadinessReport).summary.users, 7);
  });
});
