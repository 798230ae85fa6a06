/**
 * Hive Gateway in front of the interview gateway (docker-compose.yml, service `router`):
 *   cd deploy/hive && npx hive-gateway supergraph ../supergraph.graphql   (or the image, as compose runs it)
 * The supergraph is the one Apollo Router serves (deploy/supergraph.graphql). test/e2e/hive-gateway.test.ts
 * runs this config over our subgraph composed with a second one.
 */
import { defineConfig, type GatewayConfig } from '@graphql-hive/gateway';

/** The caller's credential goes on to our subgraph, so entity lookups run as the caller's tenant. */
export const PROPAGATED_HEADERS = ['authorization', 'x-api-key'] as const;

export const propagateHeaders: GatewayConfig['propagateHeaders'] = {
  fromClientToSubgraphs: ({ request }) => {
    const headers: Record<string, string> = {};
    for (const name of PROPAGATED_HEADERS) {
      const value = request.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return headers;
  },
};

export const gatewayConfig = defineConfig({ propagateHeaders });
