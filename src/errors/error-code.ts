/**
 * Every `extensions.code` the gateway returns. Clients switch on these; they are part of the API.
 */
export enum ErrorCode {
  /** The request itself is wrong (bad id, bad argument); retrying it unchanged will fail again. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** The vendor has no such object (or the id's locator no longer resolves). */
  NOT_FOUND = 'NOT_FOUND',
  /** The vendor refused the connection, answered 5xx, or is switched off. */
  VENDOR_UNAVAILABLE = 'VENDOR_UNAVAILABLE',
  /** The vendor did not answer within the configured timeout. */
  VENDOR_TIMEOUT = 'VENDOR_TIMEOUT',
  /** The vendor answered 429; `extensions.retryAfterSeconds` says when to try again, if known. */
  VENDOR_RATE_LIMITED = 'VENDOR_RATE_LIMITED',
  /** The vendor rejected the gateway's credential (401/403). An operator must fix the key. */
  VENDOR_AUTH_FAILED = 'VENDOR_AUTH_FAILED',
  /** The vendor answered with something that does not match its documented shape (schema drift). */
  VENDOR_BAD_RESPONSE = 'VENDOR_BAD_RESPONSE',
  /** The vendor is not configured on this gateway (no API key and not in sandbox mode). */
  VENDOR_NOT_CONFIGURED = 'VENDOR_NOT_CONFIGURED',
  /** The identity index (email → interviews; Redis when configured) cannot be read right now. */
  INDEX_UNAVAILABLE = 'INDEX_UNAVAILABLE',
  /** Anything untyped; details are in the server log only. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
