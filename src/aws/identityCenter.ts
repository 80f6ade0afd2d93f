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
import {
  DescribeGroupCommand,
  DescribeUserCommand,
  IdentitystoreClient,
  ListGroupMembershipsCommand,
  ListGroupsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-identitystore';
import { setMaxListeners } from 'node:events';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { RequestLimiter } from '../core/common/limiter';
import type { DirectoryUser } from '../core/readiness/readiness';
import { CONNECT_TIMEOUT_MS, MAX_PAGES, endpointProblem, regionProblem, timeoutMs, timeoutProblem } from './connection';
import { iteratePages, sendWithin } from './calls';
import { AwsProblemError, ProblemContext, awsProblem, settingsProblem } from './errors';
import { responseGuard } from './guard';
import { identityCenterCredentials } from './sso/credentials';
import {
  list,
  object,
  oneOf,
  optionalBoolean,
  optionalDate,
  optionalObject,
  optionalString,
  page,
  requiredString,
} from './responses';

export interface AwsSettings {
  profile?: string;
  region?: string;
  endpoint?: string;
  /**
   * The longest one operation may take, retries included; default DEFAULT_TIMEOUT_SECONDS (connection.ts). Text (a
   * CLI flag) is parsed, and quoted as typed when it is not a number.
   */
  timeoutSeconds?: number | string;
  /** Whether messages name CLI flags or VS Code settings and commands. */
  origin?: 'cli' | 'extension';
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

type Json = Record<string, unknown>;

/**
 * Read-only access to IAM Identity Center. One instance per refresh: credentials are resolved when it is made, so
 * a fresh `aws sso login` is picked up by the next refresh, without restarting VS Code.
 *
 * Every answer is hostile input until checked: each operation has a deadline (retries included), the raw answer is
 * checked before the SDK parses it (guard.ts), what the SDK returns is shape-checked (responses.ts), and paging
 * stops on a repeated token or after MAX_PAGES pages. Settings are checked here too, so no caller can skip the checks.
 */
export class IdentityCenter {
  readonly region: string | undefined;
  readonly timeoutMs: number;
  private readonly admin: SSOAdminClient;
  private readonly store: IdentitystoreClient;
  private readonly context: ProblemContext;
  private readonly principals = new Map<string, Promise<Principal>>();
  private providers: Promise<Map<string, ApplicationProvider>> | undefined;
  /** Counts calls per operation, for the log and the benchmarks. */
  readonly calls = new Map<string, number>();

  constructor(
    readonly settings: AwsSettings,
    readonly limiter = new RequestLimiter(8, 20),
    /** Where a listing stops; smaller only in tests. */
    private readonly maxPages = MAX_PAGES,
  ) {
    const cli = settings.origin === 'cli';
    const flag = (cliName: string, setting: string) => (cli ? cliName : `frontlineSso.aws.${setting}`);
    const invalid = (
      [
        ['region', regionProblem(settings.region, flag('--region', 'region'))],
        ['endpoint', endpointProblem(settings.endpoint, flag('--endpoint', 'endpoint'))],
        ['timeoutSeconds', timeoutProblem(settings.timeoutSeconds, flag('--timeout', 'timeoutSeconds'))],
      ] as const
    ).find(([, problem]) => problem);
    if (invalid) throw settingsProblem(invalid[1] as string, invalid[0]);
    this.timeoutMs = timeoutMs(settings.timeoutSeconds);
    this.context = {
      profile: settings.profile,
      endpoint: settings.endpoint?.trim() || undefined,
      timeoutMs: this.timeoutMs,
      origin: settings.origin,
    };
    const credentials = identityCenterCredentials(settings.profile, this.context);
    const common = () => ({
      region: settings.region?.trim() || undefined,
      endpoint: this.context.endpoint,
      credentials,
      // Throttling is retried with backoff by the SDK; only persistent throttling reaches the user.
      maxAttempts: 4,
      requestHandler: new NodeHttpHandler({
        connectionTimeout: Math.min(CONNECT_TIMEOUT_MS, this.timeoutMs),
        requestTimeout: this.timeoutMs,
        throwOnRequestTimeout: true,
      }),
    });
    this.admin = new SSOAdminClient(common());
    this.store = new IdentitystoreClient(common());
    // Inside the SDK's deserializer (low priority in its step): sees the raw answer before it is parsed.
    const guard = { step: 'deserialize', priority: 'low', name: 'frontlineSsoResponseGuard' } as const;
    this.admin.middlewareStack.add(responseGuard(this.timeoutMs) as never, guard);
    this.store.middlewareStack.add(responseGuard(this.timeoutMs) as never, guard);
    this.region = settings.region;
  }

  dispose(): void {
    this.admin.destroy();
    this.store.destroy();
  }

  /**
   * One operation within the request limiter and the deadline; its answer is checked by `read` before anyone uses
   * it. Every failure becomes an AwsProblemError with a message for the user.
   */
  private async send<T>(
    client: 'admin' | 'store',
    operation: string,
    command: unknown,
    signal: AbortSignal | undefined,
    read: (output: Json) => T,
    urgent = false,
  ): Promise<T> {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
    // Thousands of queued calls may wait on one signal, each with its abort listener: not a leak, so no warning.
    if (signal) setMaxListeners(0, signal);
    try {
      const output = await this.limiter.run(() => this.within(client, command, signal), signal, urgent);
      return read(object(output, 'the response'));
    } catch (err) {
      throw this.problem(err, operation);
    }
  }

  private problem(err: unknown, operation: string): AwsProblemError {
    return err instanceof AwsProblemError ? err : new AwsProblemError(awsProblem(err, operation, this.context), err);
  }

  /** Sends a command and gives up after the timeout, whatever the SDK is doing (connecting, retrying, signing). */
  private within(client: 'admin' | 'store', command: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    const target = client === 'admin' ? this.admin : this.store;
    const send = target.send as (c: unknown, o: unknown) => Promise<unknown>;
    return sendWithin((abortSignal) => send.call(target, command, { abortSignal }), this.timeoutMs, signal);
  }

  /**
   * Follows NextToken until the end, one page at a time (calls.ts): a token seen before, or more than MAX_PAGES
   * pages, stops the listing with a message instead of looping for ever. A caller may stop early (the readiness
   * check does, when describing the rest is cheaper).
   */
  private async *pages<T>(operation: string, fetch: (token?: string) => Promise<Page<T>>): AsyncGenerator<T[]> {
    try {
      yield* iteratePages(fetch, this.maxPages);
    } catch (err) {
      throw this.problem(err, operation);
    }
  }

  /** Every page of a listing, concatenated. */
  private async collect<T>(pages: AsyncGenerator<T[]>, onPage?: (count: number) => void): Promise<T[]> {
    const items: T[] = [];
    for await (const page of pages) {
      items.push(...page);
      onPage?.(items.length);
    }
    return items;
  }

  /** A listing of the LISTINGS table, page by page; items a row reads as `undefined` are skipped. */
  private listing<I, T>(row: Listing<I, T>, input: I, signal: AbortSignal | undefined): AsyncGenerator<T[]> {
    return this.pages(row.operation, (NextToken) =>
      this.send(
        row.client,
        row.operation,
        row.command(input, NextToken),
        signal,
        (out) => {
          const { items, nextToken } = page(out, row.key, row.item);
          return { items: items.filter((item): item is T => item !== undefined), nextToken };
        },
        row.urgent,
      ),
    );
  }

  /** Every page of a listing of the LISTINGS table, concatenated. */
  private listAll<I, T>(
    row: Listing<I, T>,
    input: I,
    signal: AbortSignal | undefined,
    onPage?: (count: number) => void,
  ): Promise<T[]> {
    return this.collect(this.listing(row, input, signal), onPage);
  }

  listInstances(signal?: AbortSignal): Promise<Instance[]> {
    return this.listAll(LISTINGS.instances, {}, signal);
  }

  /** Application providers by ARN, fetched once per refresh. */
  applicationProviders(signal?: AbortSignal): Promise<Map<string, ApplicationProvider>> {
    this.providers ??= this.listAll(LISTINGS.applicationProviders, {}, signal).then(
      (list) => new Map(list.map((p) => [p.applicationProviderArn, p])),
    );
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
    return this.listAll(LISTINGS.applications, { instanceArn }, signal, onProgress);
  }

  /** The whole description, for showing as JSON; the fields the code uses are checked. */
  describeApplication(applicationArn: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return this.send(
      'admin',
      'DescribeApplication',
      new DescribeApplicationCommand({ ApplicationArn: applicationArn }),
      signal,
      (out) => {
        toApplication(out, '');
        const { $metadata: _m, ...rest } = out;
        return rest;
      },
    );
  }

  assignmentRequired(applicationArn: string, signal?: AbortSignal): Promise<boolean | undefined> {
    return this.send(
      'admin',
      'GetApplicationAssignmentConfiguration',
      new GetApplicationAssignmentConfigurationCommand({ ApplicationArn: applicationArn }),
      signal,
      (out) => optionalBoolean(out, 'AssignmentRequired', ''),
    );
  }

  listAssignments(applicationArn: string, signal?: AbortSignal): Promise<Assignment[]> {
    return this.listAll(LISTINGS.assignments, { applicationArn }, signal);
  }

  async listTags(instanceArn: string, resourceArn: string, signal?: AbortSignal): Promise<Record<string, string>> {
    const tags = await this.listAll(LISTINGS.tags, { instanceArn, resourceArn }, signal);
    return Object.fromEntries(tags.map((t) => [t.key, t.value]));
  }

  /** One application, typed (the tree has it from the listing; the CLI starts from an ARN). */
  application(applicationArn: string, signal?: AbortSignal): Promise<Application> {
    return this.send(
      'admin',
      'DescribeApplication',
      new DescribeApplicationCommand({ ApplicationArn: applicationArn }),
      signal,
      (out) => toApplication(out, ''),
    );
  }

  /**
   * The directory's users, 100 a page (the most ListUsers returns). Its pages go before queued calls (see
   * RequestLimiter.run), so that the one long sequential chain overlaps the parallel work instead of trailing it.
   */
  userPages(identityStoreId: string, signal?: AbortSignal): AsyncGenerator<DirectoryUser[]> {
    return this.listing(LISTINGS.users, { identityStoreId }, signal);
  }

  /** The directory's groups (ID and name), 100 a page. */
  groupPages(
    identityStoreId: string,
    signal?: AbortSignal,
  ): AsyncGenerator<Array<{ groupId: string; displayName?: string }>> {
    return this.listing(LISTINGS.groups, { identityStoreId }, signal);
  }

  /** The user IDs of a group's members, a page at a time. */
  groupMemberPages(identityStoreId: string, groupId: string, signal?: AbortSignal): AsyncGenerator<string[]> {
    return this.listing(LISTINGS.groupMembers, { identityStoreId, groupId }, signal);
  }

  /** A user, or null when the identity store no longer has it. */
  async describeUser(identityStoreId: string, userId: string, signal?: AbortSignal): Promise<DirectoryUser | null> {
    return this.send(
      'store',
      'DescribeUser',
      new DescribeUserCommand({ IdentityStoreId: identityStoreId, UserId: userId }),
      signal,
      (u) => toDirectoryUser({ UserId: userId, ...u }, ''),
    ).catch(notFoundAsNull);
  }

  /** A group's ID and name, or null when the identity store no longer has it. */
  async describeGroup(
    identityStoreId: string,
    groupId: string,
    signal?: AbortSignal,
  ): Promise<{ groupId: string; displayName?: string } | null> {
    return this.send(
      'store',
      'DescribeGroup',
      new DescribeGroupCommand({ IdentityStoreId: identityStoreId, GroupId: groupId }),
      signal,
      (g) => toGroup({ GroupId: groupId, ...g }, ''),
    ).catch(notFoundAsNull);
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
    const found =
      a.principalType === 'USER'
        ? await this.describeUser(identityStoreId, a.principalId, signal)
        : await this.describeGroup(identityStoreId, a.principalId, signal);
    if (!found) {
      return {
        displayName: `deleted ${a.principalType === 'USER' ? 'user' : 'group'} ${a.principalId}`,
        exists: false,
      };
    }
    const name = 'userId' in found ? found.displayName || found.userName : found.displayName;
    return { displayName: name || a.principalId, exists: true };
  }
}

function notFoundAsNull(err: unknown): null {
  if (err instanceof AwsProblemError && err.problem.kind === 'not-found') return null;
  throw err;
}

function toDirectoryUser(u: Json, at: string): DirectoryUser {
  const name = directoryName(optionalObject(u, 'Name', at), `${at}.Name`);
  return {
    ...(name ? { name } : {}),
    userId: requiredString(u, 'UserId', at),
    userName: optionalString(u, 'UserName', at),
    displayName: optionalString(u, 'DisplayName', at),
    emails: list(u, 'Emails', at, (e, path) => ({
      value: optionalString(e, 'Value', path),
      type: optionalString(e, 'Type', path),
      primary: optionalBoolean(e, 'Primary', path),
    })),
  };
}

/** The Name fields the readiness check reads (`${user:givenName}` and the like); undefined when there are none. */
function directoryName(n: Json | undefined, at: string): DirectoryUser['name'] {
  if (!n) return undefined;
  const name = {
    formatted: optionalString(n, 'Formatted', at),
    givenName: optionalString(n, 'GivenName', at),
    familyName: optionalString(n, 'FamilyName', at),
    middleName: optionalString(n, 'MiddleName', at),
  };
  return Object.values(name).some((v) => v !== undefined) ? name : undefined;
}

function toGroup(g: Json, at: string): { groupId: string; displayName?: string } {
  return { groupId: requiredString(g, 'GroupId', at), displayName: optionalString(g, 'DisplayName', at) };
}

function toApplication(a: Json, at: string): Application {
  return {
    applicationArn: requiredString(a, 'ApplicationArn', at),
    name: optionalString(a, 'Name', at) ?? '(unnamed)',
    status: optionalString(a, 'Status', at),
    applicationProviderArn: optionalString(a, 'ApplicationProviderArn', at),
    applicationAccount: optionalString(a, 'ApplicationAccount', at),
    instanceArn: optionalString(a, 'InstanceArn', at),
    description: optionalString(a, 'Description', at),
    createdDate: optionalDate(a, 'CreatedDate', at),
    portalVisibility: optionalString(optionalObject(a, 'PortalOptions', at) ?? {}, 'Visibility', `${at}.PortalOptions`),
  };
}

/**
 * A paged listing of IAM Identity Center or the identity store: the client and operation, the command for one page
 * (given the caller's input and the page's token), where the page's items are and how one is read. Urgent listings
 * go before queued calls (see RequestLimiter.run).
 */
interface Listing<I, T> {
  client: 'admin' | 'store';
  operation: string;
  command: (input: I, NextToken: string | undefined) => unknown;
  key: string;
  item: (v: Json, path: string) => T | undefined;
  urgent?: boolean;
}

const listing = <I, T>(row: Listing<I, T>): Listing<I, T> => row;

/** Every paged listing the class makes, as one table: the methods above differ only in their row and input. */
const LISTINGS = {
  instances: listing({
    client: 'admin',
    operation: 'ListInstances',
    command: (_: object, NextToken) => new ListInstancesCommand({ NextToken }),
    key: 'Instances',
    item: (i, at): Instance => ({
      instanceArn: requiredString(i, 'InstanceArn', at),
      identityStoreId: requiredString(i, 'IdentityStoreId', at),
      name: optionalString(i, 'Name', at),
      ownerAccountId: optionalString(i, 'OwnerAccountId', at),
      status: optionalString(i, 'Status', at),
      createdDate: optionalDate(i, 'CreatedDate', at),
    }),
  }),
  applicationProviders: listing({
    client: 'admin',
    operation: 'ListApplicationProviders',
    command: (_: object, NextToken) => new ListApplicationProvidersCommand({ NextToken }),
    key: 'ApplicationProviders',
    item: (p, at): ApplicationProvider => ({
      applicationProviderArn: requiredString(p, 'ApplicationProviderArn', at),
      federationProtocol: optionalString(p, 'FederationProtocol', at),
      displayName: optionalString(optionalObject(p, 'DisplayData', at) ?? {}, 'DisplayName', `${at}.DisplayData`),
    }),
  }),
  applications: listing({
    client: 'admin',
    operation: 'ListApplications',
    command: ({ instanceArn }: { instanceArn: string }, NextToken) =>
      new ListApplicationsCommand({ InstanceArn: instanceArn, NextToken, MaxResults: 100 }),
    key: 'Applications',
    item: toApplication,
  }),
  assignments: listing({
    client: 'admin',
    operation: 'ListApplicationAssignments',
    command: ({ applicationArn }: { applicationArn: string }, NextToken) =>
      new ListApplicationAssignmentsCommand({ ApplicationArn: applicationArn, NextToken, MaxResults: 100 }),
    key: 'ApplicationAssignments',
    item: (a, at): Assignment => ({
      principalType: oneOf(a, 'PrincipalType', at, ['USER', 'GROUP'] as const),
      principalId: requiredString(a, 'PrincipalId', at),
    }),
  }),
  tags: listing({
    client: 'admin',
    operation: 'ListTagsForResource',
    command: ({ instanceArn, resourceArn }: { instanceArn: string; resourceArn: string }, NextToken) =>
      new ListTagsForResourceCommand({ InstanceArn: instanceArn, ResourceArn: resourceArn, NextToken }),
    key: 'Tags',
    item: (t, at) => ({ key: requiredString(t, 'Key', at), value: optionalString(t, 'Value', at) ?? '' }),
  }),
  users: listing({
    client: 'store',
    operation: 'ListUsers',
    command: ({ identityStoreId }: { identityStoreId: string }, NextToken) =>
      new ListUsersCommand({ IdentityStoreId: identityStoreId, NextToken, MaxResults: 100 }),
    key: 'Users',
    item: toDirectoryUser,
    urgent: true,
  }),
  groups: listing({
    client: 'store',
    operation: 'ListGroups',
    command: ({ identityStoreId }: { identityStoreId: string }, NextToken) =>
      new ListGroupsCommand({ IdentityStoreId: identityStoreId, NextToken, MaxResults: 100 }),
    key: 'Groups',
    item: toGroup,
  }),
  groupMembers: listing({
    client: 'store',
    operation: 'ListGroupMemberships',
    command: ({ identityStoreId, groupId }: { identityStoreId: string; groupId: string }, NextToken) =>
      new ListGroupMembershipsCommand({
        IdentityStoreId: identityStoreId,
        GroupId: groupId,
        NextToken,
        MaxResults: 100,
      }),
    key: 'GroupMemberships',
    // Identity Store groups hold users only; a member without a UserId is skipped, not guessed at.
    item: (m, at) => optionalString(optionalObject(m, 'MemberId', at) ?? {}, 'UserId', `${at}.MemberId`) || undefined,
  }),
};
