import type { PubSub } from 'type-graphql';

/** Payloads are JSON-serialisable. */
export type Topic = 'INTERVIEW_UPDATED' | 'REPORT_READY';

/** type-graphql's PubSub, with the tenant as `topicId`: an event reaches only its tenant's subscribers. */
export interface EventBus extends PubSub {
  publish(topic: Topic, tenantId: string, payload: unknown): void;
  subscribe(topic: Topic, tenantId: string): AsyncIterable<unknown>;
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** A subscriber that stops iterating is removed: no leak when a client disconnects. */
export class LocalFanout {
  private readonly subscribers = new Map<string, Set<(payload: unknown) => void>>();

  deliver(topic: string, payload: unknown): void {
    for (const push of this.subscribers.get(topic) ?? []) push(payload);
  }

  /** So Redis channels can be (un)subscribed lazily. */
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

export interface TenantEvents {
  publish(topic: Topic, payload: unknown): void;
}

export function tenantEvents(bus: EventBus, tenantId: string): TenantEvents {
  return { publish: (topic, payload) => bus.publish(topic, tenantId, payload) };
}
