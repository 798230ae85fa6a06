import { GraphQLError } from 'graphql';
import type { Provider } from '../domain/provider';
import type { ErrorCode } from './error-code';

export interface GatewayErrorOptions {
  provider?: Provider;
  /** Must be safe for clients. */
  extensions?: Record<string, unknown>;
  /** Never sent to clients. */
  detail?: Record<string, unknown>;
  cause?: unknown;
}

/** `detail` and `cause` stay in the server log. */
export class GatewayError extends GraphQLError {
  readonly code: ErrorCode;
  readonly provider?: Provider;
  readonly detail?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, {
      extensions: {
        code,
        ...(options.provider ? { provider: options.provider } : {}),
        ...options.extensions,
      },
    });
    this.name = new.target.name;
    this.code = code;
    this.provider = options.provider;
    this.detail = options.detail;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}
