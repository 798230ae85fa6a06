import { RedisByteBudget } from '../infra/redis-byte-budget';
import { type RedisConnection, storeConnection } from '../infra/redis-connection';

/** JSON-serialisable. */
export interface IdempotencyRecord {
  /** Of the mutation name and input: the same key with other input is refused. */
  fingerprint: string;
  /** `pending` may have died mid-call; `failed`: outcome at the vendor unknown, so retries get `error`, not a second call. */
  state: 'pending' | 'succeeded' | 'failed';
  /** Epoch ms; a `pending` record older than the lease was interrupted. */
  startedAt: number;
  result?: unknown;
  error?: {
    code: string;
    message: string;
    extensions: Record<string, unknown>;
  };
  /**
   * The tenant's answers had filled the store's byte budget when this one settled: the key is
   * still held (a retry never reaches the vendor again) but `result` and `error` were not kept.
   */
  notKept?: true;
}

/** What a settled record past the byte budget is stored as: the key's state, not its answer. */
export function withoutAnswer(record: IdempotencyRecord): IdempotencyRecord {
  return { fingerprint: record.fingerprint, state: record.state, startedAt: record.startedAt, notKept: true };
}

/**
 * Keys arrive namespaced and hashed; TTLs are in seconds. Each store holds one tenant's keys, and
 * its settled answers within a byte budget (the records' JSON length): past it, `settle` keeps
 * `withoutAnswer(record)` instead. Nothing is evicted early, so a key is never forgotten and run twice.
 */
export interface IdempotencyStore {
  /** Atomic: null when this caller now holds the key, else the earlier attempt's record. */
  claim(key: string, pending: IdempotencyRecord, ttlSeconds: number): Promise<IdempotencyRecord | null>;
  get(key: string): Promise<IdempotencyRecord | null>;
  settle(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<void>;
  /** For attempts that certainly created nothing, so a retry may run afresh. */
  release(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  /** JSON, not objects: the length is what the budget counts, and a parsed answer can weigh several times it. */
  private readonly records = new Map<string, { json: string; until: number; counted: number }>();
  private bytes = 0;

  constructor(
    /** Per tenant (this store's), of settled records' JSON. */
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(key: string, pending: IdempotencyRecord, ttlSeconds: number): Promise<IdempotencyRecord | null> {
    this.sweep();
    const held = this.live(key);
    if (held) return held;
    this.put(key, JSON.stringify(pending), ttlSeconds, 0);
    return null;
  }

  async get(key: string): Promise<IdempotencyRecord | null> {
    return this.live(key);
  }

  async settle(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<void> {
    this.sweep();
    this.drop(key);
    const json = JSON.stringify(record);
    if (this.bytes + json.length > this.maxBytes) this.put(key, JSON.stringify(withoutAnswer(record)), ttlSeconds, 0);
    else this.put(key, json, ttlSeconds, json.length);
  }

  async release(key: string): Promise<void> {
    this.drop(key);
  }

  async close(): Promise<void> {}

  /** Bytes of settled answers held (for tests). */
  heldBytes(): number {
    return this.bytes;
  }

  private drop(key: string): void {
    this.bytes -= this.records.get(key)?.counted ?? 0;
    this.records.delete(key);
  }

  /** Inserted last: the Map stays ordered by expiry (one TTL for all). */
  private put(key: string, json: string, ttlSeconds: number, counted: number): void {
    this.records.set(key, { json, until: this.now() + ttlSeconds * 1000, counted });
    this.bytes += counted;
  }

  private live(key: string): IdempotencyRecord | null {
    const held = this.records.get(key);
    return held && held.until > this.now() ? (JSON.parse(held.json) as IdempotencyRecord) : null;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, held] of this.records) {
      if (held.until > now) return;
      this.drop(key);
    }
  }
}

/** SET NX, or the record already there — in one step, so two instances never both claim a key. */
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])`;

export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly connection: RedisConnection;
  private readonly closeConnection: () => Promise<void>;
  private readonly prefix: string;
  private readonly budget: RedisByteBudget;

  /** `maxBytes`: the tenant's, of settled records' JSON, counted in Redis across replicas. */
  constructor(redis: string | RedisConnection, tenantId: string, maxBytes: number) {
    this.prefix = `ig:idem:v1:${tenantId}:`;
    ({ connection: this.connection, close: this.closeConnection } = storeConnection(redis));
    this.budget = new RedisByteBudget(this.connection, `ig:idem:v1:${tenantId}`, maxBytes);
  }

  async claim(key: string, pending: IdempotencyRecord, ttlSeconds: number): Promise<IdempotencyRecord | null> {
    return this.connection.run(async (c) => {
      const held = (await c.sendCommand(['EVAL', CLAIM, '1', this.prefix + key, JSON.stringify(pending), String(Math.ceil(ttlSeconds))])) as string | null;
      return held ? (JSON.parse(held) as IdempotencyRecord) : null;
    });
  }

  async get(key: string): Promise<IdempotencyRecord | null> {
    return this.connection.run(async (c) => {
      const held = (await c.sendCommand(['GET', this.prefix + key])) as string | null;
      return held ? (JSON.parse(held) as IdempotencyRecord) : null;
    });
  }

  async settle(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<void> {
    await this.budget.put(this.prefix + key, JSON.stringify(record), Math.ceil(ttlSeconds) * 1000, JSON.stringify(withoutAnswer(record)));
  }

  /** Bytes of the tenant's settled answers counted in Redis (for tests). */
  heldBytes(): Promise<number> {
    return this.budget.bytes();
  }

  async release(key: string): Promise<void> {
    return this.connection.run(async (c) => {
      await c.sendCommand(['DEL', this.prefix + key]);
    });
  }

  close(): Promise<void> {
    return this.closeConnection();
  }
}
