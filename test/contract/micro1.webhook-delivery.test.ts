/**
 * The micro1 simulator's webhook delivery against a local receiver (node:http on port 0): what it
 * POSTs is what the adapter's parser accepts, and what a webhook says agrees with what the
 * adapter then reads over REST.
 */
import { InterviewStatus, type Report } from '../../src/domain/model';
import {
  createSimulator,
  MICRO1_SIM_WEBHOOK_EVENTS,
  type Micro1SimWebhookEvent,
  type Micro1Simulator,
} from '../../src/vendors/micro1/sandbox/micro1.simulator';
import { createMicro1Adapter, type Micro1Adapter } from '../../src/vendors/micro1/micro1.adapter';
import { parseMicro1Webhook } from '../../src/vendors/micro1/micro1.webhook';
import type { HttpReceiver } from '../support/http-receiver';
import { describeVendorContract } from '../support/vendor-contract';

const API_KEY = 'micro1_webhook_contract_key';

let sim: Micro1Simulator;
let adapter: Micro1Adapter;
let receiver: HttpReceiver;
describeVendorContract({
  simulator: () => createSimulator({ apiKey: API_KEY, port: 0 }),
  createAdapter: createMicro1Adapter,
  ready: (c) => {
    sim = c.sim;
    adapter = c.adapter;
    receiver = c.receiver;
  },
  webhooks: { path: '/webhooks/micro1/secret-token' },
});

const withoutRaw = <T extends { raw?: unknown }>(value: T) => {
  const { raw: _raw, ...rest } = value;
  return rest;
};

/** A data-set id each event can be emitted about. */
function idFor(event: Micro1SimWebhookEvent): string {
  const report = sim.dataset.reports.find((r) => r.interview_webcam_recording_url) ?? sim.dataset.reports[0];
  if (event === 'interview.started') return `${report.interview_id}~${report.candidate_id}`;
  if (event.startsWith('applicant.')) return report.candidate_id;
  return report.report_id;
}

describe('emitWebhook', () => {
  it.each(MICRO1_SIM_WEBHOOK_EVENTS.map((e) => [e]))("POSTs %s as JSON in micro1's envelope, and the parser accepts it", async (event) => {
    const id = idFor(event);
    await expect(sim.emitWebhook(event, id)).resolves.toBe(202);
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery.method).toBe('POST');
    expect(delivery.headers['content-type']).toBe('application/json');
    const body = receiver.json(0);
    expect(body).toEqual(sim.webhookPayload(event, id));
    expect(body).toMatchObject({ event, data: expect.any(Object) });
    expect(parseMicro1Webhook(body).type).toBe(event);
  });

  it('sends the report as REST lists it: the webhook Report equals the one the adapter reads', async () => {
    const report = sim.dataset.reports[3];
    await sim.emitWebhook('interview_report.created', report.report_id);
    const event = parseMicro1Webhook(receiver.json(0));
    const session = `${report.interview_id}~${report.candidate_id}`;
    const locator = `${session}~${report.report_id}`;
    expect(event.interviewLocator).toBe(session);
    const [fromRest] = (await adapter.getReports([locator])).results as Report[];
    expect(withoutRaw(event.report!)).toEqual(withoutRaw(fromRest));
    // The webhook's own payload is its raw: the REST body's fields, as sent.
    expect(event.report?.raw).toEqual(receiver.json<{ data: unknown }>(0).data);
    const [interview] = (await adapter.getInterviews([session])).results;
    expect(interview).toMatchObject({
      status: event.interview!.status,
      candidate: event.interview!.candidate,
      templateLocator: event.interview!.templateLocator,
      templateName: event.interview!.templateName,
    });
  });

  it("dates a reported session's start before its completion", async () => {
    const report = sim.dataset.reports[0];
    await sim.emitWebhook('interview.started', `${report.interview_id}~${report.candidate_id}`);
    const event = parseMicro1Webhook(receiver.json(0));
    expect(event.interview?.status).toBe(InterviewStatus.IN_PROGRESS);
    expect(event.occurredAt! < new Date(`${report.date_created.replace(' ', 'T')}Z`).toISOString()).toBe(true);
  });

  it('resolves to the status the target answered', async () => {
    receiver.answer = () => 500;
    await expect(sim.emitWebhook('proctoring_score.completed', sim.dataset.reports[0].report_id)).resolves.toBe(500);
  });

  it('rejects while delivery is off, for an unknown id, and for a report without a webcam recording', async () => {
    sim.deliverWebhooks(null);
    await expect(sim.emitWebhook('interview_report.created', sim.dataset.reports[0].report_id)).rejects.toThrow(/delivery is off/);
    sim.deliverWebhooks(receiver.url);
    await expect(sim.emitWebhook('interview_report.created', 'nope')).rejects.toThrow(/no micro1 report nope/);
    const plain = sim.dataset.reports.find((r) => !r.interview_webcam_recording_url)!;
    await expect(sim.emitWebhook('interview_webcam_recording.completed', plain.report_id)).rejects.toThrow(/no webcam recording/);
    expect(receiver.received).toHaveLength(0);
  });
});

describe('simulateCompletion', () => {
  const unreported = () =>
    sim.dataset.invites.filter((i) => !sim.dataset.reports.some((r) => r.interview_id === i.interview_id && r.candidate_id === i.candidate_id));

  it("finishes an invited session live and sends micro1's events in order; REST agrees afterwards", async () => {
    const invite = unreported()[0];
    const session = `${invite.interview_id}~${invite.candidate_id}`;
    expect((await adapter.getInterviews([session])).results[0]).toMatchObject({ status: InterviewStatus.INVITED });

    const at = Date.parse('2026-06-02T10:00:00Z');
    const deliveries = await sim.simulateCompletion(session, { at });
    const expected = ['interview.started', 'interview.completed', 'interview_recording.completed'];
    const report = sim.dataset.reports.find((r) => r.interview_id === invite.interview_id && r.candidate_id === invite.candidate_id)!;
    if (report.interview_webcam_recording_url) expected.push('interview_webcam_recording.completed');
    expected.push('proctoring_score.completed', 'interview_report.created');
    expect(deliveries.map((d) => [d.event, d.status])).toEqual(expected.map((e) => [e, 202]));
    expect(receiver.bodies()).toEqual(deliveries.map((d) => d.body));

    const events = receiver.bodies().map((body) => parseMicro1Webhook(body));
    expect(events.map((e) => e.type)).toEqual(expected);
    const stages = events.map((e) => e.stage);
    expect([...stages].sort((a, b) => a - b)).toEqual(stages);
    expect(events[0].occurredAt! < events[events.length - 1].occurredAt!).toBe(true);
    expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(events.length);

    const final = events[events.length - 1];
    expect(final.report?.completedAt).toBe('2026-06-02T10:00:00.000Z');
    expect(final.interview).toMatchObject({ locator: session, status: InterviewStatus.COMPLETED, completedAt: '2026-06-02T10:00:00.000Z' });
    const { results, related } = await adapter.getInterviews([session]);
    expect(results[0]).toMatchObject({ status: InterviewStatus.COMPLETED, completedAt: '2026-06-02T10:00:00.000Z' });
    expect(withoutRaw(related!.reports![0].report!)).toEqual(withoutRaw(final.report!));
    // GET /interview/recording knows the new report too.
    await expect(adapter.client.getRecording({ reportId: report.report_id, candidateId: report.candidate_id })).resolves.toMatchObject({
      video_url: report.interview_recording_url,
    });
  });

  it('refuses a session that already has a report, or no session', async () => {
    const report = sim.dataset.reports[0];
    await expect(sim.simulateCompletion(`${report.interview_id}~${report.candidate_id}`)).rejects.toThrow(/already has a report/);
    await expect(sim.simulateCompletion('x~y')).rejects.toThrow(/no session/);
  });

  it('changes the data set without sending anything while delivery is off', async () => {
    sim.deliverWebhooks(null);
    const invite = unreported()[0];
    const session = `${invite.interview_id}~${invite.candidate_id}`;
    await expect(sim.simulateCompletion(session)).resolves.toEqual([]);
    expect(receiver.received).toHaveLength(0);
    expect((await adapter.getInterviews([session])).results[0]).toMatchObject({ status: InterviewStatus.COMPLETED });
  });

  it('records an unreachable target as status 0 and still completes', async () => {
    sim.deliverWebhooks('http://127.0.0.1:9/unreachable');
    const invite = unreported()[0];
    const deliveries = await sim.simulateCompletion(`${invite.interview_id}~${invite.candidate_id}`);
    expect(deliveries.length).toBeGreaterThanOrEqual(5);
    expect(deliveries.every((d) => d.status === 0)).toBe(true);
    expect(unreported()).not.toContainEqual(invite);
  });
});
