/**
 * Vendor schema drift: the field it feeds degrades while the value stays in `raw`, and the object
 * around it still loads. Logged once per field and shape, never with values (they may be personal
 * data); counted as `ig_vendor_schema_drift_total{provider,field}` (field names come from code, so
 * the label is bounded).
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

export function driftReporter(options: { provider: Provider; logger: Logger; count?: (provider: Provider, field: string) => void }): DriftSink {
  const logged = new LRUCache<string, true>({ max: LOGGED_SHAPES });
  const logger = options.logger.child({ provider: options.provider });
  return (field, value) => {
    options.count?.(options.provider, field);
    const shape = shapeOf(value);
    const key = `${field} ${shape}`;
    if (logged.has(key)) return;
    logged.set(key, true);
    logger.warn({ field, shape }, 'vendor schema drift: field kept in raw, not read');
  };
}

/** Values never appear: `{flags:[string],score:number}`. Nesting stops at depth 3. */
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

/** zod strips unknown fields and `tolerant` replaces drifted values by null, so `raw` is the only copy of what the vendor sent. */
export function withRaw<S extends z.ZodType>(schema: S) {
  return z.preprocess((input: unknown) => ({ parsed: input, raw: input }), z.object({ parsed: schema, raw: z.unknown() })) as unknown as z.ZodType<
    WithRaw<z.output<S>>,
    unknown
  >;
}

/**
 * A list item read in two steps: `head` (what names and orders it) when the list is parsed, the
 * rest on the first read of `parsed`. A vendor page often carries many objects a read does not
 * serve (micro1's report list holds every session of a template, transcripts included), and
 * validating each in full would be most of the cost of reading the page.
 */
export class LazyRead<H, T> implements WithRaw<T> {
  private full: T | undefined;

  constructor(
    readonly head: H,
    readonly raw: unknown,
    private readonly schema: z.ZodType<T>,
  ) {}

  /** Parsed on first use, then kept. Cannot fail where `head` holds every field `schema` requires (see `withLazyRaw`). */
  get parsed(): T {
    if (this.full === undefined) this.full = this.schema.parse(this.raw);
    return this.full;
  }
}

/**
 * `withRaw` with the full parse deferred to first use (`LazyRead`). `head` must require, with the
 * same schemas, every field `full` requires, and read every other field `tolerant`ly: an object
 * is then rejected (VENDOR_BAD_RESPONSE) exactly when `withRaw(full)` would reject it, at once,
 * and the deferred parse cannot fail.
 */
export function withLazyRaw<H extends z.ZodType, S extends z.ZodType>(head: H, full: S) {
  return z
    .preprocess((input: unknown) => ({ head: input, raw: input }), z.object({ head, raw: z.unknown() }))
    .transform((read) => new LazyRead((read as { head: z.output<H> }).head, read.raw, full as z.ZodType<z.output<S>>)) as unknown as z.ZodType<
    LazyRead<z.output<H>, z.output<S>>,
    unknown
  >;
}

/** Every field but the ids that name an object is read this way, so drift never rejects the whole object. */
export function tolerant<S extends z.ZodType>(schema: S) {
  return schema.nullish().catch(null);
}

/** Sub-object levels `tellDrift` looks into (`web_interview.scorecard` is two). */
const DRIFT_DEPTH = 3;

/** Sub-objects are looked into, their fields named by path (`evaluation.flags`). Unknown fields are not drift. */
export function tellDrift(parsed: object, raw: unknown, drift: DriftSink, prefix = '', depth = DRIFT_DEPTH): void {
  if (!isPlainObject(raw)) return;
  // for…in over the parsed object (schema output: plain, own fields only), not Object.entries: no
  // pair arrays for every field of every object served.
  for (const field in parsed) {
    const value = (parsed as Record<string, unknown>)[field];
    const sent = raw[field];
    if (value === null || value === undefined) {
      if (sent !== null && sent !== undefined) drift(`${prefix}${field}`, sent);
    } else if (depth > 1 && isPlainObject(value) && isPlainObject(sent)) {
      tellDrift(value, sent, drift, `${prefix}${field}.`, depth - 1);
    }
  }
}

export function toldDrift<P extends object>(read: WithRaw<P>, drift: DriftSink): WithRaw<P>;
export function toldDrift<P extends object>(read: WithRaw<P> | null, drift: DriftSink): WithRaw<P> | null;
export function toldDrift<P extends object>(read: WithRaw<P> | null, drift: DriftSink): WithRaw<P> | null {
  if (read) tellDrift(read.parsed, read.raw, drift);
  return read;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
