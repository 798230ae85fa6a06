import { Field, ObjectType } from 'type-graphql';
import { TimeOrigin } from '../../domain/model';

@ObjectType({
  simpleResolvers: true,
  description:
    "How the gateway obtained one of this object's times, where it is not simply an instant the vendor gave: a frontend can tell the vendor's time from the gateway's reading of it. Times without a note are the vendor's own, zone included.",
})
export class TimeNote {
  @Field({ description: 'The time field it is about: `createdAt`, `updatedAt`, `invitedAt`, `startedAt` or `completedAt`.' })
  field!: string;

  @Field(() => TimeOrigin, { description: 'How the value was obtained.' })
  origin!: TimeOrigin;

  @Field({ description: 'The vendor field(s) the value comes from, e.g. `completed_date`.' })
  source!: string;
}
