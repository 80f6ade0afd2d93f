import assert from 'node:assert/strict';
import { test } from 'node:test';
import { looksLikeCertificate, looksLikeFrontlineValues, looksLikeSamlResponse } from '../../src/core/common/sniff';
import { ACS, ISSUER, REALM, fixture } from './helpers';

test('the context menu offers a command only for a selection it can use', () => {
  const pem = fixture('idp', 'idp.pem');
  const base64 = pem.replace(/-----[A-Z ]+-----|\s/g, '');
  const response = fixture('saml', 'valid.b64').trim();
  assert.ok(looksLikeCertificate(pem));
  assert.ok(looksLikeCertificate(base64), 'bare base64 as in metadata');
  assert.ok(!looksLikeCertificate('const x = 1;\nfunction f() {}'));
  assert.ok(!looksLikeCertificate(response), 'a SAML response is not a certificate');
  assert.ok(looksLikeSamlResponse(response));
  assert.ok(looksLikeSamlResponse(`SAMLResponse=${encodeURIComponent(response)}&RelayState=x`));
  assert.ok(looksLikeSamlResponse(fixture('saml', 'valid.xml')));
  assert.ok(!looksLikeSamlResponse(pem));
  assert.ok(!looksLikeSamlResponse('hello world'));
  for (const value of [REALM, ACS, ISSUER]) assert.ok(looksLikeFrontlineValues(`see ${value} here`), value);
  assert.ok(!looksLikeFrontlineValues('https://example.com/ and JB123'));
  // Only a bounded prefix is looked at: a huge selection costs nothing.
  assert.ok(!looksLikeCertificate(`${'x'.repeat(200_000)}-----BEGIN CERTIFICATE-----`));
});
