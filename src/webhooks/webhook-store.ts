import { LRUCache } from 'lru-cache';
import { type RedisConnection, storeConnection } from '../infra/redis-connection';
import type { Provider } from '../domain/provider';
import type { ReportAmendment } from '../domain/report-amendment';

/** A vendor sends a handful per report (recording, webcam, proctoring). */
export const HELD_PER_REPORT = 16;

/** Stored before the 2xx, for audit, replay and applying it again after a failure. */
export interface StoredWebhook {
  /** This receipt's own id (random): a retried write of it is told from another delivery of the same event. */
  receipt: string;
  provider: Provider;
  type: string;
  dedupeKey: string;
  interviewLocator: string | null;
  receivedAt: string;
  body: unknown;
}

export interface WebhookVersion {
  occurredAt: string | null;
  stage: number;
}

/**
 * Deliveries, deduplicated, each unapplied from its storing until `settle`; and each interview's
 * newest applied version, so a late older delivery never overwrites newer state.
 */
export interface WebhookStore {
  /**
   * In order; `result[i]` answers `records[i]`: true = stored (by this call, or by an earlier attempt
   * with the same receipt whose answer was lost) and unapplied, offered by `claimUnapplied` from
   * `retryAtMs` (epoch ms) on; false = a duplicate. TTL in seconds.
   */
  store(records: readonly StoredWebhook[], ttlSeconds: number, retryAtMs: number): Promise<boolean[]>;
  /** Unapplied deliveries due at `nowMs` (epoch ms), at most `limit`, each put off to `retryAtMs`: one taker per lease. */
  claimUnapplied(limit: number, nowMs: number, retryAtMs: number): Promise<StoredWebhook[]>;
  /** Applied, or found stale: never offered again. */
  settle(provider: Provider, dedupeKey: string): Promise<void>;
  /** Stored deliveries not applied yet. */
  unapplied(): Promise<number>;
  /** False = stale. */
  advance(provider: Provider, interviewLocator: string, version: WebhookVersion, ttlSeconds: number): Promise<boolean>;
  current(provider: Provider, interviewLocator: string): Promise<WebhookVersion | null>;
  /** For a report not known yet; the newest HELD_PER_REPORT per report are kept. */
  hold(provider: Provider, amendment: ReportAmendment, ttlSeconds: number): Promise<void>;
  /** Oldest first; kept until `releaseHeld`, so an apply that fails midway loses none. */
  held(provider: Provider, reportProviderId: string): Promise<ReportAmendment[]>;
  /** Drops `amendments` if they are still the oldest held (another taker may have released them first). */
  releaseHeld(provider: Provider, reportProviderId: string, amendments: readonly ReportAmendment[]): Promise<void>;
  close(): Promise<void>;
}

/** By time when both have one (ties by stage), else by stage alone. */
export function notOlder(next: WebhookVersion, applied: WebhookVersion): boolean {
  if (next.occurredAt && applied.occurredAt && next.occurredAt !== applied.occurredAt) return next.occurredAt > applied.occurredAt;
  return next.stage >= applied.stage;
}

/** JSON length; past it the oldest are dropped. */
const MEMORY_DELIVERY_BYTES = 64 * 1024 * 1024;
const MEMORY_VERSIONS = 100_000;
const MEMORY_HELD_BYTES = 8 * 1024 * 1024;

/**
 * Bounded by bytes because senders choose size and number. A dropped delivery can only come back as
 * a late duplicate, whose version check still refuses older state.
 */
export class MemoryWebhookStore implements WebhookStore {
  private readonly deliveries = new LRUCache<string, { record: StoredWebhook; until: number }>({
    maxSize: MEMORY_DELIVERY_BYTES,
    sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.record).length),
  });
  /** Key → when it is offered again (epoch ms); only keys still in `deliveries` count. */
  private readonly unappliedAt = new Map<string, number>();
  private readonly versions = new LRUCache<string, WebhookVersion>({ max: MEMORY_VERSIONS });
  private readonly heldAmendments = new LRUCache<string, { amendments: ReportAmendment[]; until: number }>({
    maxSize: MEMORY_HELD_BYTES,
    sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.amendments).length),
  });

  constructor(private readonly now: () => number = Date.now) {}

  async store(records: readonly StoredWebhook[], ttlSeconds: number, retryAtMs: number): Promise<boolean[]> {
    return records.map((record) => {
      const key = `${record.provider}|${record.dedupeKey}`;
      const held = this.deliveries.get(key);
      if (held && held.until > this.now()) return held.record.receipt === record.receipt;
      this.deliveries.set(key, { record, until: this.now() + ttlSeconds * 1000 });
      this.unappliedAt.set(key, retryAtMs);
      return true;
    });
  }

  async claimUnapplied(limit: number, nowMs: number, retryAtMs: number): Promise<StoredWebhook[]> {
    const claimed: StoredWebhook[] = [];
    for (const [key, due] of this.unappliedAt) {
      if (claimed.length >= limit) break;
      const record = this.deliveries.get(key)?.record;
      if (!record) this.unappliedAt.delete(key);
      else if (due <= nowMs) {
        this.unappliedAt.set(key, retryAtMs);
        claimed.push(record);
      }
    }
    return claimed;
  }

  async settle(provider: Provider, dedupeKey: string): Promise<void> {
    this.unappliedAt.delete(`${provider}|${dedupeKey}`);
  }

  async unapplied(): Promise<number> {
    for (const key of this.unappliedAt.keys()) if (!this.deliveries.has(key)) this.unappliedAt.delete(key);
    return this.unappliedAt.size;
  }

  async hold(provider: Provider, amendment: ReportAmendment, ttlSeconds: number): Promise<void> {
    const key = `${provider}|${amendment.reportProviderId}`;
    const amendments = await this.held(provider, amendment.reportProviderId);
    this.heldAmendments.set(key, { amendments: [...amendments, amendment].slice(-HELD_PER_REPORT), until: this.now() + ttlSeconds * 1000 });
  }

  async held(provider: Provider, reportProviderId: string): Promise<ReportAmendment[]> {
    const current = this.heldAmendments.get(`${provider}|${reportProviderId}`);
    return current && current.until > this.now() ? current.amendments : [];
  }

  async releaseHeld(provider: Provider, reportProviderId: string, amendments: readonly ReportAmendment[]): Promise<void> {
    const key = `${provider}|${reportProviderId}`;
    const current = this.heldAmendments.get(key);
    if (!current || amendments.length === 0) return;
    const head = current.amendments.slice(0, amendments.length);
    if (JSON.stringify(head) !== JSON.stringify(amendments)) return;
    const rest = current.amendments.slice(amendments.length);
    if (rest.length === 0) this.heldAmendments.delete(key);
    else this.heldAmendments.set(key, { ...current, amendments: rest });
  }

  async advance(provider: Provider, interviewLocator: string, version: WebhookVersion): Promise<boolean> {
    const key = `${provider}|${interviewLocator}`;
    const applied = this.versions.get(key);
    if (applied && !notOlder(version, applied)) return false;
    this.versions.set(key, version);
    return true;
  }

  async current(provider: Provider, interviewLocator: string): Promise<WebhookVersion | null> {
    return this.versions.get(`${provider}|${interviewLocator}`) ?? null;
  }

  all(): StoredWebhook[] {
    return [...this.deliveries.rvalues()].flatMap((d) => (d ? [d.record] : []));
  }

  async close(): Promise<void> {}
}

/** The same rule as `notOlder`. */
const ADVANCE = `
local applied = redis.call('GET', KEYS[1])
if applied then
  local at, stage = string.match(applied, '^(.*)|(%d+)$')
  local nextAt, nextStage = ARGV[1], tonumber(ARGV[2])
  if at ~= '' and nextAt ~= '' and at ~= nextAt then
    if nextAt < at then return 0 end
  elseif nextStage < tonumber(stage) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2], 'EX', ARGV[3])
return 1`;

/**
 * KEYS[1]: the unapplied set; KEYS[i > 1]: a delivery. ARGV: TTL, retry time, then each delivery's
 * JSON. A delivery already there with the same JSON (same receipt) is this one, written by an
 * earlier attempt whose answer was lost.
 */
const STORE = `
local out = {}
for i = 2, #KEYS do
  local value = ARGV[i + 1]
  if redis.call('SET', KEYS[i], value, 'NX', 'EX', ARGV[1]) then
    redis.call('ZADD', KEYS[1], ARGV[2], KEYS[i])
    out[i - 1] = 1
  elseif redis.call('GET', KEYS[i]) == value then
    out[i - 1] = 1
  else
    out[i - 1] = 0
  end
end
return out`;

/** KEYS[1]: the unapplied set. ARGV: now, limit, retry time. Expired deliveries leave the set. */
const CLAIM = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
local out = {}
for _, key in ipairs(due) do
  local record = redis.call('GET', key)
  if record then
    redis.call('ZADD', KEYS[1], ARGV[3], key)
    out[#out + 1] = record
  else
    redis.call('ZREM', KEYS[1], key)
  end
end
return out`;

/** KEYS[1]: a report's held list; ARGV: the amendments taken, dropped only if still its head. */
const RELEASE_HELD = `
local head = redis.call('LRANGE', KEYS[1], 0, #ARGV - 1)
if #head ~= #ARGV then return 0 end
for i = 1, #ARGV do
  if head[i] ~= ARGV[i] then return 0 end
end
redis.call('LTRIM', KEYS[1], #ARGV, -1)
return 1`;

/**
 * Deliveries by SET NX EX, in one script with their entry in the unapplied set: the first instance
 * to store one wins, duplicates are refused, and a stored one is applied by someone.
 */
export class RedisWebhookStore implements WebhookStore {
  private readonly connection: RedisConnection;
  private readonly closeConnection: () => Promise<void>;
  private readonly prefix: string;

  constructor(redis: string | RedisConnection, tenantId: string) {
    this.prefix = `ig:wh:v1:${tenantId}:`;
    ({ connection: this.connection, close: this.closeConnection } = storeConnection(redis));
  }

  async store(records: readonly StoredWebhook[], ttlSeconds: number, retryAtMs: number): Promise<boolean[]> {
    if (records.length === 0) return [];
    return this.connection.run(async (c) => {
      const keys = records.map((record) => this.deliveryKey(record.provider, record.dedupeKey));
      const result = (await c.sendCommand([
        'EVAL',
        STORE,
        String(keys.length + 1),
        this.unappliedKey(),
        ...keys,
        String(Math.ceil(ttlSeconds)),
        String(Math.round(retryAtMs)),
        ...records.map((record) => JSON.stringify(record)),
      ])) as number[];
      return result.map((stored) => Number(stored) === 1);
    });
  }

  async claimUnapplied(limit: number, nowMs: number, retryAtMs: number): Promise<StoredWebhook[]> {
    return this.connection.run(async (c) => {
      const claimed = (await c.sendCommand([
        'EVAL',
        CLAIM,
        '1',
        this.unappliedKey(),
        String(Math.round(nowMs)),
        String(limit),
        String(Math.round(retryAtMs)),
      ])) as string[];
      return claimed.map((record) => JSON.parse(record) as StoredWebhook);
    });
  }

  async settle(provider: Provider, dedupeKey: string): Promise<void> {
    await this.connection.run((c) => c.sendCommand(['ZREM', this.unappliedKey(), this.deliveryKey(provider, dedupeKey)]));
  }

  async unapplied(): Promise<number> {
    return this.connection.run(async (c) => Number(await c.sendCommand(['ZCARD', this.unappliedKey()])));
  }

  async advance(provider: Provider, interviewLocator: string, version: WebhookVersion, ttlSeconds: number): Promise<boolean> {
    return this.connection.run(async (c) => {
      const key = `${this.prefix}version:${provider}:${interviewLocator}`;
      const result = await c.sendCommand(['EVAL', ADVANCE, '1', key, version.occurredAt ?? '', String(version.stage), String(Math.ceil(ttlSeconds))]);
      return Number(result) === 1;
    });
  }

  async hold(provider: Provider, amendment: ReportAmendment, ttlSeconds: number): Promise<void> {
    await this.connection.run(async (c) => {
      const key = this.heldKey(provider, amendment.reportProviderId);
      await c.multi().rPush(key, JSON.stringify(amendment)).lTrim(key, -HELD_PER_REPORT, -1).expire(key, Math.ceil(ttlSeconds)).exec();
    });
  }

  async held(provider: Provider, reportProviderId: string): Promise<ReportAmendment[]> {
    return this.connection.run(async (c) => {
      const held = (await c.sendCommand(['LRANGE', this.heldKey(provider, reportProviderId), '0', '-1'])) as string[];
      return held.map((item) => JSON.parse(item) as ReportAmendment);
    });
  }

  async releaseHeld(provider: Provider, reportProviderId: string, amendments: readonly ReportAmendment[]): Promise<void> {
    if (amendments.length === 0) return;
    await this.connection.run((c) =>
      c.sendCommand(['EVAL', RELEASE_HELD, '1', this.heldKey(provider, reportProviderId), ...amendments.map((a) => JSON.stringify(a))]),
    );
  }

  private deliveryKey(provider: Provider, dedupeKey: string): string {
    return `${this.prefix}delivery:${provider}:${dedupeKey}`;
  }

  private unappliedKey(): string {
    return `${this.prefix}unapplied`;
  }

  private heldKey(provider: Provider, reportProviderId: string): string {
    return `${this.prefix}held:${provider}:${reportProviderId}`;
  }

  async current(provider: Provider, interviewLocator: string): Promise<WebhookVersion | null> {
    return this.connection.run(async (c) => {
      const stored = (await c.sendCommand(['GET', `${this.prefix}version:${provider}:${interviewLocator}`])) as string | null;
      const match = stored ? /^(.*)\|(\d+)$/.exec(stored) : null;
      return match ? { occurredAt: match[1] || null, stage: Number(match[2]) } : null;
    });
  }

  close(): Promise<void> {
    return this.closeConnection();
  }
}
