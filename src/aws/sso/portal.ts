import { ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { collectPages } from '../calls';
import { page, optionalString, requiredString } from '../responses';
import { GuardedClient, clientConfig } from './client';
import { SignInSettings, resolveCall } from './endpoints';

/** The AWS access portal (docs/domain.md §5): the accounts and roles a signed-in user may use. */

export interface PortalAccount {
  accountId: string;
  accountName?: string;
  emailAddress?: string;
}

export class AccessPortal {
  private readonly sdk: GuardedClient<SSOClient>;

  constructor(
    region: string,
    settings: SignInSettings,
    /** Where a listing stops; smaller only in tests. */
    private readonly maxPages?: number,
  ) {
    const call = resolveCall(settings, 'SSO', region);
    this.sdk = new GuardedClient(new SSOClient(clientConfig(call, region)), call);
  }

  dispose(): void {
    this.sdk.dispose();
  }

  private async all<T>(operation: string, fetch: (token?: string) => Promise<{ items: T[]; nextToken?: string }>) {
    try {
      return await collectPages(fetch, { maxPages: this.maxPages });
    } catch (err) {
      throw this.sdk.problem(err, operation);
    }
  }

  async listAccounts(accessToken: string, signal?: AbortSignal): Promise<PortalAccount[]> {
    const accounts = await this.all('ListAccounts', (nextToken) =>
      this.sdk.send(
        'ListAccounts',
        new ListAccountsCommand({ accessToken, nextToken, maxResults: 100 }),
        signal,
        (out) =>
          pageOf(out, 'accountList', (a, at) => ({
            accountId: requiredString(a, 'accountId', at),
            accountName: optionalString(a, 'accountName', at),
            emailAddress: optionalString(a, 'emailAddress', at),
          })),
      ),
    );
    return accounts.sort((a, b) => (a.accountName ?? a.accountId).localeCompare(b.accountName ?? b.accountId));
  }

  async listAccountRoles(accessToken: string, accountId: string, signal?: AbortSignal): Promise<string[]> {
    const roles = await this.all('ListAccountRoles', (nextToken) =>
      this.sdk.send(
        'ListAccountRoles',
        new ListAccountRolesCommand({ accessToken, accountId, nextToken, maxResults: 100 }),
        signal,
        (out) => pageOf(out, 'roleList', (r, at) => requiredString(r, 'roleName', at)),
      ),
    );
    return [...new Set(roles)].sort((a, b) => a.localeCompare(b));
  }
}

/** The portal's pages carry `nextToken` (camel case), unlike sso-admin's `NextToken`. */
function pageOf<T>(out: Record<string, unknown>, key: string, item: (v: Record<string, unknown>, at: string) => T) {
  const { items } = page(out, key, item);
  return { items, nextToken: optionalString(out, 'nextToken', '') || undefined };
}
