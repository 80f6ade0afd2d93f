import { applicationTraits } from '../core/applications';
import { IdentityCenter } from './identityCenter';

/** The `apps` output of the CLI (README, "Command line"). */
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
  const providers = await api.applicationProviders(signal);
  return {
    instances: await Promise.all(
      instances.map(async (instance) => {
        const applications = await api.listApplications(instance.instanceArn, signal);
        return {
          instanceArn: instance.instanceArn,
          identityStoreId: instance.identityStoreId,
          applications: await Promise.all(
            applications.map(async (app) => {
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
              const traits = applicationTraits(app, providers.get(app.applicationProviderArn ?? ''));
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
