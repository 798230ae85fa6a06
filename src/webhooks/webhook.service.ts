import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Interview } from '../domain/model';
import type { EntityKind } from '../domain/entity-kind';
import { idGrammarOf, type Provider } from '../domain/provider';
import { opaqueIdProblem } from '../domain/vendor-ids';
import { GatewayError } from '../errors/gateway.error';
import { logValue } from '../observability/log-value';
import type { IdentityIndex } from '../identity/identity-index';
import type { EntityStore } from '../store/entity-store';
import { amendReport, type ReportAmendment } from '../domain/report-amendment';
import type { LocatedReport, Related, WebhookEvent } from '../vendors/vendor-adapter';
import type { VendorRegistry } from '../vendors/vendor-registry';
import { IntakeRefusal, WebhookIntake, type WebhookIntakeOptions } from './webhook-intake';
import { type AppliedChange, notOlder, type StoredWebhook, type WebhookStore } from './webhook-store';
import { InFlight } from '../infra/in-flight';

/** Also the dedupe window; at least 24 h. */
export const WEBHOOK_RETENTION_SECONDS = 7 * 86_400;

/** Unapplied deliveries taken per sweep. */
const SWEEP_DELIVERIES = 100;

export type WebhookResult = 'applied' | 'duplicate' | 'stale' | 'stored';

export interface WebhookOutcome {
  status: number;
  /** `stored`: stored (so acknowledged) but not applied yet: its apply failed, or outlasted the store's budget; applied later. */
  body: { result: WebhookResult } | { error: { code: string; message: string } };
  /** On a 503: seconds the sender should wait before trying again (the `Retry-After` header). */
  retryAfterSeconds?: number;
}

export interface WebhookServiceDeps {
  registry: VendorRegistry;
  store: WebhookStore;
  index: IdentityIndex;
  entities: EntityStore;
  logger: Logger;
  intake: Pick<WebhookIntakeOptions, 'timeoutMs' | 'maxDeliveries' | 'maxBytes'>;
  /** A stored delivery not applied by then (its apply failed, or its instance stopped) is applied again, in ms. */
  applyRetryMs: number;
  /**
   * What must be known about the state before a delivery's first apply changes it (the outbound
   * events: is this interview new to its candidate?); kept with the delivery, the first answer wins.
   * Null: nothing to keep.
   */
  beforeApply?: (provider: Provider, event: WebhookEvent) => Promise<string | null>;
}

/** Told once per delivery applied (or found stale), whoever applied it. */
export type SettledListener = (record: StoredWebhook, result: 'applied' | 'stale') => void;

/**
 * A delivery is stored durably BEFORE it is acknowledged, then applied unless a newer event about
 * the same interview was. A stored delivery stays "unapplied" until its apply has fully succeeded;
 * one whose apply fails (Redis stalled, the instance stopped) is applied again by the sweep, so no
 * acknowledged event is lost. Applying is idempotent (same objects written, same index entries), so
 * an apply repeated after a partial failure changes nothing twice. Partial objects drop the cached
 * copies instead of writing through.
 */
export class WebhookService {
  private readonly serial = new Map<string, Promise<unknown>>();
  /** Applies of fresh deliveries, some maybe past their answer: `stop` waits for them. */
  private readonly applying = new InFlight();
  /** Deliveries being applied by this instance: the sweep leaves them alone. */
  private readonly inProgress = new Set<string>();
  private readonly intake: WebhookIntake;
  private readonly settledListeners: SettledListener[] = [];
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(private readonly deps: WebhookServiceDeps) {
    this.intake = new WebhookIntake({
      ...deps.intake,
      store: deps.store,
      logger: deps.logger,
      retentionSeconds: WEBHOOK_RETENTION_SECONDS,
      retryAt: () => Date.now() + deps.applyRetryMs,
    });
  }

  receives(provider: Provider): boolean {
    return Boolean(this.deps.registry.tryGet(provider)?.parseWebhook);
  }

  async handle(provider: Provider, body: unknown): Promise<WebhookOutcome> {
    const { registry, logger } = this.deps;
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
    const wrongId = malformedId(provider, event);
    if (wrongId) {
      logger.warn({ provider, type: event.type, reason: wrongId }, 'webhook refused: an id its vendor never issues');
      return webhookFailure(422, 'INVALID_WEBHOOK', `The webhook is refused: ${wrongId}.`);
    }

    const record: StoredWebhook = {
      receipt: randomUUID(),
      provider,
      type: event.type,
      dedupeKey: event.dedupeKey,
      interviewLocator: event.interviewLocator,
      receivedAt: new Date().toISOString(),
      body,
    };
    let stored: boolean;
    try {
      stored = await this.intake.admit(record);
    } catch (error) {
      if (!(error instanceof IntakeRefusal)) throw error;
      // Not stored, so not acknowledged: the vendor may retry later.
      logger.error({ provider, code: error.code }, 'webhook not stored: refused');
      return { ...webhookFailure(503, error.code, error.message), retryAfterSeconds: error.retryAfterSeconds };
    }
    if (!stored) return { status: 200, body: { result: 'duplicate' } };
    // Stored, so the answer is a 2xx whatever happens next; it waits for the apply (a query right
    // after sees the change) but no longer than the store's budget: a stalled apply goes on behind it.
    const applying = this.applying.track(this.applyStored(record, event));
    const late = new AbortController();
    const result = await Promise.race([applying, sleep(this.deps.intake.timeoutMs, null, { signal: late.signal }).catch(() => null)]);
    late.abort();
    return { status: 200, body: { result: result ?? 'stored' } };
  }

  /** Told of every delivery applied or found stale from now on. */
  onSettled(listener: SettledListener): void {
    this.settledListeners.push(listener);
  }

  /**
   * Stored deliveries not applied yet (failed, or being applied). At least the store's count, and
   * never 0 while this instance is applying one: a delivery leaves the store's set a moment before
   * its listeners are told, and 0 promises that every one applied here has been announced.
   */
  async unapplied(): Promise<number> {
    const stored = await this.deps.store.unapplied();
    // Read after the store answered: an apply whose settling was in that answer is counted until told.
    return Math.max(stored, this.inProgress.size);
  }

  /** Sweeps every `applyRetryMs` for deliveries whose apply failed or was cut off; `stop` ends it. */
  start(): void {
    if (this.sweepTimer) return;
    this.sweepTimer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'webhook sweep: the store is unavailable; next sweep later'))
        .finally(() => {
          this.sweeping = null;
        });
    }, this.deps.applyRetryMs);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    await this.intake.idle();
    await this.applying.settled();
    await this.sweeping;
  }

  /** A backlog (after an outage) is taken batch after batch, not one batch per interval. */
  private async sweep(): Promise<void> {
    while (this.sweepTimer && (await this.applyUnapplied()) === SWEEP_DELIVERIES);
  }

  /** Applies stored deliveries whose apply failed or was cut off (any instance's); returns how many it claimed. */
  async applyUnapplied(): Promise<number> {
    const { store } = this.deps;
    const claimed = await store.claimUnapplied(SWEEP_DELIVERIES, Date.now(), Date.now() + this.deps.applyRetryMs);
    // Checked as the claim answers: one this instance is applying now would be applied twice. (Its
    // settling, sent after the claim on the same connection, cannot have been answered yet.)
    const mine = claimed.filter((record) => !this.inProgress.has(deliveryKey(record)));
    for (const record of mine) this.inProgress.add(deliveryKey(record));
    await Promise.all(mine.map((record) => this.applyAgain(record)));
    return claimed.length;
  }

  private async applyAgain(record: StoredWebhook): Promise<void> {
    const { store, registry, logger } = this.deps;
    let event: WebhookEvent;
    try {
      const parse = registry.tryGet(record.provider)?.parseWebhook;
      // The vendor is not configured here: left to an instance that has it.
      if (!parse) return;
      event = parse(record.body);
    } catch (error) {
      // Stored, so it parsed once: its parser changed since. Kept for audit, not retried forever.
      logger.error({ err: error, provider: record.provider, type: record.type }, 'stored webhook no longer parses: not applied');
      await store.settle(record.provider, record.dedupeKey);
      return;
    } finally {
      this.inProgress.delete(deliveryKey(record));
    }
    logger.info({ provider: record.provider, type: record.type }, 'applying a stored webhook again');
    await this.applyStored(record, event);
  }

  /** Null when applying failed: it stays unapplied and is applied again later. */
  private async applyStored(record: StoredWebhook, event: WebhookEvent): Promise<'applied' | 'stale' | null> {
    const { store, logger, beforeApply } = this.deps;
    const key = deliveryKey(record);
    this.inProgress.add(key);
    try {
      const note = beforeApply ? await beforeApply(record.provider, event) : null;
      if (note !== null) await store.note(record.provider, record.dedupeKey, note);
      const applied = await this.applyEvent(record.provider, event);
      // Not settled (Redis failing just now): applied once more later, which changes nothing.
      await store
        .settle(record.provider, record.dedupeKey, applied)
        .catch((error: unknown) => logger.warn({ err: error, provider: record.provider }, 'webhook applied but not marked so: applied again later'));
      for (const listener of this.settledListeners) listener(record, applied.result);
      return applied.result;
    } catch (error) {
      logger.warn({ err: error, provider: record.provider, type: record.type }, 'webhook stored but not applied: applied again later');
      return null;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private async applyEvent(provider: Provider, event: WebhookEvent): Promise<AppliedChange> {
    const { store, logger } = this.deps;
    const locator = event.interviewLocator;
    if (locator === null) return { result: 'applied', interviews: await this.apply(provider, event) };
    const version = { occurredAt: event.occurredAt, stage: event.stage };
    const stale = (): AppliedChange => {
      logger.info({ provider, type: logValue(event.type), interview: logValue(locator) }, 'webhook stored but older than the state applied: ignored');
      return { result: 'stale', interviews: [] };
    };
    if (!(await store.advance(provider, locator, version, WEBHOOK_RETENTION_SECONDS))) return stale();
    // Serial per interview, each re-checking it is newest: a slow older event never overwrites a newer one.
    const touched = await this.serially(`${provider}|${locator}`, async () => {
      const current = await store.current(provider, locator);
      if (current && !notOlder(version, current)) return null;
      return this.apply(provider, event);
    });
    return touched ? { result: 'applied', interviews: touched } : stale();
  }

  private async serially<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.serial.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.serial.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.serial.get(key) === tail) this.serial.delete(key);
    }
  }

  /**
   * Throws when any part failed (the delivery is then applied again: every part is idempotent).
   * Returns the interviews whose state it changed.
   */
  private async apply(provider: Provider, event: WebhookEvent): Promise<string[]> {
    const { index, entities, store } = this.deps;
    if (event.amendment) return this.amend(provider, event, event.amendment);
    if (event.invalidate && event.interviewLocator !== null) await entities.invalidate(provider, event.interviewLocator, { origin: 'webhook', strict: true });
    // Read, and released only once the amended report is written: a failed apply loses none.
    const held = event.report ? await store.held(provider, event.report.providerId) : [];
    const report = event.report && held.length > 0 ? amendReport(event.report, held) : event.report;
    const related: Related = {};
    // An undated change takes the event's time (the vendor's, never ours), so it tops the by-update feeds.
    if (event.interview) related.interviews = [changedAt(event.interview, event.occurredAt)];
    if (report && event.interviewLocator !== null) related.reports = [{ interviewLocator: event.interviewLocator, report }];
    if (related.interviews || related.reports) await entities.write(provider, related, { origin: 'webhook', keepRaw: true, strict: true });
    if (event.report && held.length > 0) await store.releaseHeld(provider, event.report.providerId, held);
    const known = event.interview;
    const refs = (event.refs ?? []).filter((ref) => !(known && ref.locator === known.locator && ref.email === known.candidate.email));
    if (refs.length > 0) await index.record(provider, refs);
    return event.interviewLocator === null ? [] : [event.interviewLocator];
  }

  /**
   * Only the interview's latest report is amended: it is what the graph serves. A report read over
   * REST already includes these parts; held ones wait for the report's webhook.
   */
  private async amend(provider: Provider, event: WebhookEvent, amendment: ReportAmendment): Promise<string[]> {
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
      return [];
    }
    if (latest.locator !== located.reportLocator) return [];
    const reports = [{ interviewLocator: located.interviewLocator, report: amendReport(latest, [amendment]) }];
    await this.deps.entities.write(provider, { reports }, { origin: 'webhook', keepRaw: true, strict: true });
    return [located.interviewLocator];
  }
}

function changedAt(interview: Interview, occurredAt: string | null): Interview {
  if (occurredAt === null || (interview.updatedAt !== null && interview.updatedAt >= occurredAt)) return interview;
  return { ...interview, updatedAt: occurredAt };
}

function deliveryKey(record: StoredWebhook): string {
  return `${record.provider}|${record.dedupeKey}`;
}

/**
 * What in the event breaks its vendor's id grammar (the one client ids are checked against), or
 * null. Such an id would be stored, indexed and shown under a global id that every query then
 * refuses, and would reach the vendor's URLs on the next read.
 */
function malformedId(provider: Provider, event: WebhookEvent): string | null {
  const grammar = idGrammarOf(provider);
  const ids: Array<[EntityKind, string | null | undefined]> = [
    ['Interview', event.interviewLocator],
    ['Interview', event.interview?.locator],
    ['Report', event.report?.locator],
  ];
  for (const [kind, locator] of ids) {
    const problem = locator == null ? null : grammar.check(kind, locator);
    if (problem) return `its ${kind} id is not one its vendor issues: ${problem}`;
  }
  // An amendment names its report by the vendor's bare ids (micro1's, documented only as strings),
  // which reach the vendor's report search: the default check of one id.
  const bare: Array<[string, string | null | undefined]> = [
    ['report id', event.amendment?.reportProviderId],
    ['candidate id', event.amendment?.candidateProviderId],
  ];
  for (const [what, id] of bare) {
    const problem = id == null ? null : opaqueIdProblem(id, `its ${what}`);
    if (problem) return `an id is not one its vendor issues: ${problem}`;
  }
  return null;
}

export function webhookFailure(status: number, code: string, message: string): WebhookOutcome {
  return { status, body: { error: { code, message } } };
}
