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
import { z } from 'zod';
import type { Provider } from '../../domain/provider';

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

/** A parsed vendor object plus the object exactly as the vendor sent it (unknown fields included). */
export interface WithRaw<T> {
  parsed: T;
  raw: unknown;
}

/**
 * Parses `schema` and keeps the untouched input beside the parsed value: zod strips unknown
 * fields and `tolerant` fields replace a drifted value by null, so `raw` is the only copy of what
 * the vendor sent.
 */
export function withRaw<S extends z.ZodType>(schema: S) {
  return z.preprocess((input: unknown) => ({ parsed: input, raw: input }), z.object({ parsed: schema, raw: z.unknown() })) as unknown as z.ZodType<
    WithRaw<z.output<S>>,
    unknown
  >;
}

/**
 * A field read tolerantly: a value of another shape (schema drift) parses as null instead of
 * rejecting the whole object. The normaliser tells the drift sink of it (`tellDrift`, comparing
 * with the raw object); `raw` keeps it. Every field but the ids that name an object is read this way.
 */
export function tolerant<S extends z.ZodType>(schema: S) {
  return schema.nullish().catch(null);
}

/** Sub-object levels `tellDrift` looks into (`web_interview.scorecard` is two). */
const DRIFT_DEPTH = 3;

/**
 * Tells `drift` of every field that parsed as null although the vendor sent something: with the
 * fields read `tolerant`ly, that is a value of another shape. Sub-objects are looked into (down to
 * DRIFT_DEPTH levels), their fields named by path (`evaluation.flags`), since a sub-object's own
 * fields may be tolerant too. Fields the schema does not know are not drift: they are only in `raw`.
 */
export function tellDrift(parsed: object, raw: unknown, drift: DriftSink, prefix = '', depth = DRIFT_DEPTH): void {
  if (!isPlainObject(raw)) return;
  for (const [field, value] of Object.entries(parsed)) {
    const sent = raw[field];
    if (value === null || value === undefined) {
      if (sent !== null && sent !== undefined) drift(`${prefix}${field}`, sent);
    } else if (depth > 1 && isPlainObject(value) && isPlainObject(sent)) {
      tellDrift(value, sent, drift, `${prefix}${field}.`, depth - 1);
    }
  }
}

/**
 * `read`, after telling `drift` of each field it carries in another shape (tellDrift): how a
 * vendor client reports what it parsed, once per object read.
 */
export function toldDrift<P extends object>(read: WithRaw<P>, drift: DriftSink): WithRaw<P>;
export function toldDrift<P extends object>(read: WithRaw<P> | null, drift: DriftSink): WithRaw<P> | null;
export function toldDrift<P extends object>(read: WithRaw<P> | null, drift: DriftSink): WithRaw<P> | null {
  if (read) tellDrift(read.parsed, read.raw, drift);
  return read;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
