/**
 * What a HeyMilo id can look like. HeyMilo's locators are its own ids (posting id, interview id),
 * so this is the one check both the reads (ids in paths and cursors) and the writes (the posting
 * a candidate is ingested into) make before any call.
 */

/**
 * Ids HeyMilo hands out are short alphanumerics (`D536A69A4090E13F`, `13D77095`, `cand_def456`).
 * Anything else (slashes, dots-only, spaces, empty, huge) cannot name a HeyMilo object, so it is
 * answered `null` without a request; accepted ids are still `encodeURIComponent`-ed in paths.
 */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.~-]{0,127}$/;

/** True when `value` can be a HeyMilo id (see SAFE_ID); anything else is answered without a request. */
export function isHeymiloId(value: string): boolean {
  return SAFE_ID.test(value);
}
