import { Field, ID, InputType } from 'type-graphql';
import { DateTime } from '../common/scalars';

@InputType({ description: 'The person to invite.' })
export class CandidateInput {
  @Field({ description: 'Full name.' })
  name!: string;

  @Field({ description: 'Email address; the invitation goes there and `candidate(email)` finds the interview by it.' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Phone number in E.164 form, e.g. "+33612345678" (HeyMilo, Evalyo).' })
  phone?: string | null;
}

@InputType({
  description:
    "Invites one candidate to one template: one new interview session at the template's provider. Fields the provider cannot take are refused with BAD_USER_INPUT naming them, never dropped.",
})
export class InviteCandidateInput {
  @Field(() => ID, { description: 'Global id of the InterviewTemplate (its provider is where the candidate is invited).' })
  templateId!: string;

  @Field(() => CandidateInput, { description: 'Who to invite.' })
  candidate!: CandidateInput;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "True: the provider emails the invitation; false: only the link is returned (micro1, Xobin, Evalyo). Unset: the provider's default (it emails).",
  })
  sendEmail?: boolean | null;

  @Field(() => DateTime, { nullable: true, description: "When the invitation expires (Xobin, Evalyo). Unset: the provider's default." })
  expiresAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Makes retries safe: a retry with the same key returns the first interview and never creates a second vendor session (kept 24 h). Without it a retried mutation invites again. A UUID is a good choice.',
  })
  idempotencyKey?: string | null;

  // Each vendor's own settings block is added by `vendor-schema.ts`.
}
