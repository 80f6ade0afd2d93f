/**
 * The readiness check's data and report types (docs/features.md, "Sign-in readiness"), apart from the check itself so that the
 * report's webview can import them without the rest of src/core. Types only.
 */
import type { Finding } from '../common/findings';

export interface DirectoryEmail {
  value?: string;
  type?: string;
  primary?: boolean;
}

/** A user as the identity store describes it (the fields the check reads). */
export interface DirectoryUser {
  userId: string;
  userName?: string;
  displayName?: string;
  /** The Name fields (`${user:givenName}` and the like read them); absent when the directory has none. */
  name?: { formatted?: string; givenName?: string; familyName?: string; middleName?: string };
  emails: DirectoryEmail[];
}

export interface DirectoryGroup {
  groupId: string;
  displayName?: string;
  /** False when the identity store no longer has the group. */
  exists: boolean;
  /** Member user IDs; undefined when they could not be read (see `gaps`). */
  memberIds?: string[];
}

/** Something the check could not read, and why. */
export interface Gap {
  /** What was not checked, for people: "the members of 3 groups", "12 users". */
  what: string;
  /** The problem's sentence (access denied, throttled, expired credentials, …). */
  reason: string;
  /** The IAM action that would have allowed it, when access was denied. */
  permission?: string;
  /** What kind of thing was not checked (users not read make the user counts incomplete). */
  scope: 'application' | 'groups' | 'users';
}

/** Everything src/aws collected for one application. */
export interface ReadinessData {
  application: {
    applicationArn: string;
    name: string;
    status?: string;
    federationProtocol?: string;
  };
  /** Undefined when it could not be read. */
  assignmentRequired?: boolean;
  assignments: Array<{ principalType: 'USER' | 'GROUP'; principalId: string }>;
  groups: DirectoryGroup[];
  /** Users by ID; null when the identity store no longer has the user; absent when not read (see `gaps`). */
  users: ReadonlyMap<string, DirectoryUser | null>;
  gaps: Gap[];
  /** Notes on how the data was read (a slower path taken because a permission is missing). */
  notes?: Finding[];
}

export type PlainFinding = Pick<Finding, 'code' | 'severity' | 'message'>;

export interface UserReadiness {
  userId: string;
  userName: string | null;
  displayName: string | null;
  /** The address the provider would receive (its email claim), or null (none, or the provider reads no address). */
  email: string | null;
  ready: boolean;
  /** "direct" and/or the IDs of the groups the user is assigned through. */
  via: string[];
  findings: PlainFinding[];
  /** The value of each other claim the provider needs (by claim name), null when the user has none. */
  values?: Record<string, string | null>;
}

export interface GroupReadiness {
  groupId: string;
  displayName: string | null;
  /** Null when the members could not be read. */
  memberCount: number | null;
  findings: PlainFinding[];
}

/** The report: the JSON contract of `frontline-sso readiness --json` (docs/cli.md). */
export interface ReadinessReport {
  applicationArn: string;
  applicationName: string;
  status: string | null;
  assignmentRequired: boolean | null;
  /**
   * The variable the provider's email claim comes from, as mapped (`${user:email}` unless a config says otherwise);
   * empty when the provider reads no address (GitHub).
   */
  emailSource: string;
  /** The provider checked for ("Frontline" unless a config or `--provider` names another). */
  provider: { id: string | null; name: string };
  /** Every claim checked per user, and the variable it comes from. */
  claims: Array<{ claim: string; variable: string; value: 'text' | 'email' | 'persistent' }>;
  summary: { users: number; ready: number; notReady: number; groups: number; emptyGroups: number };
  users: UserReadiness[];
  groups: GroupReadiness[];
  findings: PlainFinding[];
  /** False when something could not be checked; `notChecked` says what and why. */
  complete: boolean;
  notChecked: Gap[];
}
