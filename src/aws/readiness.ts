import { setMaxListeners } from 'node:events';
import type { DirectoryGroup, DirectoryUser, Gap, ReadinessData } from '../core/readiness/readiness';
import { finding } from '../core/common/findings';
import { AwsProblem, AwsProblemError } from './errors';
import { Application, IdentityCenter, Instance } from './identityCenter';

/** Where the check is, for a progress bar: `done` of `total` in the current step. */
export interface ReadinessProgress {
  step: 'application' | 'assignments' | 'groups' | 'users';
  message: string;
  done: number;
  total?: number;
}

export interface ReadinessTarget {
  applicationArn: string;
  /** Known already when the check starts from the tree; otherwise described. */
  application?: Application;
  instance?: Instance;
}

/** How the users (and groups) were resolved, and what it cost; for the log and the benchmarks. */
export interface ReadinessStrategy {
  users: { listed: number; described: number; pages: number; switchedToDescribe: boolean };
  groups: { listed: number; described: number; pages: number; switchedToDescribe: boolean };
}

const problemOf = (err: unknown): AwsProblem | undefined => (err instanceof AwsProblemError ? err.problem : undefined);

/** Cancellation and failures the whole check cannot go on without are passed on; others become gaps. */
function rethrowIfFatal(err: unknown): AwsProblem {
  const problem = problemOf(err);
  if (!problem || problem.kind === 'cancelled') throw err;
  return problem;
}

function gap(scope: Gap['scope'], what: string, problem: AwsProblem): Gap {
  return { scope, what, reason: problem.message, ...(problem.action ? { permission: problem.action } : {}) };
}

/**
 * Resolves IDs by paging through a bulk listing (100 a call) or by describing each (1 a call), whichever makes fewer
 * calls, without knowing the directory's size up front. It pages while the pages fetched are fewer than the IDs asked
 * for, then describes the rest: never more than twice the calls of the better choice (the ski-rental rule), and just
 * the listing's pages when most of the directory is needed. IDs may still arrive while it lists (group members are
 * read at the same time), so the listing overlaps the group expansion instead of waiting for it; it never runs ahead
 * of the IDs known. An ID the complete listing does not contain is not in the store (null). When the listing is not
 * allowed, everything is described instead, with a note.
 */
export class Resolver<T> {
  readonly found = new Map<string, T | null>();
  readonly stats = { listed: 0, described: 0, pages: 0, switchedToDescribe: false };
  listingProblem: AwsProblem | undefined;
  describeProblem: { problem: AwsProblem; missing: string[] } | undefined;
  private readonly wanted = new Set<string>();
  private readonly missing = new Set<string>();
  /** Items listed before anyone asked for them (a group's members may arrive after the page with them). */
  private readonly seen = new Map<string, T>();
  private listingComplete = false;
  /** The listing has stopped (complete, switched to describing, or failed). */
  private listingDone = false;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly listing: () => AsyncGenerator<T[]>,
    private readonly idOf: (item: T) => string,
    private readonly describe: (id: string, signal: AbortSignal) => Promise<T | null>,
    private readonly onProgress: (done: number, total: number) => void,
    private readonly signal: AbortSignal | undefined,
  ) {}

  get total(): number {
    return this.wanted.size;
  }

  add(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.wanted.has(id)) continue;
      this.wanted.add(id);
      const listed = this.seen.get(id);
      if (listed !== undefined) {
        this.found.set(id, listed);
        this.stats.listed++;
      } else if (this.listingComplete) this.found.set(id, null);
      else this.missing.add(id);
    }
    this.wakeUp();
  }

  /** No more IDs will be added. */
  close(): void {
    this.closed = true;
    if (this.listingDone) this.seen.clear();
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Whether to fetch another page; waits while the listing has cost as many calls as IDs are known. */
  private async another(): Promise<boolean> {
    while (!this.closed && this.stats.pages >= this.wanted.size) {
      if (this.signal?.aborted) throw this.signal.reason;
      await new Promise<void>((resolve) => {
        const done = () => {
          this.signal?.removeEventListener('abort', done);
          resolve();
        };
        this.wake = done;
        this.signal?.addEventListener('abort', done, { once: true });
      });
    }
    if (!this.closed) return true;
    if (this.missing.size > 0 && this.stats.pages < this.wanted.size) return true;
    if (this.missing.size > 0) this.stats.switchedToDescribe = true;
    return false;
  }

  /** Pages through the listing for as long as that is the cheaper way. */
  async list(): Promise<void> {
    try {
      if (!(await this.another())) return;
      for await (const page of this.listing()) {
        this.stats.pages++;
        for (const item of page) {
          const id = this.idOf(item);
          if (this.missing.delete(id)) {
            this.found.set(id, item);
            this.stats.listed++;
          } else if (!this.closed && !this.wanted.has(id)) this.seen.set(id, item);
        }
        this.onProgress(this.found.size, this.wanted.size);
        if (!(await this.another())) return;
      }
      // The whole directory was listed: what is still missing is not in it.
      this.listingComplete = true;
      for (const id of this.missing) this.found.set(id, null);
      this.missing.clear();
    } catch (err) {
      this.listingProblem = rethrowIfFatal(err);
      this.stats.switchedToDescribe = true;
    } finally {
      this.listingDone = true;
      // Items listed before they were asked for are kept until no more IDs can come: the listing may finish
      // while a group's members are still being read.
      if (this.closed) this.seen.clear();
    }
  }

  /** Describes what the listing did not find, one call each. */
  async describeRest(): Promise<void> {
    const failed: string[] = [];
    await eachUntilFailure(
      [...this.missing],
      this.signal,
      async (id, stop) => {
        this.found.set(id, await this.describe(id, stop));
        this.missing.delete(id);
        this.stats.described++;
        this.onProgress(this.found.size, this.wanted.size);
      },
      (id, problem) => {
        this.describeProblem ??= { problem, missing: failed };
        failed.push(id);
      },
    );
  }

  /** Lists, then describes the rest: for IDs all known up front. */
  async resolveAll(ids: readonly string[]): Promise<this> {
    this.add(ids);
    this.close();
    await this.list();
    await this.describeRest();
    return this;
  }
}

/**
 * Runs `task` for every item in parallel (the session's limiter paces them). After the first failure the rest are
 * not sent — one denied permission or an expired session would fail them all, and 10,000 doomed calls take minutes at
 * 20 a second — and each unsent or failed item is passed to `onFailure` with the first problem.
 */
async function eachUntilFailure<T>(
  items: readonly T[],
  signal: AbortSignal | undefined,
  task: (item: T, signal: AbortSignal) => Promise<void>,
  onFailure: (item: T, problem: AwsProblem) => void,
): Promise<void> {
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  const cancel = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', cancel, { once: true });
  let first: AwsProblem | undefined;
  try {
    await Promise.all(
      items.map(async (item) => {
        try {
          await task(item, stop.signal);
        } catch (err) {
          if (signal?.aborted) throw err;
          if (first && stop.signal.aborted) return onFailure(item, first);
          try {
            first = rethrowIfFatal(err);
          } finally {
            stop.abort();
          }
          onFailure(item, first);
        }
      }),
    );
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * Reads what the readiness check needs for one application. Calls run within the session's request limiter (20 a
 * second, 8 in flight). Access denied, throttling, expiry and timeouts part-way become gaps in the data (the report
 * says what was not checked and which permission is missing); only what makes the whole check meaningless (no
 * application, no assignments, cancellation) is thrown.
 */
export async function collectReadiness(
  api: IdentityCenter,
  target: ReadinessTarget,
  options: { signal?: AbortSignal; onProgress?: (p: ReadinessProgress) => void } = {},
): Promise<{ data: ReadinessData; strategy: ReadinessStrategy }> {
  const { signal } = options;
  const progress = (p: ReadinessProgress) => options.onProgress?.(p);
  const gaps: Gap[] = [];
  const notes: ReadinessData['notes'] = [];

  progress({ step: 'application', message: 'Reading the application', done: 0 });
  const application = target.application ?? (await api.application(target.applicationArn, signal));
  const [instance, providers, assignmentRequired] = await Promise.all([
    target.instance ??
      api.listInstances(signal).then((all) => {
        const match =
          all.find((i) => i.instanceArn === application.instanceArn) ?? (all.length === 1 ? all[0] : undefined);
        if (!match) {
          throw new AwsProblemError({
            kind: 'not-found',
            message: `The IAM Identity Center instance of ${application.name} is not in this account and Region; pass the Region of the instance.`,
          });
        }
        return match;
      }),
    api.applicationProviders(signal).catch((err: unknown) => {
      gaps.push(gap('application', 'the federation protocol', rethrowIfFatal(err)));
      return new Map();
    }),
    api.assignmentRequired(application.applicationArn, signal).catch((err: unknown) => {
      gaps.push(gap('application', 'whether assignment is required', rethrowIfFatal(err)));
      return undefined;
    }),
  ]);
  const storeId = instance.identityStoreId;

  progress({ step: 'assignments', message: 'Reading the assignments', done: 0 });
  const assignments = await api.listAssignments(application.applicationArn, signal);
  const groupIds = assignments.filter((a) => a.principalType === 'GROUP').map((a) => a.principalId);
  const direct = assignments.filter((a) => a.principalType === 'USER').map((a) => a.principalId);

  // Groups (names, members) and users at once, within the limiter: the user listing starts with the direct users and
  // keeps pace with the members as they are read, so the sequential user pages overlap the group expansion.
  let membersRead = 0;
  const users = new Resolver(
    () => api.userPages(storeId, signal),
    (u) => u.userId,
    (id, stop) => api.describeUser(storeId, id, stop),
    (done, total) =>
      progress({
        step: 'users',
        message: `Reading users (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})`,
        done,
        total,
      }),
    signal,
  );
  users.add(direct);
  progress({
    step: 'groups',
    message: `Expanding ${plural(groupIds.length, 'group')}`,
    done: 0,
    total: groupIds.length,
  });
  const names = new Resolver(
    () => api.groupPages(storeId, signal),
    (g) => g.groupId,
    (id, stop) => api.describeGroup(storeId, id, stop),
    () => undefined,
    signal,
  );
  const members = new Map<string, string[] | AwsProblem>();
  const expand = async () => {
    try {
      await eachUntilFailure(
        groupIds,
        signal,
        async (groupId, stop) => {
          const ids: string[] = [];
          try {
            // Page by page, so that the user listing can keep pace with the members known so far.
            for await (const page of api.groupMemberPages(storeId, groupId, stop)) {
              ids.push(...page);
              users.add(page);
            }
          } catch (err) {
            // A group deleted after it was assigned has no memberships to list.
            if (problemOf(err)?.kind !== 'not-found') throw err;
          }
          members.set(groupId, ids);
          progress({
            step: 'groups',
            message: `Expanding groups (${++membersRead} of ${groupIds.length})`,
            done: membersRead,
            total: groupIds.length,
          });
        },
        (groupId, problem) => members.set(groupId, problem),
      );
    } finally {
      users.close();
    }
  };
  await Promise.all([names.resolveAll(groupIds), expand(), users.list()]);
  await users.describeRest();

  if (names.listingProblem?.kind === 'access-denied') {
    notes.push(
      finding(
        'read-groups-one-by-one',
        'info',
        `Group names were read one by one because ${names.listingProblem.action} is not allowed; add it to read them in pages of 100.`,
      ),
    );
  } else if (names.listingProblem) {
    notes.push(
      finding('read-groups-one-by-one', 'info', `Group names were read one by one: ${names.listingProblem.message}`),
    );
  }
  if (names.describeProblem) {
    gaps.push(
      gap(
        'groups',
        `the names of ${plural(names.describeProblem.missing.length, 'group')}`,
        names.describeProblem.problem,
      ),
    );
  }
  const unreadGroups = groupIds.filter((id) => !Array.isArray(members.get(id)));
  if (unreadGroups.length > 0) {
    gaps.push(
      gap(
        'groups',
        `the members of ${plural(unreadGroups.length, 'group')} (${unreadGroups
          .map((id) => names.found.get(id)?.displayName ?? id)
          .slice(0, 5)
          .join(', ')}${unreadGroups.length > 5 ? ', …' : ''})`,
        members.get(unreadGroups[0]!) as AwsProblem,
      ),
    );
  }
  const groups: DirectoryGroup[] = groupIds.map((groupId) => {
    const named = names.found.get(groupId);
    const read = members.get(groupId);
    return {
      groupId,
      displayName: named?.displayName,
      exists: named !== null,
      memberIds: Array.isArray(read) ? read : undefined,
    };
  });

  if (users.listingProblem?.kind === 'access-denied') {
    notes.push(
      finding(
        'read-users-one-by-one',
        'info',
        `Users were read one by one because ${users.listingProblem.action} is not allowed; add it to read them in pages of 100 (much faster for large groups).`,
      ),
    );
  } else if (users.listingProblem) {
    notes.push(finding('read-users-one-by-one', 'info', `Users were read one by one: ${users.listingProblem.message}`));
  }
  if (users.describeProblem) {
    gaps.push(gap('users', plural(users.describeProblem.missing.length, 'user'), users.describeProblem.problem));
  }

  const provider = providers.get(application.applicationProviderArn ?? '');
  return {
    data: {
      application: {
        applicationArn: application.applicationArn,
        name: application.name,
        status: application.status,
        federationProtocol: provider?.federationProtocol,
      },
      assignmentRequired,
      assignments,
      groups,
      users: users.found as Map<string, DirectoryUser | null>,
      gaps,
      notes,
    },
    strategy: { users: users.stats, groups: names.stats },
  };
}
