/**
 * What an Evalyo id can look like. Shared by the read path (locators put into URL paths) and the
 * write path (ids put into request bodies), so both refuse the same garbage without a call.
 */

/**
 * Evalyo ids are opaque strings (cuid-like in the simulator). Anything that is not a short run
 * of letters, digits, `_` and `-` (slashes, dots, spaces, empty, huge) cannot name an Evalyo
 * object, so it is answered without a request; accepted ids are still URL-encoded.
 */
export const EVALYO_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** True when `value` can be an Evalyo id (see EVALYO_ID_PATTERN). */
export function isEvalyoId(value: unknown): value is string {
  return typeof value === 'string' && EVALYO_ID_PATTERN.test(value);
}
