// The AWS SDK part: bundled separately (dist/aws.js) and loaded when the tree or `frontline-sso apps` first needs it.
export { IdentityCenter } from './identityCenter';
export type { Application, ApplicationProvider, Assignment, AwsSettings, Instance, Principal } from './identityCenter';
export { AwsProblemError, awsProblem } from './errors';
export type { AwsProblem, AwsProblemKind } from './errors';
export { instanceApplications, inventory, listApplications } from './inventory';
export type { Inventory, ListedApplication } from './inventory';
export { listProfiles, profileRegion } from './profiles';
export { collectReadiness } from './readiness';
export type { ReadinessProgress, ReadinessStrategy, ReadinessTarget } from './readiness';
// Signing in to IAM Identity Center (src/aws/sso): OIDC flows, the shared token cache, ~/.aws/config, the portal.
export { signIn, sessionStatus, accessToken, REFRESH_WINDOW_MS } from './sso/signIn';
export type { SignInResult, SignInUi, SessionStatus } from './sso/signIn';
export { readSsoConfig, targetOfProfile, chainProfile } from './sso/sessions';
export type { SsoConfig } from './sso/sessions';
export type { SignInTarget } from './sso/cache';
export { AccessPortal } from './sso/portal';
export type { PortalAccount } from './sso/portal';
export { previewProfile, writeProfile } from './sso/configWrite';
export type { ProfilePlan } from './sso/configWrite';
export { sectionNameProblem } from './sso/configEdit';
