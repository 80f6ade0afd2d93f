import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  EMPTY_MEMORY,
  WatchedCertificate,
  afterMute,
  afterReminder,
  daysLeftText,
  expiryStage,
  readMemory,
  reminderDue,
  statusLevel,
} from '../../src/core/drift/expiryWatch';

const NOW = new Date('2026-12-01T09:00:00Z');
const cert = (sha256: string, daysRemaining: number, expired = false): WatchedCertificate => ({
  sha256,
  subject: 'CN=amazonaws.com',
  notAfter: new Date(NOW.getTime() + daysRemaining * 86_400_000 + (expired ? -1 : 3_600_000)).toISOString(),
  daysRemaining,
  expired,
  configs: ['frontline-sso.json'],
});

describe('expiry watch: thresholds and reminders', () => {
  test('the status bar: hidden beyond 90 days, warning within, error within 7 days and once expired', () => {
    const level = (days: number, expired = false) => statusLevel(expiryStage(days, expired));
    assert.deepEqual(
      [level(400), level(91), level(90), level(30), level(8), level(7), level(0), level(-3, true)],
      ['hidden', 'hidden', 'warning', 'warning', 'warning', 'error', 'error', 'error'],
    );
    assert.deepEqual(
      [
        daysLeftText(23, false),
        daysLeftText(1, false),
        daysLeftText(0, false),
        daysLeftText(-3, true),
        daysLeftText(0, true),
      ],
      ['23 days left', '1 day left', 'expires today', 'expired 3 days ago', 'expired today'],
    );
  });

  test('a reminder when a threshold is crossed (90, 30, 7, expired), once per threshold', () => {
    let memory = EMPTY_MEMORY;
    assert.equal(reminderDue([cert('A', 120)], memory, NOW), undefined, 'nothing within 90 days');
    const at90 = cert('A', 89);
    assert.equal(reminderDue([at90], memory, NOW), at90);
    memory = afterReminder(memory, at90, NOW);
    const nextDay = new Date(NOW.getTime() + 25 * 3_600_000);
    assert.equal(reminderDue([cert('A', 60)], memory, nextDay), undefined, 'still the same threshold');
    const at30 = cert('A', 30);
    assert.equal(reminderDue([at30], memory, nextDay), at30);
    memory = afterReminder(memory, at30, nextDay);
    const later = new Date(nextDay.getTime() + 25 * 3_600_000);
    assert.equal(reminderDue([cert('A', 8)], memory, later), undefined);
    assert.equal(reminderDue([cert('A', 7)], memory, later)?.sha256, 'A');
    memory = afterReminder(memory, cert('A', 7), later);
    const expired = cert('A', -1, true);
    assert.equal(reminderDue([expired], memory, new Date(later.getTime() + 86_400_000)), expired);
  });

  test('at most one reminder a day, whatever the number of certificates', () => {
    const a = cert('A', 20);
    const b = cert('B', 5);
    assert.equal(reminderDue([a, b], EMPTY_MEMORY, NOW), b, 'the most urgent first');
    const memory = afterReminder(EMPTY_MEMORY, b, NOW);
    assert.equal(reminderDue([a, b], memory, new Date(NOW.getTime() + 23 * 3_600_000)), undefined);
    assert.equal(reminderDue([a, b], memory, new Date(NOW.getTime() + 24 * 3_600_000)), a);
  });

  test('"Don\'t remind me for this certificate" silences that certificate only', () => {
    const memory = afterMute(EMPTY_MEMORY, 'B');
    assert.equal(reminderDue([cert('B', 3)], memory, NOW), undefined);
    assert.equal(reminderDue([cert('B', 3), cert('A', 40)], memory, NOW)?.sha256, 'A');
    assert.equal(afterMute(memory, 'B'), memory, 'muting twice changes nothing');
  });

  test('remembered state from storage is checked: malformed parts count as nothing remembered', () => {
    assert.deepEqual(readMemory(undefined), EMPTY_MEMORY);
    assert.deepEqual(readMemory('junk'), EMPTY_MEMORY);
    assert.deepEqual(
      readMemory({ reminded: { A: 'days30', B: 'soon' }, muted: ['C', 3], lastReminderAt: 'yesterday' }),
      { reminded: { A: 'days30' }, muted: ['C'] },
    );
    const stored = afterReminder(EMPTY_MEMORY, cert('A', 10), NOW);
    assert.deepEqual(readMemory(JSON.parse(JSON.stringify(stored))), stored);
  });
});
