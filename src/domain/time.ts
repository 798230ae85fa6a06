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
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const time = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Any string `Date.parse` reads unambiguously with a zone (ISO-8601 with Z/offset, HTTP-date). */
export function fromZonedString(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
