import { createHash } from 'node:crypto';
import { type DocumentNode, type ExecutionResult, parse } from 'graphql';
import { encodeGlobalId } from '../domain/global-id';
import type { StoredWebhook } from '../webhooks/webhook-store';
import type { OutboundEventType } from './outbound.types';

/** Runs a query as the gateway itself, for one tenant: what the GraphQL schema would answer a client. */
export type RunQuery = (query: DocumentNode, variables: Record<string, unknown>) => Promise<ExecutionResult>;

const SCORE = 'value raw scale scaleKnown scaleMin scaleMax label';
const TIME_NOTES = 'timeNotes { field origin source }';

/**
 * The documented default selections (docs/webhooks.md): what a query for these fields would return,
 * never `raw` (vendor shapes), nor a transcript (size: query the graph for it).
 */
export const EVENT_SELECTIONS = {
  interview: `query OutboundInterview($id: ID!) {
  interview(id: $id) {
    id provider providerId status statusRaw decision decisionRaw templateName inviteUrl
    createdAt invitedAt startedAt completedAt updatedAt ${TIME_NOTES}
    externalIds { kind source id }
    candidate { email name }
  }
}`,
  report: `query OutboundReport($interviewId: ID!) {
  reportForInterview(interviewId: $interviewId) {
    id provider providerId interview { id }
    createdAt completedAt updatedAt ${TIME_NOTES}
    summary recommendation recommendationRaw score { ${SCORE} }
    scorecard { overall { ${SCORE} } items { name category question answer feedback weight notScored score { ${SCORE} } } }
    highlights lowlights integrity { score { ${SCORE} } violations { type description value } }
    pdfUrl reportUrl recordings { kind format url expiresAt playerUrl }
  }
}`,
  candidate: `query OutboundCandidate($email: String!) {
  candidate(email: $email) {
    email name accounts { provider providerId email name }
  }
}`,
} as const;

const DOCUMENTS = {
  interview: parse(EVENT_SELECTIONS.interview),
  report: parse(EVENT_SELECTIONS.report),
  candidate: parse(EVENT_SELECTIONS.candidate),
};

/** One event a change makes, before it is addressed to endpoints. */
export interface RenderedEvent {
  /** The `webhook-id`: the same whenever this change is published again. */
  eventId: string;
  type: OutboundEventType;
  orderKey: string;
  changedAt: number;
  /** The JSON body. */
  payload: string;
}

/** A vendor event applied to the unified model, as the outbox publishes it. */
export interface PublishedChange {
  tenantId: string;
  record: StoredWebhook;
  /** The vendor's time for it, else null. */
  occurredAt: string | null;
  /** Interviews (locators at `record.provider`) whose state it changed. */
  interviews: string[];
  /** It carried (or added to) a report. */
  reported: boolean;
  /** Emails that had no account or interview at this vendor's interview before it. */
  newForEmails: string[];
}

/** Null answers mean "nothing to say" only when the graph said NOT_FOUND; any other failure is retried later. */
export class EventRenderer {
  constructor(
    private readonly run: RunQuery,
    private readonly maxPayloadBytes: number,
  ) {}

  async render(change: PublishedChange): Promise<RenderedEvent[]> {
    const { record } = change;
    const changedAt = Date.parse(change.occurredAt ?? '') || Date.parse(record.receivedAt);
    const changeId = `chg_${digest(`${change.tenantId}|${record.provider}|${record.dedupeKey}`)}`;
    const meta = {
      provider: record.provider,
      change: { id: changeId, source: 'vendor-webhook', vendorEvent: record.type, occurredAt: change.occurredAt, receivedAt: record.receivedAt },
    };
    const events: RenderedEvent[] = [];
    const add = (type: OutboundEventType, subject: string, field: string, value: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      const eventId = `msg_${digest(`${changeId}|${type}|${subject}`)}`;
      const payload = this.body(type, changedAt, { ...meta, [field]: value, ...extra });
      events.push({ eventId, type, orderKey: `${field}:${subject}`, changedAt, payload });
    };
    for (const locator of change.interviews) {
      const id = encodeGlobalId(record.provider, 'Interview', locator);
      const interview = await this.one(DOCUMENTS.interview, { id }, 'interview');
      if (!interview) continue;
      add('interview.updated', id, 'interview', interview);
      if (change.reported) {
        const report = await this.one(DOCUMENTS.report, { interviewId: id }, 'reportForInterview');
        if (report) add('report.ready', id, 'report', report);
      }
      for (const email of change.newForEmails) {
        const candidate = await this.one(DOCUMENTS.candidate, { email }, 'candidate');
        if (candidate) add('candidate.updated', email.toLowerCase(), 'candidate', candidate, { interview: { id } });
      }
    }
    return events;
  }

  /** The object, null when the graph has none; throws when it could not say (a vendor failing): published later. */
  private async one(document: DocumentNode, variables: Record<string, unknown>, field: string): Promise<Record<string, unknown> | null> {
    const result = await this.run(document, variables);
    const value = (result.data?.[field] ?? null) as Record<string, unknown> | null;
    if (value !== null) return value;
    const failures = (result.errors ?? []).filter((e) => e.extensions?.code !== 'NOT_FOUND');
    if (failures.length > 0) throw new Error(`the graph could not render ${field}: ${failures[0].message}`);
    return null;
  }

  /** Standard Webhooks' shape: `type`, `timestamp`, `data`. Past the size bound, ids only. */
  private body(type: OutboundEventType, changedAt: number, data: Record<string, unknown>): string {
    const timestamp = new Date(changedAt).toISOString();
    const full = JSON.stringify({ type, timestamp, data });
    if (Buffer.byteLength(full) <= this.maxPayloadBytes) return full;
    const slim = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, key === 'provider' || key === 'change' ? value : slimObject(value)]));
    return JSON.stringify({ type, timestamp, data: { ...slim, truncated: true } });
  }
}

/** A recording URL is signed and expires: one past (or within a minute of) its expiry is not sent; `recordingsOmitted` counts them. */
export function withoutExpiredRecordings(payload: string, nowMs: number): string {
  if (!payload.includes('"recordings"')) return payload;
  const body = JSON.parse(payload) as { data?: { report?: { recordings?: Array<{ expiresAt?: string | null }> } } & Record<string, unknown> };
  const recordings = body.data?.report?.recordings;
  if (!body.data?.report || !Array.isArray(recordings)) return payload;
  const live = recordings.filter((r) => !r.expiresAt || Date.parse(r.expiresAt) > nowMs + 60_000);
  if (live.length === recordings.length) return payload;
  body.data.report.recordings = live;
  body.data.recordingsOmitted = recordings.length - live.length;
  return JSON.stringify(body);
}

function slimObject(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const { id, provider, providerId, email } = value as Record<string, unknown>;
  return Object.fromEntries(Object.entries({ id, provider, providerId, email }).filter(([, v]) => v !== undefined));
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 26);
}
