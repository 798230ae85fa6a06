/**
 * Vendor schema drift: a sub-object of a vendor payload in a shape the adapter does not read.
 * The rule in every adapter: the field it feeds degrades (null, an empty list, an UNKNOWN score)
 * while the value stays in `raw`, and the object around it still loads. A drift is logged once per
 * field and shape (a warning naming the field and the shape, never the values: they may be
 * personal data) and every sighting is counted in `/metrics` as
 * `ig_vendor_schema_drift_total{provider,field}` (field names come from the adapters' code, so the
 * label is bounded).
 */
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Provider } from '../domain/provider';

/** Told of one sub-object the adapter could not read: `field` names it (a vendor path, e.g. `evaluation.flags`). */
export type DriftSink = (field: string, value: unknown) => void;

/** A sink that drops what it is told (pure code and tests that do not look). */
export const IGNORE_DRIFT: DriftSink = () => undefined;

/** Distinct (field, shape) pairs remembered as already logged; past this the oldest are forgotten. */
const LOGGED_SHAPES = 1_000;

/**
 * The sink an adapter is given: logs the first sighting of each field × shape and counts them all.
 */
export function driftReporter(options: { provider: Provider; logger: Logger; count?: (provider: Provider, field: string) => void }): DriftSink {
  const logged = new LRUCache<string, true>({ max: LOGGED_SHAPES });
  return (field, value) => {
    options.count?.(options.provider, field);
    const shape = shapeOf(value);
    const key = `${field} ${shape}`;
    if (logged.has(key)) return;
    logged.set(key, true);
    options.logger.warn({ provider: options.provider, field, shape }, 'vendor schema drift: field kept in raw, not read');
  };
}

/**
 * A value's shape without its content: `string`, `number`, `[string]`, `{flags:[string],score:number}`.
 * Keys are sorted; arrays show the distinct shapes of their items; nesting stops at depth 3.
 */
export function shapeOf(value: unknown, depth = 3): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (depth === 0) return '[…]';
    const items = [...new Set(value.slice(0, 20).map((item) => shapeOf(item, depth - 1)))].sort();
    return `[${items.join('|')}]`;
  }
  if (typeof value === 'object') {
    if (depth === 0) return '{…}';
    const fields = Object.keys(value as object)
      .sort()
      .slice(0, 30)
      .map((key) => `${key}:${shapeOf((value as Record<string, unknown>)[key], depth - 1)}`);
    return `{${fields.join(',')}}`;
  }
  return typeof value;
}

/**
 * `value` read with `schema`, or null (reported to `drift` as `field`) when it has another shape.
 * Absent (null or undefined) is not drift: it reads as null and is not reported.
 */
export function readTolerantly<S extends z.ZodType>(schema: S, value: unknown, field: string, drift: DriftSink): z.infer<S> | null {
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  drift(field, value);
  return null;
}
