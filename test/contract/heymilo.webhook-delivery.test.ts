/**
 * The HeyMilo simulator's webhook delivery against a local receiver (node:http on port 0): what it
 * POSTs is what the adapter's parser accepts, and what each webhook says agrees with what the
 * adapter reads over REST at the moment it arrives.
 */
import { request } from 'undici';
import { InterviewStatus, type Interview, type Report } from '../../src/domain/model';
import type { HeymiloInterviewRecord } from '../../src/vendors/heymilo/sandbox/heymilo.data';
import {
  createSimulator,
  HEYMILO_SIM_WEBHOOK_EVENTS,
  type HeymiloSimWebhookEvent,
  type HeymiloSimulator,
} from '../../src/vendors/heymilo/sandbox/heymilo.simulator';
import { createHeymiloAdapter, type HeymiloAdapter } from '../../src/vendors/heymilo/heymilo.adapter';
import { parseHeymiloWebhook } from '../../src/vendors/heymilo/heymilo.webhook';
import type { WebhookEvent } from '../../src/vendors/vendor-adapter';
import type { HttpReceiver } from '../support/http-receiver';
import { describeVendorContract } from '../support/vendor-contract';

const API_KEY = 'hm_webhook_contract_key';

let sim: HeymiloSimulator;
let adapter: HeymiloAdapter;
let receiver: HttpReceiver;
describeVendorContract({
  simulator: () => createSimulator({ apiKey: API_KEY, port: 0 }),
  createAdapter: createHeymiloAdapter,
  ready: (c) => {
    sim = c.sim;
    adapter = c.adapter;
    receiver = c.receiver;
  },
  webhooks: { path: '/webhooks/heymilo/secret-token' },
});

const byStatus = (word: string) => sim.dataset.interviews.filter((i) => i.status === word);
const withoutRaw = <T extends { raw?: unknown }>(value: T) => {
  const { raw: _raw, ...rest } = value;
  return rest;
};
/** Signed URLs are re-signed per response (to the second): compare without their signature. */
const unsigned = (report: Omit<Report, 'raw'>) => ({
  ...report,
  recordings: report.recordings.map((r) => ({ ...r, url: r.url.split('?')[0], expiresAt: r.expiresAt === null ? null : 'signed' })),
});

/** The interview as the posting's candidate list shows it (what a list read caches). */
async function listed(record: HeymiloInterviewRecord): Promise<Interview> {
  const page = await adapter.listInterviews({ first: 100, after: null, templateLocator: record.postingId });
  const node = page.edges.map((e) => e.node).find((n) => n.locator === record.interviewId);
  if (!node) throw new Error(`interview ${record.interviewId} not listed`);
  return node;
}

function recordFor(event: HeymiloSimWebhookEvent): HeymiloInterviewRecord {
  const word = { candidate_ingested: 'pending', interview_started: 'in_progress', interview_completed: 'evaluating', report_available: 'shortlisted' }[event];
  return byStatus(word)[0];
}

describe('emitWebhook', () => {
  it.each(HEYMILO_SIM_WEBHOOK_EVENTS.map((e) => [e]))('POSTs %s as JSON, and the parser accepts it', async (event) => {
    const record = recordFor(event);
    await expect(sim.emitWebhook(event, record.interviewId)).resolves.toBe(202);
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery.method).toBe('POST');
    expect(delivery.headers['content-type']).toBe('application/json');
    const body = receiver.json(0);
    expect(body).toMatchObject({ event_type: event, interview_id: record.interviewId, posting_id: record.postingId });
    const parsed = parseHeymiloWebhook(body);
    expect(parsed.type).toBe(event);
    expect(parsed.interviewLocator).toBe(record.interviewId);
    expect(parsed.refs?.[0]).toMatchObject({ locator: record.interviewId, email: record.candidate.email, candidateProviderId: record.candidateId });
  });

  it('report_available carries /data: the webhook Report and Interview equal what the adapter reads', async () => {
    const record = byStatus('completed').find((r) => r.has.webInterview && r.has.cheatDetection) ?? byStatus('completed')[0];
    await sim.emitWebhook('report_available', record.interviewId);
    const event = parseHeymiloWebhook(receiver.json(0));
    expect(event.invalidate).toBeUndefined();
    const [fromRest] = (await adapter.getReportsForInterviews([record.interviewId])).results as Report[];
    expect(unsigned(withoutRaw(event.report!))).toEqual(unsigned(withoutRaw(fromRest)));
    expect(withoutRaw(event.interview!)).toEqual(withoutRaw(await listed(record)));
  });

  it('re-sent early events describe the interview as it was then', async () => {
    const record = byStatus('completed')[0];
    await sim.emitWebhook('candidate_ingested', record.interviewId);
    await sim.emitWebhook('interview_started', record.interviewId);
    const [ingested, started] = receiver.bodies().map((body) => parseHeymiloWebhook(body));
    expect(ingested.interview).toMatchObject({ status: InterviewStatus.INVITED, startedAt: null, completedAt: null });
    expect(started.interview).toMatchObject({ status: InterviewStatus.IN_PROGRESS, completedAt: null });
    expect(started.interview?.startedAt).toBe(started.occurredAt);
    expect(ingested.occurredAt! < started.occurredAt!).toBe(true);
  });

  it('resolves to the status the target answered', async () => {
    receiver.answer = () => 503;
    await expect(sim.emitWebhook('candidate_ingested', byStatus('pending')[0].interviewId)).resolves.toBe(503);
  });

  it('rejects while delivery is off, for an unknown interview, and before the event could have happened', async () => {
    sim.deliverWebhooks(null);
    await expect(sim.emitWebhook('candidate_ingested', byStatus('pending')[0].interviewId)).rejects.toThrow(/delivery is off/);
    sim.deliverWebhooks(receiver.url);
    await expect(sim.emitWebhook('candidate_ingested', 'int_nope')).rejects.toThrow(/no interview int_nope/);
    await expect(sim.emitWebhook('report_available', byStatus('evaluating')[0].interviewId)).rejects.toThrow(/no report yet/);
    await expect(sim.emitWebhook('interview_started', byStatus('pending')[0].interviewId)).rejects.toThrow(/has not started/);
    await expect(sim.emitWebhook('interview_completed', byStatus('in_progress')[0].interviewId)).rejects.toThrow(/not completed/);
    expect(receiver.received).toHaveLength(0);
  });
});

describe('simulateCompletion', () => {
  it("takes a pending interview through HeyMilo's events; REST agrees with each one when it arrives", async () => {
    const record = byStatus('pending')[0];
    const seen: Array<{ event: WebhookEvent; listed: Interview; report: Report | null }> = [];
    receiver.answer = async (_request, index) => {
      const event = parseHeymiloWebhook(receiver.json(index));
      const [report] = (await adapter.getReportsForInterviews([record.interviewId])).results as Array<Report | null>;
      seen.push({ event, listed: await listed(record), report });
      return 202;
    };

    const deliveries = await sim.simulateCompletion(record.interviewId, { at: Date.parse('2026-06-02T10:00:00Z') });
    expect(deliveries.map((d) => [d.event, d.status])).toEqual([
      ['interview_started', 202],
      ['interview_completed', 202],
      ['report_available', 202],
    ]);
    expect(receiver.bodies()).toEqual(deliveries.map((d) => d.body));
    expect(seen.map((s) => [s.event.type, s.event.stage, s.event.interview?.status])).toEqual([
      ['interview_started', 2, InterviewStatus.IN_PROGRESS],
      ['interview_completed', 3, InterviewStatus.PROCESSING],
      ['report_available', 4, InterviewStatus.COMPLETED],
    ]);
    const times = seen.map((s) => s.event.occurredAt!);
    expect([...times].sort()).toEqual(times);
    expect(times[1]).toBe('2026-06-02T10:00:00.000Z');
    for (const { event, listed: row, report } of seen) {
      // What the webhook says is what the candidate list says at that moment.
      expect(withoutRaw(event.interview!)).toEqual(withoutRaw(row));
      if (event.type === 'report_available') expect(unsigned(withoutRaw(event.report!))).toEqual(unsigned(withoutRaw(report!)));
      else expect(report).toBeNull();
    }
    expect(seen[2].event.report?.completedAt).toBe('2026-06-02T10:00:00.000Z');
  });

  it('sends only what is left: an evaluating interview gets report_available alone', async () => {
    const record = byStatus('evaluating')[0];
    const deliveries = await sim.simulateCompletion(record.interviewId);
    expect(deliveries.map((d) => d.event)).toEqual(['report_available']);
    const event = parseHeymiloWebhook(deliveries[0].body);
    expect(event.report).toBeDefined();
    expect((await listed(record)).status).toBe(InterviewStatus.COMPLETED);
  });

  it('over HTTP (POST /__sim/complete/:id) answers in short: the id and each webhook sent with the status it got', async () => {
    const record = byStatus('in_progress')[0];
    const response = await request(`${sim.url}/__sim/complete/${record.interviewId}`, { method: 'POST' });
    const text = await response.body.text();
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(text)).toEqual({
      provider: 'HEYMILO',
      id: record.interviewId,
      webhooks: [
        { event: 'interview_completed', status: 202 },
        { event: 'report_available', status: 202 },
      ],
    });
    // The webhook bodies (the whole report) went to the gateway, not into this answer.
    expect(receiver.received).toHaveLength(2);
    expect(text.length).toBeLessThan(200);
  });

  it('refuses a finished interview', async () => {
    await expect(sim.simulateCompletion(byStatus('shortlisted')[0].interviewId)).rejects.toThrow(/already shortlisted/);
  });

  it('changes the data set without sending anything while delivery is off', async () => {
    sim.deliverWebhooks(null);
    const record = byStatus('in_progress')[0];
    await expect(sim.simulateCompletion(record.interviewId)).resolves.toEqual([]);
    expect(receiver.received).toHaveLength(0);
    expect((await listed(record)).status).toBe(InterviewStatus.COMPLETED);
  });
});
