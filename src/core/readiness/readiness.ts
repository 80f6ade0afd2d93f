/**
 * Who can sign in to the service provider: the readiness check over an application's assignments (docs/features.md,
 * "Sign-in readiness"). Pure: it takes what src/aws collected and plain expectations (the claims each user needs, made
 * from a provider definition by expectations.ts; Frontline's when none are given) and returns the report the CLI
 * prints, the webview shows and CSV exports.
 *
 * Facts it relies on: `${user:email}` is the user's primary email (docs/domain.md §3); Frontline takes the worker's
 * identity from the `email` claim (§2), so two users with one address are one worker to it; the identity store's
 * user fields are those of §4 (there is no preferred user name: `${user:preferredUsername}` is taken to be the user
 * name, which AWS does not document, so findings on it are warnings).
 */
import { Severity, finding } from '../common/findings';
import { ClaimExpectation, ReadinessExpectations, frontlineExpectations, mergeClaims } from './claims';
import { claimValueReader, hasAnyName } from './claimValues';
import type {
  DirectoryEmail,
  DirectoryUser,
  GroupReadiness,
  PlainFinding,
  ReadinessData,
  ReadinessReport,
  UserReadiness,
} from './readinessReport';

export type * from './readinessReport';
export type { ClaimExpectation, ReadinessExpectations } from './claims';

/** The mapping the check follows: which variable feeds Frontline's email. */
export interface EmailSource {
  variable: string;
  /** Where it was read from ("frontline-sso.json", or undefined for the guide's default). */
  from?: string;
}

export const DEFAULT_EMAIL_SOURCE: EmailSource = { variable: '${user:email}' };

/** Longest address accepted as plausible (RFC 5321's path limit). */
const MAX_EMAIL_LENGTH = 254;

/** A plausible address: one @, something before it, a dotted domain after it, no spaces. Linear. */
export function plausibleEmail(value: string): boolean {
  if (value.length > MAX_EMAIL_LENGTH) return false;
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

/** How a user's address is read for a mapped variable. */
type AddressReader =
  { kind: 'email' } | { kind: 'userName' } | { kind: 'unchecked'; why: string } | { kind: 'literal'; value: string };

function addressReader(variable: string, whose: string): AddressReader {
  const trimmed = variable.trim();
  if (trimmed === '${user:email}') return { kind: 'email' };
  if (trimmed === '${user:preferredUsername}') return { kind: 'userName' };
  if (!trimmed.includes('${')) return { kind: 'literal', value: trimmed };
  return {
    kind: 'unchecked',
    why: `${whose} comes from ${trimmed}, which the identity store API does not expose, so addresses were not checked.`,
  };
}

const label = (u: DirectoryUser) => u.displayName || u.userName || u.userId;

/** The address a user's assertion would carry under `reader`, and the findings about it. */
function address(
  user: DirectoryUser,
  reader: AddressReader,
  claim: ClaimExpectation,
  words: Words,
): { email: string | null; findings: PlainFinding[] } {
  const source = claim.variable.trim();
  const who = label(user);
  const where = `IAM Identity Center → Users → ${who} → Edit (or the directory it is synced from)`;
  if (reader.kind === 'unchecked') return { email: null, findings: [] };
  if (reader.kind === 'literal') return { email: reader.value, findings: [] };
  if (reader.kind === 'userName') {
    // ${user:preferredUsername} is taken to be the user name: not documented by AWS, so at most a warning.
    const name = user.userName ?? '';
    if (plausibleEmail(name)) return { email: name, findings: [] };
    return {
      email: name || null,
      findings: [
        finding(
          'user-email-invalid',
          'warning',
          `${who}'s user name ${JSON.stringify(name.slice(0, 80))} is not an email address, and ${words.whose(claim)} comes from ${source} (taken to be the user name; not verified). To fix: map ${claim.claim} to \${user:email}, or use an email address as the user name.`,
        ),
      ],
    };
  }
  const emails = user.emails.filter((e) => typeof e.value === 'string' && e.value.trim() !== '');
  if (emails.length === 0) {
    return {
      email: null,
      findings: [
        finding(
          'user-no-email',
          'error',
          `${who} has no email address, so IAM Identity Center sends an empty ${words.carriers(claim)} and ${words.provider} cannot sign them in. To fix: add a primary email in ${where}.`,
        ),
      ],
    };
  }
  const primary = emails.filter((e) => e.primary === true);
  if (primary.length === 0 && emails.length > 1) {
    return {
      email: null,
      findings: [
        finding(
          'user-no-primary-email',
          'error',
          `${who} has ${emails.length} email addresses and none is primary; IAM Identity Center sends the primary one, so ${words.provider} gets none. To fix: mark one as primary in ${where}.`,
        ),
      ],
    };
  }
  const chosen = (primary[0] ?? emails[0]) as DirectoryEmail;
  const value = (chosen.value as string).trim();
  const findings: PlainFinding[] = [];
  if (primary.length === 0) {
    findings.push(
      finding(
        'user-email-not-primary',
        'warning',
        `${who}'s only email address, ${value}, is not marked primary; IAM Identity Center sends the primary one (not verified for a single address). To fix: mark it as primary in ${where}.`,
      ),
    );
  }
  if (!plausibleEmail(value)) {
    findings.push(
      finding(
        'user-email-invalid',
        'error',
        `${who}'s email ${JSON.stringify(value.slice(0, 80))} is not an email address, so ${words.provider} cannot identify the ${words.person}. To fix: correct it in ${where}.`,
      ),
    );
  }
  return { email: value, findings };
}

const byName = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').localeCompare(b ?? '');

/** How messages name the provider, the person and a claim. */
interface Words {
  provider: string;
  person: string;
  /** "Frontline's email", "Twilio Flex (enhanced SSO)'s full_name". */
  whose: (claim: ClaimExpectation) => string;
  /** The claims that carry the value: "Subject and email". */
  carriers: (claim: ClaimExpectation) => string;
}

function wordsOf(e: ReadinessExpectations): Words {
  return {
    provider: e.providerName,
    person: e.person,
    whose: (c) => `${e.providerName}'s ${c.claim}`,
    carriers: (c) => [...(c.alsoIn ?? []), c.claim].join(' and '),
  };
}

/** The findings on one user's value for a claim that needs a value, not an address; and the value. */
function claimFindings(
  user: DirectoryUser,
  claim: ClaimExpectation,
  words: Words,
): { value: string | null; findings: PlainFinding[] } {
  const reader = claimValueReader(claim.variable);
  if (reader.kind !== 'field') return { value: reader.kind === 'literal' ? reader.value : null, findings: [] };
  const who = label(user);
  const where = `IAM Identity Center → Users → ${who} → Edit (or the directory it is synced from)`;
  const variable = claim.variable.trim();
  const value = reader.read(user);
  const findings: PlainFinding[] = [];
  if (value === undefined) {
    // An undocumented variable is only surely empty when the user has no name at all (for ${user:name}).
    const surelyEmpty = reader.verified || (variable === '${user:name}' ? !hasAnyName(user) : !user.userName);
    findings.push(
      finding(
        surelyEmpty ? 'user-claim-empty' : 'user-claim-unverified',
        surelyEmpty ? 'error' : 'warning',
        `${who} has no ${reader.field}, so IAM Identity Center sends an empty ${words.carriers(claim)} (${variable}) and ${words.provider} ${surelyEmpty ? 'cannot sign them in' : 'may refuse them'}${surelyEmpty ? '' : ` (${variable} is taken to be the ${reader.field}; not verified)`}. To fix: fill in the ${reader.field} in ${where}.`,
      ),
    );
  } else if (claim.value === 'persistent' && variable === '${user:email}') {
    findings.push(
      finding(
        'user-claim-not-persistent',
        'warning',
        `${who}'s ${words.carriers(claim)} is their email address (${variable}), which can change; ${words.provider} needs an identifier that stays the same, so a changed address would be a new account. To fix: map ${claim.claim} to \${user:subject}, unless addresses never change.`,
      ),
    );
  }
  return { value: value ?? null, findings };
}

/**
 * The readiness report for what was collected. `expected` says which claims each user needs (expectations.ts makes
 * them from a provider); an EmailSource (or nothing) means Frontline's, with its email from that variable.
 */
export function checkReadiness(
  data: ReadinessData,
  expected: ReadinessExpectations | EmailSource = DEFAULT_EMAIL_SOURCE,
): ReadinessReport {
  const expectations = 'claims' in expected ? expected : frontlineExpectations(expected);
  const words = wordsOf(expectations);
  const P = expectations.providerName;
  const claims = mergeClaims(expectations.claims);
  /** The claim whose address the report shows (Frontline's email). */
  const emailClaim = claims.find((c) => c.value === 'email');
  const valueClaims = claims.filter((c) => c !== emailClaim);
  const reader = emailClaim ? addressReader(emailClaim.variable, words.whose(emailClaim)) : undefined;
  const app = data.application;
  const findings: PlainFinding[] = [];
  const notChecked = [...data.gaps];

  // Application-level findings.
  if (app.status && app.status !== 'ENABLED') {
    findings.push(
      finding(
        'app-disabled',
        'error',
        `The application is ${app.status.toLowerCase()}: nobody can sign in to ${P} through it. To fix: enable it in the IAM Identity Center console (Applications → ${app.name} → Actions).`,
      ),
    );
  }
  if (app.federationProtocol && app.federationProtocol !== 'SAML') {
    findings.push(
      finding(
        'app-not-saml',
        'error',
        `The application uses ${app.federationProtocol}; ${P} signs in with SAML 2.0. To fix: use a custom SAML 2.0 application.`,
      ),
    );
  }
  if (data.assignmentRequired === false) {
    findings.push(
      finding(
        'app-assignment-not-required',
        'warning',
        `Assignment is not required, so everyone in the directory can sign in to ${P}, not only the users and groups checked here. To fix: require assignments (Applications → Actions → Edit user and group assignment settings), unless that is intended.`,
      ),
    );
  }
  if (data.assignments.length === 0 && data.assignmentRequired !== false) {
    findings.push(
      finding(
        'app-no-assignments',
        'error',
        `Nobody is assigned to the application, so nobody can sign in to ${P}. To fix: assign the ${P} users or groups.`,
      ),
    );
  }
  if (emailClaim && reader) {
    const variable = emailClaim.variable.trim();
    if (reader.kind === 'unchecked') findings.push(finding('email-source-unchecked', 'warning', reader.why));
    if (reader.kind === 'literal') {
      findings.push(
        finding(
          'email-source-literal',
          'error',
          `${words.whose(emailClaim)} is mapped to the fixed text ${JSON.stringify(reader.value.slice(0, 80))}, so every user would sign in as the same ${words.person}. To fix: map ${emailClaim.claim} to \${user:email}.`,
        ),
      );
    }
    if (variable !== DEFAULT_EMAIL_SOURCE.variable && reader.kind !== 'literal') {
      findings.push(
        finding(
          'email-source-mapped',
          'info',
          `${words.whose(emailClaim)} comes from ${variable}${emailClaim.from ? ` (as mapped in ${emailClaim.from})` : ''}, so that attribute was checked instead of the primary email.`,
        ),
      );
    }
  }
  for (const claim of valueClaims) {
    const r = claimValueReader(claim.variable);
    const variable = claim.variable.trim();
    if (r.kind === 'unchecked') {
      findings.push(
        finding(
          'claim-source-unchecked',
          'warning',
          `${words.whose(claim)} comes from ${variable}, which the identity store API does not expose, so its values were not checked.`,
        ),
      );
    } else if (r.kind === 'literal' && claim.identifiesUser) {
      findings.push(
        finding(
          'claim-source-literal',
          'error',
          `${words.whose(claim)} is mapped to the fixed text ${JSON.stringify(r.value.slice(0, 80))}, so every user would sign in as the same ${words.person}. To fix: map ${claim.claim} to a user attribute.`,
        ),
      );
    }
  }
  findings.push(...(data.notes ?? []).map(({ code, severity, message }) => ({ code, severity, message })));

  // Who is reachable, and how.
  const via = new Map<string, string[]>();
  const reach = (userId: string, how: string) => {
    const list = via.get(userId) ?? [];
    if (!list.includes(how)) list.push(how);
    via.set(userId, list);
  };
  for (const a of data.assignments) if (a.principalType === 'USER') reach(a.principalId, 'direct');
  const groups: GroupReadiness[] = [];
  for (const group of data.groups) {
    const groupFindings: PlainFinding[] = [];
    const name = group.displayName || group.groupId;
    if (!group.exists) {
      groupFindings.push(
        finding(
          'group-deleted',
          'warning',
          `Group ${group.groupId} is assigned but no longer in the identity store. To fix: remove the assignment.`,
        ),
      );
    } else if (group.memberIds?.length === 0) {
      groupFindings.push(
        finding(
          'group-empty',
          'warning',
          `Group ${name} is assigned but has no members, so it lets nobody sign in. To fix: add the ${P} ${words.person}s to it, or remove the assignment.`,
        ),
      );
    }
    for (const id of group.memberIds ?? []) reach(id, group.groupId);
    groups.push({
      groupId: group.groupId,
      displayName: group.displayName ?? null,
      memberCount: group.exists ? (group.memberIds?.length ?? null) : 0,
      findings: groupFindings,
    });
  }
  groups.sort((a, b) => byName(a.displayName ?? a.groupId, b.displayName ?? b.groupId));

  // Per user.
  const users: UserReadiness[] = [];
  const deleted: string[] = [];
  let unread = 0;
  for (const [userId, ways] of via) {
    const user = data.users.get(userId);
    if (user === undefined) {
      unread++;
      continue;
    }
    if (user === null) {
      if (ways.includes('direct')) deleted.push(userId);
      continue;
    }
    const { email, findings: userFindings } =
      emailClaim && reader ? address(user, reader, emailClaim, words) : { email: null, findings: [] };
    const values: Record<string, string | null> = {};
    for (const claim of valueClaims) {
      const checked = claimFindings(user, claim, words);
      values[claim.claim] = checked.value;
      userFindings.push(...checked.findings);
    }
    if (ways.length > 1) {
      userFindings.push(
        finding(
          'user-several-assignments',
          'info',
          `${label(user)} can sign in through ${ways.length} assignments (${ways.map((w) => (w === 'direct' ? 'assigned directly' : `group ${data.groups.find((g) => g.groupId === w)?.displayName ?? w}`)).join(', ')}); removing one leaves access through the others.`,
        ),
      );
    }
    users.push({
      userId,
      userName: user.userName ?? null,
      displayName: user.displayName ?? null,
      email,
      ready: false,
      via: ways,
      findings: userFindings,
      values,
    });
  }
  for (const userId of deleted) {
    findings.push(
      finding(
        'principal-deleted',
        'warning',
        `User ${userId} is assigned but no longer in the identity store. To fix: remove the assignment.`,
      ),
    );
  }
  // Users the collector neither read nor reported as a gap still make the report incomplete.
  if (unread > 0 && !data.gaps.some((g) => g.scope === 'users')) {
    notChecked.push({
      what: `${unread} user${unread === 1 ? '' : 's'}`,
      reason: 'Their details could not be read.',
      scope: 'users',
    });
  }

  // The same address on two users collides in Frontline (workers are identified by email): an error on both.
  if (emailClaim?.identifiesUser && (reader?.kind === 'email' || reader?.kind === 'userName')) {
    const owners = new Map<string, UserReadiness[]>();
    for (const u of users) {
      if (!u.email) continue;
      const key = u.email.toLowerCase();
      owners.set(key, [...(owners.get(key) ?? []), u]);
    }
    for (const same of owners.values()) {
      if (same.length < 2) continue;
      for (const u of same) {
        const others = same
          .filter((o) => o !== u)
          .map((o) => o.displayName || o.userName || o.userId)
          .slice(0, 5);
        u.findings.push(
          finding(
            'user-email-duplicate',
            'error',
            `${u.displayName || u.userName || u.userId} has the same email (${u.email}) as ${others.join(', ')}${same.length > 6 ? ` and ${same.length - 6} more` : ''}; ${P} identifies ${words.person}s by email, so they would sign in as one ${words.person}. To fix: give each user their own address.`,
          ),
        );
      }
    }
  }

  // Any other value that names the user: the same value on two users is one account to the provider.
  for (const claim of valueClaims.filter((c) => c.identifiesUser)) {
    const owners = new Map<string, UserReadiness[]>();
    for (const u of users) {
      const value = u.values?.[claim.claim];
      if (value) owners.set(value, [...(owners.get(value) ?? []), u]);
    }
    for (const same of owners.values()) {
      if (same.length < 2) continue;
      for (const u of same) {
        const others = same.filter((o) => o !== u).map((o) => o.displayName || o.userName || o.userId);
        u.findings.push(
          finding(
            'user-claim-duplicate',
            'error',
            `${u.displayName || u.userName || u.userId} has the same ${claim.claim} (${JSON.stringify(u.values?.[claim.claim]?.slice(0, 80))}) as ${others.slice(0, 5).join(', ')}${same.length > 6 ? ` and ${same.length - 6} more` : ''}; ${P} tells ${words.person}s apart by it, so they would sign in as one. To fix: map ${claim.claim} to an attribute unique to each user.`,
          ),
        );
      }
    }
  }

  const blocking = (f: PlainFinding) => f.severity === 'error';
  const appBlocks = findings.some(
    (f) =>
      blocking(f) && ['app-disabled', 'app-not-saml', 'email-source-literal', 'claim-source-literal'].includes(f.code),
  );
  for (const u of users) u.ready = !appBlocks && !u.findings.some(blocking);
  // Not ready first, then by name, so the work to do is at the top.
  users.sort(
    (a, b) =>
      Number(a.ready) - Number(b.ready) ||
      byName(a.displayName ?? a.userName, b.displayName ?? b.userName) ||
      a.userId.localeCompare(b.userId),
  );

  if (notChecked.length > 0) {
    findings.unshift(
      finding(
        'check-incomplete',
        'error',
        `The check is incomplete: ${notChecked.map((g) => `${g.what} ${g.permission ? `(needs ${g.permission})` : `(${g.reason.replace(/\.$/, '')})`}`).join('; ')}.`,
      ),
    );
  }
  const ready = users.filter((u) => u.ready).length;
  return {
    applicationArn: app.applicationArn,
    applicationName: app.name,
    status: app.status ?? null,
    assignmentRequired: data.assignmentRequired ?? null,
    emailSource: emailClaim?.variable.trim() ?? '',
    provider: { id: expectations.providerId ?? null, name: P },
    claims: claims.map((c) => ({ claim: c.claim, variable: c.variable.trim(), value: c.value })),
    summary: {
      users: users.length,
      ready,
      notReady: users.length - ready,
      groups: groups.length,
      emptyGroups: groups.filter((g) => g.findings.some((f) => f.code === 'group-empty')).length,
    },
    users,
    groups,
    findings: sortFindings(findings),
    complete: notChecked.length === 0,
    notChecked,
  };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const sortFindings = (list: PlainFinding[]) => list.sort((a, b) => RANK[a.severity] - RANK[b.severity]);

/** CLI exit status for a report (docs/cli.md): 2 incomplete, 1 a user not ready or an app error, else 0. */
export function readinessExitCode(report: ReadinessReport): 0 | 1 | 2 {
  if (!report.complete) return 2;
  if (report.summary.notReady > 0 || report.findings.some((f) => f.severity === 'error')) return 1;
  return 0;
}

/** One line for the tree and the status bar: "12 ready · 3 not ready". */
export function readinessSummaryText(report: ReadinessReport): string {
  const parts = [`${report.summary.ready} ready`, `${report.summary.notReady} not ready`];
  if (!report.complete) parts.push('incomplete');
  return parts.join(' · ');
}

/**
 * A formula character (=, +, -, @, tab, CR) at the start of the text or of a piece after a separator (, ; tab) or a
 * line break, spaces allowed before it.
 */
const FORMULA_START = /(?:^|[,;\t\r\n])[ ]*[=+\-@\t\r]/;

/**
 * One CSV cell: always quoted, and prefixed with an apostrophe when a spreadsheet could take it, or any piece of it
 * between separators, as a formula. Every cell is quoted because spreadsheets in many locales split on `;` (or tab),
 * not on `,`: an unquoted `Bob;=1+1;` is three cells there, the second a formula. The apostrophe also covers
 * programs that split inside quotes (the OWASP advice for CSV injection).
 */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The users as CSV (RFC 4180), every cell quoted. Names and addresses come from the directory, so cells are defused
 * against formulas (see csvCell).
 */
export function readinessCsv(report: ReadinessReport): string {
  const groupName = new Map(report.groups.map((g) => [g.groupId, g.displayName ?? g.groupId]));
  const header = ['Ready', 'Display name', 'User name', 'Email', 'Assigned via', 'Problems', 'User ID'];
  const rows = report.users.map((u) => [
    u.ready ? 'yes' : 'no',
    u.displayName,
    u.userName,
    u.email,
    u.via.map((v) => (v === 'direct' ? 'direct' : `group ${groupName.get(v) ?? v}`)).join('; '),
    u.findings
      .filter((f) => f.severity !== 'info')
      .map((f) => f.message)
      .join(' | '),
    u.userId,
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
