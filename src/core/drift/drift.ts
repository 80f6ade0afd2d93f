import {
  CertificateInfo,
  certificateDerList,
  certificateSha256,
  decodeCertificates,
} from '../certificates/certificates';
import { base64ToBytes, bytesToBase64 } from '../common/bytes';
import { readConfig } from '../config/file';
import { ConfigUpdate, updateConfigText } from '../config/edits';
import { Finding, Fix, TextSpan, isInputError } from '../common/findings';
import { ruleFinding } from '../lint/rules';
import { IdpMetadata } from '../values/idpMetadata';
import { checkIdpUrl } from '../values/idpUrl';
import { LoadedFiles } from '../common/loadedFile';
import { child, innerSpan, keySpan, parseJsonc, spanOf, stringValue } from '../lint/jsonNodes';
import { excerpt } from '../common/text';

/**
 * The live metadata check (docs/features.md, "Certificate rotation and live metadata"): where an application's metadata is
 * published, which addresses may be fetched, and how a config compares with what AWS publishes now. Pure: the fetch
 * itself is src/io/fetchMetadata.ts.
 */

/** Largest metadata document read from the network (IAM Identity Center metadata is about 4 KB). */
export const MAX_LIVE_METADATA_BYTES = 1024 * 1024;

const AWS_PORTAL_HOST = /^portal\.sso\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;
const METADATA_PATH = /^\/saml\/metadata\/[^/]+$/;

/** What a config says that the live check needs, read without touching the files it names. */
export interface DriftConfig {
  issuer?: string;
  ssoUrl?: string;
  /** `identityProvider.metadataUrl`: where to fetch the metadata when it is not derived from the issuer. */
  metadataUrl?: string;
  certificate?: string;
  certificateFile?: string;
  metadataFile?: string;
}

/** Reads the config's values for the live check. Throws InputError when the text is not a valid JSON object. */
export function readDriftConfig(text: string): DriftConfig {
  const summary = readConfig(text);
  const idp = child(parseJsonc(text).root, 'identityProvider');
  const str = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);
  return {
    issuer: str(summary.issuer),
    ssoUrl: str(summary.ssoUrl),
    metadataUrl: str(stringValue(child(idp, 'metadataUrl'))),
    certificate: summary.certificate,
    certificateFile: summary.certificateFile,
    metadataFile: str(stringValue(child(idp, 'metadataFile'))),
  };
}

/**
 * Why a URL may not be fetched, or undefined when it may: IAM Identity Center's own metadata address over https, or
 * — only when the user gave it explicitly (a command-line option or the restricted endpoint setting), never from a
 * file in a repository — a loopback `http://127.0.0.1:<port>` address such as the local emulator.
 */
export function metadataUrlProblem(value: string, allowLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${excerpt(value)}" is not a URL`;
  }
  if (url.username || url.password) return 'a metadata address carries no user name or password';
  if (url.protocol === 'https:' && AWS_PORTAL_HOST.test(url.hostname) && url.port === '') {
    if (!METADATA_PATH.test(url.pathname)) return `the path of ${url.host} must be /saml/metadata/<id>`;
    if (url.search || url.hash) return 'IAM Identity Center metadata addresses have no query or fragment';
    return undefined;
  }
  if (url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port !== '') {
    return allowLoopback
      ? undefined
      : 'a loopback address is fetched only when given explicitly (--metadata-url, or the frontlineSso.aws.endpoint setting), never from a config file';
  }
  return `only https://portal.sso.<region>.amazonaws.com/saml/metadata/<id> (or amazonaws.com.cn) is fetched, not ${excerpt(`${url.protocol}//${url.host}`)}`;
}

/** The metadata URL of the issuer's application: `…/saml/assertion/<id>` → `…/saml/metadata/<id>` on the same host. */
export function metadataUrlFromIssuer(issuer: string): { url: string } | { problem: string } {
  const parsed = checkIdpUrl('issuer', issuer);
  if (!parsed.info) {
    return {
      problem: `the issuer URL is not an IAM Identity Center address (https://portal.sso.<region>.amazonaws.com/saml/assertion/<id>), so there is no metadata address to derive; set identityProvider.metadataUrl`,
    };
  }
  return { url: `https://${new URL(issuer).hostname}/saml/metadata/${parsed.info.id}` };
}

/** The URL's path on the loopback origin: how the local emulator stands in for `portal.sso.<region>.amazonaws.com`. */
export function onOrigin(url: string, origin: string): string {
  const u = new URL(url);
  return new URL(`${u.pathname}${u.search}`, origin).toString();
}

/** A loopback origin (`http://127.0.0.1:<port>`) from an endpoint setting, or undefined when it is anything else. */
export function loopbackOrigin(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  try {
    const url = new URL(endpoint);
    return url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port !== '' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export interface MetadataUrlOptions {
  /**
   * Given explicitly by the user (`--metadata-url`): used as it is, loopback allowed. A bare loopback origin
   * (`http://127.0.0.1:4599`) instead takes the path of each config's own metadata URL.
   */
  metadataUrl?: string;
  /** The loopback origin of the endpoint setting: the config's metadata URL is fetched from there. */
  loopbackOrigin?: string;
}

export type MetadataTarget = { url: string; allowLoopback: boolean } | { problem: string; url?: string };

/** Which URL to fetch for a config, and whether it may be fetched. */
export function resolveMetadataUrl(config: DriftConfig, options: MetadataUrlOptions = {}): MetadataTarget {
  const explicit = options.metadataUrl;
  const bareOrigin = explicit !== undefined && /^http:\/\/127\.0\.0\.1:\d+\/?$/.test(explicit);
  if (explicit !== undefined && !bareOrigin) {
    const problem = metadataUrlProblem(explicit, true);
    return problem ? { problem, url: explicit } : { url: explicit, allowLoopback: true };
  }
  let url: string;
  if (config.metadataUrl) {
    const problem = metadataUrlProblem(config.metadataUrl, false);
    if (problem) return { problem: `identityProvider.metadataUrl: ${problem}`, url: config.metadataUrl };
    url = config.metadataUrl;
  } else if (config.issuer) {
    const derived = metadataUrlFromIssuer(config.issuer);
    if ('problem' in derived) return derived;
    url = derived.url;
  } else {
    return { problem: 'the config has no issuer URL to derive the metadata address from' };
  }
  const origin = bareOrigin ? new URL(explicit as string).origin : options.loopbackOrigin;
  return origin ? { url: onOrigin(url, origin), allowLoopback: true } : { url, allowLoopback: false };
}

/** The result of fetching and reading a live metadata document (data only, so it can be kept and compared again). */
export type LiveOutcome =
  | { ok: true; url: string; xml: Uint8Array; metadata: IdpMetadata; fetchedAt: string; fromCache: boolean }
  | { ok: false; url?: string; reason: string };

function certificateInput(config: DriftConfig, files: LoadedFiles): string | Uint8Array | undefined {
  if (config.certificate) return config.certificate;
  const file = config.certificateFile ? files.get(config.certificateFile) : undefined;
  return file?.ok ? file.bytes : undefined;
}

/** The certificates the config names, decoded; undefined when there are none or they cannot be read (lint says why). */
export function configuredCertificates(
  config: DriftConfig,
  files: LoadedFiles,
  now: Date,
): CertificateInfo[] | undefined {
  const input = certificateInput(config, files);
  if (!input) return undefined;
  try {
    return decodeCertificates(input, now);
  } catch (err) {
    if (isInputError(err)) return undefined;
    throw err;
  }
}

/**
 * The config's certificates as base64 DER, the form metadata lists them in: enough to compare, without decoding
 * (decoding is for the certificates a finding describes). Undefined when there are none or they cannot be read.
 */
export function configuredCertificateBodies(config: DriftConfig, files: LoadedFiles): string[] | undefined {
  const input = certificateInput(config, files);
  if (!input) return undefined;
  try {
    const ders = certificateDerList(input);
    // Only certificates: base64 of anything else must not read as "a certificate AWS does not list".
    if (!ders.every((der) => certificateSha256(der) !== undefined)) return undefined;
    return ders.map((der) => bytesToBase64(der));
  } catch {
    return undefined;
  }
}

/** Where findings about the config point: the value's text, the identityProvider key, or the start. */
function locate(text: string) {
  const root = parseJsonc(text).root;
  const idp = child(root, 'identityProvider');
  const fallback: TextSpan = keySpan(root, 'identityProvider') ?? { offset: root?.offset ?? 0, length: 1 };
  return (field: string): TextSpan => {
    const node = child(idp, field);
    return node ? (node.type === 'string' ? innerSpan(node, text) : spanOf(node)) : fallback;
  };
}

function configFix(text: string, title: string, updates: ConfigUpdate[], preferred: boolean): Fix | undefined {
  try {
    const { edit } = updateConfigText(text, updates);
    return edit ? { title, edits: [edit], preferred } : undefined;
  } catch (err) {
    // A config the editor cannot rewrite safely gets the finding without a fix.
    if (isInputError(err)) return undefined;
    throw err;
  }
}

/** The one information-level finding when the live check did not run: never an error, never blocking. */
export function couldNotCheck(
  text: string,
  reason: string,
  code: 'drift-unavailable' | 'drift-untrusted' = 'drift-unavailable',
): Finding {
  let span: TextSpan | undefined;
  try {
    span = locate(text)('issuer');
  } catch {
    span = { offset: 0, length: 0 };
  }
  return ruleFinding(code, `The live metadata check did not run: ${reason}. The local checks are not affected.`, {
    span,
  });
}

/** "CN=…, SHA-256 AB:CD:…, expires 2031-11-29": how a certificate is named in a finding. */
export function describeCertificate(c: CertificateInfo): string {
  return `${c.subject}, SHA-256 ${c.sha256}, expires ${c.notAfter.slice(0, 10)}`;
}

/** Updates that make the config name `pem` as its certificate (inline, replacing a certificateFile). */
function useCertificate(config: DriftConfig, pem: string): ConfigUpdate[] {
  const updates: ConfigUpdate[] = [{ path: ['identityProvider', 'certificate'], value: pem }];
  if (config.certificateFile !== undefined)
    updates.push({ path: ['identityProvider', 'certificateFile'], value: undefined });
  return updates;
}

/**
 * Compares a config with the live metadata. The config text gives the spans and the fixes (comment-preserving edits);
 * `certificates` are the config's certificates as base64 DER (see configuredCertificateBodies).
 */
export function compareWithLiveMetadata(
  text: string,
  certificates: readonly string[] | undefined,
  metadata: IdpMetadata,
  now: Date,
): Finding[] {
  const config = readDriftConfig(text);
  const spanOf_ = locate(text);
  const out: Finding[] = [];
  const compareUrl = (field: 'issuer' | 'ssoUrl', live: string | undefined, label: string) => {
    const configured = config[field];
    if (!configured || !live || configured === live) return;
    out.push(
      ruleFinding(
        `drift-${field}`,
        `The ${label} differs from what AWS publishes now: the live metadata says ${live}. Frontline must have the live value.`,
        {
          span: spanOf_(field),
          fix: configFix(
            text,
            `Use ${live} (from the live metadata)`,
            [{ path: ['identityProvider', field], value: live }],
            true,
          ),
        },
      ),
    );
  };
  compareUrl('issuer', metadata.issuer || undefined, 'issuer URL (entityID)');
  compareUrl('ssoUrl', metadata.ssoUrl, 'sign-in URL (SingleSignOnService)');

  // The same DER always has the same base64, once whitespace and padding quirks are normalised.
  const live = metadata.certificates.map((b) => bytesToBase64(base64ToBytes(b))).filter(Boolean);
  if (!certificates || certificates.length === 0 || live.length === 0) return out;
  const configured = new Set(certificates);
  const decode = (bodies: string[]) =>
    bodies.flatMap((b) => {
      try {
        return decodeCertificates(b, now);
      } catch (err) {
        if (!isInputError(err)) throw err;
        return [];
      }
    });
  const certificateSpan = spanOf_(config.certificate !== undefined ? 'certificate' : 'certificateFile');
  const otherBodies = live.filter((b) => !configured.has(b));
  if (otherBodies.length === 0) return out;
  const others = decode(otherBodies);
  if (others.length === 0) return out;
  if (otherBodies.length === live.length) {
    // The newest first: after a rotation that is the one AWS signs with.
    const byExpiry = [...others].sort((a, b) => b.notAfter.localeCompare(a.notAfter));
    const newest = byExpiry[0] as CertificateInfo;
    out.push(
      ruleFinding(
        'drift-certificate',
        `AWS no longer signs with the configured certificate: the live metadata lists ${byExpiry.map(describeCertificate).join('; and ')}. Frontline rejects responses signed with a certificate it does not have.`,
        {
          span: certificateSpan,
          fix: configFix(
            text,
            `Use the live certificate (${newest.sha256.slice(0, 11)}…, expires ${newest.notAfter.slice(0, 10)})`,
            useCertificate(config, newest.pem),
            true,
          ),
        },
      ),
    );
  } else {
    const other = others[0] as CertificateInfo;
    out.push(
      ruleFinding(
        'drift-rotation',
        `A certificate rotation is under way: besides the configured certificate, AWS lists ${others.map(describeCertificate).join('; and ')}. Upload it to Frontline before you make it active in AWS.`,
        {
          span: certificateSpan,
          fix: configFix(
            text,
            `Switch to the new certificate (${other.sha256.slice(0, 11)}…, expires ${other.notAfter.slice(0, 10)}): upload it to Frontline before you make it active in AWS`,
            useCertificate(config, other.pem),
            false,
          ),
        },
      ),
    );
  }
  return out;
}

/** The live check's findings for a config: the comparison, or the one reason it could not run. */
export function driftFindings(
  text: string,
  certificates: readonly string[] | undefined,
  outcome: LiveOutcome,
  now: Date,
): Finding[] {
  if (!outcome.ok) return [couldNotCheck(text, outcome.reason)];
  if (outcome.metadata.certificates.length === 0 && !outcome.metadata.issuer)
    return [couldNotCheck(text, `${outcome.url} holds no issuer and no signing certificate`)];
  try {
    return compareWithLiveMetadata(text, certificates, outcome.metadata, now);
  } catch (err) {
    // Half-typed JSON: the linter reports it, and the comparison runs again on the next edit.
    if (isInputError(err)) return [];
    throw err;
  }
}

/** What one live check found for one config (the CLI prints it as `{file, metadataUrl, fetched, findings}`). */
export interface DriftReport {
  metadataUrl?: string;
  /** Whether live metadata was obtained (fetched now, or unchanged since the cached copy). */
  fetched: boolean;
  outcome?: LiveOutcome;
  findings: Finding[];
}

/**
 * The whole check for one config: which URL, the outcome (`outcomeFor` fetches it, or answers from a cache, or
 * undefined when there is none yet), and the findings. Throws InputError when the config is not a JSON object.
 */
export async function runDriftCheck(input: {
  text: string;
  files: LoadedFiles;
  now: Date;
  urlOptions?: MetadataUrlOptions;
  outcomeFor: (target: { url: string; allowLoopback: boolean }) => Promise<LiveOutcome | undefined>;
}): Promise<DriftReport> {
  const config = readDriftConfig(input.text);
  const target = resolveMetadataUrl(config, input.urlOptions);
  if ('problem' in target) {
    return { metadataUrl: target.url, fetched: false, findings: [couldNotCheck(input.text, target.problem)] };
  }
  const outcome = await input.outcomeFor(target);
  if (!outcome) return { metadataUrl: target.url, fetched: false, findings: [] };
  const certificates = configuredCertificateBodies(config, input.files);
  return {
    metadataUrl: target.url,
    fetched: outcome.ok,
    outcome,
    findings: driftFindings(input.text, certificates, outcome, input.now),
  };
}
