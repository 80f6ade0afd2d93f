import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  DirectoryUser,
  checkReadiness,
  plausibleEmail,
  readinessCsv,
  readinessExitCode,
  readinessSummaryText,
} from '../../src/core/readiness/readiness';
import { APP, readinessData } from './readiness-helpers';

const user = (userId: string, emails: DirectoryUser['emails'], extra: Partial<DirectoryUser> = {}): DirectoryUser => ({
  userId,
  userName: `${userId}@example.com`,
  displayName: userId.toUpperCase(),
  emails,
  ...extra,
});
const primary = (value: string) => [{ value, type: 'work', primary: true }];

const data = readinessData;

const codesOf = (findings: Array<{ code: string }>) => findings.map((f) => f.code);

describe('readiness checks (src/core/readiness/readiness.ts)', () => {
  test('a user with one primary, plausible, unique email is ready', () => {
    const report = checkReadiness(data([user('a', primary('a@example.com'))]));
    assert.deepEqual(report.summary, { users: 1, ready: 1, notReady: 0, groups: 0, emptyGroups: 0 });
    assert.equal(report.users[0]!.email, 'a@example.com');
    assert.deepEqual(report.users[0]!.via, ['direct']);
    assert.deepEqual(report.findings, []);
    assert.equal(readinessExitCode(report), 0);
    assert.equal(readinessSummaryText(report), '1 ready · 0 not ready');
  });

  test('each user finding, with its severity and the fix in the message', () => {
    const report = checkReadiness(
      data([
        user('none', []),
        user('blank', [{ value: '  ', primary: true }]),
        user('several', [
          { value: 'x@example.com', primary: false },
          { value: 'y@example.com', primary: false },
        ]),
        user('single', [{ value: 'single@example.com', primary: false }]),
        user('bad', primary('not an address')),
        user('dup1', primary('same@example.com')),
        user('dup2', primary('SAME@example.com')),
      ]),
    );
    const by = (id: string) => report.users.find((u) => u.userId === id)!;
    assert.deepEqual(codesOf(by('none').findings), ['user-no-email']);
    assert.deepEqual(codesOf(by('blank').findings), ['user-no-email'], 'a blank address is no address');
    assert.deepEqual(codesOf(by('several').findings), ['user-no-primary-email']);
    assert.deepEqual(codesOf(by('single').findings), ['user-email-not-primary']);
    assert.equal(by('single').findings[0]!.severity, 'warning');
    assert.equal(by('single').ready, true, 'a warning does not block');
    assert.deepEqual(codesOf(by('bad').findings), ['user-email-invalid']);
    assert.deepEqual(codesOf(by('dup1').findings), ['user-email-duplicate']);
    assert.deepEqual(codesOf(by('dup2').findings), ['user-email-duplicate']);
    assert.match(by('dup2').findings[0]!.message, /^DUP2 has the same email \(SAME@example\.com\) as DUP1;/);
    assert.match(
      by('none').findings[0]!.message,
      /To fix: add a primary email in IAM Identity Center → Users → NONE → Edit/,
    );
    assert.match(by('several').findings[0]!.message, /has 2 email addresses and none is primary/);
    assert.deepEqual(report.summary, { users: 7, ready: 1, notReady: 6, groups: 0, emptyGroups: 0 });
    assert.equal(readinessExitCode(report), 1);
  });

  test('groups: members reached, empty and deleted groups, several assignments', () => {
    const a = user('a', primary('a@example.com'));
    const b = user('b', primary('b@example.com'));
    const report = checkReadiness(
      data([a, b], {
        assignments: [
          { principalType: 'USER', principalId: 'a' },
          { principalType: 'GROUP', principalId: 'g1' },
          { principalType: 'GROUP', principalId: 'g2' },
          { principalType: 'GROUP', principalId: 'g3' },
        ],
        groups: [
          { groupId: 'g1', displayName: 'Agents', exists: true, memberIds: ['a', 'b'] },
          { groupId: 'g2', displayName: 'Empty', exists: true, memberIds: [] },
          { groupId: 'g3', exists: false, memberIds: [] },
        ],
      }),
    );
    const byId = (id: string) => report.users.find((u) => u.userId === id)!;
    assert.deepEqual(byId('a').via, ['direct', 'g1']);
    assert.deepEqual(codesOf(byId('a').findings), ['user-several-assignments']);
    assert.match(byId('a').findings[0]!.message, /through 2 assignments \(assigned directly, group Agents\)/);
    assert.deepEqual(byId('b').via, ['g1']);
    assert.deepEqual(
      report.groups.map((g) => [g.groupId, g.memberCount, codesOf(g.findings)]),
      [
        ['g1', 2, []],
        ['g2', 0, ['group-empty']],
        ['g3', 0, ['group-deleted']],
      ],
    );
    assert.equal(report.summary.emptyGroups, 1);
    assert.equal(report.summary.ready, 2);
  });

  test('application findings: disabled, not SAML, assignment not required, nobody assigned, deleted user', () => {
    const disabled = checkReadiness(
      data([user('a', primary('a@example.com'))], { application: { ...APP, status: 'DISABLED' } }),
    );
    assert.deepEqual(codesOf(disabled.findings), ['app-disabled']);
    assert.equal(disabled.summary.ready, 0, 'nobody is ready while the application is disabled');
    assert.equal(readinessExitCode(disabled), 1);
    const oauth = checkReadiness(data([], { application: { ...APP, federationProtocol: 'OAUTH' } }));
    assert.deepEqual(codesOf(oauth.findings), ['app-not-saml', 'app-no-assignments']);
    const open = checkReadiness(data([user('a', primary('a@example.com'))], { assignmentRequired: false }));
    assert.deepEqual(codesOf(open.findings), ['app-assignment-not-required']);
    assert.match(open.findings[0]!.message, /everyone in the directory can sign in/);
    assert.equal(readinessExitCode(open), 0, 'a warning alone does not fail');
    const gone = checkReadiness(
      data([], {
        assignments: [{ principalType: 'USER', principalId: 'u-gone' }],
        users: new Map([['u-gone', null]]),
      }),
    );
    assert.deepEqual(codesOf(gone.findings), ['principal-deleted']);
    assert.equal(gone.summary.users, 0);
  });

  test('what was not checked makes the report incomplete (exit 2), named with the permission', () => {
    const report = checkReadiness(
      data([user('a', primary('a@example.com'))], {
        assignments: [
          { principalType: 'USER', principalId: 'a' },
          { principalType: 'USER', principalId: 'unread' },
        ],
        gaps: [
          {
            scope: 'groups',
            what: 'the members of 1 group (Agents)',
            reason: 'Access denied to identitystore:ListGroupMemberships. …',
            permission: 'identitystore:ListGroupMemberships',
          },
        ],
      }),
    );
    assert.equal(report.complete, false);
    assert.equal(readinessExitCode(report), 2);
    assert.equal(report.findings[0]!.code, 'check-incomplete');
    // A user neither read nor reported by the collector is still counted as not checked.
    assert.deepEqual(
      report.notChecked.map((g) => g.what),
      ['the members of 1 group (Agents)', '1 user'],
    );
    assert.match(
      report.findings[0]!.message,
      /^The check is incomplete: the members of 1 group \(Agents\) \(needs identitystore:ListGroupMemberships\); 1 user \(Their details could not be read\)\.$/,
    );
    assert.equal(readinessSummaryText(report), '1 ready · 0 not ready · incomplete');
  });

  test('the mapping decides what is checked', () => {
    const users = [user('a', [], { userName: 'alice' }), user('b', [], { userName: 'bob@example.com' })];
    const byName = checkReadiness(data(users), { variable: '${user:preferredUsername}', from: 'team.json' });
    assert.equal(byName.emailSource, '${user:preferredUsername}');
    assert.deepEqual(codesOf(byName.findings), ['email-source-mapped']);
    assert.match(byName.findings[0]!.message, /\(as mapped in team\.json\)/);
    const a = byName.users.find((u) => u.userId === 'a')!;
    assert.deepEqual(
      a.findings.map((f) => [f.code, f.severity]),
      [['user-email-invalid', 'warning']],
    );
    assert.equal(byName.users.find((u) => u.userId === 'b')!.email, 'bob@example.com');

    const given = checkReadiness(data(users), { variable: '${user:givenName}' });
    assert.deepEqual(codesOf(given.findings), ['email-source-unchecked', 'email-source-mapped']);
    assert.ok(given.users.every((u) => u.findings.length === 0 && u.email === null));

    const literal = checkReadiness(data(users), { variable: 'agent@example.com' });
    assert.deepEqual(codesOf(literal.findings), ['email-source-literal']);
    assert.equal(literal.summary.ready, 0);
  });

  test('plausible addresses, in linear time', () => {
    for (const ok of ['a@example.com', 'first.last+tag@sub.example.co.uk']) assert.ok(plausibleEmail(ok), ok);
    for (const bad of ['', 'a', 'a@b', 'a @example.com', 'a@example.', '@example.com', 'a@@example.com', 'a@.com'])
      assert.equal(plausibleEmail(bad), false, bad);
    const started = performance.now();
    assert.equal(plausibleEmail(`${'a.'.repeat(500_000)}@x`), false);
    assert.equal(plausibleEmail(`a@${'b.'.repeat(120)}`), false);
    assert.ok(performance.now() - started < 500, 'the length cap comes before the pattern');
  });

  test('CSV: one row per user, every cell quoted (RFC 4180), formulas defused at the start and after separators', () => {
    const report = checkReadiness(
      data([
        user('a', primary('a@example.com'), { displayName: 'Doe, "Jane"' }),
        user('b', primary('b@example.com'), { displayName: '=HYPERLINK("http://evil")' }),
        user('c', [], { displayName: '+1 line\nbreak' }),
        // A spreadsheet that splits on ";" (many European locales) would see "=1+1" as a cell of its own.
        user('d', primary('d@example.com'), { displayName: 'Bob;=1+1;', userName: 'x,@SUM(1)' }),
        user('e', primary('e@example.com'), { displayName: 'Ann\t-2', userName: 'plain; - spaced' }),
      ]),
    );
    assert.equal(
      readinessCsv(report),
      [
        '"Ready","Display name","User name","Email","Assigned via","Problems","User ID"',
        `"no","'+1 line\nbreak","c@example.com","","direct","'+1 line\nbreak has no email address, so IAM Identity` +
          ` Center sends an empty Subject and email and Frontline cannot sign them in. To fix: add a primary email in` +
          ` IAM Identity Center → Users → +1 line\nbreak → Edit (or the directory it is synced from).","c"`,
        `"yes","'=HYPERLINK(""http://evil"")","b@example.com","b@example.com","direct","","b"`,
        `"yes","'Ann\t-2","'plain; - spaced","e@example.com","direct","","e"`,
        `"yes","'Bob;=1+1;","'x,@SUM(1)","d@example.com","direct","","d"`,
        '"yes","Doe, ""Jane""","a@example.com","a@example.com","direct","","a"',
        '',
      ].join('\r\n'),
    );
  });

  test('never throws, and the counts add up, whatever the directory holds', () => {
    const email = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 12 }), fc.emailAddress());
    const dirUser = fc.record({
      userId: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5'),
      userName: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
      displayName: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
      emails: fc.array(fc.record({ value: email, primary: fc.option(fc.boolean(), { nil: undefined }) }), {
        maxLength: 3,
      }),
    });
    fc.assert(
      fc.property(
        fc.array(dirUser, { maxLength: 6 }),
        fc.array(fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6'), { maxLength: 6 }),
        fc.option(fc.boolean(), { nil: undefined }),
        fc.constantFrom('${user:email}', '${user:preferredUsername}', '${user:name}', 'fixed'),
        (users, members, required, variable) => {
          const report = checkReadiness(
            data(users, {
              assignmentRequired: required,
              assignments: [
                ...users.map((u) => ({ principalType: 'USER' as const, principalId: u.userId })),
                { principalType: 'GROUP' as const, principalId: 'g' },
              ],
              groups: [{ groupId: 'g', exists: true, memberIds: members }],
            }),
            { variable },
          );
          assert.equal(report.summary.ready + report.summary.notReady, report.summary.users);
          assert.equal(new Set(report.users.map((u) => u.userId)).size, report.users.length);
          for (const u of report.users) {
            if (u.findings.some((f) => f.severity === 'error')) assert.equal(u.ready, false);
          }
          assert.equal(typeof readinessCsv(report), 'string');
        },
      ),
      { numRuns: 300 },
    );
  });
});
