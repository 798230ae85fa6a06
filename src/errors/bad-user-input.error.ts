import { ErrorCode } from './error-code';
import { GatewayError } from './gateway.error';

export class BadUserInputError extends GatewayError {
  constructor(message: string, extensions?: Record<string, unknown>) {
    super(ErrorCode.BAD_USER_INPUT, message, { extensions });
  }
}
