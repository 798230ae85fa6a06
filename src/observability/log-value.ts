/**
 * What a log line carries of one value a client or a vendor chose (a URL, an id, a vendor's body):
 * at most LOG_VALUE_MAX characters, so a 200 KB id costs the log a line of a few KB, not 200 KB
 * per call it reaches. The start is kept (a URL's route and first parameters) with the length cut.
 */

/** Longest string kept of one value, in characters (two such values and the rest of a line stay near 2 KB). */
export const LOG_VALUE_MAX = 1024;

export function logValue(value: string): string;
export function logValue(value: unknown): unknown;
/** Strings are cut; an object whose JSON is longer than the cap is logged as that JSON, cut; anything else as it is. */
export function logValue(value: unknown): unknown {
  if (typeof value === 'string') return cut(value);
  if (value === null || typeof value !== 'object') return value;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return '[unserializable]';
  }
  return json !== undefined && json.length > LOG_VALUE_MAX ? cut(json) : value;
}

function cut(value: string): string {
  return value.length > LOG_VALUE_MAX ? `${value.slice(0, LOG_VALUE_MAX)}…(${value.length - LOG_VALUE_MAX} more characters)` : value;
}
