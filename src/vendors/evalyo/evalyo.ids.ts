/** Evalyo ids are opaque strings; one outside this pattern cannot name an Evalyo object, so it is answered without a request. */
export const EVALYO_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function isEvalyoId(value: unknown): value is string {
  return typeof value === 'string' && EVALYO_ID_PATTERN.test(value);
}
