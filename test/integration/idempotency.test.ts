/**
 * Idempotency keys, on both stores (memory, and the real Redis shared by two "instances"): one
 * run per key, concurrent retries join, other input is refused, certain failures let the key go,
 * unknown outcomes are replayed, interrupted attempts and store outages fail safe.
 */
import { createHash } from 'node:crypto';
import pino from 'pino';
import { Provider } from '../support/providers';
import { BadUserInputError } from '../../src/errors/bad-user-input.error';
import { ErrorCode } from '../../src/errors/error-code';
import { VendorError } from '../../src/errors/vendor.error';
import { stableJson } from '../../src/infra/stable-json';
import { Idempotency } from '../../src/writes/idempotency';
import { type IdempotencyStore, MemoryIdempotencyStore, RedisIdempotencyStore } from '../../src/writes/idempotency-store';
import { rejection } from '../support/contract-helpers';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: 'silent' });
const RUN = `idem-${process.pid}-${Date.now()}`;
let tenants = 0;
const stores: IdempotencyStore[] = [];

/** Two stores that see the same keys, as two gateway instances would. */
type Store = MemoryIdempotencyStore | RedisIdempotencyStore;
const MB = 1024 * 1024;
const implementations: Array<[string, (maxBytes?: number) => [Store, Store]]> = [
  [
    'memory',
    (maxBytes = MB) => {
      const store = new MemoryIdempotencyStore(maxBytes);
      return [store, store];
    },
  ],
  [
    'redis',
    (maxBytes = MB) => {
      const tenant = `${RUN}-${(tenants += 1)}`;
      const pair: [Store, Store] = [new RedisIdempotencyStore(REDIS_URL, tenant, maxBytes), new RedisIdempotencyStore(REDIS_URL, tenant, maxBytes)];
      stores.push(...pair);
      return pair;
    },
  ],
];

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await deleteRedisKeys(`ig:idem:v1:${RUN}-*`);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A task that counts its runs and answers after `ms`. */
function counted<T>(value: T, ms = 0) {
  let runs = 0;
  const task = async () => {
    runs += 1;
    await sleep(ms);
    return value;
  };
  return { task, runs: () => runs };
}

describe.each(implementations)('Idempotency on the %s store', (_name, makeStores) => {
  let a: Idempotency;
  let b: Idempotency;
  let storeA: IdempotencyStore;

  beforeEach(() => {
    const [first, second] = makeStores();
    storeA = first;
    a = new Idempotency({ store: first, ttlSeconds: 60, leaseMs: 5_000, pollMs: 10, logger });
    b = new Idempotency({ store: second, ttlSeconds: 60, leaseMs: 5_000, pollMs: 10, logger });
  });

  it('without a key, runs every time (mutations are never deduplicated or retried implicitly)', async () => {
    const { task, runs } = counted('x');
    await a.run('invite', null, { n: 1 }, task);
    await a.run('invite', null, { n: 1 }, task);
    expect(runs()).toBe(2);
  });

  it('a retry with the same key gets the first answer and runs nothing', async () => {
    const { task, runs } = counted({ id: 'int_1' });
    expect(await a.run('invite', 'key-1', { email: 'a@x.io' }, task)).toEqual({ value: { id: 'int_1' }, replayed: false });
    expect(await a.run('invite', 'key-1', { email: 'a@x.io' }, task)).toEqual({ value: { id: 'int_1' }, replayed: true });
    expect(await b.run('invite', 'key-1', { email: 'a@x.io' }, task)).toEqual({ value: { id: 'int_1' }, replayed: true });
    expect(runs()).toBe(1);
  });

  it('concurrent retries on two instances: one run, every caller gets its answer', async () => {
    const { task, runs } = counted({ id: 'int_2' }, 150);
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).run('invite', 'key-2', { email: 'b@x.io' }, task)));
    expect(runs()).toBe(1);
    expect(outcomes.every((o) => (o.value as { id: string }).id === 'int_2')).toBe(true);
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
  });

  it('the same key with another input, or for another mutation, is BAD_USER_INPUT and runs nothing', async () => {
    const { task, runs } = counted('x');
    await a.run('invite', 'key-3', { email: 'c@x.io' }, task);
    const other = await rejection(b.run('invite', 'key-3', { email: 'd@x.io' }, task));
    expect(other.extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'input.idempotencyKey' });
    const otherMutation = await rejection(a.run('createTemplate', 'key-3', { email: 'c@x.io' }, task));
    expect(otherMutation.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(runs()).toBe(1);
  });

  it('the input fingerprint ignores key order', async () => {
    const { task, runs } = counted('x');
    await a.run('invite', 'key-4', { a: 1, b: { c: 2, d: 3 } }, task);
    expect((await a.run('invite', 'key-4', { b: { d: 3, c: 2 }, a: 1 }, task)).replayed).toBe(true);
    expect(runs()).toBe(1);
  });

  it('a failure that certainly created nothing lets the key go: a retry runs again', async () => {
    let runs = 0;
    const refused = async () => {
      runs += 1;
      if (runs === 1) throw new VendorError(ErrorCode.VENDOR_VALIDATION_FAILED, Provider.HEYMILO);
      return 'created';
    };
    expect((await rejection(a.run('invite', 'key-5', { n: 1 }, refused))).code).toBe(ErrorCode.VENDOR_VALIDATION_FAILED);
    expect(await b.run('invite', 'key-5', { n: 1 }, refused)).toEqual({ value: 'created', replayed: false });
    expect(runs).toBe(2);
  });

  it('a failure whose outcome is unknown is stored: retries get the same error and never call again', async () => {
    let runs = 0;
    const timedOut = async () => {
      runs += 1;
      throw new VendorError(ErrorCode.VENDOR_TIMEOUT, Provider.XOBIN, { outcomeUnknown: true });
    };
    const first = await rejection(a.run('invite', 'key-6', { n: 1 }, timedOut));
    expect(first.extensions).toMatchObject({ code: ErrorCode.VENDOR_TIMEOUT, provider: Provider.XOBIN, outcomeUnknown: true });
    const replay = await rejection(b.run('invite', 'key-6', { n: 1 }, timedOut));
    expect(replay.message).toBe(first.message);
    expect(replay.extensions).toMatchObject({ code: ErrorCode.VENDOR_TIMEOUT, provider: Provider.XOBIN, outcomeUnknown: true, idempotentReplay: true });
    expect(runs).toBe(1);
  });

  it('an attempt that outlived its lease (its instance died) answers MUTATION_OUTCOME_UNKNOWN, never a second call', async () => {
    await storeA.claim(sha256ForTest('key-7'), { fingerprint: fingerprintOf('invite', { n: 1 }), state: 'pending', startedAt: Date.now() - 10_000 }, 60);
    const { task, runs } = counted('x');
    expect((await rejection(b.run('invite', 'key-7', { n: 1 }, task))).code).toBe(ErrorCode.MUTATION_OUTCOME_UNKNOWN);
    expect(runs()).toBe(0);
  });

  it('past the tenant’s byte budget an answer is not kept, the key is: a retry runs nothing and gets IDEMPOTENT_RESULT_NOT_KEPT', async () => {
    const budget = 4096;
    const [first, second] = makeStores(budget);
    const small = new Idempotency({ store: first, ttlSeconds: 60, leaseMs: 5_000, pollMs: 10, logger });
    const other = new Idempotency({ store: second, ttlSeconds: 60, leaseMs: 5_000, pollMs: 10, logger });
    let runs = 0;
    const invite = (n: number) => async () => {
      runs += 1;
      return { id: `int_${n}`, note: 'n'.repeat(1000) };
    };
    for (let n = 0; n < 10; n += 1) expect((await small.run('invite', `big-${n}`, { n }, invite(n))).value).toMatchObject({ id: `int_${n}` });
    const held = await first.heldBytes();
    expect(held).toBeLessThanOrEqual(budget);
    expect(held).toBeGreaterThan(budget - 1200);
    // The first answers fitted and are replayed; the last did not, and is not run again.
    expect(await other.run('invite', 'big-0', { n: 0 }, invite(0))).toMatchObject({ value: { id: 'int_0' }, replayed: true });
    const notKept = await rejection(other.run('invite', 'big-9', { n: 9 }, invite(9)));
    expect(notKept.extensions).toEqual({ code: ErrorCode.IDEMPOTENT_RESULT_NOT_KEPT, outcome: 'succeeded', idempotentReplay: true });
    // Another input under that key is still refused: the key is held.
    expect((await rejection(other.run('invite', 'big-9', { n: 10 }, invite(10)))).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(runs).toBe(10);
  });

  it('keys must be 1–255 printable characters', async () => {
    const { task } = counted('x');
    for (const key of ['', 'x'.repeat(256), 'tab\there']) {
      expect((await rejection(a.run('invite', key, {}, task))).extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'input.idempotencyKey' });
    }
  });
});

it('a store outage refuses the mutation (IDEMPOTENCY_UNAVAILABLE) before anything reaches the vendor', async () => {
  const down = new RedisIdempotencyStore('redis://127.0.0.1:1', 'down', MB);
  stores.push(down);
  const idempotency = new Idempotency({ store: down, ttlSeconds: 60, leaseMs: 5_000, logger });
  const { task, runs } = counted('x');
  expect((await rejection(idempotency.run('invite', 'key-8', {}, task))).code).toBe(ErrorCode.IDEMPOTENCY_UNAVAILABLE);
  expect(runs()).toBe(0);
});

it('an untyped error counts as an unknown outcome (it may have happened after the vendor call)', async () => {
  const idempotency = new Idempotency({ store: new MemoryIdempotencyStore(MB), ttlSeconds: 60, leaseMs: 5_000, logger });
  let runs = 0;
  const buggy = async () => {
    runs += 1;
    throw new TypeError('bug');
  };
  await expect(idempotency.run('invite', 'key-9', {}, buggy)).rejects.toThrow('bug');
  expect((await rejection(idempotency.run('invite', 'key-9', {}, buggy))).extensions).toMatchObject({
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    idempotentReplay: true,
  });
  expect(runs).toBe(1);
  // Input errors raised inside the attempt (the adapter's own checks) release the key.
  const invalid = async () => {
    throw new BadUserInputError('input.name: must not be blank.');
  };
  await expect(idempotency.run('invite', 'key-10', {}, invalid)).rejects.toThrow('must not be blank');
  expect(await idempotency.run('invite', 'key-10', {}, async () => 'ok')).toEqual({ value: 'ok', replayed: false });
});

/** The store key and fingerprint as `Idempotency` derives them (to plant an interrupted attempt). */
function sha256ForTest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
function fingerprintOf(mutation: string, input: unknown): string {
  return sha256ForTest(stableJson({ mutation, input }));
}
