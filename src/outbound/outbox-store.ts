import { randomUUID } from 'node:crypto';
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

/** Kept after their last attempt, for the delivery log and `redeliverWebhook`. */
export const DELIVERY_RETENTION_SECONDS = 30 * 86_400;
/** The newest this many per endpoint are listed; older ones age out with their retention. */
export const LOG_PER_ENDPOINT = 10_000;

export interface ClaimOptions {
  nowMs: number;
  limit: number;
  /** Epoch ms: a delivery whose holder went away (a replica killed mid-attempt) is offered again from then. */
  leaseUntilMs: number;
  /** Attempts in flight per endpoint at most, whoever holds them. */
  perEndpoint: number;
}

export type RedeliverResult = OutboundDelivery | 'not-found' | 'pending' | 'endpoint-disabled';

/**
 * A tenant's endpoints and the outbox of deliveries to them. With Redis one outbox serves every
 * replica: a claim is atomic, so each attempt has one holder, and the holder's lease is the only
 * key to recording its result.
 */
export interface OutboxStore {
  endpoints(): Promise<EndpointState[]>;
  endpoint(id: string): Promise<EndpointState | null>;
  /** `create` (default): false past `max`. `update`: replaces, false when it is gone (deleted meanwhile: not brought back). */
  saveEndpoint(endpoint: WebhookEndpoint, max: number, mode?: 'create' | 'update'): Promise<boolean>;
  /** Null: enabled. */
  setDisabled(id: string, reason: string | null): Promise<boolean>;
  /** Its log goes with it; its pending deliveries fail at their next turn. */
  deleteEndpoint(id: string): Promise<boolean>;
  /** New deliveries, due at once; ids already there are left alone (a change published twice). Returns how many were new. */
  enqueue(deliveries: readonly OutboundDelivery[]): Promise<number>;
  /**
   * Due deliveries, oldest change first, each for one attempt: at most `perEndpoint` in flight per
   * endpoint, and never one while an earlier delivery with its `orderKey` to its endpoint is pending.
   * Deliveries to a deleted or disabled endpoint fail here.
   */
  claim(options: ClaimOptions): Promise<ClaimedDelivery[]>;
  /** False when the lease was lost (its attempt outlived it and another holder took over): nothing recorded. */
  finish(delivery: ClaimedDelivery, attempt: DeliveryAttempt, verdict: AttemptVerdict): Promise<boolean>;
  delivery(id: string): Promise<OutboundDelivery | null>;
  redeliver(id: string, nowMs: number): Promise<RedeliverResult>;
  /** Newest first. */
  list(endpointId: string, status: DeliveryStatus | null, first: number, after: string | null): Promise<DeliveryPage>;
  /** `createdAt` of the oldest pending delivery (a redelivery counts from its request), null: none. */
  oldestPending(): Promise<number | null>;
  close(): Promise<void>;
}

export const ENDPOINT_DELETED = 'The endpoint was deleted.';
export const ENDPOINT_DISABLED = 'The endpoint is disabled.';

/** The cursor of a log position: newest first, ties by id. */
export function encodeLogCursor(createdAt: number, id: string): string {
  return Buffer.from(`${createdAt}|${id}`).toString('base64url');
}

export function decodeLogCursor(cursor: string): { createdAt: number; id: string } | null {
  const match = /^(\d{1,16})\|([A-Za-z0-9_]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? { createdAt: Number(match[1]), id: match[2] } : null;
}

/** JSON length of deliveries kept at most per tenant; past it the oldest finished ones go first. */
const MEMORY_MAX_BYTES = 32 * 1024 * 1024;

interface Held {
  delivery: OutboundDelivery;
  lease: string | null;
  leaseUntil: number;
  /** Due (pending) or when it leaves (finished), epoch ms. */
  at: number;
  /** When it counts as pending from (its creation, or its redelivery). */
  pendingSince: number;
  bytes: number;
}

/** One process only (no `REDIS_URL`): the outbox is lost with it. Bounded by bytes. */
export class MemoryOutboxStore implements OutboxStore {
  private readonly states = new Map<string, EndpointState>();
  private readonly held = new Map<string, Held>();
  private bytes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async endpoints(): Promise<EndpointState[]> {
    return [...this.states.values()].map(copy);
  }

  async endpoint(id: string): Promise<EndpointState | null> {
    const state = this.states.get(id);
    return state ? copy(state) : null;
  }

  async saveEndpoint(endpoint: WebhookEndpoint, max: number, mode: 'create' | 'update' = 'create'): Promise<boolean> {
    const existing = this.states.get(endpoint.id);
    if (!existing && (mode === 'update' || this.states.size >= max)) return false;
    this.states.set(endpoint.id, { endpoint: structuredClone(endpoint), disabledReason: existing?.disabledReason ?? null });
    return true;
  }

  async setDisabled(id: string, reason: string | null): Promise<boolean> {
    const state = this.states.get(id);
    if (!state) return false;
    state.disabledReason = reason;
    return true;
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    if (!this.states.delete(id)) return false;
    for (const [key, held] of this.held) if (held.delivery.endpointId === id && held.delivery.status !== 'pending') this.drop(key, held);
    return true;
  }

  async enqueue(deliveries: readonly OutboundDelivery[]): Promise<number> {
    let added = 0;
    for (const delivery of deliveries) {
      if (this.held.has(delivery.id)) continue;
      const bytes = delivery.payload.length + 512;
      this.held.set(delivery.id, {
        delivery: { ...delivery, status: 'pending', attempts: 0, lastAttempt: null },
        lease: null,
        leaseUntil: 0,
        at: delivery.nextAttemptAt ?? delivery.createdAt,
        pendingSince: delivery.createdAt,
        bytes,
      });
      this.bytes += bytes;
      added += 1;
    }
    this.trim();
    return added;
  }

  async claim({ nowMs, limit, leaseUntilMs, perEndpoint }: ClaimOptions): Promise<ClaimedDelivery[]> {
    const pending = [...this.held.values()].filter((h) => h.delivery.status === 'pending');
    const inFlight = new Map<string, number>();
    for (const h of pending) if (h.lease && h.leaseUntil > nowMs) inFlight.set(h.delivery.endpointId, (inFlight.get(h.delivery.endpointId) ?? 0) + 1);
    const first = new Map<string, string>();
    for (const h of [...pending].sort(byChange)) {
      const key = `${h.delivery.endpointId}|${h.delivery.orderKey}`;
      if (!first.has(key)) first.set(key, h.delivery.id);
    }
    const claimed: ClaimedDelivery[] = [];
    for (const h of pending.filter((p) => p.at <= nowMs).sort(byChange)) {
      if (claimed.length >= limit) break;
      const { delivery } = h;
      const state = this.states.get(delivery.endpointId);
      if (!state || state.disabledReason !== null) {
        this.conclude(h, 'failed', state ? ENDPOINT_DISABLED : ENDPOINT_DELETED);
        continue;
      }
      if ((inFlight.get(delivery.endpointId) ?? 0) >= perEndpoint) continue;
      if (first.get(`${delivery.endpointId}|${delivery.orderKey}`) !== delivery.id) continue;
      h.lease = randomUUID();
      h.leaseUntil = leaseUntilMs;
      h.at = leaseUntilMs;
      inFlight.set(delivery.endpointId, (inFlight.get(delivery.endpointId) ?? 0) + 1);
      claimed.push({ ...delivery, lease: h.lease });
    }
    return claimed;
  }

  async finish(claimed: ClaimedDelivery, attempt: DeliveryAttempt, verdict: AttemptVerdict): Promise<boolean> {
    const h = this.held.get(claimed.id);
    if (!h || h.lease !== claimed.lease) return false;
    h.lease = null;
    h.delivery.attempts += 1;
    h.delivery.lastAttempt = attempt;
    if (verdict.outcome === 'retry') {
      h.delivery.nextAttemptAt = verdict.nextAttemptAt;
      h.at = verdict.nextAttemptAt;
      return true;
    }
    if (verdict.outcome === 'failed' && verdict.disable) await this.setDisabled(claimed.endpointId, verdict.disable);
    this.conclude(h, verdict.outcome, null);
    return true;
  }

  async delivery(id: string): Promise<OutboundDelivery | null> {
    const h = this.held.get(id);
    return h ? { ...h.delivery } : null;
  }

  async redeliver(id: string, nowMs: number): Promise<RedeliverResult> {
    const h = this.held.get(id);
    if (!h) return 'not-found';
    if (h.delivery.status === 'pending') return 'pending';
    const state = this.states.get(h.delivery.endpointId);
    if (!state) return 'not-found';
    if (state.disabledReason !== null) return 'endpoint-disabled';
    Object.assign(h.delivery, { status: 'pending', nextAttemptAt: nowMs });
    Object.assign(h, { at: nowMs, pendingSince: nowMs, lease: null });
    return { ...h.delivery };
  }

  async list(endpointId: string, status: DeliveryStatus | null, first: number, after: string | null): Promise<DeliveryPage> {
    const from = after ? decodeLogCursor(after) : null;
    const all = [...this.held.values()]
      .map((h) => h.delivery)
      .filter((d) => d.endpointId === endpointId && (status === null || d.status === status))
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .filter((d) => !from || d.createdAt < from.createdAt || (d.createdAt === from.createdAt && d.id < from.id));
    const items = all.slice(0, first).map((d) => ({ ...d }));
    const last = items.at(-1);
    return { items, endCursor: all.length > first && last ? encodeLogCursor(last.createdAt, last.id) : null };
  }

  async oldestPending(): Promise<number | null> {
    let oldest: number | null = null;
    for (const h of this.held.values()) if (h.delivery.status === 'pending' && (oldest === null || h.pendingSince < oldest)) oldest = h.pendingSince;
    return oldest;
  }

  async close(): Promise<void> {}

  private conclude(h: Held, status: Exclude<DeliveryStatus, 'pending'>, reason: string | null): void {
    h.delivery.status = status;
    h.delivery.nextAttemptAt = null;
    h.lease = null;
    if (reason !== null) h.delivery.lastAttempt = { at: this.now(), status: null, latencyMs: 0, error: reason, responseBody: '' };
    h.at = this.now() + DELIVERY_RETENTION_SECONDS * 1000;
  }

  private drop(key: string, held: Held): void {
    this.held.delete(key);
    this.bytes -= held.bytes;
  }

  /** Expired ones, then the oldest finished, then (a full outbox of pending ones) the oldest pending. */
  private trim(): void {
    const now = this.now();
    for (const [key, h] of this.held) if (h.delivery.status !== 'pending' && h.at <= now) this.drop(key, h);
    if (this.bytes <= MEMORY_MAX_BYTES) return;
    const byAge = [...this.held.entries()].sort(
      ([, a], [, b]) => (a.delivery.status === 'pending' ? 1 : 0) - (b.delivery.status === 'pending' ? 1 : 0) || a.delivery.createdAt - b.delivery.createdAt,
    );
    for (const [key, h] of byAge) {
      if (this.bytes <= MEMORY_MAX_BYTES) break;
      this.drop(key, h);
    }
  }
}

function byChange(a: Held, b: Held): number {
  return a.delivery.changedAt - b.delivery.changedAt || (a.delivery.id < b.delivery.id ? -1 : 1);
}

function copy(state: EndpointState): EndpointState {
  return structuredClone(state);
}
