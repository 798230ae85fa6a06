import { TtlPolicy } from '../../../src/cache/ttl-policy';
import { InterviewStatus, RecordingFormat, RecordingKind } from '../../../src/domain/model';
import { fakeInterview, fakeReport, Provider } from '../../support/fake-adapter';

const ttl = { completedSeconds: 86_400, activeSeconds: 30, listSeconds: 60, templateSeconds: 300, staleIfErrorSeconds: 0 };
const NOW = Date.parse('2026-01-01T00:00:00Z');
const policy = new TtlPolicy(ttl, () => NOW);

describe('TtlPolicy', () => {
  it.each([
    [InterviewStatus.COMPLETED, 86_400],
    [InterviewStatus.CANCELLED, 86_400],
    [InterviewStatus.EXPIRED, 86_400],
    [InterviewStatus.INVITED, 30],
    [InterviewStatus.IN_PROGRESS, 30],
    [InterviewStatus.PROCESSING, 30],
    [InterviewStatus.UNKNOWN, 30],
  ])('an interview %s lives %i s', (status, seconds) => {
    expect(policy.interview(fakeInterview(Provider.MICRO1, 'x', status))).toBe(seconds);
  });

  it('"nothing yet" lives as long as in-progress state, so a new report shows up soon', () => {
    expect(policy.interview(null)).toBe(30);
    expect(policy.report(null)).toBe(30);
    expect(policy.template(null)).toBe(30);
    expect(policy.candidate(null)).toBe(30);
  });

  it('a candidate profile read apart from its interviews lives as long as a template', () => {
    expect(policy.candidate({ provider: Provider.EVALYO, providerId: 'c1', name: 'Ada', email: 'ada@example.com' })).toBe(300);
  });

  it('a completed report lives long, but never past its signed recording URLs (minus a minute)', () => {
    const report = fakeReport(Provider.HEYMILO, 'x');
    expect(policy.report(report)).toBe(86_400);
    const recording = { kind: RecordingKind.AUDIO, format: RecordingFormat.MP3, url: 'u', playerUrl: null, sessionKey: null };
    const expiring = {
      ...report,
      recordings: [
        { ...recording, expiresAt: new Date(NOW + 3_600_000).toISOString() },
        { ...recording, expiresAt: new Date(NOW + 7_200_000).toISOString() },
      ],
    };
    expect(policy.report(expiring)).toBe(3_600 - 60);
    const expired = { ...report, recordings: [{ ...recording, expiresAt: new Date(NOW - 1).toISOString() }] };
    expect(policy.report(expired)).toBe(0);
  });

  it('lists and templates use their own TTLs', () => {
    expect(policy.list()).toBe(60);
  });

  it('keeps an entry past its TTL for the stale-if-error window, but never past a signed URL it holds', () => {
    const withStale = new TtlPolicy({ ...ttl, staleIfErrorSeconds: 21_600 }, () => NOW);
    const report = fakeReport(Provider.HEYMILO, 'x');
    expect(withStale.retention(report, 86_400)).toBe(86_400 + 21_600);
    expect(withStale.retention(fakeInterview(Provider.MICRO1, 'a'), 30)).toBe(30 + 21_600);
    expect(withStale.retention(null, 30)).toBe(30 + 21_600);
    const recording = { kind: RecordingKind.AUDIO, format: RecordingFormat.MP3, url: 'u', playerUrl: null, sessionKey: null };
    // A URL valid 2 h: fresh for its TTL (capped at 2 h − 1 min), and not a second longer as a stale copy.
    const signed = { ...report, recordings: [{ ...recording, expiresAt: new Date(NOW + 7_200_000).toISOString() }] };
    const fresh = withStale.report(signed);
    expect(fresh).toBe(7_200 - 60);
    expect(withStale.retention(signed, fresh)).toBe(7_200 - 60);
    // Not cached stays not cached; no window when it is off.
    expect(withStale.retention(report, 0)).toBe(0);
    expect(policy.retention(report, 86_400)).toBe(86_400);
  });
});
