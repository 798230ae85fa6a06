/** Which vendor answers pause every caller of the account, and until when (`askedPause`). */
import { askedPause } from '../../../../../src/vendors/kit/http/vendor-http-client';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);

describe('askedPause', () => {
  it("a 429's Retry-After, in seconds or as an HTTP date", () => {
    expect(askedPause(429, { 'retry-after': '30' }, NOW)).toBe(NOW + 30_000);
    expect(askedPause(429, { 'retry-after': new Date(NOW + 90_000).toUTCString() }, NOW)).toBe(NOW + 90_000);
    // No pause without a wait, or on another status.
    expect(askedPause(429, { 'retry-after': '0' }, NOW)).toBeNull();
    expect(askedPause(429, {}, NOW)).toBeNull();
    expect(askedPause(503, { 'retry-after': '30' }, NOW)).toBeNull();
  });

  it('X-RateLimit-Remaining: 0 until X-RateLimit-Reset (Evalyo: a UNIX timestamp; a small number: seconds from now)', () => {
    const reset = String(NOW / 1000 + 42);
    expect(askedPause(200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, NOW)).toBe(NOW + 42_000);
    expect(askedPause(200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '15' }, NOW)).toBe(NOW + 15_000);
    // Budget left, a reset in the past, or an unreadable one: no pause.
    expect(askedPause(200, { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': reset }, NOW)).toBeNull();
    expect(askedPause(200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 5) }, NOW)).toBeNull();
    expect(askedPause(200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': 'soon' }, NOW)).toBeNull();
  });
});
