import { DirectoryUser, ReadinessData } from '../../src/core/readiness/readiness';

export const APP = {
  applicationArn: 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef',
  name: 'Frontline',
  status: 'ENABLED',
  federationProtocol: 'SAML',
};

/** What the collector would return for these users, each assigned directly to APP. */
export function readinessData(users: DirectoryUser[], extra: Partial<ReadinessData> = {}): ReadinessData {
  return {
    application: APP,
    assignmentRequired: true,
    assignments: users.map((u) => ({ principalType: 'USER' as const, principalId: u.userId })),
    groups: [],
    users: new Map(users.map((u) => [u.userId, u])),
    gaps: [],
    ...extra,
  };
}
