import type { Application, ApplicationProvider, AwsProblem, Instance, SessionStatus, SignInTarget } from '../aws';
import { ApplicationTraits } from '../core/applications/applications';

/** The tree's plain data. Children are cached on the node and dropped by a refresh of that node. */
interface Base {
  parent?: TreeNode;
  children?: Promise<TreeNode[]>;
}

export type TreeNode =
  | (Base & { kind: 'connection'; profile?: string; region?: string; signIn?: ConnectionSignIn })
  | (Base & { kind: 'instance'; instance: Instance })
  | (Base & {
      kind: 'application';
      app: Application;
      provider?: ApplicationProvider;
      traits: ApplicationTraits;
      instance: Instance;
    })
  | (Base & { kind: 'details'; app: Application; provider?: ApplicationProvider; instance: Instance })
  | (Base & { kind: 'assignments'; app: Application; instance: Instance })
  | (Base & {
      kind: 'principal';
      principalType: 'USER' | 'GROUP';
      principalId: string;
      displayName: string;
      exists: boolean;
    })
  | (Base & { kind: 'field'; label: string; value: string; copy?: boolean })
  | (Base & { kind: 'message'; text: string; icon: string; command?: { id: string; title: string } })
  | (Base & { kind: 'error'; problem: AwsProblem; retry: TreeNode | undefined });

/** The IAM Identity Center sign-in behind the connection's profile (absent for profiles that do not use one). */
export interface ConnectionSignIn {
  /** The profile the credentials come from (the setting, AWS_PROFILE or default). */
  profile: string;
  target: SignInTarget;
  accountId?: string;
  roleName?: string;
  status: SessionStatus;
}

/** What the sidebar shows of a config file that links an application (`application.applicationArn`). */
export interface LinkedConfig {
  /** The config, relative to the workspace. */
  path: string;
  /** `serviceProvider.id`, else Frontline's. */
  providerId: string;
  /** "Twilio Flex (enhanced SSO)"; undefined when the id names no built-in provider. */
  providerName?: string;
  /** The linter's errors and warnings on the config (information left out). */
  errors: number;
  warnings: number;
}
