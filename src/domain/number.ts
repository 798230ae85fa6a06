/** Largest and smallest values of a GraphQL `Int` (32-bit signed). */
const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

/**
 * A vendor number for a field the schema types `Int`: rounded to a whole number; null when
 * absent, not finite, or outside 32 bits (e.g. an epoch timestamp where an offset belongs) — a
 * value the field cannot hold is left out (it stays in `raw`), never sent to fail the response.
 */
export function wholeNumberOrNull(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const whole = Math.round(value);
  return whole >= INT_MIN && whole <= INT_MAX ? whole : null;
}
