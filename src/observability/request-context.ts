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
  /** The GraphQL operations the request ran (one but for batches), for its log line. */
  operations?: OperationRecord[];
}

/** What the request's log line says about a GraphQL operation it ran. */
export interface OperationRecord {
  operation: string | null;
  type: string;
  tenant?: string;
  client?: string;
  /** The operation's own time, in milliseconds (the request's is `responseTime`). */
  durationMs: number;
  /** Error codes of the response, when any. */
  errors?: string[];
  /** `hit` when answered from the response cache. */
  responseCache?: 'hit';
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

/** Outside a request (no context) it is dropped: there is no request line to put it on. */
export function noteOperation(record: OperationRecord): void {
  const context = storage.getStore();
  if (!context) return;
  context.operations ??= [];
  context.operations.push(record);
}
