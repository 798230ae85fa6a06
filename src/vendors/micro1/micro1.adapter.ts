/**
 * micro1 behind the VendorAdapter interface: the client, with the reads (micro1.reads.ts), the
 * writes (micro1.writes.ts) and the webhooks (micro1.webhook.ts) over it.
 */
import { credentialScope } from '../kit/http/credential-scope';
import type { ProviderHealth } from '../kit/http/provider-health';
import { IGNORE_DRIFT } from '../kit/schema-drift';
import type { VendorAdapter, VendorAdapterDeps } from '../vendor-adapter';
import { Micro1Client } from './micro1.client';
import { micro1Descriptor } from './micro1.descriptor';
import { micro1Reads } from './micro1.reads';
import { micro1Webhook } from './micro1.webhook';
import { micro1Writes } from './micro1.writes';

export interface Micro1Adapter extends VendorAdapter {
  /** The typed vendor client (recordings, raw lists); shares the adapter's connection pool and health. */
  readonly client: Micro1Client;
  /** Releases pooled connections. */
  close(): Promise<void>;
}

/** Builds the micro1 adapter from its config slice (API key, base URL, timeouts) and a logger. */
export function createMicro1Adapter(deps: VendorAdapterDeps): Micro1Adapter {
  const client = new Micro1Client(deps);
  const drift = deps.drift ?? IGNORE_DRIFT;
  return {
    descriptor: micro1Descriptor,
    credentialScope: credentialScope(deps.apiKey),
    client,
    health: (): ProviderHealth => client.http.health.snapshot(),
    close: () => client.close(),
    ...micro1Reads(client, drift),
    ...micro1Writes(client),
    ...micro1Webhook(client, drift),
  };
}
