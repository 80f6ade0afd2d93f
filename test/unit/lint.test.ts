import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Finding, TextEdit } from '../../src/core/common/findings';
import { FileKind, fileKindOf, lintText } from '../../src/core/lint';
import { parseIdpMetadata } from '../../src/core/saml/metadata';
import { lineColumn, lineStarts } from '../../src/core/common/text';
import { FIXTURES, ISSUER, REALM, fixture, loadFiles } from './helpers';

const NOW = new Date('2027-01-01T00:00:00Z');
const readFile = (path: string) => readFileSync(join(FIXTURES, 'idp', path));
const GOOD = JSON.stringify(
  {
    realmSid: REALM,
    workspaceId: 'acme',
    serviceProvider: {
      acsUrl: `https://iam.twilio.com/v2/saml2/authenticate/${REALM}`,
      audience: `https://iam.twilio.com/v2/saml2/metadata/${REALM}`,
    },
    identityProvider: { issuer: ISSUER, ssoUrl: ISSUER, certificateFile: 'idp.pem', metadataFile: 'metadata.xml' },
    attributeMappings: [
      { attribute: 'Subject', value: '${user:email}', format: 'emailAddress' },
      { attribute: 'email', value: '${user:email}', format: 'unspecified' },
      { attribute: 'roles', value: 'agent', format: 'unspecified' },
    ],
  },
  null,
  2,
);

function lint(
  text: string,
  kind: FileKind = 'config',
  severities?: Record<string, 'error' | 'warning' | 'info' | 'off'>,
): Finding[] {
  return lintText(text, {
    kind,
    now: NOW,
    files: loadFiles(text, readFile),
    parseMetadata: parseIdpMetadata,
    severities,
  });
}

function applyEdits(text: string, edits: TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.offset - a.offset)
    .reduce((t, e) => t.slice(0, e.offset) + e.newText + t.slice(e.offset + e.length), text);
}

/** Finds the one finding with `code`, and checks where it points. */
function expectFinding(
  text: string,
  code: string,
  where: { line?: number; column?: number; covers?: string },
  kind: FileKind = 'config',
): Finding {
  const findings = lint(text, kind);
  const matching = findings.filter((f) => f.code === code);
  assert.equal(matching.length, 1, `${code} in ${JSON.stringify(findings.map((f) => f.code))}`);
  const f = matching[0]!;
  const start = lineColumn(lineStarts(text), f.span!.offset);
  if (where.line !== undefined) assert.equal(start.line, where.line, `${code} line`);
  if (where.column !== undefined) assert.equal(start.column, where.column, `${code} column`);
  if (where.covers !== undefined)
    assert.equal(text.slice(f.span!.offset, f.span!.offset + f.span!.length), where.covers, `${code} range`);
  return f;
}

/** Applies a finding's fix and checks that the finding is gone and nothing new appeared. */
function expectFixed(text: string, f: Finding, kind: FileKind = 'config'): string {
  assert.ok(f.fix, `${f.code} has a fix`);
  const fixed = applyEdits(text, f.fix.edits);
  const after = lint(fixed, kind);
  assert.ok(!after.some((g) => g.code === f.code), `${f.code} still reported after its fix:\n${fixed}`);
  assert.ok(after.length < lint(text, kind).length, 'the fix does not add findings');
  return fixed;
}

const replace = (from: string, to: string) => GOOD.replace(from, to);

describe('config rules', () => {
  test('the good config and the examples have no findings', () => {
    assert.deepEqual(lint(GOOD), []);
    const examples = join(FIXTURES, '..', '..', 'examples');
    const exampleRead = (p: string) => readFileSync(join(examples, p));
    for (const [file, kind] of [
      ['frontline-sso.json', 'config'],
      ['team.attribute-mappings.json', 'mappings'],
    ] as const) {
      assert.deepEqual(
        lintText(readFileSync(join(examples, file), 'utf8'), {
          kind,
          now: NOW,
          files: loadFiles(readFileSync(join(examples, file), 'utf8'), exampleRead),
          parseMetadata: parseIdpMetadata,
        }),
        [],
        file,
      );
    }
  });

  test('JSON syntax errors are findings at their position, not a crash', () => {
    const text = '{\n  "realmSid": "x"\n  "workspaceId": 1\n}';
    const f = expectFinding(text, 'json-syntax', { line: 3, column: 3 });
    assert.equal(f.severity, 'error');
    assert.match(f.message, /comma/);
    expectFinding('', 'json-empty', { line: 1, column: 1 });
  });

  test('comments and trailing commas are accepted', () => {
    assert.deepEqual(lint(GOOD.replace('{', '{ // comment\n').replace(/\n}$/, ',\n}')), []);
  });

  test('realm SID: missing, invalid, trimmed (with fix)', () => {
    expectFinding(GOOD.replace(`"realmSid": "${REALM}",`, ''), 'realm-sid-missing', { line: 1, column: 1 });
    expectFinding(replace(REALM + '"', REALM.slice(0, -1) + '"'), 'realm-sid-length', {
      line: 2,
      column: 16,
      covers: REALM.slice(0, -1),
    });
    const text = replace(`"realmSid": "${REALM}"`, `"realmSid": " ${REALM} "`);
    expectFixed(text, expectFinding(text, 'realm-sid-trimmed', { line: 2 }));
  });

  test('ACS URL and audience must agree with the realm (fix regenerates them)', () => {
    const swapped = replace('authenticate/', 'metadata/');
    expectFixed(swapped, expectFinding(swapped, 'sp-acsUrl-swapped', { line: 5, column: 16 }));
    const other = replace(`metadata/${REALM}`, 'metadata/JBfedcba9876543210fedcba9876543210');
    expectFixed(other, expectFinding(other, 'sp-audience-realm-mismatch', { line: 6 }));
  });

  test('identity provider URLs: missing, metadata URL as sign-in URL (fix), different ids, non-AWS', () => {
    const missing = GOOD.replace(/"ssoUrl": "[^"]+",/, '');
    expectFinding(missing, 'idp-ssoUrl-missing', { covers: '"identityProvider"' });
    const meta = GOOD.replace(/("ssoUrl": "[^"]+)\/assertion\//, '$1/metadata/');
    expectFixed(meta, expectFinding(meta, 'idp-ssoUrl-wrong-endpoint', { line: 10 }));
    const otherId = Buffer.from('123456789012_ins-fedcba9876543210').toString('base64');
    const different = GOOD.replace(/("ssoUrl": "[^"]+\/assertion\/)[^"]+/, `$1${otherId}`);
    expectFinding(different, 'idp-id-mismatch', { line: 10 });
    const okta = GOOD.replace(/"issuer": "[^"]+"/, '"issuer": "https://example.okta.com/exk1"');
    assert.equal(expectFinding(okta, 'idp-issuer-not-aws', { line: 9 }).severity, 'warning');
  });

  test('certificate: missing, missing file, unreadable, expired, expiring', () => {
    expectFinding(GOOD.replace('"certificateFile": "idp.pem",', ''), 'cert-missing', { covers: '"identityProvider"' });
    expectFinding(GOOD.replace('idp.pem', 'nope.pem'), 'cert-file-missing', { covers: '"nope.pem"' });
    expectFinding(
      GOOD.replace('"certificateFile": "idp.pem"', '"certificate": "-----BEGIN CERTIFICATE-----\\nAAAA"'),
      'cert-unreadable',
      { line: 11 },
    );
    const later = (at: string) =>
      lintText(GOOD, {
        kind: 'config',
        now: new Date(at),
        files: loadFiles(GOOD, readFile),
        parseMetadata: parseIdpMetadata,
      }).map((f) => f.code);
    const notAfter = new Date(new X509Certificate(fixture('idp', 'idp.pem')).validTo);
    assert.deepEqual(later(new Date(notAfter.getTime() + 86_400_000).toISOString()), ['cert-expired']);
    assert.deepEqual(later(new Date(notAfter.getTime() - 30 * 86_400_000).toISOString()), ['cert-expiring']);
  });

  test('inline certificate in the config is decoded too', () => {
    const inline = GOOD.replace(
      '"certificateFile": "idp.pem"',
      `"certificate": ${JSON.stringify(fixture('idp', 'idp.pem'))}`,
    );
    assert.deepEqual(lint(inline), []);
  });

  test('certificate: both sources, several certificates', () => {
    const pem = fixture('idp', 'idp.pem');
    const both = GOOD.replace(
      '"certificateFile": "idp.pem"',
      `"certificate": ${JSON.stringify(pem)}, "certificateFile": "idp.pem"`,
    );
    assert.equal(expectFinding(both, 'cert-both', { covers: '"idp.pem"' }).severity, 'warning');
    const two = GOOD.replace(
      '"certificateFile": "idp.pem"',
      `"certificate": ${JSON.stringify(pem + fixture('idp', 'other.pem'))}`,
    );
    const multiple = expectFinding(two, 'cert-multiple', { line: 11 });
    assert.match(multiple.message, /There are 2 certificates here/);
  });

  test('issuer and sign-in URL: the same id written two ways is flagged, not an error', () => {
    const differ = GOOD.replace(`"ssoUrl": "${ISSUER}"`, `"ssoUrl": "${ISSUER.replace('portal.sso', 'PORTAL.sso')}"`);
    assert.equal(expectFinding(differ, 'idp-issuer-sso-mismatch', { line: 10 }).severity, 'warning');
  });

  test('workspace ID: missing is a warning, empty an error', () => {
    const missing = GOOD.replace('"workspaceId": "acme",', '');
    assert.equal(expectFinding(missing, 'workspace-id-missing', { line: 1, column: 1 }).severity, 'warning');
    assert.equal(expectFinding(replace('"acme"', '" "'), 'workspace-id-empty', { line: 3 }).severity, 'error');
  });

  test('application link: ARN shape and Region against the issuer', () => {
    const withApp = (arn: string, region: string) =>
      GOOD.replace(
        /\n}$/,
        `,\n  "application": { "applicationArn": ${JSON.stringify(arn)}, "region": ${JSON.stringify(region)} }\n}`,
      );
    const good = 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef';
    assert.deepEqual(lint(withApp(good, 'us-east-1')), []);
    expectFinding(withApp('arn:aws:iam::123456789012:role/x', 'us-east-1'), 'application-arn', {
      covers: '"arn:aws:iam::123456789012:role/x"',
    });
    const f = expectFinding(withApp(good, 'eu-west-1'), 'application-region-mismatch', { covers: '"eu-west-1"' });
    assert.match(f.message, /eu-west-1 differs from the issuer URL's region us-east-1/);
  });

  test('metadata file must agree with issuer, sign-in URL and certificate', () => {
    const otherId = Buffer.from('123456789012_ins-fedcba9876543210').toString('base64');
    const bothOther = GOOD.replace(/\/assertion\/[^"]+/g, `/assertion/${otherId}`);
    expectFinding(bothOther, 'metadata-issuer-mismatch', { line: 9 });
    const f = expectFinding(bothOther, 'metadata-ssoUrl-mismatch', { line: 10 });
    assert.match(f.fix!.title, /from the metadata/);
    expectFinding(GOOD.replace('idp.pem', 'other.pem'), 'metadata-certificate-mismatch', { covers: '"other.pem"' });
    expectFinding(GOOD.replace('metadata.xml', 'missing.xml'), 'metadata-file-missing', { covers: '"missing.xml"' });
    const empty = GOOD.replace('metadata.xml', 'empty.xml');
    const findings = lintText(empty, {
      kind: 'config',
      now: NOW,
      files: loadFiles(empty, (p) => (p === 'empty.xml' ? Buffer.alloc(0) : readFile(p))),
      parseMetadata: parseIdpMetadata,
    });
    assert.deepEqual(
      findings.map((f) => [f.code, f.message]),
      [['metadata-file-unreadable', 'The metadata file "empty.xml" is empty.']],
    );
  });

  test('unknown properties get a did-you-mean fix', () => {
    const text = GOOD.replace('"workspaceId"', '"workspaceID"');
    expectFixed(text, expectFinding(text, 'config-unknown-property', { line: 3, column: 3 }));
  });

  test('missing attributeMappings: fix adds the recommended ones', () => {
    const text = GOOD.replace(/,\n {2}"attributeMappings": \[[\s\S]*\]\n}/, '\n}');
    const fixed = expectFixed(text, expectFinding(text, 'mappings-missing', { line: 1 }));
    assert.deepEqual(lint(fixed), []);
  });
});

describe('attribute-mapping rules', () => {
  const mappings = (rows: string) => `[\n${rows}\n]`;
  const SUBJECT = '  { "attribute": "Subject", "value": "${user:email}", "format": "emailAddress" }';
  const EMAIL = '  { "attribute": "email", "value": "${user:email}", "format": "unspecified" }';
  const ROLES = '  { "attribute": "roles", "value": "agent", "format": "unspecified" }';
  const all = (...rows: string[]) => mappings(rows.join(',\n'));
  const good = all(SUBJECT, EMAIL, ROLES);

  test('a mapping file as an array or as an object passes', () => {
    assert.deepEqual(lint(good, 'mappings'), []);
    assert.deepEqual(lint(`{ "attributeMappings": ${good} }`, 'mappings'), []);
    expectFinding('{ "x": 1 }', 'mappings-file-shape', { line: 1, column: 1 }, 'mappings');
  });

  for (const [code, rows] of [
    ['mapping-subject-missing', [EMAIL, ROLES]],
    ['mapping-email-missing', [SUBJECT, ROLES]],
    ['mapping-roles-missing', [SUBJECT, EMAIL]],
  ] as const) {
    test(`${code}, fixed by adding the recommended row`, () => {
      const text = all(...rows);
      const fixed = expectFixed(text, expectFinding(text, code, { line: 1, column: 1 }, 'mappings'), 'mappings');
      assert.deepEqual(lint(fixed, 'mappings'), []);
    });
  }

  test('an empty array gets all three, one fix at a time', () => {
    let text = '[]';
    for (let i = 0; i < 3; i++) text = applyEdits(text, lint(text, 'mappings')[0]!.fix!.edits);
    assert.deepEqual(lint(text, 'mappings'), []);
  });

  test('Subject and email must map ${user:email}', () => {
    const text = all(SUBJECT.replace('${user:email}', '${user:name}'), EMAIL, ROLES);
    expectFixed(
      text,
      expectFinding(text, 'mapping-subject-value', { line: 2, covers: '"${user:name}"' }, 'mappings'),
      'mappings',
    );
    const email = all(SUBJECT, EMAIL.replace('${user:email}', '${user:subject}'), ROLES);
    expectFixed(email, expectFinding(email, 'mapping-email-value', { line: 3 }, 'mappings'), 'mappings');
  });

  test('Subject format must be valid; the recommended one is emailAddress', () => {
    const bad = all(SUBJECT.replace('emailAddress', 'EmailAddress'), EMAIL, ROLES);
    expectFixed(
      bad,
      expectFinding(bad, 'mapping-invalid-format', { line: 2, covers: 'EmailAddress' }, 'mappings'),
      'mappings',
    );
    const urn = all(
      SUBJECT.replace('emailAddress', 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'),
      EMAIL,
      ROLES,
    );
    expectFixed(urn, expectFinding(urn, 'mapping-invalid-format', { line: 2 }, 'mappings'), 'mappings');
    const persistent = all(SUBJECT.replace('emailAddress', 'persistent'), EMAIL, ROLES);
    assert.equal(expectFinding(persistent, 'mapping-subject-format', { line: 2 }, 'mappings').severity, 'info');
  });

  test('other attributes: wrong-case format is an error; unknown format only a warning', () => {
    const upper = all(SUBJECT, EMAIL.replace('unspecified', 'Unspecified'), ROLES);
    expectFixed(upper, expectFinding(upper, 'mapping-invalid-format', { line: 3 }, 'mappings'), 'mappings');
    const other = all(SUBJECT, EMAIL.replace('unspecified', 'emailAddress'), ROLES);
    assert.equal(expectFinding(other, 'mapping-format-not-verified', { line: 3 }, 'mappings').severity, 'warning');
  });

  test('roles other than agent is a warning', () => {
    const text = all(SUBJECT, EMAIL, ROLES.replace('agent', 'supervisor'));
    const f = expectFinding(text, 'mapping-roles-unknown', { line: 4, covers: '"supervisor"' }, 'mappings');
    assert.equal(f.severity, 'warning');
  });

  test('attribute names are case-sensitive (warning, fix renames)', () => {
    const text = all(SUBJECT, EMAIL.replace('"email"', '"Email"'), ROLES.replace('"roles"', '"Roles"'));
    const findings = lint(text, 'mappings');
    assert.deepEqual(
      findings.map((f) => f.code),
      ['mapping-name-case', 'mapping-name-case'],
    );
    assert.ok(findings.every((f) => f.severity === 'warning'));
    const start = lineColumn(lineStarts(text), findings[0]!.span!.offset);
    assert.deepEqual(start, { line: 3, column: 19 });
    assert.deepEqual(
      lint(applyEdits(applyEdits(text, findings[1]!.fix!.edits), findings[0]!.fix!.edits), 'mappings'),
      [],
    );
  });

  test('unknown ${user:…} variable: error with did-you-mean fix', () => {
    const text = all(SUBJECT, EMAIL.replace('${user:email}', '${user:emial}'), ROLES);
    const f = expectFinding(text, 'mapping-unknown-variable', { line: 3, covers: '${user:emial}' }, 'mappings');
    assert.match(f.message, /Did you mean \$\{user:email\}/);
    expectFixed(text, f, 'mappings');
    const noIdea = all(SUBJECT, EMAIL, ROLES.replace('agent', '${user:xyzzyplugh}'));
    assert.equal(expectFinding(noIdea, 'mapping-unknown-variable', { line: 4 }, 'mappings').fix, undefined);
  });

  test('malformed variables: ${user.email}, missing brace, missing $', () => {
    for (const bad of ['${user.email}', '${user:email', '{user:email}', '$user:email}']) {
      const text = all(SUBJECT, EMAIL.replace('${user:email}', bad), ROLES);
      const f = expectFinding(text, 'mapping-malformed-variable', { line: 3 }, 'mappings');
      expectFixed(text, f, 'mappings');
    }
  });

  test('${path:…} and ${dir:…} are warnings; ${user:groups} is information', () => {
    const path = all(SUBJECT, EMAIL, ROLES.replace('agent', '${path:enterprise.department}'));
    assert.equal(expectFinding(path, 'mapping-other-feature-variable', { line: 4 }, 'mappings').severity, 'warning');
    const dir = all(SUBJECT, EMAIL, ROLES.replace('agent', '${dir:department}'));
    assert.equal(expectFinding(dir, 'mapping-other-feature-variable', { line: 4 }, 'mappings').severity, 'warning');
    const groups = all(SUBJECT, EMAIL, ROLES.replace('agent', '${user:groups}'));
    assert.equal(
      expectFinding(groups, 'mapping-groups-variable', { line: 4, covers: '${user:groups}' }, 'mappings').severity,
      'info',
    );
  });

  test('duplicate attribute: error on the later one, related to the first, fix removes it', () => {
    const text = all(SUBJECT, EMAIL, ROLES, EMAIL.replace('unspecified', 'basic'));
    const f = expectFinding(text, 'mapping-duplicate', { line: 5, column: 18, covers: '"email"' }, 'mappings');
    assert.equal(lineColumn(lineStarts(text), f.related![0]!.span.offset).line, 3);
    const fixed = expectFixed(text, f, 'mappings');
    assert.equal(fixed, good);
  });

  test('missing fields and non-object entries', () => {
    expectFinding(all(SUBJECT, EMAIL, ROLES, '  42'), 'mapping-not-object', { line: 5, covers: '42' }, 'mappings');
    expectFinding(
      all(SUBJECT, EMAIL, ROLES, '  { "value": "x", "format": "basic" }'),
      'mapping-attribute-missing',
      { line: 5 },
      'mappings',
    );
    expectFinding(
      all(SUBJECT, EMAIL, ROLES, '  { "attribute": "x", "format": "basic" }'),
      'mapping-value-missing',
      { line: 5 },
      'mappings',
    );
    const noFormat = all(SUBJECT, EMAIL, ROLES.replace(', "format": "unspecified"', ''));
    expectFixed(noFormat, expectFinding(noFormat, 'mapping-format-missing', { line: 4 }, 'mappings'), 'mappings');
  });
});

describe('settings and file kinds', () => {
  test('severities can be overridden or turned off per rule', () => {
    const text = GOOD.replace('"agent"', '"supervisor"');
    assert.equal(lint(text, 'config', { 'mapping-roles-unknown': 'error' })[0]!.severity, 'error');
    assert.deepEqual(lint(text, 'config', { 'mapping-roles-unknown': 'off' }), []);
  });

  test('file kinds from names', () => {
    assert.equal(fileKindOf('/x/frontline-sso.json'), 'config');
    assert.equal(fileKindOf('C:\\x\\prod.frontline-sso.json'), 'config');
    assert.equal(fileKindOf('team.attribute-mappings.json'), 'mappings');
    assert.equal(fileKindOf('package.json'), undefined);
  });
});
