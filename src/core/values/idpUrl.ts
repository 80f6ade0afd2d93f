import { base64ToBytes, latin1Decode } from '../common/bytes';
import { Finding } from '../common/findings';
import { ruleFinding } from '../lint/rules';
import { excerpt, trimWhere } from '../common/text';

/**
 * IAM Identity Center SAML endpoints (docs/domain.md §3):
 *   https://portal.sso.<region>.amazonaws.com[.cn]/saml/{assertion|metadata|logout}/<id>
 * where <id> is base64 of `<12-digit account>_ins-<16 hex>`.
 */
export type IdpEndpointKind = 'assertion' | 'metadata' | 'logout';

export interface IdpUrlInfo {
  kind: IdpEndpointKind;
  region: string;
  partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  id: string;
  /** Present when the id decodes as expected. */
  accountId?: string;
  instanceId?: string;
}

const HOST = /^portal\.sso\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
const PATH = /^\/saml\/(assertion|metadata|logout)\/([^/]+)$/;
const DECODED_ID = /^(\d{12})_(ins-[0-9a-f]{16})$/;
const DECODED_ID_PREFIX = /^(\d{0,12}|\d{12}_(i(n(s(-[0-9a-f]{0,16})?)?)?)?)$/;

export function idpUrl(region: string, id: string, kind: IdpEndpointKind = 'assertion'): string {
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://portal.sso.${region}.${domain}/saml/${kind}/${id}`;
}

/** Decodes the `<id>` part. Returns the account and instance, `truncated`, or `unrecognised`. */
export function decodeIdpId(id: string): { accountId: string; instanceId: string } | 'truncated' | 'unrecognised' {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(id)) return 'unrecognised';
  const decoded = latin1Decode(base64ToBytes(id.replace(/-/g, '+').replace(/_/g, '/')));
  const m = DECODED_ID.exec(decoded);
  if (m) return { accountId: m[1] as string, instanceId: m[2] as string };
  // base64 decodes in 3-byte groups, so a truncated id decodes to a prefix (maybe with one partial byte).
  if (id.length < 44 && (DECODED_ID_PREFIX.test(decoded) || DECODED_ID_PREFIX.test(decoded.slice(0, -1))))
    return 'truncated';
  return 'unrecognised';
}

export interface ParsedIdpUrl {
  info?: IdpUrlInfo;
  findings: Finding[];
}

type IdpRole = 'issuer' | 'ssoUrl' | 'sloUrl';
const ROLE_LABEL: Record<IdpRole, string> = { issuer: 'issuer URL', ssoUrl: 'sign-in URL', sloUrl: 'sign-out URL' };
const ROLE_KIND: Record<IdpRole, IdpEndpointKind> = { issuer: 'assertion', ssoUrl: 'assertion', sloUrl: 'logout' };

/** Checks one identity-provider URL in the role it is used for. */
/** URLs longer than this are no IAM Identity Center URL (those are about 110 characters): one finding, no more work. */
export const MAX_URL_LENGTH = 2048;

export function checkIdpUrl(role: IdpRole, value: string): ParsedIdpUrl {
  const label = ROLE_LABEL[role];
  const code = `idp-${role}` as const;
  if (value.length > MAX_URL_LENGTH) {
    return {
      findings: [
        ruleFinding(
          `${code}-too-long`,
          `The ${label} is ${value.length.toLocaleString('en-US')} characters long; IAM Identity Center URLs are about 110. Copy it again from the application's "IAM Identity Center metadata" section.`,
        ),
      ],
    };
  }
  const v = value.trim();
  if (v === '') {
    return {
      findings: [
        ruleFinding(
          `${code}-empty`,
          `The ${label} is empty. Copy it from the IAM Identity Center application's "IAM Identity Center metadata" section.`,
        ),
      ],
    };
  }
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return {
      findings: [
        ruleFinding(
          `${code}-not-url`,
          `The ${label} is not a URL. It looks like https://portal.sso.<region>.amazonaws.com/saml/${ROLE_KIND[role]}/<id>.`,
        ),
      ],
    };
  }
  const host = HOST.exec(url.hostname);
  if (!host) {
    return {
      findings: [
        ruleFinding(
          `${code}-not-aws`,
          `The ${label} (${excerpt(url.hostname)}) is not an IAM Identity Center address, so it was not verified. With IAM Identity Center it is https://portal.sso.<region>.amazonaws.com/saml/${ROLE_KIND[role]}/<id>.`,
        ),
      ],
    };
  }
  const findings: Finding[] = [];
  if (url.protocol !== 'https:') findings.push(ruleFinding(`${code}-not-https`, `The ${label} must use https.`));
  const region = host[1] as string;
  const isChina = host[2] === '.cn';
  if (!REGION.test(region)) {
    findings.push(
      ruleFinding(
        `${code}-region`,
        `"${excerpt(region)}" does not look like an AWS Region name (for example us-east-1); check the ${label}.`,
      ),
    );
  } else if (isChina !== region.startsWith('cn-')) {
    findings.push(
      ruleFinding(
        `${code}-partition`,
        isChina
          ? `Region ${region} is not in the China partition; its domain is amazonaws.com, not amazonaws.com.cn.`
          : `Region ${region} is in the China partition; its domain is amazonaws.com.cn.`,
      ),
    );
  }
  if (url.search || url.hash)
    findings.push(
      ruleFinding(
        `${code}-query`,
        `The ${label} has a query or fragment (${excerpt(url.search + url.hash)}); IAM Identity Center URLs have none.`,
      ),
    );
  const trailingSlash = url.pathname.length > 1 && url.pathname.endsWith('/');
  const path = PATH.exec(trailingSlash ? trimWhere(url.pathname, (ch, atEnd) => atEnd && ch === '/') : url.pathname);
  if (trailingSlash && path) {
    findings.push(ruleFinding(`${code}-trailing-slash`, `Remove the trailing slash from the ${label}.`));
  }
  if (!path) {
    findings.push(
      ruleFinding(
        `${code}-path`,
        `The ${label} path must be /saml/${ROLE_KIND[role]}/<id>; it is ${excerpt(url.pathname)}.`,
      ),
    );
    return { findings };
  }
  const kind = path[1] as IdpEndpointKind;
  const id = path[2] as string;
  const partition = isChina ? 'aws-cn' : region.includes('-gov-') ? 'aws-us-gov' : 'aws';
  const info: IdpUrlInfo = { kind, region, partition, id };
  if (kind !== ROLE_KIND[role]) {
    const what = kind === 'metadata' ? 'the metadata URL' : kind === 'logout' ? 'the sign-out URL' : 'the sign-in URL';
    findings.push(
      ruleFinding(
        `${code}-wrong-endpoint`,
        `This is ${what} (/saml/${kind}/), not the ${label}. Use ${idpUrl(region, id, ROLE_KIND[role])}.`,
      ),
    );
  }
  const decoded = decodeIdpId(id);
  if (decoded === 'truncated') {
    findings.push(
      ruleFinding(
        `${code}-truncated`,
        `The ${label} looks cut off: its last part "${excerpt(id)}" is incomplete. Copy the whole URL again from the IAM Identity Center console.`,
      ),
    );
  } else if (decoded === 'unrecognised') {
    findings.push(
      ruleFinding(
        `${code}-id-unrecognised`,
        `The last part of the ${label} ("${excerpt(id)}") does not decode to an account and instance as IAM Identity Center ids do; not verified.`,
      ),
    );
  } else {
    info.accountId = decoded.accountId;
    info.instanceId = decoded.instanceId;
  }
  return { info, findings };
}

/** Cross-checks the issuer and sign-in URL: with IAM Identity Center they are the same URL. */
export function checkIdpPair(issuer: string, ssoUrl: string): Finding[] {
  const a = checkIdpUrl('issuer', issuer).info;
  const b = checkIdpUrl('ssoUrl', ssoUrl).info;
  if (!a || !b || issuer.trim() === ssoUrl.trim()) return [];
  if (a.id !== b.id) {
    return [
      ruleFinding(
        'idp-id-mismatch',
        'The issuer URL and the sign-in URL belong to different applications (their last parts differ). Copy both from the same IAM Identity Center application.',
      ),
    ];
  }
  if (a.region !== b.region) {
    return [
      ruleFinding(
        'idp-region-mismatch',
        `The issuer URL is in ${a.region} but the sign-in URL in ${b.region}; both come from the same IAM Identity Center instance.`,
      ),
    ];
  }
  if (a.kind === 'assertion' && b.kind === 'assertion') {
    return [
      ruleFinding(
        'idp-issuer-sso-mismatch',
        'With IAM Identity Center the issuer URL and the sign-in URL are the same URL, but these differ.',
      ),
    ];
  }
  return [];
}

/** A one-line description of what the URL says: for reports and the tree. */
export function describeIdpUrl(info: IdpUrlInfo): string {
  const who = info.accountId ? `account ${info.accountId}, instance ${info.instanceId}` : 'account not decoded';
  return `${info.region} (${info.partition}), ${who}`;
}
