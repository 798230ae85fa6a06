import { interviewSortTime } from '../../domain/interview';
import type { Interview } from '../../domain/model';
import type { IdentityRef } from '../../domain/identity-ref';

/** What the identity index keeps of an interview the gateway holds whole. */
export function identityRefOf(interview: Interview): IdentityRef {
  return {
    locator: interview.locator,
    email: interview.candidate.email,
    name: interview.candidate.name,
    candidateProviderId: interview.candidate.providerId,
    createdAt: interviewSortTime(interview),
  };
}
