import type { Provider } from '../domain/provider';
import { ErrorCode } from './error-code';
import { GatewayError } from './gateway.error';

export type VendorErrorCode =
  | ErrorCode.VENDOR_UNAVAILABLE
  | ErrorCode.VENDOR_TIMEOUT
  | ErrorCode.VENDOR_RATE_LIMITED
  | ErrorCode.VENDOR_AUTH_FAILED
  | ErrorCode.VENDOR_BAD_RESPONSE
  | ErrorCode.VENDOR_NOT_CONFIGURED;

const PUBLIC_MESSAGES: Record<VendorErrorCode, string> = {
  [ErrorCode.VENDOR_UNAVAILABLE]: 'is unavailable',
  [ErrorCode.VENDOR_TIMEOUT]: 'did not answer in time',
  [ErrorCode.VENDOR_RATE_LIMITED]: 'is rate limiting the gateway',
  [ErrorCode.VENDOR_AUTH_FAILED]: 'rejected the gateway credentials',
  [ErrorCode.VENDOR_BAD_RESPONSE]: 'sent a response the gateway could not understand',
  [ErrorCode.VENDOR_NOT_CONFIGURED]: 'is not configured on this gateway',
};

/**
 * A failure talking to one vendor. The message is generic and safe ("HEYMILO is unavailable");
 * what the vendor actually said goes in `detail`, which only the log sees.
 */
export class VendorError extends GatewayError {
  constructor(
    code: VendorErrorCode,
    provider: Provider,
    options: { detail?: Record<string, unknown>; cause?: unknown; retryAfterSeconds?: number; message?: string } = {},
  ) {
    super(code, options.message ?? `${provider} ${PUBLIC_MESSAGES[code]}`, {
      provider,
      detail: options.detail,
      cause: options.cause,
      extensions: options.retryAfterSeconds !== undefined ? { retryAfterSeconds: options.retryAfterSeconds } : undefined,
    });
  }
}
