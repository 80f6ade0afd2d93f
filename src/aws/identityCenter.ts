import {
  DescribeApplicationCommand,
  GetApplicationAssignmentConfigurationCommand,
  ListApplicationAssignmentsCommand,
  ListApplicationProvidersCommand,
  ListApplicationsCommand,
  ListInstancesCommand,
  ListTagsForResourceCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { DescribeGroupCommand, DescribeUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { RequestLimiter } from '../core/limiter';
import { AwsProblemError, awsProblem } from './errors';

export interface AwsSettings {
  profile?: string;
  region?: string;
  endpoint?: string;
}

export interface Instance {
  instanceArn: string;
  identityStoreId: string;
  name?: string;
  ownerAccountId?: string;
  status?: string;
  createdDate?: string;
}

export interface ApplicationProvider {
  applicationProviderArn: string;
  federationProtocol?: string;
  displayName?: string;
}

export interface Application {
  applicationArn: string;
  name: string;
  status?: string;
  applicationProviderArn?: string;
  applicationAccount?: string;
  instanceArn?: string;
  description?: string;
  createdDate?: string;
  portalVisibility?: string;
}

export interface Assignment {
  principalType: 'USER' | 'GROUP';
  principalId: string;
}

export interface Principal {
  displayName: string;
  /** False when the identity store no longer has it (a deleted user still assigned). */
  exists: boolean;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

/**
 * Read-only access to IAM Identity Center. One instance per refresh: credentials are resolved when it is made, so
 * a fresh `aws sso login` is picked up by the next refresh, without restarting VS Code.
 */
export class IdentityCenter {
  readonly region: string | undefined;
  private readonly admin: SSOAdminClient;
  private readonly store: IdentitystoreClient;
  private readonly principals = new Map<string, Promise<Principal>>();
  private providers: Promise<Map<string, ApplicationProvider>> | undefined;
  /** Counts calls per operation, for the log and the benchmarks. */
  readonly calls = new Map<string, number>();

  constructor(
    readonly settings: AwsSettings,
    readonly limiter = new RequestLimiter(8, 20),
  ) {
    const credentials = fromNodeProviderChain({
      ...(settings.profile ? { profile: settings.profile } : {}),
      ignoreCache: true,
    });
    const common = {
      region: settings.region || undefined,
      endpoint: settings.endpoint || undefined,
      credentials,
      // Throttling is retried with backoff by the SDK; only persistent throttling reaches the user.
      maxAttempts: 4,
    };
    this.admin = new SSOAdminClient(common);
    this.store = new IdentitystoreClient(common);
    this.region = settings.region;
  }

  dispose(): void {
    this.admin.destroy();
    this.store.destroy();
  }

  private async send<T>(
    client: 'admin' | 'store',
    operation: string,
    command: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
    try {
      return await this.limiter.run(() => {
        const target = client === 'admin' ? this.admin : this.store;
        return (target.send as (c: unknown, o: unknown) => Promise<T>)(command, { abortSignal: signal });
      }, signal);
    } catch (err) {
      throw new AwsProblemError(awsProblem(err, operation, this.settings.profile), err);
    }
  }

  /** Follows NextToken until the end; the service may return fewer items than asked, so only the token decides. */
  private async all<T>(fetch: (token?: string) => Promise<Page<T>>, onPage?: (count: number) => void): Promise<T[]> {
    const items: T[] = [];
    let token: string | undefined;
    do {
      const page = await fetch(token);
      items.push(...page.items);
      onPage?.(items.length);
      token = page.nextToken;
    } while (token);
    return items;
  }

  listInstances(signal?: AbortSignal): Promise<Instance[]> {
    return this.all(async (NextToken) => {
      const out = await this.send<{ Instances?: Array<Record<string, unknown>>; NextToken?: string }>(
        'admin',
        'ListInstances',
        new ListInstancesCommand({ NextToken }),
        signal,
      );
      return {
        nextToken: out.NextToken,
        items: (out.Instances ?? []).map((i) => ({
          instanceArn: i.InstanceArn as string,
          identityStoreId: i.IdentityStoreId as string,
          name: i.Name as string | undefined,
          ownerAccountId: i.OwnerAccountId as string | undefined,
          status: i.Status as string | undefined,
          createdDate: iso(i.CreatedDate as Date | undefined),
        })),
      };
    });
  }

  /** Application providers by ARN, fetched once per refresh. */
  applicationProviders(signal?: AbortSignal): Promise<Map<string, ApplicationProvider>> {
    this.providers ??= this.all(async (NextToken) => {
      const out = await this.send<{ ApplicationProviders?: Array<Record<string, unknown>>; NextToken?: string }>(
        'admin',
        'ListApplicationProviders',
        new ListApplicationProvidersCommand({ NextToken }),
        signal,
      );
      return {
        nextToken: out.NextToken,
        items: (out.ApplicationProviders ?? []).map((p) => ({
          applicationProviderArn: p.ApplicationProviderArn as string,
          federationProtocol: p.FederationProtocol as string | undefined,
          displayName: (p.DisplayData as { DisplayName?: string } | undefined)?.DisplayName,
        })),
      };
    }).then((list) => new Map(list.map((p) => [p.applicationProviderArn, p])));
    this.providers.catch(() => {
      this.providers = undefined;
    });
    return this.providers;
  }

  listApplications(
    instanceArn: string,
    signal?: AbortSignal,
    onProgress?: (count: number) => void,
  ): Promise<Application[]> {
    return this.all(async (NextToken) => {
      const out = await this.send<{ Applications?: Array<Record<string, unknown>>; NextToken?: string }>(
        'admin',
        'ListApplications',
        new ListApplicationsCommand({ InstanceArn: instanceArn, NextToken, MaxResults: 100 }),
        signal,
      );
      return { nextToken: out.NextToken, items: (out.Applications ?? []).map(toApplication) };
    }, onProgress);
  }

  async describeApplication(applicationArn: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const out = await this.send<Record<string, unknown>>(
      'admin',
      'DescribeApplication',
      new DescribeApplicationCommand({ ApplicationArn: applicationArn }),
      signal,
    );
    const { $metadata: _m, ...rest } = out;
    return rest;
  }

  async assignmentRequired(applicationArn: string, signal?: AbortSignal): Promise<boolean | undefined> {
    const out = await this.send<{ AssignmentRequired?: boolean }>(
      'admin',
      'GetApplicationAssignmentConfiguration',
      new GetApplicationAssignmentConfigurationCommand({ ApplicationArn: applicationArn }),
      signal,
    );
    return out.AssignmentRequired;
  }

  listAssignments(applicationArn: string, signal?: AbortSignal): Promise<Assignment[]> {
    return this.all(async (NextToken) => {
      const out = await this.send<{ ApplicationAssignments?: Array<Record<string, unknown>>; NextToken?: string }>(
        'admin',
        'ListApplicationAssignments',
        new ListApplicationAssignmentsCommand({ ApplicationArn: applicationArn, NextToken, MaxResults: 100 }),
        signal,
      );
      return {
        nextToken: out.NextToken,
        items: (out.ApplicationAssignments ?? []).map((a) => ({
          principalType: a.PrincipalType as 'USER' | 'GROUP',
          principalId: a.PrincipalId as string,
        })),
      };
    });
  }

  async listTags(instanceArn: string, resourceArn: string, signal?: AbortSignal): Promise<Record<string, string>> {
    const tags = await this.all(async (NextToken) => {
      const out = await this.send<{ Tags?: Array<{ Key?: string; Value?: string }>; NextToken?: string }>(
        'admin',
        'ListTagsForResource',
        new ListTagsForResourceCommand({ InstanceArn: instanceArn, ResourceArn: resourceArn, NextToken }),
        signal,
      );
      return { nextToken: out.NextToken, items: out.Tags ?? [] };
    });
    return Object.fromEntries(tags.map((t) => [t.Key ?? '', t.Value ?? '']));
  }

  /** A user's or group's display name, cached per identity store; a deleted principal is reported, not thrown. */
  principal(identityStoreId: string, assignment: Assignment, signal?: AbortSignal): Promise<Principal> {
    const key = `${identityStoreId}/${assignment.principalType}/${assignment.principalId}`;
    let cached = this.principals.get(key);
    if (!cached) {
      cached = this.fetchPrincipal(identityStoreId, assignment, signal);
      this.principals.set(key, cached);
      cached.catch(() => this.principals.delete(key));
    }
    return cached;
  }

  private async fetchPrincipal(identityStoreId: string, a: Assignment, signal?: AbortSignal): Promise<Principal> {
    try {
      if (a.principalType === 'USER') {
        const u = await this.send<{ DisplayName?: string; UserName?: string }>(
          'store',
          'DescribeUser',
          new DescribeUserCommand({ IdentityStoreId: identityStoreId, UserId: a.principalId }),
          signal,
        );
        return { displayName: u.DisplayName || u.UserName || a.principalId, exists: true };
      }
      const g = await this.send<{ DisplayName?: string }>(
        'store',
        'DescribeGroup',
        new DescribeGroupCommand({ IdentityStoreId: identityStoreId, GroupId: a.principalId }),
        signal,
      );
      return { displayName: g.DisplayName || a.principalId, exists: true };
    } catch (err) {
      if (err instanceof AwsProblemError && err.problem.kind === 'not-found') {
        return {
          displayName: `deleted ${a.principalType === 'USER' ? 'user' : 'group'} ${a.principalId}`,
          exists: false,
        };
      }
      throw err;
    }
  }
}

function toApplication(a: Record<string, unknown>): Application {
  return {
    applicationArn: a.ApplicationArn as string,
    name: (a.Name as string | undefined) ?? '(unnamed)',
    status: a.Status as string | undefined,
    applicationProviderArn: a.ApplicationProviderArn as string | undefined,
    applicationAccount: a.ApplicationAccount as string | undefined,
    instanceArn: a.InstanceArn as string | undefined,
    description: a.Description as string | undefined,
    createdDate: iso(a.CreatedDate as Date | undefined),
    portalVisibility: (a.PortalOptions as { Visibility?: string } | undefined)?.Visibility,
  };
}
