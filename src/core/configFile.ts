import { getNodeValue } from 'jsonc-parser';
import { InputError } from './findings';
import { parseJsonc } from './lint/jsonNodes';
import { checkRealmSid } from './realm';

/** What a config file (README, "Config files and linting") says, read without touching the files it names. */
export interface ConfigSummary {
  /** The Realm SID when it is valid (cleaned of pasted whitespace or quotes). */
  realmSid?: string;
  workspaceId?: string;
  issuer?: string;
  ssoUrl?: string;
  certificate?: string;
  certificateFile?: string;
  applicationArn?: string;
  region?: string;
}

/** The expectations other checks take from a config: its values, with the certificate read from its file. */
export interface ConfigExpectations extends ConfigSummary {
  certificatePem?: string;
}

const object = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Reads a config's values. Throws InputError when the text is not a valid JSON object. */
export function readConfig(text: string): ConfigSummary {
  const { root, findings } = parseJsonc(text);
  if (!root || root.type !== 'object' || findings.length > 0) {
    throw new InputError('The config file is not a valid JSON object; run "frontline-sso lint" on it for details.');
  }
  const config = getNodeValue(root) as Record<string, unknown>;
  const idp = object(config.identityProvider);
  const application = object(config.application);
  const realm = str(config.realmSid);
  return {
    realmSid: realm ? checkRealmSid(realm).sid : undefined,
    workspaceId: str(config.workspaceId),
    issuer: str(idp.issuer),
    ssoUrl: str(idp.ssoUrl),
    certificate: str(idp.certificate),
    certificateFile: str(idp.certificateFile),
    applicationArn: str(application.applicationArn),
    region: str(application.region),
  };
}

/** The config's expectations, reading `certificateFile` (relative to the config) when the PEM is not inline. */
export function expectationsFromConfig(
  text: string,
  readFile: (relativePath: string) => Uint8Array,
): ConfigExpectations {
  const summary = readConfig(text);
  let certificatePem = summary.certificate;
  if (!certificatePem && summary.certificateFile) {
    try {
      certificatePem = Buffer.from(readFile(summary.certificateFile)).toString('utf8');
    } catch (err) {
      throw new InputError(
        `The config's certificateFile "${summary.certificateFile}" cannot be read: ${(err as Error).message}`,
      );
    }
  }
  return { ...summary, certificatePem };
}
