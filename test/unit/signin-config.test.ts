import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import fc from 'fast-check';
import {
  SectionEdit,
  editAwsConfig,
  readSection,
  sectionNameProblem,
  valueProblem,
} from '../../src/aws/sso/configEdit';
import { profileEdits } from '../../src/aws/sso/configWrite';
import { tempDir } from './helpers';

const PLAN = profileEdits({
  session: {
    name: 'corp',
    startUrl: 'https://corp.awsapps.com/start',
    region: 'eu-west-1',
    scopes: ['sso:account:access'],
  },
  profile: { name: 'frontline-admin', accountId: '123456789012', roleName: 'AdministratorAccess', region: 'eu-west-1' },
});

/** What the AWS SDK itself reads from a config text (profiles and sso-sessions). */
async function sdkRead(
  text: string,
): Promise<{ profiles: Record<string, unknown>; sessions: Record<string, unknown> }> {
  const dir = tempDir();
  const configFilepath = join(dir, 'config');
  writeFileSync(configFilepath, text);
  const { configFile } = await loadSharedConfigFiles({
    configFilepath,
    filepath: join(dir, 'none'),
    ignoreCache: true,
  });
  const sessions = await loadSsoSessionData({ configFilepath });
  return { profiles: configFile, sessions };
}

const USER_CONFIG = `; my AWS setup — do not lose these notes
[default]
region=us-east-1
output = json   # table is too wide

  # indented comment
[profile  spaced]
region = ap-south-1

[profile dev]
sso_session=corp
sso_account_id = 111111111111
sso_role_name   =   ReadOnly ; read-only for now
s3 =
  region = us-west-2
  max_concurrent_requests = 10
region = us-west-2

[sso-session corp]
sso_start_url = https://old.awsapps.com/start
sso_region = us-east-1
# trailing comment of the corp section

[services my-services]
sso =
  endpoint_url = http://localhost:4599
`;

describe('~/.aws/config edits keep everything they do not own (docs/domain.md §5)', () => {
  test('new sections are appended; every byte before them stays', async () => {
    const other = USER_CONFIG.replace(/\[sso-session corp\][^[]*/, '');
    const result = editAwsConfig(other, PLAN);
    assert.ok(result.changed);
    assert.ok(result.text.startsWith(other), 'the original text is a prefix of the new one');
    assert.equal(
      result.text.slice(other.length),
      '\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n' +
        'sso_registration_scopes = sso:account:access\n\n[profile frontline-admin]\nsso_session = corp\n' +
        'sso_account_id = 123456789012\nsso_role_name = AdministratorAccess\nregion = eu-west-1\n',
    );
    const sdk = await sdkRead(result.text);
    assert.deepEqual(
      { ...(sdk.sessions.corp as object) },
      {
        sso_start_url: 'https://corp.awsapps.com/start',
        sso_region: 'eu-west-1',
        sso_registration_scopes: 'sso:account:access',
      },
    );
    assert.equal((sdk.profiles.default as Record<string, string>).output, 'json');
  });

  test('sections that exist are edited in place: spacing, comments, sub-sections and other sections stay', async () => {
    const edits: SectionEdit[] = [
      {
        kind: 'profile',
        name: 'dev',
        values: [
          ['sso_session', 'corp'],
          ['sso_account_id', '123456789012'],
          ['sso_role_name', 'AdministratorAccess'],
          ['region', 'eu-west-1'],
        ],
      },
    ];
    const result = editAwsConfig(USER_CONFIG, edits);
    const expected = USER_CONFIG.replace('sso_account_id = 111111111111', 'sso_account_id = 123456789012')
      .replace(
        'sso_role_name   =   ReadOnly ; read-only for now',
        'sso_role_name   =   AdministratorAccess ; read-only for now',
      )
      .replace(
        '  max_concurrent_requests = 10\nregion = us-west-2',
        '  max_concurrent_requests = 10\nregion = eu-west-1',
      );
    assert.equal(result.text, expected);
    // The s3 sub-section's own region is not the profile's region.
    assert.match(result.text, /^ {2}region = us-west-2$/m);
    const [preview] = result.sections;
    assert.equal(preview?.added, false);
    assert.deepEqual(preview?.changedKeys, ['sso_account_id', 'sso_role_name', 'region']);
    assert.equal(preview?.lines[0], '[profile dev]');
    const sdk = await sdkRead(result.text);
    assert.deepEqual(
      { ...(sdk.profiles.dev as object) },
      {
        sso_session: 'corp',
        sso_account_id: '123456789012',
        sso_role_name: 'AdministratorAccess',
        's3.region': 'us-west-2',
        's3.max_concurrent_requests': '10',
        region: 'eu-west-1',
      },
    );
  });

  test('a missing key goes after the last key of its section, before the comments that lead into the next one', () => {
    const result = editAwsConfig(USER_CONFIG, PLAN);
    const expectedSession =
      '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n' +
      'sso_registration_scopes = sso:account:access\n# trailing comment of the corp section\n\n[services my-services]';
    assert.ok(result.text.includes(expectedSession), result.text);
    const [session, profile] = result.sections;
    assert.deepEqual(session?.lines, [
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.com/start',
      'sso_region = eu-west-1',
      'sso_registration_scopes = sso:account:access',
    ]);
    assert.equal(session?.added, false);
    assert.equal(profile?.added, true);
    assert.deepEqual(profile?.lines, [
      '[profile frontline-admin]',
      'sso_session = corp',
      'sso_account_id = 123456789012',
      'sso_role_name = AdministratorAccess',
      'region = eu-west-1',
    ]);
    assert.ok(
      result.text.endsWith(
        '\n\n[profile frontline-admin]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = AdministratorAccess\nregion = eu-west-1\n',
      ),
    );
  });

  test('CRLF files get CRLF lines and keep theirs; a file without a final line break gets one', () => {
    const crlf = '# work laptop\r\n[profile other]\r\nregion = us-east-1 ; keep\r\n';
    const result = editAwsConfig(crlf, PLAN);
    assert.ok(result.text.startsWith(crlf));
    assert.equal(result.text.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
    assert.equal(result.text.split('\r\n').length - 1, 3 + 1 + 4 + 1 + 5);

    const unterminated = '[profile other]\nregion = us-east-1';
    const appended = editAwsConfig(unterminated, PLAN).text;
    assert.ok(appended.startsWith(`${unterminated}\n\n[sso-session corp]\n`));

    const inPlace = editAwsConfig('[sso-session corp]\nsso_start_url = https://x.awsapps.com/start', PLAN).text;
    assert.equal(
      inPlace,
      '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n' +
        '\n[profile frontline-admin]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = AdministratorAccess\nregion = eu-west-1\n',
    );
  });

  test('an empty file, a byte-order mark, [default] and [profile default]', async () => {
    const empty = editAwsConfig('', PLAN).text;
    assert.ok(empty.startsWith('[sso-session corp]\n'));
    const bom = '\uFEFF[sso-session corp]\nsso_region = us-east-1\n';
    const withBom = editAwsConfig(bom, PLAN).text;
    assert.ok(withBom.startsWith('\uFEFF[sso-session corp]\n'));
    assert.equal((withBom.match(/\[sso-session corp\]/g) ?? []).length, 1, 'the section after the BOM is found');
    assert.equal((await sdkRead(withBom)).sessions.corp && 'found', 'found');

    const defaults: SectionEdit = { kind: 'profile', name: 'default', values: [['region', 'eu-west-1']] };
    assert.equal(editAwsConfig('[default]\nregion = us-east-1\n', [defaults]).text, '[default]\nregion = eu-west-1\n');
    assert.equal(
      editAwsConfig('[profile default]\nregion = us-east-1\n', [defaults]).text,
      '[profile default]\nregion = eu-west-1\n',
    );
    assert.equal(editAwsConfig('', [defaults]).text, '[default]\nregion = eu-west-1\n');
  });

  test("a sub-section's key of the same name is not the profile's key", async () => {
    const text = '[profile dev]\nregion = us-east-1\ns3 =\n  region = us-west-2\n';
    const result = editAwsConfig(text, [{ kind: 'profile', name: 'dev', values: [['region', 'eu-west-1']] }]);
    assert.equal(result.text, '[profile dev]\nregion = eu-west-1\ns3 =\n  region = us-west-2\n');
    assert.deepEqual(
      { ...((await sdkRead(result.text)).profiles.dev as object) },
      {
        region: 'eu-west-1',
        's3.region': 'us-west-2',
      },
    );
  });

  test('a section written twice: the value the SDK uses (the last) is the one replaced', async () => {
    const twice = '[profile dev]\nregion = us-east-1\n\n[profile dev]\nregion = us-west-2\n';
    const result = editAwsConfig(twice, [{ kind: 'profile', name: 'dev', values: [['region', 'eu-west-1']] }]);
    assert.equal(result.text, '[profile dev]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n');
    assert.equal(((await sdkRead(result.text)).profiles.dev as Record<string, string>).region, 'eu-west-1');
  });

  test('sections the SDK does not read as that profile are left alone', () => {
    // Two spaces, and a comment that hides the header: neither is [profile dev] to the SDK.
    const text = '[profile  dev]\nregion = us-east-1\n# [profile dev]\n';
    const result = editAwsConfig(text, [{ kind: 'profile', name: 'dev', values: [['region', 'eu-west-1']] }]);
    assert.equal(result.text, `${text}\n[profile dev]\nregion = eu-west-1\n`);
  });

  test('nothing changes when the values are already there', () => {
    const once = editAwsConfig(USER_CONFIG, PLAN).text;
    const twice = editAwsConfig(once, PLAN);
    assert.equal(twice.changed, false);
    assert.equal(twice.text, once);
    assert.deepEqual(
      twice.sections.map((s) => s.changedKeys),
      [[], []],
    );
  });

  test('names and values that would not read back are refused, with the reason', () => {
    assert.match(sectionNameProblem('my profile', 'profile') ?? '', /no spaces or brackets/);
    assert.match(sectionNameProblem('a]b', 'profile') ?? '', /no spaces or brackets/);
    assert.equal(sectionNameProblem('Admin-123456789012', 'profile'), undefined);
    assert.match(valueProblem('region', 'us-east-1\n[profile x]') ?? '', /line break/);
    assert.match(valueProblem('sso_start_url', 'https://x ;y') ?? '', /starts a comment/);
    assert.throws(
      () => editAwsConfig('', [{ kind: 'profile', name: 'x', values: [['region', 'a\nb']] }]),
      /line break/,
    );
    assert.throws(() => editAwsConfig('', [{ kind: 'profile', name: '__proto__', values: [] }]), /__proto__/);
  });

  test('for any config, the SDK reads the written values, and every other section exactly as before', async () => {
    const name = fc.constantFrom('dev', 'corp', 'prod', 'default', 'frontline-admin', 'x.y@z');
    const key = fc.constantFrom('region', 'sso_session', 'sso_account_id', 'sso_role_name', 'sso_start_url', 'output');
    const value = fc.constantFrom('us-east-1', 'json', 'https://a.awsapps.com/start#/', '123', 'ReadOnly');
    const line = fc.oneof(
      fc
        .tuple(fc.constantFrom('profile', 'sso-session'), name, fc.constantFrom('', ' ', '  # c'))
        .map(([k, n, tail]) => (k === 'profile' && n === 'default' ? `[default]${tail}` : `[${k} ${n}]${tail}`)),
      fc
        .tuple(key, fc.constantFrom(' = ', '=', '   =  '), value, fc.constantFrom('', ' ; note', ' # note'))
        .map(([k, eq, v, c]) => `${k}${eq}${v}${c}`),
      fc.tuple(key).map(([k]) => `  ${k} = nested`),
      fc.constantFrom('', '# comment', '; comment', '   ', 's3 =', '[services s]', 'garbage line'),
    );
    const config = fc
      .tuple(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
      .map(([lines, eol, final]) => lines.join(eol) + (final && lines.length ? eol : ''));
    await fc.assert(
      fc.asyncProperty(config, async (text) => {
        const result = editAwsConfig(text, PLAN);
        const before = await sdkRead(text);
        const after = await sdkRead(result.text);
        const session = after.sessions.corp as Record<string, string>;
        assert.equal(session.sso_start_url, 'https://corp.awsapps.com/start');
        assert.equal(session.sso_region, 'eu-west-1');
        const profile = after.profiles['frontline-admin'] as Record<string, string>;
        assert.equal(profile.sso_session, 'corp');
        assert.equal(profile.sso_role_name, 'AdministratorAccess');
        for (const [n, data] of Object.entries(before.profiles))
          if (n !== 'frontline-admin' && n !== 'sso-session.corp')
            assert.deepEqual(after.profiles[n], data, `profile ${n}`);
        for (const [n, data] of Object.entries(before.sessions))
          if (n !== 'corp') assert.deepEqual(after.sessions[n], data, `sso-session ${n}`);
        // Our own reading agrees with the SDK's on the top-level keys (readSection's contract); the SDK also reads a
        // nested block (`s3 =` then indented lines) as dotted keys such as `s3.region`.
        const topLevel = Object.fromEntries(Object.entries(session).filter(([k]) => !k.includes('.')));
        assert.deepEqual(readSection(result.text, 'sso-session', 'corp'), topLevel);
        // Lines are only added or changed, never removed: the old line count is kept.
        assert.ok(result.text.split('\n').length >= text.split('\n').length);
      }),
      { numRuns: 150 },
    );
  });
});
