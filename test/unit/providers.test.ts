import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import fc from 'fast-check';
import { RECOMMENDED_MAPPINGS } from '../../src/core/config/mappings';
import { providerFacts } from '../../src/core/providers/docs';
import {
  BUILTIN_PROVIDERS,
  CompiledPattern,
  ProviderDefinition,
  compilePattern,
  compileProvider,
  findProvider,
  matchesPattern,
  providerValues,
  recogniseProvider,
  unknownProviderFinding,
  validateProviderFile,
} from '../../src/core/providers/index';
import { frontlineValues } from '../../src/core/values/realm';
import { ACS, AUDIENCE, FIXTURES, REALM } from './helpers';
import { ACME_PROVIDER } from './provider-fixtures';

const ROOT = join(FIXTURES, '..', '..');
const provider = (id: string) => findProvider(id) as ProviderDefinition;
const codes = (findings: ReadonlyArray<{ code: string }>) => findings.map((f) => f.code);
const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';

describe('built-in providers (docs/providers/)', () => {
  test('at least ten, unique ids, Frontline first, every fact with a public https source', () => {
    assert.ok(BUILTIN_PROVIDERS.length >= 10);
    assert.equal(BUILTIN_PROVIDERS[0]?.id, 'twilio-frontline');
    assert.equal(new Set(BUILTIN_PROVIDERS.map((p) => p.id)).size, BUILTIN_PROVIDERS.length);
    for (const p of BUILTIN_PROVIDERS) {
      if (p.id === 'custom') continue; // The user gives every value.
      for (const fact of providerFacts(p))
        assert.ok(
          p.sources.some((s) => s.fact === fact || s.fact.startsWith(`${fact}.`)),
          `${p.id}: no source for ${fact}`,
        );
      for (const s of p.sources) assert.match(s.url, /^https:\/\//, `${p.id}: ${s.url}`);
    }
  });

  test('each built-in definition is a valid provider file of the same shape, and the schema accepts it', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'sso-provider.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    for (const p of BUILTIN_PROVIDERS) {
      const r = validateProviderFile(JSON.stringify(p));
      assert.deepEqual(
        r.findings.filter((f) => f.severity !== 'info'),
        [],
        `${p.id}: ${r.findings.map((f) => f.message).join('; ')}`,
      );
      assert.ok(validate(JSON.parse(JSON.stringify(p))), `${p.id}: ${JSON.stringify(validate.errors)}`);
    }
  });

  test('twilio-frontline gives exactly the values and mappings Frontline always had', () => {
    const v = providerValues(provider('twilio-frontline'), { realmSid: REALM });
    assert.deepEqual(v.findings, []);
    assert.equal(v.acsUrl, ACS);
    assert.equal(v.audience, AUDIENCE);
    assert.deepEqual({ realmSid: REALM, acsUrl: v.acsUrl, audience: v.audience }, frontlineValues(REALM));
    assert.equal(v.nameIdFormat, 'emailAddress');
    assert.deepEqual(v.attributeMappings, RECOMMENDED_MAPPINGS);
  });

  // Each expected value is the vendor's documented example (docs/providers/<id>.md cites the page).
  const documented: Array<[string, Record<string, string>, string | null, string | null, string | null]> = [
    [
      'twilio-flex',
      { connection: CONNECTION },
      `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION}`,
      `urn:flex:${CONNECTION}`,
      null,
    ],
    [
      'twilio-flex-legacy',
      { accountSid: ACCOUNT_SID },
      `https://iam.twilio.com/v1/Accounts/${ACCOUNT_SID}/saml2`,
      `https://iam.twilio.com/v1/Accounts/${ACCOUNT_SID}/saml2/metadata`,
      null,
    ],
    [
      'github-org',
      { organization: 'octo-org' },
      'https://github.com/orgs/octo-org/saml/consume',
      'https://github.com/orgs/octo-org',
      'persistent',
    ],
    [
      'twilio-console',
      { connectionId: 'a1b2c3d4', acsUrl: 'https://sso.example.com/acs' },
      'https://sso.example.com/acs',
      'urn:console:a1b2c3d4',
      'emailAddress',
    ],
    [
      'sendgrid',
      { ssoUrl: 'https://sso.example.com/x' },
      'https://sso.example.com/x',
      'https://sso.example.com/x',
      'emailAddress',
    ],
    [
      'segment',
      { connection: 'a1b2c3d4', entityIdSuffix: 'samlp-a1b2c3d4' },
      'https://segment-prod.auth0.com/login/callback?connection=a1b2c3d4',
      'urn:auth0:segment-prod:samlp-a1b2c3d4',
      'emailAddress',
    ],
    ['slack', { workspace: 'acme' }, 'https://acme.slack.com/sso/saml', 'https://slack.com', 'persistent'],
    ['zoom', { vanity: 'acme', acsUrl: 'https://acme.zoom.us/x' }, 'https://acme.zoom.us/x', 'acme.zoom.us', null],
    [
      'atlassian-cloud',
      { samlId: 'a1b2c3d4', acsUrl: 'https://auth.example.com/acs' },
      'https://auth.example.com/acs',
      'https://auth.atlassian.com/saml/a1b2c3d4',
      null,
    ],
    [
      'salesforce',
      { entityId: 'https://acme.my.salesforce.com', acsUrl: 'https://acme.my.salesforce.com?so=00D000000000001' },
      'https://acme.my.salesforce.com?so=00D000000000001',
      'https://acme.my.salesforce.com',
      null,
    ],
    [
      'custom',
      { acsUrl: 'https://app.example.com/acs', audience: 'urn:example:app' },
      'https://app.example.com/acs',
      'urn:example:app',
      null,
    ],
  ];
  for (const [id, params, acsUrl, audience, nameIdFormat] of documented) {
    test(`${id}: values from its documented facts`, () => {
      const v = providerValues(provider(id), params);
      assert.equal(v.acsUrl, acsUrl);
      assert.equal(v.audience, audience);
      assert.equal(v.nameIdFormat, nameIdFormat);
      assert.deepEqual(
        codes(v.findings.filter((f) => f.severity === 'error')),
        [],
        v.findings.map((f) => f.message).join('; '),
      );
    });
  }

  test('Flex: the claims, roles and signing Twilio documents; the legacy provider warns with the migration guide', () => {
    const flex = providerValues(provider('twilio-flex'), { connection: CONNECTION });
    assert.deepEqual(
      flex.attributeMappings.map((m) => m.attribute),
      ['email', 'full_name', 'roles'],
    );
    assert.deepEqual(provider('twilio-flex').attributes[2]?.allowedValues, ['agent', 'supervisor', 'admin']);
    assert.deepEqual(provider('twilio-flex').signing, { response: true, assertion: true, algorithm: 'SHA-256' });
    const legacy = providerValues(provider('twilio-flex-legacy'), { accountSid: ACCOUNT_SID });
    const warning = legacy.findings.find((f) => f.code === 'provider-deprecated');
    assert.equal(warning?.severity, 'warning');
    assert.match(warning?.message ?? '', /twilio-flex\b.*migration-guide/s);
    assert.match(warning?.message ?? '', /March 31, 2026/);
  });

  test('Slack: the required email attribute, a persistent NameID and a signed response', () => {
    const v = providerValues(provider('slack'), { workspace: 'acme' });
    assert.deepEqual(v.attributeMappings, [
      { attribute: 'Subject', value: '${user:subject}', format: 'persistent' },
      { attribute: 'User.Email', value: '${user:email}', format: 'unspecified' },
    ]);
    assert.equal(provider('slack').signing?.response, true);
  });
});

describe('params: never a guessed value', () => {
  test('a missing param is an error with the example and where to find it, and no value is made', () => {
    const v = providerValues(provider('twilio-flex'), {});
    assert.equal(v.acsUrl, null);
    assert.equal(v.audience, null);
    const missing = v.findings.find((f) => f.code === 'provider-param-missing');
    assert.equal(missing?.severity, 'error');
    assert.match(missing?.message ?? '', /Connection ID \(connection\).*Set up your identity provider.*Example: JQ0/s);
    // The region has a default: not missing.
    assert.equal(v.params.region, 'us1');
  });

  test('a malformed param is an error naming the form, the example and the console page', () => {
    const v = providerValues(provider('github-org'), { organization: 'octo org!' });
    assert.equal(v.acsUrl, null);
    const f = v.findings.find((x) => x.code === 'provider-param-malformed');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /"octo org!".*\[A-Za-z0-9\].*github\.com\/<organization>.*Example: octo-org/s);
  });

  test('whitespace or quotes around a value, or a whole pasted URL, are taken with a note', () => {
    const trimmed = providerValues(provider('twilio-flex'), { connection: ` "${CONNECTION}"\n` });
    assert.equal(trimmed.audience, `urn:flex:${CONNECTION}`);
    assert.deepEqual(codes(trimmed.findings), ['provider-param-trimmed']);
    assert.equal(trimmed.findings[0]?.severity, 'info');
    const fromUrl = providerValues(provider('twilio-flex'), {
      connection: `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION}`,
    });
    assert.equal(fromUrl.params.connection, CONNECTION);
    assert.deepEqual(codes(fromUrl.findings), ['provider-param-from-url']);
  });

  test("an unknown param is a warning listing the provider's params", () => {
    const v = providerValues(provider('slack'), { workspace: 'acme', team: 'x' });
    const f = v.findings.find((x) => x.code === 'provider-param-unknown');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /"team" is not a param of slack; its params: workspace/);
  });

  test('a 1 MB param is refused at once, without running its pattern', () => {
    const huge = 'JQ' + 'a'.repeat(1024 * 1024);
    const started = performance.now();
    const v = providerValues(provider('twilio-flex'), { connection: huge });
    assert.ok(performance.now() - started < 200, `took ${performance.now() - started} ms`);
    assert.deepEqual(codes(v.findings), ['provider-param-too-long']);
    assert.match(v.findings[0]?.message ?? '', /1,048,578 characters long; a param is at most 2,048/);
    assert.equal(recogniseProvider(`urn:flex:${huge}`), undefined);
  });

  test('unknown provider: an error naming every known id, with the closest one', () => {
    const f = unknownProviderFinding('twilio-flx');
    assert.equal(f.code, 'provider-unknown');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /Unknown provider "twilio-flx"\. Did you mean twilio-flex\?/);
    for (const p of BUILTIN_PROVIDERS) assert.ok(f.message.includes(p.id));
  });

  test('unknown provider: a short id that is no typo gets no guess', () => {
    assert.equal(unknownProviderFinding('nope').message.includes('Did you mean'), false);
    assert.match(unknownProviderFinding('zoon').message, /Did you mean zoom\?/);
  });
});

describe('recognising a pasted ACS URL or audience', () => {
  test('a Flex ACS URL fills twilio-flex with its connection and region', () => {
    const r = recogniseProvider(` https://login.flex.ie1.twilio.com/login/callback?connection=${CONNECTION} `);
    assert.equal(r?.provider.id, 'twilio-flex');
    assert.equal(r?.field, 'acsUrl');
    assert.deepEqual(r?.params, { region: 'ie1', connection: CONNECTION });
  });

  test("Flex's old preview.twilio.com URL is recognised as legacy and reported, with the URL to use", () => {
    const r = recogniseProvider(`https://preview.twilio.com/iam/Accounts/${ACCOUNT_SID}/saml2`);
    assert.equal(r?.provider.id, 'twilio-flex-legacy');
    assert.equal(r?.field, 'oldForm');
    assert.deepEqual(codes(r?.findings ?? []), ['provider-old-url', 'provider-deprecated']);
    assert.match(
      r?.findings[0]?.message ?? '',
      new RegExp(`Use https://iam\\.twilio\\.com/v1/Accounts/${ACCOUNT_SID}/saml2 instead`),
    );
  });

  test('the legacy audience is not taken for the ACS URL (the last literal must end the value)', () => {
    const r = recogniseProvider(`https://iam.twilio.com/v1/Accounts/${ACCOUNT_SID}/saml2/metadata`);
    assert.equal(r?.field, 'audience');
  });

  test('values that name no provider, and the placeholder-only templates, recognise nothing', () => {
    for (const value of ['https://example.com/acs', 'urn:flex:', 'urn:flex:JQ12', 'https://slack.com/x', '', 'JQ'])
      assert.equal(recogniseProvider(value), undefined, value);
    // Slack's audience is the same for every workspace: it names the provider, and the workspace stays to be given.
    const slack = recogniseProvider('https://slack.com');
    assert.equal(slack?.provider.id, 'slack');
    assert.deepEqual(slack?.params, {});
  });

  test('round trip: values → recognise → the same params, for random params of every recognisable provider', () => {
    const arbitraryFor = (pattern: CompiledPattern) =>
      fc
        .tuple(
          ...pattern.atoms.map((atom) =>
            fc
              .array(fc.constantFrom(...atom.ranges.flatMap(([from, to]) => [from, to, Math.floor((from + to) / 2)])), {
                minLength: atom.min,
                maxLength: Math.min(atom.max, atom.min + 6),
              })
              .map((chars) => String.fromCharCode(...chars)),
          ),
        )
        .map((pieces) => pieces.join(''));
    for (const definition of BUILTIN_PROVIDERS) {
      const compiled = compileProvider(definition);
      const recognisable = ['acsUrl', 'audience'].filter((field) => {
        const parts = compiled[field as 'acsUrl' | 'audience'];
        return parts && parts.reduce((n, p) => n + ('literal' in p ? p.literal.length : 0), 0) >= 8;
      });
      if (recognisable.length === 0) continue;
      const params = fc.record(
        Object.fromEntries(
          definition.params.map((p) => [p.key, arbitraryFor(compiled.patterns[p.key] as CompiledPattern)]),
        ),
      );
      fc.assert(
        fc.property(params, (given) => {
          const v = providerValues(definition, given);
          const found: Record<string, string> = {};
          for (const field of recognisable) {
            const r = recogniseProvider(v[field as 'acsUrl' | 'audience'] as string);
            assert.equal(r?.provider.id, definition.id, `${field} ${v[field as 'acsUrl']}`);
            Object.assign(found, r?.params);
          }
          for (const [key, value] of Object.entries(found)) assert.equal(value, given[key]);
        }),
        { numRuns: 60 },
      );
    }
  });
});

describe('param patterns: a linear-time matcher', () => {
  test('anchored matching of classes and counts', () => {
    const p = compilePattern('JQ[0-9a-fA-F]{32}');
    assert.ok(p.ok);
    if (!p.ok) return;
    assert.ok(matchesPattern(p.pattern, CONNECTION));
    assert.ok(!matchesPattern(p.pattern, `${CONNECTION}0`));
    assert.ok(!matchesPattern(p.pattern, `x${CONNECTION}`));
    const q = compilePattern('[a-z]+-?[a-z]*\\.x');
    assert.ok(q.ok && matchesPattern(q.pattern, 'ab-c.x') && matchesPattern(q.pattern, 'abc.x'));
    assert.ok(q.ok && !matchesPattern(q.pattern, '-c.x'));
  });

  test('what a user pattern may not be: each refusal says why', () => {
    const cases: Array<[string, RegExp]> = [
      ['(a+)+', /groups and alternation/],
      ['a|b', /groups and alternation/],
      ['.*', /"\." is not supported/],
      ['^ab$', /leave out \^ and \$/],
      ['[^a]', /negated classes/],
      ['a{3000}', /at most 2048/],
      ['[a-z]{2000}[a-z]{2000}[a-z]{2000}', /too large/],
      ['a'.repeat(300), /at most 256/],
      ['[z-a]', /backwards/],
      ['a**', /repeat cannot follow/],
      ['', /empty/],
    ];
    for (const [source, message] of cases) {
      const r = compilePattern(source);
      assert.ok(!r.ok, source);
      if (!r.ok) assert.match(r.message, message, source);
    }
  });

  test('a pathological pattern on the longest input stays fast (no backtracking)', () => {
    const r = compilePattern('a*a*a*a*a*a*a*a*a*a*b');
    assert.ok(r.ok);
    if (!r.ok) return;
    const started = performance.now();
    assert.equal(matchesPattern(r.pattern, 'a'.repeat(2048)), false);
    assert.ok(performance.now() - started < 500, `took ${performance.now() - started} ms`);
  });
});

describe('a user provider file (*.sso-provider.json)', () => {
  const valid = ACME_PROVIDER;

  test('a valid file gives a definition that is used like a built-in one', () => {
    const r = validateProviderFile(JSON.stringify(valid, null, 2), ['twilio-flex']);
    assert.deepEqual(r.findings, []);
    const definition = r.definition as ProviderDefinition;
    const v = providerValues(definition, { tenant: 'blue' });
    assert.equal(v.acsUrl, 'https://blue.acme.example/saml/acs');
    assert.equal(
      recogniseProvider('https://acme.example/saml/blue', [...BUILTIN_PROVIDERS, definition])?.provider.id,
      'acme-cloud',
    );
  });

  const broken: Array<[string, string, RegExp]> = [
    ['not JSON', '{"id": ', /not valid JSON/],
    ['empty', '', /not valid JSON|empty/],
    ['a built-in id', JSON.stringify({ ...valid, id: 'twilio-flex' }), /built-in provider/],
    [
      'a nested-quantifier pattern',
      JSON.stringify({ ...valid, params: [{ ...valid.params[0], pattern: '([a-z]+)+' }] }),
      /params\[0\]\.pattern: groups and alternation are not supported/,
    ],
    [
      'an example that breaks its pattern',
      JSON.stringify({ ...valid, params: [{ ...valid.params[0], example: 'ACME!' }] }),
      /params\[0\]\.example: "ACME!" does not match/,
    ],
    [
      'an unknown placeholder',
      JSON.stringify({ ...valid, acsUrl: 'https://{tenantId}.acme.example' }),
      /\{tenantId\} is not a param/,
    ],
    [
      'a wrong type',
      JSON.stringify({ ...valid, attributes: [{ name: 'email', required: 'yes', format: 'x' }] }),
      /attributes\[0\]\.required: must be true or false/,
    ],
    ['a missing field', JSON.stringify({ ...valid, audience: undefined }), /"audience" is required/],
    [
      'an http source',
      JSON.stringify({ ...valid, sources: [{ fact: 'acsUrl', url: 'http://x' }] }),
      /sources\[0\]\.url/,
    ],
    ['a deprecated provider without details', JSON.stringify({ ...valid, status: 'deprecated' }), /needs a message/],
  ];
  for (const [what, text, message] of broken) {
    test(`refused with a clear error: ${what}`, () => {
      const r = validateProviderFile(text, ['twilio-flex']);
      assert.equal(r.definition, undefined);
      const errors = r.findings.filter((f) => f.severity === 'error');
      assert.ok(errors.length > 0);
      assert.match(errors.map((f) => f.message).join('\n'), message);
    });
  }

  test('an unknown property is a warning pointing at the key; a file over 64 KB is refused before parsing', () => {
    const text = JSON.stringify({ ...valid, script: 'alert(1)' });
    const r = validateProviderFile(text);
    const f = r.findings.find((x) => x.code === 'provider-file-unknown-property');
    assert.equal(f?.severity, 'warning');
    assert.equal(text.slice(f?.span?.offset, (f?.span?.offset ?? 0) + (f?.span?.length ?? 0)), '"script"');
    assert.equal((r.definition as unknown as Record<string, unknown>).script, undefined);
    const big = validateProviderFile(' '.repeat(65 * 1024) + '{}');
    assert.deepEqual(codes(big.findings), ['provider-file-too-large']);
  });
});
