import { Finding } from '../../common/findings';
import { Node, spanOf } from '../jsonNodes';
import { lintUnknownKeys, stringProperty } from './config';
import { defineRules } from './define';

const APPLICATION_ARN = /^arn:aws(-cn|-us-gov)?:sso::\d{12}:application\/ssoins-[0-9a-f]{16}\/apl-[0-9a-f]{16}$/;

/** Application: the IAM Identity Center application the config links (checked in ../index). */
export const application = defineRules('Application', {
  'application-arn': {
    severity: 'warning',
    title: '"applicationArn" does not look like an IAM Identity Center application ARN.',
    why: 'The sidebar and the readiness check find the application by its ARN.',
    fix: 'Copy the ARN from the application details (arn:aws:sso::<account>:application/ssoins-…/apl-…).',
    fixable: false,
  },
  'application-region-mismatch': {
    severity: 'warning',
    title: "The application Region differs from the issuer URL's Region.",
    why: 'The config probably mixes two applications.',
    fix: 'Use the Region of the IAM Identity Center instance.',
    fixable: false,
  },
});

/**
 * The application section: its ARN, and its Region against the issuer URL's (given by the caller, which parses the
 * issuer URL, so that this family does not depend on the IdP URL checks).
 */
export function lintApplication(section: Node, issuerRegion: string | undefined, out: Finding[]): void {
  lintUnknownKeys(section, 'application', out);
  const arn = stringProperty(section, 'applicationArn', out);
  if (arn && !APPLICATION_ARN.test(arn.value)) {
    out.push(
      application.report(
        'application-arn',
        'This does not look like an IAM Identity Center application ARN (arn:aws:sso::<account>:application/ssoins-…/apl-…); copy it from the application details.',
        { span: spanOf(arn.node) },
      ),
    );
  }
  const region = stringProperty(section, 'region', out);
  if (region && issuerRegion && region.value !== issuerRegion) {
    out.push(
      application.report(
        'application-region-mismatch',
        `The application region ${region.value} differs from the issuer URL's region ${issuerRegion}.`,
        { span: spanOf(region.node) },
      ),
    );
  }
}
