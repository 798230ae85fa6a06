/**
 * One urql client for the whole page: queries with automatic persisted queries (the SHA-256 hash
 * first; the full query once when the gateway answers PERSISTED_QUERY_NOT_FOUND), subscriptions
 * over graphql-ws on the same `/graphql` path.
 */
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createWsClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';

const httpUrl = new URL('/graphql', window.location.href);
const wsUrl = new URL(httpUrl);
wsUrl.protocol = httpUrl.protocol === 'https:' ? 'wss:' : 'ws:';

const ws = createWsClient({ url: wsUrl.toString(), lazy: true, retryAttempts: Number.POSITIVE_INFINITY });

export const client = new Client({
  url: httpUrl.toString(),
  exchanges: [
    cacheExchange,
    // POST keeps the gateway's CSRF check satisfied without extra headers; the body is the hash alone.
    persistedExchange({ preferGetForPersistedQueries: false }),
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
      }),
    }),
  ],
});
