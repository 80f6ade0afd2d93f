import { EXPIRY_WARNING_DAYS } from '../certificates/certificates';

/**
 * When the expiry watch speaks up (docs/features.md, "Certificate rotation and live metadata"): a status-bar item within the AWS
 * console's 90 days (an error colour from 7 days), and a reminder each time a certificate crosses a threshold —
 * 90, 30, 7 days, expired — at most once a day, never for a certificate the user muted.
 */

/** The thresholds, most urgent last. */
export type ExpiryStage = 'ok' | 'days90' | 'days30' | 'days7' | 'expired';
const STAGES: readonly ExpiryStage[] = ['ok', 'days90', 'days30', 'days7', 'expired'];
export const URGENT_DAYS = 7;
const DAY_MS = 86_400_000;

export function expiryStage(daysRemaining: number, expired: boolean): ExpiryStage {
  if (expired) return 'expired';
  if (daysRemaining <= URGENT_DAYS) return 'days7';
  if (daysRemaining <= 30) return 'days30';
  if (daysRemaining <= EXPIRY_WARNING_DAYS) return 'days90';
  return 'ok';
}

export function stageRank(stage: ExpiryStage): number {
  return STAGES.indexOf(stage);
}

/** How the status-bar item looks: hidden beyond 90 days, a warning within, an error within 7 days or once expired. */
export function statusLevel(stage: ExpiryStage): 'hidden' | 'warning' | 'error' {
  if (stage === 'ok') return 'hidden';
  return stage === 'days7' || stage === 'expired' ? 'error' : 'warning';
}

/** "23 days left", "1 day left", "expires today", "expired 3 days ago". */
export function daysLeftText(daysRemaining: number, expired: boolean): string {
  if (expired) {
    const ago = -daysRemaining;
    return ago <= 0 ? 'expired today' : `expired ${ago === 1 ? '1 day' : `${ago} days`} ago`;
  }
  if (daysRemaining <= 0) return 'expires today';
  return `${daysRemaining === 1 ? '1 day' : `${daysRemaining} days`} left`;
}

/** A certificate the watch found in a config. */
export interface WatchedCertificate {
  sha256: string;
  subject: string;
  notAfter: string;
  daysRemaining: number;
  expired: boolean;
  /** The config files (workspace-relative) that name it. */
  configs: string[];
}

/** What the watch remembers between sessions (VS Code's globalState): per certificate fingerprint. */
export interface ReminderMemory {
  /** The most urgent stage each certificate was reminded of. */
  reminded: Record<string, ExpiryStage>;
  /** Certificates the user asked not to be reminded of. */
  muted: string[];
  /** When the last reminder was shown (ISO time): at most one a day. */
  lastReminderAt?: string;
}

export const EMPTY_MEMORY: ReminderMemory = { reminded: {}, muted: [] };

/** The certificate to remind of now, if any: the most urgent one that crossed a threshold since its last reminder. */
export function reminderDue(
  certificates: readonly WatchedCertificate[],
  memory: ReminderMemory,
  now: Date,
): WatchedCertificate | undefined {
  if (memory.lastReminderAt && now.getTime() - new Date(memory.lastReminderAt).getTime() < DAY_MS) return undefined;
  const due = certificates.filter((c) => {
    if (memory.muted.includes(c.sha256)) return false;
    const stage = expiryStage(c.daysRemaining, c.expired);
    return stage !== 'ok' && stageRank(stage) > stageRank(memory.reminded[c.sha256] ?? 'ok');
  });
  return mostUrgent(due);
}

/** The memory after a reminder about `certificate` was shown. */
export function afterReminder(memory: ReminderMemory, certificate: WatchedCertificate, now: Date): ReminderMemory {
  return {
    ...memory,
    reminded: { ...memory.reminded, [certificate.sha256]: expiryStage(certificate.daysRemaining, certificate.expired) },
    lastReminderAt: now.toISOString(),
  };
}

export function afterMute(memory: ReminderMemory, sha256: string): ReminderMemory {
  return memory.muted.includes(sha256) ? memory : { ...memory, muted: [...memory.muted, sha256] };
}

/** The certificate that expires first (expired ones first of all). */
export function mostUrgent(certificates: readonly WatchedCertificate[]): WatchedCertificate | undefined {
  return [...certificates].sort((a, b) => a.notAfter.localeCompare(b.notAfter))[0];
}

/** A remembered value read back from storage, checked: anything malformed counts as nothing remembered. */
export function readMemory(value: unknown): ReminderMemory {
  if (typeof value !== 'object' || value === null) return EMPTY_MEMORY;
  const v = value as Partial<ReminderMemory>;
  const reminded: Record<string, ExpiryStage> = {};
  if (typeof v.reminded === 'object' && v.reminded !== null) {
    for (const [k, stage] of Object.entries(v.reminded))
      if (STAGES.includes(stage as ExpiryStage)) reminded[k] = stage as ExpiryStage;
  }
  return {
    reminded,
    muted: Array.isArray(v.muted) ? v.muted.filter((m): m is string => typeof m === 'string') : [],
    ...(typeof v.lastReminderAt === 'string' && !Number.isNaN(Date.parse(v.lastReminderAt))
      ? { lastReminderAt: v.lastReminderAt }
      : {}),
  };
}
