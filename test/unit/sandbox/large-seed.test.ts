/**
 * Large seeding of the simulators (`SimulatorOptions.extraInterviews`, `startSandbox({interviews})`,
 * SANDBOX_INTERVIEWS): the extra rows are real rows, found by each vendor adapter's identity sync
 * (`discoverInterviews` until `resume` is null) and served by the single-object routes like the
 * documented ones, while the documented rows stay exactly as they are.
 */
import pino from 'pino';
import { loadConfig } from '../../../src/config/config';
import { Provider } from '../../support/providers';
import type { Provider as ProviderName } from '../../../src/domain/provider';
import { extraRandom, spreadExtraInterviews, syntheticPeoplePicker, SYNTHETIC_REGIONS } from '../../../src/vendors/kit/sandbox/data/large-seed';
import { DATA_EPOCH, PEOPLE_COUNT } from '../../../src/vendors/kit/sandbox/data/people';
import { createEvalyoDataset, EVALYO_INTERVIEW_COUNT, type EvalyoDataset } from '../../../src/vendors/evalyo/sandbox/evalyo.data';
import { createHeymiloDataset, HEYMILO_UNFINISHED_WORDS, type HeymiloDataset } from '../../../src/vendors/heymilo/sandbox/heymilo.data';
import { createMicro1Dataset, MICRO1_INVITE_COUNT, type Micro1Dataset } from '../../../src/vendors/micro1/sandbox/micro1.data';
import type { Simulator } from '../../../src/vendors/kit/sandbox/simulator';
import { SANDBOX_API_KEY, startSandbox } from '../../../src/sandbox/start-sandbox';
import { createXobinDataset, type XobinDataset } from '../../../src/vendors/xobin/sandbox/xobin.data';
import type { VendorAdapter, VendorModule } from '../../../src/vendors/vendor-adapter';
import { VENDORS } from '../../../src/vendors/vendors';
import { ADAPTER_ONLY } from '../../support/adapter-factory';

const EXTRA = 2000;
const DAY = 86_400_000;

/** Interviews in each documented data set (the facts in each `<vendor>.data.ts` header). */
const BASE: Record<ProviderName, number> = {
  [Provider.MICRO1]: MICRO1_INVITE_COUNT,
  [Provider.HEYMILO]: 230,
  [Provider.XOBIN]: 216,
  [Provider.EVALYO]: EVALYO_INTERVIEW_COUNT,
};

interface Discovered {
  locators: Set<string>;
  refs: number;
  emails: Set<string>;
  pages: number;
}

/** One full identity-sync pass of a fresh adapter against `simulator`. */
async function discoverAll(vendor: VendorModule, simulator: Simulator, options: Record<string, string> | undefined): Promise<Discovered> {
  const adapter: VendorAdapter & { close?: () => Promise<void> } = vendor.createAdapter({
    apiKey: simulator.apiKey,
    baseUrl: simulator.url,
    options,
    timeoutMs: 10_000,
    connectTimeoutMs: 1000,
    resilience: ADAPTER_ONLY,
    logger: pino({ level: 'silent' }),
  });
  const found: Discovered = { locators: new Set(), refs: 0, emails: new Set(), pages: 0 };
  try {
    let resume: string | null = null;
    do {
      const page = await adapter.discoverInterviews({ checkpoint: null, resume });
      found.pages += 1;
      found.refs += page.refs.length;
      for (const ref of page.refs) {
        found.locators.add(ref.locator);
        if (ref.email) found.emails.add(ref.email.trim().toLowerCase());
      }
      resume = page.resume;
      if (found.pages > 10_000) throw new Error('discovery does not end');
    } while (resume !== null);
  } finally {
    await adapter.close?.();
  }
  return found;
}

describe('spreading a total over the simulators', () => {
  it('splits evenly, the first vendors taking the remainder', () => {
    expect(spreadExtraInterviews(100_000, 4)).toEqual([25_000, 25_000, 25_000, 25_000]);
    expect(spreadExtraInterviews(10, 4)).toEqual([3, 3, 2, 2]);
    expect(spreadExtraInterviews(0, 4)).toEqual([0, 0, 0, 0]);
    expect(spreadExtraInterviews(5, 1)).toEqual([5]);
  });

  it('SANDBOX_INTERVIEWS is read as an integer from 0 to 1,000,000 (default 0)', () => {
    const descriptors = VENDORS.map((v) => v.descriptor);
    expect(loadConfig({}, descriptors).sandbox.interviews).toBe(0);
    expect(loadConfig({ SANDBOX_INTERVIEWS: '100000' }, descriptors).sandbox.interviews).toBe(100_000);
    expect(() => loadConfig({ SANDBOX_INTERVIEWS: '1000001' }, descriptors)).toThrow(/SANDBOX_INTERVIEWS/);
    expect(() => loadConfig({ SANDBOX_INTERVIEWS: '-1' }, descriptors)).toThrow(/SANDBOX_INTERVIEWS/);
  });

  it('startSandbox gives each simulator its share', async () => {
    const sandbox = await startSandbox(VENDORS, { seed: 42, interviews: 10 });
    try {
      const counts = VENDORS.map((v) => {
        const simulator = sandbox.simulators.get(v.descriptor.provider) as Simulator & { dataset: unknown };
        return interviewCount(v.descriptor.provider, simulator.dataset) - BASE[v.descriptor.provider];
      });
      expect(counts).toEqual([3, 3, 2, 2]);
    } finally {
      await sandbox.close();
    }
  });
});

describe('synthetic candidates', () => {
  it('are @example.com people outside the shared pool, ~2/3 as many as interviews, some at two vendors', () => {
    const draw = (region: (typeof SYNTHETIC_REGIONS)[keyof typeof SYNTHETIC_REGIONS], seed: number) => {
      const pick = syntheticPeoplePicker(extraRandom(seed), region, 25_000);
      return Array.from({ length: 25_000 }, pick);
    };
    const micro1 = draw(SYNTHETIC_REGIONS.micro1, 1);
    const heymilo = draw(SYNTHETIC_REGIONS.heymilo, 2);
    expect(micro1.every((p) => /^person\d+@example\.com$/.test(p.email) && p.index >= PEOPLE_COUNT)).toBe(true);
    const emails = new Set(micro1.map((p) => p.email));
    expect(emails.size).toBeGreaterThan(15_000);
    expect(emails.size).toBeLessThan(20_000);
    expect(heymilo.filter((p) => emails.has(p.email)).length).toBeGreaterThan(0);
  });
});

/** Interviews in a simulator's data set, by vendor. */
function interviewCount(provider: ProviderName, dataset: unknown): number {
  switch (provider) {
    case Provider.MICRO1:
      return (dataset as Micro1Dataset).invites.length;
    case Provider.HEYMILO:
      return (dataset as HeymiloDataset).interviews.length;
    case Provider.XOBIN:
      return (dataset as XobinDataset).responses.length;
    default:
      return (dataset as EvalyoDataset).interviews.length;
  }
}

/** Checks that `large` (seed 42, EXTRA extra rows) holds every documented row unchanged, in the vendor's list order. */
function expectDocumentedRowsUntouched(provider: ProviderName, dataset: unknown): void {
  switch (provider) {
    case Provider.MICRO1: {
      const base = createMicro1Dataset(42);
      const large = dataset as Micro1Dataset;
      expect(large.templates).toEqual(base.templates);
      const invites = new Map(large.invites.map((i) => [`${i.interview_id}~${i.candidate_id}`, i]));
      for (const invite of base.invites) expect(invites.get(`${invite.interview_id}~${invite.candidate_id}`)).toEqual(invite);
      const reports = new Map(large.reports.map((r) => [r.report_id, r]));
      for (const report of base.reports) expect(reports.get(report.report_id)).toEqual(report);
      expect(large.reports.length / large.invites.length).toBeGreaterThan(0.35);
      expect(large.invites.every((i, k) => k === 0 || large.invites[k - 1].date_created >= i.date_created)).toBe(true);
      break;
    }
    case Provider.HEYMILO: {
      const base = createHeymiloDataset(42);
      const large = dataset as HeymiloDataset;
      expect(large.postings.map((p) => p.posting)).toEqual(base.postings.map((p) => p.posting));
      for (const record of base.interviews) expect(large.interview(record.interviewId)).toEqual(record);
      expect(large.interviewTemplates).toEqual(base.interviewTemplates);
      for (const { interviews } of large.postings) expect(interviews.every((i, k) => k === 0 || interviews[k - 1].createdAt >= i.createdAt)).toBe(true);
      break;
    }
    case Provider.XOBIN: {
      const base = createXobinDataset(42);
      const large = dataset as XobinDataset;
      for (const record of base.responses) expect(large.response(record.responseId)).toEqual(record);
      for (const { responses } of large.aiInterviews) expect(responses.every((r, k) => k === 0 || responses[k - 1].responseId < r.responseId)).toBe(true);
      break;
    }
    default: {
      const base = createEvalyoDataset(42);
      const large = dataset as EvalyoDataset;
      expect(large.jobs).toEqual(base.jobs);
      for (const record of base.interviews) expect(large.interview(record.detail.id)).toEqual(record);
      for (const { candidate } of base.candidates) expect(large.candidate(candidate.id)?.candidate).toEqual(candidate);
      expect(large.interviews.every((r, k) => k === 0 || large.interviews[k - 1].detail.createdAt >= r.detail.createdAt)).toBe(true);
      // Every row in the 90 days before DATA_EPOCH.
      expect(large.interviews.every((r) => Date.parse(r.detail.createdAt) >= DATA_EPOCH - 90 * DAY && Date.parse(r.detail.createdAt) < DATA_EPOCH)).toBe(true);
    }
  }
}

describe.each(VENDORS.map((v) => [v.descriptor.provider, v] as const))('%s simulator', (provider, vendor) => {
  let module: Awaited<ReturnType<NonNullable<VendorModule['loadSimulator']>>>;
  /** The simulator with EXTRA extra interviews, shared by the cases below. */
  let large: Simulator & { dataset: unknown };
  const simulators: Simulator[] = [];
  const start = async (extraInterviews?: number) => {
    const simulator = await module.createSimulator({ apiKey: SANDBOX_API_KEY, seed: 42, ...(extraInterviews === undefined ? {} : { extraInterviews }) });
    simulators.push(simulator);
    return simulator as Simulator & { dataset: unknown };
  };

  beforeAll(async () => {
    module = await vendor.loadSimulator!();
    large = await start(EXTRA);
  });
  afterAll(async () => {
    await Promise.all(simulators.map((s) => s.close()));
  });

  it('with extraInterviews 0 the identity sync finds exactly the documented interviews', async () => {
    const simulator = await start(0);
    expect(interviewCount(provider, simulator.dataset)).toBe(BASE[provider]);
    const found = await discoverAll(vendor, simulator, module.sandboxOptions?.(simulator));
    expect(found.locators.size).toBe(BASE[provider]);
    expect(found.refs).toBe(BASE[provider]);
  });

  it(`with extraInterviews ${EXTRA} the identity sync finds base + ${EXTRA}, synthetic candidates included`, async () => {
    expect(interviewCount(provider, large.dataset)).toBe(BASE[provider] + EXTRA);
    const found = await discoverAll(vendor, large, module.sandboxOptions?.(large));
    expect(found.locators.size).toBe(BASE[provider] + EXTRA);
    expect(found.refs).toBe(BASE[provider] + EXTRA);
    const synthetic = [...found.emails].filter((e) => /^person\d+@example\.com$/.test(e));
    expect(synthetic.length).toBeGreaterThan(EXTRA / 2);
    expect(synthetic.length).toBeLessThan(EXTRA);
  });

  it('keeps every documented row as it is, in the list order', () => {
    expectDocumentedRowsUntouched(provider, large.dataset);
  });

  it('serves the extra rows from the single-object routes, finished ones with a score', async () => {
    const simulator = large;
    const { dataset } = large;
    const get = async (path: string, headers: Record<string, string>) => {
      const response = await fetch(`${simulator.url}${path}`, { headers });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, unknown> & { data: never };
    };
    switch (provider) {
      case Provider.MICRO1: {
        const report = (dataset as Micro1Dataset).reports.find((r) => /^person\d+@/.test(r.candidate_email_id));
        if (!report) throw new Error('no extra micro1 report');
        expect(report.interview_transcript.length).toBeLessThanOrEqual(4);
        const body = await get(`/interview/reports?interview_id=${report.interview_id}&candidate_id=${report.candidate_id}`, { 'x-api-key': SANDBOX_API_KEY });
        expect(body.data).toEqual([expect.objectContaining({ report_id: report.report_id, ai_match_score: expect.any(Number) })]);
        break;
      }
      case Provider.HEYMILO: {
        const record = (dataset as HeymiloDataset).interviews.find((i) => i.status === 'completed' && /^person\d+@/.test(i.candidate.email));
        if (!record) throw new Error('no extra HeyMilo interview');
        const body = await get(`/api/v2/interviews/${record.interviewId}/data`, { 'X-API-KEY': SANDBOX_API_KEY });
        expect(body.data).toMatchObject({ interview_id: record.interviewId, status: 'completed', score: expect.any(Number) });
        const unfinished = (dataset as HeymiloDataset).interviews.filter(
          (i) => /^person\d+@/.test(i.candidate.email) && HEYMILO_UNFINISHED_WORDS.includes(i.status),
        );
        expect(unfinished.length).toBeGreaterThan(EXTRA / 3);
        break;
      }
      case Provider.XOBIN: {
        const record = (dataset as XobinDataset).responses.find((r) => r.status === 'Completed' && /^person\d+@/.test(r.email));
        if (!record) throw new Error('no extra Xobin response');
        const body = await get(`/ai-interviews/report/${record.responseId}?is_downloadable=true`, { apiKey: SANDBOX_API_KEY });
        expect(body).toMatchObject({ response_id: record.responseId, invite_status: 'Completed', score: expect.any(Number) });
        expect((body.conversation as unknown[]).length).toBeLessThanOrEqual(4);
        break;
      }
      default: {
        const record = (dataset as EvalyoDataset).interviews.find((r) => r.report !== null && r.personIndex !== null && r.personIndex >= PEOPLE_COUNT);
        if (!record?.report) throw new Error('no extra Evalyo report');
        const auth = { authorization: `Bearer ${SANDBOX_API_KEY}` };
        const detail = await get(`/api/v1/interviews/${record.detail.id}`, auth);
        expect(detail.data).toMatchObject({ id: record.detail.id, status: 'COMPLETED', evaluation: { overallScore: expect.any(Number) } });
        const report = await get(`/api/v1/reports/${record.report.id}`, auth);
        expect(report.data).toMatchObject({ id: record.report.id, interviewId: record.detail.id });
        const candidate = await get(`/api/v1/candidates/${record.detail.candidateId}`, auth);
        expect(candidate.data).toMatchObject({ email: expect.stringMatching(/^person\d+@example\.com$/) });
      }
    }
  });
});
