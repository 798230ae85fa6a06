import { encodeGlobalId } from '../../../src/domain/global-id';
import { decodeGlobalId } from '../../../src/graphql/common/global-id';
import { Provider } from '../../support/providers';
import { ErrorCode } from '../../../src/errors/error-code';
import { GatewayError } from '../../../src/errors/gateway.error';

describe('global ids', () => {
  it('round-trips provider, type and a locator that itself contains colons', () => {
    const id = encodeGlobalId(Provider.MICRO1, 'Report', 'a~b~c:d');
    expect(id).toBe('micro1:Report:a~b~c:d');
    expect(decodeGlobalId(id)).toEqual({ provider: Provider.MICRO1, kind: 'Report', locator: 'a~b~c:d' });
  });

  it('accepts the provider in any case', () => {
    expect(decodeGlobalId('HeyMilo:Interview:int_1').provider).toBe(Provider.HEYMILO);
  });

  it.each([
    ['', /Malformed id/],
    ['micro1', /Malformed id/],
    ['micro1:Interview', /Malformed id/],
    ['micro1:Interview:', /Malformed id/],
    [':Interview:x', /Malformed id/],
    ['acme:Interview:x', /Unknown provider/],
    ['micro1:Candidate:x', /Unknown type "Candidate"/],
  ])('rejects %j with BAD_USER_INPUT', (id, message) => {
    let caught: unknown;
    try {
      decodeGlobalId(id);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    expect((caught as GatewayError).extensions.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((caught as GatewayError).message).toMatch(message);
  });

  it('rejects an id of the wrong type when a type is expected', () => {
    expect(() => decodeGlobalId('heymilo:Report:int_1', 'Interview')).toThrow('is a Report, not a Interview');
  });

  it('truncates very long ids in messages', () => {
    const id = `zzz:${'x'.repeat(500)}`;
    expect(() => decodeGlobalId(id)).toThrow(/\.\.\.".*$/);
  });
});
