// The emulator's applications for several providers (issue 26): readiness through the shipped CLI follows each
// application's provider, and each application's sign-in posts a response signed for that application.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ReadinessReport } from '../../src/core/readiness/readiness';
import { samlIdOf } from '../../tools/emulator/metadata';
import { loadSeed } from '../../tools/emulator/seed';
import { withEmulator } from '../support/emulator';
import { cli } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const APPS = 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-';
const FRONTLINE = `${APPS}0123456789abcdef`;
const FLEX = `${APPS}3333333333333333`;
const GITHUB = `${APPS}4444444444444444`;
const WIKI = `${APPS}5555555555555555`;
const ISSUER_PREFIX = 'https://portal.sso.us-east-1.amazonaws.com/saml/assertion/';
const CERT = join(ROOT, 'test', 'fixtures', 'idp', 'idp.pem');

const seed = loadSeed();
const idOf = (arn: string) => samlIdOf(seed.applications.find((a) => a.ApplicationArn === arn)!)!;
const readyOf = (r: ReadinessReport) => Object.fromEntries(r.users.map((u) => [u.userId, u.ready]));

describe("the emulator's applications for several providers", () => {
  const emu = withEmulator(seed);
  const aws = () => ['--region', 'us-east-1', '--endpoint', emu.endpoint];

  test('`apps --json` lists Frontline, Flex, GitHub and the custom application', async () => {
    const r = await cli(['apps', ...aws(), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const names = (
      JSON.parse(r.stdout) as { instances: Array<{ applications: Array<{ name: string }> }> }
    ).instances[0]!.applications.map((a) => a.name);
    for (const name of ['Twilio-Frontline', 'Flex-contact-center', 'GitHub-octo-org', 'Wiki'])
      assert.ok(names.includes(name), name);
  });

  test('readiness --provider twilio-flex: the user without a name is not ready for Flex, though Frontline would take them', async () => {
    const flex = await cli(['readiness', '--application', FLEX, '--provider', 'twilio-flex', ...aws(), '--json']);
    assert.equal(flex.code, 1, flex.stderr);
    const report = JSON.parse(flex.stdout) as ReadinessReport;
    assert.equal(report.provider.id, 'twilio-flex');
    assert.deepEqual(readyOf(report), { 'u-jane': true, 'u-omar': true, 'u-robin': false });
    const robin = report.users.find((u) => u.userId === 'u-robin')!;
    assert.deepEqual(
      robin.findings.map((f) => f.code),
      ['user-claim-empty'],
    );
    const frontline = await cli(['readiness', '--application', FLEX, ...aws(), '--json']);
    assert.equal(frontline.code, 0, frontline.stderr);
    assert.deepEqual(readyOf(JSON.parse(frontline.stdout) as ReadinessReport), {
      'u-jane': true,
      'u-omar': true,
      'u-robin': true,
    });
    const human = await cli(['readiness', '--application', FLEX, '--provider', 'twilio-flex', ...aws()]);
    assert.match(human.stdout, /^Flex-contact-center \(enabled\) — arn:\S+ — for Twilio Flex \(enhanced SSO\)\n/);
    assert.match(human.stdout, / · email from \$\{user:email\} · full_name from \$\{user:name\}\n/);
    assert.match(human.stdout, /robin@example\.com <robin@example\.com> \(direct\)\n {4}✗? ?.*has no display name/);
  });

  test("readiness --config: the config's serviceProvider.id and mapping choose the provider", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-provider-'));
    const config = join(dir, 'github.sso.json');
    writeFileSync(
      config,
      JSON.stringify({
        serviceProvider: { id: 'github-org', params: { organization: 'octo-org' } },
        attributeMappings: [{ attribute: 'Subject', value: '${user:subject}', format: 'persistent' }],
        application: { applicationArn: GITHUB, region: 'us-east-1' },
      }),
    );
    const r = await cli(['readiness', '--config', config, '--endpoint', emu.endpoint, '--json']);
    const report = JSON.parse(r.stdout) as ReadinessReport;
    assert.equal(report.provider.id, 'github-org');
    assert.equal(report.emailSource, '');
    // Lee Chen has no email (not ready for Frontline) but a user name, which GitHub's NameID carries.
    assert.deepEqual(readyOf(report), { 'u-jane': true, 'u-lee': true });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      report.groups.map((g) => g.findings.map((f) => f.code)),
      [['group-empty']],
    );
    writeFileSync(
      config,
      JSON.stringify({ serviceProvider: { id: 'github' }, application: { applicationArn: GITHUB } }),
    );
    const unknown = await cli(['readiness', '--config', config, '--endpoint', emu.endpoint]);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /serviceProvider\.id in github\.sso\.json: Unknown provider "github"\. .*Known providers: /,
    );
    const typo = await cli(['readiness', '--application', WIKI, '--provider', 'custon', ...aws()]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /--provider: Unknown provider "custon"\. Did you mean custom\?/);
  });

  test('each application signs in with its own Destination, Audience and attributes', async () => {
    const signIn = async (arn: string, user: string) => {
      const res = await fetch(`${emu.endpoint}/saml/assertion/${encodeURIComponent(idOf(arn))}?user=${user}`);
      const html = await res.text();
      const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
      const response = /name="SAMLResponse" value="([^"]*)"/.exec(html)?.[1];
      return { status: res.status, action, xml: response ? Buffer.from(response, 'base64').toString('utf8') : '' };
    };
    const flex = await signIn(FLEX, 'u-jane');
    assert.equal(flex.status, 200);
    assert.equal(
      flex.action,
      'https://login.flex.us1.twilio.com/login/callback?connection=JQ0123456789abcdef0123456789abcdef',
    );
    assert.match(
      flex.xml,
      /Destination="https:\/\/login\.flex\.us1\.twilio\.com\/login\/callback\?connection=JQ0123456789abcdef0123456789abcdef"/,
    );
    assert.match(flex.xml, /<saml2:Audience>urn:flex:JQ0123456789abcdef0123456789abcdef<\/saml2:Audience>/);
    assert.match(
      flex.xml,
      /<saml2:Attribute Name="full_name"[^>]*><saml2:AttributeValue>Jane Doe<\/saml2:AttributeValue>/,
    );
    const github = await signIn(GITHUB, 'u-lee');
    assert.match(github.xml, /Destination="https:\/\/github\.com\/orgs\/octo-org\/saml\/consume"/);
    assert.match(
      github.xml,
      /<saml2:NameID Format="urn:oasis:names:tc:SAML:2\.0:nameid-format:persistent">lee\.chen<\/saml2:NameID>/,
    );
    assert.doesNotMatch(github.xml, /AttributeStatement/);
    const frontline = await signIn(FRONTLINE, 'u-omar');
    assert.match(
      frontline.xml,
      /Destination="https:\/\/iam\.twilio\.com\/v2\/saml2\/authenticate\/JB0123456789abcdef0123456789abcdef"/,
    );
    // Not assigned, unknown user, unknown application: refused with the reason.
    assert.equal((await signIn(GITHUB, 'u-outsider')).status, 403);
    assert.equal((await signIn(GITHUB, 'u-nobody')).status, 404);
    assert.equal((await fetch(`${emu.endpoint}/saml/assertion/bm9wZQ==?user=u-jane`)).status, 404);

    // The shipped SAML check passes each response against its own provider.
    const dir = mkdtempSync(join(tmpdir(), 'emulator-saml-'));
    const check = async (xml: string, args: string[]) => {
      const file = join(dir, 'response.xml');
      writeFileSync(file, xml);
      const r = await cli([
        'saml',
        file,
        '--issuer',
        `${ISSUER_PREFIX}${idOf(FLEX)}`,
        '--cert',
        CERT,
        ...args,
        '--json',
      ]);
      return {
        code: r.code,
        report: JSON.parse(r.stdout) as { verdict: string; checks: Array<{ code: string; severity: string }> },
      };
    };
    const flexChecked = await check(flex.xml, [
      '--provider',
      'twilio-flex',
      '--param',
      'connection=JQ0123456789abcdef0123456789abcdef',
    ]);
    assert.deepEqual(
      flexChecked.report.checks.filter((c) => c.severity === 'error'),
      [],
    );
    assert.equal(flexChecked.code, 0);
  });
});
