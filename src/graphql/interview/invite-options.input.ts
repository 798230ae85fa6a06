/**
 * Per-provider options of `inviteCandidate` (`input.micro1`, `input.heymilo`, …). Only the block
 * of the template's provider may be given; the adapter maps and checks each field.
 */
import { Field, InputType } from 'type-graphql';
import { DateTime } from '../common/scalars';

@InputType({ description: 'One key/value pair.' })
export class KeyValueInput {
  @Field({ description: 'Key.' })
  key!: string;

  @Field({ description: 'Value.' })
  value!: string;
}

@InputType({ description: 'micro1-only settings of an invitation (`POST /interview/invite`).' })
export class Micro1InviteOptionsInput {
  @Field(() => String, { nullable: true, description: 'Links the invitation to a micro1 job application (`job_application_id`).' })
  jobApplicationId?: string | null;
}

@InputType({ description: 'HeyMilo-only settings of an invitation (`POST /api/v2/postings/{id}/candidates`).' })
export class HeyMiloInviteOptionsInput {
  @Field(() => [KeyValueInput], { nullable: true, description: 'Metadata stored on the candidate (at most 50 keys of at most 40 characters).' })
  metadata?: KeyValueInput[] | null;
}

@InputType({ description: 'Xobin-only settings of an invitation (`POST /ai-interviews/invite`).' })
export class XobinInviteOptionsInput {
  @Field(() => DateTime, { nullable: true, description: 'When the invitation becomes usable (Xobin keeps minutes, GMT). Unset: at once.' })
  startsAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Your own id for this invitation (Xobin's `custom_field_id`); reports can be fetched by it." })
  customFieldId?: string | null;
}

@InputType({ description: 'Evalyo-only settings of an invitation (`POST /api/v1/interviews`).' })
export class EvalyoInviteOptionsInput {
  @Field(() => String, { nullable: true, description: 'Evalyo campaign (hiring process) to attach the interview to.' })
  campaignId?: string | null;

  @Field(() => String, { nullable: true, description: 'Stage of that campaign.' })
  stageId?: string | null;

  @Field(() => String, { nullable: true, description: 'Interview configuration to use.' })
  configId?: string | null;

  @Field(() => String, { nullable: true, description: 'The candidate\'s locale when Evalyo does not know them yet (e.g. "en"; Evalyo default "fr").' })
  locale?: string | null;
}
