import { randomUUID } from 'node:crypto';
import { type RedisConnection, storeConnection } from '../infra/redis-connection';
import type {
  AttemptVerdict,
  ClaimedDelivery,
  DeliveryAttempt,
  DeliveryPage,
  DeliveryStatus,
  EndpointState,
  OutboundDelivery,
  WebhookEndpoint,
} from './outbound.types';
import {
  type ClaimOptions,
  decodeLogCursor,
  DELIVERY_RETENTION_SECONDS,
  ENDPOINT_DELETED,
  ENDPOINT_DISABLED,
  encodeLogCursor,
  LOG_PER_ENDPOINT,
  type OutboxStore,
  type RedeliverResult,
} from './outbox-store';

/*
 * Keys, under `ig:out:v1:<tenant>:` (ARGV[1] of every script, so one tenant's scripts touch only its keys):
 *   endpoints            HASH  id → endpoint JSON (as an admin wrote it)
 *   disabled             HASH  id → why it is disabled
 *   d:<delivery>         HASH  the delivery: fields below; `payload` is never re-encoded by a script
 *   due                  ZSET  pending delivery → when it may be attempted (a claim pushes it to its lease's end)
 *   pending              ZSET  pending delivery → since when (the oldest-pending metric)
 *   order:<ep>:<key>     ZSET  pending delivery → change time: only the first may be attempted
 *   inflight:<ep>        ZSET  delivery → lease end: the per-endpoint cap
 *   log:<ep>, log:<ep>:<status>  ZSET  delivery → creation: the delivery log, newest 10,000
 */

/** Shared by the scripts: a delivery leaves the pending sets and is logged under its final status. */
const CLOSE = `
local function close(P, id, ep, order, created, status, reason, now)
  local key = P .. 'd:' .. id
  redis.call('HSET', key, 'status', status, 'next', '', 'lease', '')
  if reason ~= '' then
    redis.call('HSET', key, 'last', cjson.encode({at = tonumber(now), status = cjson.null, latencyMs = 0, error = reason, responseBody = ''}))
  end
  redis.call('ZREM', P .. 'due', id)
  redis.call('ZREM', P .. 'pending', id)
  redis.call('ZREM', P .. 'order:' .. ep .. ':' .. order, id)
  redis.call('ZREM', P .. 'inflight:' .. ep, id)
  redis.call('ZREM', P .. 'log:' .. ep .. ':pending', id)
  redis.call('ZADD', P .. 'log:' .. ep .. ':' .. status, created, id)
  redis.call('ZREMRANGEBYRANK', P .. 'log:' .. ep .. ':' .. status, 0, -${LOG_PER_ENDPOINT} - 1)
end
`;

/** ARGV: prefix, retention, log size, then per delivery 11 fields (see `enqueue`). */
const ENQUEUE = `
local P, ttl, keep = ARGV[1], ARGV[2], tonumber(ARGV[3])
local added = 0
for i = 4, #ARGV, 11 do
  local id, ep, order, changed, created = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local key = P .. 'd:' .. id
  if redis.call('EXISTS', key) == 0 then
    redis.call('HSET', key, 'id', id, 'endpoint', ep, 'order', order, 'changed', changed, 'created', created,
      'event', ARGV[i + 5], 'type', ARGV[i + 6], 'payload', ARGV[i + 7], 'status', 'pending', 'attempts', '0',
      'next', ARGV[i + 8], 'lease', '', 'last', '', 'since', ARGV[i + 9])
    redis.call('EXPIRE', key, ttl)
    redis.call('ZADD', P .. 'due', ARGV[i + 8], id)
    redis.call('ZADD', P .. 'pending', ARGV[i + 9], id)
    redis.call('ZADD', P .. 'order:' .. ep .. ':' .. order, changed, id)
    for _, log in ipairs({P .. 'log:' .. ep, P .. 'log:' .. ep .. ':pending'}) do
      redis.call('ZADD', log, created, id)
      redis.call('ZREMRANGEBYRANK', log, 0, -keep - 1)
    end
    added = added + 1
  end
end
return added
`;

/** ARGV: prefix, now, limit, lease end, per-endpoint cap, lease token base. Returns [id, token, …]. */
const CLAIM = `${CLOSE}
local P, now, limit, leaseUntil, cap, token = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5]), ARGV[6]
local out = {}
local due = redis.call('ZRANGEBYSCORE', P .. 'due', '-inf', now, 'LIMIT', 0, math.min(limit * 10, 1000))
local function consider(id)
  local key = P .. 'd:' .. id
  local f = redis.call('HMGET', key, 'status', 'endpoint', 'order', 'created')
  if not f[1] or f[1] ~= 'pending' then
    redis.call('ZREM', P .. 'due', id)
    redis.call('ZREM', P .. 'pending', id)
    return
  end
  local ep, order, created = f[2], f[3], f[4]
  if redis.call('HEXISTS', P .. 'endpoints', ep) == 0 then
    close(P, id, ep, order, created, 'failed', '${ENDPOINT_DELETED}', now)
    return
  end
  if redis.call('HEXISTS', P .. 'disabled', ep) == 1 then
    close(P, id, ep, order, created, 'failed', '${ENDPOINT_DISABLED}', now)
    return
  end
  local inflight = P .. 'inflight:' .. ep
  redis.call('ZREMRANGEBYSCORE', inflight, '-inf', now)
  if redis.call('ZCARD', inflight) >= cap then return end
  local queue = P .. 'order:' .. ep .. ':' .. order
  local first = redis.call('ZRANGE', queue, 0, 0)
  -- One that expired unsent (no replica ran for its whole retention) must not hold up the rest.
  while first[1] and first[1] ~= id and redis.call('EXISTS', P .. 'd:' .. first[1]) == 0 do
    redis.call('ZREM', queue, first[1])
    first = redis.call('ZRANGE', queue, 0, 0)
  end
  if first[1] ~= id then return end
  local lease = token .. ':' .. #out
  redis.call('HSET', key, 'lease', lease)
  redis.call('ZADD', P .. 'due', leaseUntil, id)
  redis.call('ZADD', inflight, leaseUntil, id)
  out[#out + 1] = id
  out[#out + 1] = lease
end
for _, id in ipairs(due) do
  if #out >= limit * 2 then break end
  consider(id)
end
return out
`;

/** ARGV: prefix, id, lease, outcome, next attempt, last attempt JSON, disable reason, now. 1: recorded, 0: lease lost. */
const FINISH = `${CLOSE}
local P, id, lease, outcome, nextAt, last, disable, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local key = P .. 'd:' .. id
if lease == '' or redis.call('HGET', key, 'lease') ~= lease then return 0 end
local f = redis.call('HMGET', key, 'endpoint', 'order', 'created')
redis.call('HINCRBY', key, 'attempts', 1)
redis.call('HSET', key, 'last', last, 'lease', '')
redis.call('ZREM', P .. 'inflight:' .. f[1], id)
if outcome == 'retry' then
  redis.call('HSET', key, 'next', nextAt)
  redis.call('ZADD', P .. 'due', nextAt, id)
else
  if disable ~= '' and redis.call('HEXISTS', P .. 'endpoints', f[1]) == 1 then redis.call('HSET', P .. 'disabled', f[1], disable) end
  close(P, id, f[1], f[2], f[3], outcome, '', now)
end
return 1
`;

/** ARGV: prefix, id, now, retention. Returns 'ok', 'not-found', 'pending' or 'endpoint-disabled'. */
const REDELIVER = `
local P, id, now, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local key = P .. 'd:' .. id
local f = redis.call('HMGET', key, 'status', 'endpoint', 'order', 'changed', 'created')
if not f[1] then return 'not-found' end
if f[1] == 'pending' then return 'pending' end
local ep = f[2]
if redis.call('HEXISTS', P .. 'endpoints', ep) == 0 then return 'not-found' end
if redis.call('HEXISTS', P .. 'disabled', ep) == 1 then return 'endpoint-disabled' end
redis.call('HSET', key, 'status', 'pending', 'next', now, 'lease', '', 'since', now)
redis.call('EXPIRE', key, ttl)
redis.call('ZADD', P .. 'due', now, id)
redis.call('ZADD', P .. 'pending', now, id)
redis.call('ZADD', P .. 'order:' .. ep .. ':' .. f[3], f[4], id)
redis.call('ZREM', P .. 'log:' .. ep .. ':' .. f[1], id)
redis.call('ZADD', P .. 'log:' .. ep .. ':pending', f[5], id)
return 'ok'
`;

/** ARGV: prefix, id, JSON, max, mode (`create` or `update`). 1: saved; 0: too many endpoints, or (update) gone. */
const SAVE_ENDPOINT = `
local P = ARGV[1]
local exists = redis.call('HEXISTS', P .. 'endpoints', ARGV[2]) == 1
if ARGV[5] == 'update' and not exists then return 0 end
if not exists and redis.call('HLEN', P .. 'endpoints') >= tonumber(ARGV[4]) then return 0 end
redis.call('HSET', P .. 'endpoints', ARGV[2], ARGV[3])
return 1
`;

/** One outbox for every replica of a tenant (`REDIS_URL`): survives any replica's restart. */
export class RedisOutboxStore implements OutboxStore {
  private readonly connection: RedisConnection;
  private readonly closeConnection: () => Promise<void>;
  private readonly prefix: string;

  constructor(redis: string | RedisConnection, tenantId: string) {
    this.prefix = `ig:out:v1:${tenantId}:`;
    ({ connection: this.connection, close: this.closeConnection } = storeConnection(redis));
  }

  async endpoints(): Promise<EndpointState[]> {
    return this.connection.run(async (c) => {
      const [endpoints, disabled] = (await c.multi().hGetAll(`${this.prefix}endpoints`).hGetAll(`${this.prefix}disabled`).exec()) as unknown as [
        Record<string, string>,
        Record<string, string>,
      ];
      return Object.values(endpoints)
        .map((json) => JSON.parse(json) as WebhookEndpoint)
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
        .map((endpoint) => ({ endpoint, disabledReason: disabled[endpoint.id] ?? null }));
    });
  }

  async endpoint(id: string): Promise<EndpointState | null> {
    return this.connection.run(async (c) => {
      const [json, disabled] = (await c.multi().hGet(`${this.prefix}endpoints`, id).hGet(`${this.prefix}disabled`, id).exec()) as unknown as [
        string | null,
        string | null,
      ];
      return json ? { endpoint: JSON.parse(json) as WebhookEndpoint, disabledReason: disabled ?? null } : null;
    });
  }

  async saveEndpoint(endpoint: WebhookEndpoint, max: number, mode: 'create' | 'update' = 'create'): Promise<boolean> {
    const saved = await this.script(SAVE_ENDPOINT, endpoint.id, JSON.stringify(endpoint), String(max), mode);
    return Number(saved) === 1;
  }

  async setDisabled(id: string, reason: string | null): Promise<boolean> {
    return this.connection.run(async (c) => {
      if (!(await c.hExists(`${this.prefix}endpoints`, id))) return false;
      if (reason === null) await c.hDel(`${this.prefix}disabled`, id);
      else await c.hSet(`${this.prefix}disabled`, id, reason);
      return true;
    });
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    return this.connection.run(async (c) => {
      const removed = await c.hDel(`${this.prefix}endpoints`, id);
      if (removed === 0) return false;
      const logs = ['', ':pending', ':delivered', ':failed'].map((s) => `${this.prefix}log:${id}${s}`);
      await c.multi().hDel(`${this.prefix}disabled`, id).del(logs).exec();
      return true;
    });
  }

  async enqueue(deliveries: readonly OutboundDelivery[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    const fields = deliveries.flatMap((d) => [
      d.id,
      d.endpointId,
      d.orderKey,
      String(d.changedAt),
      String(d.createdAt),
      d.eventId,
      d.type,
      d.payload,
      String(d.nextAttemptAt ?? d.createdAt),
      String(d.createdAt),
      '',
    ]);
    return Number(await this.script(ENQUEUE, String(DELIVERY_RETENTION_SECONDS), String(LOG_PER_ENDPOINT), ...fields));
  }

  async claim({ nowMs, limit, leaseUntilMs, perEndpoint }: ClaimOptions): Promise<ClaimedDelivery[]> {
    const out = (await this.script(CLAIM, String(nowMs), String(limit), String(leaseUntilMs), String(perEndpoint), randomUUID())) as string[];
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < out.length; i += 2) pairs.push([out[i], out[i + 1]]);
    const deliveries = await this.read(pairs.map(([id]) => id));
    return pairs.flatMap(([, lease], i) => {
      const delivery = deliveries[i];
      return delivery ? [{ ...delivery, lease }] : [];
    });
  }

  async finish(delivery: ClaimedDelivery, attempt: DeliveryAttempt, verdict: AttemptVerdict): Promise<boolean> {
    const recorded = await this.script(
      FINISH,
      delivery.id,
      delivery.lease,
      verdict.outcome,
      verdict.outcome === 'retry' ? String(verdict.nextAttemptAt) : '',
      JSON.stringify(attempt),
      verdict.outcome === 'failed' ? (verdict.disable ?? '') : '',
      String(Date.now()),
    );
    return Number(recorded) === 1;
  }

  async delivery(id: string): Promise<OutboundDelivery | null> {
    const [delivery] = await this.read([id]);
    return delivery;
  }

  async redeliver(id: string, nowMs: number): Promise<RedeliverResult> {
    const result = String(await this.script(REDELIVER, id, String(nowMs), String(DELIVERY_RETENTION_SECONDS)));
    if (result !== 'ok') return result as Exclude<RedeliverResult, OutboundDelivery>;
    return (await this.delivery(id)) ?? 'not-found';
  }

  async list(endpointId: string, status: DeliveryStatus | null, first: number, after: string | null): Promise<DeliveryPage> {
    const key = `${this.prefix}log:${endpointId}${status ? `:${status}` : ''}`;
    const from = after ? decodeLogCursor(after) : null;
    // Ties (one millisecond) are ordered by id, as ZREVRANGE orders equal scores; a few extra cover them.
    const ids = await this.connection.run(async (c) => {
      const found = (await c.sendCommand([
        'ZRANGE',
        key,
        from ? String(from.createdAt) : '+inf',
        '-inf',
        'BYSCORE',
        'REV',
        'WITHSCORES',
        'LIMIT',
        '0',
        String(first + 65),
      ])) as string[];
      const pairs: Array<{ id: string; createdAt: number }> = [];
      for (let i = 0; i < found.length; i += 2) pairs.push({ id: found[i], createdAt: Number(found[i + 1]) });
      return pairs.filter((p) => !from || p.createdAt < from.createdAt || p.id < from.id);
    });
    const page = ids.slice(0, first);
    const items = (await this.read(page.map((p) => p.id))).filter((d): d is OutboundDelivery => d !== null);
    const last = page.at(-1);
    return { items, endCursor: ids.length > first && last ? encodeLogCursor(last.createdAt, last.id) : null };
  }

  async oldestPending(): Promise<number | null> {
    return this.connection.run(async (c) => {
      const [, score] = (await c.sendCommand(['ZRANGE', `${this.prefix}pending`, '0', '0', 'WITHSCORES'])) as string[];
      return score === undefined ? null : Number(score);
    });
  }

  close(): Promise<void> {
    return this.closeConnection();
  }

  private script(source: string, ...args: string[]): Promise<unknown> {
    return this.connection.run((c) => c.sendCommand(['EVAL', source, '0', this.prefix, ...args]));
  }

  private async read(ids: readonly string[]): Promise<Array<OutboundDelivery | null>> {
    if (ids.length === 0) return [];
    return this.connection.run(async (c) => {
      const multi = c.multi();
      for (const id of ids) multi.hGetAll(`${this.prefix}d:${id}`);
      const found = (await multi.exec()) as unknown as Array<Record<string, string>>;
      return found.map((fields) => (fields?.id ? deliveryOf(fields) : null));
    });
  }
}

function deliveryOf(f: Record<string, string>): OutboundDelivery {
  return {
    id: f.id,
    eventId: f.event,
    endpointId: f.endpoint,
    type: f.type as OutboundDelivery['type'],
    orderKey: f.order,
    changedAt: Number(f.changed),
    createdAt: Number(f.created),
    payload: f.payload,
    status: f.status as DeliveryStatus,
    attempts: Number(f.attempts),
    nextAttemptAt: f.next ? Number(f.next) : null,
    lastAttempt: f.last ? (JSON.parse(f.last) as DeliveryAttempt) : null,
  };
}
