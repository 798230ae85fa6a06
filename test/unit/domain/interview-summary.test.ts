import { type InterviewSummary, mergeSummaries, summaryOfReportOnly, withReport } from '../../../src/domain/interview-summary';
import { InterviewStatus, ScoreScale, type Report } from '../../../src/domain/model';
import { Provider } from '../../support/providers';

const T = Date.parse('2026-05-01T00:00:00Z');

function summary(over: Partial<InterviewSummary> = {}): InterviewSummary {
  return { ...summaryOfReportOnly(Provider.HEYMILO, 'int_1'), email: 'ada@example.com', status: InterviewStatus.INVITED, invitedAt: T, updatedAt: T, ...over };
}

function report(over: Partial<Report> = {}): Report {
  return {
    kind: 'Report',
    provider: Provider.HEYMILO,
    locator: 'int_1',
    providerId: 'int_1',
    interviewLocator: 'int_1',
    createdAt: null,
    updatedAt: null,
    score: { value: 81, raw: 81, scaleMin: 0, scaleMax: 100, scaleKnown: true, scale: ScoreScale.PERCENT, label: null },
    recommendation: 'NO_DECISION' as Report['recommendation'],
    recommendationRaw: null,
    summary: null,
    highlights: [],
    lowlights: [],
    integrity: null,
    scorecard: null,
    transcript: [],
    recordings: [],
    pdfUrl: null,
    reportUrl: null,
    completedAt: '2026-05-02T00:00:00.000Z',
    ...over,
  };
}

describe('mergeSummaries: two sightings of one interview', () => {
  it('the newer (by the vendor updatedAt) wins; an older sighting never overwrites it', () => {
    const newer = summary({ status: InterviewStatus.COMPLETED, completedAt: T + 2, updatedAt: T + 2 });
    const older = summary({ status: InterviewStatus.IN_PROGRESS, updatedAt: T + 1 });
    expect(mergeSummaries(newer, older)).toEqual(newer);
    expect(mergeSummaries(older, newer)).toEqual(newer);
  });

  it('a sighting without a field never erases a known one; UNKNOWN never hides a known status', () => {
    const known = summary({ templateLocator: 'pst_1', startedAt: T });
    const sparse = { ...summaryOfReportOnly(Provider.HEYMILO, 'int_1') };
    expect(mergeSummaries(known, sparse)).toEqual(known);
  });

  it("a report's facts travel together; the vendor saying it has none re-opens once the interview moves", () => {
    const reported = mergeSummaries(summary({ status: InterviewStatus.COMPLETED }), withReport(summaryOfReportOnly(Provider.HEYMILO, 'int_1'), report()));
    expect(reported).toMatchObject({
      reportLocator: 'int_1',
      score: 81,
      scoreScale: ScoreScale.PERCENT,
      reportCompletedAt: Date.parse('2026-05-02T00:00:00Z'),
      reportAbsent: null,
    });
    // A report on a label ladder: kept with its scale, no comparable number.
    const ordinal = withReport(
      reported,
      report({ score: { value: 75, raw: 4, scaleMin: 1, scaleMax: 5, scaleKnown: true, scale: ScoreScale.ORDINAL, label: 'Senior' } }),
    );
    expect(ordinal).toMatchObject({ score: 75, scoreScale: ScoreScale.ORDINAL });
    const unknown = withReport(
      reported,
      report({ score: { value: null, raw: 7, scaleMin: null, scaleMax: null, scaleKnown: false, scale: ScoreScale.UNKNOWN, label: null } }),
    );
    expect(unknown).toMatchObject({ score: null, scoreScale: ScoreScale.UNKNOWN });

    const invited = mergeSummaries(summary(), withReport(summaryOfReportOnly(Provider.HEYMILO, 'int_1'), null));
    expect(invited.reportAbsent).toBe(true);
    const completed = mergeSummaries(invited, summary({ status: InterviewStatus.COMPLETED, completedAt: T + 5, updatedAt: T + 5 }));
    expect(completed).toMatchObject({ status: InterviewStatus.COMPLETED, reportAbsent: null, reportLocator: null });
    // A known report is never dropped by a later "none yet".
    expect(mergeSummaries(reported, withReport(summaryOfReportOnly(Provider.HEYMILO, 'int_1'), null))).toMatchObject({
      reportLocator: 'int_1',
      reportAbsent: null,
    });
  });
});
