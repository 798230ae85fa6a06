import type { Provider } from '../domain/provider';
import { ErrorCode } from './error-code';
import { GatewayError } from './gateway.error';

export class NotFoundError extends GatewayError {
  constructor(message: string, provider?: Provider) {
    super(ErrorCode.NOT_FOUND, message, { provider });
  }
}
