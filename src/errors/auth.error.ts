import { ErrorCode } from './error-code';
import { GatewayError } from './gateway.error';

/** `reason` is for the log only. */
export class AuthError extends GatewayError {
  readonly status: 400 | 401 | 403;

  constructor(code: ErrorCode.BAD_REQUEST | ErrorCode.UNAUTHENTICATED | ErrorCode.FORBIDDEN, message: string, reason: string) {
    super(code, message, { detail: { reason } });
    this.status = code === ErrorCode.BAD_REQUEST ? 400 : code === ErrorCode.UNAUTHENTICATED ? 401 : 403;
  }
}
