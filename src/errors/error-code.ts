/** Clients switch on these: they are part of the API. */
export enum ErrorCode {
  /** Retrying unchanged will fail again. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** The vendor has no such object (or the id's locator no longer resolves). */
  NOT_FOUND = 'NOT_FOUND',
  /** The vendor refused the connection, answered 5xx, or is switched off. */
  VENDOR_UNAVAILABLE = 'VENDOR_UNAVAILABLE',
  VENDOR_TIMEOUT = 'VENDOR_TIMEOUT',
  /** `extensions.retryAfterSeconds` when known. */
  VENDOR_RATE_LIMITED = 'VENDOR_RATE_LIMITED',
  /** An operator must fix the key. */
  VENDOR_AUTH_FAILED = 'VENDOR_AUTH_FAILED',
  /** Schema drift. */
  VENDOR_BAD_RESPONSE = 'VENDOR_BAD_RESPONSE',
  VENDOR_NOT_CONFIGURED = 'VENDOR_NOT_CONFIGURED',
  /** Nothing was created. `extensions.vendorMessage` (cleaned up) and `fields` say what the vendor refused. */
  VENDOR_VALIDATION_FAILED = 'VENDOR_VALIDATION_FAILED',
  /** Out of invites or credits; nothing was created. */
  VENDOR_QUOTA_EXCEEDED = 'VENDOR_QUOTA_EXCEEDED',
  /** An earlier attempt with this key died mid-call: check before retrying with a new key. */
  MUTATION_OUTCOME_UNKNOWN = 'MUTATION_OUTCOME_UNKNOWN',
  /** Nothing was sent to the vendor: retry with the same key. */
  IDEMPOTENCY_UNAVAILABLE = 'IDEMPOTENCY_UNAVAILABLE',
  /** The key's request was carried out (`extensions.outcome`) but its answer was not kept: read the result instead. Nothing was sent again. */
  IDEMPOTENT_RESULT_NOT_KEPT = 'IDEMPOTENT_RESULT_NOT_KEPT',
  INDEX_UNAVAILABLE = 'INDEX_UNAVAILABLE',
  /** A graphql-ws subscription over GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION (`extensions.maxSubscriptions`). */
  TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS',
  /** HTTP 400: not a usable request (unreadable body, batched, two different credentials); fix the client, do not retry. */
  BAD_REQUEST = 'BAD_REQUEST',
  /** HTTP 401. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** HTTP 403: a valid credential for no tenant here. */
  FORBIDDEN = 'FORBIDDEN',
  /** HTTP 429: this client's requests per minute are spent; `extensions.retryAfterSeconds` and `Retry-After` say when to come back. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** Details are in the server log only. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
