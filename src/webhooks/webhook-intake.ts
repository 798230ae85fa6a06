import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { StoredWebhook, WebhookStore } from './webhook-store';

export interface WebhookIntakeOptions {
  store: WebhookStore;
  logger: Logger;
  /** How long a delivery may wait to be stored, line and Redis included, in ms. */
  timeoutMs: number;
  /** Deliveries waiting at most (in the line or being written). */
  maxDeliveries: number;
  /** Bytes of bodies waiting at most (JSON length); one delivery alone is always let in. */
  maxBytes: number;
  /** Dedupe window, in seconds. */
  retentionSeconds: number;
  /** When a stored delivery not settled by then is offered again to be applied (epoch ms). */
  retryAt: () => number;
}

/** Why a delivery was not stored: nothing of it is claimed as stored; the sender may retry after `retryAfterSeconds`. */
export class IntakeRefusal extends Error {
  constructor(
    readonly code: 'STORE_UNAVAILABLE' | 'WEBHOOK_QUEUE_FULL',
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'IntakeRefusal';
  }
}

/** A refused delivery is told to come back after this long when the store is down (seconds). */
const RETRY_AFTER_OUTAGE_SECONDS = 30;
/** Written together, one round trip: at most this many deliveries… */
const BATCH_DELIVERIES = 100;
/** …and this many bytes (one larger delivery goes alone). */
const BATCH_BYTES = 4 * 1024 * 1024;
/** Pause before writing a failed batch again, doubled per failure up to the cap, in ms. */
const RETRY_FIRST_MS = 50;
const RETRY_MAX_MS = 500;

interface Waiting {
  record: StoredWebhook;
  key: string;
  bytes: number;
  /** performance.now() past which it is refused. */
  deadline: number;
  result: Promise<boolean>;
  resolve(stored: boolean): void;
  reject(error: IntakeRefusal): void;
}

/**
 * The wait line in front of the webhook store. A delivery is acknowledged only once the store has
 * it (in Redis with `REDIS_URL`): the line holds deliveries WAITING to be stored, in arrival order,
 * never ones claimed as stored, so a crash loses only deliveries that were not acknowledged. While
 * Redis stalls, deliveries wait here (up to `timeoutMs` each) instead of being refused; the line is
 * bounded in count and bytes, and a full line or an outage longer than `timeoutMs` is a 503. Written
 * in batches (one round trip each), so a busy host spends one Redis call on many deliveries.
 */
export class WebhookIntake {
  private readonly line: Waiting[] = [];
  /** Waiting or being written, by provider and dedupe key: a duplicate of one waits for its outcome. */
  private readonly byKey = new Map<string, Waiting>();
  private bytes = 0;
  private count = 0;
  private draining: Promise<void> | null = null;

  constructor(private readonly options: WebhookIntakeOptions) {}

  /** True: stored now (unapplied until settled); false: a duplicate. Throws `IntakeRefusal`. */
  admit(record: StoredWebhook): Promise<boolean> {
    const key = `${record.provider}|${record.dedupeKey}`;
    const same = this.byKey.get(key);
    // The same event already waiting: once it is stored, this one is its duplicate.
    if (same) return same.result.then(() => false);
    const bytes = JSON.stringify(record.body)?.length ?? 0;
    const { maxDeliveries, maxBytes, timeoutMs } = this.options;
    if (this.count >= maxDeliveries || (this.count > 0 && this.bytes + bytes > maxBytes)) {
      this.options.logger.warn({ provider: record.provider, waiting: this.count, bytes: this.bytes }, 'webhook refused: the line to the store is full');
      return Promise.reject(
        new IntakeRefusal('WEBHOOK_QUEUE_FULL', 'Too many webhooks are waiting to be stored; retry later.', Math.max(1, Math.ceil(timeoutMs / 1000))),
      );
    }
    let settle!: Pick<Waiting, 'resolve' | 'reject'>;
    const result = new Promise<boolean>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const waiting: Waiting = { record, key, bytes, deadline: performance.now() + timeoutMs, result, ...settle };
    this.line.push(waiting);
    this.byKey.set(key, waiting);
    this.count += 1;
    this.bytes += bytes;
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
    });
    return result;
  }

  /** Resolves once every delivery admitted so far has its answer. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.line.length > 0) {
      let size = 0;
      let n = 0;
      while (n < this.line.length && n < BATCH_DELIVERIES && (n === 0 || size + this.line[n].bytes <= BATCH_BYTES)) size += this.line[n++].bytes;
      const batch = this.line.splice(0, n);
      try {
        await this.write(batch);
      } finally {
        for (const waiting of batch) {
          this.byKey.delete(waiting.key);
          this.count -= 1;
          this.bytes -= waiting.bytes;
        }
      }
    }
  }

  /** Retried as one batch (so in order) until stored, each delivery refused once its own time is up. */
  private async write(batch: Waiting[]): Promise<void> {
    const { store, retentionSeconds, logger } = this.options;
    let pending = batch;
    for (let failures = 0; ; failures += 1) {
      pending = pending.filter((waiting) => {
        if (performance.now() < waiting.deadline) return true;
        waiting.reject(new IntakeRefusal('STORE_UNAVAILABLE', 'The webhook could not be stored in time; retry later.', RETRY_AFTER_OUTAGE_SECONDS));
        return false;
      });
      if (pending.length === 0) return;
      const soonest = Math.min(...pending.map((w) => w.deadline));
      try {
        // Not waited for past the soonest deadline: a write that lands later leaves its delivery
        // stored and unapplied (`claimUnapplied` applies it) though refused here, which is safe:
        // the sender's retry is then a duplicate of a delivery that is applied anyway.
        const stored = await beforeDeadline(
          store.store(
            pending.map((w) => w.record),
            retentionSeconds,
            this.options.retryAt(),
          ),
          soonest,
        );
        for (const [i, waiting] of pending.entries()) waiting.resolve(stored[i]);
        return;
      } catch (error) {
        if (failures === 0) logger.warn({ err: error, deliveries: pending.length }, 'webhook store write failed: retrying while the deliveries wait');
        await sleep(Math.min(RETRY_FIRST_MS * 2 ** failures, RETRY_MAX_MS, Math.max(0, soonest - performance.now())));
      }
    }
  }
}

/**
 * Rejects at `deadline` (performance.now() time) if the write has not answered by then. On a starved
 * CPU the timer fires late, maybe with the answer already in the socket: pending I/O is heard first.
 */
function beforeDeadline<T>(write: Promise<T>, deadline: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => setImmediate(() => reject(new Error('the webhook store did not answer in time'))),
      Math.max(0, deadline - performance.now()),
    );
    write.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
