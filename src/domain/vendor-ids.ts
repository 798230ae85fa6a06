/**
 * What a vendor's ids look like, checked before any vendor call: an id outside its vendor's
 * grammar cannot name an object there, and sending it (a 200 KB id in a URL) only earns a 414/431
 * or a socket error that reads as the vendor failing. A vendor that documents its ids only as
 * "string" gets the default check: a sane length and characters that travel in a URL unescaped.
 */
import type { EntityKind } from './entity-kind';

/** Longest id of a vendor that declares no grammar of its own, in characters (a UUID is 36). */
export const DEFAULT_MAX_ID_LENGTH = 128;

/** A vendor's ids; its descriptor's `ids`. */
export interface VendorIdGrammar {
  /**
   * What is wrong with `locator` as the locator of a `kind` (the part of a global id after
   * `<provider>:<Type>:`), in words fit for the client that never repeat the value; null when
   * nothing is. Pure and cheap: it runs on every id a client sends.
   */
  check(kind: EntityKind, locator: string): string | null;
}

/**
 * RFC 3986 unreserved characters, starting with a letter or digit: no escaping in a path or query,
 * and never `.` or `..` (a path segment a URL resolves away).
 */
const URL_SAFE = /^[A-Za-z0-9][A-Za-z0-9._~-]*$/;

/** The default check of one opaque id; `what` names it in the answer (e.g. "its candidate id"). */
export function opaqueIdProblem(value: string, what = 'it', maxLength = DEFAULT_MAX_ID_LENGTH): string | null {
  if (value.length === 0) return `${what} is empty`;
  if (value.length > maxLength) return `${what} is ${value.length} characters long, more than the ${maxLength} an id can have`;
  if (!URL_SAFE.test(value)) return `${what} may hold only letters, digits, "-", "_", "." and "~", starting with a letter or digit`;
  return null;
}

/** Vendors that declare no grammar: one opaque id per locator. */
export const OPAQUE_IDS: VendorIdGrammar = { check: (_kind, locator) => opaqueIdProblem(locator) };
