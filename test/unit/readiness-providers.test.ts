// Readiness per provider (issue 26): the claims each built-in provider needs from every user decide who is ready.
// One case per built-in provider, over the same directory: a user with everything, and users each missing one thing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUILTIN_PROVIDERS, findProvider } from '../../src/core/providers/index';
import { expectationsFor, mappingsFromConfig, providerExpectations } from '../../src/core/readiness/expectations';
import { DirectoryUser, ReadinessReport, checkReadiness } from '../../src/core/readiness/readiness';
import { readinessData } from './readiness-helpers';

const DIRECTORY: DirectoryUser[] = [
  {
    userId: 'full',
    userName: 'full@example.com',
    displayName: 'Full User',
    name: { givenName: 'Full', familyName: 'User' },
    emails: [{ value: 'full@example.com', primary: true }],
  },
  // An address but no name at all: Flex's full_name (${user:name}) and Atlassian's given name and surname are empty.
  { userId: 'noname', userName: 'noname@example.com', emails: [{ value: 'noname@example.com', primary: true }] },
  // A name but no address: whoever reads ${user:email} gets nothing; GitHub's NameID (the user name) is there.
  { userId: 'noemail', userName: 'lee.chen', displayName: 'Lee Chen', name: { givenName: 'Lee' }, emails: [] },
];

const data = (users: DirectoryUser[] = DIRECTORY) => readinessData(users);

function check(providerId: string, configText?: string): ReadinessReport {
  const found = expectationsFor(providerId, configText ? { text: configText, from: 'app.json' } : undefined);
  assert.ok('expectations' in found, providerId);
  return checkReadiness(data(), found.expectations);
}

/** Each user's readiness and error codes: `full` → [true, []]. */
function outcome(report: ReadinessReport): Record<string, [boolean, string[]]> {
  return Object.fromEntries(
    report.users.map((u) => [
      u.userId,
      [u.ready, u.findings.filter((f) => f.severity === 'error').map((f) => f.code)] as [boolean, string[]],
    ]),
  );
}

/** What each built-in provider makes of the directory: ready or not, and why. */
const EXPECTED: Record<string, { claims: string[]; users: Record<string, [boolean, string[]]> }> = {
  'twilio-frontline': {
    claims: ['email from ${user:email}'],
    users: { full: [true, []], noname: [true, []], noemail: [false, ['user-no-email']] },
  },
  'twilio-flex': {
    claims: ['email from ${user:email}', 'full_name from ${user:name}'],
    users: { full: [true, []], noname: [false, ['user-claim-empty']], noemail: [false, ['user-no-email']] },
  },
  'twilio-flex-legacy': {
    claims: ['email from ${user:email}', 'full_name from ${user:name}'],
    users: { full: [true, []], noname: [false, ['user-claim-empty']], noemail: [false, ['user-no-email']] },
  },
  'twilio-console': {
    claims: ['Subject from ${user:email}'],
    users: { full: [true, []], noname: [true, []], noemail: [false, ['user-no-email']] },
  },
  sendgrid: {
    claims: ['Subject from ${user:email}'],
    users: { full: [true, []], noname: [true, []], noemail: [false, ['user-no-email']] },
  },
  segment: {
    claims: ['Subject from ${user:email}'],
    users: { full: [true, []], noname: [true, []], noemail: [false, ['user-no-email']] },
  },
  'github-org': {
    claims: ['Subject from ${user:subject}'],
    users: { full: [true, []], noname: [true, []], noemail: [true, []] },
  },
  slack: {
    claims: ['Subject from ${user:subject}', 'User.Email from ${user:email}'],
    users: { full: [true, []], noname: [true, []], noemail: [false, ['user-no-email']] },
  },
  zoom: { claims: [], users: { full: [true, []], noname: [true, []], noemail: [true, []] } },
  'atlassian-cloud': {
    claims: [
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname from ${user:givenName}',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname from ${user:familyName}',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn from ${user:email}',
    ],
    users: {
      full: [true, []],
      noname: [false, ['user-claim-empty', 'user-claim-empty']],
      noemail: [false, ['user-claim-empty', 'user-claim-empty']],
    },
  },
  salesforce: { claims: [], users: { full: [true, []], noname: [true, []], noemail: [true, []] } },
  custom: { claims: [], users: { full: [true, []], noname: [true, []], noemail: [true, []] } },
};

describe('readiness per provider (src/core/readiness/expectations.ts)', () => {
  test('every built-in provider has a case', () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), BUILTIN_PROVIDERS.map((p) => p.id).sort());
  });

  for (const provider of BUILTIN_PROVIDERS) {
    test(`${provider.id}: the claims it needs decide who is ready`, () => {
      const report = check(provider.id);
      const expected = EXPECTED[provider.id]!;
      assert.deepEqual(
        report.claims.map((c) => `${c.claim} from ${c.variable}`),
        expected.claims,
      );
      assert.deepEqual(outcome(report), expected.users);
      assert.equal(report.provider.id, provider.id);
    });
  }

  test("Frontline's report reads as it did before providers (no expectations given = Frontline's)", () => {
    const derived = check('twilio-frontline');
    const legacy = checkReadiness(data());
    assert.deepEqual(derived, legacy);
    assert.equal(derived.provider.name, 'Frontline');
    const noEmail = derived.users.find((u) => u.userId === 'noemail')!;
    assert.match(
      noEmail.findings[0]!.message,
      /^Lee Chen has no email address, so IAM Identity Center sends an empty Subject and email and Frontline cannot sign them in\./,
    );
  });

  test('Flex: a user with given and family names but no display name is a warning (what ${user:name} reads is not documented)', () => {
    const user: DirectoryUser = {
      userId: 'given',
      userName: 'given@example.com',
      name: { givenName: 'Given', familyName: 'Only' },
      emails: [{ value: 'given@example.com', primary: true }],
    };
    const flex = providerExpectations(findProvider('twilio-flex')!);
    const report = checkReadiness(data([user]), flex);
    assert.equal(report.users[0]!.ready, true);
    assert.deepEqual(
      report.users[0]!.findings.map((f) => [f.code, f.severity]),
      [['user-claim-unverified', 'warning']],
    );
    assert.match(report.users[0]!.findings[0]!.message, /taken to be the display name; not verified/);
    // The message names the provider, not Frontline.
    const empty = check('twilio-flex').users.find((u) => u.userId === 'noname')!;
    assert.match(
      empty.findings[0]!.message,
      /^noname@example\.com has no display name, so IAM Identity Center sends an empty full_name \(\$\{user:name\}\) and Twilio Flex \(enhanced SSO\) cannot sign them in\. To fix: fill in the display name/,
    );
  });

  test("GitHub: the config's mapping is followed; a NameID from the email warns that it can change, a fixed one blocks everyone", () => {
    const byEmail = check(
      'github-org',
      JSON.stringify({ attributeMappings: [{ attribute: 'Subject', value: '${user:email}', format: 'persistent' }] }),
    );
    assert.deepEqual(
      byEmail.users.find((u) => u.userId === 'full')!.findings.map((f) => [f.code, f.severity]),
      [['user-claim-not-persistent', 'warning']],
    );
    assert.deepEqual(outcome(byEmail).noemail, [false, ['user-claim-empty']]);
    const fixed = check(
      'github-org',
      JSON.stringify({ attributeMappings: [{ attribute: 'Subject', value: 'octocat', format: 'persistent' }] }),
    );
    assert.deepEqual(
      fixed.findings.map((f) => f.code),
      ['claim-source-literal'],
    );
    assert.equal(fixed.summary.ready, 0);
  });

  test('GitHub: two users with the same NameID are one account', () => {
    const twins: DirectoryUser[] = [
      { userId: 'a', userName: 'same', emails: [] },
      { userId: 'b', userName: 'same', emails: [] },
    ];
    const report = checkReadiness(data(twins), providerExpectations(findProvider('github-org')!));
    assert.deepEqual(
      report.users.map((u) => u.findings.map((f) => f.code)),
      [['user-claim-duplicate'], ['user-claim-duplicate']],
    );
  });

  test('an unknown provider is a clear error naming the known ones', () => {
    const r = expectationsFor('twilio-flx');
    assert.ok('error' in r);
    assert.match(
      r.error,
      /^Unknown provider "twilio-flx"\. Did you mean twilio-flex\? Known providers: twilio-frontline, /,
    );
  });

  test('mappingsFromConfig reads the rows of a config or a bare mapping array, and nothing from anything else', () => {
    assert.deepEqual(
      [
        ...mappingsFromConfig(
          '{ // c\n "attributeMappings": [{ "attribute": "full_name", "value": "${user:givenName}" }] }',
        ),
      ],
      [['full_name', '${user:givenName}']],
    );
    assert.deepEqual(
      [...mappingsFromConfig('[{ "attribute": "Subject", "value": "${user:email}" }]')],
      [['Subject', '${user:email}']],
    );
    for (const text of ['not json', '{ "attributeMappings": 7 }', '[1, {"attribute": 2}]'])
      assert.equal(mappingsFromConfig(text).size, 0);
  });
});
