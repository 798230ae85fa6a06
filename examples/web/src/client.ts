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
  // urql would send small queries as GET, which the gateway's CSRF check refuses without a preflight header.
  preferGetMethod: false,
  exchanges: [
    cacheExchange,
    // The hash alone first, by POST as every other request.
    persistedExchange({ preferGetForPersistedQueries: false }),
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
      }),
    }),
  ],
});
