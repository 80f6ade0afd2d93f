/**
 * How a sign-in's end is shown: the local time on the same day, the weekday within a week, the date after that. No
 * vscode import (the tree and the sign-in messages share it; unit-tested).
 */
const two = (n: number) => String(n).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localTime(at: Date, now: Date): string {
  const time = `${two(at.getHours())}:${two(at.getMinutes())}`;
  const sameDay = at.toDateString() === now.toDateString();
  if (sameDay) return time;
  const days = Math.abs(at.getTime() - now.getTime()) / 86_400_000;
  if (days < 6) return `${WEEKDAYS[at.getDay()]} ${time}`;
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${time}`;
}

/** "until 17:42" / "expired at 09:15" for an ISO time. */
export function expiryText(expiresAt: string, now = new Date()): string {
  const at = new Date(expiresAt);
  return at.getTime() > now.getTime() ? `until ${localTime(at, now)}` : `expired at ${localTime(at, now)}`;
}
