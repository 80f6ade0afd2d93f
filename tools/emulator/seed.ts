import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The emulator's data: the directory it serves (fixture.json, or a file given), and generated additions for
 * benchmarks and large-directory runs. The server, the metadata endpoint and the tests all read it from here.
 */
export type Json = Record<string, unknown>;

/**
 * An application's SAML settings, as the console's "Application metadata" and "Attribute mappings" hold them (the
 * SSO Admin API does not return them, so the emulator keeps them apart from the applications it lists). The
 * emulator signs its responses from them (samlResponse.ts).
 */
export interface SamlSettings {
  /** The built-in provider the application is for (what the sidebar and readiness should find). */
  providerId: string;
  acsUrl: string;
  audience: string;
  attributeMappings: Array<{ attribute: string; value: string; format: string }>;
}

export interface Seed {
  region: string;
  instances: Json[];
  applicationProviders: Json[];
  applications: Json[];
  assignments: Record<string, Json[]>;
  users: Json[];
  groups: Json[];
  groupMemberships: Json[];
  /** SAML settings by application ARN (applications without are not signed in to). */
  samlSettings?: Record<string, SamlSettings>;
}

/** The default seed: next to the built emulator (dist/), or in the source folder when run from compiled tests. */
export function loadSeed(path?: string): Seed {
  const candidates = path
    ? [path]
    : [join(__dirname, 'fixture.json'), join(__dirname, '..', '..', '..', 'tools', 'emulator', 'fixture.json')];
  const found = candidates.find((p) => existsSync(p)) ?? (candidates[0] as string);
  return JSON.parse(readFileSync(found, 'utf8')) as Seed;
}

/** An enabled custom SAML 2.0 application of the seed's account, as ListApplications describes one. */
function customSamlApplication(instance: Json, applicationArn: string, name: string): Json {
  return {
    ApplicationArn: applicationArn,
    ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
    Name: name,
    InstanceArn: instance.InstanceArn,
    ApplicationAccount: '123456789012',
    Status: 'ENABLED',
    CreatedDate: 1717200000,
    PortalOptions: { Visibility: 'ENABLED' },
    AssignmentRequired: true,
    Tags: [],
  };
}

/** Adds `count` generated custom SAML applications (for benchmarks), each with one assignment. */
export function withGeneratedApplications(seed: Seed, count: number): Seed {
  const instance = seed.instances[0] as Json;
  const instanceId = String(instance.InstanceArn).split('/').pop();
  const applications = [...seed.applications];
  const assignments = { ...seed.assignments };
  for (let i = 0; i < count; i++) {
    const arn = `arn:aws:sso::123456789012:application/${instanceId}/apl-${i.toString(16).padStart(16, '0')}`;
    applications.push(customSamlApplication(instance, arn, `app-${i}`));
    assignments[arn] = [{ PrincipalType: 'USER', PrincipalId: i % 2 ? 'u-jane' : 'u-omar' }];
  }
  return { ...seed, applications, assignments };
}

/** The application the generated directory is assigned to (its ARN is stable, for benchmarks and manual runs). */
export const GENERATED_APPLICATION_ARN =
  'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0d1ec7025eed0000';

/**
 * Adds `users` generated users spread over `groups` generated groups, all assigned (through the groups) to one custom
 * SAML application, "Frontline (generated)". Every 500th user has no email, for a realistic report.
 */
export function withGeneratedDirectory(seed: Seed, users: number, groups: number): Seed {
  const instance = seed.instances[0] as Json;
  const storeId = String(instance.IdentityStoreId);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const groupList = Array.from({ length: groups }, (_, g) => ({
    IdentityStoreId: storeId,
    GroupId: `g-gen-${pad(g, 3)}`,
    DisplayName: `Frontline team ${g + 1}`,
  }));
  const userList = Array.from({ length: users }, (_, u) => ({
    IdentityStoreId: storeId,
    UserId: `u-gen-${pad(u, 6)}`,
    UserName: `worker${u}@example.com`,
    DisplayName: `Worker ${u}`,
    ...(u % 500 === 499 ? {} : { Emails: [{ Value: `worker${u}@example.com`, Type: 'work', Primary: true }] }),
  }));
  const memberships = userList.map((u, i) => ({
    IdentityStoreId: storeId,
    MembershipId: `m-gen-${pad(i, 6)}`,
    GroupId: groups > 0 ? `g-gen-${pad(i % groups, 3)}` : '',
    MemberId: { UserId: u.UserId },
  }));
  return {
    ...seed,
    applications: [
      ...seed.applications,
      customSamlApplication(instance, GENERATED_APPLICATION_ARN, 'Frontline (generated)'),
    ],
    assignments: {
      ...seed.assignments,
      [GENERATED_APPLICATION_ARN]: groupList.map((g) => ({ PrincipalType: 'GROUP', PrincipalId: g.GroupId })),
    },
    users: [...seed.users, ...userList],
    groups: [...seed.groups, ...groupList],
    groupMemberships: [...seed.groupMemberships, ...(groups > 0 ? memberships : [])],
  };
}

/**
 * A workspace config that links one of the seed's SAML applications, for the provider and with the attribute
 * mappings its `samlSettings` give: what an administrator who set the application up would have written.
 */
export function linkingConfig(seed: Seed, applicationArn: string, params: Record<string, string>): string {
  const settings = seed.samlSettings?.[applicationArn];
  if (!settings) throw new Error(`The seed has no SAML settings for ${applicationArn}`);
  return JSON.stringify({
    serviceProvider: { id: settings.providerId, params },
    attributeMappings: settings.attributeMappings,
    application: { applicationArn, region: seed.region },
  });
}
