/**
 * Through the request's DataLoaders, so 100 entities in one `_entities` fetch make one load per
 * vendor. A person no vendor interviewed is still a Candidate: null would null every field we add
 * to the ATS subgraph's candidate.
 */
import type { Entity, EntityKind } from '../../domain/model';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { candidateFromRefs, candidateKey, type CandidateValue } from '../candidate/candidate.value';
import type { GraphQLContext } from '../context';
import { loadEntity } from '../node/load-entity';

type Representation = Readonly<Record<string, unknown>>;

// Async, so a bad representation fails only its own entry of `_entities`, not the whole list.
function byId(kind: EntityKind) {
  return async (reference: Representation, ctx: GraphQLContext): Promise<Entity | null> => {
    if (typeof reference.id !== 'string') throw new BadUserInputError(`A ${kind} representation needs its key field \`id\` (a string).`, { typename: kind });
    return loadEntity(ctx.loaders, reference.id, kind);
  };
}

async function candidateByEmail(reference: Representation, ctx: GraphQLContext): Promise<CandidateValue> {
  const key = candidateKey(reference.email);
  if (!key) throw new BadUserInputError('A Candidate representation needs its key field `email` (an email address).', { typename: 'Candidate' });
  return candidateFromRefs(key, await ctx.loaders.refsByEmail.load(key));
}

export const ENTITY_REFERENCES = {
  Interview: { __resolveReference: byId('Interview') },
  Report: { __resolveReference: byId('Report') },
  InterviewTemplate: { __resolveReference: byId('InterviewTemplate') },
  Candidate: { __resolveReference: candidateByEmail },
};
