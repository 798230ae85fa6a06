import { ProviderEnum } from '../common/enums';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Recommendation } from '../../domain/model';
import type { Provider } from '../../domain/provider';
import { NodeInterface } from '../common/node.interface';
import { DateTime } from '../common/scalars';
import { Score } from '../common/score.type';
import { Integrity } from './integrity.type';
import { Recording } from './recording.type';
import { Scorecard } from './scorecard.type';
import { TranscriptTurn } from './transcript-turn.type';

@Directive('@key(fields: "id")')
@ObjectType('Report', { simpleResolvers: true, implements: NodeInterface, description: 'The evaluation of a completed interview.' })
export class ReportType extends NodeInterface {
  @Field(() => ProviderEnum, { description: 'The vendor that produced it.' })
  provider!: Provider;

  @Field({ description: "The vendor's own id for the report." })
  providerId!: string;

  @Field(() => DateTime, { nullable: true, description: 'When the vendor created it, if known.' })
  createdAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the vendor last changed it, if known.' })
  updatedAt!: string | null;

  @Field(() => Score, {
    nullable: true,
    description:
      "The vendor's overall figure for this report (0–100 only when its scale is documented: see `scale`). HeyMilo: `score`, aggregated over every step of the posting (resume, forms, the interview) — not the interview's own `match_score`, which is `scorecard.overall`. micro1: `ai_match_score` (scale undocumented). Xobin: `score` (scale undocumented). Evalyo: `evaluation.overallScore` (shape and scale undocumented).",
  })
  score!: Score | null;

  @Field(() => Recommendation, { description: 'Hiring recommendation, NO_DECISION when the vendor gives none.' })
  recommendation!: Recommendation;

  @Field(() => String, { nullable: true, description: "The vendor's recommendation word." })
  recommendationRaw!: string | null;

  @Field(() => String, { nullable: true, description: 'Summary text, when the vendor writes one.' })
  summary!: string | null;

  @Field(() => [String], { description: 'Strengths the vendor noted.' })
  highlights!: string[];

  @Field(() => [String], { description: 'Weaknesses the vendor noted.' })
  lowlights!: string[];

  @Field(() => Integrity, { nullable: true, description: 'Proctoring result, when the vendor ran it.' })
  integrity!: Integrity | null;

  @Field(() => Scorecard, { nullable: true, description: 'Itemised evaluation.' })
  scorecard!: Scorecard | null;

  @Field(() => [TranscriptTurn], { description: 'The conversation, in order.' })
  transcript!: TranscriptTurn[];

  @Field(() => [Recording], { description: 'Recordings of the interview.' })
  recordings!: Recording[];

  @Field(() => String, { nullable: true, description: 'A PDF of the report, when the vendor offers one.' })
  pdfUrl!: string | null;

  @Field(() => String, { nullable: true, description: "The report's page at the vendor, when it has one." })
  reportUrl!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the interview was completed, if known.' })
  completedAt!: string | null;
}
