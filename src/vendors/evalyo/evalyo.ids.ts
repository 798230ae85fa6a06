/** Evalyo ids are opaque; anything else cannot name an Evalyo object and is answered without a request. */
export const EVALYO_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** True when `value` can be an Evalyo id (see EVALYO_ID_PATTERN). */
export function isEvalyoId(value: unknown): value is string {
  return typeof value === 'string' && EVALYO_ID_PATTERN.test(value);
}
