import { Decision, type Interview, InterviewStatus, type InterviewTemplate } from '../../../src/domain/model';
import type { NewInvitation } from '../../../src/domain/commands';
import { ProviderHealthTracker } from '../../../src/vendors/kit/http/provider-health';
import type { BatchResult, ListResult, VendorAdapter, VendorAdapterDeps } from '../../../src/vendors/vendor-adapter';
import { acmeDescriptor } from './acme.descriptor';

/** What the Acme adapter was asked, for the test to read. */
export interface AcmeAdapter extends VendorAdapter {
  readonly deps: VendorAdapterDeps;
  readonly invitations: NewInvitation[];
}

const template: InterviewTemplate = {
  kind: 'InterviewTemplate',
  provider: 'ACME',
  locator: 't1',
  providerId: 't1',
  name: 'Acme backend screen',
  description: null,
  status: 'active',
  language: null,
  inviteUrl: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: null,
  skills: [],
  questions: [],
};

function interview(locator: string, status = InterviewStatus.COMPLETED): Interview {
  return {
    kind: 'Interview',
    provider: 'ACME',
    locator,
    providerId: locator,
    createdAt: '2026-01-06T09:00:00.000Z',
    updatedAt: null,
    status,
    statusRaw: status.toLowerCase(),
    decision: Decision.UNKNOWN,
    decisionRaw: null,
    candidate: { provider: 'ACME', providerId: `c-${locator}`, name: `Person ${locator}`, email: `${locator}@acme.test` },
    templateLocator: template.locator,
    templateName: template.name,
    inviteUrl: null,
    invitedAt: null,
    startedAt: null,
    completedAt: null,
  };
}

/** An in-memory Acme: two interviews, one template, no reports; invitations are recorded. */
export function createAcmeAdapter(deps: VendorAdapterDeps): AcmeAdapter {
  const interviews = [interview('a-1'), interview('a-2', InterviewStatus.INVITED)];
  const invitations: NewInvitation[] = [];
  const byLocator = <T extends { locator: string }>(items: T[], locators: readonly string[]): BatchResult<T> => ({
    results: locators.map((l) => items.find((i) => i.locator === l) ?? null),
  });
  const page = <T>(items: T[]): ListResult<T> => ({ edges: items.map((node, i) => ({ node, cursor: String(i) })), hasNextPage: false });
  return {
    deps,
    invitations,
    descriptor: acmeDescriptor,
    credentialScope: 'acme-scope',
    health: () => new ProviderHealthTracker().snapshot(),
    listTemplates: async () => page([template]),
    getTemplates: async (locators) => byLocator([template], locators),
    listInterviews: async () => page(interviews),
    getInterviews: async (locators) => byLocator(interviews, locators),
    getReportsForInterviews: async (locators) => ({ results: locators.map(() => null) }),
    getReports: async (locators) => ({ results: locators.map(() => null) }),
    discoverInterviews: async () => ({ refs: [], resume: null, checkpoint: 'done' }),
    inviteCandidate: async (input) => {
      invitations.push(input);
      const created = {
        ...interview(`a-${interviews.length + 1}`, InterviewStatus.INVITED),
        candidate: { provider: 'ACME', providerId: null, name: input.candidate.name, email: input.candidate.email },
      };
      interviews.push(created);
      return created;
    },
  };
}
