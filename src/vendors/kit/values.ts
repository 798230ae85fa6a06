/** The text as sent, or null when it is absent or only whitespace. */
export function nonEmpty(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value : null;
}

/** True for a number that can be used as one (not NaN, not ±Infinity). */
export function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
