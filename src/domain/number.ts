/** GraphQL `Int` is 32-bit signed. */
const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

/** Null when outside 32 bits (e.g. an epoch where an offset belongs): left out rather than failing the response. */
export function wholeNumberOrNull(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const whole = Math.round(value);
  return whole >= INT_MIN && whole <= INT_MAX ? whole : null;
}
