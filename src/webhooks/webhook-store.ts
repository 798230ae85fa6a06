import { type RedisConnection, storeConnection } from '../infra/redis-connection';
import type { Provider } from '../domain/provider';

/** What is kept of every accepted delivery (before the 2xx), for audit and replay. */
export interface StoredWebhook {
  provider: Provider;
  type: string;
  dedupeKey: string;
  interviewLocator: string | null;
  receivedAt: string;
  body: unknown;
}

/** Order of an interview's state as webhooks report it (see WebhookEvent.occurredAt/stage). */
export interface WebhookVersion {
  occurredAt: string | null;
  stage: number;
}

/**
 * Durable webhook bookkeeping: each delivery stored once under its dedupe key (a duplicate is
 * refused atomically), and per interview the newest applied version, so an older delivery
 * arriving late never overwrites newer state. In memory, or in Redis shared by every instance.
 */
export interface WebhookStore {
  /** Stores the delivery unless its key is already stored; false = duplicate. TTL in seconds. */
  store(record: StoredWebhook, ttlSeconds: number): Promise<boolean>;
  /** Records `version` for the interview if it is not older than the applied one; false = stale. */
  advance(provider: Provider, interviewLocator: string, version: WebhookVersion, ttlSeconds: number): Promise<boolean>;
  /** The newest version recorded for the interview, or null. */
  current(provider: Provider, interviewLocator: string): Promise<WebhookVersion | null>;
  close(): Promise<void>;
}

/**
 * True when `next` is at least as new as `applied`: by time when both have one (ties by stage),
 * else by stage alone.
 */
export function notOlder(next: WebhookVersion, applied: WebhookVersion): boolean {
  if (next.occurredAt && applied.occurredAt && next.occurredAt !== applied.occurredAt) return next.occurredAt > applied.occurredAt;
  return next.stage >= applied.stage;
}

export class MemoryWebhookStore implements WebhookStore {
  private readonly deliveries = new Map<string, { record: StoredWebhook; until: number }>();
  private readonly versions = new Map<string, WebhookVersion>();

  constructor(private readonly now: () => number = Date.now) {}

  async store(record: StoredWebhook, ttlSeconds: number): Promise<boolean> {
    const key = `${record.provider}|${record.dedupeKey}`;
    const held = this.deliveries.get(key);
    if (held && held.until > this.now()) return false;
    this.deliveries.set(key, { record, until: this.now() + ttlSeconds * 1000 });
    return true;
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

  /** Every stored delivery (tests, replay). */
  all(): StoredWebhook[] {
    return [...this.deliveries.values()].map((d) => d.record);
  }

  async close(): Promise<void> {}
}

/** Compare-and-set of an interview's applied version, the same rule as `notOlder`. */
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
 * In Redis: `<prefix>delivery:<PROVIDER>:<dedupeKey>` (SET NX EX: the first instance to store a
 * delivery wins, retries and duplicates are refused) and `<prefix>version:<PROVIDER>:<locator>`.
 */
export class RedisWebhookStore implements WebhookStore {
  private readonly connection: RedisConnection;
  private readonly closeConnection: () => Promise<void>;
  private readonly prefix: string;

  constructor(redis: string | RedisConnection, tenantId: string) {
    this.prefix = `ig:wh:v1:${tenantId}:`;
    ({ connection: this.connection, close: this.closeConnection } = storeConnection(redis));
  }

  async store(record: StoredWebhook, ttlSeconds: number): Promise<boolean> {
    return this.connection.run(async (c) => {
      const key = `${this.prefix}delivery:${record.provider}:${record.dedupeKey}`;
      const result = await c.sendCommand(['SET', key, JSON.stringify(record), 'NX', 'EX', String(Math.ceil(ttlSeconds))]);
      return String(result) === 'OK';
    });
  }

  async advance(provider: Provider, interviewLocator: string, version: WebhookVersion, ttlSeconds: number): Promise<boolean> {
    return this.connection.run(async (c) => {
      const key = `${this.prefix}version:${provider}:${interviewLocator}`;
      const result = await c.sendCommand(['EVAL', ADVANCE, '1', key, version.occurredAt ?? '', String(version.stage), String(Math.ceil(ttlSeconds))]);
      return Number(result) === 1;
    });
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
