import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ACS, AUDIENCE, FIXTURES, REALM, tempDir } from './helpers';

const ROOT = join(FIXTURES, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';

/** Runs the shipped bundle, as a user or a CI pipeline does. */
function cli(...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build');
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

describe('frontline-sso providers and values --provider (dist/cli.js)', () => {
  test('providers --json lists every provider with its params and docs', () => {
    const r = cli('providers', '--json');
    assert.equal(r.code, 0);
    const list = r.json() as Array<Record<string, unknown>>;
    assert.ok(list.length >= 10);
    assert.deepEqual(Object.keys(list[0] as object), ['id', 'vendor', 'product', 'status', 'params', 'docs']);
    const flex = list.find((p) => p.id === 'twilio-flex');
    assert.deepEqual((flex?.params as unknown[])[0], {
      key: 'connection',
      label: 'Connection ID',
      pattern: 'JQ[0-9a-fA-F]{32}',
      example: CONNECTION,
    });
    assert.equal(list.find((p) => p.id === 'twilio-flex-legacy')?.status, 'deprecated');
    const human = cli('providers');
    assert.equal(human.code, 0);
    assert.match(human.stdout, /^twilio-frontline +Twilio Frontline \(default\)/);
  });

  test('values --provider: the documented JSON keys, values and mapping rows', () => {
    const r = cli('values', '--provider', 'twilio-flex', '--param', `connection=${CONNECTION}`, '--json');
    assert.equal(r.code, 0);
    assert.deepEqual(r.json(), {
      provider: 'twilio-flex',
      params: { connection: CONNECTION, region: 'us1' },
      acsUrl: `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION}`,
      audience: `urn:flex:${CONNECTION}`,
      nameIdFormat: null,
      attributeMappings: [
        { attribute: 'email', value: '${user:email}', format: 'unspecified' },
        { attribute: 'full_name', value: '${user:name}', format: 'unspecified' },
        { attribute: 'roles', value: 'agent', format: 'unspecified' },
      ],
      findings: [],
    });
    const frontline = cli('values', '--provider', 'twilio-frontline', '--param', `realmSid=${REALM}`, '--json').json();
    assert.equal(frontline.acsUrl, ACS);
    assert.equal(frontline.audience, AUDIENCE);
  });

  test('an unknown provider exits 2 naming the known ids', () => {
    const r = cli('values', '--provider', 'github', '--param', 'organization=x');
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /Unknown provider "github"\..*Known providers: twilio-frontline, twilio-flex, .*github-org.*custom\./,
    );
    assert.equal(r.stdout, '');
  });

  test('a missing or malformed param exits 1 with the finding, and no value is printed', () => {
    const missing = cli('values', '--provider', 'slack', '--json');
    assert.equal(missing.code, 1);
    const out = missing.json();
    assert.equal(out.acsUrl, null);
    assert.equal(out.findings[0].code, 'provider-param-missing');
    assert.match(out.findings[0].message, /Workspace subdomain \(workspace\).*Example: acme/);
    const bad = cli('values', '--provider', 'twilio-flex', '--param', 'connection=JQ12');
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /ACS URL: +\(not available\)/);
    assert.match(
      bad.stdout,
      /error +The Connection ID \(connection\) "JQ12" does not have the expected form.*\[provider-param-malformed\]/,
    );
  });

  test('usage errors exit 2: --param without --provider, KEY=VALUE missing, a param given twice', () => {
    for (const [args, message] of [
      [['values', '--param', 'realmSid=x'], /--param needs --provider/],
      [['values', '--provider', 'slack', '--param', 'workspace'], /--param takes KEY=VALUE/],
      [['values', '--provider', 'slack', '--param', 'workspace=a', '--param', 'workspace=b'], /given twice/],
      [['values', REALM, '--provider', 'slack'], /not both/],
    ] as const) {
      const r = cli(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
  });

  test('values <Realm SID> prints exactly what it always printed', () => {
    const human = cli('values', REALM);
    assert.equal(human.code, 0);
    assert.equal(human.stdout, `Realm SID:     ${REALM}\nACS URL:       ${ACS}\nSAML audience: ${AUDIENCE}\n`);
    assert.equal(
      cli('values', REALM, '--json').stdout,
      JSON.stringify({ realmSid: REALM, acsUrl: ACS, audience: AUDIENCE }, null, 2) + '\n',
    );
    const fromUrl = cli('values', ` ${ACS}`);
    assert.equal(
      fromUrl.stdout,
      `Realm SID:     ${REALM}\nACS URL:       ${ACS}\nSAML audience: ${AUDIENCE}\n(Removed whitespace or quotes around the Realm SID.)\n(Took the Realm SID ${REALM} out of the pasted URL.)\n`,
    );
  });

  test('values <pasted Flex ACS URL> recognises twilio-flex and fills its connection', () => {
    const r = cli('values', `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION}`, '--json');
    assert.equal(r.code, 0);
    const out = r.json();
    assert.equal(out.provider, 'twilio-flex');
    assert.deepEqual(out.params, { connection: CONNECTION, region: 'us1' });
    assert.equal(out.audience, `urn:flex:${CONNECTION}`);
    assert.equal(out.findings[0].code, 'provider-recognised');
  });

  test('values <old preview.twilio.com URL> names the deprecated form and the migration guide', () => {
    const r = cli('values', `https://preview.twilio.com/iam/Accounts/${ACCOUNT_SID}/saml2`);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Provider: +twilio-flex-legacy/);
    assert.match(r.stdout, /warning preview\.twilio\.com is Flex's first, deprecated SSO URL.*\[provider-old-url\]/);
    assert.match(r.stdout, /warning .*deprecated.*migration-guide \[provider-deprecated\]/);
  });

  test('an unrecognised URL still gets the Realm SID finding it always got', () => {
    const r = cli('values', 'https://example.com/acs', '--json');
    assert.equal(r.code, 1);
    assert.equal(r.json().findings[0].code, 'realm-sid-url-without-sid');
  });

  test('activation does not load the definitions: dist/extension.js carries none of them', () => {
    const startup = readFileSync(join(ROOT, 'dist', 'extension.js'), 'utf8');
    for (const marker of ['login.flex.', 'segment-prod.auth0.com', 'sso-provider.schema.json', 'urn:flex:'])
      assert.ok(!startup.includes(marker), `dist/extension.js contains ${marker}`);
    // The CLI bundle does carry them, so the check above looks for strings that a bundle would contain.
    assert.ok(readFileSync(CLI, 'utf8').includes('login.flex.'));
  });

  test('--provider-file: a valid file is used like a built-in provider; a broken one exits 2 with its error', () => {
    const dir = tempDir();
    const good = join(dir, 'acme.sso-provider.json');
    writeFileSync(
      good,
      JSON.stringify({
        id: 'acme',
        vendor: 'Acme',
        product: 'Cloud',
        status: 'current',
        docs: [],
        params: [
          { key: 'tenant', label: 'Tenant', pattern: '[a-z]{1,20}', example: 'acme', where: 'Acme admin → SSO' },
        ],
        acsUrl: 'https://{tenant}.acme.example/saml/acs',
        audience: 'urn:acme:{tenant}',
        attributes: [],
        sources: [],
      }),
    );
    const ok = cli('values', '--provider-file', good, '--param', 'tenant=blue', '--json');
    assert.equal(ok.code, 0);
    assert.equal(ok.json().acsUrl, 'https://blue.acme.example/saml/acs');
    const bad = join(dir, 'bad.sso-provider.json');
    writeFileSync(bad, JSON.stringify({ id: 'x', params: 'tenant' }));
    const r = cli('values', '--provider-file', bad);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /bad\.sso-provider\.json is not a usable provider file: params: must be an array\. \(and \d+ more\)/,
    );
    const huge = join(dir, 'huge.sso-provider.json');
    writeFileSync(huge, ' '.repeat(2 * 1024 * 1024));
    const big = cli('values', '--provider-file', huge);
    assert.equal(big.code, 2);
    assert.match(big.stderr, /huge\.sso-provider\.json/);
  });
});
