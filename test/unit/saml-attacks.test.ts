import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { isInputError } from '../../src/core/common/findings';
import { frontlineConfigSamlExpectations as frontline } from '../../src/core/providers/saml';
import { findSamlRequestsInHar } from '../../src/core/saml/har';
import { checkIdpMetadata } from '../../src/core/saml/metadata';
import { checkSamlResponse, decodeSamlInput } from '../../src/core/saml/response';
import { Attack, CERT_FILE, REALM, attacks } from '../../tools/generators/samlAttacks';

const AT = new Date('2026-12-01T12:01:00Z');
const CERT = readFileSync(CERT_FILE, 'utf8');

/** Runs an attack as the CLI would read it: refused (InputError) or checked (the report). */
export async function runAttack(attack: Attack) {
  const response = async (text: string) =>
    checkSamlResponse(decodeSamlInput(text), frontline({ realmSid: REALM, certificatePem: CERT }), AT);
  try {
    if (attack.kind === 'metadata') return { report: { checks: checkIdpMetadata(attack.input, AT).findings } };
    if (attack.kind === 'har') {
      const reports = [];
      for (const r of findSamlRequestsInHar(attack.input)) reports.push(await response(r.samlResponse));
      return { report: { checks: reports.flatMap((r) => r.checks) } };
    }
    return { report: await response(attack.input) };
  } catch (err) {
    if (!isInputError(err)) throw err;
    return { refused: err.message };
  }
}

describe('generated attacks end as expected (tools/generators/samlAttacks.ts)', () => {
  for (const attack of attacks()) {
    test(`${attack.source}: ${attack.name}`, async () => {
      const start = performance.now();
      const outcome = await runAttack(attack);
      const ms = performance.now() - start;
      if (attack.refused) {
        assert.ok(
          outcome.refused,
          `refused, not checked: ${JSON.stringify(outcome.report?.checks.map((c) => c.code))}`,
        );
        assert.match(outcome.refused, attack.refused);
      } else {
        assert.ok(outcome.report, `checked, not refused: ${outcome.refused}`);
        const codes = outcome.report.checks.filter((c) => c.severity === 'error').map((c) => c.code);
        for (const code of attack.errors ?? []) assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
        const report = outcome.report as { signature?: { valid: boolean | null } };
        if (report.signature) assert.notEqual(report.signature.valid, true, 'never a valid signature');
        if (attack.neverReported) {
          // Anything reported but the raw XML itself.
          const { xml: _xml, ...reported } = outcome.report as { xml?: string };
          assert.ok(!JSON.stringify(reported).includes(attack.neverReported), "the attacker's identity is reported");
        }
      }
      // A sanity bound on a shared CI machine; bench/saml.ts holds the real budget (1 s, 256 MB, in the CLI).
      assert.ok(ms < 15_000, `${Math.round(ms)} ms`);
    });
  }
});
