import type { CandidateAccount } from '../../domain/model';
import { normaliseEmail } from '../../domain/email';
import type { Candidate } from './candidate.type';

/** The Candidate seen through one provider account (the cross-provider person comes from the identity index). */
export function candidateFromAccount(account: CandidateAccount): Candidate {
  return { email: normaliseEmail(account.email), name: account.name, accounts: [account] };
}
