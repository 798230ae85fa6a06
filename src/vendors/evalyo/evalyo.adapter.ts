/** Evalyo documents no webhooks (the identity sync polls); creating templates is out of scope. */
import type { NewInvitation } from '../../domain/commands';
import type { CandidateAccount, Interview } from '../../domain/model';
import { credentialScope } from '../kit/http/credential-scope';
import type { BatchResult, VendorAdapter, VendorAdapterDeps } from '../vendor-adapter';
import { EvalyoClient } from './evalyo.client';
import { evalyoDescriptor } from './evalyo.descriptor';
import { evalyoReads } from './evalyo.reads';
import { evalyoWrites } from './evalyo.writes';

/** The adapter plus its typed client (reports by report id, candidate lists) and a way to release its pool. */
export interface EvalyoAdapter extends VendorAdapter {
  readonly client: EvalyoClient;
  /** Always present: Evalyo can invite (see evalyo.writes.ts). */
  inviteCandidate(input: NewInvitation): Promise<Interview>;
  /** Always present: Evalyo interviews name their candidate by id only (see evalyo.reads.ts). */
  getCandidates(candidateIds: readonly string[]): Promise<BatchResult<CandidateAccount>>;
  close(): Promise<void>;
}

export function createEvalyoAdapter(deps: VendorAdapterDeps): EvalyoAdapter {
  const client = new EvalyoClient(deps);
  return {
    descriptor: evalyoDescriptor,
    credentialScope: credentialScope(deps.apiKey),
    client,
    health: () => client.health(),
    close: () => client.close(),
    ...evalyoReads(client, deps.logger),
    ...evalyoWrites(client),
  };
}
