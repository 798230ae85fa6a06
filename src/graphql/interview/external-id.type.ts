import { Field, ObjectType } from 'type-graphql';
import { ExternalIdKind } from '../../domain/model';

@ObjectType({
  simpleResolvers: true,
  description:
    "An id of another system that the vendor carries for this interview (the company's ATS, the vendor's job objects): how an ATS graph joins this one.",
})
export class ExternalId {
  @Field(() => ExternalIdKind, { description: 'What the id names.' })
  kind!: ExternalIdKind;

  @Field({ description: 'The id, as the vendor sent it.' })
  id!: string;

  @Field({ description: 'The vendor field it was read from, e.g. `ats_job_application_id`.' })
  source!: string;
}
