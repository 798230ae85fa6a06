import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { normaliseEmail } from '../domain/email';
import type { Provider } from '../domain/provider';
import type { OutboundAttemptResult } from '../observability/metrics';
import type { IdentityIndex } from '../identity/identity-index';
import type { WebhookEvent } from '../vendors/vendor-adapter';
import type { VendorRegistry } from '../vendors/vendor-registry';
import type { UnpublishedChange, WebhookStore } from '../webhooks/webhook-store';
import { nextAttemptAt } from './backoff';
import { type EventRenderer, withoutExpiredRecordings } from './event-renderer';
import type { OutboundSender, OutboundResult } from './outbound-sender';
import type {
  AttemptVerdict,
  ClaimedDelivery,
  DeliveryAttempt,
  DeliveryPage,
  DeliveryStatus,
  EndpointState,
  OutboundDelivery,
  OutboundEventType,
  WebhookEndpoint,
} from './outbound.types';
import { decodeLogCursor, type OutboxStore, type RedeliverResult } from './outbox-store';
import { newSecret, signedHeaders } from './signature';
import { checkTarget, TargetRefused, type TargetPolicy } from './target-guard';
import { InFlight } from '../infra/in-flight';

/** How often each replica looks for due work it was not told about (another replica's changes, retries). */
const POLL_MS = 1_000;
/** Changes taken per publishing round; attempts in flight from one replica at most. */
const PUBLISH_BATCH = 50;
const SEND_BATCH = 32;
/** A claimed change or delivery whose holder vanished is offered again after its attempt's time plus this. */
const LEASE_MARGIN_MS = 5_000;
/** A change whose publisher vanished (rendering may wait on a vendor) is published by another after this. */
const PUBLISH_LEASE_MS = 30_000;
/** The endpoints (for `beforeApply`, on every inbound delivery) are read at most this often. */
const ENDPOINTS_FRESH_MS = 2_000;
const DESCRIPTION_MAX = 500;

export interface OutboundSettings {
  policy: TargetPolicy;
  timeoutMs: number;
  retryScheduleSeconds: readonly number[];
  endpointConcurrency: number;
  maxEndpoints: number;
}

export interface OutboundServiceDeps {
  tenantId: string;
  store: OutboxStore;
  webhookStore: WebhookStore;
  registry: VendorRegistry;
  identity: IdentityIndex;
  renderer: EventRenderer;
  sender: OutboundSender;
  settings: OutboundSettings;
  logger: Logger;
  /** Counted per attempt: delivered, retrying, failed (retries used up), gone (410: endpoint disabled). */
  onAttempt?: (result: OutboundAttemptResult, latencyMs: number) => void;
}

export interface EndpointInput {
  url?: string;
  events?: readonly OutboundEventType[];
  description?: string | null;
  enabled?: boolean;
}

/** What an admin call refused, in words for the client. */
export class OutboundInputError extends Error {
  constructor(
    message: string,
    readonly argument: string | null,
    readonly notFound = false,
  ) {
    super(message);
    this.name = 'OutboundInputError';
  }
}

/**
 * A tenant's outbound webhooks: endpoints (admin calls), publishing (applied vendor events become
 * events in the outbox) and sending (signed attempts, retried with backoff). Every step is shared
 * through the outbox store, so any replica can take any step, and each step has one taker.
 */
export class OutboundService {
  private timer: NodeJS.Timeout | null = null;
  private publishing: Promise<void> | null = null;
  private publishAgain = false;
  private sending: Promise<void> | null = null;
  private sendAgain = false;
  /** Attempts in flight from this replica (at most SEND_BATCH). */
  private readonly attempts = new InFlight();
  private endpointsRead: { at: number; states: Promise<EndpointState[]> } | null = null;

  constructor(private readonly deps: OutboundServiceDeps) {}

  // ---- endpoints (admin) ----

  endpoints(): Promise<EndpointState[]> {
    return this.deps.store.endpoints();
  }

  async endpoint(id: string): Promise<EndpointState> {
    const state = await this.deps.store.endpoint(id);
    if (!state) throw noEndpoint(id);
    return state;
  }

  /** The secret is returned here and by `rotateSecret` only. */
  async createEndpoint(
    input: Required<Pick<EndpointInput, 'url' | 'events'>> & Pick<EndpointInput, 'description'>,
  ): Promise<{ state: EndpointState; secret: string }> {
    const now = Date.now();
    const endpoint: WebhookEndpoint = {
      id: `ep_${randomBytes(12).toString('hex')}`,
      url: await this.checkedUrl(input.url),
      description: checkedDescription(input.description ?? null),
      events: checkedEvents(input.events),
      secrets: [{ secret: newSecret(), expiresAt: null }],
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.deps.store.saveEndpoint(endpoint, this.deps.settings.maxEndpoints)))
      throw new OutboundInputError(`A tenant has at most ${this.deps.settings.maxEndpoints} webhook endpoints; delete one first.`, null);
    this.endpointsRead = null;
    return { state: { endpoint, disabledReason: null }, secret: endpoint.secrets[0].secret };
  }

  async updateEndpoint(id: string, input: EndpointInput): Promise<EndpointState> {
    const { endpoint } = await this.endpoint(id);
    const updated: WebhookEndpoint = {
      ...endpoint,
      url: input.url === undefined ? endpoint.url : await this.checkedUrl(input.url),
      events: input.events === undefined ? endpoint.events : checkedEvents(input.events),
      description: input.description === undefined ? endpoint.description : checkedDescription(input.description),
      updatedAt: Date.now(),
    };
    if (!(await this.deps.store.saveEndpoint(updated, this.deps.settings.maxEndpoints, 'update'))) throw noEndpoint(id);
    if (input.enabled !== undefined) await this.deps.store.setDisabled(id, input.enabled ? null : 'Disabled by an admin.');
    this.endpointsRead = null;
    return this.endpoint(id);
  }

  async deleteEndpoint(id: string): Promise<void> {
    if (!(await this.deps.store.deleteEndpoint(id))) throw noEndpoint(id);
    this.endpointsRead = null;
  }

  /** The old secret keeps signing (a second signature) for `graceSeconds`, so receivers can switch without losing any delivery. */
  async rotateSecret(id: string, graceSeconds: number): Promise<{ state: EndpointState; secret: string }> {
    if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > 7 * 86_400)
      throw new OutboundInputError('`previousSecretValidSeconds` must be 0 to 604800 (7 days).', 'previousSecretValidSeconds');
    const { endpoint } = await this.endpoint(id);
    const now = Date.now();
    const secret = newSecret();
    const previous = endpoint.secrets.find((s) => s.expiresAt === null);
    const secrets = [{ secret, expiresAt: null }, ...(previous && graceSeconds > 0 ? [{ secret: previous.secret, expiresAt: now + graceSeconds * 1000 }] : [])];
    if (!(await this.deps.store.saveEndpoint({ ...endpoint, secrets, updatedAt: now }, this.deps.settings.maxEndpoints, 'update'))) throw noEndpoint(id);
    return { state: await this.endpoint(id), secret };
  }

  async deliveries(endpointId: string, status: DeliveryStatus | null, first: number, after: string | null): Promise<DeliveryPage> {
    await this.endpoint(endpointId);
    if (after !== null && !decodeLogCursor(after)) throw new OutboundInputError('`after` is not a cursor of this list.', 'after');
    return this.deps.store.list(endpointId, status, first, after);
  }

  async delivery(id: string): Promise<OutboundDelivery> {
    const delivery = await this.deps.store.delivery(id);
    if (!delivery) throw noDelivery(id);
    return delivery;
  }

  /** Sent again as soon as possible, with the same `webhook-id` (receivers that saw it can tell). */
  async redeliver(id: string): Promise<OutboundDelivery> {
    const result: RedeliverResult = await this.deps.store.redeliver(id, Date.now());
    if (result === 'not-found') throw noDelivery(id);
    if (result === 'pending') throw new OutboundInputError('The delivery is still pending: it is attempted again by itself.', 'deliveryId');
    if (result === 'endpoint-disabled')
      throw new OutboundInputError('The endpoint is disabled: enable it (updateWebhookEndpoint with enabled: true) first.', 'deliveryId');
    this.nudgeSend();
    return result;
  }

  // ---- publishing ----

  /**
   * Before a vendor event's first apply: which emails it brings a new interview (or account) to,
   * as the identity index knew them. Only read when an endpoint wants `candidate.updated`.
   */
  async beforeApply(provider: Provider, event: WebhookEvent): Promise<string | null> {
    const states = await this.currentEndpoints();
    if (!states.some((s) => s.disabledReason === null && s.endpoint.events.includes('candidate.updated'))) return null;
    const named = [
      ...(event.interview ? [{ email: event.interview.candidate.email, locator: event.interview.locator }] : []),
      ...(event.refs ?? []).map((ref) => ({ email: ref.email, locator: ref.locator })),
    ].flatMap(({ email, locator }) => {
      const key = normaliseEmail(email);
      return key ? [{ key, locator }] : [];
    });
    if (named.length === 0) return null;
    const keys = [...new Set(named.map((n) => n.key))];
    const known = await this.deps.identity.refsFor(keys);
    const fresh = keys.filter((key, i) => named.some((n) => n.key === key && !known[i].some((ref) => ref.provider === provider && ref.locator === n.locator)));
    return fresh.length > 0 ? JSON.stringify({ newFor: fresh }) : null;
  }

  /** Applied vendor events (any replica's) into outbox deliveries; returns how many changes it took. */
  async publishDue(): Promise<number> {
    const { webhookStore, store, logger } = this.deps;
    const now = Date.now();
    const changes = await webhookStore.claimUnpublished(PUBLISH_BATCH, now, now + PUBLISH_LEASE_MS);
    if (changes.length === 0) return 0;
    const states = await store.endpoints();
    const deliveries: OutboundDelivery[] = [];
    const done: UnpublishedChange['record'][] = [];
    for (const change of changes) {
      const { record } = change;
      const parse = this.deps.registry.tryGet(record.provider)?.parseWebhook;
      // Another replica may serve this vendor; the change comes back to it after the lease.
      if (!parse) continue;
      try {
        const targets = states.filter((s) => s.disabledReason === null && s.endpoint.createdAt <= Date.parse(record.receivedAt));
        if (targets.length > 0 && change.applied?.result !== 'stale') deliveries.push(...(await this.deliveriesOf(change, parse, targets, now)));
        done.push(record);
      } catch (error) {
        logger.warn({ err: error, provider: record.provider, type: record.type }, 'outbound events not published yet: tried again later');
      }
    }
    // One write for the round, then marked published. Either failing (Redis just now): the changes
    // are published again after the lease, which enqueues nothing twice.
    const enqueued = await store.enqueue(deliveries);
    await webhookStore.published(done);
    if (enqueued > 0) this.nudgeSend();
    return changes.length;
  }

  /** One delivery per event the change makes and endpoint that wants it; ids fixed by event and endpoint. */
  private async deliveriesOf(
    change: UnpublishedChange,
    parse: (body: unknown) => WebhookEvent,
    targets: readonly EndpointState[],
    now: number,
  ): Promise<OutboundDelivery[]> {
    const { record } = change;
    let event: WebhookEvent;
    try {
      event = parse(record.body);
    } catch (error) {
      // Stored, so it parsed once: its parser changed since. Applied or not, it says nothing now.
      this.deps.logger.error({ err: error, provider: record.provider, type: record.type }, 'stored webhook no longer parses: no outbound events');
      return [];
    }
    const events = await this.deps.renderer.render({
      tenantId: this.deps.tenantId,
      record,
      occurredAt: event.occurredAt,
      interviews: change.applied?.interviews ?? (event.interviewLocator ? [event.interviewLocator] : []),
      // Stage 4 is "report ready", also when the payload only says so (the report is then read fresh).
      reported: event.report !== undefined || event.amendment !== undefined || event.stage >= 4,
      newForEmails: noted(change),
    });
    return targets.flatMap(({ endpoint }) =>
      events
        .filter((e) => endpoint.events.includes(e.type))
        .map((e) => ({
          id: `dlv_${createHash('sha256').update(`${e.eventId}|${endpoint.id}`).digest('hex').slice(0, 26)}`,
          eventId: e.eventId,
          endpointId: endpoint.id,
          type: e.type,
          orderKey: e.orderKey,
          changedAt: e.changedAt,
          createdAt: now,
          payload: e.payload,
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: now,
          lastAttempt: null,
        })),
    );
  }

  // ---- sending ----

  /**
   * One round: due deliveries claimed and their attempts started, as many as this replica has room
   * for; returns how many it claimed. Attempts are not waited for: a slow endpoint holds its own
   * slots (its cap), never another endpoint's deliveries. Each attempt that ends starts a round.
   */
  async sendDue(): Promise<number> {
    const { store, settings } = this.deps;
    const room = SEND_BATCH - this.attempts.size;
    if (room <= 0) return 0;
    const now = Date.now();
    const claimed = await store.claim({
      nowMs: now,
      limit: room,
      leaseUntilMs: now + settings.timeoutMs + LEASE_MARGIN_MS,
      perEndpoint: settings.endpointConcurrency,
    });
    if (claimed.length === 0) return 0;
    // Read once per round (URL and secrets): an endpoint deleted meanwhile fails its delivery.
    const states = new Map((await store.endpoints()).map((state) => [state.endpoint.id, state]));
    for (const delivery of claimed) {
      // Its slot is free (no longer tracked) before the next round counts the room.
      void this.attempts.track(this.attempt(delivery, states.get(delivery.endpointId) ?? null)).finally(() => this.nudgeSend());
    }
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery, state: EndpointState | null): Promise<void> {
    const { store, sender, logger, onAttempt } = this.deps;
    const at = Date.now();
    let result: OutboundResult;
    if (!state) {
      result = { status: null, latencyMs: 0, error: 'The endpoint was deleted.', responseBody: '', retryAfterSeconds: null };
    } else {
      const body = withoutExpiredRecordings(delivery.payload, at);
      result = await sender.send({ url: state.endpoint.url, headers: signedHeaders(delivery.eventId, body, state.endpoint.secrets, at), body });
    }
    const attempt: DeliveryAttempt = { at, status: result.status, latencyMs: result.latencyMs, error: result.error, responseBody: result.responseBody };
    const verdict = this.verdict(delivery, result, state !== null);
    const recorded = await store.finish(delivery, attempt, verdict).catch((error: unknown) => {
      logger.warn({ err: error, delivery: delivery.id }, 'outbound delivery attempted but its result not recorded: attempted again after its lease');
      return false;
    });
    if (!recorded) return;
    const counted = verdict.outcome === 'retry' ? 'retrying' : verdict.outcome === 'failed' && verdict.disable ? 'gone' : verdict.outcome;
    onAttempt?.(counted, result.latencyMs);
    if (counted === 'gone') {
      this.endpointsRead = null;
      logger.warn({ endpoint: delivery.endpointId }, 'webhook endpoint answered 410 Gone: disabled');
    } else if (counted === 'failed')
      logger.warn({ endpoint: delivery.endpointId, delivery: delivery.id, attempts: delivery.attempts + 1 }, 'outbound delivery failed: retries used up');
  }

  private verdict(delivery: ClaimedDelivery, result: OutboundResult, endpointExists: boolean): AttemptVerdict {
    if (!endpointExists) return { outcome: 'failed' };
    if (result.status !== null && result.status >= 200 && result.status < 300) return { outcome: 'delivered' };
    if (result.status === 410) return { outcome: 'failed', disable: `The endpoint answered 410 Gone at ${new Date().toISOString()}.` };
    const now = Date.now();
    const next = nextAttemptAt(this.deps.settings.retryScheduleSeconds, delivery.attempts + 1, now);
    if (next === null) return { outcome: 'failed' };
    // A receiver's Retry-After is honoured when it asks for longer than the schedule, up to a day.
    const asked = result.retryAfterSeconds === null ? 0 : now + Math.min(result.retryAfterSeconds, 86_400) * 1000;
    return { outcome: 'retry', nextAttemptAt: Math.max(next, asked) };
  }

  // ---- running ----

  /** Every POLL_MS, and at once when told (`nudgePublish`, `nudgeSend`); `stop` ends it. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.nudgePublish();
      this.nudgeSend();
    }, POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.publishing || this.sending || this.attempts.size > 0) await Promise.all([this.publishing, this.sending, this.attempts.settled()]);
  }

  /** A change was applied here: publish it now rather than at the next poll. */
  nudgePublish(): void {
    if (!this.timer) return;
    if (this.publishing) {
      this.publishAgain = true;
      return;
    }
    // A full batch means more may be waiting: taken at once, not one batch per poll.
    this.publishing = this.loop(
      () => this.publishDue(),
      (taken) => taken >= PUBLISH_BATCH,
      'publishing',
    ).finally(() => {
      this.publishing = null;
      if (this.publishAgain && this.timer) {
        this.publishAgain = false;
        this.nudgePublish();
      }
    });
  }

  nudgeSend(): void {
    if (!this.timer) return;
    if (this.sending) {
      this.sendAgain = true;
      return;
    }
    // Any attempt made frees a slot of its endpoint's cap, and due deliveries may wait for it: again at once.
    this.sending = this.loop(
      () => this.sendDue(),
      (claimed) => claimed > 0,
      'sending',
    ).finally(() => {
      this.sending = null;
      if (this.sendAgain && this.timer) {
        this.sendAgain = false;
        this.nudgeSend();
      }
    });
  }

  private async loop(round: () => Promise<number>, again: (n: number) => boolean, what: string): Promise<void> {
    try {
      while (again(await round()) && this.timer);
    } catch (error) {
      this.deps.logger.warn({ err: error }, `outbound webhooks: ${what} failed (the store is unavailable?); next round later`);
    }
  }

  private currentEndpoints(): Promise<EndpointState[]> {
    const now = Date.now();
    if (!this.endpointsRead || now - this.endpointsRead.at > ENDPOINTS_FRESH_MS) {
      const states = this.deps.store.endpoints();
      this.endpointsRead = { at: now, states };
      states.catch(() => {
        this.endpointsRead = null;
      });
    }
    return this.endpointsRead.states;
  }

  private async checkedUrl(url: string): Promise<string> {
    try {
      return (await checkTarget(url, this.deps.settings.policy)).toString();
    } catch (error) {
      if (error instanceof TargetRefused) throw new OutboundInputError(error.reason, 'url');
      throw error;
    }
  }
}

function noEndpoint(id: string): OutboundInputError {
  return new OutboundInputError(`No webhook endpoint with id "${id.slice(0, 80)}".`, 'id', true);
}

function noDelivery(id: string): OutboundInputError {
  return new OutboundInputError(`No webhook delivery with id "${id.slice(0, 80)}".`, 'deliveryId', true);
}

function noted(change: UnpublishedChange): string[] {
  if (!change.note) return [];
  try {
    const { newFor } = JSON.parse(change.note) as { newFor?: unknown };
    return Array.isArray(newFor) ? newFor.filter((e): e is string => typeof e === 'string') : [];
  } catch {
    return [];
  }
}

function checkedEvents(events: readonly OutboundEventType[]): OutboundEventType[] {
  const unique = [...new Set(events)];
  if (unique.length === 0) throw new OutboundInputError('`events` must name at least one event.', 'events');
  return unique;
}

function checkedDescription(description: string | null): string | null {
  if (description !== null && description.length > DESCRIPTION_MAX)
    throw new OutboundInputError(`\`description\` is at most ${DESCRIPTION_MAX} characters.`, 'description');
  return description;
}
