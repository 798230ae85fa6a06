import { LRUCache } from 'lru-cache';
import { type RedisConnection, storeConnection } from '../infra/redis-connection';
import type { Provider } from '../domain/provider';
import type { ReportAmendment } from '../domain/report-amendment';

/** A vendor sends a handful per report (recording, webcam, proctoring). */
export const HELD_PER_REPORT = 16;

/** Stored before the 2xx, for audit and replay. */
export interface StoredWebhook {
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

/** Keeps each interview's newest applied version, so a late older delivery never overwrites newer state. */
export interface WebhookStore {
  /** False = duplicate. TTL in seconds. */
  store(record: StoredWebhook, ttlSeconds: number): Promise<boolean>;
  /** False = stale. */
  advance(provider: Provider, interviewLocator: string, version: WebhookVersion, ttlSeconds: number): Promise<boolean>;
  current(provider: Provider, interviewLocator: string): Promise<WebhookVersion | null>;
  /** For a report not known yet; the newest HELD_PER_REPORT per report are kept. */
  hold(provider: Provider, amendment: ReportAmendment, ttlSeconds: number): Promise<void>;
  /** Oldest first, removing them: one taker wins. */
  takeHeld(provider: Provider, reportProviderId: string): Promise<ReportAmendment[]>;
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
  private readonly versions = new LRUCache<string, WebhookVersion>({ max: MEMORY_VERSIONS });
  private readonly held = new LRUCache<string, { amendments: ReportAmendment[]; until: number }>({
    maxSize: MEMORY_HELD_BYTES,
    sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.amendments).length),
  });

  constructor(private readonly now: () => number = Date.now) {}

  async store(record: StoredWebhook, ttlSeconds: number): Promise<boolean> {
    const key = `${record.provider}|${record.dedupeKey}`;
    const held = this.deliveries.get(key);
    if (held && held.until > this.now()) return false;
    this.deliveries.set(key, { record, until: this.now() + ttlSeconds * 1000 });
    return true;
  }

  async hold(provider: Provider, amendment: ReportAmendment, ttlSeconds: number): Promise<void> {
    const key = `${provider}|${amendment.reportProviderId}`;
    const current = this.held.get(key);
    const amendments = current && current.until > this.now() ? current.amendments : [];
    this.held.set(key, { amendments: [...amendments, amendment].slice(-HELD_PER_REPORT), until: this.now() + ttlSeconds * 1000 });
  }

  async takeHeld(provider: Provider, reportProviderId: string): Promise<ReportAmendment[]> {
    const key = `${provider}|${reportProviderId}`;
    const current = this.held.get(key);
    this.held.delete(key);
    return current && current.until > this.now() ? current.amendments : [];
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

/** Deliveries by SET NX EX: the first instance to store one wins, duplicates are refused. */
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

  async hold(provider: Provider, amendment: ReportAmendment, ttlSeconds: number): Promise<void> {
    await this.connection.run(async (c) => {
      const key = this.heldKey(provider, amendment.reportProviderId);
      await c.multi().rPush(key, JSON.stringify(amendment)).lTrim(key, -HELD_PER_REPORT, -1).expire(key, Math.ceil(ttlSeconds)).exec();
    });
  }

  async takeHeld(provider: Provider, reportProviderId: string): Promise<ReportAmendment[]> {
    return this.connection.run(async (c) => {
      const key = this.heldKey(provider, reportProviderId);
      const [held] = (await c.multi().lRange(key, 0, -1).del(key).exec()) as unknown as [string[], number];
      return held.map((item) => JSON.parse(item) as ReportAmendment);
    });
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
