/**
 * The Xobin simulator's workflow webhooks against a local receiver (node:http on port 0): what it
 * POSTs is what the adapter's parser accepts, and what each webhook says agrees with what the
 * adapter reads over REST at the moment it arrives.
 */
import { InterviewStatus, type Interview, type Report } from '../../src/domain/model';
import { createSimulator, sandboxOptions, XOBIN_SIM_WEBHOOK_EVENTS, type XobinSimulator } from '../../src/vendors/xobin/sandbox/xobin.simulator';
import { createXobinAdapter, type XobinAdapter } from '../../src/vendors/xobin/xobin.adapter';
import { parseXobinWebhook, XOBIN_WEBHOOK_START, XOBIN_WEBHOOK_SUBMISSION } from '../../src/vendors/xobin/xobin.webhook';
import type { WebhookEvent } from '../../src/vendors/vendor-adapter';
import type { HttpReceiver } from '../support/http-receiver';
import { describeVendorContract } from '../support/vendor-contract';

const API_KEY = 'xobin_webhook_contract_key';

let sim: XobinSimulator;
let adapter: XobinAdapter;
let receiver: HttpReceiver;
describeVendorContract({
  simulator: () => createSimulator({ apiKey: API_KEY, port: 0 }),
  createAdapter: (deps, s) => createXobinAdapter({ ...deps, options: sandboxOptions(s) }),
  ready: (c) => {
    sim = c.sim;
    adapter = c.adapter;
    receiver = c.receiver;
  },
  webhooks: { path: '/webhooks/xobin/secret-token', status: 200 },
});

const byStatus = (word: string) => sim.dataset.responses.filter((r) => r.status === word);
const withoutRaw = <T extends { raw?: unknown }>(value: T | undefined) => {
  if (!value) throw new Error('no object');
  const { raw: _raw, ...rest } = value;
  return rest;
};
/** Signed URLs are re-signed per response (to the second): compare without their signature. */
const unsigned = (report: Omit<Report, 'raw'>) => ({
  ...report,
  recordings: report.recordings.map((r) => ({ ...r, url: r.url.split('?')[0], expiresAt: r.expiresAt === null ? null : 'signed' })),
});

async function fromRest(responseId: number): Promise<{ interview: Interview; report: Report | null }> {
  const { results, related } = await adapter.getInterviews([String(responseId)]);
  return { interview: results[0] as Interview, report: related?.reports?.[0]?.report ?? null };
}

describe('emitWebhook', () => {
  it('sends the start as the docs show it, flat, and the parser reads it as a start', async () => {
    const record = byStatus('Started')[0];
    await expect(sim.emitWebhook('AI Interview Start', record.responseId)).resolves.toBe(200);
    const [delivery] = receiver.received;
    expect(delivery.method).toBe('POST');
    expect(delivery.headers['content-type']).toBe('application/json');
    const body = receiver.json(0);
    expect(body).toEqual({
      ai_interview_id: record.aiInterviewId,
      ai_interview_name: record.report.ai_interview_name,
      candidate_email: record.email,
      candidate_id: record.candidateId,
      candidate_name: record.name,
      invite_status: 'Started',
      response_id: record.responseId,
    });
    const event = parseXobinWebhook(body);
    expect(event).toMatchObject({ type: XOBIN_WEBHOOK_START, interviewLocator: String(record.responseId), stage: 2, occurredAt: null });
    expect(withoutRaw(event.interview)).toEqual(withoutRaw((await fromRest(record.responseId)).interview));
    // The body as delivered is kept as raw (a webhook payload cannot be fetched again).
    expect(event.interview?.raw).toEqual(body);
  });

  it("sends the submission as the report shape (keys in the docs' alphabetical order), equal to what REST reads", async () => {
    const record = byStatus('Completed')[0];
    await sim.emitWebhook('AI Interview Submission', record.responseId);
    const body = receiver.json<Record<string, unknown>>(0);
    expect(Object.keys(body)).toEqual([...Object.keys(body)].sort());
    expect(body).toMatchObject({
      invite_status: 'Completed',
      response_id: record.responseId,
      completed_date: record.report.completed_date,
      score: record.report.score,
    });
    expect(Object.keys(body.interview_recording as object)).toEqual(Object.keys(record.recordings));
    expect(body).not.toHaveProperty('event');

    const event = parseXobinWebhook(body);
    expect(event).toMatchObject({ type: XOBIN_WEBHOOK_SUBMISSION, interviewLocator: String(record.responseId), stage: 4 });
    const rest = await fromRest(record.responseId);
    expect(withoutRaw(event.interview)).toEqual(withoutRaw(rest.interview));
    expect(unsigned(withoutRaw(event.report!))).toEqual(unsigned(withoutRaw(rest.report!)));
    expect(event.report!.recordings.every((r) => r.expiresAt !== null)).toBe(true);
  });

  it('every event type reaches the parser', async () => {
    const record = byStatus('Completed')[1];
    for (const event of XOBIN_SIM_WEBHOOK_EVENTS) await sim.emitWebhook(event, record.responseId);
    expect(receiver.bodies().map((body) => parseXobinWebhook(body).type)).toEqual([...XOBIN_SIM_WEBHOOK_EVENTS]);
  });

  it('resolves to the status the target answered', async () => {
    receiver.answer = () => 410;
    await expect(sim.emitWebhook('AI Interview Start', byStatus('Started')[0].responseId)).resolves.toBe(410);
  });

  it('rejects while delivery is off, for an unknown response, and before the event could have happened', async () => {
    sim.deliverWebhooks(null);
    await expect(sim.emitWebhook('AI Interview Start', byStatus('Started')[0].responseId)).rejects.toThrow(/delivery is off/);
    sim.deliverWebhooks(receiver.url);
    await expect(sim.emitWebhook('AI Interview Start', 1)).rejects.toThrow(/no response 1/);
    await expect(sim.emitWebhook('AI Interview Start', byStatus('Pending')[0].responseId)).rejects.toThrow(/has not started/);
    await expect(sim.emitWebhook('AI Interview Submission', byStatus('Started')[0].responseId)).rejects.toThrow(/not completed/);
    expect(receiver.received).toHaveLength(0);
  });
});

describe('simulateCompletion', () => {
  it('takes a pending response through start and submission; REST agrees with each when it arrives', async () => {
    const record = byStatus('Pending')[0];
    const seen: Array<{ event: WebhookEvent; rest: { interview: Interview; report: Report | null } }> = [];
    receiver.answer = async (_request, index) => {
      seen.push({ event: parseXobinWebhook(receiver.json(index)), rest: await fromRest(record.responseId) });
      return 200;
    };

    const startedAt = Date.parse('2026-06-02T10:00:00Z');
    const deliveries = await sim.simulateCompletion(record.responseId, { startedAt });
    expect(deliveries.map((d) => [d.event, d.status])).toEqual([
      ['AI Interview Start', 200],
      ['AI Interview Submission', 200],
    ]);
    expect(receiver.bodies()).toEqual(deliveries.map((d) => d.body));
    const [start, submission] = seen;
    expect(start.event.interview).toMatchObject({ status: InterviewStatus.IN_PROGRESS });
    expect(withoutRaw(start.event.interview)).toEqual(withoutRaw(start.rest.interview));
    expect(start.rest.report).toBeNull();
    expect(submission.event.interview).toMatchObject({ status: InterviewStatus.COMPLETED });
    expect(withoutRaw(submission.event.interview)).toEqual(withoutRaw(submission.rest.interview));
    expect(unsigned(withoutRaw(submission.event.report!))).toEqual(unsigned(withoutRaw(submission.rest.report!)));
    // The conversation starts at the start; the submission is dated after it.
    expect(submission.event.interview!.startedAt! >= new Date(startedAt).toISOString()).toBe(true);
    expect(submission.event.occurredAt! > submission.event.interview!.startedAt!).toBe(true);
    // The invitee list shows the new status too.
    const listed = await adapter.listInterviews({ first: 100, after: null, templateLocator: String(record.aiInterviewId) });
    expect(listed.edges.find((e) => e.node.locator === String(record.responseId))?.node.status).toBe(InterviewStatus.COMPLETED);
  });

  it('sends only the submission for a started response', async () => {
    const record = byStatus('Started')[0];
    const deliveries = await sim.simulateCompletion(record.responseId);
    expect(deliveries.map((d) => d.event)).toEqual(['AI Interview Submission']);
    expect(parseXobinWebhook(deliveries[0].body).report).toBeDefined();
    expect(record.status).toBe('Completed');
  });

  it('refuses a completed response', async () => {
    await expect(sim.simulateCompletion(byStatus('Completed')[0].responseId)).rejects.toThrow(/already Completed/);
  });

  it('changes the data set without sending anything while delivery is off', async () => {
    sim.deliverWebhooks(null);
    const record = byStatus('Pending')[0];
    await expect(sim.simulateCompletion(record.responseId)).resolves.toEqual([]);
    expect(receiver.received).toHaveLength(0);
    expect((await fromRest(record.responseId)).interview.status).toBe(InterviewStatus.COMPLETED);
  });
});
