import { normaliseEmail } from '../../domain/email';
import type { CandidateAccount } from '../../domain/model';
import { knownProviders } from '../../domain/provider';
import { type IndexedRef, refField } from '../../identity/identity-index';

export interface CandidateValue {
  email: string | null;
  name: string | null;
  accounts: CandidateAccount[];
  refs: IndexedRef[];
}

/** RFC 3696. */
const MAX_EMAIL_KEY = 320;

/** One rule for `candidate(email:)` and the federation Candidate reference. */
export function candidateKey(email: unknown): string | null {
  const key = typeof email === 'string' ? normaliseEmail(email) : null;
  return key?.includes('@') && key.length <= MAX_EMAIL_KEY ? key : null;
}

/** `extra`: the interview being read may not be indexed yet. One account per provider. */
export function candidateFromRefs(email: string | null, refs: readonly IndexedRef[], extra: readonly IndexedRef[] = []): CandidateValue {
  // One pass per list and per provider: this runs for every Interview.candidate of a page.
  const byField = new Map<string, IndexedRef>();
  for (const list of [refs, extra]) {
    for (const ref of list) {
      const field = refField(ref);
      if (!byField.has(field)) byField.set(field, ref);
    }
  }
  const all = [...byField.values()];
  const accounts: CandidateAccount[] = [];
  for (const provider of knownProviders()) {
    let first: IndexedRef | undefined;
    let withId: IndexedRef | undefined;
    let name: string | null = null;
    for (const ref of all) {
      if (ref.provider !== provider) continue;
      first ??= ref;
      if (!withId && ref.candidateProviderId) withId = ref;
      if (name === null && ref.name) name = ref.name;
    }
    if (!first) continue;
    const pick = withId ?? first;
    accounts.push({ provider, providerId: pick.candidateProviderId, name, email: pick.email });
  }
  return {
    email: normaliseEmail(email),
    name: accounts.find((a) => a.name)?.name ?? null,
    accounts,
    refs: all,
  };
}
