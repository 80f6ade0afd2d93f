/**
 * What IAM Identity Center puts in a claim for one user, read from the identity store's user (docs/domain.md §3 lists
 * the variables). Used for the claims that need a value, not an address (src/core/readiness/readiness.ts reads those).
 *
 * What AWS documents and what is assumed: `${user:givenName}`, `${user:familyName}` and `${user:middleName}` are the
 * user's Name fields of the same names; `${user:email}` is the primary email. AWS does not say which field
 * `${user:name}`, `${user:preferredUsername}` or `${user:subject}` read: the check takes the display name for the
 * first and the user name for the other two, and says so ("not verified") when that decides anything.
 */
import type { DirectoryUser } from './readinessReport';

export type ClaimValueReader =
  | { kind: 'literal'; value: string }
  /** Read from the user; `verified` is false when AWS does not document which field the variable reads. */
  | { kind: 'field'; field: string; verified: boolean; read: (user: DirectoryUser) => string | undefined }
  | { kind: 'unchecked' };

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

const FIELDS: Record<string, Extract<ClaimValueReader, { kind: 'field' }>> = {
  '${user:email}': {
    kind: 'field',
    field: 'primary email',
    verified: true,
    read: (u) =>
      blank(
        u.emails.find((e) => e.primary === true)?.value ?? (u.emails.length === 1 ? u.emails[0]?.value : undefined),
      ),
  },
  '${user:givenName}': { kind: 'field', field: 'first name', verified: true, read: (u) => blank(u.name?.givenName) },
  '${user:familyName}': { kind: 'field', field: 'last name', verified: true, read: (u) => blank(u.name?.familyName) },
  '${user:middleName}': { kind: 'field', field: 'middle name', verified: true, read: (u) => blank(u.name?.middleName) },
  '${user:name}': { kind: 'field', field: 'display name', verified: false, read: (u) => blank(u.displayName) },
  '${user:preferredUsername}': { kind: 'field', field: 'user name', verified: false, read: (u) => blank(u.userName) },
  '${user:subject}': { kind: 'field', field: 'user name', verified: false, read: (u) => blank(u.userName) },
};

export function claimValueReader(variable: string): ClaimValueReader {
  const trimmed = variable.trim();
  const field = FIELDS[trimmed];
  if (field) return field;
  if (!trimmed.includes('${')) return { kind: 'literal', value: trimmed };
  return { kind: 'unchecked' };
}

/** Whether the user has any name at all: with none, whatever `${user:name}` reads is surely empty. */
export function hasAnyName(user: DirectoryUser): boolean {
  return [user.displayName, user.name?.formatted, user.name?.givenName, user.name?.familyName].some((v) => blank(v));
}
