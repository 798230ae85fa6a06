import { ProviderEnum } from '../common/enums';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Decision, InterviewStatus } from '../../domain/model';
import type { Provider } from '../../domain/provider';
import { NodeInterface } from '../common/node.interface';
import { DateTime } from '../common/scalars';

@Directive('@key(fields: "id")')
@ObjectType('Interview', {
  simpleResolvers: true,
  implements: NodeInterface,
  description: "One candidate's interview session at one provider (a micro1 invite, a HeyMilo interview, a Xobin response, an Evalyo interview).",
})
export class InterviewType extends NodeInterface {
  @Field(() => ProviderEnum, { description: 'The vendor running this interview.' })
  provider!: Provider;

  @Field({ description: "The vendor's own id for this session." })
  providerId!: string;

  @Field(() => DateTime, { nullable: true, description: 'When the vendor created it (the invitation), if known.' })
  createdAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the vendor last changed it, if known.' })
  updatedAt!: string | null;

  @Field(() => InterviewStatus, { description: 'Normalised status.' })
  status!: InterviewStatus;

  @Field(() => String, { nullable: true, description: "The vendor's status word." })
  statusRaw!: string | null;

  @Field(() => Decision, { nullable: true, description: 'A decision recorded at the vendor (HeyMilo shortlisted/dismissed/knocked out).' })
  decision!: Decision | null;

  @Field(() => String, { nullable: true, description: "The vendor's word for the decision." })
  decisionRaw!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The template's name as the vendor gives it with the interview (set even when `template` cannot be loaded, e.g. one the vendor no longer lists).",
  })
  templateName!: string | null;

  @Field(() => String, { nullable: true, description: 'The link the candidate uses to take the interview.' })
  inviteUrl!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the candidate was invited.' })
  invitedAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the candidate started, if the vendor says.' })
  startedAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the candidate finished, if the vendor says.' })
  completedAt!: string | null;
}
