/**
 * SAML times (core §1.3.3): xs:dateTime in UTC. Parsed here rather than with `new Date(text)`, which reads a time
 * without a zone in the machine's local time and accepts forms that are not xs:dateTime at all.
 */

/** The clock-skew allowance when none is configured (docs/domain.md §6). */
export const DEFAULT_CLOCK_SKEW_SECONDS = 180;
/** The largest allowance accepted: beyond an hour a captured response should be checked with `--at` instead. */
export const MAX_CLOCK_SKEW_SECONDS = 3600;

export type SamlTime = { ok: true; date: Date; zone: 'utc' | 'none' | 'offset' } | { ok: false; reason: string };

const DATE_TIME = /^(\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,12}))?(Z|[+-]\d{2}:\d{2})?$/;

export function parseSamlTime(value: string): SamlTime {
  const m = DATE_TIME.exec(value);
  if (!m) return { ok: false, reason: 'not an xs:dateTime such as 2026-12-01T12:00:00Z' };
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as number[];
  const millis = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  const midnight = hour === 24 && minute === 0 && second === 0 && millis === 0;
  if (month! < 1 || month! > 12 || day! < 1 || (hour! > 23 && !midnight) || minute! > 59 || second! > 59) {
    return { ok: false, reason: 'a date or time field is out of range' };
  }
  // Date.UTC reads years 0–99 as 1900–1999: set the full year explicitly.
  const day0 = new Date(0);
  day0.setUTCFullYear(year!, month! - 1, day!);
  day0.setUTCHours(midnight ? 0 : hour!, minute!, second!, millis);
  let ms = day0.getTime();
  if (!Number.isFinite(ms) || day0.getUTCDate() !== day) {
    return { ok: false, reason: Number.isFinite(ms) ? 'no such day' : 'outside the range of dates' };
  }
  if (midnight) ms += 86_400_000;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [oh, om] = zone.slice(1).split(':').map(Number) as [number, number];
    if (oh > 14 || om > 59) return { ok: false, reason: 'the time-zone offset is out of range' };
    ms -= sign * (oh * 60 + om) * 60_000;
  }
  const date = new Date(ms);
  if (!Number.isFinite(date.getTime())) return { ok: false, reason: 'outside the range of dates' };
  return { ok: true, date, zone: zone === 'Z' ? 'utc' : zone ? 'offset' : 'none' };
}

/** "5 minutes", "2 hours": for messages about how far off a time is. */
export function duration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const m = Math.round(seconds / 60);
  if (m < 120) return m === 1 ? '1 minute' : `${m} minutes`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} hours`;
  return `${Math.round(h / 24)} days`;
}
