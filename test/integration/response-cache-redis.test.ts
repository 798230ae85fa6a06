/**
 * The response cache on the real Redis. The invalidation log: replicas see each other's
 * invalidations in order, a caller never gets a sequence read before it arrived, and a gap (the
 * log trimmed past what a replica read) outdates everything it held. The shared layer: one
 * replica's response served by another only while nothing it read changed, within a byte budget.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { RedisConnection } from '../../src/infra/redis-connection';
import { RedisInvalidations } from '../../src/response-cache/invalidation-ledger';
import { type CachedResponse, ResponseCache } from '../../src/response-cache/response-cache';
import { RedisSharedResponses } from '../../src/response-cache/shared-responses';
import { deleteRedisKeys } from '../support/redis-keys';
import { eventually } from '../support/timing';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: 'silent' });
const RUN = `rc-${process.pid}-${randomBytes(4).toString('hex')}`;
let tenants = 0;
const newTenant = () => `${RUN}-${(tenants += 1)}`;

let redis: RedisConnection;
beforeAll(() => {
  redis = new RedisConnection(REDIS_URL);
});
afterAll(async () => {
  await redis.close();
  await deleteRedisKeys(`ig:*${RUN}-*`);
});

const replicas = (tenant: string) => [
  new RedisInvalidations({ reads: redis, commits: redis }, tenant, 1000, logger),
  new RedisInvalidations({ reads: redis, commits: redis }, tenant, 1000, logger),
];

it('an invalidation committed by one replica is applied by the other’s next read, in order', async () => {
  const tenant = newTenant();
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
  const tenant = newTenant();
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
  const tenant = newTenant();
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

describe('the shared layer', () => {
  const entry = (seq: number, tags: string[], body = '{"data":{"x":1}}'): CachedResponse => ({
    body,
    contentType: 'application/json; charset=utf-8',
    etag: '"e"',
    operationName: 'Op',
    expiresAt: Date.now() + 60_000,
    tags,
    seq,
  });
  const replica = (tenant: string, budget = 1024 * 1024) => {
    const invalidations = new RedisInvalidations({ reads: redis, commits: redis }, tenant, 1000, logger);
    const shared = new RedisSharedResponses({ reads: redis, writes: redis }, tenant, budget, logger);
    return { invalidations, shared, responses: new ResponseCache({ maxBytes: 1024 * 1024, maxEntryBytes: 64 * 1024 }).tenant(tenant, invalidations, shared) };
  };
  /** The shared write follows the answer: resolves once it is in Redis. */
  const written = (shared: RedisSharedResponses) => eventually(async () => (await shared.bytes()) > 0, 'the shared response is in Redis');

  it('serves one replica’s response at another, until something it read is invalidated', async () => {
    const tenant = newTenant();
    const a = replica(tenant);
    const b = replica(tenant);
    expect(a.responses.set(`${tenant}:k1`, entry(await a.invalidations.current(), ['i|MICRO1|1']))).toBe(true);
    await written(a.shared);
    await b.invalidations.current();
    expect(b.responses.get(`${tenant}:k1`)).toBeUndefined();
    expect((await b.responses.getShared(`${tenant}:k1`))?.body).toBe('{"data":{"x":1}}');
    expect(b.responses.get(`${tenant}:k1`)).toBeDefined(); // kept in B's memory from now on

    a.responses.set(`${tenant}:k2`, entry(await a.invalidations.current(), ['i|MICRO1|2']));
    await written(a.shared);
    await a.invalidations.invalidate(['i|MICRO1|2']);
    const c = replica(tenant);
    await c.invalidations.current();
    await b.invalidations.current();
    // Outdated for B (it read the invalidation) and for C (started after it: knows nothing older).
    expect(await b.responses.getShared(`${tenant}:k2`)).toBeUndefined();
    expect(await c.responses.getShared(`${tenant}:k2`)).toBeUndefined();
  });

  it('keeps each tenant within its byte budget, the soonest to expire going first', async () => {
    const tenant = newTenant();
    const budget = 20_000;
    const { shared } = replica(tenant, budget);
    const body = JSON.stringify({ data: { x: 'y'.repeat(900) } });
    for (let i = 0; i < 100; i += 1) await shared.put(`${tenant}:k${i}`, { ...entry(0, [`i|MICRO1|${i}`], body), expiresAt: Date.now() + 60_000 + i * 1000 });
    const bytes = await shared.bytes();
    expect(bytes).toBeLessThanOrEqual(budget);
    expect(bytes).toBeGreaterThan(budget / 2);
    expect(await shared.get(`${tenant}:k0`)).toBeUndefined();
    expect(await shared.get(`${tenant}:k99`)).toBeDefined();
  });
});
