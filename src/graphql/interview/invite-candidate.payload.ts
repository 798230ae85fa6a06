import { Field, ObjectType } from 'type-graphql';
import type { Interview } from '../../domain/model';
import { InterviewType } from './interview.type';

@ObjectType({ simpleResolvers: true, description: 'What `inviteCandidate` made.' })
export class InviteCandidatePayload {
  @Field(() => InterviewType, { description: 'The new interview session (status INVITED), with the link the candidate opens in `inviteUrl`.' })
  interview!: Interview;

  @Field({ description: 'True when this is the stored answer to an earlier request with the same idempotencyKey (no second session was created).' })
  replayed!: boolean;
}
