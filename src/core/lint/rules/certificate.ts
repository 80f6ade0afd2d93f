import { RuleInfo, defineRules } from './define';
import { Severity } from '../../common/findings';

const rule = (severity: Severity, title: string, why: string, fix: string): RuleInfo => ({
  severity,
  title,
  why,
  fix,
  fixable: false,
});
const WHY = 'Frontline verifies every SAML response with this certificate; the wrong one fails every sign-in.';

/** Certificate: the IdP signing certificate of the config (checked in ../../certificates and ../index). */
export const certificate = defineRules('Certificate', {
  'cert-missing': rule(
    'error',
    'No "certificate" and no "certificateFile".',
    WHY,
    'Add "certificateFile": "./aws-idc.pem" (the downloaded certificate) or paste the PEM as "certificate".',
  ),
  'cert-file-missing': rule(
    'error',
    'The file named by "certificateFile" does not exist.',
    WHY,
    'Fix the path; it is relative to the config file.',
  ),
  'cert-file-unreadable': rule(
    'error',
    'The certificate file cannot be read: not a regular file (a FIFO, a device, a folder), over 1 MB, a link loop, or no permission.',
    WHY,
    'Point "certificateFile" at the downloaded .pem file.',
  ),
  'cert-file-not-read': rule(
    'warning',
    'The certificate file was not read: it is outside the workspace and the workspace is not trusted (or the workspace is virtual).',
    'In Restricted Mode a cloned repository must not make the extension read files elsewhere on your machine.',
    'Trust the workspace, or keep the certificate inside the workspace folder.',
  ),
  'cert-unreadable': rule(
    'error',
    'The certificate is not a readable X.509 certificate (a private key, a CSR, truncated or damaged).',
    WHY,
    'Download the certificate again from the IAM Identity Center application.',
  ),
  'cert-both': rule(
    'warning',
    'Both "certificate" and "certificateFile" are set.',
    'Two sources leave doubt about which certificate Frontline has.',
    'Keep one of them.',
  ),
  'cert-multiple': rule(
    'warning',
    'Several certificates where Frontline takes one.',
    'The Frontline Console takes the single certificate of the application.',
    "Keep only the application's signing certificate.",
  ),
  'cert-expired': rule(
    'error',
    'The certificate has expired.',
    'IAM Identity Center stops signing with an expired certificate, and Frontline rejects it.',
    'Rotate the certificate in IAM Identity Center, then paste the new one into the Frontline Console.',
  ),
  'cert-not-yet-valid': rule(
    'error',
    'The certificate is not valid yet.',
    'Sign-ins fail until its start date.',
    'Check the date, or use the active certificate.',
  ),
  'cert-expiring': rule(
    'warning',
    "The certificate expires within 90 days (the AWS console's yellow).",
    'When it expires, every sign-in fails.',
    'Plan the rotation: add a new certificate in IAM Identity Center and upload it to Frontline before making it active.',
  ),
  'cert-weak-signature': rule(
    'warning',
    'The certificate is signed with SHA-1 (or MD5).',
    'SHA-1 signatures are weak.',
    'Use a SHA-256 certificate.',
  ),
  'cert-bundle-truncated': rule(
    'warning',
    'More certificates in one input than are decoded (over 5,000): the first are decoded, the rest counted.',
    'No CA bundle holds that many; decoding all of them would cost memory and time for nothing (a safety bound).',
    'Split the file to decode the rest.',
  ),
  'cert-weak-key': rule(
    'warning',
    'The RSA key has fewer than 2,048 bits.',
    'Short RSA keys are weak.',
    'Use an RSA 2048-bit certificate (the IAM Identity Center default).',
  ),
});
