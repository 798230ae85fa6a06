/** One connection pool per adapter. */
import { credentialScope } from '../kit/http/credential-scope';
import type { VendorAdapter, VendorAdapterDeps } from '../vendor-adapter';
import { HeymiloClient } from './heymilo.client';
import { heymiloDescriptor } from './heymilo.descriptor';
import { heymiloReads } from './heymilo.reads';
import { heymiloWebhook } from './heymilo.webhook';
import { heymiloWrites } from './heymilo.writes';

/** The adapter plus a way to release its connection pool (tests, graceful shutdown). */
export interface HeymiloAdapter extends VendorAdapter {
  close(): Promise<void>;
}

/** Builds the HeyMilo adapter from its config slice (API key, base URL, timeouts) and a logger. */
export function createHeymiloAdapter(deps: VendorAdapterDeps): HeymiloAdapter {
  const client = new HeymiloClient(deps);
  return {
    descriptor: heymiloDescriptor,
    credentialScope: credentialScope(deps.apiKey),
    health: () => client.health(),
    close: () => client.close(),
    ...heymiloReads(client),
    ...heymiloWrites(client),
    ...heymiloWebhook(deps.drift),
  };
}
