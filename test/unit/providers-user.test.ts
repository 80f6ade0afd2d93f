// A user's own providers (issue 26, "Your own providers"): diagnostics on a `*.sso-provider.json` with positions and
// quick fixes, configs checked against a user provider, broken/duplicate/untrusted provider files named in the config's
// finding, the one serviceProvider reader, the Realm SID given as Frontline's param, and `lint --provider-file`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Finding } from '../../src/core/common/findings';
import { readConfig } from '../../src/core/config/file';
import { plainParams, readServiceProvider } from '../../src/core/config/serviceProvider';
import { lintProviderText } from '../../src/core/lint';
import { parseJsonc } from '../../src/core/lint/jsonNodes';
import {
  MAX_PROVIDER_FILE_BYTES,
  nameProvider,
  readUserProviderFile,
  usableUserProviders,
} from '../../src/core/providers';
import { FIXTURES, OTHER_REALM, REALM, tempDir } from './helpers';
import { ACME_PROVIDER, IDP, lintConfig } from './provider-fixtures';

const ROOT = join(FIXTURES, '..', '..');
const ACME = ACME_PROVIDER;
const ACME_TEXT = JSON.stringify(ACME, null, 2);

const acmeConfig = (tenant = 'blue', extra: Record<string, unknown> = {}) => ({
  serviceProvider: { id: 'acme-cloud', params: { tenant }, ...extra },
  identityProvider: IDP,
  attributeMappings: [
    { attribute: 'Subject', value: '${user:subject}', format: 'persistent' },
    { attribute: 'email', value: '${user:email}', format: 'unspecified' },
  ],
});

const lint = lintConfig;
const codes = (findings: Finding[]) => findings.map((f) => f.code).sort();
const at = (text: string, f: Finding | undefined) =>
  f?.span ? text.slice(f.span.offset, f.span.offset + f.span.length) : undefined;

describe('diagnostics on a provider file (*.sso-provider.json)', () => {
  test('a valid file has none', () => {
    assert.deepEqual(lintProviderText(ACME_TEXT, { name: 'acme.sso-provider.json' }), []);
  });

  test('each meaning check points at the value it is about', () => {
    const text = JSON.stringify(
      {
        ...ACME,
        id: 'twilio-flex',
        status: 'deprecated',
        params: [
          { ...ACME.params[0], pattern: '([a-z]+)+' },
          { ...ACME.params[0], example: 'UPPER', pattern: '[a-z]{1,4}' },
          { ...ACME.params[0], key: 'unused' },
        ],
        audience: 'https://acme.example/saml/{tenantId}',
      },
      null,
      2,
    );
    const findings = lintProviderText(text, { name: 'acme.sso-provider.json' });
    const find = (code: string) => findings.find((f) => f.code === code);
    assert.equal(at(text, find('provider-file-id-builtin')), '"twilio-flex"');
    assert.match(find('provider-file-id-builtin')?.message ?? '', /may not replace one; give your provider another id/);
    assert.equal(at(text, find('provider-file-pattern')), '"([a-z]+)+"');
    assert.equal(at(text, find('provider-file-example')), '"UPPER"');
    assert.equal(at(text, find('provider-file-template')), '"https://acme.example/saml/{tenantId}"');
    assert.equal(at(text, find('provider-file-status')), '"deprecated"');
    assert.equal(at(text, find('provider-file-param-duplicate')), '"tenant"');
    assert.equal(at(text, find('provider-file-param-unused')), '"unused"');
    for (const f of findings) assert.ok(f.span, `${f.code} has a position`);
  });

  test('a misspelt property and a wrong-case value have quick fixes that make the file valid', () => {
    const text = ACME_TEXT.replace('"acsUrl"', '"acsURL"').replace('"current"', '"Current"');
    const findings = lintProviderText(text, { name: 'acme.sso-provider.json' });
    const unknown = findings.find((f) => f.code === 'provider-file-unknown-property');
    assert.match(unknown?.message ?? '', /acsURL: not a property of a provider definition; did you mean "acsUrl"\?/);
    const value = findings.find((f) => f.code === 'provider-file-value');
    assert.match(
      value?.message ?? '',
      /status: "Current" is not one of current, legacy, deprecated\. Did you mean "current"\?/,
    );
    let fixed = text;
    for (const edit of [unknown, value].flatMap((f) => f?.fix?.edits ?? []).sort((a, b) => b.offset - a.offset))
      fixed = fixed.slice(0, edit.offset) + edit.newText + fixed.slice(edit.offset + edit.length);
    assert.equal(fixed, ACME_TEXT);
  });

  test('an id that another provider file has is an error on the id, naming the other file', () => {
    const other = readUserProviderFile('team/acme.sso-provider.json', ACME_TEXT);
    const findings = lintProviderText(ACME_TEXT, { name: 'acme.sso-provider.json', providers: [other] });
    const f = findings.find((x) => x.code === 'provider-file-id-duplicate');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /"acme-cloud" is also the id of team\/acme\.sso-provider\.json/);
    assert.equal(at(ACME_TEXT, f), '"acme-cloud"');
  });

  test('bounded: a file over the cap is refused unparsed; a long pattern is refused by the matcher', () => {
    const big = lintProviderText(' '.repeat(MAX_PROVIDER_FILE_BYTES) + '{}', { name: 'big.sso-provider.json' });
    assert.deepEqual(codes(big), ['provider-file-too-large']);
    const text = JSON.stringify({ ...ACME, params: [{ ...ACME.params[0], pattern: 'a'.repeat(300) }] });
    const long = lintProviderText(text, { name: 'long.sso-provider.json' });
    assert.ok(long.some((f) => f.code === 'provider-file-too-long'));
  });
});

describe('a config that names a user provider', () => {
  const acme = readUserProviderFile('providers/acme.sso-provider.json', ACME_TEXT);

  test('is checked against it like a built-in one: a good config lints clean', () => {
    assert.deepEqual(codes(lint(acmeConfig(), [acme])), []);
    assert.deepEqual(
      codes(
        lint(
          acmeConfig('blue', {
            acsUrl: 'https://blue.acme.example/saml/acs',
            audience: 'https://acme.example/saml/blue',
          }),
          [acme],
        ),
      ),
      [],
    );
  });

  test('params, ACS URL/audience agreement and attributes are the provider file’s', () => {
    const config = acmeConfig('Not A Tenant', { audience: 'https://acme.example/saml/red', tenat: 'x' });
    config.attributeMappings = config.attributeMappings.filter((m) => m.attribute !== 'email');
    (config.serviceProvider.params as Record<string, string>).tenat = 'x';
    const findings = lint(config, [acme]);
    assert.ok(codes(findings).includes('provider-param-malformed'), codes(findings).join());
    assert.ok(codes(findings).includes('provider-param-unknown'));
    assert.ok(codes(findings).includes('provider-attribute-missing'));
    const good = lint(acmeConfig('blue', { audience: 'https://acme.example/saml/red' }), [acme]);
    const mismatch = good.find((f) => f.code === 'provider-audience-mismatch');
    assert.match(
      mismatch?.message ?? '',
      /is not acme-cloud's for these params, which is https:\/\/acme\.example\/saml\/blue/,
    );
    assert.equal(mismatch?.fix?.edits[0]?.newText, '"https://acme.example/saml/blue"');
  });

  test('a broken provider file: the config says which provider and which file, with the file’s first error', () => {
    const broken = readUserProviderFile(
      'providers/acme.sso-provider.json',
      JSON.stringify({ ...ACME, params: [{ ...ACME.params[0], pattern: '(a|b)' }] }),
    );
    const findings = lint(acmeConfig(), [broken]);
    const f = findings.find((x) => x.code === 'provider-user-broken');
    assert.equal(f?.severity, 'error');
    assert.match(
      f?.message ?? '',
      /^The provider "acme-cloud" is defined in providers\/acme\.sso-provider\.json, which has errors: params\[0\]\.pattern: .*Fix that file; until then this config is not checked against the provider\.$/,
    );
    assert.ok(!codes(findings).includes('provider-unknown'));
  });

  test('two files with the id: the config names both', () => {
    const copy = readUserProviderFile('old/acme.sso-provider.json', ACME_TEXT);
    const f = lint(acmeConfig(), [acme, copy]).find((x) => x.code === 'provider-user-duplicate');
    assert.match(
      f?.message ?? '',
      /defined in 2 provider files \(providers\/acme\.sso-provider\.json, old\/acme\.sso-provider\.json\)/,
    );
  });

  test('Restricted Mode: a workspace provider is not used; the config says it is used once the workspace is trusted', () => {
    const untrusted = readUserProviderFile('providers/acme.sso-provider.json', ACME_TEXT, { untrusted: true });
    const findings = lint(acmeConfig('Not A Tenant'), [untrusted]);
    const f = findings.find((x) => x.code === 'provider-user-untrusted');
    assert.equal(f?.severity, 'warning');
    assert.match(
      f?.message ?? '',
      /"acme-cloud" is defined in this workspace \(providers\/acme\.sso-provider\.json\), which is not trusted: it is used once the workspace is trusted/,
    );
    // Not used: its param rules do not run.
    assert.ok(!codes(findings).includes('provider-param-malformed'));
    assert.deepEqual(usableUserProviders([untrusted]), []);
  });

  test('an unknown id lists the built-in and the user ids, and suggests a user id', () => {
    const f = lint({ ...acmeConfig(), serviceProvider: { id: 'acme-clod' } }, [acme]).find(
      (x) => x.code === 'provider-unknown',
    );
    assert.match(
      f?.message ?? '',
      /^Unknown provider "acme-clod"\. Did you mean acme-cloud\? Known providers: twilio-frontline, .*, custom; from your provider files: acme-cloud\.$/,
    );
    assert.equal(f?.fix?.title, 'Use "acme-cloud"');
  });

  test('a user file cannot shadow a built-in id: the built-in provider is used, and the file reports the error', () => {
    const shadow = readUserProviderFile('flex.sso-provider.json', JSON.stringify({ ...ACME, id: 'twilio-flex' }));
    assert.equal(shadow.definition, undefined);
    assert.ok(shadow.errors.some((f) => f.code === 'provider-file-id-builtin'));
    const named = nameProvider('twilio-flex', [shadow]);
    assert.equal(named.kind, 'builtin');
  });
});

describe('Frontline Realm SID given as serviceProvider.params.realmSid', () => {
  const frontline = (extra: Record<string, unknown>) => ({
    workspaceId: 'acme',
    identityProvider: IDP,
    attributeMappings: [
      { attribute: 'Subject', value: '${user:email}', format: 'emailAddress' },
      { attribute: 'email', value: '${user:email}', format: 'unspecified' },
      { attribute: 'roles', value: 'agent', format: 'unspecified' },
    ],
    ...extra,
  });

  test('counts: no realm-sid-missing, and the ACS URL is checked against it', () => {
    const findings = lint(frontline({ serviceProvider: { id: 'twilio-frontline', params: { realmSid: REALM } } }));
    assert.deepEqual(codes(findings), []);
    const noId = lint(frontline({ serviceProvider: { params: { realmSid: REALM } } }));
    assert.deepEqual(codes(noId), []);
    const wrongAcs = lint(
      frontline({
        serviceProvider: {
          id: 'twilio-frontline',
          params: { realmSid: REALM },
          acsUrl: `https://iam.twilio.com/v2/saml2/authenticate/${OTHER_REALM}`,
        },
      }),
    );
    assert.deepEqual(codes(wrongAcs), ['sp-acsUrl-realm-mismatch']);
  });

  test('a malformed one is reported where it is, with its quick fix', () => {
    const text = JSON.stringify(frontline({ serviceProvider: { params: { realmSid: ` ${REALM} ` } } }), null, 2);
    const f = lint(text).find((x) => x.code === 'realm-sid-trimmed');
    assert.equal(at(text, f), ` ${REALM} `);
  });

  test('both given and different: a clear error on the param, pointing at the other', () => {
    const text = JSON.stringify(
      frontline({ realmSid: REALM, serviceProvider: { id: 'twilio-frontline', params: { realmSid: OTHER_REALM } } }),
      null,
      2,
    );
    const findings = lint(text);
    assert.deepEqual(codes(findings), ['realm-sid-conflict']);
    const f = findings[0] as Finding;
    assert.equal(
      f.message,
      `Two different Realm SIDs: "realmSid" is ${REALM} and "serviceProvider.params.realmSid" is ${OTHER_REALM}. Keep the one from the Frontline Console SSO page and remove the other.`,
    );
    assert.equal(at(text, f), OTHER_REALM);
    assert.deepEqual(codes(lint(frontline({ realmSid: REALM, serviceProvider: { params: { realmSid: REALM } } }))), []);
  });

  test('readConfig (saml --config, Decode SAML Response) takes it too', () => {
    assert.equal(readConfig(JSON.stringify({ serviceProvider: { params: { realmSid: REALM } } })).realmSid, REALM);
    assert.equal(
      readConfig(JSON.stringify({ realmSid: REALM, serviceProvider: { params: { realmSid: OTHER_REALM } } })).realmSid,
      REALM,
    );
    // Another provider's realmSid param is not Frontline's.
    assert.equal(
      readConfig(JSON.stringify({ serviceProvider: { id: 'twilio-flex', params: { realmSid: REALM } } })).realmSid,
      undefined,
    );
  });
});

describe('one serviceProvider reader', () => {
  const read = (config: unknown) => plainParams(readServiceProvider(parseJsonc(JSON.stringify(config)).root));

  test('plain params as JSON.parse reads them: strings only, the last of a duplicated key', () => {
    assert.deepEqual(read({ serviceProvider: { id: 'x', params: { a: '1', b: 2, c: null } } }), { a: '1' });
    const dup = parseJsonc('{"serviceProvider": {"id": "x", "params": {"a": "1", "a": "2", "b": "3", "b": 4}}}').root;
    assert.deepEqual(plainParams(readServiceProvider(dup)), { a: '2' });
    assert.deepEqual(read({ serviceProvider: [1] }), {});
    assert.deepEqual(read({ serviceProvider: { id: 'x', params: 'no' } }), {});
  });

  test("custom's ACS URL and audience are its params; another provider's are not", () => {
    const sp = { acsUrl: 'https://a.example/acs', audience: 'urn:a', params: { audience: 'urn:b' } };
    assert.deepEqual(read({ serviceProvider: { id: 'custom', ...sp } }), {
      acsUrl: 'https://a.example/acs',
      audience: 'urn:b',
    });
    assert.deepEqual(read({ serviceProvider: { id: 'twilio-flex', ...sp } }), { audience: 'urn:b' });
  });
});

describe('frontline-sso lint --provider-file (dist/cli.js)', () => {
  const CLI = join(ROOT, 'dist', 'cli.js');
  const run = (dir: string, ...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: dir });

  test('configs use the providers given (repeatable); a broken one is named in the config and listed itself', () => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build');
    const dir = tempDir();
    for (const name of ['idp.pem', 'metadata.xml'])
      writeFileSync(join(dir, name), readFileSync(join(FIXTURES, 'idp', name)));
    writeFileSync(join(dir, 'acme.sso-provider.json'), ACME_TEXT);
    writeFileSync(join(dir, 'beta.sso-provider.json'), JSON.stringify({ ...ACME, id: 'beta', acsUrl: 'https://{x}' }));
    writeFileSync(join(dir, 'acme.frontline-sso.json'), JSON.stringify(acmeConfig(), null, 2));
    writeFileSync(
      join(dir, 'beta.frontline-sso.json'),
      JSON.stringify({ ...acmeConfig(), serviceProvider: { id: 'beta' } }, null, 2),
    );

    const without = run(dir, 'lint', 'acme.frontline-sso.json');
    assert.equal(without.status, 1);
    assert.match(without.stdout, /Unknown provider "acme-cloud"/);

    const ok = run(dir, 'lint', 'acme.frontline-sso.json', '--provider-file', 'acme.sso-provider.json');
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.equal(
      ok.stdout,
      'acme.frontline-sso.json: ✓ no problems found\nacme.sso-provider.json: ✓ no problems found\n',
    );

    const both = run(
      dir,
      'lint',
      'acme.frontline-sso.json',
      'beta.frontline-sso.json',
      '--provider-file',
      'acme.sso-provider.json',
      '--provider-file',
      'beta.sso-provider.json',
      '--json',
    );
    assert.equal(both.status, 1, both.stderr);
    const results = JSON.parse(both.stdout) as Array<{ file: string; diagnostics: Array<Record<string, unknown>> }>;
    assert.deepEqual(
      results.map((r) => r.file),
      ['acme.frontline-sso.json', 'beta.frontline-sso.json', 'acme.sso-provider.json', 'beta.sso-provider.json'],
    );
    assert.deepEqual(results[0]?.diagnostics, []);
    const broken = results[1]?.diagnostics[0];
    assert.equal(broken?.code, 'provider-user-broken');
    assert.match(
      String(broken?.message),
      /The provider "beta" is defined in beta\.sso-provider\.json, which has errors: acsUrl: /,
    );
    const own = results[3]?.diagnostics.find((d) => d.code === 'provider-file-template');
    assert.equal(own?.line, 1);
  });

  test('a Frontline config with the Realm SID only in serviceProvider.params has no realm-sid-missing', () => {
    const dir = tempDir();
    const config = {
      serviceProvider: { id: 'twilio-frontline', params: { realmSid: REALM } },
      workspaceId: 'acme',
    };
    writeFileSync(join(dir, 'frontline-sso.json'), JSON.stringify(config, null, 2));
    const r = run(dir, 'lint', 'frontline-sso.json', '--json');
    const codes = (JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ code: string }> }>)[0]?.diagnostics.map(
      (d) => d.code,
    );
    assert.ok(codes && !codes.includes('realm-sid-missing'), codes?.join(', '));
    assert.ok(codes.includes('idp-missing'), 'the rest of the config is still checked');
  });

  test('a provider file given as a file to lint gets its diagnostics with positions; an unreadable one exits 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'acme.sso-provider.json'), ACME_TEXT.replace('"acsUrl"', '"acsURL"'));
    const r = run(dir, 'lint', 'acme.sso-provider.json');
    assert.equal(r.status, 1, r.stderr);
    assert.match(
      r.stdout,
      /acme\.sso-provider\.json:\d+:3: warning acsURL: not a property .* \[provider-file-unknown-property\]/,
    );
    assert.match(r.stdout, /error The file: "acsUrl" is required .*\[provider-file-missing\]/);
    const missing = run(dir, 'lint', 'acme.sso-provider.json', '--provider-file', 'nope.sso-provider.json');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.sso-provider\.json/);
  });
});
