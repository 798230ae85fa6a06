import { normaliseEmail } from '../../domain/email';
import type { CandidateAccount } from '../../domain/model';
import { ALL_PROVIDERS } from '../../domain/provider';
import type { IndexedRef } from '../../identity/identity-store';
import { refField } from '../../identity/identity-store';

/**
 * What a Candidate resolves from: a person (normalised email) with the interview refs the
 * identity index holds for them at every vendor.
 */
export interface CandidateValue {
  email: string | null;
  name: string | null;
  accounts: CandidateAccount[];
  refs: IndexedRef[];
}

/** Longest email accepted as a person's key (RFC 3696's 320 characters). */
const MAX_EMAIL_KEY = 320;

/**
 * The identity-index key of an email (trimmed, lower-case), or null when it is not an email
 * address. `candidate(email:)` and the federation Candidate reference use the same rule.
 */
export function candidateKey(email: unknown): string | null {
  const key = typeof email === 'string' ? normaliseEmail(email) : null;
  return key && key.includes('@') && key.length <= MAX_EMAIL_KEY ? key : null;
}

/**
 * Builds the person from index refs, plus the refs of interviews in hand (the interview being
 * read may not be indexed yet). One account per provider: the first ref naming a candidate id.
 */
export function candidateFromRefs(email: string | null, refs: readonly IndexedRef[], extra: readonly IndexedRef[] = []): CandidateValue {
  const byField = new Map<string, IndexedRef>();
  for (const ref of [...refs, ...extra]) if (!byField.has(refField(ref))) byField.set(refField(ref), ref);
  const all = [...byField.values()];
  const accounts: CandidateAccount[] = [];
  for (const provider of ALL_PROVIDERS) {
    const mine = all.filter((r) => r.provider === provider);
    if (mine.length === 0) continue;
    const pick = mine.find((r) => r.candidateProviderId) ?? mine[0];
    accounts.push({ provider, providerId: pick.candidateProviderId, name: mine.find((r) => r.name)?.name ?? null, email: pick.email });
  }
  return {
    email: normaliseEmail(email),
    name: accounts.find((a) => a.name)?.name ?? null,
    accounts,
    refs: all,
  };
}
