import { GraphQLError } from 'graphql';
import { Provider } from '../../support/providers';
import { ErrorCode } from '../../../src/errors/error-code';
import { createFormatError } from '../../../src/errors/format-error';
import { VendorError } from '../../../src/errors/vendor.error';

function setup() {
  const logged: Array<{ level: string; obj: object }> = [];
  const format = createFormatError({
    error: (obj) => logged.push({ level: 'error', obj }),
    debug: (obj) => logged.push({ level: 'debug', obj }),
  });
  return { logged, format };
}

/** How graphql-js hands a resolver error to formatError: wrapped, with a path. */
function located(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['interviews'], originalError: original });
}

describe('formatError', () => {
  it('passes a typed vendor error with its code and provider, without stack or detail', () => {
    const { format } = setup();
    const error = new VendorError(ErrorCode.VENDOR_UNAVAILABLE, Provider.HEYMILO, {
      detail: { url: 'http://secret.example/x?key=abc', body: 'upstream says no' },
    });
    const wrapped = located(error);
    const formatted = format({ message: wrapped.message, path: ['interviews'], extensions: { ...wrapped.extensions, stacktrace: ['at x'] } }, wrapped);
    expect(formatted).toEqual({ message: 'HEYMILO is unavailable', path: ['interviews'], extensions: { code: 'VENDOR_UNAVAILABLE', provider: 'HEYMILO' } });
    expect(JSON.stringify(formatted)).not.toMatch(/secret|upstream says no|abc/);
  });

  it('masks an untyped error as INTERNAL_SERVER_ERROR and logs it in full', () => {
    const { format, logged } = setup();
    const boom = new TypeError("Cannot read properties of undefined (reading 'x') at /srv/app/secret.js");
    const wrapped = located(boom);
    const formatted = format({ message: wrapped.message, path: ['interviews'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped);
    expect(formatted).toEqual({ message: 'Internal server error', locations: undefined, path: ['interviews'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toEqual([{ level: 'error', obj: { err: boom } }]);
  });

  it("passes Apollo's own request errors (parse, validation) unmasked", () => {
    const { format } = setup();
    const parse = new GraphQLError('Syntax Error: Expected Name, found <EOF>.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(format({ message: parse.message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, parse)).toEqual({
      message: parse.message,
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });
});
