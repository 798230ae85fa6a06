import { encodeGlobalId, parseGlobalId } from '../../../src/domain/global-id';
import { decodeGlobalId } from '../../../src/graphql/common/global-id';
import { Provider } from '../../support/providers';
import { ErrorCode } from '../../../src/errors/error-code';
import { GatewayError } from '../../../src/errors/gateway.error';

describe('global ids', () => {
  it('round-trips provider, type and locator', () => {
    const id = encodeGlobalId(Provider.MICRO1, 'Report', 'a~b~c');
    expect(id).toBe('micro1:Report:a~b~c');
    expect(decodeGlobalId(id)).toEqual({ provider: Provider.MICRO1, kind: 'Report', locator: 'a~b~c' });
  });

  it("reads everything after the second colon as the locator, which the vendor's grammar then judges", () => {
    expect(parseGlobalId('evalyo:Report:a:b')).toEqual({
      problem: expect.stringMatching(/^Malformed evalyo Report id "evalyo:Report:a:b": it may hold only letters/),
    });
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
    ['xobin:Interview:abc', /^Malformed xobin Interview id "xobin:Interview:abc": Xobin ids are whole numbers/],
    ['xobin:Interview:9007199254740992', /Malformed xobin Interview id/],
    ['micro1:Interview:abc', /^Malformed micro1 Interview id "micro1:Interview:abc": a micro1 Interview is named by <interview_id>~<candidate_id>\.$/],
    ['micro1:Report:a~b', /a micro1 Report is named by <interview_id>~<candidate_id>~<report_id>/],
    ['micro1:InterviewTemplate:a~b', /a micro1 InterviewTemplate is named by <interview_id>\./],
    ['micro1:Interview:a~', /its candidate_id is empty/],
    [`micro1:Interview:a~${'x'.repeat(129)}`, /its candidate_id is 129 characters long, more than the 128 an id can have\.$/],
    ['heymilo:Interview:int 1', /^Malformed heymilo Interview id "heymilo:Interview:int 1": it may hold only letters, digits/],
    ['heymilo:Interview:..', /it may hold only letters/],
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

  it('accepts the ids of each grammar at their longest', () => {
    const longest = 'a'.repeat(128);
    expect(decodeGlobalId(`micro1:Report:${longest}~${longest}~${longest}`).kind).toBe('Report');
    expect(decodeGlobalId(`heymilo:Interview:${longest}`).locator).toBe(longest);
    expect(decodeGlobalId('xobin:Interview:9007199254740991').locator).toBe('9007199254740991');
    expect(decodeGlobalId('evalyo:InterviewTemplate:c.1~x_y-Z').locator).toBe('c.1~x_y-Z');
  });

  it('names the provider and the problem of a 200 KB id, echoing only its start', () => {
    expect(parseGlobalId(`evalyo:Interview:${'x'.repeat(200_000)}`)).toEqual({
      problem: `Malformed evalyo Interview id "evalyo:Interview:${'x'.repeat(100)}...": it is 200000 characters long, more than the 128 an id can have.`,
    });
  });

  it('truncates very long ids in messages', () => {
    const id = `zzz:${'x'.repeat(500)}`;
    expect(() => decodeGlobalId(id)).toThrow(/\.\.\.".*$/);
  });
});
