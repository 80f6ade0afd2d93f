import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractValues, validateValues } from '../../src/core/values/values';
import { ACS, AUDIENCE, ISSUER, OTHER_REALM, REALM } from './helpers';

test('values are pulled out of pasted notes', () => {
  const notes = `Realm: ${REALM}\nACS: ${ACS}\naudience ${AUDIENCE}.\nissuer (${ISSUER})`;
  assert.deepEqual(extractValues(notes), {
    realmSid: REALM,
    acsUrl: ACS,
    audience: AUDIENCE,
    issuer: ISSUER,
    ssoUrl: ISSUER,
  });
});

test('the Realm SID is taken from the ACS URL when not given on its own', () => {
  assert.equal(extractValues(ACS).realmSid, REALM);
});

test('a correct set validates clean; a mismatched one names the right value', () => {
  const good = validateValues({ realmSid: REALM, acsUrl: ACS, audience: AUDIENCE, issuer: ISSUER, ssoUrl: ISSUER });
  assert.ok(
    good.every((r) => r.findings.length === 0),
    JSON.stringify(good),
  );
  assert.match(good.find((r) => r.field === 'issuer')!.details!, /123456789012/);
  const bad = validateValues({ realmSid: REALM, acsUrl: ACS.replace(REALM, OTHER_REALM), audience: ACS });
  assert.deepEqual(
    bad.find((r) => r.field === 'acsUrl')!.findings.map((f) => f.code),
    ['sp-acsUrl-realm-mismatch'],
  );
  assert.equal(bad.find((r) => r.field === 'acsUrl')!.expected, ACS);
  assert.deepEqual(
    bad.find((r) => r.field === 'audience')!.findings.map((f) => f.code),
    ['sp-audience-swapped'],
  );
});
