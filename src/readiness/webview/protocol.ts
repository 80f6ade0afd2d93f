/**
 * The readiness report's host ⇄ webview messages: one module imported by both sides (no vscode, no DOM). Every
 * message is checked on receipt with the parse functions below, within size bounds; anything else is ignored.
 */
import type { GroupReadiness, ReadinessReport, UserReadiness } from '../../core/readiness/readinessReport';

export type ToWebview =
  | { type: 'report'; report: ReadinessReport; checkedAt: string }
  | { type: 'busy'; message: string }
  | { type: 'failed'; message: string };

export type ToHost =
  { type: 'ready' } | { type: 'exportCsv' } | { type: 'rerun' } | { type: 'showPolicy'; permission?: string };

/** Bounds on what is accepted: larger than any real report (Identity Center allows 100,000 users per store). */
export const LIMITS = { users: 200_000, groups: 10_000, findings: 200, text: 4096 } as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= LIMITS.text;
const isTextOrNull = (v: unknown) => v === null || isText(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1e7;
const isList = (v: unknown, max: number, each: (x: unknown) => boolean) =>
  Array.isArray(v) && v.length <= max && v.every(each);

function isFinding(v: unknown): boolean {
  return (
    isObject(v) &&
    isText(v.code) &&
    (v.severity === 'error' || v.severity === 'warning' || v.severity === 'info') &&
    isText(v.message)
  );
}

function isUser(v: unknown): v is UserReadiness {
  return (
    isObject(v) &&
    isText(v.userId) &&
    isTextOrNull(v.userName) &&
    isTextOrNull(v.displayName) &&
    isTextOrNull(v.email) &&
    typeof v.ready === 'boolean' &&
    isList(v.via, LIMITS.groups + 1, isText) &&
    isList(v.findings, LIMITS.findings, isFinding)
  );
}

function isGroup(v: unknown): v is GroupReadiness {
  return (
    isObject(v) &&
    isText(v.groupId) &&
    isTextOrNull(v.displayName) &&
    (v.memberCount === null || isCount(v.memberCount)) &&
    isList(v.findings, LIMITS.findings, isFinding)
  );
}

function isGap(v: unknown): boolean {
  return (
    isObject(v) &&
    isText(v.what) &&
    isText(v.reason) &&
    (v.permission === undefined || isText(v.permission)) &&
    (v.scope === 'application' || v.scope === 'groups' || v.scope === 'users')
  );
}

export function isReadinessReport(v: unknown): v is ReadinessReport {
  if (!isObject(v) || !isObject(v.summary)) return false;
  const s = v.summary;
  return (
    isText(v.applicationArn) &&
    isText(v.applicationName) &&
    isTextOrNull(v.status) &&
    (v.assignmentRequired === null || typeof v.assignmentRequired === 'boolean') &&
    isText(v.emailSource) &&
    isObject(v.provider) &&
    isTextOrNull(v.provider.id) &&
    isText(v.provider.name) &&
    isList(
      v.claims,
      LIMITS.findings,
      (c) =>
        isObject(c) &&
        isText(c.claim) &&
        isText(c.variable) &&
        ['text', 'email', 'persistent'].includes(c.value as string),
    ) &&
    ['users', 'ready', 'notReady', 'groups', 'emptyGroups'].every((k) => isCount(s[k])) &&
    isList(v.users, LIMITS.users, isUser) &&
    isList(v.groups, LIMITS.groups, isGroup) &&
    isList(v.findings, LIMITS.findings, isFinding) &&
    typeof v.complete === 'boolean' &&
    isList(v.notChecked, LIMITS.findings, isGap)
  );
}

/** Validates a message from the host; undefined when it is not one of ours. */
export function parseToWebview(v: unknown): ToWebview | undefined {
  if (!isObject(v)) return undefined;
  switch (v.type) {
    case 'report':
      return isReadinessReport(v.report) && isText(v.checkedAt)
        ? { type: 'report', report: v.report, checkedAt: v.checkedAt }
        : undefined;
    case 'busy':
    case 'failed':
      return isText(v.message) ? { type: v.type, message: v.message } : undefined;
    default:
      return undefined;
  }
}

/** Validates a message from the webview; undefined when it is not one of ours. */
export function parseToHost(v: unknown): ToHost | undefined {
  if (!isObject(v)) return undefined;
  switch (v.type) {
    case 'ready':
    case 'exportCsv':
    case 'rerun':
      return { type: v.type };
    case 'showPolicy':
      return v.permission === undefined || (isText(v.permission) && /^[a-z]+:[A-Za-z]+$/.test(v.permission))
        ? { type: 'showPolicy', ...(v.permission ? { permission: v.permission as string } : {}) }
        : undefined;
    default:
      return undefined;
  }
}
