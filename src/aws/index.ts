// The AWS SDK part: bundled separately (dist/aws.js) and loaded when the tree or `frontline-sso apps` first needs it.
export { IdentityCenter } from './identityCenter';
export type { Application, ApplicationProvider, Assignment, AwsSettings, Instance, Principal } from './identityCenter';
export { AwsProblemError, awsProblem } from './errors';
export type { AwsProblem, AwsProblemKind } from './errors';
export { inventory } from './inventory';
export type { Inventory } from './inventory';
export { listProfiles, profileRegion } from './profiles';
export { collectReadiness } from './readiness';
export type { ReadinessProgress, ReadinessStrategy, ReadinessTarget } from './readiness';
// The readiness check's pure part rides in this bundle too: only the readiness feature needs it.
export { checkReadiness, emailSourceFromConfig, readinessCsv, readinessSummaryText } from '../core/readiness';
