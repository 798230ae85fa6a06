import type { Logger } from 'pino';
import type { Interview } from '../domain/model';
import type { Provider } from '../domain/provider';
import { GatewayError } from '../errors/gateway.error';
import { logValue } from '../observability/log-value';
import type { IdentityIndex } from '../identity/identity-index';
import type { EntityStore } from '../store/entity-store';
import { amendReport, type ReportAmendment } from '../domain/report-amendment';
import type { LocatedReport, Related, WebhookEvent } from '../vendors/vendor-adapter';
import type { VendorRegistry } from '../vendors/vendor-registry';
import { notOlder, type WebhookStore } from './webhook-store';

/** Also the dedupe window; at least 24 h. */
export const WEBHOOK_RETENTION_SECONDS = 7 * 86_400;

export interface WebhookOutcome {
  status: number;
  body: { result: 'applied' | 'duplicate' | 'stale' } | { error: { code: string; message: string } };
}

export interface WebhookServiceDeps {
  registry: VendorRegistry;
  store: WebhookStore;
  index: IdentityIndex;
  entities: EntityStore;
  logger: Logger;
}

/**
 * A delivery is stored durably BEFORE it is acknowledged, then applied unless a newer event about
 * the same interview was. Partial objects drop the cached copies instead of writing through.
 */
export class WebhookService {
  private readonly applying = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: WebhookServiceDeps) {}

  receives(provider: Provider): boolean {
    return Boolean(this.deps.registry.tryGet(provider)?.parseWebhook);
  }

  async handle(provider: Provider, body: unknown): Promise<WebhookOutcome> {
    const { registry, store, logger } = this.deps;
    const adapter = registry.tryGet(provider);
    if (!adapter?.parseWebhook) return webhookFailure(404, 'NOT_FOUND', `No webhooks are received for ${provider} here.`);

    let event: WebhookEvent;
    try {
      event = adapter.parseWebhook(body);
    } catch (error) {
      const message = error instanceof GatewayError ? error.message : 'The body is not a webhook this gateway understands.';
      logger.warn({ provider, reason: logValue(message) }, 'webhook refused: unreadable payload');
      return webhookFailure(422, 'INVALID_WEBHOOK', message);
    }

    let stored: boolean;
    try {
      stored = await store.store(
        { provider, type: event.type, dedupeKey: event.dedupeKey, interviewLocator: event.interviewLocator, receivedAt: new Date().toISOString(), body },
        WEBHOOK_RETENTION_SECONDS,
      );
    } catch (error) {
      // Not stored, so not acknowledged: the vendor retries later.
      logger.error({ err: error, provider }, 'webhook not stored: store unavailable');
      return webhookFailure(503, 'STORE_UNAVAILABLE', 'The webhook could not be stored; retry later.');
    }
    if (!stored) return { status: 200, body: { result: 'duplicate' } };

    const locator = event.interviewLocator;
    if (locator === null) {
      await this.apply(provider, event);
      return { status: 200, body: { result: 'applied' } };
    }
    const version = { occurredAt: event.occurredAt, stage: event.stage };
    const stale = () => {
      logger.info({ provider, type: logValue(event.type), interview: logValue(locator) }, 'webhook stored but older than the state applied: ignored');
      return { status: 200, body: { result: 'stale' as const } };
    };
    if (!(await store.advance(provider, locator, version, WEBHOOK_RETENTION_SECONDS))) return stale();
    // Serial per interview, each re-checking it is newest: a slow older event never overwrites a newer one.
    const applied = await this.serially(`${provider}|${locator}`, async () => {
      const current = await store.current(provider, locator);
      if (current && !notOlder(version, current)) return false;
      await this.apply(provider, event);
      return true;
    });
    return applied ? { status: 200, body: { result: 'applied' } } : stale();
  }

  private async serially<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.applying.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.applying.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.applying.get(key) === tail) this.applying.delete(key);
    }
  }

  /** Already stored: a failure here is logged, not lost. */
  private async apply(provider: Provider, event: WebhookEvent): Promise<void> {
    const { index, logger } = this.deps;
    try {
      if (event.amendment) return await this.amend(provider, event, event.amendment);
      const { entities } = this.deps;
      if (event.invalidate && event.interviewLocator !== null) await entities.invalidate(provider, event.interviewLocator, 'webhook');
      const held = event.report ? await this.deps.store.takeHeld(provider, event.report.providerId) : [];
      const report = event.report && held.length > 0 ? amendReport(event.report, held) : event.report;
      const related: Related = {};
      // An undated change takes the event's time (the vendor's, never ours), so it tops the by-update feeds.
      if (event.interview) related.interviews = [changedAt(event.interview, event.occurredAt)];
      if (report && event.interviewLocator !== null) related.reports = [{ interviewLocator: event.interviewLocator, report }];
      if (related.interviews || related.reports) await entities.write(provider, related, { origin: 'webhook', keepRaw: true });
      const known = event.interview;
      const refs = (event.refs ?? []).filter((ref) => !(known && ref.locator === known.locator && ref.email === known.candidate.email));
      if (refs.length > 0) await index.record(provider, refs);
    } catch (error) {
      logger.error({ err: error, provider, type: logValue(event.type) }, 'webhook stored but not fully applied');
    }
  }

  /**
   * Only the interview's latest report is amended: it is what the graph serves. A report read over
   * REST already includes these parts; held ones wait for the report's webhook.
   */
  private async amend(provider: Provider, event: WebhookEvent, amendment: ReportAmendment): Promise<void> {
    const { registry, store, logger } = this.deps;
    let located: LocatedReport | null = null;
    try {
      located = (await registry.get(provider).locateReport?.(amendment)) ?? null;
    } catch (error) {
      logger.warn(
        { err: error, provider, type: logValue(event.type), report: logValue(amendment.reportProviderId) },
        'webhook amendment: report lookup failed, held',
      );
    }
    const found = located ? await this.deps.entities.latestReport(provider, located.interviewLocator).catch(() => null) : null;
    const latest = found instanceof Error ? null : found;
    if (!located || !latest) {
      await store.hold(provider, amendment, WEBHOOK_RETENTION_SECONDS);
      logger.info({ provider, type: logValue(event.type), report: logValue(amendment.reportProviderId) }, 'webhook amendment held until its report arrives');
      return;
    }
    if (latest.locator !== located.reportLocator) return;
    const reports = [{ interviewLocator: located.interviewLocator, report: amendReport(latest, [amendment]) }];
    await this.deps.entities.write(provider, { reports }, { origin: 'webhook', keepRaw: true });
  }
}

function changedAt(interview: Interview, occurredAt: string | null): Interview {
  if (occurredAt === null || (interview.updatedAt !== null && interview.updatedAt >= occurredAt)) return interview;
  return { ...interview, updatedAt: occurredAt };
}

export function webhookFailure(status: number, code: string, message: string): WebhookOutcome {
  return { status, body: { error: { code, message } } };
}
