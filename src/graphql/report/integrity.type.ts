import { Field, ObjectType } from 'type-graphql';
import { Score } from '../common/score.type';

@ObjectType({ simpleResolvers: true, description: 'One proctoring finding.' })
export class IntegrityViolation {
  @Field({ description: 'The vendor\'s kind of finding, e.g. "tab_switch".' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'Its measure as the vendor gives it (a count, a percentage, a confidence).' })
  value!: string | null;

  @Field(() => String, { nullable: true, description: "The vendor's explanation." })
  description!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Proctoring / cheat detection, normalised so that 100 means no sign of cheating. Vendor scales that run the other way (HeyMilo ranking 1 = clean) are inverted.',
})
export class Integrity {
  @Field(() => Score, { nullable: true, description: 'Integrity on 0–100, higher = more trustworthy.' })
  score!: Score | null;

  @Field(() => [IntegrityViolation], { description: 'What the vendor flagged.' })
  violations!: IntegrityViolation[];
}
