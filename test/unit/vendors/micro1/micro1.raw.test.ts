import {
  micro1ApplicantEventSchema,
  micro1InviteListSchema,
  micro1RecordingCompletedSchema,
  micro1ReportListSchema,
  micro1ReportSchema,
  micro1WebhookEnvelopeSchema,
} from '../../../../src/vendors/micro1/micro1.raw';
import { describeMicro1Error } from '../../../../src/vendors/micro1/micro1.client';
import seedReportEvent from '../../../fixtures/vendors/micro1/webhook.interview-report-created.seed000.json';
import seedRecordingEvent from '../../../fixtures/vendors/micro1/webhook.interview-recording-completed.seed000.json';
import seedApplicantEvent from '../../../fixtures/vendors/micro1/webhook.applicant-completed.seed000.json';
import specReports from '../../../fixtures/vendors/micro1/reports.openapi-example.json';

describe('micro1 zod schemas', () => {
  it('reads all three seed 000 webhook events', () => {
    for (const event of [seedReportEvent, seedRecordingEvent, seedApplicantEvent]) {
      expect(micro1WebhookEnvelopeSchema.safeParse(event).success).toBe(true);
    }
    expect(micro1ReportSchema.parse(seedReportEvent.data).report_id).toBe('h0gqkAcaDJ');
    expect(micro1RecordingCompletedSchema.parse(seedRecordingEvent.data).interview_recording_player_url).toBe(
      'https://client.micro1.ai/ai-interview-video/ABCDXYZ',
    );
    expect(micro1ApplicantEventSchema.parse(seedApplicantEvent.data).resume_score).toBe('80.25');
  });

  it('accepts resume_score as a string or a number', () => {
    expect(micro1ApplicantEventSchema.parse({ resume_score: 80.25 }).resume_score).toBe(80.25);
    expect(micro1ReportSchema.parse({ ...seedReportEvent.data, resume_score: '80.25' }).resume_score).toBe('80.25');
  });

  it('keeps the untouched item as raw and strips unknown fields from the parsed value', () => {
    const body = { ...specReports, data: [{ ...specReports.data[0], surprise: 1 }] };
    const [item] = micro1ReportListSchema.parse(body).data;
    expect(item.raw).toBe(body.data[0]);
    expect(item.parsed).not.toHaveProperty('surprise');
    expect(item.parsed.report_id).toBe('h0gqkAcaDJ');
  });

  it("accepts the spec's string spelling of the success flag", () => {
    expect(micro1InviteListSchema.safeParse({ status: 'true', message: 'ok', data: [] }).success).toBe(true);
  });

  it('rejects a status:false envelope on a success', () => {
    const result = micro1InviteListSchema.safeParse({ status: false, message: 'Something went wrong' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('status');
  });

  it('rejects a report without the ids that name it', () => {
    const item = specReports.data[0];
    const { report_id: _id, ...noId } = item;
    expect(micro1ReportSchema.safeParse(noId).success).toBe(false);
    expect(micro1ReportSchema.safeParse({ ...item, report_id: '' }).success).toBe(false);
    expect(micro1ReportSchema.safeParse({ ...item, candidate_id: 7 }).success).toBe(false);
  });

  it('reads any other field of another shape as absent (drift degrades the field, not the report)', () => {
    const item = specReports.data[0];
    const parsed = micro1ReportSchema.parse({ ...item, ai_match_score: '85', interview_transcript: { timestamp: 1 }, report_url: { href: 'x' } });
    expect([parsed.ai_match_score, parsed.interview_transcript, parsed.report_url]).toEqual([null, null, null]);
    expect(parsed.candidate_name).toBe(item.candidate_name);
  });

  it('describes micro1 error bodies for the log', () => {
    expect(describeMicro1Error(400, { status: false, message: 'Invalid request' })).toBe('Invalid request');
    expect(describeMicro1Error(500, { status: false })).toBeUndefined();
    expect(describeMicro1Error(502, '<html>bad gateway</html>')).toBeUndefined();
  });
});
