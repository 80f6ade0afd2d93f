// Lint of a config for any service provider (issue 26, item 4 "lint"): each built-in provider's good config lints
// clean, and a broken one gives the provider's codes; Frontline's own rules apply to Frontline only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Finding } from '../../src/core/common/findings';
import {
  BUILTIN_PROVIDERS,
  ProviderDefinition,
  findProvider,
  mappingRows,
  providerValues,
} from '../../src/core/providers';
import { FIXTURES, REALM, tempDir } from './helpers';
import { IDP, lintConfig } from './provider-fixtures';

const ROOT = join(FIXTURES, '..', '..');
const lint = (config: unknown): Finding[] => lintConfig(config);
const codes = (findings: Finding[]) => findings.map((f) => f.code).sort();

/** Each param's documented example: the values a good config has. */
function exampleParams(p: ProviderDefinition): Record<string, string> {
  return Object.fromEntries(p.params.map((param) => [param.key, param.example]));
}

/** The rows to type into Identity Center, with a value for each (the suggested one, or an allowed literal). */
function goodMappings(p: ProviderDefinition) {
  return mappingRows(p).map((row) => {
    const attribute = p.attributes.find((a) => a.name === row.attribute);
    return { ...row, value: row.value || attribute?.allowedValues?.[0] || '${user:email}' };
  });
}

function goodConfig(p: ProviderDefinition) {
  const params = exampleParams(p);
  const values = providerValues(p, params);
  return {
    serviceProvider: { id: p.id, params, acsUrl: values.acsUrl, audience: values.audience },
    identityProvider: IDP,
    attributeMappings: goodMappings(p),
  };
}

const OTHERS = BUILTIN_PROVIDERS.filter((p) => p.id !== 'twilio-frontline');

describe('lint: a config for each built-in provider', () => {
  for (const p of OTHERS) {
    test(`${p.id}: the documented values lint clean (a deprecated provider: only its warning)`, () => {
      const findings = lint(goodConfig(p));
      assert.deepEqual(
        codes(findings),
        p.status === 'deprecated' ? ['provider-deprecated'] : [],
        JSON.stringify(findings),
      );
    });

    test(`${p.id}: missing params, a wrong ACS URL and audience, missing and misspelt attributes`, () => {
      const good = goodConfig(p);
      const rows = good.attributeMappings.filter(
        (r) => !p.attributes.some((a) => a.required && a.name === r.attribute),
      );
      const broken = {
        serviceProvider: {
          id: p.id,
          params: {},
          acsUrl: 'https://wrong.example.com/acs',
          audience: 'urn:wrong',
        },
        identityProvider: IDP,
        attributeMappings: [...rows, { attribute: 'Emial', value: '${user:email}', format: 'unspecified' }],
      };
      const found = new Set(codes(lint(broken)));
      const required = p.params.filter((param) => param.default === undefined);
      // custom's params are the ACS URL and audience themselves: given, they are not missing and cannot disagree.
      if (p.id === 'custom') assert.ok(!found.has('provider-param-missing') && !found.has('provider-acsUrl-mismatch'));
      else if (required.length > 0) assert.ok(found.has('provider-param-missing'), [...found].join(' '));
      if (p.attributes.some((a) => a.required))
        assert.ok(found.has('provider-attribute-missing'), [...found].join(' '));
      if (p.attributes.length > 0) assert.ok(found.has('provider-attribute-unknown'), [...found].join(' '));
      // Frontline's own rules never apply to another provider.
      for (const code of found)
        assert.ok(!/^(realm-sid|workspace-id|sp-|mapping-(subject|email|roles)-)/.test(code), `${p.id}: ${code}`);
    });
  }
});

describe('lint: provider rules with their messages', () => {
  const flex = findProvider('twilio-flex')!;
  const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';

  test('Flex: the ACS URL and audience must agree with the connection; the quick fix puts the right one', () => {
    const config = goodConfig(flex);
    config.serviceProvider.acsUrl = `https://login.flex.us1.twilio.com/login/callback?connection=JQ${'f'.repeat(32)}`;
    const [finding, ...rest] = lint(config);
    assert.equal(rest.length, 0);
    assert.equal(finding?.code, 'provider-acsUrl-mismatch');
    assert.equal(finding?.severity, 'error');
    assert.match(
      finding!.message,
      new RegExp(`which is https://login\\.flex\\.us1\\.twilio\\.com/login/callback\\?connection=${CONNECTION}`),
    );
    assert.equal(
      finding?.fix?.edits[0]?.newText,
      JSON.stringify(`https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION}`),
    );
  });

  test('Flex: a malformed param names the example and where to find it; no value is guessed', () => {
    const config = goodConfig(flex);
    config.serviceProvider.params = { connection: 'JB0123456789abcdef0123456789abcdef' };
    const findings = lint(config);
    assert.deepEqual(codes(findings), ['provider-param-malformed']);
    assert.match(findings[0]!.message, /Example: JQ0123456789abcdef0123456789abcdef/);
    assert.match(findings[0]!.message, /Single sign-on/);
  });

  test('Flex: a role outside agent, supervisor, admin; the NameID format; a misspelt param', () => {
    const config = goodConfig(flex);
    config.serviceProvider.params = { conection: CONNECTION } as unknown as Record<string, string>;
    config.attributeMappings = config.attributeMappings.map((m) =>
      m.attribute === 'roles' ? { ...m, value: 'manager' } : m,
    );
    const findings = lint(config);
    assert.ok(
      findings.some(
        (f) => f.code === 'provider-attribute-value' && /allowed: agent, supervisor, admin/.test(f.message),
      ),
    );
    const unknown = findings.find((f) => f.code === 'provider-param-unknown');
    assert.match(unknown!.message, /did you mean "connection"/);
  });

  test('GitHub: a Subject that is not persistent is a NameID finding with the accepted format', () => {
    const github = findProvider('github-org')!;
    const config = goodConfig(github);
    config.attributeMappings = [{ attribute: 'Subject', value: '${user:email}', format: 'emailAddress' }];
    const findings = lint(config);
    assert.deepEqual(codes(findings), ['provider-nameid-format']);
    assert.match(findings[0]!.message, /"persistent"/);
  });

  test('Flex legacy: deprecated, with the migration path', () => {
    const legacy = findProvider('twilio-flex-legacy')!;
    const f = lint(goodConfig(legacy)).find((g) => g.code === 'provider-deprecated');
    assert.equal(f?.severity, 'warning');
    assert.match(f!.message, /twilio-flex/);
    assert.match(f!.message, /https:\/\//);
  });

  test('an unknown provider id is an error that lists the known ids, with the near one as the quick fix', () => {
    const text = JSON.stringify(
      { serviceProvider: { id: 'twilio-flx', params: {} }, identityProvider: IDP, attributeMappings: [] },
      null,
      2,
    );
    const f = lint(text).find((g) => g.code === 'provider-unknown');
    assert.equal(f?.severity, 'error');
    for (const p of BUILTIN_PROVIDERS) assert.ok(f!.message.includes(p.id), p.id);
    assert.equal(text.slice(f!.span!.offset, f!.span!.offset + f!.span!.length), 'twilio-flx');
    assert.equal(f?.fix?.edits[0]?.newText, '"twilio-flex"');
    assert.ok(!lint(text).some((g) => g.code.startsWith('realm-sid') || g.code.startsWith('workspace-id')));
  });

  test('the quick fix and the message agree on the near id: none for a short id that is no typo', () => {
    const unknown = (id: string) =>
      lint(JSON.stringify({ serviceProvider: { id }, identityProvider: IDP, attributeMappings: [] })).find(
        (g) => g.code === 'provider-unknown',
      );
    const nope = unknown('nope');
    assert.equal(nope?.fix, undefined);
    assert.ok(!nope!.message.includes('Did you mean'));
    const zoon = unknown('zoon');
    assert.equal(zoon?.fix?.edits[0]?.newText, '"zoom"');
    assert.match(zoon!.message, /Did you mean zoom\?/);
  });

  test('"id": "twilio-frontline" is Frontline with the top-level realmSid, exactly as a file without id', () => {
    const frontline = {
      realmSid: REALM,
      workspaceId: 'acme',
      identityProvider: IDP,
      attributeMappings: [
        { attribute: 'Subject', value: '${user:email}', format: 'emailAddress' },
        { attribute: 'email', value: '${user:email}', format: 'unspecified' },
        { attribute: 'roles', value: 'admin', format: 'unspecified' },
      ],
    };
    const withId = { ...frontline, serviceProvider: { id: 'twilio-frontline' } };
    assert.deepEqual(codes(lint(withId)), ['mapping-roles-unknown']);
    assert.deepEqual(codes(lint(withId)), codes(lint(frontline)));
  });
});

describe('frontline-sso lint on a Flex config (dist/cli.js)', () => {
  test('a good Flex config exits 0; a broken one exits 1 with the provider codes', () => {
    const cli = join(ROOT, 'dist', 'cli.js');
    assert.ok(existsSync(cli), 'dist/cli.js is missing: run npm run build');
    const dir = tempDir();
    for (const name of ['idp.pem', 'metadata.xml'])
      writeFileSync(join(dir, name), readFileSync(join(FIXTURES, 'idp', name)));
    const flex = findProvider('twilio-flex')!;
    const good = join(dir, 'flex.frontline-sso.json');
    writeFileSync(good, JSON.stringify(goodConfig(flex), null, 2));
    const ok = spawnSync(process.execPath, [cli, 'lint', good, '--json'], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const broken = join(dir, 'broken.frontline-sso.json');
    const config = goodConfig(flex);
    config.serviceProvider.params = {} as Record<string, string>;
    config.attributeMappings = config.attributeMappings.filter((m) => m.attribute !== 'full_name');
    writeFileSync(broken, JSON.stringify(config, null, 2));
    const r = spawnSync(process.execPath, [cli, 'lint', broken], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /provider-param-missing/);
    assert.match(r.stdout, /provider-attribute-missing/);
    assert.match(r.stdout, /"full_name" mapping is missing; Twilio Flex/);
    assert.doesNotMatch(r.stdout, /realm-sid|workspace-id/);
  });
});

test("the config schema completes the provider ids, and each provider's params once its id is chosen", () => {
  interface Entry {
    examples?: string[];
    markdownDescription?: string;
    properties?: Record<string, Entry>;
  }
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'frontline-sso.schema.json'), 'utf8')) as {
    properties: { serviceProvider: Entry & { allOf: Array<{ if: unknown; then: Entry }> } };
  };
  const sp = schema.properties.serviceProvider;
  assert.deepEqual(
    sp.properties?.id?.examples,
    BUILTIN_PROVIDERS.map((p) => p.id),
  );
  for (const p of BUILTIN_PROVIDERS.filter((d) => d.params.length > 0)) {
    const branch = sp.allOf.find((b) => JSON.stringify(b.if).includes(JSON.stringify(p.id)));
    assert.ok(branch, p.id);
    for (const param of p.params) {
      const help = branch.then.properties?.params?.properties?.[param.key];
      assert.ok(help?.markdownDescription?.includes(param.example), `${p.id}.${param.key}`);
    }
  }
});
