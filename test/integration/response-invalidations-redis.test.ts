/**
 * The response cache's invalidation log on the real Redis: replicas see each other's
 * invalidations in order, a caller never gets a sequence read before it arrived, and a gap
 * (the log trimmed past what a replica read) outdates everything it held.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { RedisConnection } from '../../src/infra/redis-connection';
import { RedisInvalidations } from '../../src/response-cache/invalidation-ledger';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: 'silent' });

let redis: RedisConnection;
beforeAll(() => {
  redis = new RedisConnection(REDIS_URL);
});
afterAll(() => redis.close());

const replicas = (tenant: string) => [
  new RedisInvalidations({ reads: redis, commits: redis }, tenant, 1000, logger),
  new RedisInvalidations({ reads: redis, commits: redis }, tenant, 1000, logger),
];

it('an invalidation committed by one replica is applied by the other’s next read, in order', async () => {
  const tenant = `rc-${randomBytes(4).toString('hex')}`;
  const [a, b] = replicas(tenant);
  const told: Array<readonly string[] | 'all'> = [];
  b.onApplied((tags) => void told.push(tags));
  const start = await b.current();
  expect(await a.current()).toBe(start);
  await a.invalidate(['i|MICRO1|1']);
  await a.invalidate(['i|MICRO1|2', 'li|MICRO1']);
  expect(b.unchangedSince(['i|MICRO1|1'], start)).toBe(true); // not read yet
  expect(await b.current()).toBe(start + 2);
  expect(b.unchangedSince(['i|MICRO1|1'], start)).toBe(false);
  expect(b.unchangedSince(['li|MICRO1'], start + 1)).toBe(false);
  expect(b.unchangedSince(['i|MICRO1|1'], start + 1)).toBe(true);
  expect(told.slice(1)).toEqual([['i|MICRO1|1'], ['i|MICRO1|2', 'li|MICRO1']]);
});

it('callers arriving while a read is in flight share the next read, which sees what was committed before they arrived', async () => {
  const tenant = `rc-${randomBytes(4).toString('hex')}`;
  const [a, b] = replicas(tenant);
  await b.current();
  const first = b.current();
  await a.invalidate(['t|EVALYO|x']);
  const afterCommit = await Promise.all([b.current(), b.current(), b.current()]);
  await first;
  expect(new Set(afterCommit).size).toBe(1);
  expect(b.unchangedSince(['t|EVALYO|x'], afterCommit[0] - 1)).toBe(false);
});

it('a gap in the log (trimmed past this replica’s position) outdates every response it holds', async () => {
  const tenant = `rc-${randomBytes(4).toString('hex')}`;
  const [a, b] = replicas(tenant);
  const told: Array<readonly string[] | 'all'> = [];
  b.onApplied((tags) => void told.push(tags));
  const start = await b.current();
  await a.invalidate(['x']);
  await a.invalidate(['y']);
  // What trimming does to a replica that fell behind: the entries it had not read are gone.
  await redis.run(async (client) => {
    const entries = (await client.sendCommand(['XRANGE', `ig:rc:v1:${tenant}:log`, '-', '+'])) as unknown as Array<[string, string[]]>;
    await client.sendCommand(['XDEL', `ig:rc:v1:${tenant}:log`, entries[0][0]]);
  });
  expect(await b.current()).toBe(start + 2);
  expect(told[told.length - 1]).toBe('all');
  expect(b.unchangedSince(['unrelated'], start)).toBe(false);
  expect(b.unchangedSince(['unrelated'], start + 2)).toBe(true);
});
