/**
 * The signature is Standard Webhooks' own test vector (the specification's README and Svix's
 * libraries use it), and the independent `standardwebhooks` library verifies what we sign, a
 * rotation's two signatures included; the retry schedule spans at least a day with its jitter.
 */
import { Webhook } from 'standardwebhooks';
import { loadConfig } from '../../../src/config/config';
import { nextAttemptAt } from '../../../src/outbound/backoff';
import { newSecret, signedHeaders } from '../../../src/outbound/signature';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('signedHeaders', () => {
  it('matches the Standard Webhooks test vector', () => {
    const headers = signedHeaders('msg_p5jXN8AQM9LWM0D4loKWxJek', '{"test": 2432232314}', [{ secret: SECRET, expiresAt: null }], 1614265330_000);
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('signs with every secret still valid, so the old and the new both verify during a rotation; an expired one no longer signs', () => {
    const now = Date.now();
    const fresh = newSecret();
    const body = JSON.stringify({ type: 'report.ready', data: { n: 1 } });
    const both = signedHeaders(
      'msg_x',
      body,
      [
        { secret: fresh, expiresAt: null },
        { secret: SECRET, expiresAt: now + 1000 },
      ],
      now,
    );
    expect(both['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(fresh).verify(body, both)).toEqual(JSON.parse(body));
    expect(new Webhook(SECRET).verify(body, both)).toEqual(JSON.parse(body));
    const later = signedHeaders(
      'msg_x',
      body,
      [
        { secret: fresh, expiresAt: null },
        { secret: SECRET, expiresAt: now + 1000 },
      ],
      now + 1000,
    );
    expect(later['webhook-signature'].split(' ')).toHaveLength(1);
    expect(() => new Webhook(SECRET).verify(body, later)).toThrow();
  });

  it('makes secrets of 24 random bytes in the whsec_ form', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => newSecret()));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(Buffer.from(secret.replace(/^whsec_/, ''), 'base64')).toHaveLength(24);
  });
});

describe('nextAttemptAt', () => {
  const schedule = [5, 300, 1800, 7200, 18000, 36000, 36000, 36000];

  it('waits each step of the schedule ±20 %, then gives up', () => {
    expect(nextAttemptAt(schedule, 1, 0, () => 0.5)).toBe(5_000);
    expect(nextAttemptAt(schedule, 1, 0, () => 0)).toBe(4_000);
    expect(nextAttemptAt(schedule, 1, 0, () => 1)).toBe(6_000);
    expect(nextAttemptAt(schedule, 7, 0, () => 0.5)).toBe(36_000_000);
    expect(nextAttemptAt(schedule, 9, 0)).toBeNull();
  });

  it('the default spans more than 24 hours in the worst case of its jitter (9 attempts)', () => {
    const { retryScheduleSeconds } = loadConfig({}, []).outbound;
    expect(retryScheduleSeconds).toEqual(schedule);
    let at = 0;
    for (let attempts = 1; attempts <= retryScheduleSeconds.length; attempts += 1) at = nextAttemptAt(retryScheduleSeconds, attempts, at, () => 0) as number;
    expect(at).toBeGreaterThan(24 * 3600 * 1000);
  });
});
