// The SAML check for every built-in provider (issue 26 item 4): a response signed by the test key, checked with
// --provider and --param through the shipped CLI, recognised from its Destination or Audience without them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { BUILTIN_PROVIDERS, providerValues } from '../../src/core/providers/index';
import { checkRecognisingProvider, frontlineConfigSamlExpectations } from '../../src/core/providers/saml';
import { checkSamlResponse, samlVerdict } from '../../src/core/saml/response';
import { sign } from '../../tools/generators/samlAttacks';
import { FIXTURES, ISSUER, REALM, fixture, tempDir } from './helpers';

const ROOT = join(FIXTURES, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const CERT = join(FIXTURES, 'idp', 'idp.pem');
const AT = '2026-12-01T12:00:30Z';
const CHECKED = ['--issuer', ISSUER, '--cert', CERT, '--at', AT];

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Finding {
  code: string;
  severity: string;
  message: string;
}
interface Report {
  checks: Finding[];
  verdict: string;
  provider?: { id: string; params: Record<string, string>; recognisedFrom: string | null };
}
const report = (stdout: string) => JSON.parse(stdout) as Report;
const errors = (r: Report) => r.checks.filter((c) => c.severity === 'error');

const UNSIGNED = fixture('saml', 'valid.xml')
  .trim()
  .replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '');

interface ResponseParts {
  destination: string;
  audience: string;
  nameIdFormat?: string;
  attributes: Record<string, string[]>;
  /** Leave the assertion unsigned (the Response is signed either way). */
  assertionUnsigned?: boolean;
}

/** SAML 1.1 names emailAddress and unspecified, SAML 2.0 persistent and transient. */
const nameIdUrn = (short: string) =>
  `urn:oasis:names:tc:SAML:${short === 'emailAddress' || short === 'unspecified' ? '1.1' : '2.0'}:nameid-format:${short}`;

/** valid.xml with another provider's URLs, NameID format and attributes, signed again by the test IdP key. */
function signedResponse(parts: ResponseParts): string {
  const attributes = Object.entries(parts.attributes)
    .map(
      ([name, values]) =>
        `<saml2:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">${values
          .map((v) => `<saml2:AttributeValue>${v}</saml2:AttributeValue>`)
          .join('')}</saml2:Attribute>`,
    )
    .join('');
  const esc = (s: string) => s.replace(/&/g, '&amp;');
  let xml = UNSIGNED.replace(/Destination="[^"]*"/, `Destination="${esc(parts.destination)}"`)
    .replace(/Recipient="[^"]*"/, `Recipient="${esc(parts.destination)}"`)
    .replace(/<saml2:Audience>[^<]*<\/saml2:Audience>/, `<saml2:Audience>${esc(parts.audience)}</saml2:Audience>`)
    .replace(/Format="[^"]*nameid-format:emailAddress"/, `Format="${nameIdUrn(parts.nameIdFormat ?? 'emailAddress')}"`)
    .replace(/<saml2:AttributeStatement>[\s\S]*<\/saml2:AttributeStatement>/, () =>
      attributes ? `<saml2:AttributeStatement>${attributes}</saml2:AttributeStatement>` : '',
    );
  if (!parts.assertionUnsigned)
    xml = sign(xml, { id: '_a0f1c2d3e4', after: "//*[local-name()='Assertion']/*[local-name()='Issuer']" });
  return sign(xml, { id: '_r9e8d7c6b5', after: "/*/*[local-name()='Issuer']" });
}

interface Case {
  id: string;
  params: Record<string, string>;
  /** Another valid value of one param: the response was made for other params. */
  wrong: Record<string, string>;
  /** Which value of the response names the provider, when it can be recognised without --provider. */
  recognisedFrom?: 'Destination' | 'Audience';
}

const CASES: Case[] = [
  {
    id: 'twilio-frontline',
    params: { realmSid: REALM },
    wrong: { realmSid: 'JB0123456789abcdef0123456789abcdee' },
    recognisedFrom: 'Destination',
  },
  {
    id: 'twilio-flex',
    params: { connection: 'JQ0123456789abcdef0123456789abcdef' },
    wrong: { connection: 'JQ0123456789abcdef0123456789abcdee' },
    recognisedFrom: 'Destination',
  },
  {
    id: 'twilio-flex-legacy',
    params: { accountSid: 'AC0123456789abcdef0123456789abcdef' },
    wrong: { accountSid: 'AC0123456789abcdef0123456789abcdee' },
    recognisedFrom: 'Destination',
  },
  {
    id: 'twilio-console',
    params: { connectionId: 'a1b2c3d4', acsUrl: 'https://console.example.com/sso/acs' },
    wrong: { connectionId: 'a1b2c3d5', acsUrl: 'https://console.example.com/sso/acs' },
    recognisedFrom: 'Audience',
  },
  {
    id: 'sendgrid',
    params: { ssoUrl: 'https://api.sendgrid.com/v3/public/sso/saml/response/id/1234' },
    wrong: { ssoUrl: 'https://api.sendgrid.com/v3/public/sso/saml/response/id/1235' },
  },
  {
    id: 'segment',
    params: { connection: 'a1b2c3d4', entityIdSuffix: 'samlp-a1b2c3d4' },
    wrong: { connection: 'a1b2c3d5', entityIdSuffix: 'samlp-a1b2c3d5' },
    recognisedFrom: 'Destination',
  },
  {
    id: 'github-org',
    params: { organization: 'octo-org' },
    wrong: { organization: 'other-org' },
    recognisedFrom: 'Destination',
  },
  { id: 'slack', params: { workspace: 'acme' }, wrong: { workspace: 'other' }, recognisedFrom: 'Destination' },
  {
    id: 'zoom',
    params: { vanity: 'acme', acsUrl: 'https://acme.zoom.us/saml/SSO' },
    wrong: { vanity: 'other', acsUrl: 'https://acme.zoom.us/saml/SSO' },
    recognisedFrom: 'Audience',
  },
  {
    id: 'atlassian-cloud',
    params: { samlId: 'a1b2c3d4', acsUrl: 'https://auth.atlassian.com/login/callback?connection=saml-a1b2c3d4' },
    wrong: { samlId: 'a1b2c3d5', acsUrl: 'https://auth.atlassian.com/login/callback?connection=saml-a1b2c3d4' },
    recognisedFrom: 'Audience',
  },
  {
    id: 'salesforce',
    params: { entityId: 'https://acme.my.salesforce.com', acsUrl: 'https://acme.my.salesforce.com?so=00D000000000001' },
    wrong: { entityId: 'https://acme.my.salesforce.com', acsUrl: 'https://acme.my.salesforce.com?so=00D000000000002' },
  },
  {
    id: 'custom',
    params: { acsUrl: 'https://app.example.com/saml/acs', audience: 'https://app.example.com/saml/metadata' },
    wrong: { acsUrl: 'https://app.example.com/saml/acs2', audience: 'https://app.example.com/saml/metadata' },
  },
];

/** A response as IAM Identity Center sends it for the provider's values and suggested attributes. */
function responseFor(c: Case, params: Record<string, string> = c.params, drop?: string): string {
  const definition = BUILTIN_PROVIDERS.find((p) => p.id === c.id)!;
  const values = providerValues(definition, params);
  assert.ok(values.acsUrl && values.audience, `${c.id}: ${JSON.stringify(values.findings)}`);
  const attributes: Record<string, string[]> = {};
  for (const a of definition.attributes) {
    if (a.name === drop) continue;
    attributes[a.name] = [a.allowedValues?.[0] ?? (a.name.includes('mail') ? 'jane.doe@example.com' : 'Jane Doe')];
  }
  return signedResponse({
    destination: values.acsUrl,
    audience: values.audience,
    nameIdFormat: definition.nameId?.formats[0],
    attributes,
  });
}

const dir = tempDir();
function write(name: string, xml: string): string {
  const file = join(dir, name);
  writeFileSync(file, xml);
  return file;
}
const paramArgs = (params: Record<string, string>) =>
  Object.entries(params).flatMap(([k, v]) => ['--param', `${k}=${v}`]);

describe('saml --provider: every built-in provider, with a response signed by the test key (issue 26 item 4)', () => {
  test('the cases cover every built-in provider', () => {
    assert.deepEqual(
      CASES.map((c) => c.id),
      BUILTIN_PROVIDERS.map((p) => p.id),
    );
  });

  for (const c of CASES) {
    test(`${c.id}: passes with its params; another ${Object.keys(c.wrong).join('/')} fails on Destination or Audience`, () => {
      const file = write(`${c.id}.xml`, responseFor(c));
      const ok = cli(['saml', file, '--provider', c.id, ...paramArgs(c.params), ...CHECKED, '--json']);
      const r = report(ok.stdout);
      assert.deepEqual(errors(r), [], `${c.id}: ${ok.stdout}${ok.stderr}`);
      assert.equal(ok.code, 0);
      assert.equal(r.provider?.id, c.id);
      assert.equal(r.provider?.recognisedFrom, null);
      for (const [k, v] of Object.entries(c.params)) assert.equal(r.provider?.params[k], v);

      const wrong = cli(['saml', file, '--provider', c.id, ...paramArgs(c.wrong), ...CHECKED, '--json']);
      assert.equal(wrong.code, 1, wrong.stdout + wrong.stderr);
      const codes = errors(report(wrong.stdout)).map((f) => f.code);
      assert.ok(
        codes.some((code) => ['saml-destination', 'saml-audience', 'saml-recipient'].includes(code)),
        `${c.id}: ${codes.join(', ')}`,
      );
    });
  }

  for (const c of CASES.filter((x) => x.recognisedFrom)) {
    test(`${c.id}: recognised from the ${c.recognisedFrom} when no provider, config or realm is given`, () => {
      const file = write(`${c.id}-recognised.xml`, responseFor(c));
      const json = cli(['saml', file, ...CHECKED, '--json']);
      const r = report(json.stdout);
      assert.equal(r.provider?.id, c.id, json.stdout);
      assert.equal(r.provider?.recognisedFrom, c.recognisedFrom);
      assert.ok(r.checks.some((f) => f.code === 'saml-provider-recognised' && f.message.includes(`provider ${c.id}`)));
      assert.deepEqual(errors(r), []);
      const text = cli(['saml', file, ...CHECKED]);
      assert.match(text.stdout, new RegExp(`^Provider: +${c.id} \\(recognised from the ${c.recognisedFrom}\\)`));
    });
  }
});

describe('saml --provider twilio-flex (issue 26 item 4)', () => {
  const flex = CASES.find((c) => c.id === 'twilio-flex')!;
  const CONNECTION = flex.params.connection!;

  test('recognised without expectations: the report says so, and the ACS URL with ?connection= compares exactly', () => {
    const file = write('flex.xml', responseFor(flex));
    const r = cli(['saml', file, ...CHECKED, '--json']);
    assert.equal(r.code, 0, r.stdout);
    const out = report(r.stdout);
    assert.deepEqual(out.provider, {
      id: 'twilio-flex',
      params: { connection: CONNECTION, region: 'us1' },
      recognisedFrom: 'Destination',
    });
    assert.match(out.verdict, /^Flex should accept this response/);
    const text = cli(['saml', file, ...CHECKED]);
    assert.match(
      text.stdout,
      /No provider was given; the Destination names Twilio Flex \(enhanced SSO\) \(provider twilio-flex/,
    );
    // The same connection in another query string is not the ACS URL.
    const values = providerValues(
      BUILTIN_PROVIDERS.find((p) => p.id === 'twilio-flex')!,
      flex.params,
    );
    const other = write(
      'flex-query.xml',
      signedResponse({
        destination: `${values.acsUrl}&prompt=login`,
        audience: values.audience!,
        attributes: { email: ['jane.doe@example.com'], full_name: ['Jane Doe'], roles: ['agent'] },
      }),
    );
    const checked = cli(['saml', other, '--provider', 'twilio-flex', ...paramArgs(flex.params), ...CHECKED, '--json']);
    assert.equal(checked.code, 1);
    assert.deepEqual(
      errors(report(checked.stdout)).map((f) => f.code),
      ['saml-destination', 'saml-recipient'],
    );
  });

  test("saml --config with serviceProvider.id: the config's provider and params give the expectations", () => {
    const file = write('flex-config.xml', responseFor(flex));
    const config = (connection: string) =>
      write(
        `flex-${connection.slice(-4)}.frontline-sso.json`,
        JSON.stringify({
          serviceProvider: { id: 'twilio-flex', params: { connection } },
          identityProvider: { issuer: ISSUER, certificateFile: CERT },
        }),
      );
    const good = cli(['saml', file, '--config', config(CONNECTION), '--at', AT, '--json']);
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.deepEqual(report(good.stdout).provider, {
      id: 'twilio-flex',
      params: { connection: CONNECTION, region: 'us1' },
      recognisedFrom: null,
    });
    // serviceProvider.acsUrl beside the params is an override the linter compares, not a param of Flex.
    const withOverride = write(
      'flex-override.frontline-sso.json',
      JSON.stringify({
        serviceProvider: { id: 'twilio-flex', params: { connection: CONNECTION }, acsUrl: 'https://example.org/acs' },
        identityProvider: { issuer: ISSUER, certificateFile: CERT },
      }),
    );
    const overridden = report(cli(['saml', file, '--config', withOverride, '--at', AT, '--json']).stdout);
    assert.ok(!overridden.checks.some((c) => c.code === 'provider-param-unknown'), JSON.stringify(overridden.checks));
    // Another connection in the config: Destination, Recipient and Audience are wrong, never guessed from the response.
    const otherConnection = `JQ${'f'.repeat(32)}`;
    const wrong = cli(['saml', file, '--config', config(otherConnection), '--at', AT, '--json']);
    assert.equal(wrong.code, 1);
    assert.deepEqual(
      errors(report(wrong.stdout)).map((f) => f.code),
      ['saml-destination', 'saml-audience', 'saml-recipient'],
    );
    // An id that names no provider: exit 2, naming the known ones.
    const unknown = write(
      'nope.frontline-sso.json',
      JSON.stringify({ serviceProvider: { id: 'flexx' }, identityProvider: { issuer: ISSUER } }),
    );
    const bad = cli(['saml', file, '--config', unknown, '--at', AT]);
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /Unknown provider "flexx"\. Did you mean twilio-flex\?|Unknown provider "flexx".*twilio-flex/,
    );
  });

  test('a missing full_name is an error that names it and what to map it to', () => {
    const file = write('flex-no-name.xml', responseFor(flex, flex.params, 'full_name'));
    const r = cli(['saml', file, '--provider', 'twilio-flex', ...paramArgs(flex.params), ...CHECKED, '--json']);
    assert.equal(r.code, 1);
    const [missing, ...rest] = errors(report(r.stdout));
    assert.deepEqual(rest, []);
    assert.equal(missing?.code, 'saml-attribute-missing');
    assert.match(missing!.message, /No <Attribute Name="full_name">.*\(\$\{user:name\}\)/);
    // Recognised without --provider: the same error.
    const recognised = cli(['saml', file, ...CHECKED, '--json']);
    assert.equal(recognised.code, 1);
    assert.deepEqual(
      errors(report(recognised.stdout)).map((f) => f.code),
      ['saml-attribute-missing'],
    );
  });

  test('roles: supervisor and admin pass, another value is a warning with the known roles', () => {
    const values = providerValues(
      BUILTIN_PROVIDERS.find((p) => p.id === 'twilio-flex')!,
      flex.params,
    );
    const withRoles = (roles: string[]) =>
      write(
        `flex-${roles.join('-')}.xml`,
        signedResponse({
          destination: values.acsUrl!,
          audience: values.audience!,
          attributes: { email: ['jane.doe@example.com'], full_name: ['Jane Doe'], roles },
        }),
      );
    const args = ['--provider', 'twilio-flex', ...paramArgs(flex.params), ...CHECKED, '--json'];
    const ok = report(cli(['saml', withRoles(['supervisor', 'admin']), ...args]).stdout);
    assert.deepEqual(
      ok.checks.filter((f) => f.severity !== 'info'),
      [],
    );
    const odd = report(cli(['saml', withRoles(['boss']), ...args]).stdout);
    const warning = odd.checks.find((f) => f.code === 'saml-role-unknown');
    assert.equal(warning?.severity, 'warning');
    assert.equal(
      warning?.message,
      '"boss" is not a known Flex role; the known roles are "agent", "supervisor", "admin".',
    );
  });

  test('Flex needs the assertion signed too: an unsigned one is an error (Frontline: a warning)', () => {
    const values = providerValues(
      BUILTIN_PROVIDERS.find((p) => p.id === 'twilio-flex')!,
      flex.params,
    );
    const file = write(
      'flex-assertion-unsigned.xml',
      signedResponse({
        destination: values.acsUrl!,
        audience: values.audience!,
        attributes: { email: ['jane.doe@example.com'], full_name: ['Jane Doe'], roles: ['agent'] },
        assertionUnsigned: true,
      }),
    );
    const r = report(
      cli(['saml', file, '--provider', 'twilio-flex', ...paramArgs(flex.params), ...CHECKED, '--json']).stdout,
    );
    assert.deepEqual(
      errors(r).map((f) => f.code),
      ['saml-assertion-unsigned'],
    );
  });

  test('twilio-flex-legacy recognised: the deprecation warning with the migration guide', () => {
    const legacy = CASES.find((c) => c.id === 'twilio-flex-legacy')!;
    const file = write('flex-legacy.xml', responseFor(legacy));
    const r = report(cli(['saml', file, ...CHECKED, '--json']).stdout);
    const deprecated = r.checks.find((f) => f.code === 'provider-deprecated');
    assert.equal(deprecated?.severity, 'warning');
    assert.match(deprecated!.message, /migration-guide/);
  });
});

describe('saml --provider: bad input (issue 26 item 4)', () => {
  const file = join(FIXTURES, 'saml', 'valid.xml');

  test('an unknown provider: exit 2, naming the known ids', () => {
    const r = cli(['saml', file, '--provider', 'twilio-flx', '--param', 'connection=JQ0', ...CHECKED]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /Unknown provider "twilio-flx"\. Did you mean twilio-flex\? Known providers: twilio-frontline, twilio-flex, /,
    );
  });

  test('a missing param: exit 1 with the finding, its example and where to find it; nothing guessed', () => {
    const r = cli(['saml', file, '--provider', 'twilio-flex', ...CHECKED, '--json']);
    assert.equal(r.code, 1);
    const out = report(r.stdout);
    const missing = out.checks.find((f) => f.code === 'provider-param-missing');
    assert.equal(missing?.severity, 'error');
    assert.match(
      missing!.message,
      /Connection ID \(connection\) of twilio-flex is missing\. Flex Console .* Example: JQ0123/,
    );
    assert.ok(!out.checks.some((f) => f.code === 'saml-destination' || f.code === 'saml-audience'));
    assert.deepEqual(out.provider, { id: 'twilio-flex', params: { region: 'us1' }, recognisedFrom: null });
  });

  test('a malformed param: exit 1 with the finding', () => {
    const r = cli(['saml', file, '--provider', 'github-org', '--param', 'organization=octo org', ...CHECKED]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /error +provider-param-malformed|provider-param-malformed/);
    assert.match(r.stdout, /"octo org" does not have the expected form/);
  });

  test('--param without --provider, and --provider with --realm: usage errors', () => {
    const alone = cli(['saml', file, '--param', 'connection=JQ0', ...CHECKED]);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--param needs --provider ID/);
    const both = cli(['saml', file, '--provider', 'twilio-frontline', '--realm', REALM, ...CHECKED]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /not both/);
  });
});

describe('saml: Frontline reports as before providers (issue 26 item 4)', () => {
  const file = join(FIXTURES, 'saml', 'wrong-audience.xml');

  test('--provider twilio-frontline gives the checks --realm gives, and --realm adds no provider key', () => {
    const realm = report(cli(['saml', file, '--realm', REALM, ...CHECKED, '--json']).stdout);
    const provider = report(
      cli(['saml', file, '--provider', 'twilio-frontline', '--param', `realmSid=${REALM}`, ...CHECKED, '--json'])
        .stdout,
    );
    assert.deepEqual(provider.checks, realm.checks);
    assert.equal(realm.provider, undefined);
    assert.match(realm.verdict, /^Frontline would reject/);
  });
});

describe('checkRecognisingProvider: what the CLI and Decode SAML Response do when nothing names the provider', () => {
  const at = new Date(AT);
  const run = (xml: string) =>
    checkRecognisingProvider((e) => checkSamlResponse(xml, e, at), frontlineConfigSamlExpectations({ issuer: ISSUER }));

  test('a Frontline response: recognised from its Destination, so its Audience is compared with the same realm', async () => {
    const { report, recognised } = await run(fixture('saml', 'valid.xml'));
    assert.equal(recognised?.provider.id, 'twilio-frontline');
    assert.deepEqual(recognised?.params, { realmSid: REALM });
    assert.equal(report.checks[0]?.code, 'saml-provider-recognised');
    assert.ok(!report.checks.some((f) => f.code === 'saml-no-realm'));
  });

  test('a response no provider has the form of: checked as before, with the no-Realm-SID note', async () => {
    const xml = signedResponse({
      destination: 'https://sp.example.org/acs',
      audience: 'https://sp.example.org',
      attributes: { email: ['jane.doe@example.com'], roles: ['agent'] },
    });
    const { report, recognised } = await run(xml);
    assert.equal(recognised, undefined);
    assert.ok(report.checks.some((f) => f.code === 'saml-no-realm'));
    assert.match(samlVerdict(report), /^Frontline should accept/);
  });
});
