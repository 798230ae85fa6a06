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

/** What applying a delivery did, kept for turning it into outbound events once it is applied. */
export interface AppliedChange {
  result: 'applied' | 'stale';
  /** Interviews (locators at the delivery's provider) whose state the apply changed. */
  interviews: string[];
}

/** A stored delivery taken to be published, with what its apply did (null: settled before this was kept) and its note. */
export interface UnpublishedChange {
  record: StoredWebhook;
  applied: AppliedChange | null;
  /** Written before its first apply (`note`). */
  note: string | null;
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
  /** Applied, or found stale: never offered again to be applied; offered to be published (`claimUnpublished`). */
  settle(provider: Provider, dedupeKey: string, applied?: AppliedChange): Promise<void>;
  /** Kept with the delivery unless one is there already: what was true before its first apply. */
  note(provider: Provider, dedupeKey: string, note: string): Promise<void>;
  /**
   * Every stored delivery is also unpublished, from the same write that stores it: applied ones due
   * at `nowMs` are offered here (at most `limit`), each put off to `retryAtMs`, until `published`.
   * Unapplied ones wait for their apply.
   */
  claimUnpublished(limit: number, nowMs: number, retryAtMs: number): Promise<UnpublishedChange[]>;
  /** Their outbound events are in the outbox (or they made none). */
  published(deliveries: ReadonlyArray<Pick<StoredWebhook, 'provider' | 'dedupeKey'>>): Promise<void>;
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
  /** Key → when it is offered to be published again (epoch ms). */
  private readonly unpublishedAt = new Map<string, number>();
  private readonly notes = new Map<string, { applied: AppliedChange | null; note: string | null }>();
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
      this.unpublishedAt.set(key, 0);
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

  async settle(provider: Provider, dedupeKey: string, applied?: AppliedChange): Promise<void> {
    const key = `${provider}|${dedupeKey}`;
    this.unappliedAt.delete(key);
    if (applied) this.notes.set(key, { note: null, ...this.notes.get(key), applied });
  }

  async note(provider: Provider, dedupeKey: string, note: string): Promise<void> {
    const key = `${provider}|${dedupeKey}`;
    const current = this.notes.get(key);
    if (!current?.note) this.notes.set(key, { applied: current?.applied ?? null, note });
  }

  async claimUnpublished(limit: number, nowMs: number, retryAtMs: number): Promise<UnpublishedChange[]> {
    const claimed: UnpublishedChange[] = [];
    for (const [key, due] of this.unpublishedAt) {
      if (claimed.length >= limit) break;
      const record = this.deliveries.get(key)?.record;
      if (!record) this.forget(key);
      else if (due <= nowMs && !this.unappliedAt.has(key)) {
        this.unpublishedAt.set(key, retryAtMs);
        const notes = this.notes.get(key);
        claimed.push({ record, applied: notes?.applied ?? null, note: notes?.note ?? null });
      }
    }
    return claimed;
  }

  async published(deliveries: ReadonlyArray<Pick<StoredWebhook, 'provider' | 'dedupeKey'>>): Promise<void> {
    for (const { provider, dedupeKey } of deliveries) this.forget(`${provider}|${dedupeKey}`);
  }

  private forget(key: string): void {
    this.unpublishedAt.delete(key);
    this.notes.delete(key);
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

/** A delivery's notes outlive an outage of the publisher, and go once it is published. */
const NOTES_TTL_SECONDS = 7 * 86_400;

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
 * KEYS[1]: the unapplied set; KEYS[2]: the unpublished set; KEYS[i > 2]: a delivery. ARGV: TTL,
 * retry time, then each delivery's JSON. A delivery already there with the same JSON (same receipt)
 * is this one, written by an earlier attempt whose answer was lost. A stored delivery is unapplied
 * and unpublished from this one step: no acknowledged delivery can miss its outbound events.
 */
const STORE = `
local out = {}
for i = 3, #KEYS do
  local value = ARGV[i]
  if redis.call('SET', KEYS[i], value, 'NX', 'EX', ARGV[1]) then
    redis.call('ZADD', KEYS[1], ARGV[2], KEYS[i])
    redis.call('ZADD', KEYS[2], 0, KEYS[i])
    out[i - 2] = 1
  elseif redis.call('GET', KEYS[i]) == value then
    out[i - 2] = 1
  else
    out[i - 2] = 0
  end
end
return out`;

/**
 * KEYS[1]: the unpublished set, KEYS[2]: the unapplied set. ARGV: now, limit, retry time, the
 * tenant's key prefix (a delivery's notes are at `<prefix>notes:…` beside `<prefix>delivery:…`).
 * Returns [record, applied, note, …]; expired deliveries leave the set, unapplied ones stay as they are.
 */
const CLAIM_UNPUBLISHED = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2] * 5)
local out = {}
for _, key in ipairs(due) do
  if #out >= ARGV[2] * 3 then break end
  if not redis.call('ZSCORE', KEYS[2], key) then
    local record = redis.call('GET', key)
    if record then
      redis.call('ZADD', KEYS[1], ARGV[3], key)
      local notes = redis.call('HMGET', ARGV[4] .. 'notes:' .. string.sub(key, #ARGV[4] + #'delivery:' + 1), 'applied', 'note')
      out[#out + 1] = record
      out[#out + 1] = notes[1] or ''
      out[#out + 1] = notes[2] or ''
    else
      redis.call('ZREM', KEYS[1], key)
    end
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
        String(keys.length + 2),
        this.unappliedKey(),
        this.unpublishedKey(),
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

  async settle(provider: Provider, dedupeKey: string, applied?: AppliedChange): Promise<void> {
    const key = this.deliveryKey(provider, dedupeKey);
    await this.connection.run(async (c) => {
      const multi = c.multi();
      // Written before the delivery leaves the unapplied set: a publisher never sees it applied without this.
      const notes = this.notesKey(provider, dedupeKey);
      if (applied) multi.hSet(notes, 'applied', JSON.stringify(applied)).expire(notes, NOTES_TTL_SECONDS);
      await multi.zRem(this.unappliedKey(), key).exec();
    });
  }

  async note(provider: Provider, dedupeKey: string, note: string): Promise<void> {
    const key = this.notesKey(provider, dedupeKey);
    await this.connection.run((c) => c.multi().hSetNX(key, 'note', note).expire(key, NOTES_TTL_SECONDS).exec());
  }

  async claimUnpublished(limit: number, nowMs: number, retryAtMs: number): Promise<UnpublishedChange[]> {
    return this.connection.run(async (c) => {
      const out = (await c.sendCommand([
        'EVAL',
        CLAIM_UNPUBLISHED,
        '2',
        this.unpublishedKey(),
        this.unappliedKey(),
        String(Math.round(nowMs)),
        String(limit),
        String(Math.round(retryAtMs)),
        this.prefix,
      ])) as string[];
      const changes: UnpublishedChange[] = [];
      for (let i = 0; i < out.length; i += 3) {
        changes.push({
          record: JSON.parse(out[i]) as StoredWebhook,
          applied: out[i + 1] ? (JSON.parse(out[i + 1]) as AppliedChange) : null,
          note: out[i + 2] || null,
        });
      }
      return changes;
    });
  }

  async published(deliveries: ReadonlyArray<Pick<StoredWebhook, 'provider' | 'dedupeKey'>>): Promise<void> {
    if (deliveries.length === 0) return;
    await this.connection.run((c) =>
      c
        .multi()
        .zRem(
          this.unpublishedKey(),
          deliveries.map((d) => this.deliveryKey(d.provider, d.dedupeKey)),
        )
        .del(deliveries.map((d) => this.notesKey(d.provider, d.dedupeKey)))
        .exec(),
    );
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

  /** What applying a delivery did and what was true before (`settle`, `note`), until it is published. */
  private notesKey(provider: Provider, dedupeKey: string): string {
    return `${this.prefix}notes:${provider}:${dedupeKey}`;
  }

  private unappliedKey(): string {
    return `${this.prefix}unapplied`;
  }

  private unpublishedKey(): string {
    return `${this.prefix}unpublished`;
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
