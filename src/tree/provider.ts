import { FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { escapeMarkdown } from '../host/markdown';
import { untrustedMarkdown } from '../host/markdownString';
import type { AwsModule } from '../lazyParts';
import type { AwsProblem, AwsSettings, IdentityCenter } from '../aws';
import { applicationTraits } from '../core/applications/applications';
import { awsSettings } from '../host/awsSettings';
import { awsSessions, errorAction } from '../host/awsSession';
import { loadAws } from '../lazyParts';
import { expiryText } from '../core/signin/signInExpiry';
import { ConnectionSignIn, LinkedConfig, TreeNode } from './nodes';
import { VIEW_ID } from './view';

/**
 * The Identity Center tree. The AWS SDK loads on the first getChildren, i.e. when the view is first shown. A refresh
 * cancels requests still running and makes a new session, which resolves the credentials anew.
 */
export class ApplicationsProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private aborter = new AbortController();
  private root: TreeNode | undefined;
  private rootLoading: Promise<TreeNode> | undefined;
  /** When to look at the sign-in again: renew it before it expires, or show "Sign in" once it has. */
  private signInTimer: ReturnType<typeof setTimeout> | undefined;
  /** While the top node says "Sign in": the token cache, so that `aws sso login` in a terminal shows at once. */
  private cacheWatcher: FSWatcher | undefined;
  private cacheDebounce: ReturnType<typeof setTimeout> | undefined;
  private configuredArns: ReadonlySet<string> = new Set();
  /** The config that links each application, by ARN (see configs.ts). */
  private linked: ReadonlyMap<string, LinkedConfig> = new Map();
  /** The last readiness check's summary per application ARN ("12 ready · 3 not ready"), shown on its node. */
  private readonly readiness = new Map<string, string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  dispose(): void {
    this.aborter.abort();
    clearTimeout(this.signInTimer);
    this.unwatchCache();
    awsSessions().reset();
    this.changed.dispose();
  }

  private aws(): AwsModule {
    return loadAws();
  }

  /** The shared session of the current refresh; the tree's actions use it too, so that they share its name cache. */
  api(): IdentityCenter {
    return awsSessions().shared();
  }

  /** Whole tree: cancel what runs, drop the session (credentials are resolved again) and all cached children. */
  refresh(): void {
    this.aborter.abort();
    this.aborter = new AbortController();
    awsSessions().reset();
    this.root = undefined;
    this.rootLoading = undefined;
    clearTimeout(this.signInTimer);
    this.unwatchCache();
    this.changed.fire(undefined);
  }

  /**
   * The configs that link applications changed: update the marks, labels and order of the applications already
   * listed, without asking AWS again.
   */
  setLinkedConfigs(linked: ReadonlyMap<string, LinkedConfig>): void {
    const key = (m: ReadonlyMap<string, LinkedConfig>) => JSON.stringify([...m].sort(([a], [b]) => a.localeCompare(b)));
    if (key(linked) === key(this.linked)) return;
    this.linked = linked;
    this.setConfiguredArns(new Set(linked.keys()));
    this.changed.fire(undefined);
  }

  /**
   * The applications config files link to changed: update the marks and order of the applications already listed,
   * without asking AWS again.
   */
  private setConfiguredArns(arns: ReadonlySet<string>): void {
    const same = arns.size === this.configuredArns.size && [...arns].every((a) => this.configuredArns.has(a));
    if (same) return;
    this.configuredArns = arns;
    void this.root?.children?.then((instances) => {
      for (const instance of instances) {
        if (instance.kind !== 'instance' || !instance.children) continue;
        instance.children = instance.children.then((nodes) => {
          for (const n of nodes) if (n.kind === 'application') n.traits = applicationTraits(n.app, n.provider, arns);
          return sortApplications(nodes);
        });
        this.changed.fire(instance);
      }
    });
  }

  /** Shows a readiness check's summary on the application's node (re-renders; nothing is asked of AWS). */
  setReadiness(applicationArn: string, summary: string): void {
    this.readiness.set(applicationArn, summary);
    this.changed.fire(undefined);
  }

  refreshNode(node: TreeNode | undefined): void {
    if (!node || node.kind === 'connection') return this.refresh();
    const target = node.kind === 'error' ? (node.retry ?? node.parent) : node;
    if (!target) return this.refresh();
    target.children = undefined;
    this.changed.fire(target);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      const settings = awsSettings();
      const region =
        settings.region ??
        (await this.aws()
          .profileRegion(settings.profile)
          .catch((err: unknown) => {
            // An unreadable ~/.aws/config: the welcome view asks for a Region, and the log says why.
            this.log.warn(`Could not read the Region of the AWS profile: ${(err as Error).message}`);
            return undefined;
          }));
      await vscode.commands.executeCommand('setContext', `${VIEW_ID}.idle`, !region);
      // No Region anywhere: the view's welcome content explains what to choose.
      if (!region) return [];
      this.rootLoading ??= this.signInState(settings).then((signIn) => {
        this.root = { kind: 'connection', profile: settings.profile, region, signIn };
        this.scheduleSignInCheck(signIn);
        this.watchCache(signIn);
        return this.root;
      });
      return [await this.rootLoading];
    }
    node.children ??= this.load(node).catch((err: unknown) => [this.errorNode(err, node)]);
    return node.children;
  }

  /**
   * The IAM Identity Center sign-in of the profile in use, read from the cache the AWS CLI shares (so `aws sso
   * login` counts) and renewed when it is about to expire. Undefined for credentials that are not a sign-in.
   */
  private async signInState(settings: AwsSettings): Promise<ConnectionSignIn | undefined> {
    const aws = this.aws();
    const profile = aws.chainProfile(settings.profile);
    if (!profile) return undefined;
    try {
      const config = await aws.readSsoConfig();
      const found = aws.targetOfProfile(config, profile);
      if (!('target' in found)) return undefined;
      const status = await aws.sessionStatus(
        found.target,
        { endpoint: settings.endpoint, timeoutSeconds: settings.timeoutSeconds, origin: 'extension' },
        { log: (line) => this.log.info(line), signal: this.aborter.signal },
      );
      return {
        profile,
        target: found.target,
        accountId: found.profile.accountId,
        roleName: found.profile.roleName,
        status,
      };
    } catch (err) {
      // The listing below says what is wrong with the settings or credentials; the log keeps this reason.
      this.log.warn(`Could not read the IAM Identity Center sign-in of profile ${profile}: ${(err as Error).message}`);
      return undefined;
    }
  }

  private scheduleSignInCheck(signIn: ConnectionSignIn | undefined): void {
    clearTimeout(this.signInTimer);
    if (signIn?.status.state !== 'signed-in') return;
    const now = Date.now();
    const expires = Date.parse(signIn.status.expiresAt);
    const renewAt = expires - this.aws().REFRESH_WINDOW_MS;
    const at = renewAt > now ? renewAt : expires + 1000;
    // setTimeout holds at most 2^31-1 ms (24.8 days).
    const delay = Math.min(Math.max(at - now, 1000), 2 ** 31 - 1);
    this.signInTimer = setTimeout(() => void this.recheckSignIn(), delay);
  }

  /**
   * Looks at the sign-in again: renewed in the background, the top node shows the new time; still signed out, it
   * shows why now; signed in or out since (expired, or `aws sso login` in a terminal), the whole tree is refreshed.
   */
  private async recheckSignIn(): Promise<void> {
    const root = this.root;
    if (root?.kind !== 'connection' || !root.signIn) return;
    const next = await this.signInState(awsSettings());
    if (this.root !== root) return;
    if (next?.status.state !== root.signIn.status.state) return this.refresh();
    root.signIn = next;
    this.changed.fire(root);
    // Still signed out (the file changed: another session, or one another endpoint issued): keep watching.
    if (next.status.state === 'signed-in') this.scheduleSignInCheck(next);
  }

  private watchCache(signIn: ConnectionSignIn | undefined): void {
    this.unwatchCache();
    if (signIn?.status.state !== 'signed-out') return;
    const file = basename(signIn.status.cacheFile);
    try {
      this.cacheWatcher = watch(dirname(signIn.status.cacheFile), (_event, name) => {
        if (name !== null && name.toString() !== file) return;
        // Writers replace the file in steps (a temporary file, then a rename): look once they are done.
        clearTimeout(this.cacheDebounce);
        this.cacheDebounce = setTimeout(() => void this.recheckSignIn(), 300);
      });
      this.cacheWatcher.on('error', () => this.unwatchCache());
    } catch {
      // No cache folder yet: the first sign-in creates it, and refreshes the tree itself.
    }
  }

  private unwatchCache(): void {
    clearTimeout(this.cacheDebounce);
    this.cacheWatcher?.close();
    this.cacheWatcher = undefined;
  }

  private errorNode(err: unknown, parent: TreeNode): TreeNode {
    const problem = problemOf(err);
    if (problem.kind !== 'cancelled') this.log.warn(`Identity Center: ${problem.message}`);
    if (problem.kind === 'unknown') this.log.error('Identity Center: unexpected failure', err);
    return { kind: 'error', problem, retry: parent, parent };
  }

  private async load(node: TreeNode): Promise<TreeNode[]> {
    const signal = this.aborter.signal;
    const api = this.api();
    const withParent = (children: TreeNode[]) => children.map((c) => Object.assign(c, { parent: node }));
    switch (node.kind) {
      case 'connection': {
        const instances = await api.listInstances(signal);
        if (instances.length === 0) {
          return withParent([
            {
              kind: 'message',
              icon: 'info',
              text: `No IAM Identity Center instance in ${node.region}. Choose the Region where it is.`,
              command: { id: 'frontlineSso.apps.selectRegion', title: 'Choose AWS Region' },
            },
          ]);
        }
        return withParent(instances.map((instance) => ({ kind: 'instance', instance })));
      }
      case 'instance': {
        const apps = await vscode.window.withProgress(
          { location: { viewId: VIEW_ID }, title: vscode.l10n.t('Listing applications') },
          () => this.aws().instanceApplications(api, node.instance, this.configuredArns, signal),
        );
        if (apps.length === 0)
          return withParent([
            {
              kind: 'message',
              icon: 'info',
              text: 'No applications in this instance yet. Create a custom SAML 2.0 application in the IAM Identity Center console.',
            },
          ]);
        const nodes: TreeNode[] = apps.map((listed) => ({ kind: 'application' as const, ...listed }));
        return withParent(sortApplications(nodes));
      }
      case 'application':
        return withParent([
          { kind: 'details', app: node.app, provider: node.provider, instance: node.instance },
          { kind: 'assignments', app: node.app, instance: node.instance },
        ]);
      case 'details': {
        const [required, tags] = await Promise.all([
          api.assignmentRequired(node.app.applicationArn, signal),
          // Tags are extra: without them the details still show, with a line that says why they are missing.
          api.listTags(node.instance.instanceArn, node.app.applicationArn, signal).then(
            (list) => ({ list }),
            (err: unknown) => {
              const problem = problemOf(err);
              if (problem.kind !== 'cancelled') this.log.warn(`Identity Center tags: ${problem.message}`);
              return { problem };
            },
          ),
        ]);
        const fields: Array<[string, string | undefined, boolean?]> = [
          ['ARN', node.app.applicationArn, true],
          ['Status', node.app.status],
          [
            'Provider',
            node.provider
              ? `${node.provider.displayName ?? node.provider.applicationProviderArn} (${node.provider.federationProtocol ?? '?'})`
              : node.app.applicationProviderArn,
          ],
          ['Account', node.app.applicationAccount, true],
          ['Created', node.app.createdDate?.slice(0, 10)],
          ['Shown in the access portal', node.app.portalVisibility],
          ['Assignment required', required === undefined ? undefined : required ? 'yes' : 'no'],
          ...('problem' in tags
            ? [['Tags', `not shown: ${tags.problem.message}`] as [string, string]]
            : Object.entries(tags.list).map(([k, v]) => [`Tag ${k}`, v] as [string, string])),
        ];
        return withParent(
          fields
            .filter(([, v]) => v !== undefined)
            .map(([label, value, copy]) => ({ kind: 'field', label, value: value as string, copy })),
        );
      }
      case 'assignments': {
        const assignments = await api.listAssignments(node.app.applicationArn, signal);
        if (assignments.length === 0)
          return withParent([
            { kind: 'message', icon: 'warning', text: 'Nobody is assigned: users cannot sign in to Frontline.' },
          ]);
        const principals = await Promise.all(
          assignments.map(async (a) => ({ a, p: await api.principal(node.instance.identityStoreId, a, signal) })),
        );
        return withParent(
          principals.map(({ a, p }) => ({
            kind: 'principal',
            principalType: a.principalType,
            principalId: a.principalId,
            displayName: p.displayName,
            exists: p.exists,
          })),
        );
      }
      // Leaves: nothing below them.
      case 'principal':
      case 'field':
      case 'message':
      case 'error':
        return [];
      default:
        return unreachable(node);
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = this.treeItem(node);
    // Screen readers hear the label and its description (VS Code would otherwise read a string tooltip).
    item.accessibilityInformation ??= {
      label: [item.label, item.description].filter((x) => typeof x === 'string' && x).join(', '),
    };
    return item;
  }

  private treeItem(node: TreeNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'connection':
        return connectionItem(node);
      case 'instance': {
        const item = new vscode.TreeItem(
          node.instance.name ?? node.instance.instanceArn.split('/').pop() ?? 'instance',
          C.Expanded,
        );
        item.description = vscode.l10n.t('identity store {0}', node.instance.identityStoreId);
        item.tooltip = untrustedMarkdown(
          vscode.l10n.t(
            '**{0}**\n\nOwner account {1} · {2}',
            escapeMarkdown(node.instance.instanceArn),
            escapeMarkdown(node.instance.ownerAccountId ?? '?'),
            escapeMarkdown(node.instance.status ?? ''),
          ),
        );
        item.iconPath = new vscode.ThemeIcon('organization');
        item.contextValue = 'instance refreshable hasArn';
        return item;
      }
      case 'application': {
        const { app, traits } = node;
        const item = new vscode.TreeItem(app.name, C.Collapsed);
        const linked = this.linked.get(app.applicationArn);
        const lint = linked ? lintState(linked) : undefined;
        // A catalog application is named by AWS's own label for its provider (ListApplicationProviders).
        const catalog =
          !linked && !traits.customSaml && traits.federationProtocol === 'SAML'
            ? node.provider?.displayName
            : undefined;
        const parts = [
          app.status?.toLowerCase(),
          traits.federationProtocol ?? 'unknown protocol',
          traits.customSaml ? 'custom SAML' : undefined,
          linked ? vscode.l10n.t('for {0}', providerLabel(linked)) : undefined,
          lint,
          catalog,
          traits.likelyFrontline && !linked ? 'likely Frontline' : undefined,
        ];
        const readiness = this.readiness.get(app.applicationArn);
        item.description = [...parts, readiness].filter(Boolean).join(' · ');
        item.iconPath = traits.likelyFrontline
          ? new vscode.ThemeIcon('star-full', new vscode.ThemeColor('charts.yellow'))
          : app.status === 'DISABLED'
            ? new vscode.ThemeIcon('circle-slash')
            : new vscode.ThemeIcon(traits.federationProtocol === 'SAML' ? 'key' : 'plug');
        // Names, descriptions and config paths are whatever someone typed: escaped.
        const linkedLine = linked
          ? `\n\nLinked in ${escapeMarkdown(linked.path)} for **${escapeMarkdown(providerLabel(linked))}**: ${escapeMarkdown(lint ?? '')}`
          : '';
        item.tooltip = untrustedMarkdown(
          `**${escapeMarkdown(app.name)}**${app.description ? ` — ${escapeMarkdown(app.description)}` : ''}\n\n${escapeMarkdown(app.applicationArn)}\n\nProvider: ${escapeMarkdown(node.provider?.displayName ?? app.applicationProviderArn ?? '?')}; created ${escapeMarkdown(app.createdDate?.slice(0, 10) ?? '?')}${linkedLine}`,
        );
        item.contextValue = 'application hasArn refreshable';
        // The icon (star, slash, key) says nothing to a screen reader: the status words are in the label read out.
        item.accessibilityInformation = {
          label: `${app.name}, application, ${app.status === 'DISABLED' ? 'disabled, nobody can sign in' : (app.status?.toLowerCase() ?? 'status unknown')}, ${parts.slice(1).filter(Boolean).join(', ')}${readiness ? `, sign-in readiness: ${readiness.replace(/ · /g, ', ')}` : ''}`,
        };
        return item;
      }
      case 'details': {
        const item = new vscode.TreeItem(vscode.l10n.t('Details'), C.Collapsed);
        item.iconPath = new vscode.ThemeIcon('info');
        item.contextValue = 'details refreshable';
        return item;
      }
      case 'assignments': {
        const item = new vscode.TreeItem(vscode.l10n.t('Assignments'), C.Collapsed);
        item.iconPath = new vscode.ThemeIcon('person');
        item.contextValue = 'assignments refreshable';
        return item;
      }
      case 'principal': {
        const item = new vscode.TreeItem(node.displayName, C.None);
        item.description = `${node.principalType.toLowerCase()}${node.exists ? '' : ' · not in the identity store'}`;
        item.iconPath = new vscode.ThemeIcon(
          !node.exists ? 'warning' : node.principalType === 'GROUP' ? 'organization' : 'person',
        );
        item.tooltip = `${node.principalType} ${node.principalId}`;
        item.accessibilityInformation = {
          label: node.exists
            ? `${node.displayName}, ${node.principalType.toLowerCase()}`
            : `Warning: ${node.displayName}, ${node.principalType.toLowerCase()} still assigned but not in the identity store`,
        };
        return item;
      }
      case 'field': {
        const item = new vscode.TreeItem(node.label, C.None);
        item.description = node.value;
        item.tooltip = `${node.label}: ${node.value}`;
        if (node.copy) item.command = { command: 'frontlineSso.apps.copyArn', title: 'Copy', arguments: [node] };
        item.contextValue = node.copy ? 'field hasArn' : 'field';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, C.None);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.text;
        if (node.command) item.command = { command: node.command.id, title: node.command.title };
        const level = node.icon === 'warning' ? 'Warning: ' : node.icon === 'error' ? 'Error: ' : '';
        item.accessibilityInformation = { label: `${level}${node.text}` };
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(node.problem.message, C.None);
        const action = errorAction(node.problem);
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.tooltip = vscode.l10n.t('{0}\n\nClick to {1}.', node.problem.message, lowerFirst(action.title));
        item.accessibilityInformation = {
          label: `Error: ${node.problem.message} Activate to ${lowerFirst(action.title)}.`,
        };
        item.command = { command: action.id, title: action.title, arguments: action.arguments ?? [node] };
        item.contextValue = `error refreshable${node.problem.kind === 'sso-expired' || node.problem.kind === 'expired-credentials' ? ' ssoExpired' : ''}`;
        return item;
      }
    }
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * The top node: the profile and, for an IAM Identity Center profile, who is signed in (role and account) and until
 * when. A sign-in that has expired or is missing makes the node "Sign in", which signs in when clicked.
 */
function connectionItem(node: Extract<TreeNode, { kind: 'connection' }>): vscode.TreeItem {
  const C = vscode.TreeItemCollapsibleState;
  const signIn = node.signIn;
  const session = signIn ? (signIn.target.sessionName ?? signIn.target.startUrl) : '';
  if (signIn?.status.state === 'signed-out') {
    const status = signIn.status;
    const item = new vscode.TreeItem(vscode.l10n.t('Sign in'), C.None);
    item.description = `${session}: ${
      status.reason === 'expired' && status.expiresAt
        ? expiryText(status.expiresAt)
        : status.reason === 'other-endpoint'
          ? 'signed in at another endpoint'
          : 'not signed in'
    }`;
    item.iconPath = new vscode.ThemeIcon('sign-in');
    item.command = { command: 'frontlineSso.apps.signIn', title: 'Sign in', arguments: [node] };
    item.contextValue = 'connection signIn';
    item.tooltip = untrustedMarkdown(
      vscode.l10n.t(
        '{0}\n\nClick to sign in to IAM Identity Center ({1}). Profile {2} then works here and in the AWS CLI.',
        escapeMarkdown(status.message),
        escapeMarkdown(signIn.target.startUrl),
        escapeMarkdown(signIn.profile),
      ),
    );
    item.accessibilityInformation = { label: `Sign in. ${status.message} Activate to sign in.` };
    return item;
  }
  const item = new vscode.TreeItem(
    node.profile ? vscode.l10n.t('Profile {0}', node.profile) : vscode.l10n.t('Default credentials'),
    C.Expanded,
  );
  item.iconPath = new vscode.ThemeIcon('account');
  item.contextValue = signIn ? 'connection refreshable signedIn' : 'connection refreshable';
  if (signIn?.status.state === 'signed-in') {
    const who = signIn.roleName && signIn.accountId ? `${signIn.roleName} in ${signIn.accountId}` : session;
    const until = expiryText(signIn.status.expiresAt);
    item.description = vscode.l10n.t('{0} · signed in {1}', who, until);
    const text = escapeMarkdown;
    item.tooltip = untrustedMarkdown(
      [
        `Signed in to IAM Identity Center **${text(session)}** ${text(until)} (${text(signIn.status.expiresAt)}).`,
        `${text(signIn.target.startUrl)} · ${text(signIn.target.region)}`,
        signIn.roleName
          ? `Role ${text(signIn.roleName)} in account ${text(signIn.accountId ?? '?')}, Region ${text(node.region ?? '?')}.`
          : '',
        signIn.status.state === 'signed-in' && signIn.status.refreshProblem
          ? `Could not renew: ${text(signIn.status.refreshProblem)}`
          : 'Renewed before it expires while VS Code runs; the AWS CLI uses the same session.',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    item.accessibilityInformation = {
      label: `${String(item.label)}, ${who}, signed in to ${session} ${until}`,
    };
  } else {
    item.description = node.region;
    item.tooltip = vscode.l10n.t('Choose the profile and Region with the buttons in the view title.');
  }
  return item;
}

/** Likely Frontline apps first, then custom SAML apps, then the rest; by name within each. */
function sortApplications(nodes: TreeNode[]): TreeNode[] {
  const rank = (n: TreeNode) =>
    n.kind !== 'application' ? 3 : n.traits.likelyFrontline ? 0 : n.traits.customSaml ? 1 : 2;
  const name = (n: TreeNode) => (n.kind === 'application' ? n.app.name : '');
  return nodes.sort((a, b) => rank(a) - rank(b) || name(a).localeCompare(name(b)));
}

/** The problem an error carries, or an 'unknown' one with its message. */
function problemOf(err: unknown): AwsProblem {
  return (
    (err as { problem?: AwsProblem }).problem ?? { kind: 'unknown', message: (err as Error)?.message ?? String(err) }
  );
}

/** Makes a switch over node kinds fail to compile when a kind is added and not handled. */
function unreachable(node: never): never {
  throw new Error(`Unhandled tree node ${JSON.stringify((node as { kind?: string }).kind)}`);
}

/** "Twilio Flex (enhanced SSO)", or the id a config names when no built-in provider has it. */
function providerLabel(linked: LinkedConfig): string {
  return linked.providerName ?? vscode.l10n.t('unknown provider "{0}"', linked.providerId.slice(0, 64));
}

/** "lint clean", "2 lint findings" (the config's errors and warnings). */
function lintState(linked: LinkedConfig): string {
  const count = linked.errors + linked.warnings;
  if (count === 0) return vscode.l10n.t('lint clean');
  return count === 1 ? vscode.l10n.t('1 lint finding') : vscode.l10n.t('{0} lint findings', count);
}
