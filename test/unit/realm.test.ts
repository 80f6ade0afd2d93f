import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRealmSid, checkServiceProviderUrl, frontlineValues } from '../../src/core/values/realm';
import { ACS, AUDIENCE, OTHER_REALM, REALM } from './helpers';

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

test('a valid Realm SID gives the ACS URL and audience', () => {
  const r = checkRealmSid(REALM);
  assert.equal(r.sid, REALM);
  assert.deepEqual(r.findings, []);
  assert.deepEqual(frontlineValues(REALM), { realmSid: REALM, acsUrl: ACS, audience: AUDIENCE });
});

test('upper-case hex digits are accepted', () => {
  assert.equal(checkRealmSid('JB0123456789ABCDEF0123456789ABCDEF').sid, 'JB0123456789ABCDEF0123456789ABCDEF');
});

test('whitespace, quotes and invisible characters around the SID are removed with a note', () => {
  for (const input of [`  ${REALM}\n`, `"${REALM}"`, `'${REALM}',`, `\u200b${REALM}\u00a0`, `“${REALM}”`]) {
    const r = checkRealmSid(input);
    assert.equal(r.sid, REALM, JSON.stringify(input));
    assert.deepEqual(codes(r.findings), ['realm-sid-trimmed']);
  }
});

test('a pasted ACS or audience URL yields its SID', () => {
  for (const url of [ACS, AUDIENCE, `${ACS}/`]) {
    const r = checkRealmSid(url);
    assert.equal(r.sid, REALM);
    assert.ok(codes(r.findings).includes('realm-sid-from-url'));
  }
});

test('a URL without a SID is rejected', () => {
  const r = checkRealmSid('https://iam.twilio.com/v2/saml2/authenticate/');
  assert.equal(r.sid, undefined);
  assert.deepEqual(codes(r.findings), ['realm-sid-url-without-sid']);
});

test('empty and whitespace-only input', () => {
  for (const input of ['', '   ', '\n\t', '""']) {
    const r = checkRealmSid(input);
    assert.equal(r.sid, undefined);
    assert.deepEqual(codes(r.findings), ['realm-sid-empty'], JSON.stringify(input));
  }
});

test('wrong prefix: another kind of SID, lower-case jb, not a SID at all', () => {
  const account = checkRealmSid('AC0123456789abcdef0123456789abcdef');
  assert.deepEqual(codes(account.findings), ['realm-sid-prefix']);
  assert.match(account.findings[0]!.message, /Account SID/);
  const lower = checkRealmSid('jb0123456789abcdef0123456789abcdef');
  assert.deepEqual(codes(lower.findings), ['realm-sid-prefix-case']);
  assert.equal(lower.suggestion, REALM);
  assert.deepEqual(codes(checkRealmSid('hello world').findings), ['realm-sid-prefix']);
});

test('33 and 35 characters are reported with how many are missing or extra', () => {
  const short = checkRealmSid(REALM.slice(0, 33));
  assert.deepEqual(codes(short.findings), ['realm-sid-length']);
  assert.match(short.findings[0]!.message, /33 characters.*1 missing/);
  const long = checkRealmSid(REALM + 'a');
  assert.match(long.findings[0]!.message, /35 characters.*1 too many/);
});

test('a non-hex character is located, and O for 0 is explained', () => {
  const r = checkRealmSid('JB0123456789abcdefg123456789abcdef');
  assert.deepEqual(codes(r.findings), ['realm-sid-not-hex']);
  assert.match(r.findings[0]!.message, /Character 19 .*'g'/);
  assert.match(checkRealmSid('JBO123456789abcdef0123456789abcdef').findings[0]!.message, /letter O/);
});

test('unicode look-alikes are rejected with the intended SID suggested', () => {
  const cyrillicB = 'J\u0412' + REALM.slice(2);
  const r = checkRealmSid(cyrillicB);
  assert.equal(r.sid, undefined);
  assert.deepEqual(codes(r.findings), ['realm-sid-non-ascii']);
  assert.equal(r.suggestion, REALM);
  assert.match(r.findings[0]!.message, /U\+0412/);
  const fullwidth = checkRealmSid('JB\uff10123456789abcdef0123456789abcdef');
  assert.equal(fullwidth.suggestion, REALM);
});

test('service-provider URLs: correct, swapped, other realm, http, trailing slash', () => {
  assert.deepEqual(checkServiceProviderUrl('acsUrl', ACS, REALM), []);
  assert.deepEqual(checkServiceProviderUrl('audience', AUDIENCE, REALM), []);
  assert.deepEqual(checkServiceProviderUrl('acsUrl', ACS), []);
  assert.deepEqual(codes(checkServiceProviderUrl('acsUrl', AUDIENCE, REALM)), ['sp-acsUrl-swapped']);
  assert.deepEqual(codes(checkServiceProviderUrl('audience', ACS, REALM)), ['sp-audience-swapped']);
  const other = checkServiceProviderUrl('acsUrl', ACS.replace(REALM, OTHER_REALM), REALM);
  assert.deepEqual(codes(other), ['sp-acsUrl-realm-mismatch']);
  assert.match(other[0]!.message, new RegExp(ACS));
  assert.deepEqual(codes(checkServiceProviderUrl('acsUrl', ACS.replace('https', 'http'), REALM)), ['sp-acsUrl-shape']);
  assert.deepEqual(codes(checkServiceProviderUrl('acsUrl', `${ACS}/`, REALM)), ['sp-acsUrl-shape']);
  assert.deepEqual(codes(checkServiceProviderUrl('acsUrl', '', REALM)), ['sp-acsUrl-empty']);
  assert.deepEqual(codes(checkServiceProviderUrl('acsUrl', ACS.slice(0, -1), REALM)), ['realm-sid-length']);
});
