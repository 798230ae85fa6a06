import { Field, Float, ObjectType } from 'type-graphql';
import { ScoreScale } from '../../domain/model';

@ObjectType({
  simpleResolvers: true,
  description:
    'A score as the vendor gave it and, where its scale is known, on 0–100. Labels-only vendors (micro1) are mapped onto documented ordinal points and keep the label.',
})
export class Score {
  @Field(() => Float, { nullable: true, description: 'The score on 0–100 (higher is better); null when the scale is unknown.' })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: "The vendor's number (or the ordinal point of a label)." })
  raw!: number | null;

  @Field(() => Float, { nullable: true, description: 'Lowest value of the vendor scale, when known.' })
  scaleMin!: number | null;

  @Field(() => Float, { nullable: true, description: 'Highest value of the vendor scale, when known.' })
  scaleMax!: number | null;

  @Field({ description: 'True when the vendor scale is documented (or fixed by a documented label ladder).' })
  scaleKnown!: boolean;

  @Field(() => ScoreScale, {
    description:
      'What kind of number this is: `PERCENT` (a documented scale on 0–100, comparable across vendors), `ORDINAL` (a label on a documented ladder: orders within its vendor, not comparable with percentages) or `UNKNOWN` (no documented scale; `value` is null).',
  })
  scale!: ScoreScale;

  @Field(() => String, { nullable: true, description: 'The rating label as the vendor wrote it, e.g. "Senior", "B1", "Great Answer".' })
  label!: string | null;
}
