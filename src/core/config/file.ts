import { utf8Decode } from '../common/bytes';
import { getNodeValue } from 'jsonc-parser';
import { MAX_CERTIFICATE_INPUT_BYTES, MAX_METADATA_FILE_BYTES } from '../common/limits';
import { InputError } from '../common/findings';
import { LoadedFiles } from '../common/loadedFile';
import { Node, child, parseJsonc, stringValue } from '../lint/jsonNodes';
import { ServiceProviderSection, plainParams, readServiceProvider, realmSidNodes } from './serviceProvider';
import { checkRealmSid } from '../values/realm';

/** What a config file (docs/configuration.md) says, read without touching the files it names. */
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
  /** `serviceProvider.id` and its string params, when the config names a provider (lint checks them). */
  serviceProvider?: { id: string; params: Record<string, string> };
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
  const section = readServiceProvider(root);
  const spId = section.id?.value;
  const realm = realmSid(root, section);
  return {
    ...(spId !== undefined ? { serviceProvider: { id: spId, params: plainParams(section) } } : {}),
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

/**
 * Frontline's Realm SID: the top-level `realmSid`, or else `serviceProvider.params.realmSid` (the provider form of the
 * same param); the linter reports when both are given and differ.
 */
function realmSid(root: Node, section: ServiceProviderSection): string | undefined {
  const nodes = realmSidNodes(root, section);
  return stringValue(nodes.top) || stringValue(nodes.param);
}

export { MAX_METADATA_FILE_BYTES };

/** A file named by a config, with the largest size worth reading for it. */
export interface FileReference {
  field: 'certificateFile' | 'metadataFile';
  path: string;
  maxBytes: number;
}

/** The files a config names (relative to the config), for the caller to read before checking it. */
export function referencedFiles(text: string): FileReference[] {
  const idp = child(parseJsonc(text).root, 'identityProvider');
  const out: FileReference[] = [];
  const certificateFile = stringValue(child(idp, 'certificateFile'));
  const metadataFile = stringValue(child(idp, 'metadataFile'));
  if (certificateFile)
    out.push({ field: 'certificateFile', path: certificateFile, maxBytes: MAX_CERTIFICATE_INPUT_BYTES });
  if (metadataFile) out.push({ field: 'metadataFile', path: metadataFile, maxBytes: MAX_METADATA_FILE_BYTES });
  return out;
}

/** The config's expectations, with the PEM from `certificateFile` (read beforehand) when it is not inline. */
export function expectationsFromConfig(text: string, files: LoadedFiles): ConfigExpectations {
  const summary = readConfig(text);
  let certificatePem = summary.certificate;
  if (!certificatePem && summary.certificateFile) {
    const file = files.get(summary.certificateFile);
    if (!file) throw new InputError(`The config's certificateFile "${summary.certificateFile}" was not read.`);
    if (!file.ok)
      throw new InputError(
        `The config's certificateFile "${summary.certificateFile}" cannot be read: ${file.message}.`,
      );
    certificatePem = utf8Decode(file.bytes);
  }
  return { ...summary, certificatePem };
}
