import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES, ruleFinding, ruleFor } from '../../src/core/lint/rules';
import { RULE_DOC_LINES } from '../../src/core/lint/rules/docLines.generated';
import { lintText } from '../../src/core/lint';
import { FIXTURES } from './helpers';
import { findProvider, providerValues, unknownProviderFinding, validateProviderFile } from '../../src/core/providers';

const ROOT = join(FIXTURES, '..', '..');

test('every rule has its documentation: a section in docs/rules.md at the line the Problems panel links to', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8').split('\n');
  const reference = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');
  assert.equal(new Set(RULES.map((r) => r.code)).size, RULES.length, 'codes are unique');
  for (const rule of RULES) {
    assert.equal(
      doc[(RULE_DOC_LINES[rule.code] ?? 0) - 1],
      `### ${rule.code}`,
      `docs/rules.md section of ${rule.code}`,
    );
    assert.ok(
      reference.includes(`[\`${rule.code}\`](rules.md#${rule.code.toLowerCase()})`),
      `docs/configuration.md row of ${rule.code}`,
    );
    for (const field of ['title', 'why', 'fix'] as const)
      assert.ok(rule[field].trim().length > 10, `${rule.code}.${field}`);
  }
});

test('the generated files (schemas, rule docs, rule table of docs/configuration.md, settings schema) match src/core', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate.mjs'), '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { propertyNames?: { enum: string[] } }> } };
  };
  assert.deepEqual(
    pkg.contributes.configuration.properties['frontlineSso.lint.severities']?.propertyNames?.enum,
    RULES.map((r) => r.code),
  );
});

test('an unregistered code is a bug that throws; findings take the registry severity', () => {
  // @ts-expect-error: a misspelt code does not compile (the codes are a union type), and throws if forced through.
  assert.throws(() => ruleFinding('no-such-rule', 'x'), /Unregistered rule code "no-such-rule"/);
  assert.equal(ruleFinding('cert-expiring', 'x').severity, 'warning');
  // Every finding of the broken example is a registered rule with its registered severity.
  const broken = readFileSync(join(ROOT, 'examples', 'broken.frontline-sso.json'), 'utf8');
  const findings = lintText(broken, { kind: 'config', now: new Date('2027-01-01T00:00:00Z') });
  assert.ok(findings.length > 5);
  for (const f of findings) assert.equal(f.severity, ruleFor(f.code)?.severity, f.code);
});

test('the findings of providers, provider files and certificate bundles are registered rules, with their documentation', () => {
  const flex = findProvider('twilio-flex');
  assert.ok(flex);
  const codes = new Set<string>();
  for (const params of [{}, { connection: ' JQ0123 ' }, { connection: 'x'.repeat(5000) }, { conection: 'JQ1' }])
    for (const f of providerValues(flex, params).findings) codes.add(f.code);
  const legacy = findProvider('twilio-flex-legacy');
  assert.ok(legacy);
  for (const f of providerValues(legacy, {}).findings) codes.add(f.code);
  codes.add(unknownProviderFinding('twilio-flx').code);
  // A user's own provider file (*.sso-provider.json): broken in several ways.
  for (const text of ['{', '{ "id": 1, "vendr": "x", "vendr": "y" }', 'x'.repeat(70 * 1024)])
    for (const f of validateProviderFile(text).findings) codes.add(f.code);
  // Reported past 5,000 certificates (test/unit/cert-bundle.test.ts makes such a bundle).
  codes.add('cert-bundle-truncated');
  for (const code of [
    'provider-param-missing',
    'provider-param-trimmed',
    'provider-param-malformed',
    'provider-param-unknown',
    'provider-deprecated',
    'provider-unknown',
    'provider-file-syntax',
    'provider-file-type',
    'provider-file-unknown-property',
    'provider-file-duplicate-key',
    'provider-file-missing',
    'provider-file-too-large',
  ])
    assert.ok(codes.has(code), `${code} is reported`);
  const doc = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
  for (const code of codes) {
    assert.ok(ruleFor(code), `${code} is a registered rule`);
    assert.ok(doc.includes(`### ${code}\n`), `${code} is documented in docs/rules.md`);
  }
});
