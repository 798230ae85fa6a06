/**
 * Reference resolvers of the Federation 2 entities: how a router's `_entities(representations)`
 * turns a key into our object. Each goes through the request's DataLoaders, exactly like
 * `node(id:)` and `candidate(email:)`, so a router asking for 100 entities in one fetch makes one
 * batched load per vendor (DataLoader collects every `load` of the tick), not 100 calls.
 *
 * - Interview, Report, InterviewTemplate: `@key(fields: "id")`, our global id. An id of another
 *   type or a malformed one is BAD_USER_INPUT (the error of `node`); an id the vendor does not
 *   know resolves to null, as `node` does.
 * - Candidate: `@key(fields: "email")`, so a company's ATS subgraph that owns `Candidate { email }`
 *   gets the AI-interview fields on its own type. The email is matched like `candidate(email:)`
 *   (trimmed, case-insensitive); a person no vendor has interviewed is still a Candidate, with no
 *   accounts and no interviews (null would null every field we add to the ATS's candidate).
 */
import type { Entity, EntityKind } from '../../domain/model';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { candidateFromRefs, candidateKey, type CandidateValue } from '../candidate/candidate.value';
import type { GraphQLContext } from '../context';
import { loadEntity } from '../node/load-entity';

/** A representation as the router sends it: `__typename` plus the key fields. */
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

/** `__resolveReference` per entity type, merged into the subgraph's resolver map. */
export const ENTITY_REFERENCES = {
  Interview: { __resolveReference: byId('Interview') },
  Report: { __resolveReference: byId('Report') },
  InterviewTemplate: { __resolveReference: byId('InterviewTemplate') },
  Candidate: { __resolveReference: candidateByEmail },
};
