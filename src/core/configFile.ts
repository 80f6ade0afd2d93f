import { getNodeValue } from 'jsonc-parser';
import { InputError } from './findings';
import { parseJsonc } from './lint/jsonNodes';
import { checkRealmSid } from './realm';

/** The subset of a config file (shared/design.md §5.1) that other checks take their expectations from. */
export interface ConfigExpectations {
  realmSid?: string;
  issuer?: string;
  ssoUrl?: string;
  certificatePem?: string;
  workspaceId?: string;
}

/** Reads the expectations out of a config file's text. Throws InputError when the file is not usable at all. */
export function expectationsFromConfig(text: string, readFile: (relativePath: string) => Uint8Array): ConfigExpectations {
  const { root, findings } = parseJsonc(text);
  if (!root || root.type !== 'object' || findings.length > 0) {
    throw new InputError('The config file is not a valid JSON object; run "frontline-sso lint" on it for details.');
  }
  const config = getNodeValue(root) as Record<string, unknown>;
  const idp = (typeof config.identityProvider === 'object' && config.identityProvider !== null ? config.identityProvider : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  let certificatePem = str(idp.certificate);
  const certificateFile = str(idp.certificateFile);
  if (!certificatePem && certificateFile) {
    try {
      certificatePem = Buffer.from(readFile(certificateFile)).toString('utf8');
    } catch (err) {
      throw new InputError(`The config's certificateFile "${certificateFile}" cannot be read: ${(err as Error).message}`);
    }
  }
  const realm = str(config.realmSid);
  return {
    realmSid: realm ? checkRealmSid(realm).sid : undefined,
    issuer: str(idp.issuer),
    ssoUrl: str(idp.ssoUrl),
    certificatePem,
    workspaceId: str(config.workspaceId),
  };
}
