import type { Application, ApplicationProvider, AwsProblem, Instance } from '../aws';
import { ApplicationTraits } from '../core/applications';

/** The tree's plain data. Children are cached on the node and dropped by a refresh of that node. */
interface Base {
  parent?: TreeNode;
  children?: Promise<TreeNode[]>;
}

export type TreeNode =
  | (Base & { kind: 'connection'; profile?: string; region?: string })
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
