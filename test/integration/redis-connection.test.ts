/**
 * The gateway's Redis connection on the real Redis, behind a proxy that can hold answers back:
 * opening the socket is not charged to an operation's 250 ms, reconnecting later is, and a
 * slow Redis trips the guard so later operations fail at once.
 */
import { RedisConnection } from '../../src/infra/redis-connection';
import { DEFAULT_GUARD } from '../../src/infra/redis-guard';
import { startSlowProxy, type SlowProxy } from '../support/slow-redis-proxy';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisConnection', () => {
  let proxy: SlowProxy;
  let connection: RedisConnection | undefined;
  beforeEach(async () => {
    proxy = await startSlowProxy(new URL(REDIS_URL));
  });
  afterEach(async () => {
    await connection?.close();
    connection = undefined;
    await proxy.close();
  });

  it('operations made while the first connection opens wait for it, then get their own 250 ms', async () => {
    connection = new RedisConnection(proxy.url);
    // The handshake's answer (node-redis sends CLIENT SETINFO on connect) is held 400 ms; the
    // operations' own answers are not.
    proxy.firstAnswerDelayMs = 400;
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 5 }, () => connection!.run((c) => c.ping())));
    expect(answers).toEqual(Array(5).fill('PONG'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
    expect(connection.available()).toBe(true);
  });

  it('once connected, operations slower than 250 ms fail as "Redis is not reachable" and trip the guard', async () => {
    connection = new RedisConnection(proxy.url);
    expect(await connection.run((c) => c.ping())).toBe('PONG');
    proxy.delayMs = 600;
    for (let i = 0; i < 3; i += 1) await expect(connection.run((c) => c.ping())).rejects.toThrow('Redis is not reachable');
    expect(connection.available()).toBe(false);
    const started = performance.now();
    await expect(connection.run((c) => c.ping())).rejects.toThrow('Redis is not reachable');
    // At once: well under one wait for Redis (the guard's timeout), however busy the host.
    expect(performance.now() - started).toBeLessThan(DEFAULT_GUARD.timeoutMs / 2);
  });

  it('a closed port fails the first operation quickly with the same error', async () => {
    connection = new RedisConnection('redis://127.0.0.1:1');
    const started = performance.now();
    await expect(connection.run((c) => c.ping())).rejects.toThrow('Redis is not reachable');
    // Never longer than the guard holds an operation: its timeout, with a stalled event loop's
    // lateness given back up to 4 × (MAX_WAIT_FACTOR, infra/redis-guard.ts).
    expect(performance.now() - started).toBeLessThan(4 * DEFAULT_GUARD.timeoutMs);
  });
});
