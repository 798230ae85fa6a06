import { Field, Float, ObjectType } from 'type-graphql';
import { ScorecardCategory } from '../../domain/model';
import { Score } from '../common/score.type';

@ObjectType({ simpleResolvers: true, description: 'One evaluated skill, question or criterion.' })
export class ScorecardItem {
  @Field(() => ScorecardCategory, { description: 'What kind of item this is.' })
  category!: ScorecardCategory;

  @Field({ description: 'Skill, question or criterion name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The question asked, when the item is a question.' })
  question!: string | null;

  @Field(() => String, { nullable: true, description: "The candidate's answer, when the vendor gives it." })
  answer!: string | null;

  @Field(() => Score, { nullable: true, description: 'The rating (number and/or label).' })
  score!: Score | null;

  @Field(() => String, { nullable: true, description: "The vendor's written evaluation." })
  feedback!: string | null;

  @Field(() => Float, { nullable: true, description: 'Relative importance, on the vendor scale.' })
  weight!: number | null;

  @Field({ description: 'True for informational items the vendor leaves out of averages.' })
  notScored!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'The itemised evaluation of an interview.' })
export class Scorecard {
  @Field(() => Score, {
    nullable: true,
    description:
      "The scorecard's own overall figure. HeyMilo: `web_interview.match_score`, the interview step alone (0–100) — a different figure from the report's `score`, which aggregates every step. micro1 and Xobin: the report's overall score again.",
  })
  overall!: Score | null;

  @Field(() => [ScorecardItem], { description: 'Items in the order the vendor gives them.' })
  items!: ScorecardItem[];
}
