import type { PubSub } from 'type-graphql';

/** Topics the gateway publishes (payloads are JSON-serialisable; see `events/topics.ts`). */
export type Topic = 'INTERVIEW_UPDATED' | 'REPORT_READY';

/**
 * Publish/subscribe behind subscriptions: in memory for one instance, or over Redis pub/sub so an
 * event published on one instance (a webhook it received) reaches subscribers on every instance.
 * Every event belongs to one tenant and reaches only that tenant's subscribers. It is
 * type-graphql's PubSub: `@Subscription({ topics, topicId })` resolvers read from it directly,
 * the tenant being the `topicId`.
 */
export interface EventBus extends PubSub {
  publish(topic: Topic, tenantId: string, payload: unknown): void;
  subscribe(topic: Topic, tenantId: string): AsyncIterable<unknown>;
  /** Resolves once subscriptions already requested are live (Redis SUBSCRIBE acknowledged). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Delivers payloads to this instance's subscribers. Each subscriber gets its own queue; a
 * subscriber that stops iterating is removed (no leak when a client disconnects).
 */
export class LocalFanout {
  private readonly subscribers = new Map<string, Set<(payload: unknown) => void>>();

  deliver(topic: string, payload: unknown): void {
    for (const push of this.subscribers.get(topic) ?? []) push(payload);
  }

  /** Whether anyone here listens to `topic` (so Redis channels can be (un)subscribed lazily). */
  has(topic: string): boolean {
    return (this.subscribers.get(topic)?.size ?? 0) > 0;
  }

  iterate(topic: string, onEmpty: () => void = () => undefined): AsyncIterableIterator<unknown> {
    const queue: unknown[] = [];
    let wake: ((result: IteratorResult<unknown>) => void) | null = null;
    let done = false;
    const push = (payload: unknown) => {
      if (wake) {
        const resolve = wake;
        wake = null;
        resolve({ value: payload, done: false });
      } else {
        queue.push(payload);
      }
    };
    const set = this.subscribers.get(topic) ?? new Set();
    set.add(push);
    this.subscribers.set(topic, set);
    const stop = () => {
      done = true;
      set.delete(push);
      if (set.size === 0) {
        this.subscribers.delete(topic);
        onEmpty();
      }
      wake?.({ value: undefined, done: true });
      wake = null;
    };
    return {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (wake = resolve));
      },
      return: () => {
        stop();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw: (error?: unknown) => {
        stop();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

/** One gateway instance: publish goes straight to local subscribers. */
export class MemoryEventBus implements EventBus {
  private readonly fanout = new LocalFanout();

  publish(topic: Topic, tenantId: string, payload: unknown): void {
    // Through JSON like Redis, so both buses hand subscribers the same shapes.
    this.fanout.deliver(`${tenantId}:${topic}`, JSON.parse(JSON.stringify(payload)));
  }

  subscribe(topic: Topic, tenantId: string): AsyncIterable<unknown> {
    return this.fanout.iterate(`${tenantId}:${topic}`);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {}
}

/** One tenant's side of the bus: what it publishes reaches only its own subscribers. */
export interface TenantEvents {
  publish(topic: Topic, payload: unknown): void;
}

export function tenantEvents(bus: EventBus, tenantId: string): TenantEvents {
  return { publish: (topic, payload) => bus.publish(topic, tenantId, payload) };
}
