import { createClient } from '@keyv/redis';
import type { Logger } from 'pino';
import { type RedisConnection, storeConnection } from '../infra/redis-connection';
import { type EventBus, LocalFanout, type Topic } from './event-bus';

/**
 * An instance hears its own events back from Redis too. Publishing while Redis is down drops the
 * event: subscriptions are best-effort, the data itself is in the cache and vendors.
 */
export class RedisEventBus implements EventBus {
  private readonly fanout = new LocalFanout();
  private readonly publisher: RedisConnection;
  private readonly closePublisher: () => Promise<void>;
  private readonly subscriber: ReturnType<typeof createClient>;
  private connected: Promise<unknown> | null = null;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    url: string,
    private readonly logger: Logger,
    publisher?: RedisConnection,
  ) {
    ({ connection: this.publisher, close: this.closePublisher } = storeConnection(publisher ?? url));
    this.subscriber = createClient({ url, socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 500) } });
    this.subscriber.on('error', (error: unknown) => this.logger.warn({ err: error }, 'event bus: Redis subscriber error'));
  }

  publish(topic: Topic, tenantId: string, payload: unknown): void {
    void this.publisher
      .run((client) => client.sendCommand(['PUBLISH', channel(tenantId, topic), JSON.stringify(payload)]))
      .catch((error: unknown) => this.logger.warn({ err: error, topic }, 'event bus: could not publish (event dropped)'));
  }

  subscribe(topic: Topic, tenantId: string): AsyncIterable<unknown> {
    const name = channel(tenantId, topic);
    const first = !this.fanout.has(name);
    const iterator = this.fanout.iterate(name, () => this.track(this.subscriber.unsubscribe(name).catch(() => undefined)));
    if (first) {
      this.track(
        this.connect()
          .then(() => this.subscriber.subscribe(name, (message: string) => this.fanout.deliver(name, JSON.parse(message))))
          .catch((error: unknown) => this.logger.warn({ err: error, topic }, 'event bus: could not subscribe')),
      );
    }
    return iterator;
  }

  async ready(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async close(): Promise<void> {
    await this.ready();
    await this.closePublisher();
    try {
      if (this.subscriber.isReady) await this.subscriber.close();
      else if (this.subscriber.isOpen) this.subscriber.destroy();
    } catch {
      // nothing to flush
    }
  }

  private connect(): Promise<unknown> {
    this.connected ??= this.subscriber.connect();
    return this.connected;
  }

  private track(promise: Promise<unknown>): void {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }
}

function channel(tenantId: string, topic: Topic): string {
  return `ig:events:v1:${tenantId}:${topic}`;
}
