import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { stableJson } from '../infra/stable-json';
import { BadUserInputError } from '../errors/bad-user-input.error';
import { ErrorCode } from '../errors/error-code';
import { GatewayError } from '../errors/gateway.error';
import { VendorError } from '../errors/vendor.error';
import type { Provider } from '../domain/provider';
import type { IdempotencyRecord, IdempotencyStore } from './idempotency-store';

export interface IdempotencyOptions {
  store: IdempotencyStore;
  /** In seconds. */
  ttlSeconds: number;
  /** In ms; a `pending` record older than this was interrupted and answers MUTATION_OUTCOME_UNKNOWN. */
  leaseMs: number;
  /** In ms. */
  pollMs?: number;
  logger: Logger;
  now?: () => number;
}

export interface Outcome<T> {
  value: T;
  replayed: boolean;
}

/** Stripe's limit. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * No vendor has idempotency keys, and a repeated invite creates a second session. Errors of unknown
 * outcome (timeout, 5xx) are stored too; errors that certainly created nothing release the key.
 */
export class Idempotency {
  private readonly running = new Map<string, { fingerprint: string; outcome: Promise<unknown> }>();
  private readonly pollMs: number;
  private readonly now: () => number;

  constructor(private readonly options: IdempotencyOptions) {
    this.pollMs = options.pollMs ?? 50;
    this.now = options.now ?? Date.now;
  }

  /** `input` must be JSON-like; `stored(value)`, what retries get back, must be JSON-serialisable. */
  async run<T>(mutation: string, key: string | null, input: unknown, task: () => Promise<T>, stored: (value: T) => T = (v) => v): Promise<Outcome<T>> {
    if (key === null) return { value: await task(), replayed: false };
    checkKey(key);
    // Keyed by the client key alone: reusing a key for another mutation is refused like other input.
    const storeKey = sha256(key);
    const fingerprint = sha256(stableJson({ mutation, input }));

    const local = this.running.get(storeKey);
    if (local) {
      if (local.fingerprint !== fingerprint) throw reusedKey();
      return { value: (await local.outcome) as T, replayed: true };
    }

    for (;;) {
      const held = await this.storeCall(() =>
        this.options.store.claim(storeKey, { fingerprint, state: 'pending', startedAt: this.now() }, this.options.ttlSeconds),
      );
      if (held === null) return { value: await this.first(storeKey, fingerprint, task, stored), replayed: false };
      if (held.fingerprint !== fingerprint) throw reusedKey();
      const settled = held.state === 'pending' ? await this.waitFor(storeKey, held) : held;
      if (settled === null) continue; // the first attempt created nothing and let go: run afresh
      if (settled.notKept) throw answerNotKept(settled);
      if (settled.state === 'succeeded') return { value: settled.result as T, replayed: true };
      throw replayedError(settled);
    }
  }

  private async first<T>(storeKey: string, fingerprint: string, task: () => Promise<T>, stored: (value: T) => T): Promise<T> {
    const { store, ttlSeconds, logger } = this.options;
    const outcome = task();
    // Joiners on this instance get what a retry from the store would get.
    const shared = outcome.then(stored);
    shared.catch(() => undefined); // a failure is the first caller's to report; joiners still see it
    this.running.set(storeKey, { fingerprint, outcome: shared });
    try {
      const value = await outcome;
      await store
        .settle(storeKey, { fingerprint, state: 'succeeded', startedAt: this.now(), result: stored(value) }, ttlSeconds)
        .catch((error: unknown) =>
          logger.error(
            { err: error },
            'idempotency: vendor call succeeded but its answer could not be stored; retries with this key will get MUTATION_OUTCOME_UNKNOWN',
          ),
        );
      return value;
    } catch (error) {
      if (outcomeUnknown(error)) {
        const typed = error instanceof GatewayError ? error : null;
        const record: IdempotencyRecord = {
          fingerprint,
          state: 'failed',
          startedAt: this.now(),
          error: {
            code: typed?.code ?? ErrorCode.INTERNAL_SERVER_ERROR,
            message: typed?.message ?? 'Internal server error',
            extensions: { ...(typed?.extensions ?? {}), outcomeUnknown: true },
          },
        };
        await store.settle(storeKey, record, ttlSeconds).catch((e: unknown) => logger.error({ err: e }, 'idempotency: could not store a failed attempt'));
      } else {
        await store.release(storeKey).catch((e: unknown) => logger.error({ err: e }, 'idempotency: could not release a key after a refused attempt'));
      }
      throw error;
    } finally {
      this.running.delete(storeKey);
    }
  }

  /** Null when the other attempt let go of the key; MUTATION_OUTCOME_UNKNOWN once it outlived its lease. */
  private async waitFor(storeKey: string, pending: IdempotencyRecord): Promise<IdempotencyRecord | null> {
    const deadline = pending.startedAt + this.options.leaseMs;
    let record: IdempotencyRecord | null = pending;
    while (record?.state === 'pending') {
      if (this.now() >= deadline) {
        throw new GatewayError(
          ErrorCode.MUTATION_OUTCOME_UNKNOWN,
          "An earlier attempt with this idempotencyKey did not finish; the vendor may or may not have acted on it. Check (e.g. the candidate's interviews) before retrying with a new key.",
        );
      }
      await sleep(Math.min(this.pollMs, Math.max(1, deadline - this.now())));
      record = await this.storeCall(() => this.options.store.get(storeKey));
    }
    return record;
  }

  private async storeCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'idempotency store unavailable');
      throw new GatewayError(
        ErrorCode.IDEMPOTENCY_UNAVAILABLE,
        'The idempotency store is unavailable, so the mutation was not sent to the vendor. Retry with the same idempotencyKey.',
      );
    }
  }
}

function checkKey(key: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || /[\u0000-\u001f\u007f]/.test(key)) {
    throw new BadUserInputError(`input.idempotencyKey: must be 1–${MAX_IDEMPOTENCY_KEY_LENGTH} printable characters (a UUID is a good choice).`, {
      field: 'input.idempotencyKey',
    });
  }
}

function reusedKey(): BadUserInputError {
  return new BadUserInputError('input.idempotencyKey: this key was already used with a different input; use a new key for a different request.', {
    field: 'input.idempotencyKey',
  });
}

/** An untyped error is a gateway bug, possibly after the vendor call, so it counts as unknown too. */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof VendorError) return error.outcomeUnknown;
  return !(error instanceof GatewayError);
}

function answerNotKept(record: IdempotencyRecord): GatewayError {
  const outcome = record.state === 'succeeded' ? 'was carried out' : 'failed with an unknown outcome at the vendor';
  return new GatewayError(
    ErrorCode.IDEMPOTENT_RESULT_NOT_KEPT,
    `An earlier request with this idempotencyKey ${outcome}, but its answer was not kept (the store's byte budget was full); it was not sent to the vendor again. Read the outcome instead (e.g. the candidate's interviews).`,
    { extensions: { outcome: record.state, idempotentReplay: true } },
  );
}

function replayedError(record: IdempotencyRecord): GatewayError {
  const stored = record.error ?? { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error', extensions: {} };
  const { code: _code, provider, ...extensions } = stored.extensions;
  return new GatewayError(stored.code as ErrorCode, stored.message, {
    provider: typeof provider === 'string' ? (provider as Provider) : undefined,
    extensions: { ...extensions, idempotentReplay: true },
  });
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
