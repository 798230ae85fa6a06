/** `XOBIN_AI_INTERVIEW_IDS` is validated here at construction. Xobin's API cannot create AI interviews, so `createTemplate` is absent. */
import type { NewInvitation } from '../../domain/commands';
import type { Interview } from '../../domain/model';
import { credentialScope } from '../kit/http/credential-scope';
import type { VendorAdapter, VendorAdapterDeps } from '../vendor-adapter';
import { XobinClient } from './xobin.client';
import { XOBIN_AI_INTERVIEW_IDS_ENV, XOBIN_AI_INTERVIEW_IDS_OPTION, xobinDescriptor } from './xobin.descriptor';
import { parseXobinAiInterviewIds } from './xobin.ids';
import { xobinReads } from './xobin.reads';
import { xobinWebhook } from './xobin.webhook';
import { xobinWrites } from './xobin.writes';

/** The adapter plus its typed client (custom_field_id lookups) and a way to release its pool. */
export interface XobinAdapter extends VendorAdapter {
  /** The typed vendor client; shares the adapter's connection pool and health. */
  readonly client: XobinClient;
  /** The configured AI interviews (`XOBIN_AI_INTERVIEW_IDS`), in configured order. */
  readonly aiInterviewIds: readonly number[];
  /** Always present for Xobin (see xobin.writes.ts). */
  inviteCandidate(input: NewInvitation): Promise<Interview>;
  close(): Promise<void>;
}

/** Builds the Xobin adapter from its config slice (API key, base URL, timeouts, AI interview ids) and a logger. */
export function createXobinAdapter(deps: VendorAdapterDeps): XobinAdapter {
  const aiInterviewIds = parseXobinAiInterviewIds(deps.options?.[XOBIN_AI_INTERVIEW_IDS_OPTION]);
  if (aiInterviewIds.length === 0) {
    deps.logger.warn(`${XOBIN_AI_INTERVIEW_IDS_ENV} is not set: Xobin interviews can be read by id, but none are listed or synced`);
  }
  const client = new XobinClient(deps);
  return {
    descriptor: xobinDescriptor,
    credentialScope: credentialScope(deps.apiKey),
    client,
    aiInterviewIds,
    health: () => client.health(),
    close: () => client.close(),
    ...xobinReads(client, aiInterviewIds),
    ...xobinWrites(client),
    ...xobinWebhook(deps.drift),
  };
}
