import { RuleInfo, defineRules } from './define';
import { Severity } from '../../common/findings';

type Role = 'issuer' | 'ssoUrl' | 'sloUrl';
type Suffix =
  | 'empty'
  | 'not-url'
  | 'not-aws'
  | 'not-https'
  | 'region'
  | 'partition'
  | 'query'
  | 'trailing-slash'
  | 'path'
  | 'wrong-endpoint'
  | 'truncated'
  | 'id-unrecognised'
  | 'too-long';
/** The codes of one URL; the issuer and sign-in URLs are required, so only they have a "missing" rule. */
type UrlCode<R extends Role> = `idp-${R}-${Suffix | (R extends 'sloUrl' ? never : 'missing')}`;
const ROLE: Record<Role, { label: string; kind: string }> = {
  issuer: { label: 'issuer URL', kind: 'assertion' },
  ssoUrl: { label: 'sign-in URL', kind: 'assertion' },
  sloUrl: { label: 'sign-out URL', kind: 'logout' },
};

const rule = (role: Role, severity: Severity, title: string, fixable = false): RuleInfo => ({
  severity,
  title,
  why: `Frontline checks the response's Issuer against the issuer URL and sends users to the sign-in URL; a wrong ${ROLE[role].label} fails every sign-in.`,
  fix: `Copy the ${ROLE[role].label} from the application's "IAM Identity Center metadata" section: https://portal.sso.<region>.amazonaws.com/saml/${ROLE[role].kind}/<id>.`,
  fixable,
});

/** The rules of one URL (checkIdpUrl in ../../idpUrl; "missing" in ../index). */
function urlRules<R extends Role>(role: R): Record<UrlCode<R>, RuleInfo> {
  const { label, kind } = ROLE[role];
  const rules: Record<string, RuleInfo> = {};
  const add = (suffix: Suffix | 'missing', severity: Severity, title: string, fixable = false) => {
    rules[`idp-${role}-${suffix}`] = rule(role, severity, title, fixable);
  };
  if (role !== 'sloUrl') add('missing', 'error', `No "${role}" in identityProvider.`);
  add('empty', 'error', `The ${label} is empty.`);
  add('not-url', 'error', `The ${label} is not a URL.`);
  add('not-aws', 'warning', `The ${label} is not an IAM Identity Center address (not verified).`);
  add('not-https', 'error', `The ${label} uses http.`);
  add('region', 'warning', `The Region in the ${label} does not look like an AWS Region.`);
  add(
    'partition',
    'error',
    `The ${label}'s domain does not match its Region's partition (amazonaws.com.cn is China only).`,
  );
  add('query', 'warning', `The ${label} has a query or fragment.`, true);
  add('trailing-slash', 'error', `The ${label} ends with a slash.`, true);
  add('path', 'error', `The ${label}'s path is not /saml/${kind}/<id>.`);
  add('wrong-endpoint', 'error', `A metadata, sign-out or sign-in URL where the ${label} belongs.`, true);
  add('truncated', 'error', `The ${label} is cut off (its id does not decode completely).`);
  add('id-unrecognised', 'warning', `The ${label}'s id does not decode to an account and instance (not verified).`);
  add('too-long', 'error', `The ${label} is over 2,048 characters long.`);
  return rules as Record<UrlCode<R>, RuleInfo>;
}

const pair = (severity: Severity, title: string): RuleInfo => ({
  severity,
  title,
  why: 'With IAM Identity Center the issuer URL and the sign-in URL are one and the same URL of one application.',
  fix: 'Copy both from the same application (or import its metadata file).',
  fixable: false,
});

/** Identity provider URLs: the issuer, sign-in and sign-out URLs of IAM Identity Center, each alone and as a pair. */
export const idpUrls = defineRules('Identity provider URLs', {
  ...urlRules('issuer'),
  ...urlRules('ssoUrl'),
  ...urlRules('sloUrl'),
  'idp-missing': {
    severity: 'error',
    title: 'No "identityProvider" object.',
    why: 'Frontline needs the issuer URL, sign-in URL and certificate.',
    fix: 'Add identityProvider with issuer, ssoUrl and certificateFile (or import the metadata file).',
    fixable: false,
  },
  'idp-id-mismatch': pair('error', 'The issuer URL and the sign-in URL belong to different applications.'),
  'idp-region-mismatch': pair('error', 'The issuer URL and the sign-in URL are in different Regions.'),
  'idp-issuer-sso-mismatch': pair('warning', 'The issuer URL and the sign-in URL differ.'),
});
