import { ErrorCode } from './error-code';
import { GatewayError } from './gateway.error';

/** `reason` is for the log only. */
export class AuthError extends GatewayError {
  readonly status: 401 | 403;

  constructor(code: ErrorCode.UNAUTHENTICATED | ErrorCode.FORBIDDEN, message: string, reason: string) {
    super(code, message, { detail: { reason } });
    this.status = code === ErrorCode.UNAUTHENTICATED ? 401 : 403;
  }
}
