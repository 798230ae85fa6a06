import { Decision, type Interview, InterviewStatus, type InterviewTemplate, Recommendation, type Report, ScoreScale } from '../../src/domain/model';
import type { Provider as ProviderName } from '../../src/domain/provider';
import { Provider } from './providers';
import { type ProviderHealth, ProviderHealthTracker } from '../../src/vendors/kit/http/provider-health';
import type {
  BatchResult,
  DiscoveryArgs,
  DiscoveryPage,
  InterviewListArgs,
  ListArgs,
  ListResult,
  VendorAdapter,
  VendorDescriptor,
} from '../../src/vendors/vendor-adapter';

/**
 * An in-memory VendorAdapter for loader unit tests (integration tests use the real simulators).
 * Records every call; `fail` makes chosen locators answer with an Error.
 */
export class FakeAdapter implements VendorAdapter {
  readonly calls: Array<{ method: string; locators?: readonly string[] }> = [];
  readonly fail = new Map<string, Error>();
  /** Delay before each answer, in ms (to overlap concurrent requests). */
  delayMs = 0;
  readonly descriptor: VendorDescriptor;
  readonly credentialScope: string;

  constructor(
    provider: ProviderName,
    private readonly interviews: Interview[],
    private readonly reports: Report[],
    scope = 'scope1',
  ) {
    this.credentialScope = scope;
    this.descriptor = {
      provider,
      displayName: provider,
      defaultBaseUrl: 'http://fake',
      docsUrl: 'http://fake/docs',
      docNotes: { credential: 'none (in memory)' },
      capabilities: {
        pagination: 'OFFSET',
        listInterviews: true,
        listTemplates: true,
        webhooks: false,
        createTemplates: false,
        inviteCandidates: false,
        numericScorecard: true,
        rateLimitPerMinute: null,
      },
    };
  }

  health(): ProviderHealth {
    return new ProviderHealthTracker().snapshot();
  }

  async listTemplates(_args: ListArgs): Promise<ListResult<InterviewTemplate>> {
    this.calls.push({ method: 'listTemplates' });
    return { edges: [], hasNextPage: false };
  }

  async getTemplates(locators: readonly string[]): Promise<BatchResult<InterviewTemplate>> {
    this.calls.push({ method: 'getTemplates', locators });
    return { results: locators.map(() => null) };
  }

  async listInterviews(args: InterviewListArgs): Promise<ListResult<Interview>> {
    this.calls.push({ method: 'listInterviews' });
    await this.wait();
    const start = args.after ? Number(args.after) + 1 : 0;
    const page = this.interviews.slice(start, start + args.first);
    return {
      edges: page.map((node, i) => ({ node: { ...node, raw: { from: 'list' } }, cursor: String(start + i) })),
      hasNextPage: start + args.first < this.interviews.length,
      related: { reports: page.map((i) => ({ interviewLocator: i.locator, report: this.reports.find((r) => r.interviewLocator === i.locator) ?? null })) },
    };
  }

  async getInterviews(locators: readonly string[]): Promise<BatchResult<Interview>> {
    this.calls.push({ method: 'getInterviews', locators });
    await this.wait();
    return { results: locators.map((l) => this.fail.get(l) ?? withRaw(this.interviews.find((i) => i.locator === l) ?? null)) };
  }

  async getReportsForInterviews(locators: readonly string[]): Promise<BatchResult<Report>> {
    this.calls.push({ method: 'getReportsForInterviews', locators });
    await this.wait();
    return { results: locators.map((l) => this.fail.get(l) ?? withRaw(this.reports.find((r) => r.interviewLocator === l) ?? null)) };
  }

  async getReports(locators: readonly string[]): Promise<BatchResult<Report>> {
    this.calls.push({ method: 'getReports', locators });
    await this.wait();
    return { results: locators.map((l) => this.fail.get(l) ?? withRaw(this.reports.find((r) => r.locator === l) ?? null)) };
  }

  async discoverInterviews(args: DiscoveryArgs): Promise<DiscoveryPage> {
    this.calls.push({ method: 'discoverInterviews' });
    const start = args.resume ? Number(args.resume) : 0;
    const page = this.interviews.slice(start, start + 2);
    const refs = page.map((i) => ({
      locator: i.locator,
      email: i.candidate.email,
      name: i.candidate.name,
      candidateProviderId: i.candidate.providerId,
      createdAt: i.invitedAt,
    }));
    const done = start + 2 >= this.interviews.length;
    return { refs, resume: done ? null : String(start + 2), checkpoint: done ? 'done' : null };
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private wait(): Promise<void> {
    return this.delayMs > 0 ? new Promise((r) => setTimeout(r, this.delayMs)) : Promise.resolve();
  }
}

function withRaw<T extends object>(value: T | null): T | null {
  return value ? { ...value, raw: { vendor: 'payload' } } : null;
}

export function fakeInterview(provider: ProviderName, locator: string, status = InterviewStatus.COMPLETED): Interview {
  return {
    kind: 'Interview',
    provider,
    locator,
    providerId: locator,
    createdAt: null,
    updatedAt: null,
    status,
    statusRaw: status.toLowerCase(),
    decision: status === InterviewStatus.COMPLETED ? null : Decision.UNKNOWN,
    decisionRaw: null,
    candidate: { provider, providerId: `c-${locator}`, name: `Person ${locator}`, email: `${locator}@example.com` },
    templateLocator: 't1',
    templateName: 'Template',
    inviteUrl: null,
    invitedAt: null,
    startedAt: null,
    completedAt: null,
  };
}

export function fakeReport(provider: ProviderName, interviewLocator: string): Report {
  return {
    kind: 'Report',
    provider,
    locator: `r-${interviewLocator}`,
    providerId: `r-${interviewLocator}`,
    interviewLocator,
    createdAt: null,
    updatedAt: null,
    score: { value: 80, raw: 80, scaleMin: 0, scaleMax: 100, scaleKnown: true, scale: ScoreScale.PERCENT, label: null },
    recommendation: Recommendation.NO_DECISION,
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
    completedAt: null,
  };
}

export { Provider };
