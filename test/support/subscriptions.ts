import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { EventBus } from '../../src/events/event-bus';
import type { Harness } from './harness';
import { eventually } from './timing';

/** How long a test waits for an event it expects before failing, in ms (a deadline, not a latency bound). */
const EVENT_DEADLINE_MS = 10_000;

const watched = new WeakMap<EventBus, { opened: number }>();

/**
 * Call before subscribing: the function returned waits until the gateway whose event bus is `bus`
 * has opened `count` subscriptions since this call, Redis channels included. graphql-ws acknowledges
 * the connection, not each subscribe: the server has a subscription once type-graphql has asked
 * the bus for its topic (one `subscribe` per operation, when it starts), and from then on the bus
 * queues its events.
 */
export function subscriptionsOpened(bus: EventBus): (count: number) => Promise<void> {
  let seen = watched.get(bus);
  if (!seen) {
    const counter = { opened: 0 };
    seen = counter;
    watched.set(bus, counter);
    const subscribe = bus.subscribe.bind(bus);
    bus.subscribe = (topic, tenantId) => {
      counter.opened += 1;
      return subscribe(topic, tenantId);
    };
  }
  const counter = seen;
  const before = counter.opened;
  return async (count) => {
    await eventually(() => counter.opened - before >= count, `${count} subscriptions opened on the event bus`);
    await bus.ready();
  };
}

/** The first event of subscription `query` on `client` (rejects on an error, or if none comes within the deadline). */
export function firstEvent(client: Client, query: string): Promise<Record<string, unknown>> {
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no event within ${EVENT_DEADLINE_MS} ms: ${query}`)), EVENT_DEADLINE_MS);
    const unsubscribe = client.subscribe(
      { query },
      {
        next: (value) => {
          clearTimeout(timer);
          unsubscribe();
          if (value.errors) reject(new Error(JSON.stringify(value.errors)));
          else resolve(value.data as Record<string, unknown>);
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => undefined,
      },
    );
  });
}

/**
 * Resolves once the server has answered a query sent now on `client`'s socket. An event published
 * before reaches its subscribers within the same turn of the server's event loop (the bus hands it
 * to every subscription at once, the rest is promise callbacks), and a socket keeps its order: any
 * event the server sent this client for it is in by then. What a test asserts was not sent, it
 * asserts after this.
 */
export function socketDrained(client: Client): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    client.subscribe({ query: '{ __typename }' }, { next: () => undefined, error: reject, complete: resolve });
  });
}

/**
 * A graphql-ws socket to `h` sending `connectionParams` at `connection_init`: resolves once the
 * server acknowledged it (`closed: null`), or with the close it got instead. The caller disposes
 * `client`.
 */
export function openSocket(
  h: Harness,
  connectionParams?: Record<string, string>,
): Promise<{ client: Client; closed: { code: number; reason: string } | null }> {
  return new Promise((resolve) => {
    const client = createClient({
      url: `${h.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams,
      onNonLazyError: () => undefined, // the close is the outcome looked at
      on: {
        connected: () => resolve({ client, closed: null }),
        closed: (event) => resolve({ client, closed: { code: (event as { code: number }).code, reason: (event as { reason: string }).reason } }),
      },
    });
  });
}
