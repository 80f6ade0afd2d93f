import { ApplicationTraits, applicationTraits } from '../core/applications/applications';
import { Application, ApplicationProvider, IdentityCenter, Instance } from './identityCenter';

/** An application as every listing shows it: with its instance, its provider and what they say of it. */
export interface ListedApplication {
  instance: Instance;
  app: Application;
  provider?: ApplicationProvider;
  traits: ApplicationTraits;
}

/**
 * The applications of one instance (the tree lists them when an instance is expanded). `linkedArns` are the
 * applications that config files in the workspace link to.
 */
export async function instanceApplications(
  api: IdentityCenter,
  instance: Instance,
  linkedArns?: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<ListedApplication[]> {
  const [providers, apps] = await Promise.all([
    api.applicationProviders(signal),
    api.listApplications(instance.instanceArn, signal),
  ]);
  return apps.map((app) => {
    const provider = providers.get(app.applicationProviderArn ?? '');
    return { instance, app, provider, traits: applicationTraits(app, provider, linkedArns) };
  });
}

/** The applications of every instance the credentials see (the CLI's `apps`, the readiness check's picker). */
export async function listApplications(
  api: IdentityCenter,
  linkedArns?: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<ListedApplication[]> {
  const instances = await api.listInstances(signal);
  const perInstance = await Promise.all(
    instances.map((instance) => instanceApplications(api, instance, linkedArns, signal)),
  );
  return perInstance.flat();
}

/** The `apps` output of the CLI (docs/cli.md). */
export interface Inventory {
  instances: Array<{
    instanceArn: string;
    identityStoreId: string;
    applications: Array<{
      applicationArn: string;
      name: string;
      status: string | null;
      applicationProviderArn: string | null;
      federationProtocol: string | null;
      assignmentRequired: boolean | null;
      assignments: Array<{ principalType: string; principalId: string; displayName: string }>;
    }>;
  }>;
}

/** Everything the CLI lists: details and names are fetched in parallel within the API's request limiter. */
export async function inventory(api: IdentityCenter, signal?: AbortSignal): Promise<Inventory> {
  const instances = await api.listInstances(signal);
  return {
    instances: await Promise.all(
      instances.map(async (instance) => {
        const applications = await instanceApplications(api, instance, undefined, signal);
        return {
          instanceArn: instance.instanceArn,
          identityStoreId: instance.identityStoreId,
          applications: await Promise.all(
            applications.map(async ({ app, traits }) => {
              const [assignmentRequired, assignments] = await Promise.all([
                api.assignmentRequired(app.applicationArn, signal),
                api.listAssignments(app.applicationArn, signal),
              ]);
              const named = await Promise.all(
                assignments.map(async (a) => ({
                  principalType: a.principalType,
                  principalId: a.principalId,
                  displayName: (await api.principal(instance.identityStoreId, a, signal)).displayName,
                })),
              );
              return {
                applicationArn: app.applicationArn,
                name: app.name,
                status: app.status ?? null,
                applicationProviderArn: app.applicationProviderArn ?? null,
                federationProtocol: traits.federationProtocol ?? null,
                assignmentRequired: assignmentRequired ?? null,
                assignments: named,
              };
            }),
          ),
        };
      }),
    ),
  };
}
