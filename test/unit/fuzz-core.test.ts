// Property-based checks over the parsers and checkers of src/core (config and mapping lint, values, URL checks,
// certificates): nothing throws but the documented InputError, every finding is well-formed, and time grows linearly
// with the input. Case counts are bounded so the suite stays fast; a failure prints the shrunk input that caused it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeCertificates, findPemBlocks } from '../../src/core/certificates/certificates';
import { Finding, isInputError } from '../../src/core/common/findings';
import { checkIdpPair, checkIdpUrl } from '../../src/core/values/idpUrl';
import { lintText } from '../../src/core/lint';
import { REALM_SID_PATTERN, checkRealmSid, checkServiceProviderUrl } from '../../src/core/values/realm';
import { ruleFor } from '../../src/core/lint/rules';
import { extractValues, validateValues } from '../../src/core/values/values';
import { FIXTURES, ISSUER, REALM, assertLinear } from './helpers';

const ROOT = join(FIXTURES, '..', '..');
const CONFIG = readFileSync(join(ROOT, 'examples', 'frontline-sso.json'), 'utf8');
const BROKEN = readFileSync(join(ROOT, 'examples', 'broken.frontline-sso.json'), 'utf8');
const CERT = readFileSync(join(ROOT, 'examples', 'aws-idc.pem'), 'utf8');
const NOW = new Date('2027-01-01T00:00:00Z');
const RUNS = { numRuns: 300, seed: 20261130 } as const;

/** Every finding points inside the text, has a code and a short message, and its fix edits stay inside too. */
function assertWellFormed(text: string, findings: readonly Finding[]): void {
  assert.ok(findings.length <= 101, `at most 100 findings and a summary, got ${findings.length}`);
  for (const f of findings) {
    assert.ok(ruleFor(f.code), `${f.code} is a registered rule (src/core/lint/rules)`);
    assert.ok(['error', 'warning', 'info'].includes(f.severity), `severity ${f.severity}`);
    assert.ok(f.message.length > 0 && f.message.length <= 1000, `message of ${f.code} is ${f.message.length} chars`);
    const spans = [f.span, ...(f.related ?? []).map((r) => r.span), ...(f.fix?.edits ?? [])];
    for (const span of spans) {
      if (!span) continue;
      assert.ok(span.offset >= 0 && span.length >= 0 && span.offset + span.length <= text.length, `${f.code} span`);
    }
  }
}

function lintBoth(text: string): void {
  for (const kind of ['config', 'mappings'] as const) {
    const findings = lintText(text, { kind, now: NOW });
    assertWellFormed(text, findings);
    // A fix produces text that lints again without trouble.
    const fix = findings.find((f) => f.fix?.preferred)?.fix;
    if (fix) {
      const fixed = [...fix.edits]
        .sort((a, b) => b.offset - a.offset)
        .reduce((t, e) => t.slice(0, e.offset) + e.newText + t.slice(e.offset + e.length), text);
      assertWellFormed(fixed, lintText(fixed, { kind, now: NOW }));
    }
  }
}

/** A text edited at random places: what a half-typed or damaged config looks like. */
const mutated = (base: string) =>
  fc
    .array(
      fc.record({
        at: fc.nat({ max: base.length }),
        cut: fc.nat({ max: 12 }),
        insert: fc.oneof(
          fc.string({ maxLength: 8 }),
          fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '/*', '//', '\n', '\ufeff', '\u0000', 'null'),
        ),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map((edits) =>
      edits.reduce((t, e) => {
        const at = Math.min(e.at, t.length);
        return t.slice(0, at) + e.insert + t.slice(at + e.cut);
      }, base),
    );

/** Any JSON value placed where the config expects a string, an object or an array. */
const FIELDS: Array<(v: unknown) => unknown> = [
  (v) => ({ realmSid: v }),
  (v) => ({ realmSid: REALM, serviceProvider: v, application: v }),
  (v) => ({ realmSid: REALM, serviceProvider: { acsUrl: v, audience: v } }),
  (v) => ({ identityProvider: v }),
  (v) => ({ identityProvider: { issuer: v, ssoUrl: v, certificate: v, certificateFile: v, metadataFile: v } }),
  (v) => ({ attributeMappings: v }),
  (v) => ({ attributeMappings: [v, { attribute: v, value: v, format: v }] }),
  (v) => ({ application: { applicationArn: v, region: v }, identityProvider: { issuer: ISSUER } }),
];

describe('fuzz: config and mapping lint', () => {
  test('random edits of a good and a broken config', () => {
    fc.assert(fc.property(fc.oneof(mutated(CONFIG), mutated(BROKEN)), lintBoth), RUNS);
  });

  test('any JSON value in any field', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: FIELDS.length - 1 }), fc.jsonValue({ maxDepth: 4 }), (i, v) => {
        lintBoth(JSON.stringify((FIELDS[i] as (v: unknown) => unknown)(v), null, 2));
      }),
      RUNS,
    );
  });

  test('arbitrary text, including unicode and control characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), lintBoth), RUNS);
  });
});

describe('fuzz: values and URL checks', () => {
  const pasted = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc
      .tuple(
        fc.string({ maxLength: 5 }),
        fc.constantFrom(REALM, ISSUER, `https://iam.twilio.com/v2/saml2/authenticate/${REALM}`),
        fc.string({ maxLength: 5 }),
      )
      .map((p) => p.join('')),
    mutated(REALM),
    mutated(ISSUER),
  );

  test('checkRealmSid: no throw, and a SID it returns is a valid SID', () => {
    fc.assert(
      fc.property(pasted, (input) => {
        const r = checkRealmSid(input);
        if (r.sid !== undefined) assert.match(r.sid, REALM_SID_PATTERN);
        assertWellFormed(input, r.findings);
        for (const field of ['acsUrl', 'audience'] as const)
          assertWellFormed(input, checkServiceProviderUrl(field, input, REALM));
      }),
      RUNS,
    );
  });

  test('checkIdpUrl, checkIdpPair, extractValues and validateValues never throw', () => {
    fc.assert(
      fc.property(pasted, pasted, (a, b) => {
        for (const role of ['issuer', 'ssoUrl', 'sloUrl'] as const) assertWellFormed(a, checkIdpUrl(role, a).findings);
        assertWellFormed(a, checkIdpPair(a, b));
        for (const report of validateValues(extractValues(`${a}\n${b}`)))
          assertWellFormed(report.value, report.findings);
      }),
      RUNS,
    );
  });
});

describe('fuzz: certificates', () => {
  const onlyInputErrors = (input: string | Uint8Array) => {
    try {
      decodeCertificates(input, NOW);
    } catch (err) {
      assert.ok(isInputError(err), `only InputError may escape, got ${(err as Error).stack}`);
      assert.ok((err as Error).message.length <= 400, 'the reason is short');
    }
  };

  test('random bytes, damaged PEM and damaged DER give a certificate or an InputError', () => {
    const der = Buffer.from(CERT.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    const damagedDer = fc
      .array(fc.record({ at: fc.nat({ max: der.length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), {
        minLength: 1,
        maxLength: 4,
      })
      .map((flips) => {
        const copy = Buffer.from(der);
        for (const f of flips) copy[f.at] = f.byte;
        return new Uint8Array(copy);
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), damagedDer, mutated(CERT)), onlyInputErrors),
      RUNS,
    );
  });
});

describe('time grows linearly with the input', () => {
  const RUNS_OF = [
    '.',
    '/',
    ' ',
    '\t',
    '-',
    '=',
    ':',
    '{',
    '[',
    '"',
    ',',
    'A',
    '\u0412',
    '-----BEGIN CERTIFICATE-----\n',
  ];
  const wrap = (field: (v: string) => unknown) => (n: number, ch: string) =>
    JSON.stringify(field(`${ch.repeat(Math.ceil(n / ch.length))}x`));
  const SHAPES: Array<[string, (n: number, ch: string) => string]> = [
    ['realmSid', wrap((v) => ({ realmSid: v }))],
    [
      'issuer',
      wrap((v) => ({ identityProvider: { issuer: `https://portal.sso.us-east-1.amazonaws.com/${v}`, ssoUrl: v } })),
    ],
    ['certificate', wrap((v) => ({ identityProvider: { certificate: `-----BEGIN CERTIFICATE-----\n${v}` } }))],
    ['mapping value', wrap((v) => ({ attributeMappings: [{ attribute: 'email', value: `\${user:${v}`, format: v }] }))],
    ['unknown key', (n, ch) => `{"${ch.repeat(n).replace(/["\\]/g, 'a')}": 1}`],
    ['raw text', (n, ch) => ch.repeat(Math.ceil(n / ch.length))],
  ];

  // jsonc-parser's scanner is slightly superlinear on escape sequences inside strings (about n^1.5: 130 ms for 1 MB of
  // \"); the 1 MB cap bounds that, and `npm run bench` measures it. Escaped characters are checked as raw text only.
  const escaped = (ch: string) => JSON.stringify(ch).length !== ch.length + 2;

  test('lint of pathological configs', () => {
    for (const [name, shape] of SHAPES) {
      for (const ch of RUNS_OF) {
        if (escaped(ch) && name !== 'raw text') continue;
        assertLinear(
          `${name} with runs of ${JSON.stringify(ch)}`,
          (n) => shape(n, ch),
          (t) => lintText(t, { kind: 'config', now: NOW }),
        );
      }
    }
  });

  test('values, URL checks and PEM scanning', () => {
    for (const ch of RUNS_OF) {
      assertLinear(
        `pasted values with runs of ${JSON.stringify(ch)}`,
        (n) => `${ch.repeat(n)}x`,
        (t) => {
          validateValues(extractValues(t));
          checkIdpUrl('issuer', t);
          checkRealmSid(t);
        },
      );
      assertLinear(
        `certificate text with runs of ${JSON.stringify(ch)}`,
        (n) => `${ch.repeat(Math.ceil(n / ch.length))}!`,
        (t) => {
          findPemBlocks(t);
          try {
            decodeCertificates(t, NOW);
          } catch (err) {
            if (!isInputError(err)) throw err;
          }
        },
      );
    }
  });
});
