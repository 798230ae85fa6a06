/** All return null for missing or unreadable input rather than guessing. */
import { type TimeField, type TimeNote, TimeOrigin } from './model';

/** `fields`: [model field, value served, vendor source]; a field served as null needs no note. */
export function timeNotes(origin: TimeOrigin, fields: ReadonlyArray<readonly [TimeField, string | null, string]>): TimeNote[] {
  return fields.filter(([, served]) => served !== null).map(([field, , source]) => ({ field, origin, source }));
}

/** Unix epoch seconds (HeyMilo `created_at`, SMS transcript timestamps). */
export function fromEpochSeconds(value: number | null | undefined): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return fromEpochMillis(value * 1000);
}

/** Unix epoch milliseconds (Xobin transcript timestamps, recording keys). */
export function fromEpochMillis(value: number | null | undefined): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const date = new Date(value);
  // Past ±8.64e15 ms (year 275760) a Date is invalid and toISOString throws: unreadable.
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `YYYY-MM-DD[ HH:MM[:SS]]` (micro1): no zone documented, read as UTC. */
export function fromNaiveUtc(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  const written = naiveAsIso(text);
  if (written !== null) return written;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const time = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/**
 * The usual full form `YYYY-MM-DD HH:MM:SS` with every field in range (years 1000–9999) rewritten
 * as ISO-8601 directly: the very string the Date round trip gives, at a tenth of its cost (a
 * micro1 page converts a few hundred). Anything else (other forms, rollovers such as 02-30 or
 * 24:00, two-digit years, which Date maps to 19xx) returns null and takes the Date path.
 */
function naiveAsIso(text: string): string | null {
  if (text.length !== 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32) return null;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  return `${text.slice(0, 10)}T${text.slice(11)}.000Z`;
}

/** The decimal number written at `text[start, start + length)`; -1 unless all are ASCII digits. */
function digits(text: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i += 1) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Any string `Date.parse` reads unambiguously with a zone (ISO-8601 with Z/offset, HTTP-date). */
export function fromZonedString(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
