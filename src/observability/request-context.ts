import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';

export interface RequestContext {
  /** Sent on to the vendors and on every log line of the request. */
  requestId: string;
  /** Retries count. */
  vendorCalls: number;
  /** Parent of the vendor calls' spans. */
  span?: Span;
  /** The authenticated principal's tenant, once known: stores Apollo calls without the request key by it. */
  tenantId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** A vendor call shared by several requests (single-flight) counts for the one that made it. */
export function withRequestContext<T>(context: RequestContext, next: () => T): T {
  return storage.run(context, next);
}

/** None in background work (sync, webhook follow-ups). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
