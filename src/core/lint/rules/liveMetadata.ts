import { RuleInfo, defineRules } from './define';
import { Severity } from '../../common/findings';

const rule = (severity: Severity, title: string, fix: string, fixable: boolean): RuleInfo => ({
  severity,
  title,
  why: 'IAM Identity Center may publish another certificate or address than the config has: after a rotation, Frontline rejects responses signed with a certificate it does not have.',
  fix,
  fixable,
});

/** Live metadata: the config against what IAM Identity Center publishes now (frontline-sso drift; ../../drift). */
export const liveMetadata = defineRules('Live metadata', {
  'drift-issuer': rule(
    'error',
    "The issuer URL differs from the live metadata's entityID.",
    'Take the live value (quick fix), and paste it into the Frontline Console.',
    true,
  ),
  'drift-ssoUrl': rule(
    'error',
    "The sign-in URL differs from the live metadata's SingleSignOnService.",
    'Take the live value (quick fix), and paste it into the Frontline Console.',
    true,
  ),
  'drift-rotation': rule(
    'warning',
    'A certificate rotation is under way: AWS lists another signing certificate besides the configured one.',
    'Upload the new certificate to Frontline before you make it active in AWS; the quick fix switches the config to it.',
    true,
  ),
  'drift-certificate': rule(
    'error',
    'AWS no longer signs with the configured certificate.',
    'Upload the live certificate (the quick fix puts it in the config) to the Frontline Console now.',
    true,
  ),
  'drift-unavailable': rule(
    'info',
    'The live check could not run (unreachable, an HTTP error, not metadata, too large); never an error.',
    'Check the network or the issuer URL; "Check Live Metadata again" retries.',
    true,
  ),
  'drift-untrusted': rule(
    'info',
    'The live check does not run in Restricted Mode.',
    'Trust the workspace to check the config against the live metadata.',
    true,
  ),
});
