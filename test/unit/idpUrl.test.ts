import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkIdpPair, checkIdpUrl, decodeIdpId, idpUrl } from '../../src/core/values/idpUrl';
import { ACCOUNT, IDP_ID, INSTANCE, ISSUER } from './helpers';

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

test('an IAM Identity Center issuer URL decodes to region, account and instance', () => {
  const r = checkIdpUrl('issuer', ISSUER);
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.info, {
    kind: 'assertion',
    region: 'us-east-1',
    partition: 'aws',
    id: IDP_ID,
    accountId: ACCOUNT,
    instanceId: INSTANCE,
  });
});

test('GovCloud and China partitions are recognised', () => {
  assert.equal(checkIdpUrl('ssoUrl', idpUrl('us-gov-west-1', IDP_ID)).info?.partition, 'aws-us-gov');
  const china = checkIdpUrl('ssoUrl', idpUrl('cn-north-1', IDP_ID));
  assert.equal(china.info?.partition, 'aws-cn');
  assert.deepEqual(china.findings, []);
  assert.match(idpUrl('cn-north-1', IDP_ID), /amazonaws\.com\.cn/);
});

test('a China region on the global domain, or the reverse, is an error', () => {
  assert.deepEqual(
    codes(checkIdpUrl('issuer', `https://portal.sso.cn-north-1.amazonaws.com/saml/assertion/${IDP_ID}`).findings),
    ['idp-issuer-partition'],
  );
  assert.deepEqual(
    codes(checkIdpUrl('issuer', `https://portal.sso.us-east-1.amazonaws.com.cn/saml/assertion/${IDP_ID}`).findings),
    ['idp-issuer-partition'],
  );
});

test('metadata and logout URLs pasted as the sign-in URL', () => {
  const metadata = checkIdpUrl('ssoUrl', ISSUER.replace('/assertion/', '/metadata/'));
  assert.deepEqual(codes(metadata.findings), ['idp-ssoUrl-wrong-endpoint']);
  assert.match(metadata.findings[0]!.message, new RegExp(ISSUER.replace(/[/.]/g, '\\$&')));
  assert.deepEqual(codes(checkIdpUrl('issuer', ISSUER.replace('/assertion/', '/logout/')).findings), [
    'idp-issuer-wrong-endpoint',
  ]);
});

test('a truncated id is an error; an unfamiliar id only a warning', () => {
  assert.equal(decodeIdpId(IDP_ID.slice(0, 30)), 'truncated');
  assert.deepEqual(codes(checkIdpUrl('issuer', ISSUER.slice(0, -8)).findings), ['idp-issuer-truncated']);
  assert.equal(decodeIdpId('something-else'), 'unrecognised');
  assert.deepEqual(codes(checkIdpUrl('issuer', ISSUER.replace(IDP_ID, 'abcdef')).findings), [
    'idp-issuer-id-unrecognised',
  ]);
  assert.equal(checkIdpUrl('issuer', ISSUER.replace(IDP_ID, 'abcdef')).findings[0]!.severity, 'warning');
});

test('shape errors: empty, not a URL, http, trailing slash, query, bad path', () => {
  assert.deepEqual(codes(checkIdpUrl('issuer', ' ').findings), ['idp-issuer-empty']);
  assert.deepEqual(codes(checkIdpUrl('issuer', 'portal.sso.us-east-1').findings), ['idp-issuer-not-url']);
  assert.deepEqual(codes(checkIdpUrl('issuer', ISSUER.replace('https', 'http')).findings), ['idp-issuer-not-https']);
  assert.deepEqual(codes(checkIdpUrl('issuer', `${ISSUER}/`).findings), ['idp-issuer-trailing-slash']);
  assert.deepEqual(codes(checkIdpUrl('issuer', `${ISSUER}?x=1`).findings), ['idp-issuer-query']);
  assert.deepEqual(codes(checkIdpUrl('issuer', 'https://portal.sso.us-east-1.amazonaws.com/start').findings), [
    'idp-issuer-path',
  ]);
  assert.deepEqual(
    codes(checkIdpUrl('issuer', `https://portal.sso.useast1.amazonaws.com/saml/assertion/${IDP_ID}`).findings),
    ['idp-issuer-region'],
  );
});

test('a non-AWS issuer is a warning, not an error', () => {
  const r = checkIdpUrl('issuer', 'https://example.okta.com/exk123');
  assert.deepEqual(codes(r.findings), ['idp-issuer-not-aws']);
  assert.equal(r.findings[0]!.severity, 'warning');
});

test('issuer and sign-in URL must match', () => {
  assert.deepEqual(checkIdpPair(ISSUER, ISSUER), []);
  const otherId = Buffer.from('123456789012_ins-fedcba9876543210').toString('base64');
  assert.deepEqual(codes(checkIdpPair(ISSUER, ISSUER.replace(IDP_ID, otherId))), ['idp-id-mismatch']);
  assert.deepEqual(codes(checkIdpPair(ISSUER, ISSUER.replace('us-east-1', 'eu-west-1'))), ['idp-region-mismatch']);
});
