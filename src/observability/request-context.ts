import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';

/** What the gateway tracks about the request it is serving, wherever the work happens. */
export interface RequestContext {
  /** `x-request-id` as received (or made up): sent on to the vendors, on every log line of the request. */
  requestId: string;
  /** Vendor HTTP calls made for this request (one attempt each; retries count). */
  vendorCalls: number;
  /** The request's server span when tracing is on (observability/tracing.ts): vendor calls' parent. */
  span?: Span;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Runs `next` (the rest of the request's lifecycle) with `context` as the current request: the
 * per-request DataLoaders' batches and the vendor calls they make run inside it, since async
 * context follows promises. A vendor call shared by several requests (single-flight) counts for
 * the one that made it.
 */
export function withRequestContext<T>(context: RequestContext, next: () => T): T {
  return storage.run(context, next);
}

/** The request being served, if any (none in background work: identity sync, webhooks' follow-ups). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
