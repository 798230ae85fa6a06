import type { Logger } from 'pino';
import type { Interview, Report } from '../domain/model';
import type { Provider } from '../domain/provider';
import { GatewayError } from '../errors/gateway.error';
import type { IdentityIndex } from '../identity/identity-index';
import type { EntityStore } from '../store/entity-store';
import { amendReport, type ReportAmendment } from '../domain/report-amendment';
import type { LocatedReport, Related, WebhookEvent } from '../vendors/vendor-adapter';
import type { VendorRegistry } from '../vendors/vendor-registry';
import { notOlder, type WebhookStore } from './webhook-store';

/** How long a delivery (and so its dedupe key) is kept, in seconds: 7 days (≥ 24 h required). */
export const WEBHOOK_RETENTION_SECONDS = 7 * 86_400;

/** What the route answers. `status` is the HTTP status; `body.result` says what happened. */
export interface WebhookOutcome {
  status: number;
  body: { result: 'applied' | 'duplicate' | 'stale' } | { error: { code: string; message: string } };
}

export interface WebhookServiceDeps {
  registry: VendorRegistry;
  store: WebhookStore;
  index: IdentityIndex;
  /** Applied events are written through here; its listeners index and publish them. */
  entities: EntityStore;
  logger: Logger;
}

/**
 * One tenant's inbound vendor webhooks (the `WebhookRouter` has checked the URL token and picked
 * the tenant): parse with the vendor's adapter, store the delivery durably under its dedupe key BEFORE acknowledging
 * (a duplicate is acknowledged and ignored), then apply it — unless an event about the same
 * interview that is newer was already applied: full objects are written through the entity
 * store, partial ones drop the cached copies (the store's listeners index and publish both), and
 * refs go to the identity index.
 */
export class WebhookService {
  /** Per interview, the tail of the chain of applications running in this instance. */
  private readonly applying = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: WebhookServiceDeps) {}

  /** Whether this tenant takes `provider`'s webhooks (its adapter parses them). */
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
      logger.warn({ provider, reason: message }, 'webhook refused: unreadable payload');
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
      logger.info({ provider, type: event.type, interview: locator }, 'webhook stored but older than the state applied: ignored');
      return { status: 200, body: { result: 'stale' as const } };
    };
    if (!(await store.advance(provider, locator, version, WEBHOOK_RETENTION_SECONDS))) return stale();
    // Applications for one interview run one after another; each re-checks that it is still the
    // newest, so a slower older event can never write over a newer one that overtook it.
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

  /** The effects of an event. It is stored already: a failure here is logged, not lost. */
  private async apply(provider: Provider, event: WebhookEvent): Promise<void> {
    const { index, logger } = this.deps;
    try {
      if (event.amendment) return await this.amend(provider, event, event.amendment);
      const { entities } = this.deps;
      if (event.invalidate && event.interviewLocator !== null) await entities.invalidate(provider, event.interviewLocator, 'webhook');
      // Parts of this report that arrived before it (held by `amend`) are applied to it now.
      const held = event.report ? await this.deps.store.takeHeld(provider, event.report.providerId) : [];
      const report = event.report && held.length > 0 ? amendReport(event.report, held) : event.report;
      const related: Related = {};
      // The vendor says the interview changed when the event happened: a payload that does not
      // date the change itself is dated by the event (the vendor's time, never the gateway's),
      // so the interview moves to the top of the feeds ordered by update.
      if (event.interview) related.interviews = [changedAt(event.interview, event.occurredAt)];
      if (report && event.interviewLocator !== null) related.reports = [{ interviewLocator: event.interviewLocator, report }];
      if (related.interviews || related.reports) await entities.write(provider, related, { origin: 'webhook', keepRaw: true });
      // The write indexed the whole interview already; only refs that add to it are left to record.
      const known = event.interview;
      const refs = (event.refs ?? []).filter((ref) => !(known && ref.locator === known.locator && ref.email === known.candidate.email));
      if (refs.length > 0) await index.record(provider, refs);
    } catch (error) {
      logger.error({ err: error, provider, type: event.type }, 'webhook stored but not fully applied');
    }
  }

  /**
   * A part of a report named only by the vendor's report id: found through the adapter and
   * applied to the interview's latest report (written through the store), else held until the
   * report arrives by webhook (`apply` takes it then). A report that is not the interview's
   * latest is left alone: the latest is what the graph serves. The vendor's REST copy of a report
   * includes these parts once they exist, so a report first read over REST needs none of this.
   */
  private async amend(provider: Provider, event: WebhookEvent, amendment: ReportAmendment): Promise<void> {
    const { registry, store, logger } = this.deps;
    let located: LocatedReport | null = null;
    try {
      located = (await registry.get(provider).locateReport?.(amendment)) ?? null;
    } catch (error) {
      logger.warn({ err: error, provider, type: event.type, report: amendment.reportProviderId }, 'webhook amendment: report lookup failed, held');
    }
    const latest = located ? await this.latestReport(provider, located.interviewLocator) : null;
    if (!located || !latest) {
      await store.hold(provider, amendment, WEBHOOK_RETENTION_SECONDS);
      logger.info({ provider, type: event.type, report: amendment.reportProviderId }, 'webhook amendment held until its report arrives');
      return;
    }
    if (latest.locator !== located.reportLocator) return;
    const reports = [{ interviewLocator: located.interviewLocator, report: amendReport(latest, [amendment]) }];
    await this.deps.entities.write(provider, { reports }, { origin: 'webhook', keepRaw: true });
  }

  /** The interview's latest report (cache first), or null when it has none or it cannot be read now. */
  private async latestReport(provider: Provider, interviewLocator: string): Promise<Report | null> {
    const { entities } = this.deps;
    try {
      const [pointer] = await entities.load('reportPointer', provider, [interviewLocator]);
      if (pointer === null || pointer instanceof Error) return null;
      const [report] = await entities.load('report', provider, [pointer]);
      return report instanceof Error ? null : report;
    } catch {
      return null;
    }
  }
}

function changedAt(interview: Interview, occurredAt: string | null): Interview {
  if (occurredAt === null || (interview.updatedAt !== null && interview.updatedAt >= occurredAt)) return interview;
  return { ...interview, updatedAt: occurredAt };
}

export function webhookFailure(status: number, code: string, message: string): WebhookOutcome {
  return { status, body: { error: { code, message } } };
}
