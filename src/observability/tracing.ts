/**
 * No global provider or context manager: the span travels in our request context, so several
 * gateways in one process keep their traces apart and nothing else is traced by surprise.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type TextMapGetter } from '@opentelemetry/api';
import { ExportResultCode, W3CTraceContextPropagator, type ExportResult } from '@opentelemetry/core';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Logger } from 'pino';
import { Agent, request } from 'undici';

export interface Tracing {
  startRequest(name: string, headers: Record<string, string | string[] | undefined>, attributes: Attributes): Span;
  startClient(name: string, parent: Span | undefined, attributes: Attributes): Span;
  /** The `traceparent` (and `tracestate`) headers that continue `span` at the callee. */
  headersFor(span: Span): Record<string, string>;
  shutdown(): Promise<void>;
}

/** Its own type, so observability imports no config. */
export interface TracingSettings {
  /** Null: tracing off. */
  endpoint: string | null;
  headers: Record<string, string>;
  serviceName: string;
  /** Share of new traces recorded, 0–1. */
  sampleRatio: number;
}

const propagator = new W3CTraceContextPropagator();

const EXPORT_TIMEOUT_MS = 5_000;

const headerGetter: TextMapGetter<Record<string, string | string[] | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key.toLowerCase()],
};

export function endSpan(span: Span | undefined, failure?: { code: string; message?: string } | null): void {
  if (!span) return;
  if (failure) {
    span.setAttribute('error.type', failure.code);
    span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message ?? failure.code });
  }
  span.end();
}

export function createTracing(config: TracingSettings, logger: Logger): Tracing | null {
  if (!config.endpoint) return null;
  const exporter = new OtlpJsonExporter(config.endpoint, config.headers, logger);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    // Bounded: a collector that is down costs at most 2,048 queued spans; past that, new ones are dropped.
    spanProcessors: [new BatchSpanProcessor(exporter, { maxQueueSize: 2_048, scheduledDelayMillis: 1_000 })],
  });
  const tracer = provider.getTracer('interview-graph');
  return {
    startRequest: (name, headers, attributes) =>
      tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, propagator.extract(ROOT_CONTEXT, headers, headerGetter)),
    startClient: (name, parent, attributes) => tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, parentContext(parent)),
    headersFor: (span) => {
      const headers: Record<string, string> = {};
      propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, { set: (carrier, key, value) => (carrier[key] = value) });
      return headers;
    },
    // A failed last export was logged already; shutting down goes on regardless.
    shutdown: () => provider.shutdown().catch(() => undefined),
  };
}

function parentContext(parent: Span | undefined): Context {
  return parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
}

/**
 * Not the exporter package: it loads `http` by dynamic `import()`, which the test runner's CommonJS
 * sandbox refuses. A failing collector drops the batch, logged once a minute at most.
 */
class OtlpJsonExporter implements SpanExporter {
  private lastWarned = 0;
  /** Without `user:password@`: sent as Basic auth instead, never logged. */
  private readonly endpoint: string;
  private readonly headers: Record<string, string>;
  private readonly pending = new Set<Promise<void>>();
  private readonly agent = new Agent({ keepAliveTimeout: 10_000 });

  constructor(
    endpoint: string,
    headers: Record<string, string>,
    private readonly logger: Logger,
  ) {
    const url = new URL(endpoint);
    const basic = url.username ? Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64') : null;
    url.username = '';
    url.password = '';
    this.endpoint = url.toString();
    this.headers = basic && !headers.authorization ? { ...headers, authorization: `Basic ${basic}` } : headers;
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const sent = this.send(spans).then(
      () => done({ code: ExportResultCode.SUCCESS }),
      (error: unknown) => {
        if (Date.now() - this.lastWarned > 60_000) {
          this.lastWarned = Date.now();
          this.logger.warn({ endpoint: this.endpoint, spans: spans.length, err: error }, 'trace export failed (spans dropped)');
        }
        done({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    this.pending.add(sent);
    void sent.finally(() => this.pending.delete(sent));
  }

  private async send(spans: ReadableSpan[]): Promise<void> {
    const body = JsonTraceSerializer.serializeRequest(spans);
    if (!body) throw new Error('spans could not be serialised');
    const response = await request(this.endpoint, {
      method: 'POST',
      dispatcher: this.agent,
      headers: { ...this.headers, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(EXPORT_TIMEOUT_MS),
    });
    await response.body.text();
    if (response.statusCode < 200 || response.statusCode >= 300) throw new Error(`collector answered ${response.statusCode}`);
  }

  async forceFlush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
    await this.agent.close();
  }
}
