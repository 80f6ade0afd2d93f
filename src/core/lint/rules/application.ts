import { defineRules } from './define';

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
