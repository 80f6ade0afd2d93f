import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeCertificates } from '../../src/core/certificates/certificates';
import {
  DriftConfig,
  LiveOutcome,
  compareWithLiveMetadata,
  configuredCertificateBodies,
  configuredCertificates,
  driftFindings,
  loopbackOrigin,
  metadataUrlFromIssuer,
  metadataUrlProblem,
  readDriftConfig,
  resolveMetadataUrl,
  runDriftCheck,
} from '../../src/core/drift/drift';
import { Finding, TextEdit } from '../../src/core/common/findings';
import { IdpMetadata } from '../../src/core/values/idpMetadata';
import { lintText } from '../../src/core/lint';
import { parseIdpMetadata } from '../../src/core/saml/metadata';
import { FIXTURES, IDP_ID, ISSUER, fixture, loadFiles } from './helpers';

const METADATA_URL = `https://portal.sso.us-east-1.amazonaws.com/saml/metadata/${IDP_ID}`;
const IDP_PEM = fixture('idp', 'idp.pem');
const OTHER_PEM = fixture('idp', 'other.pem');
const [IDP] = decodeCertificates(IDP_PEM);
const [OTHER] = decodeCertificates(OTHER_PEM);
const NOW = new Date('2027-01-01T00:00:00Z');
const base64 = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s+/g, '');

/** A config as users write it: comments, inline certificate, the example's values. */
function config(extra: { certificate?: string; certificateFile?: string; issuer?: string; metadataUrl?: string } = {}) {
  const cert =
    extra.certificateFile !== undefined
      ? `"certificateFile": ${JSON.stringify(extra.certificateFile)}`
      : `"certificate": ${JSON.stringify(extra.certificate ?? IDP_PEM)}`;
  return `{
  // Acme's Frontline setup
  "realmSid": "JB0123456789abcdef0123456789abcdef",
  "workspaceId": "acme-support",
  "identityProvider": {
    "issuer": "${extra.issuer ?? ISSUER}", // from the AWS console
    "ssoUrl": "${ISSUER}",
${extra.metadataUrl ? `    "metadataUrl": "${extra.metadataUrl}",\n` : ''}    ${cert}
  }
}
`;
}

function metadata(certificates: string[], overrides: Partial<IdpMetadata> = {}): IdpMetadata {
  return { issuer: ISSUER, ssoUrl: ISSUER, certificates: certificates.map(base64), ...overrides };
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.offset - a.offset)
    .reduce((t, e) => t.slice(0, e.offset) + e.newText + t.slice(e.offset + e.length), text);
}

const codes = (findings: Finding[]) => findings.map((f) => f.code);

describe('live metadata: where it is', () => {
  test('derived from the issuer on the same host: assertion → metadata', () => {
    assert.deepEqual(metadataUrlFromIssuer(ISSUER), { url: METADATA_URL });
    const cn = `https://portal.sso.cn-north-1.amazonaws.com.cn/saml/assertion/${IDP_ID}`;
    assert.deepEqual(metadataUrlFromIssuer(cn), {
      url: `https://portal.sso.cn-north-1.amazonaws.com.cn/saml/metadata/${IDP_ID}`,
    });
    const notAws = metadataUrlFromIssuer('https://idp.example.com/saml/assertion/x');
    assert.ok('problem' in notAws && /set identityProvider\.metadataUrl/.test(notAws.problem));
  });

  test('only IAM Identity Center hosts over https, or loopback when given explicitly', () => {
    assert.equal(metadataUrlProblem(METADATA_URL, false), undefined);
    assert.equal(metadataUrlProblem(METADATA_URL.replace('.com/', '.com.cn/'), false), undefined);
    for (const [url, pattern] of [
      [METADATA_URL.replace('https:', 'http:'), /only https:\/\/portal\.sso/],
      [
        'https://portal.sso.us-east-1.amazonaws.com.evil.example/saml/metadata/x',
        /not https:\/\/portal\.sso\.us-east-1\.amazonaws\.com\.evil/,
      ],
      ['https://evil.example/saml/metadata/x', /evil\.example/],
      ['https://portal.sso.us-east-1.amazonaws.com:8443/saml/metadata/x', /only https/],
      ['https://portal.sso.us-east-1.amazonaws.com/saml/assertion/x', /must be \/saml\/metadata\/<id>/],
      [`${METADATA_URL}?x=1`, /no query/],
      ['https://user:pw@portal.sso.us-east-1.amazonaws.com/saml/metadata/x', /no user name/],
      ['http://127.0.0.1:4599/saml/metadata/x', /only when given explicitly/],
      ['http://localhost:4599/saml/metadata/x', /only https/],
      ['file:///etc/passwd', /only https/],
      ['not a url', /is not a URL/],
    ] as const) {
      assert.match(metadataUrlProblem(url, false) ?? 'allowed', pattern, url);
    }
    assert.equal(metadataUrlProblem('http://127.0.0.1:4599/saml/metadata/x', true), undefined);
    assert.match(metadataUrlProblem('http://10.0.0.1:4599/saml/metadata/x', true) ?? '', /only https/);
  });

  test('the URL comes from --metadata-url, then identityProvider.metadataUrl, then the issuer; loopback rebases it', () => {
    const c: DriftConfig = { issuer: ISSUER };
    assert.deepEqual(resolveMetadataUrl(c), { url: METADATA_URL, allowLoopback: false });
    const explicit = `https://portal.sso.eu-west-1.amazonaws.com/saml/metadata/${IDP_ID}`;
    assert.deepEqual(resolveMetadataUrl({ ...c, metadataUrl: explicit }), { url: explicit, allowLoopback: false });
    assert.deepEqual(resolveMetadataUrl(c, { metadataUrl: 'http://127.0.0.1:9/x' }), {
      url: 'http://127.0.0.1:9/x',
      allowLoopback: true,
    });
    assert.deepEqual(resolveMetadataUrl(c, { metadataUrl: 'http://127.0.0.1:4599' }), {
      url: `http://127.0.0.1:4599/saml/metadata/${IDP_ID}`,
      allowLoopback: true,
    });
    assert.deepEqual(resolveMetadataUrl(c, { loopbackOrigin: 'http://127.0.0.1:4599' }), {
      url: `http://127.0.0.1:4599/saml/metadata/${IDP_ID}`,
      allowLoopback: true,
    });
    // A config file (a cloned repository) cannot point the check at a loopback or foreign address.
    const hostile = resolveMetadataUrl({ ...c, metadataUrl: 'http://127.0.0.1:22/' });
    assert.ok('problem' in hostile && /^identityProvider\.metadataUrl: a loopback address/.test(hostile.problem));
    assert.ok('problem' in resolveMetadataUrl({}));
    assert.equal(loopbackOrigin('http://127.0.0.1:4599/'), 'http://127.0.0.1:4599');
    assert.equal(loopbackOrigin('https://sso.us-east-1.amazonaws.com'), undefined);
    assert.equal(loopbackOrigin(''), undefined);
  });

  test('readDriftConfig reads metadataUrl and metadataFile; invalid JSON throws InputError', () => {
    const c = readDriftConfig(config({ metadataUrl: METADATA_URL }));
    assert.equal(c.metadataUrl, METADATA_URL);
    assert.equal(c.issuer, ISSUER);
    assert.throws(() => readDriftConfig('{ "identityProvider": '), { name: 'InputError' });
  });
});

describe('live metadata: the comparison', () => {
  test('the same issuer, sign-in URL and certificate: no findings', () => {
    assert.deepEqual(compareWithLiveMetadata(config(), [base64(IDP_PEM)], metadata([IDP_PEM]), NOW), []);
  });

  test('a different entityID or sign-in URL: an error each, fixed by the live value, comments kept', () => {
    const other = ISSUER.replace('us-east-1', 'eu-west-1');
    const text = config();
    const findings = compareWithLiveMetadata(
      text,
      [base64(IDP_PEM)],
      metadata([IDP_PEM], { issuer: other, ssoUrl: other }),
      NOW,
    );
    assert.deepEqual(codes(findings), ['drift-issuer', 'drift-ssoUrl']);
    const issuer = findings[0]!;
    assert.equal(issuer.severity, 'error');
    assert.match(issuer.message, new RegExp(`live metadata says ${other.replace(/[.]/g, '\\.')}`));
    assert.equal(text.slice(issuer.span!.offset, issuer.span!.offset + issuer.span!.length), ISSUER);
    assert.equal(issuer.fix?.preferred, true);
    const fixed = apply(text, issuer.fix!.edits);
    assert.match(fixed, new RegExp(`"issuer": "${other}", // from the AWS console`));
    assert.match(fixed, /\/\/ Acme's Frontline setup/);
    assert.deepEqual(
      codes(compareWithLiveMetadata(fixed, [base64(IDP_PEM)], metadata([IDP_PEM], { issuer: other }), NOW)),
      [],
    );
  });

  test('the configured certificate and another one: a rotation warning naming the other, with a switch', () => {
    const text = config();
    const [rotation] = compareWithLiveMetadata(text, [base64(IDP_PEM)], metadata([IDP_PEM, OTHER_PEM]), NOW);
    assert.equal(rotation?.code, 'drift-rotation');
    assert.equal(rotation.severity, 'warning');
    assert.ok(rotation.message.includes(OTHER!.sha256), rotation.message);
    assert.ok(rotation.message.includes(OTHER!.subject));
    assert.ok(rotation.message.includes(`expires ${OTHER!.notAfter.slice(0, 10)}`));
    assert.ok(!rotation.message.includes(IDP!.sha256), 'the configured certificate is not "the other"');
    assert.match(rotation.message, /Upload it to Frontline before you make it active in AWS/);
    assert.match(rotation.fix!.title, /^Switch to the new certificate \(8B:98:E3:34…, expires 2031-11-29\)/);
    const switched = apply(text, rotation.fix!.edits);
    assert.equal(readDriftConfig(switched).certificate, OTHER!.pem);
    // After the switch the config holds the other one of the two: still a rotation, now pointing at the old one.
    const after = compareWithLiveMetadata(switched, [base64(OTHER_PEM)], metadata([IDP_PEM, OTHER_PEM]), NOW);
    assert.ok(after[0]?.message.includes(IDP!.sha256));
  });

  test('the configured certificate is gone: "AWS no longer signs with it", fixed by the live certificate', () => {
    const text = config({ certificateFile: './aws-idc.pem' });
    const [gone] = compareWithLiveMetadata(text, [base64(IDP_PEM)], metadata([OTHER_PEM]), NOW);
    assert.equal(gone?.code, 'drift-certificate');
    assert.equal(gone.severity, 'error');
    assert.match(gone.message, /^AWS no longer signs with the configured certificate/);
    assert.ok(gone.message.includes(OTHER!.sha256));
    assert.equal(text.slice(gone.span!.offset, gone.span!.offset + gone.span!.length), './aws-idc.pem');
    const fixed = apply(text, gone.fix!.edits);
    const c = readDriftConfig(fixed);
    assert.equal(c.certificate, OTHER!.pem);
    assert.equal(c.certificateFile, undefined, 'the certificateFile it replaces is removed');
    // The fixed config passes the linter's certificate checks and the live comparison.
    assert.ok(!lintText(fixed, { kind: 'config', now: NOW }).some((f) => f.code.startsWith('cert-')));
    assert.deepEqual(compareWithLiveMetadata(fixed, [base64(OTHER_PEM)], metadata([OTHER_PEM]), NOW), []);
  });

  test('a failed fetch is one information-level finding with the reason', () => {
    const outcome: LiveOutcome = { ok: false, url: METADATA_URL, reason: 'portal.sso… answered 404 Not Found' };
    const findings = driftFindings(config(), [base64(IDP_PEM)], outcome, NOW);
    assert.deepEqual(codes(findings), ['drift-unavailable']);
    assert.equal(findings[0]!.severity, 'info');
    assert.match(
      findings[0]!.message,
      /did not run: portal\.sso… answered 404 Not Found\. The local checks are not affected\./,
    );
  });

  test('half-typed JSON gives no live findings (the linter reports it)', () => {
    const outcome: LiveOutcome = {
      ok: true,
      url: METADATA_URL,
      xml: new Uint8Array(),
      metadata: metadata([OTHER_PEM]),
      fetchedAt: NOW.toISOString(),
      fromCache: false,
    };
    assert.deepEqual(driftFindings('{ "identityProvider": { "issuer": ', [base64(IDP_PEM)], outcome, NOW), []);
  });

  test('configured certificates: the inline PEM or the loaded certificateFile; unreadable → undefined', () => {
    const files = loadFiles(config({ certificateFile: 'idp/idp.pem' }), (p) => readFileSync(join(FIXTURES, p)));
    assert.equal(configuredCertificates({ certificateFile: 'idp/idp.pem' }, files, NOW)?.[0]?.sha256, IDP!.sha256);
    assert.deepEqual(configuredCertificateBodies({ certificateFile: 'idp/idp.pem' }, files), [base64(IDP_PEM)]);
    assert.deepEqual(configuredCertificateBodies({ certificate: IDP_PEM.replace(/\n/g, '\r\n  ') }, files), [
      base64(IDP_PEM),
    ]);
    assert.equal(configuredCertificateBodies({ certificate: 'garbage' }, files), undefined);
    assert.equal(configuredCertificates({ certificate: 'garbage' }, new Map(), NOW), undefined);
    assert.equal(configuredCertificates({ certificateFile: 'missing.pem' }, new Map(), NOW), undefined);
  });

  test('runDriftCheck: URL, outcome and findings in one report; no URL → the reason, nothing fetched', async () => {
    const xml = fixture('idp', 'metadata.xml');
    let asked: unknown;
    const report = await runDriftCheck({
      text: config(),
      files: new Map(),
      now: NOW,
      outcomeFor: async (target) => {
        asked = target;
        return {
          ok: true,
          url: target.url,
          xml: Buffer.from(xml),
          metadata: parseIdpMetadata(xml),
          fetchedAt: NOW.toISOString(),
          fromCache: false,
        };
      },
    });
    assert.deepEqual(asked, { url: METADATA_URL, allowLoopback: false });
    assert.deepEqual(
      { url: report.metadataUrl, fetched: report.fetched, findings: report.findings },
      {
        url: METADATA_URL,
        fetched: true,
        findings: [],
      },
    );
    const noUrl = await runDriftCheck({
      text: '{ "identityProvider": {} }',
      files: new Map(),
      now: NOW,
      outcomeFor: async () => assert.fail('nothing to fetch'),
    });
    assert.equal(noUrl.fetched, false);
    assert.match(noUrl.findings[0]!.message, /no issuer URL to derive the metadata address from/);
  });
});
