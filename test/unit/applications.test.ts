// What the tree and the CLI say of an IAM Identity Center application, and its comparison with a config.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applicationTraits, consoleUrl } from '../../src/core/applications/applications';
import { compareApplicationWithConfig } from '../../src/core/applications/compare';
import { ISSUER } from './helpers';

describe('applications', () => {
  const app = {
    name: 'Twilio-Frontline',
    applicationArn: 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef',
    applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
  };

  test('custom SAML and likely-Frontline applications are recognised from the provider, not a fixed ARN', () => {
    assert.deepEqual(
      applicationTraits(app, { federationProtocol: 'SAML', displayName: 'Custom SAML 2.0 application' }),
      { federationProtocol: 'SAML', customSaml: true, likelyFrontline: true },
    );
    assert.deepEqual(
      applicationTraits(
        {
          ...app,
          name: 'Salesforce',
          applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/catalog/salesforce',
        },
        { federationProtocol: 'SAML', displayName: 'Salesforce' },
      ),
      { federationProtocol: 'SAML', customSaml: false, likelyFrontline: false },
    );
    assert.equal(
      applicationTraits({ ...app, name: 'support' }, undefined, new Set([app.applicationArn])).likelyFrontline,
      true,
    );
    assert.equal(applicationTraits({ ...app, name: 'x' }, { federationProtocol: 'OAUTH' }).customSaml, false);
  });

  test('console links per partition', () => {
    assert.match(
      consoleUrl('eu-west-1', app.applicationArn),
      /^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/singlesignon\/.*apl-0123456789abcdef$/,
    );
    assert.match(consoleUrl('cn-north-1', app.applicationArn), /console\.amazonaws\.cn/);
    assert.match(consoleUrl('us-gov-west-1', app.applicationArn), /console\.amazonaws-us-gov\.com/);
  });

  test('comparing an application with a config', () => {
    const facts = {
      applicationArn: app.applicationArn,
      name: app.name,
      status: 'ENABLED',
      applicationAccount: '123456789012',
      federationProtocol: 'SAML',
      customSaml: true,
      assignmentRequired: true,
      assignmentCount: 2,
      region: 'us-east-1',
    };
    const codes = (f: { code: string }[]) => f.map((x) => x.code);
    assert.deepEqual(
      codes(compareApplicationWithConfig(facts, { issuer: ISSUER, applicationArn: app.applicationArn })),
      ['compare-api-limits'],
    );
    assert.deepEqual(
      codes(
        compareApplicationWithConfig(
          {
            ...facts,
            status: 'DISABLED',
            assignmentCount: 0,
            federationProtocol: 'OAUTH',
            customSaml: false,
            region: 'eu-west-1',
          },
          { issuer: ISSUER },
        ),
      ),
      ['compare-protocol', 'compare-disabled', 'compare-no-assignments', 'compare-region', 'compare-api-limits'],
    );
    assert.deepEqual(
      codes(
        compareApplicationWithConfig(
          { ...facts, applicationAccount: '999999999999' },
          { issuer: ISSUER, applicationArn: 'arn:other' },
        ),
      ),
      ['compare-arn', 'compare-account', 'compare-api-limits'],
    );
  });
});
