import type { Provider } from '../domain/provider';
import { ErrorCode } from './error-code';
import { GatewayError } from './gateway.error';

export type VendorErrorCode =
  | ErrorCode.VENDOR_UNAVAILABLE
  | ErrorCode.VENDOR_TIMEOUT
  | ErrorCode.VENDOR_RATE_LIMITED
  | ErrorCode.VENDOR_AUTH_FAILED
  | ErrorCode.VENDOR_BAD_RESPONSE
  | ErrorCode.VENDOR_NOT_CONFIGURED
  | ErrorCode.VENDOR_VALIDATION_FAILED
  | ErrorCode.VENDOR_QUOTA_EXCEEDED;

const PUBLIC_MESSAGES: Record<VendorErrorCode, string> = {
  [ErrorCode.VENDOR_UNAVAILABLE]: 'is unavailable',
  [ErrorCode.VENDOR_TIMEOUT]: 'did not answer in time',
  [ErrorCode.VENDOR_RATE_LIMITED]: 'is rate limiting the gateway',
  [ErrorCode.VENDOR_AUTH_FAILED]: 'rejected the gateway credentials',
  [ErrorCode.VENDOR_BAD_RESPONSE]: 'sent a response the gateway could not understand',
  [ErrorCode.VENDOR_NOT_CONFIGURED]: 'is not configured on this gateway',
  [ErrorCode.VENDOR_VALIDATION_FAILED]: 'rejected the input',
  [ErrorCode.VENDOR_QUOTA_EXCEEDED]: 'refused: the account is out of invites or credits',
};

export interface VendorErrorOptions {
  /** Private: vendor body, URL, status. Logged, never sent. */
  detail?: Record<string, unknown>;
  cause?: unknown;
  retryAfterSeconds?: number;
  message?: string;
  /** The vendor may have acted (timeout, 5xx, unreadable 2xx); public, so clients check before retrying with a new key. */
  outcomeUnknown?: boolean;
  /** Must be safe for clients. */
  extensions?: Record<string, unknown>;
}

/** The message is generic and safe; what the vendor said goes in `detail`, which only the log sees. */
export class VendorError extends GatewayError {
  readonly outcomeUnknown: boolean;

  constructor(code: VendorErrorCode, provider: Provider, options: VendorErrorOptions = {}) {
    super(code, options.message ?? `${provider} ${PUBLIC_MESSAGES[code]}`, {
      provider,
      detail: options.detail,
      cause: options.cause,
      extensions: {
        ...(options.retryAfterSeconds !== undefined ? { retryAfterSeconds: options.retryAfterSeconds } : {}),
        ...(options.outcomeUnknown ? { outcomeUnknown: true } : {}),
        ...options.extensions,
      },
    });
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/**
 * What an adapter threw, as a typed error: a GatewayError as it is; anything else (a bug, or an
 * answer the adapter could not read) a VENDOR_BAD_RESPONSE of `provider`, with it as the cause.
 */
export function asVendorError(error: unknown, provider: Provider): GatewayError {
  return error instanceof GatewayError ? error : new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, provider, { cause: error });
}
