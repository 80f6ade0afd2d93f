import { RuleInfo, defineRules } from './define';
import { Severity } from '../../common/findings';

const rule = (severity: Severity, title: string, fix: string, fixable = false): RuleInfo => ({
  severity,
  title,
  why: 'The metadata file is what IAM Identity Center publishes; the config should agree with it.',
  fix,
  fixable,
});

/** Metadata file: the config against the IdP metadata file it names (checked in ../index). */
export const metadataFile = defineRules('Metadata file', {
  'metadata-file-missing': rule(
    'error',
    'The file named by "metadataFile" does not exist.',
    'Fix the path; it is relative to the config file.',
  ),
  'metadata-file-unreadable': rule(
    'error',
    'The metadata file cannot be read or is not SAML metadata.',
    'Download the metadata file of the application again.',
  ),
  'metadata-file-not-read': rule(
    'warning',
    'The metadata file was not read: it is outside the workspace and the workspace is not trusted (or the workspace is virtual).',
    'Trust the workspace, or keep the file inside the workspace folder.',
  ),
  'metadata-issuer-mismatch': rule(
    'error',
    "The issuer URL differs from the metadata's entityID.",
    "Use the metadata's value (quick fix).",
    true,
  ),
  'metadata-ssoUrl-mismatch': rule(
    'error',
    "The sign-in URL differs from the metadata's SingleSignOnService.",
    "Use the metadata's value (quick fix).",
    true,
  ),
  'metadata-certificate-mismatch': rule(
    'error',
    "The certificate is not one of the metadata's signing certificates.",
    'Use the certificate of the same application.',
  ),
});
