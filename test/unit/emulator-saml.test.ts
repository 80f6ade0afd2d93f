// The emulator signs a response for each of its SAML applications (tools/emulator/samlResponse.ts): a Flex response
// it signs passes the shipped SAML check for Flex, and fails it for Frontline (issue 26).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { issuerOf, samlIdOf } from '../../tools/emulator/metadata';
import { loadSeed } from '../../tools/emulator/seed';
import { signedSamlResponse } from '../../tools/emulator/samlResponse';
import { FIXTURES, tempDir } from './helpers';

const ROOT = join(FIXTURES, '..', '..');
const FLEX = 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-3333333333333333';
const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';

function saml(file: string, args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'saml', file, ...args, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return {
    code: r.status,
    report: JSON.parse(r.stdout) as {
      verdict: string;
      checks: Array<{ code: string; severity: string; message: string }>;
      provider?: { id: string };
    },
  };
}

describe("the emulator's signed responses", () => {
  test('a Flex response signed by the emulator passes `saml --provider twilio-flex`', () => {
    const seed = loadSeed();
    const app = seed.applications.find((a) => a.ApplicationArn === FLEX)!;
    const user = seed.users.find((u) => u.UserId === 'u-jane')!;
    const xml = signedSamlResponse(seed, app, seed.samlSettings![FLEX]!, user, new Date());
    const file = join(tempDir(), 'flex-response.xml');
    writeFileSync(file, xml);
    const checked = ['--issuer', issuerOf(seed, samlIdOf(app)!), '--cert', join(FIXTURES, 'idp', 'idp.pem')];

    const flex = saml(file, [...checked, '--provider', 'twilio-flex', '--param', `connection=${CONNECTION}`]);
    assert.deepEqual(
      flex.report.checks.filter((c) => c.severity === 'error'),
      [],
    );
    assert.equal(flex.code, 0);
    assert.equal(flex.report.provider?.id, 'twilio-flex');

    // The same response is not Frontline's: its Destination and Audience are Flex's.
    const frontline = saml(file, [...checked, '--realm', 'JB0123456789abcdef0123456789abcdef']);
    assert.equal(frontline.code, 1);
    assert.ok(frontline.report.checks.some((c) => c.severity === 'error'));
  });
});
