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
}

/** Keys arrive namespaced and hashed; TTLs are in seconds. */
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
  private readonly records = new Map<string, { record: IdempotencyRecord; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async claim(key: string, pending: IdempotencyRecord, ttlSeconds: number): Promise<IdempotencyRecord | null> {
    this.sweep();
    const held = this.live(key);
    if (held) return held;
    this.records.set(key, {
      record: pending,
      until: this.now() + ttlSeconds * 1000,
    });
    return null;
  }

  async get(key: string): Promise<IdempotencyRecord | null> {
    return this.live(key);
  }

  async settle(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<void> {
    this.records.delete(key); // re-inserted at the end: the Map stays ordered by expiry
    this.records.set(key, { record, until: this.now() + ttlSeconds * 1000 });
  }

  async release(key: string): Promise<void> {
    this.records.delete(key);
  }

  async close(): Promise<void> {}

  private live(key: string): IdempotencyRecord | null {
    const held = this.records.get(key);
    return held && held.until > this.now() ? held.record : null;
  }

  /** The Map is ordered by expiry: one TTL for all. */
  private sweep(): void {
    const now = this.now();
    for (const [key, held] of this.records) {
      if (held.until > now) return;
      this.records.delete(key);
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

  constructor(redis: string | RedisConnection, tenantId: string) {
    this.prefix = `ig:idem:v1:${tenantId}:`;
    ({ connection: this.connection, close: this.closeConnection } = storeConnection(redis));
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
    return this.connection.run(async (c) => {
      await c.sendCommand(['SET', this.prefix + key, JSON.stringify(record), 'EX', String(Math.ceil(ttlSeconds))]);
    });
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
