import { bulkhead, type BulkheadPolicy } from 'cockatiel';
import type { InterviewSummary, TemplateSummary } from '../domain/interview-summary';
import type { InterviewStatus, ScoreScale } from '../domain/model';
import type { Provider } from '../domain/provider';
import { type RedisClient, type RedisConnection, storeConnection } from '../infra/redis-connection';
import { type FeedPosition, indexEntriesOf, summaryId, templateIndex, templateKey } from './feed-order';
import type { ReadModelStore, ScannedEntry } from './read-model-store';

/**
 * Compare-and-set, moving the summary between indexes in the same step. KEYS[1] summary hash; ARGV:
 * id, expected JSON ('' = absent), new JSON, then counted lists. 0: another writer got there first.
 */
const REPLACE = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if (current or '') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
local i = 4
local n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do redis.call('ZREM', ARGV[i], ARGV[i + 1]); i = i + 2 end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do redis.call('ZADD', ARGV[i], 0, ARGV[i + 1]); i = i + 2 end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do redis.call('SREM', ARGV[i], ARGV[1]); i = i + 1 end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do redis.call('SADD', ARGV[i], ARGV[1]); i = i + 1 end
return 1`;

/** Every round one writer wins, so N simultaneous writers need at most N rounds. */
const MAX_ATTEMPTS = 32;

/**
 * A page of 500 sent at once would queue on the one socket and its tail time out inside the guard,
 * opening the breaker; the rest wait here, outside any timeout.
 */
const WRITE_CONCURRENCY = 8;

/**
 * Indexes are ZSETs of score 0 with members `<sort key>|<id>`: equal scores order by member bytes,
 * so `ZRANGE … BYLEX` seeks to a cursor in O(log n + page).
 */
export class RedisReadModelStore implements ReadModelStore {
  private readonly connection: RedisConnection;
  private readonly closeConnection: () => Promise<void>;
  private readonly prefix: string;
  private readonly writes: BulkheadPolicy = bulkhead(WRITE_CONCURRENCY, Number.MAX_SAFE_INTEGER);

  constructor(redis: string | RedisConnection, tenantId: string) {
    this.prefix = `ig:rm:v1:${tenantId}:`;
    ({ connection: this.connection, close: this.closeConnection } = storeConnection(redis));
  }

  async upsert(summaries: readonly InterviewSummary[], merge: (previous: InterviewSummary | null, next: InterviewSummary) => InterviewSummary): Promise<void> {
    await Promise.all(summaries.map((next) => this.write((c) => this.upsertOne(c, next, merge))));
  }

  private async upsertOne(
    c: RedisClient,
    next: InterviewSummary,
    merge: (previous: InterviewSummary | null, next: InterviewSummary) => InterviewSummary,
  ): Promise<void> {
    const id = summaryId(next);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const stored = (await c.sendCommand(['HGET', this.key('sum'), id])) as string | null;
      const previous = stored === null ? null : decodeSummary(stored);
      const merged = merge(previous, next);
      const json = encodeSummary(merged);
      if (json === stored) return;
      const before = previous ? indexEntriesOf(previous).map((e) => [this.key(`i:${e.index}`), `${e.key}|${id}`]) : [];
      const after = indexEntriesOf(merged).map((e) => [this.key(`i:${e.index}`), `${e.key}|${id}`]);
      const kept = new Set(after.map(([k, m]) => `${k} ${m}`));
      const removed = before.filter(([k, m]) => !kept.has(`${k} ${m}`));
      const leave = previous?.email && previous.email !== merged.email ? [this.key(`e:${previous.email}`)] : [];
      const join = merged.email ? [this.key(`e:${merged.email}`)] : [];
      const args = [
        id,
        stored ?? '',
        json,
        String(removed.length),
        ...removed.flat(),
        String(after.length),
        ...after.flat(),
        String(leave.length),
        ...leave,
        String(join.length),
        ...join,
      ];
      const done = await c.sendCommand(['EVAL', REPLACE, '1', this.key('sum'), ...args]);
      if (Number(done) === 1) return;
      // Jitter spreads the writers that lost together.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * (attempt + 1)));
    }
    throw new Error(`read model: ${id} kept changing under ${MAX_ATTEMPTS} attempts`);
  }

  async upsertTemplates(templates: readonly TemplateSummary[]): Promise<void> {
    await Promise.all(
      templates.map((template) =>
        this.write(async (c) => {
          const id = summaryId(template);
          const value = template.createdAt === null ? '' : String(template.createdAt);
          const stored = (await c.sendCommand(['HGET', this.key('tpl'), id])) as string | null;
          if (stored === value) return;
          const index = this.key(`i:${templateIndex(template.provider)}`);
          if (stored !== null) await c.sendCommand(['ZREM', index, `${templateKey({ ...template, createdAt: stored === '' ? null : Number(stored) })}|${id}`]);
          await c.sendCommand(['HSET', this.key('tpl'), id, value]);
          await c.sendCommand(['ZADD', index, '0', `${templateKey(template)}|${id}`]);
        }),
      ),
    );
  }

  async scan(index: string, after: FeedPosition | null, limit: number): Promise<Array<ScannedEntry<InterviewSummary>>> {
    return this.run(async (c) => {
      const members = await this.range(c, index, after, limit);
      if (members.length === 0) return [];
      const values = (await c.sendCommand(['HMGET', this.key('sum'), ...members.map((m) => m.id)])) as Array<string | null>;
      // A member whose summary is gone (never: summaries are not deleted) is skipped.
      return members.flatMap((m, i) => (values[i] === null ? [] : [{ ...m, value: decodeSummary(values[i] as string) }]));
    });
  }

  async scanTemplates(index: string, after: FeedPosition | null, limit: number): Promise<Array<ScannedEntry<TemplateSummary>>> {
    return this.run(async (c) => {
      const members = await this.range(c, index, after, limit);
      return members.map((m) => {
        const bar = m.id.indexOf('|');
        return { ...m, value: { provider: m.id.slice(0, bar) as Provider, locator: m.id.slice(bar + 1), createdAt: null } };
      });
    });
  }

  async count(index: string): Promise<number> {
    return this.run(async (c) => Number(await c.sendCommand(['ZCARD', this.key(`i:${index}`)])));
  }

  async byEmail(email: string): Promise<InterviewSummary[]> {
    return this.run(async (c) => {
      const ids = (await c.sendCommand(['SMEMBERS', this.key(`e:${email}`)])) as string[];
      if (ids.length === 0) return [];
      const values = (await c.sendCommand(['HMGET', this.key('sum'), ...ids])) as Array<string | null>;
      return values.flatMap((v) => (v === null ? [] : [decodeSummary(v)]));
    });
  }

  async get(ids: readonly string[]): Promise<Array<InterviewSummary | null>> {
    if (ids.length === 0) return [];
    return this.run(async (c) => {
      const values = (await c.sendCommand(['HMGET', this.key('sum'), ...ids])) as Array<string | null>;
      return values.map((v) => (v === null ? null : decodeSummary(v)));
    });
  }

  async size(): Promise<number> {
    return this.run(async (c) => Number(await c.sendCommand(['HLEN', this.key('sum')])));
  }

  close(): Promise<void> {
    return this.closeConnection();
  }

  private async range(c: RedisClient, index: string, after: FeedPosition | null, limit: number): Promise<Array<{ key: string; id: string }>> {
    if (limit <= 0) return [];
    const from = after === null ? '-' : `(${after.key}|${after.id}`;
    const members = (await c.sendCommand(['ZRANGE', this.key(`i:${index}`), from, '+', 'BYLEX', 'LIMIT', '0', String(limit)])) as string[];
    return members.map((member) => {
      const bar = member.indexOf('|');
      return { key: member.slice(0, bar), id: member.slice(bar + 1) };
    });
  }

  private write(operation: (client: RedisClient) => Promise<void>): Promise<void> {
    return this.writes.execute(() => this.run(operation));
  }

  private async run<T>(operation: (client: RedisClient) => Promise<T>): Promise<T> {
    try {
      return await this.connection.run(operation);
    } catch (error) {
      throw new Error('read model: Redis is not reachable', { cause: error });
    }
  }

  private key(suffix: string): string {
    return `${this.prefix}${suffix}`;
  }
}

/** An array, not an object: no field names in 100,000 summaries per tenant. */
export function encodeSummary(s: InterviewSummary): string {
  return JSON.stringify([
    s.provider,
    s.locator,
    s.email,
    s.templateLocator,
    s.status,
    s.invitedAt,
    s.startedAt,
    s.completedAt,
    s.updatedAt,
    s.reportLocator,
    s.reportCompletedAt,
    s.score,
    s.scoreScale,
    s.reportAbsent,
  ]);
}

export function decodeSummary(json: string): InterviewSummary {
  const a = JSON.parse(json) as unknown[];
  return {
    provider: a[0] as Provider,
    locator: a[1] as string,
    email: a[2] as string | null,
    templateLocator: a[3] as string | null,
    status: a[4] as InterviewStatus,
    invitedAt: a[5] as number | null,
    startedAt: a[6] as number | null,
    completedAt: a[7] as number | null,
    updatedAt: a[8] as number | null,
    reportLocator: a[9] as string | null,
    reportCompletedAt: a[10] as number | null,
    score: a[11] as number | null,
    scoreScale: a[12] as ScoreScale | null,
    reportAbsent: (a[13] as true | null) ?? null,
  };
}
