// Shared by the provider tests: a valid user provider definition, and a config lint with the example IdP files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Finding } from '../../src/core/common/findings';
import { lintText } from '../../src/core/lint';
import { UserProviderFile } from '../../src/core/providers';
import { parseIdpMetadata } from '../../src/core/saml/metadata';
import { FIXTURES, ISSUER, loadFiles } from './helpers';
import { ACME_PROVIDER } from '../support/providers';

export const LINT_NOW = new Date('2027-01-01T00:00:00Z');

/** An identity provider section whose files are test/fixtures/idp's. */
export const IDP = { issuer: ISSUER, ssoUrl: ISSUER, certificateFile: 'idp.pem', metadataFile: 'metadata.xml' };

export { ACME_PROVIDER };

/** Lints a config (an object or its text) with the IdP files of test/fixtures/idp and the given user providers. */
export function lintConfig(config: unknown, providers: readonly UserProviderFile[] = []): Finding[] {
  const text = typeof config === 'string' ? config : JSON.stringify(config, null, 2);
  return lintText(text, {
    kind: 'config',
    now: LINT_NOW,
    files: loadFiles(text, (path) => readFileSync(join(FIXTURES, 'idp', path))),
    parseMetadata: parseIdpMetadata,
    providers,
  });
}
