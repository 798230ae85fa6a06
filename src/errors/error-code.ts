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
  /**
   * The vendor refused a write as invalid (its own validation, e.g. a duplicate or a closed job).
   * `extensions.vendorMessage` carries what it said, cleaned up; `extensions.fields` the fields it
   * named, when it did. Nothing was created; fix the input before retrying.
   */
  VENDOR_VALIDATION_FAILED = 'VENDOR_VALIDATION_FAILED',
  /** The vendor refused a write because the account is out of invites or credits. Nothing was created. */
  VENDOR_QUOTA_EXCEEDED = 'VENDOR_QUOTA_EXCEEDED',
  /**
   * An earlier attempt with this `idempotencyKey` did not finish (a gateway instance stopped
   * mid-call): the vendor may or may not have acted on it. Check before retrying with a new key.
   */
  MUTATION_OUTCOME_UNKNOWN = 'MUTATION_OUTCOME_UNKNOWN',
  /**
   * The store that makes `idempotencyKey` work (Redis when configured) cannot be reached; the
   * mutation was not sent to the vendor. Retry with the same key.
   */
  IDEMPOTENCY_UNAVAILABLE = 'IDEMPOTENCY_UNAVAILABLE',
  /** The identity index (email → interviews; Redis when configured) cannot be read right now. */
  INDEX_UNAVAILABLE = 'INDEX_UNAVAILABLE',
  /** No valid client credential was sent (HTTP 401): a missing, unknown or expired API key or JWT. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The credential is valid but may not act as any tenant here (HTTP 403), e.g. a JWT for an unknown tenant. */
  FORBIDDEN = 'FORBIDDEN',
  /** Anything untyped; details are in the server log only. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
